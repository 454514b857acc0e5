"""The required-literal prefilter may say "maybe" wrongly, never "no" wrongly.

Every rule pattern and term list in the installation is checked: wherever the
real pattern matches (fixture plans, the evaluation plans, generated text built
from the pattern's own literals with case changes, curly quotes and accents),
the prefilter must let the text through. The one scan per text that answers
every prefilter at once must find exactly the literals a text holds, and
linting with it must give the same findings as linting without any prefilter.
"""

from __future__ import annotations

import re
import sys
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ehcp_lint.checks._plan_text import Terms
from ehcp_lint.checks._text import lexicon_patterns
from ehcp_lint.engine import prefilter as prefilter_module
from ehcp_lint.engine.data_rules import DataRule
from ehcp_lint.engine.prefilter import (
    Prefilter,
    may_contain,
    pattern_prefilter,
    prefilter_safe,
    refresh_literal_index,
    required_literals,
    scans_remembered,
    text_literals,
)
from ehcp_lint.engine.registry import load_registry
from ehcp_lint.engine.runner import Linter
from ehcp_lint.lexicons import load
from ehcp_lint.reading import load_plan
from guard_texts import plan_texts

ROOT = Path(__file__).resolve().parent.parent


@cache
def all_patterns() -> list[re.Pattern[str]]:
    """Data-rule regexes, every lexicon list as Python rules compile it, and as Terms."""
    found: list[re.Pattern[str]] = []
    for rule in load_registry():
        if isinstance(rule, DataRule):
            found += [rx for rx, _, _ in rule._compiled().regexes]
    for path in sorted((ROOT / "rules" / "lexicons").glob("*.toml")):
        for key in load(path.stem):
            found += list(lexicon_patterns(path.stem, key))
            found.append(Terms([w for w in load(path.stem)[key]]).regex)
    return found


def _never_wrong(rx: re.Pattern[str], text: str) -> None:
    prefilter = pattern_prefilter(rx)
    if prefilter is not None and rx.search(text):
        assert may_contain(prefilter, text), (rx.pattern[:80], text[:80])


def test_most_rule_patterns_get_a_prefilter() -> None:
    patterns = all_patterns()
    with_one = [rx for rx in patterns if pattern_prefilter(rx) is not None]
    assert len(patterns) > 50
    assert len(with_one) > 0.6 * len(patterns)


def test_prefilters_never_reject_a_match_in_real_plan_text() -> None:
    texts = plan_texts()
    matched = 0
    for rx in all_patterns():
        prefilter = pattern_prefilter(rx)
        if prefilter is None:
            continue
        for text in texts:
            if rx.search(text):
                matched += 1
                assert may_contain(prefilter, text), (rx.pattern[:80], text[:80])
    assert matched > 500  # the check above really ran on matches


@cache
def _literal_pool() -> list[str]:
    pool: set[str] = set()
    for rx in all_patterns():
        found = required_literals(rx)
        if found:
            pool |= found
    return sorted(pool)


_NOISE = st.sampled_from(
    [" ", "  ", "\n", "-", "'", "\u2019", "\u2013", "(", ")", ".", ",", "é", "É", "\u0130", "K", "ß", "SENCo", "X"]
)


@st.composite
def texts_near_literals(draw: st.DrawFn) -> str:
    pieces = draw(
        st.lists(st.one_of(st.sampled_from(_literal_pool()), _NOISE, st.text(max_size=6)), max_size=12)
    )
    text = "".join(pieces)
    return draw(st.sampled_from([text, text.upper(), text.title(), text.swapcase()]))


@settings(max_examples=100, deadline=None)
@given(texts_near_literals())
def test_prefilters_never_reject_a_match_in_generated_text(text: str) -> None:
    for rx in all_patterns():
        _never_wrong(rx, text)


@pytest.mark.parametrize(
    ("pattern", "flags", "literals"),
    [
        (r"\bregular(ly)?\b", re.I, {"regular"}),
        (r"\bsmall[- ]groups?\b", re.I, {"small"}),
        (r"colou?r", 0, {"colo"}),
        (r"\b(XXX+|TBC)\b", 0, {"xxx", "tbc"}),
        (r"ab\s+cd", 0, None),  # two short literals: not worth a prefilter
        (r"\d+ minutes?|hours?", re.I, {" minute", "hour"}),
        (r"\d+ minutes?|\d+h\b", re.I, None),  # one alternative requires only "h"
        (r"\d+ minutes?|\d+", re.I, None),  # one alternative requires no literal at all
        (r"\[\s*insert", re.I, {"insert"}),
        # a positive look-around must match inside the text too; a negative one requires nothing
        (r"x{1,3}\s+(?=(times|sessions?)\b)", re.I, {"times", "session"}),
        (r"(?<=about )\d+", 0, {"about "}),
        (r"(?<!not )\d+ hours", 0, {" hours"}),
        (r"(?!never)\w+", 0, None),
    ],
)
def test_required_literals(pattern: str, flags: int, literals: set[str] | None) -> None:
    found = required_literals(re.compile(pattern, flags))
    assert (set(found) if found is not None else None) == literals


def test_cased_non_ascii_text_is_never_prefiltered() -> None:
    assert prefilter_safe("Sam’s teacher – £5")
    assert not prefilter_safe("Zoë's teacher")
    assert not prefilter_safe("\u0130STANBUL")
    only_istanbul = Prefilter.of(["istanbul"])
    assert only_istanbul is not None
    # 'İ' matches 'i' case-insensitively in re; lower-casing it gives 'i̇', so such text is let through.
    assert re.search("istanbul", "\u0130STANBUL", re.I)
    assert may_contain(only_istanbul, "\u0130STANBUL")


