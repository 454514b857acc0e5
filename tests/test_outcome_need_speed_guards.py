"""Structural guarantees behind the outcome and need rules' speed (no timings: see benchmarks/).

* OUT002 looks for a vague word before working out whether the outcome has a
  measure, and skips the vague-word pattern for a text holding none of its
  literals: the prefilter never says "no" to a text the pattern matches, and
  the rule reports what it reported when the measure came first.
* ``may_hold_placeholder`` is one search for the placeholder literals; it
  answers as looking for each literal in turn did.

Texts come from the fixture plans, the evaluation plans and the 1x benchmark
plan (all invented), plus generated text built from the rules' own wordings.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ehcp_lint.checks import out002_unobservable_outcome as out002
from ehcp_lint.checks._smart_outcome import has_measure, is_outcome_text
from ehcp_lint.checks._text import (
    _PLACEHOLDER_LITERALS,
    PLACEHOLDER_RE,
    may_hold_placeholder,
    strip_placeholders,
)
from ehcp_lint.config import Config
from ehcp_lint.engine.rule import RuleContext, TextUnit
from ehcp_lint.engine.units import plan_units
from ehcp_lint.reading import load_plan

_ROOT = Path(__file__).resolve().parents[1]


def _plan_paths() -> list[Path]:
    paths = sorted((_ROOT / "fixtures" / "plans").glob("*.md"))
    paths += sorted((_ROOT / "fixtures" / "plans").glob("*.docx"))
    paths += sorted((_ROOT / "benchmarks" / "eval" / "plans").glob("*.md"))
    one_x = _ROOT / "benchmarks" / "corpus" / "sizes" / "plan-1x.docx"
    if one_x.exists():
        paths.append(one_x)
    return paths


@cache
def _corpus_units() -> tuple[TextUnit, ...]:
    units: list[TextUnit] = []
    for path in _plan_paths():
        units.extend(plan_units(load_plan(path)))
    return tuple(units)


def _section_units(*keys: str) -> Iterator[TextUnit]:
    for unit in _corpus_units():
        if unit.section_key in keys and unit.kind in ("paragraph", "list_item", "table_cell"):
            yield unit


def test_the_corpus_has_outcomes_with_and_without_vague_words() -> None:
    outcomes = [u for u in _section_units("E") if is_outcome_text(u.text)]
    assert len(outcomes) > 50
    assert any(out002._VAGUE.search(u.text) for u in outcomes)
    assert any(not out002._VAGUE.search(u.text) for u in outcomes)


# --------------------------------------------------------------------------- OUT002

_VAGUE_WORDINGS = [
    "improve", "improved", "development", "developing", "understands", "be more aware",
    "become aware", "awareness", "make good progress", "making expected progress",
    "achieve her full potential", "reach their potential", "continue to access", "accessing",
    "increase his confidence", "increased independence", "more confident", "less settled",
    "feel safe", "be calmer", "self-esteem", "enjoys", "engage with", "cope better",
    "manage her emotions", "learn about", "know when", "tolerates", "less often",
    "more frequently", "appreciate", "build on his", "work towards", "be ready for",
    "participate fully", "a wide range of", "a variety of", "such as", "etc.", "neatly",
    "appropriately", "effectively", "successfully", "consistently", "continue to read",
]
_FILLER = ["Sam", "will", "read", "by", "July", "2027", "with", "the", "class", "three", "times",
           "as", "recorded", "by", "her", "teacher", ",", ".", "IMPROVE", "Develops", "know-how"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_VAGUE_WORDINGS + _FILLER), min_size=1, max_size=14))
def test_the_vague_word_prefilter_never_refuses_a_text_the_pattern_matches(words: list[str]) -> None:
    prefilter = out002._VAGUE_PREFILTER
    assert prefilter is not None
    text = " ".join(words)
    if out002._VAGUE.search(text):
        assert prefilter.may_match(text.lower())


def test_the_vague_word_prefilter_admits_every_corpus_text_the_pattern_matches() -> None:
    prefilter = out002._VAGUE_PREFILTER
    assert prefilter is not None
    matched = [u.text for u in _corpus_units() if out002._VAGUE.search(u.text)]
    assert matched
    assert all(prefilter.may_match(t.lower()) for t in matched)


def _measure_first(unit: TextUnit) -> list[tuple[int, int, str]]:
    """OUT002's reading of a non-placeholder outcome as it was: measure first, then the vague word."""
    if not is_outcome_text(unit.text) or has_measure(unit):
        return []
    m = out002._VAGUE.search(unit.text)
    return [] if m is None else [(m.start(), m.end(), m.group(0))]


def test_out002_reports_what_it_reported_when_the_measure_came_first() -> None:
    rule = out002.UnobservableOutcome()
    units = list(_corpus_units())
    ctx = RuleContext(plan=None, config=Config(), units=units)  # type: ignore[arg-type]
    compared = 0
    flagged = 0
    for unit in _section_units("E"):
        hits = list(rule.check_unit(unit, ctx))
        if hits and hits[0].message.startswith("What the child will do is a template placeholder"):
            continue  # the placeholder branch runs first and is unchanged
        got = [(h.start, h.end, unit.text[h.start : h.end]) for h in hits]
        assert got == _measure_first(unit), unit.text
        compared += 1
        flagged += bool(got)
    assert compared > 50 and flagged > 5


# --------------------------------------------------------------------------- placeholders


def _each_literal(text: str) -> bool:
    return any(literal in text for literal in _PLACEHOLDER_LITERALS)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([*_PLACEHOLDER_LITERALS, "T", "B", "C", "lick", "hoose", "{", "<", "x",
                                 "X", "XX", "t", "bc", " ", "Choo", "Clic", "[insert]", "«name»", "é"]),
                max_size=12))
def test_may_hold_placeholder_answers_as_each_literal_in_turn(parts: list[str]) -> None:
    text = "".join(parts)
    assert may_hold_placeholder(text) == _each_literal(text)
    if PLACEHOLDER_RE.search(text):
        assert may_hold_placeholder(text)


@pytest.mark.parametrize("attr", ["text"])
def test_may_hold_placeholder_on_the_corpus(attr: str) -> None:
    texts = [getattr(u, attr) for u in _corpus_units()]
    assert any(may_hold_placeholder(t) for t in texts)
    for text in texts:
        assert may_hold_placeholder(text) == _each_literal(text)
        assert strip_placeholders(text) == (PLACEHOLDER_RE.sub(" ", text) if _each_literal(text) else text)
