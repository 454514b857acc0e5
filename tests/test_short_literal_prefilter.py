"""A rule file's ``short_literals = true`` lets a two-letter literal ("XX") prefilter, never wrongly.

The runner skips a data rule for a unit only when the rule's joined prefilter
says no. TPL001's placeholder group ``XX`` has a two-letter literal, lighter
than the default floor, so before ``short_literals`` it had no prefilter and
TPL001 ran on every unit. These tests check the prefilters the rules really
use (each group's, and each rule's union), not only the default ones, on real
plan text and on generated text full of x's in every case.
"""

from __future__ import annotations

import re
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from ehcp_lint.engine.data_rules import DataRule
from ehcp_lint.engine.prefilter import (
    MIN_LITERAL,
    Prefilter,
    may_contain,
    pattern_prefilter,
    required_literals,
)
from ehcp_lint.engine.registry import load_registry
from guard_texts import plan_texts


@cache
def rule_prefilters() -> list[tuple[str, re.Pattern[str], Prefilter | None, Prefilter | None]]:
    """(rule code, group regex, the group's prefilter, the rule's union) as the rules use them."""
    found = []
    for rule in load_registry():
        if isinstance(rule, DataRule):
            compiled = rule._compiled()
            for rx, _, prefilter in compiled.regexes:
                found.append((rule.code, rx, prefilter, compiled.prefilter))
    return found


def _admitted(code: str, rx: re.Pattern[str], text: str, *prefilters: Prefilter | None) -> None:
    if rx.search(text):
        for prefilter in prefilters:
            if prefilter is not None:
                assert may_contain(prefilter, text), (code, rx.pattern[:60], text[:80])


def test_tpl001_xx_group_prefilters_on_its_two_letters_and_the_rule_is_skippable() -> None:
    tpl = [(rx, p, union) for code, rx, p, union in rule_prefilters() if code == "TPL001"]
    xx = [(p, union) for rx, p, union in tpl if rx.pattern.startswith("XX(")]
    assert len(xx) == 1
    group, union = xx[0]
    assert group is not None and group.literals == frozenset({"xx"})
    assert union is not None and "xx" in union.literals


def test_short_literals_stay_off_by_default() -> None:
    rx = re.compile(r"XX(?![\w/.-])")
    assert required_literals(rx) is None
    assert pattern_prefilter(rx) is None
    assert Prefilter.union([pattern_prefilter(re.compile("regular"))]) is not None
    assert Prefilter.of({"xx", "regular"}) is None  # a union falls to the default floor
    assert Prefilter.of({"xx", "regular"}, min_weight=MIN_LITERAL - 1) is not None


def test_rule_prefilters_never_reject_a_match_in_real_plan_text() -> None:
    matched = 0
    for code, rx, prefilter, union in rule_prefilters():
        for text in plan_texts():
            if rx.search(text):
                matched += 1
            _admitted(code, rx, text, prefilter, union)
    assert matched > 150  # the check above really ran on matches


_PIECES = st.sampled_from(
    ["XX", "xx", "Xx", "X", "x", "XXX", " ", "\n", "/", ".", "-", "'", "XX/XX/2026", "é", "É",
     " to confirm", " nights a year", " hours", "XXL", "Xbox", "4X", "(", ")", ": ", "TBC", "[name]"]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=4)), max_size=10).map("".join))
def test_rule_prefilters_never_reject_a_match_in_generated_text(text: str) -> None:
    for code, rx, prefilter, union in rule_prefilters():
        _admitted(code, rx, text, prefilter, union)
