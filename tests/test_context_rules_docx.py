"""PRV010, NED001 and OUT001 read a Word plan's items with the context around them.

The plans are real .docx files written with python-docx (bulleted paragraphs in
the "List Bullet" style, real tables), read by the Word reader, so the context
the rules see is the one a caseworker's document gives them.
"""

from __future__ import annotations

from pathlib import Path

import docx

from ehcp_lint.reading import load_plan
from ehcp_lint.testing import lint_plan


def _write_plan(path: Path, *, closing_line: str, impact: str, outcome_heading: str) -> Path:
    document = docx.Document()
    document.add_heading("Section B: Special educational needs", 1)
    document.add_paragraph("Rowan has a diagnosis of autism. At school:")
    document.add_paragraph(impact, style="List Bullet")
    document.add_heading("Section E: Outcomes", 1)
    document.add_heading(outcome_heading, 2)
    document.add_paragraph("Rowan will write four sentences on his own using capital letters.", style="List Bullet")
    document.add_heading("Section F: Special educational provision", 1)
    document.add_heading("Communication and interaction", 2)
    for item in ("Teaching new topic words before each science unit", "Retelling a story with picture prompts"):
        document.add_paragraph(item, style="List Bullet")
    document.add_paragraph(closing_line)
    table = document.add_table(rows=3, cols=2)
    rows = [
        ("Provision", "Details"),
        ("Narrative group", "Run by the emotional literacy support assistant, weekly, 40 minutes"),
        ("Turn-taking games group", "As above"),
    ]
    for row, (first, second) in zip(table.rows, rows, strict=True):
        row.cells[0].text, row.cells[1].text = first, second
    out = path / "plan.docx"
    document.save(str(out))
    return out


def test_context_answers_for_items_in_a_word_plan(tmp_path: Path) -> None:
    path = _write_plan(
        tmp_path,
        closing_line=(
            "All of the above is delivered every day by a teaching assistant trained by the speech and "
            "language therapist, in 20-minute sessions."
        ),
        impact="he lines up his pens before he starts any task",
        outcome_heading="Outcomes to be achieved by July 2028",
    )
    findings = lint_plan(load_plan(path), select=["PRV010", "NED001", "OUT001"])
    assert [(f.code, f.match) for f in findings] == []


def test_context_that_answers_nothing_leaves_the_findings(tmp_path: Path) -> None:
    path = _write_plan(
        tmp_path,
        closing_line="These will be reviewed every term by the SENCO.",
        impact="dyslexia",
        outcome_heading="Cognition and learning",
    )
    found = {(f.code, f.match or f.excerpt) for f in lint_plan(load_plan(path), select=["PRV010", "NED001", "OUT001"])}
    assert ("PRV010", "Teaching new topic words before each science unit") in found
    assert ("PRV010", "Retelling a story with picture prompts") in found
    assert ("NED001", "has a diagnosis of autism") in found
    assert any(code == "OUT001" for code, _ in found)
    # the row saying "As above" still takes the answers of the row above
    assert not any(match == "Turn-taking games group" for _, match in found)
