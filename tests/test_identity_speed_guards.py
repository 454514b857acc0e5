"""What the third speed pass on the identity rules relies on, checked on real plans and generated text.

* ``_identity.may_hold_field`` answers False only for a text ``blank_placeholders`` leaves
  unchanged, so ``IdentityReading.blanked`` may skip blanking it.
* IDN001's object-name pattern opens with the capital and restates the look-behind after it:
  the same matches as the form with the look-behind first.

The plans are the fixture plans and the evaluation plans; all are invented.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from ehcp_lint.checks._identity import may_hold_field
from ehcp_lint.checks._plan_text import blank_placeholders
from ehcp_lint.checks.idn001_another_childs_name import _CAPITALISED, _CAPITALISED_PLAIN
from guard_texts import plan_texts

_FIELD_PIECES = st.sampled_from(
    ["{{", "}}", "{%", "%}", "[", "]", "<", ">", "insert", "Insert", "name", "date", "child", "xxx", "XXX",
     "xXx", "x", "X", "YES", "yes", "Yes", "ye\u017f", "YE\u017f", "/", " / ", "NO", "no", " ", "\n", "Ella",
     "will", ".", "\u00e9", "\u212a"]
)


@st.composite
def _field_text(draw: st.DrawFn) -> str:
    return "".join(draw(st.lists(_FIELD_PIECES, max_size=12)))


@settings(max_examples=600, deadline=None)
@given(_field_text() | st.text(max_size=40))
def test_a_text_ruled_out_is_left_unchanged_by_blanking(text: str) -> None:
    if not may_hold_field(text):
        assert blank_placeholders(text) == text


def test_plan_texts_ruled_out_are_left_unchanged_and_fields_are_not_ruled_out() -> None:
    texts = plan_texts()
    ruled_out = [t for t in texts if not may_hold_field(t)]
    assert ruled_out, "the plans should hold texts with no template field"
    for text in ruled_out:
        assert blank_placeholders(text) == text
    for text in ("Ella will [insert date]", "{{ name }} reads", "YES / NO", "Ref XXXX", "<name> will", "yeſ/no"):
        assert blank_placeholders(text) != text
        assert may_hold_field(text)


_NAME_PIECES = st.sampled_from(
    ["Jessica", "Jessica's", "Jessica\u2019s", "Mary-Jane", "Hart", "for", "with", " ", "  ", "\n", "\t", ".",
     ",", "(", "A", "Ab", "ab", "\u00c9lla", "_", "1", "-", "s"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_NAME_PIECES, max_size=14).map("".join))
def test_object_name_pattern_matches_the_look_behind_first_form_on_generated_text(text: str) -> None:
    def spans(pattern: re.Pattern[str]) -> list[tuple[int, int, int]]:
        return [(m.start(), m.end("name"), m.end()) for m in pattern.finditer(text)]

    assert spans(_CAPITALISED) == spans(_CAPITALISED_PLAIN)


def test_object_name_pattern_matches_the_look_behind_first_form_on_plan_text() -> None:
    hits = 0
    for text in plan_texts():
        new = [(m.start(), m.end("name"), m.end()) for m in _CAPITALISED.finditer(text)]
        assert new == [(m.start(), m.end("name"), m.end()) for m in _CAPITALISED_PLAIN.finditer(text)]
        hits += len(new)
    assert hits > 0
