"""Guards written into data rules' patterns for speed never change what they match.

PRV008's range pattern has no literal for the prefilter, so it runs on every
unit in scope; a ``(?=\\d)`` in front restates its first character (``\\b(\\d+``)
so Python's engine gives up at once wherever no digit starts. That is only
sound while the pattern does begin with a digit: checked here against the
pattern without the guard on generated texts built from the characters and
words the pattern cares about.
"""

from __future__ import annotations

import re
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from ehcp_lint.engine.data_rules import load_data_rule
from ehcp_lint.engine.registry import builtin_rules_dir

_GUARD = r"(?=\d)"


@cache
def _guarded_patterns() -> list[tuple[str, re.Pattern[str], re.Pattern[str]]]:
    """(rule code, pattern as shipped, the same pattern without its guard) for each guarded group."""
    found = []
    for path in sorted(builtin_rules_dir().glob("*.toml")):
        rule = load_data_rule(path)
        for group in rule.spec.match:
            if group.regex and group.regex.startswith(_GUARD):
                flags = 0 if group.case_sensitive else re.IGNORECASE
                found.append(
                    (
                        rule.code,
                        re.compile(group.regex, flags),
                        re.compile(group.regex[len(_GUARD) :], flags),
                    )
                )
    return found


_PIECES = st.sampled_from(
    [
        "1",
        "2",
        "20",
        "45",
        "1.5",
        "9:00",
        "-",
        "–",
        "—",
        "/",
        ":",
        ".",
        " ",
        "  ",
        "to",
        "or",
        "x",
        "minutes",
        "mins",
        "hours",
        "sessions",
        "times",
        "weeks",
        "half-days",
        "a",
        "ages",
        "(",
        "\n",
    ]
)


def test_prv008s_range_pattern_is_guarded() -> None:
    assert "PRV008" in {code for code, _, _ in _guarded_patterns()}


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=14).map("".join))
def test_a_guard_never_changes_a_match(text: str) -> None:
    for _, guarded, plain in _guarded_patterns():
        assert [m.span() for m in guarded.finditer(text)] == [
            m.span() for m in plain.finditer(text)
        ]


def test_the_guard_keeps_the_rules_own_cases() -> None:
    """Worked cases from the rule's comment: ranges match, times and ratios do not."""
    guarded = next(g for code, g, _ in _guarded_patterns() if code == "PRV008")
    for flagged in ("20-45 minutes", "2–3 times a week", "1 to 2 hours", "20-30-minute sessions"):
        assert guarded.search(flagged), flagged
    for passed in ("1:1 support", "9:00-9:30 daily", "ages 5-11"):
        assert not guarded.search(passed), passed