# --------------------------------------------------------------------------- one scan per text


@settings(max_examples=150, deadline=None)
@given(texts_near_literals())
def test_one_scan_finds_exactly_the_registered_literals_a_text_holds(text: str) -> None:
    """The runner and every prefilter trust the scan: no literal may be missed or invented."""
    prefilters = [p for rx in all_patterns() if (p := pattern_prefilter(rx)) is not None]
    refresh_literal_index()
    scan = text_literals(text)
    if scan is None:
        assert not prefilter_safe(text)
        return
    assert scan.lowered == text.lower()
    for prefilter in prefilters:
        assert prefilter.generation <= scan.generation  # covered: answered from the scan
        for literal in prefilter.literals:
            assert (literal in scan.found) == (literal in scan.lowered), literal
        assert scan.admits(prefilter) == prefilter.may_match(scan.lowered)


@settings(max_examples=150, deadline=None)
@given(texts_near_literals())
def test_the_automaton_and_the_regex_scan_both_find_exactly_the_literals_held(text: str) -> None:
    """The scan runs on pyahocorasick when installed, on a regular expression otherwise."""
    literals = frozenset(prefilter_module._INDEX.literals)
    lowered = text.lower()
    expected = {literal for literal in literals if literal in lowered}
    automaton = prefilter_module._Scanner(literals, 0)
    regex = prefilter_module._Scanner(literals, 0, automaton=False)
    assert automaton._automaton is not None  # the dependency is installed and used
    assert regex._automaton is None and regex.regex is not None
    assert set(automaton.scan(lowered)) == expected
    assert set(regex.scan(lowered)) == expected
    assert len(automaton.scan(lowered)) == len(expected)  # each literal once


def test_overlapping_and_nested_literals_are_all_found() -> None:
    level = Prefilter.of(["level"])
    high_level = Prefilter.of(["high level of"])
    of_need = Prefilter.of(["of need"])
    assert level and high_level and of_need
    refresh_literal_index()
    scan = text_literals("A HIGH LEVEL OF NEED")
    assert scan is not None
    assert {"level", "high level of", "of need"} <= set(scan.found)
    assert all(scan.admits(p) for p in (level, high_level, of_need))


def test_a_prefilter_made_after_a_text_was_scanned_is_still_answered_rightly() -> None:
    text = "Sam crosses at the zebra crossing with an adult."
    before = text_literals(text)
    assert before is not None
    late = Prefilter.of(["zebra crossing"])
    absent = Prefilter.of(["pelican crossing"])
    assert late is not None and absent is not None
    assert late.generation > before.generation  # not in the earlier scan: a search answers
    assert may_contain(late, text) and before.admits(late)
    assert not before.admits(absent)


def test_scans_are_remembered_within_one_plan_only() -> None:
    """One scan per text while a plan is linted; nothing kept for the next plan to carry."""
    text = "Sam has regular speech and language therapy sessions."
    with scans_remembered():
        first = text_literals(text)
        assert first is not None and text_literals(text) is first
    with scans_remembered():
        again = text_literals(text)
        assert again is not first and again == first
    assert text_literals(text) is not text_literals(text)  # outside a plan: nothing remembered


def _forget_texts() -> None:
    """Clear the rules' bounded per-text caches, so the second run really reads every text."""
    for name, module in list(sys.modules.items()):
        if name.startswith("ehcp_lint."):
            for value in list(vars(module).values()):
                parameters = getattr(value, "cache_parameters", None)
                if callable(parameters) and parameters().get("maxsize") is not None:
                    value.cache_clear()


def _finding_rows(linter: Linter, path: Path) -> list[tuple[object, ...]]:
    _forget_texts()
    report = linter.lint_plan(load_plan(path))
    return [
        (f.code, f.section, f.start, f.end, f.message, f.suggestion, f.excerpt, f.order)
        for f in report.findings
    ]


def test_skipping_rules_by_literal_changes_no_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whole plans linted with and without the literal scan (no text is ever prefiltered)."""
    plans = [
        ROOT / "fixtures" / "plans" / "grid-ashdown.docx",
        ROOT / "fixtures" / "plans" / "heading-styles-northshire.docx",
        ROOT / "fixtures" / "plans" / "markdown-anytown.md",
    ]
    linter = Linter()
    with_scan = {p: _finding_rows(linter, p) for p in plans}
    assert sum(len(rows) for rows in with_scan.values()) > 20
    monkeypatch.setattr(prefilter_module, "_scan_text", lambda text, scanner: None)
    assert text_literals("regular sessions") is None  # really switched off
    for path in plans:
        assert _finding_rows(Linter(), path) == with_scan[path], path.name


def test_the_scanner_stops_catching_up_with_prefilters_made_plan_by_plan() -> None:
    """A rule making prefilters from each plan's text must not cost a recompilation per plan."""
    index = prefilter_module._LiteralIndex()
    scanners = []
    for n in range(index.MAX_REBUILDS + 10):
        index.register(frozenset([f"invented name {n:03d}"]))
        scanners.append(index.current(catch_up=True))
    assert len({id(s) for s in scanners}) == index.MAX_REBUILDS  # all kept alive: ids distinct
    last = scanners[-1]
    assert last.generation < index.generation
    text = "invented name 000 and invented name 040 joined the class"
    assert last.scan(text) == ("invented name 000",)  # 040 came too late: answered by search
