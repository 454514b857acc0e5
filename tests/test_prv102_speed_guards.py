"""What PRV102's shortcuts rely on, checked on real and generated text.

PRV102 flags a sentence of Section A, B or E only when it promises provision from a
provider: ``_role_first`` ("a teaching assistant will deliver...") or ``_RECEIVES``
("Sam will receive..."). Both need "will", "shall", "must", "is to" or "are to" followed
by white space, so ``may_promise`` rules out a text without one before the roles' long
alternation runs. That is safe only if it never says no to a text either pattern matches:
checked on the fixture and evaluation plans' texts, the rule cases' texts, and generated
text in every case shape, with characters IGNORECASE folds onto ASCII letters ("\u017f" onto
"s", the Kelvin sign onto "k"). All plan text here is invented.
"""

from __future__ import annotations

from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from ehcp_lint.checks._plan_text import blank_placeholders
from ehcp_lint.checks.prv102_provision_outside_provision_sections import (
    _RECEIVES,
    _norm,
    _providers,
    _ProvisionRoles,
    _role_first,
    may_promise,
)
from ehcp_lint.engine.units import plan_units
from guard_texts import guard_plans, plan_and_case_texts


def _promises(text: str) -> bool:
    return _role_first().search(text) is not None or _RECEIVES.search(text) is not None


def test_no_plan_text_that_promises_provision_is_ruled_out() -> None:
    texts = plan_and_case_texts()
    assert len(texts) > 1000
    promising = [t for t in texts if _promises(t)]
    assert len(promising) > 20  # the texts exercise the patterns, not only their misses
    for text in promising:
        assert may_promise(text), text[:60]
    # and the shortcut rules out a good share of what it is asked about
    assert sum(not may_promise(t) for t in texts) > len(texts) // 3


_ROLES = list(_providers().entries)
_SPACES = [" ", "  ", "\n", "\t", "\u00a0", "\u2003"]
_NOISE = ["", "-", "'", ".", "x", "\u017f", "\u212a", "\u0130", "\u00e9", "\u2019", *_SPACES]
_PROMISE = ["will", "shall", "must", "is to", "are to", "will continue to", "wi\u017f\u017f", "mu\u017ft", "wil"]
_AFTER = ["receive", "have", "be given", "deliver", "run a", "provide the", "check", "see", "the", "Sam"]


def _shaped(draw: st.DrawFn, word: str) -> str:
    shape = draw(st.sampled_from(["as is", "as is", "upper", "lower", "title", "swap", "cut", "fold"]))
    if shape == "upper":
        return word.upper()
    if shape == "lower":
        return word.lower()
    if shape == "title":
        return word.title()
    if shape == "swap":
        return word.swapcase()
    if shape == "cut":
        return word[: draw(st.integers(0, len(word)))]
    if shape == "fold":
        return word.replace("s", "\u017f").replace("k", "\u212a")
    return word


@st.composite
def _promise_like(draw: st.DrawFn) -> str:
    """Role, promise word, verb: each in any case shape, joined by any space or noise."""
    pieces: list[str] = []
    for _ in range(draw(st.integers(1, 3))):
        for words in (_ROLES, _PROMISE, _AFTER):
            word = draw(st.sampled_from(words))
            pieces.append(_shaped(draw, word).replace(" ", draw(st.sampled_from(_SPACES))))
            pieces.append(draw(st.sampled_from(_SPACES if draw(st.booleans()) else _NOISE)))
    return "".join(pieces)


@settings(max_examples=800, deadline=None)
@given(text=_promise_like())
def test_a_text_ruled_out_promises_nothing(text: str) -> None:
    if not may_promise(text):
        assert not _promises(text)


# --------------------------------------------------------------------------- roles named in F, G, H

_ROLE_NAMES = sorted({_norm(r) for r in _ROLES})


def _whole_search(text: str) -> set[str]:
    """What the provision sections name, as the rule read it before: one search of the whole text."""
    return {_norm(h.text) for h in _providers().finditer(text)}


def _asked(text: str) -> list[str]:
    return [*_ROLE_NAMES, *_whole_search(text), "teaching", "assistant", "staff", ""]


@cache
def _provision_texts() -> tuple[str, ...]:
    joined: list[str] = []
    for plan in guard_plans():
        units = [
            u for u in plan_units(plan)
            if u.kind in ("paragraph", "list_item", "table_cell") and u.section_key in ("F", "G", "H1", "H2", "H")
        ]
        joined.append(" ".join(blank_placeholders(u.text) for u in units))
    return tuple(t for t in joined if t)


def test_roles_asked_piecemeal_are_those_the_whole_search_finds_in_plans() -> None:
    texts = _provision_texts()
    assert len(texts) > 10
    named = piecemeal = 0
    for text in texts:
        roles = _ProvisionRoles(text, _providers())
        piecemeal += roles._all is None
        whole = _whole_search(text)
        named += len(whole)
        for role in _asked(text):
            assert roles.names(role) == (role in whole), role
    assert named > 50
    assert piecemeal == len(texts)  # plan text is read piecemeal, not by the whole search


_BREAKS = [".", ",", ";", ":", "(", ")", "/", "_", "[", "]", "?", "!", '"']


@st.composite
def _provision_like(draw: st.DrawFn) -> str:
    """Roles in any case shape, cut or whole, joined by spaces, breaks and folding letters."""
    pieces: list[str] = []
    for _ in range(draw(st.integers(1, 12))):
        word = draw(st.sampled_from([*_ROLES, "Sam", "the", "weekly"]))
        pieces.append(_shaped(draw, word).replace(" ", draw(st.sampled_from(_SPACES))))
        pieces.append(draw(st.sampled_from([*_NOISE, *_BREAKS, *_BREAKS])))
    return "".join(pieces)


@settings(max_examples=500, deadline=None)
@given(text=_provision_like())
def test_roles_asked_piecemeal_are_those_the_whole_search_finds(text: str) -> None:
    roles = _ProvisionRoles(text, _providers())
    whole = _whole_search(text)
    for role in _asked(text):
        assert roles.names(role) == (role in whole), role
