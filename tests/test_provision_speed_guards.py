"""What the second speed pass on the provision rules relies on, checked on real text.

``first_char_dispatch`` puts each top-level alternative of FREQUENCY_RE and DURATION_RE
behind a look-ahead for its possible first characters and asks the word edge once. The
matches must be exactly the plain pattern's (same spans, same order) on every text a plan
can hold: the fixture and evaluation plans' texts, the rule cases' texts, and generated
text full of the characters where case folding or Unicode digits could differ.
All plan text here is invented.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ehcp_lint.checks._provision import (
    DURATION_RE,
    FREQUENCY_RE,
    GROUP_SIZE_RE,
    first_char_dispatch,
)
from guard_texts import plan_and_case_texts

_PATTERNS = [FREQUENCY_RE, DURATION_RE]


def _spans(rx, text: str) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    return [m.span() for m in rx.finditer(text)]


@pytest.mark.parametrize("rx", _PATTERNS, ids=["frequency", "duration"])
def test_dispatch_is_a_different_pattern_with_guards(rx) -> None:  # type: ignore[no-untyped-def]
    fast = first_char_dispatch(rx)
    assert fast is not rx
    assert fast.pattern.count("(?=[") > 5  # most alternatives got a first-character look-ahead
    assert fast.flags == rx.flags


@pytest.mark.parametrize("rx", _PATTERNS, ids=["frequency", "duration"])
def test_dispatch_finds_the_plain_patterns_matches_on_plan_text(rx) -> None:  # type: ignore[no-untyped-def]
    fast = first_char_dispatch(rx)
    texts = plan_and_case_texts()
    assert len(texts) > 1000
    matched = 0
    for text in texts:
        plain = _spans(rx, text)
        assert _spans(fast, text) == plain, text[:60]
        matched += bool(plain)
    assert matched > 100  # the texts exercise the patterns, not only their misses


_WORDS = [
    "twice", "weekly", "a week", "3 x", "every", "each", "session", "minutes", "one", "half", "term",
    "Monday", "from", "10am", "to", "2pm", "when", "she", "has", "seizures", "in", "all", "lessons",
    "throughout", "the", "day", "for", "6 weeks", "whole", "lunch", "\u212a", "\u0661\u0662", "\u0130",
    "K", "k", "-", ",", ".", ":", "1:1", "x", "X", "30", "DAILY", "Full-time",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_WORDS) | st.text(max_size=4), max_size=14))
def test_dispatch_matches_on_generated_text(words: list[str]) -> None:
    text = " ".join(words)
    for rx in _PATTERNS:
        assert _spans(first_char_dispatch(rx), text) == _spans(rx, text)


def test_a_pattern_without_a_word_edge_on_every_alternative_is_kept() -> None:
    assert first_char_dispatch(GROUP_SIZE_RE) is GROUP_SIZE_RE


def test_remembered_nothing_answers_equal_the_pattern_on_plan_text() -> None:
    """PRV010 remembers whether an item says "None"/"Not applicable" per text: the remembered
    answer is the pattern's, asked in any order, on every plan and rule-case text."""
    from ehcp_lint.checks._plan_text import is_nil_sentence
    from ehcp_lint.checks._prv010_nil import NIL_MADE, NOTHING, says_nothing

    says_nothing.cache_clear()
    texts = plan_and_case_texts()
    said = [t for t in texts if says_nothing(t)]
    assert said  # the texts hold nil lines
    for text in reversed(texts):
        expected = NOTHING.match(text) is not None or (
            NIL_MADE.match(text) is not None and is_nil_sentence(text)
        )
        assert says_nothing(text) == expected
