"""A good plan for a child under 5, as a Word file built with python-docx, and controls.

Plan-level failure modes found on the fifth held-out set, in the shape they take in
Word (personal details in a table, headings, bullets): early-years outcomes about
parting from a parent and playing with other children are more than classroom
learning (OUT101); a nil Section C that weighs the health advice beside real health
provision is not questioned for a developmental label alone (MAI001); a named
hospital department answers who in Section G, and part of each task is a length
(PRV010); another child's name pasted in as the object of a provision item is
found (IDN001). Every name and detail is invented.
"""

from __future__ import annotations

from pathlib import Path

import docx

from ehcp_lint.reading import load_plan
from ehcp_lint.report import Finding
from ehcp_lint.testing import lint_plan

RULES = ["OUT101", "MAI001", "PRV010", "IDN001"]

GOOD_OUTCOMES = [
    "By July 2027, Freya will name 15 animals in a picture book when her key person points to them, "
    "on four out of five days.",
    "By July 2027, Freya will wave goodbye to her dad at the nursery door and join an activity within "
    "4 minutes, on four mornings out of five.",
    "By July 2027, Freya will roll a ball to another child and wait for it to come back, on three out "
    "of four occasions observed in a week.",
]
LEARNING_ONLY_OUTCOMES = [
    GOOD_OUTCOMES[0],
    "By July 2027, Freya will count four bricks one by one, touching each, on four out of five occasions.",
    "By July 2027, Freya will draw a line and a circle with a chunky crayon, on three out of four tries.",
]
GOOD_F = [
    "Freya's key person, a nursery practitioner trained in Makaton, will sign and say eight key words "
    "with Freya in a 10-minute session every morning.",
    "A nursery practitioner will sit beside Freya for the first half of every group story time to sign "
    "the key words.",
]


def _write(tmp_path: Path, name: str, outcomes: list[str], provision: list[str]) -> Path:
    document = docx.Document()
    details = [
        ("Name", "Freya Holt"),
        ("Date of birth", "10/01/2023"),
        ("Year group", "Nursery"),
        ("Primary need", "Autism"),
    ]
    table = document.add_table(rows=len(details), cols=2)
    for i, (label, value) in enumerate(details):
        table.cell(i, 0).text = label
        table.cell(i, 1).text = value
    sections: list[tuple[str, list[str]]] = [
        ("Section A: Views, interests and aspirations", [
            "Freya's views were gathered by her key person through observation at the water tray. "
            "Freya said: \"Splash! Again!\"",
        ]),
        ("Section B: Special educational needs", [
            "Freya is autistic. She uses single words and leads an adult by the hand to what she wants.",
            "Freya cries for up to 20 minutes after her dad leaves and plays away from other children.",
        ]),
        ("Section C: Health needs", [
            "Freya has no medical conditions and is healthy. She has a hearing assessment twice a year.",
        ]),
        ("Section D: Social care needs", ["No social care needs have been identified."]),
        ("Section E: Outcomes", outcomes),
        ("Section F: Special educational provision", provision),
        ("Section G: Health provision", [
            "Kestrel Vale Paediatric Audiology Department will test Freya's hearing every six months "
            "in a 45-minute appointment.",
        ]),
        ("Section H1: Social care provision", ["No provision is required under this section."]),
        ("Section H2: Other social care provision", ["No provision is required under this section."]),
        ("Section I: Placement", ["Larkfield Primary School nursery class, five mornings a week."]),
        ("Section J: Personal budget", ["No personal budget has been requested."]),
        ("Section K: Advice and information", [
            "Parent's views, Mr Holt, 2 June 2026",
            "Educational psychologist advice, 3 June 2026",
            "Health advice, community paediatrician, 4 June 2026",
            "Social care advice: records check by Children's Social Care, 5 June 2026",
        ]),
    ]
    for heading, paragraphs in sections:
        document.add_heading(heading, 1)
        style = "List Bullet" if heading.startswith(("Section E", "Section F")) else None
        for text in paragraphs:
            document.add_paragraph(text, style=style)
    path = tmp_path / name
    document.save(str(path))
    return path


def _findings(path: Path) -> list[Finding]:
    return [f for f in lint_plan(load_plan(str(path)), select=RULES) if f.code in RULES]


def test_good_early_years_plan_in_word_raises_none_of_these_rules(tmp_path: Path) -> None:
    path = _write(tmp_path, "freya-good.docx", GOOD_OUTCOMES, GOOD_F)
    assert [(f.code, f.match or f.message) for f in _findings(path)] == []


def test_early_years_plan_with_only_learning_outcomes_is_education_only(tmp_path: Path) -> None:
    path = _write(tmp_path, "freya-learning-only.docx", LEARNING_ONLY_OUTCOMES, GOOD_F)
    codes = [f.code for f in _findings(path)]
    assert codes == ["OUT101"]


def test_another_childs_name_pasted_as_the_object_of_provision_in_word(tmp_path: Path) -> None:
    pasted = [
        GOOD_F[0],
        "A nursery practitioner will sit beside Amelia for the first half of every group story time, "
        "so that she can join in.",
    ]
    path = _write(tmp_path, "freya-pasted.docx", GOOD_OUTCOMES, pasted)
    found = [(f.code, f.match) for f in _findings(path)]
    assert found == [("IDN001", "Amelia")]
