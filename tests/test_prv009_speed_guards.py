"""What PRV009's shortcuts rely on, checked on real and generated text.

PRV009 is called only for a unit holding one of its literals: "adult", "staff",
"professional", "suitably", "appropriately" (every generic actor of the lexicon holds one)
or "small" ("small group"). That is safe only if no text holding a generic actor or a
small group lacks them all: checked on the fixture and evaluation plans' texts, the rule
cases' texts, and generated text in every case shape, with hyphens and odd white space
between words and letters IGNORECASE folds onto ASCII ones, both inside a plan being linted
(the one literal scan per text) and outside one. All plan text here is invented.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ehcp_lint import lexicons
from ehcp_lint.checks._text import find_terms, lexicon_patterns
from ehcp_lint.checks.prv009_unnamed_staff_or_group import _SMALL_GROUP, _literals
from ehcp_lint.engine.prefilter import may_contain, refresh_literal_index, scans_remembered
from guard_texts import plan_and_case_texts

_ACTORS = lexicon_patterns("provision", "generic_actors")


def _judged(text: str) -> bool:
    """Whether PRV009 has a word to judge in ``text``."""
    return bool(find_terms(_ACTORS, text)) or _SMALL_GROUP.search(text) is not None


def _admitted(text: str, in_plan: bool) -> bool:
    prefilter = _literals()
    assert prefilter is not None
    refresh_literal_index()
    if in_plan:
        with scans_remembered():
            return may_contain(prefilter, text)
    return may_contain(prefilter, text)


def test_the_literals_are_the_actor_words_not_the_patterns_heaviest() -> None:
    prefilter = _literals()
    assert prefilter is not None
    assert prefilter.literals == {"adult", "staff", "professional", "suitably", "appropriately", "small"}


def test_no_plan_text_with_a_word_to_judge_is_ruled_out() -> None:
    texts = plan_and_case_texts()
    assert len(texts) > 1000
    judged = [t for t in texts if _judged(t)]
    assert len(judged) > 50  # the texts exercise the patterns, not only their misses
    for text in judged:
        assert _admitted(text, in_plan=True), text[:60]
        assert _admitted(text, in_plan=False), text[:60]


_TERMS = [*lexicons.words("provision", "generic_actors"), "small group", "small-groups", "Sam", "the"]
_JOINS = [" ", "  ", "-", "\n", "\u00a0", "\t"]
_NOISE = ["", " ", ".", ",", "x", "\u017f", "\u212a", "\u0130", "\u00e9", "\u2019"]


@st.composite
def _actor_like(draw: st.DrawFn) -> str:
    pieces: list[str] = []
    for _ in range(draw(st.integers(1, 4))):
        term = draw(st.sampled_from(_TERMS)).replace(" ", draw(st.sampled_from(_JOINS)))
        shape = draw(st.sampled_from(["as is", "upper", "title", "swap", "fold"]))
        if shape == "upper":
            term = term.upper()
        elif shape == "title":
            term = term.title()
        elif shape == "swap":
            term = term.swapcase()
        elif shape == "fold":
            term = term.replace("s", "\u017f").replace("k", "\u212a")
        pieces += [term, draw(st.sampled_from(_NOISE))]
    return "".join(pieces)


@settings(max_examples=600, deadline=None)
@given(text=_actor_like(), in_plan=st.booleans())
def test_a_text_ruled_out_has_no_word_to_judge(text: str, in_plan: bool) -> None:
    if not _admitted(text, in_plan):
        assert not _judged(text)


# --------------------------------------------------------------------------- remembered per text


def test_remembered_words_and_excuses_are_those_read_afresh() -> None:
    """PRV009 remembers per text what it finds in the text alone; the row and sentence stay per unit."""
    from ehcp_lint.checks._provision import has_role, inline_fields
    from ehcp_lint.checks.prv009_unnamed_staff_or_group import (
        _WHO_LABEL,
        _roles_and_who_fields,
        _words_to_judge,
    )

    _words_to_judge.cache_clear()
    _roles_and_who_fields.cache_clear()
    texts = [t for t in plan_and_case_texts() if _judged(t)]
    roles_list = lexicon_patterns("provision", "roles")
    for _ in range(2):  # the second round answers from memory
        for text in texts:
            actors, groups = _words_to_judge(text)
            assert actors == tuple(find_terms(_ACTORS, text))
            assert groups == tuple(m.span() for m in _SMALL_GROUP.finditer(text))
            roles, who, inline_role = _roles_and_who_fields(text)
            assert roles == tuple(find_terms(roles_list, text))
            fresh_who = tuple((s, e) for label, _, s, e in inline_fields(text) if _WHO_LABEL.match(label))
            assert who == fresh_who
            assert inline_role == any(has_role(text[s:e]) for s, e in fresh_who)
    assert _words_to_judge.cache_info().hits >= len(texts)
    assert any(_roles_and_who_fields(t)[1] for t in texts)  # some texts have a "Who:" field
