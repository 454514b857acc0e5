"""PRV102's provider filter never rules out a text that names a provider.

PRV102 skips an A, B or E unit when its ``_ProviderFilter`` says no role of the
provision roles list can occur in it, instead of running the list's long
alternation. That shortcut is safe only if "no" is always right: checked here
against the full pattern on texts built from the roles themselves, in any case,
cut short, joined by awkward characters (including non-ASCII letters that
IGNORECASE folds onto ASCII ones), both inside a plan being linted (the one
literal scan per text) and outside one (a search of its own).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ehcp_lint.checks.prv102_provision_outside_provision_sections import (
    _provider_filter,
    _providers,
)
from ehcp_lint.engine.prefilter import refresh_literal_index, scans_remembered

_NOISE = ["", " ", "  ", "-", "'", "\u2019", "\n", ".", "x", "9", "\u212a", "\u017f", "\u0130", "\u00e9"]
_ROLES = list(_providers().entries)


@st.composite
def _text_with_roles(draw: st.DrawFn) -> str:
    pieces: list[str] = []
    for _ in range(draw(st.integers(1, 5))):
        role = draw(st.sampled_from([*_ROLES, "Sam", "will", "every week", "the", "step", "TOTAL"]))
        shape = draw(st.sampled_from(["as is", "upper", "lower", "title", "cut", "swap"]))
        if shape == "upper":
            role = role.upper()
        elif shape == "lower":
            role = role.lower()
        elif shape == "title":
            role = role.title()
        elif shape == "cut":
            role = role[: draw(st.integers(0, len(role)))]
        elif shape == "swap":
            role = role.swapcase()
        pieces.append(role)
        pieces.append(draw(st.sampled_from(_NOISE)))
    return "".join(pieces)


@settings(max_examples=600, deadline=None)
@given(text=_text_with_roles(), in_plan=st.booleans())
def test_a_text_the_filter_rules_out_names_no_provider(text: str, in_plan: bool) -> None:
    providers, pf = _providers(), _provider_filter()
    refresh_literal_index()
    if in_plan:
        with scans_remembered():
            may = pf.may_name(text)
    else:
        may = pf.may_name(text)
    if not may:
        assert providers.regex.search(text) is None


def test_every_role_passes_the_filter_and_most_prose_does_not() -> None:
    pf = _provider_filter()
    for role in _ROLES:
        assert pf.may_name(f"Sam sees the {role} weekly."), role
    assert not pf.may_name("Sam enjoys drawing trains and playing outside with friends.")
    # The short acronyms are why the list had no literal prefilter: found as written only.
    assert pf.may_name("A TA will read with Sam.")
    assert not pf.may_name("Sam will read a book about a cat.")
