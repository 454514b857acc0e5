"""How far a note to the writer reaches as template residue (``RuleContext.template_residue``).

A note that opens on a guidance label, or is closed by an instruction to delete it, covers its
whole paragraph, so the rules that stand down on residue (PRV010 among them) do not read its
middle sentences as provision; real provision in a paragraph of its own is still read (failure
mode found on the thirty-third held-out set; all wording here is invented).
"""

from __future__ import annotations

import pytest

from ehcp_lint.testing import lint_plan, plan_from_markdown, plan_from_text


def _codes(plan) -> set[str]:  # type: ignore[no-untyped-def]
    return {f.code for f in lint_plan(plan)}


@pytest.mark.parametrize(
    "text",
    [
        "Guidance: set out the help for every need in B. Name the adult who gives it and how often. "
        "Remove this text before the plan is finalised.",
        "Note to writer: list each support here. Give the adult, the frequency and the session length.",
        "Guidance - say which therapist visits and how often. Name the school that hosts the sessions.",
        "Name the adult who gives each support and how often. Delete this guidance before issuing.",
    ],
)
def test_whole_note_is_residue(text: str) -> None:
    codes = _codes(plan_from_text("F", text))
    assert "TPL002" in codes
    assert "PRV010" not in codes


def test_real_provision_before_a_bracketed_note_is_still_read() -> None:
    text = "Ravi will have help with spelling from an adult. (Guidance: add how often and delete this note.)"
    assert {"TPL002", "PRV010"} <= _codes(plan_from_text("F", text))


def test_real_provision_in_its_own_paragraph_is_still_read() -> None:
    plan = plan_from_markdown(
        "# Section F: Special educational provision\n\n"
        "Guidance: set out the help for every need. Delete this guidance before issuing.\n\n"
        "Ravi will have help with spelling from an adult.\n"
    )
    assert {"TPL002", "PRV010"} <= _codes(plan)


@pytest.mark.parametrize(
    "text",
    [
        "Lorem ipsum dolor sit amet. Vivamus porta, cras lectus aliquet feugiat.",
        "Lorem ipsum dolor sit amet, consectetur elit. Pellentesque habitant tristique senectus.",
    ],
)
def test_filler_latin_runs_to_the_end_of_its_paragraph(text: str) -> None:
    """Filler Latin of two sentences is residue as a whole (thirty-fourth held-out set), so no
    provision rule reads the second sentence."""
    codes = _codes(plan_from_text("H2", text))
    assert "TPL001" in codes
    assert "PRV010" not in codes


def test_real_text_after_filler_latin_is_still_read() -> None:
    codes = _codes(plan_from_text("F", "Lorem ipsum dolor sit amet. Reading group with an adult."))
    assert "PRV010" in codes


@pytest.mark.parametrize(
    "text",
    [
        "To be completed by the class teacher once the new term starts.",
        "Outcome 3: to be agreed with the family at the planning meeting.",
        "Communication outcome \u2013 to be completed by the speech and language therapist",
    ],
)
def test_a_deferred_answer_runs_to_the_end_of_its_sentence(text: str) -> None:
    """A field left for later ("To be completed by <who> …") says nothing but who will fill it in
    and when, so the whole sentence is residue and an outcome check does not also call it an
    outcome without a time frame or a measure."""
    codes = _codes(plan_from_text("E", text))
    assert "TPL001" in codes
    assert not codes & {"OUT001", "OUT002"}


def test_a_deferred_detail_after_a_written_outcome_keeps_the_outcome_read() -> None:
    """The deferral widens only when it opens its paragraph or answers a field label: a written
    outcome before it is still judged."""
    text = "Zara will feel happier at school; measure to be confirmed by the class teacher."
    codes = _codes(plan_from_text("E", text))
    assert "TPL001" in codes
    assert {"OUT001", "OUT002"} <= codes
