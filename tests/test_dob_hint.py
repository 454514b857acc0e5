"""IDN003 reads a text for a date of birth only when it holds a piece every match holds.

``_may_state_dob`` must never say no where ``_DOB`` matches: checked on generated text full
of the pieces' letters, on non-ASCII text, and on every fixture and evaluation plan text
(all invented).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ehcp_lint.checks.idn003_conflicting_date_of_birth import _DOB, _may_state_dob
from guard_texts import plan_texts

_PIECES = st.sampled_from(
    ["date of birth", "Date  Of\nBirth", "DOB", "d.o.b.", "D.O.B", "do.b", "born", "Born on", "BORN",
     "(DOB)", ":", " - ", "|", "14/02/2016", "3rd March 2015", "2016-02-14", "March 3, 2015", "12.3.15",
     "birthday", "d o b", "\u0130", "\u017f", "\u212a", "\u00e9", " ", "x", "b", "d", "o", "."]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_PIECES, max_size=10).map("".join))
def test_never_rules_out_a_text_with_a_date_of_birth(text: str) -> None:
    if _DOB.search(text) is not None:
        assert _may_state_dob(text)


def test_plan_texts_ruled_out_hold_no_date_of_birth() -> None:
    stated = 0
    for text in plan_texts():
        found = _DOB.search(text) is not None
        stated += found
        if found:
            assert _may_state_dob(text)
    assert stated > 0, "no plan text states a date of birth: nothing was checked"
