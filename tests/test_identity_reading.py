"""What the speed work on the identity rules relies on, checked on real plans and generated text.

* ``SUBJECT`` and ``PRONOUN`` put the word's first letter before the ``\\b`` they need
  (restated as ``(?<!\\w.)``), so that the regex engine scans for that letter: the same
  matches as the patterns written with a leading ``\\b``.
* ``IdentityReading`` remembers, per plan, what the identity rules read in each distinct
  text (placeholders blanked, subject words, pronouns): the answers equal working them out
  afresh, whatever order the texts are asked in.
* IDN001 counts the child's names in the plan's text with a pattern that opens with each
  name's first letter: the same matches as ``\b(?:names)\b``.
* IDN002 reads a text's sentences once per (text, content or not, text before it): the
  sentences found equal reading every unit afresh.

The plans are the fixture plans and the evaluation plans; all are invented.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from ehcp_lint.checks import _identity
from ehcp_lint.checks._identity import (
    CONTENT_SECTIONS,
    PRONOUN,
    SUBJECT,
    IdentityReading,
    first_names,
    is_same_person,
)
from ehcp_lint.checks._plan_text import blank_placeholders, child_names, reading_units
from ehcp_lint.checks.idn001_another_childs_name import _names_pattern
from ehcp_lint.checks.idn002_pronoun_change import (
    _PROVISION_OR_OUTCOME,
    PronounChange,
    _mentions_someone_else,
    _read_sentences,
)
from ehcp_lint.config import Config
from ehcp_lint.engine.rule import RuleContext
from ehcp_lint.engine.units import plan_units
from guard_texts import guard_plans

#: The patterns as written before: a leading ``\b`` the engine tries at every character.
_OLD_PRONOUN = re.compile(r"\b(?:(?P<male>he|him|his|himself)|she|her|hers|herself)\b", re.I)
_OLD_SUBJECT = re.compile(r"\b" + SUBJECT.pattern.replace(r"[A-Z](?<!\w.)", "[A-Z]", 1))
_OLD_FULL_NAME = (re.compile(r"[A-Z][a-z]+\s+$"), re.compile(r"(?:^|[.!?:;]\s+)[A-Z][a-z]+\s+$"))


def _texts() -> list[str]:
    return sorted({blank_placeholders(u.text) for plan in guard_plans() for u in plan_units(plan)})


_WORDS = st.sampled_from(
    ["he", "He", "HE", "him", "his", "Himself", "she", "She", "her", "hers", "herself", "the", "shed",
     "hehe", "_he", "he_", "1he", "\u017fhe", "\u00e9he", "Ella", "Ella's", "Ella\u2019s", "will", "finds",
     "Tom", "Smith", "reads", "O'Neil", "Mary-Jane", "x", ".", ",", "-", "'", "\n"]
)
_SEPARATORS = st.sampled_from([" ", "", "-", ". ", "\n"])


@st.composite
def _sentences(draw: st.DrawFn) -> str:
    words = draw(st.lists(_WORDS, min_size=1, max_size=12))
    return "".join(w + draw(_SEPARATORS) for w in words)


def _pronouns(rx: re.Pattern[str], text: str) -> list[tuple[int, int, bool]]:
    return [(m.start(), m.end(), m.group("male") is not None) for m in rx.finditer(text)]


def _subjects(rx: re.Pattern[str], text: str) -> list[tuple[int, int, int]]:
    return [(m.start(), m.end("name"), m.end()) for m in rx.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(_sentences())
def test_patterns_match_as_with_a_leading_word_boundary(text: str) -> None:
    assert _pronouns(PRONOUN, text) == _pronouns(_OLD_PRONOUN, text)
    assert _subjects(SUBJECT, text) == _subjects(_OLD_SUBJECT, text)
    assert (SUBJECT.match(text) is None) == (_OLD_SUBJECT.match(text) is None)


def test_patterns_match_as_before_on_every_plan_text() -> None:
    for text in _texts():
        assert _pronouns(PRONOUN, text) == _pronouns(_OLD_PRONOUN, text)
        assert _subjects(SUBJECT, text) == _subjects(_OLD_SUBJECT, text)


def _fresh_subjects(text: str) -> tuple[tuple[str, int, int, str], ...]:
    """Subject words as ``_subject_mentions`` read them before they were remembered per text."""
    out = []
    for m in _OLD_SUBJECT.finditer(text):
        before = text[max(0, m.start() - 25) : m.start()]
        if _OLD_FULL_NAME[0].search(before) and not _OLD_FULL_NAME[1].search(before):
            continue
        follows = text[m.end("name") : m.end()].strip().lower().replace("\u2019", "'")
        out.append((m.group("name"), m.start("name"), m.end("name"), follows))
    return tuple(out)


def test_remembered_answers_equal_fresh_ones_in_any_order() -> None:
    texts = _texts()
    for order in (texts, texts[::-1]):
        reading = IdentityReading(object())
        for raw in order:
            blanked = reading.blanked(raw)
            assert blanked == blank_placeholders(raw)
            assert reading.subjects(blanked) == _fresh_subjects(blanked)
            assert reading.subject_starts(blanked) == tuple(
                (m.group("name"), m.start()) for m in _OLD_SUBJECT.finditer(blanked)
            )
            assert reading.pronouns(blanked) == tuple(
                (m.start(), m.end(), m.group(), m.group("male") is not None) for m in _OLD_PRONOUN.finditer(blanked)
            )


def _unremembered_sentences(ctx: RuleContext, own: set[str]) -> list[tuple[int, int, int, str]]:
    """IDN002's sentences read unit by unit, nothing remembered between units."""
    names = first_names()
    out: list[tuple[int, int, int, str]] = []
    before, section = "", None
    for unit in reading_units(ctx):
        if unit.section_key != section:
            section, before = unit.section_key, ""
        text = blank_placeholders(unit.text)
        pronouns = tuple(
            (m.start(), m.end(), m.group(), m.group("male") is not None) for m in _OLD_PRONOUN.finditer(text)
        )
        if not pronouns:
            before = text
            continue
        subjects = [m.start() for m in _OLD_SUBJECT.finditer(text) if is_same_person(m.group("name"), own)]
        found, before, tentative = _read_sentences(
            text,
            pronouns,
            unit.section_key in CONTENT_SECTIONS,
            before,
            subjects,
            lambda sentence, gender: _mentions_someone_else(
                sentence, own, names, gender, lambda word: _identity.names_a_place(ctx, ctx.plan, word)
            ),
            own,
            names,
            unit.kind != "paragraph" and unit.section_key in _PROVISION_OR_OUTCOME,
        )
        out.extend((ctx.ordinal(unit), s, e, gender) for s, e, gender, *_ in found)
        out.extend((ctx.ordinal(unit), s, e, gender) for s, e, gender, *_ in tentative)
    return out


def test_idn002_reads_each_text_once_with_the_same_sentences() -> None:
    rule = PronounChange()
    checked = 0
    for plan in guard_plans():
        own = set(child_names(plan))
        if not own:
            continue
        _identity._forget_plan()
        ctx = RuleContext(plan=plan, config=Config(), units=plan_units(plan))
        found = [(ctx.ordinal(s.unit), s.start, s.end, s.gender) for s in rule._sentences(plan, ctx, own)]
        assert found == _unremembered_sentences(ctx, own)
        checked += bool(found)
    assert checked >= 5, "too few plans with sentences about the child to check against"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Reuben", "Tregenza", "Ella", "_Ella", "1Ella"]), min_size=1, max_size=3), _sentences())
def test_name_count_pattern_matches_as_with_a_leading_word_boundary(names: list[str], text: str) -> None:
    words = tuple(sorted(set(names), key=len, reverse=True))
    text = text + " " + " ".join(names) + "s Ella_ xElla Ella-Jo \u00e9Ella"
    old = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")
    assert [m.span() for m in _names_pattern(words).finditer(text)] == [m.span() for m in old.finditer(text)]
