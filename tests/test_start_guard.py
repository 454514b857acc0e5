"""A data rule's regex is tried only where its match can begin, and still finds every match.

``prefilter.start_guard`` reads from a pattern's syntax tree the ways a match can begin
("may" or "might" for ``\\b(may|might)\\s+...``; the start of the text for
``^\\s*(please )?describe``), and ``StartGuard.spans`` tries the pattern only at the
places a plain search of the lower-cased text finds them. That is sound only if every
match does begin at such a place: checked here against ``finditer`` itself, for every
shipped data rule's patterns, over every unit text of the fixture and evaluation plans
and over generated texts built from the patterns' own words; and whole plans are
linted with the guards switched off to show that no finding changes.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ehcp_lint.engine.data_rules import DataRule
from ehcp_lint.engine.prefilter import (
    Prefilter,
    StartGuard,
    prefilter_safe,
    required_literals,
    start_guard,
)
from ehcp_lint.engine.registry import load_registry
from ehcp_lint.engine.runner import Linter
from ehcp_lint.reading import load_plan
from guard_texts import plan_texts

ROOT = Path(__file__).resolve().parent.parent


@cache
def guarded_patterns() -> list[tuple[re.Pattern[str], StartGuard]]:
    """Every shipped data rule regex (its matches and its exceptions) that gets a start guard."""
    found = []
    for rule in load_registry():
        if isinstance(rule, DataRule):
            compiled = rule._compiled()
            patterns = [rx for rx, _, _ in compiled.regexes] + [rx for rx, *_ in compiled.ignores]
            for rx in patterns:
                guard = start_guard(rx)
                if guard is not None:
                    found.append((rx, guard))
    return found


def _same_as_finditer(rx: re.Pattern[str], guard: StartGuard, text: str) -> bool:
    if not prefilter_safe(text):
        return True  # never guarded: such a text has no scan, and the engine runs finditer
    expected = [m.span() for m in rx.finditer(text) if m.end() > m.start()]
    assert guard.spans(rx, text, text.lower()) == expected, (rx.pattern[:80], text[:80])
    return bool(expected)


def test_most_data_rule_patterns_get_a_start_guard() -> None:
    regexes = [
        rx
        for rule in load_registry()
        if isinstance(rule, DataRule)
        for rx, _, _ in rule._compiled().regexes
    ]
    assert len(regexes) > 50
    assert len([rx for rx, _ in guarded_patterns() if rx in regexes]) > 0.7 * len(regexes)


def test_guarded_search_finds_exactly_finditers_matches_in_real_plan_text() -> None:
    matched = 0
    for rx, guard in guarded_patterns():
        for text in plan_texts():
            matched += _same_as_finditer(rx, guard, text)
    assert matched > 150  # the comparison really ran on texts with matches


@cache
def _word_pool() -> list[str]:
    pool: set[str] = set()
    for rx, _ in guarded_patterns():
        pool |= required_literals(rx, min_weight=1) or set()
    return sorted(pool)


_NOISE = st.sampled_from(
    [" ", "  ", "\n", ":", ": ", "(", ")", "[", "{", "<", "-", "\u2013", ".", "1", "12", "3-6",
     "x", "XX", "?", "Part 3", "the", "will ", "may ", "é", "\u2019", "minutes", "weekly"]
)  # fmt: skip


@st.composite
def texts_near_patterns(draw: st.DrawFn) -> str:
    pieces = draw(
        st.lists(st.one_of(st.sampled_from(_word_pool()), _NOISE, st.text(max_size=4)), max_size=14)
    )
    text = "".join(pieces)
    return draw(st.sampled_from([text, text.upper(), text.title(), text.swapcase()]))


@settings(max_examples=150, deadline=None)
@given(texts_near_patterns())
def test_guarded_search_finds_exactly_finditers_matches_in_generated_text(text: str) -> None:
    for rx, guard in guarded_patterns():
        _same_as_finditer(rx, guard, text)


@cache
def exceptions_with_literals() -> list[tuple[re.Pattern[str], Prefilter]]:
    """Every shipped exception (``[[ignore]]``) skipped by its literals when it has no start guard."""
    return [
        (rx, literals)
        for rule in load_registry()
        if isinstance(rule, DataRule)
        for rx, _, _, literals in rule._compiled().ignores
        if literals is not None
    ]


def _skipped_only_without_a_match(rx: re.Pattern[str], literals: Prefilter, text: str) -> bool:
    """An exception its literals skip for ``text`` finds nothing in it (what ``_ignored`` relies on)."""
    if not prefilter_safe(text):
        return False  # never skipped: the engine searches such a text
    found = rx.search(text) is not None
    assert literals.may_match(text.lower()) or not found, (rx.pattern[:80], text[:80])
    return found


def test_exceptions_without_a_start_guard_are_skipped_by_their_literals() -> None:
    """An exception with no place its match must begin is tried at every position of a unit (and
    some read the rest of the sentence from each); its literals let a unit without them skip it."""
    guarded = {rx.pattern for rx, _ in guarded_patterns()}
    skippable = exceptions_with_literals()
    assert len(skippable) >= 3
    for rx, literals in skippable:
        assert rx.pattern not in guarded or start_guard(rx).at_start  # type: ignore[union-attr]
        assert not literals.may_match("the teaching assistant will read with him every morning")


def test_exception_literals_never_skip_a_match_in_real_plan_text() -> None:
    matched = 0
    for rx, literals in exceptions_with_literals():
        for text in plan_texts():
            matched += _skipped_only_without_a_match(rx, literals, text)
    assert matched > 10  # the comparison really ran on texts the exceptions match


@settings(max_examples=150, deadline=None)
@given(texts_near_patterns())
def test_exception_literals_never_skip_a_match_in_generated_text(text: str) -> None:
    for rx, literals in exceptions_with_literals():
        _skipped_only_without_a_match(rx, literals, text)


@pytest.mark.parametrize(
    ("pattern", "flags", "starts", "at_start"),
    [
        # the parser makes "may|might" "m(?:ay|ight)": the run is carried on into the group
        (r"\b(may|might)\s+be", re.IGNORECASE, {"may", "might"}, False),
        (r"^\s*(please\s+)?describe", re.IGNORECASE, None, True),  # only at the start of the text
        (r"(?<=\bin )Part\s+[2-6]|^\s*Part", 0, {"part"}, True),  # look-behinds consume nothing
        (r"(?=\d)(?<![\d:])\b(\d+)\s*(to|-)\s*\d+", 0, {"[\\d]"}, False),
        (r"(?:(?<=:)|(?<=:\s))(insert|enter) text", re.IGNORECASE, {"insert", "enter"}, False),
        (r"[xX?]{1,3} times", 0, {"[\\?x]"}, False),
        (r"(very )?good", 0, {"very ", "good"}, False),  # an optional start: what follows too
        (r"^x", re.MULTILINE, {"x"}, False),  # "^" after any newline: only narrows where "x" is
    ],
)
def test_where_a_match_can_begin(
    pattern: str, flags: int, starts: set[str] | None, at_start: bool
) -> None:
    guard = start_guard(re.compile(pattern, flags))
    assert guard is not None
    assert guard.at_start == at_start
    found = set(guard.regex.pattern.replace("\\ ", " ").split("|")) if guard.regex else None
    assert found == starts


@pytest.mark.parametrize(
    "pattern",
    [
        r"\w+ing",  # any word character
        r"\s*x",  # a space class admits too much to guard
        r"a?",  # can match nothing at all
        r"[A-Za-z]+ly",  # a class of most letters stops almost everywhere
        r".x",
    ],
)
def test_no_guard_where_a_match_could_begin_almost_anywhere(pattern: str) -> None:
    assert start_guard(re.compile(pattern)) is None


def test_a_text_full_of_candidate_starts_is_left_to_finditer() -> None:
    rx = re.compile(r"(?<![\d.])\b(\d+)\s*(-|to)\s*(\d+)\s*minutes")
    guard = start_guard(rx)
    assert guard is not None
    text = "On 1 2 3 4 5 6 7 8 days, 10-15 minutes; then 20 to 30 minutes and 4 - 5 minutes."
    assert guard.spans(rx, text, text.lower()) == [m.span() for m in rx.finditer(text)]
    assert len(guard.spans(rx, text, text.lower())) == 3


def _finding_rows(path: Path) -> list[tuple[object, ...]]:
    report = Linter().lint_plan(load_plan(path))
    return [
        (f.code, f.section, f.start, f.end, f.message, f.suggestion, f.excerpt, f.order)
        for f in report.findings
    ]


def test_start_guards_change_no_finding_on_whole_plans(monkeypatch: pytest.MonkeyPatch) -> None:
    plans = [
        ROOT / "fixtures" / "plans" / "grid-ashdown.docx",
        ROOT / "fixtures" / "plans" / "heading-styles-northshire.docx",
        ROOT / "fixtures" / "plans" / "markdown-anytown.md",
        *sorted((ROOT / "benchmarks" / "eval" / "plans").glob("*.md"))[:6],
    ]
    with_guards = {p: _finding_rows(p) for p in plans}
    assert sum(len(rows) for rows in with_guards.values()) > 20
    groups = [r._compiled().groups for r in load_registry() if isinstance(r, DataRule)]
    for group in groups:
        monkeypatch.setattr(group, "guards", [None] * len(group.guards))
        monkeypatch.setattr(group, "_chosen", {})
    for path in plans:
        assert _finding_rows(path) == with_guards[path], path.name
