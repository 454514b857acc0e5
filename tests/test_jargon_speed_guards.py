"""What the third speed pass on the jargon rules relies on, checked on real plans and generated text.

* ``_CAPS_TOKEN`` opens with the first capital and restates the look-behind after it, so the
  regex engine scans for a capital: the same matches as the form with the look-behind first.
* ``letter_counts`` counts an ASCII text's letters and capitals with ``bytes.translate``: the same
  counts as ``str.isalpha``/``str.isupper`` character by character, for any text.
* ``_defines`` compiles its per-term pattern once: the same match as building it afresh.
* LNG001 and LNG002 answer ``()`` for a unit holding no term's first use and hits otherwise: the
  same findings as running the rule's hits for every unit.

The plans are the fixture plans and the evaluation plans; all are invented.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from ehcp_lint.checks import _jargon
from ehcp_lint.checks._jargon import _CAPS_TOKEN, _CAPS_TOKEN_PLAIN, _definition_line, letter_counts
from ehcp_lint.checks.lng001_unexplained_jargon import UnexplainedJargon
from ehcp_lint.checks.lng002_unexplained_acronym import UnexplainedAcronym
from ehcp_lint.config import Config
from ehcp_lint.engine.rule import RuleContext
from ehcp_lint.engine.units import plan_units
from guard_texts import guard_plans, plan_texts


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


_PIECES = st.sampled_from(
    ["VSH", "TAs", "ADHD", "ODD", "SENCO", "A", "AB", "ABCDEFGH", "I", "Ella", "s", "'", "\u2019", "-", "&",
     "_", "1", "\u00c9", "\u00e9", "x", "DD/MM/YYYY", ".", ",", " ", "\n", "(", ")"]
)


@st.composite
def _caps_text(draw: st.DrawFn) -> str:
    return "".join(draw(st.lists(_PIECES, max_size=14)))


@settings(max_examples=400, deadline=None)
@given(_caps_text())
def test_caps_token_matches_the_look_behind_first_form_on_generated_text(text: str) -> None:
    assert _spans(_CAPS_TOKEN, text) == _spans(_CAPS_TOKEN_PLAIN, text)


def test_caps_token_matches_the_look_behind_first_form_on_plan_text() -> None:
    texts = plan_texts()
    assert any(_CAPS_TOKEN_PLAIN.search(t) for t in texts)
    for text in texts:
        assert _spans(_CAPS_TOKEN, text) == _spans(_CAPS_TOKEN_PLAIN, text)


def _counted_by_character(text: str) -> tuple[int, int]:
    letters = [c for c in text if c.isalpha()]
    return len(letters), sum(c.isupper() for c in letters)


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=60) | _caps_text())
def test_letter_counts_equal_counting_character_by_character(text: str) -> None:
    assert letter_counts(text) == _counted_by_character(text)


def test_letter_counts_on_plan_text_and_letters_outside_ascii() -> None:
    for text in (*plan_texts(), "\u2160 CAPITAL \u2161", "\u00c9COLE \u00e9t\u00e9", "\u017f\u212a ok"):
        assert letter_counts(text) == _counted_by_character(text)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["TA", "SALT", "EP", "C++", "A.B"]), st.text(max_size=40) | _caps_text())
def test_definition_line_is_the_pattern_built_afresh(term: str, tail: str) -> None:
    fresh = re.compile(r"\s*" + re.escape(term) + r"s?\s*(?:[-–—:=]|\s{2,}|\t)\s*(.{3,120})")
    for text in (tail, term + tail, " " + term + " - " + tail, term + "s:  " + tail):
        got, want = _definition_line(term).match(text), fresh.match(text)
        assert (got and got.group(1)) == (want and want.group(1))


def test_jargon_rules_find_what_every_unit_would() -> None:
    """The early ``()`` leaves out only units the hits would say nothing about."""
    config = Config()
    found = 0
    for plan in guard_plans():
        units = plan_units(plan)
        ctx = RuleContext(plan=plan, config=config, units=units)
        for rule in (UnexplainedJargon(), UnexplainedAcronym()):
            for unit in units:
                quick = [(h.start, h.end, h.message) for h in rule.check_unit(unit, ctx)]
                _, positions, terms = _jargon._CACHE[rule.code]
                first = terms.first_in(positions.get(id(unit)))
                every = [(h.start, h.end, h.message) for h in rule._hits(unit, terms, first)]
                assert quick == every
                found += len(quick)
    assert found > 0
