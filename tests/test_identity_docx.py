"""Identity rules on real Word files: the child named by the personal-details table, or by the
title alone, and another child's name or pronoun pasted into the plan.

The plans are invented; each is written with python-docx and read by the real Word reader, so
the tests cover the path a local authority's plan takes (metadata from the details table).
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from ehcp_lint.reading import load_plan
from ehcp_lint.testing import lint_plan

_NEEDS = [
    "Kenzo finds it hard to start writing, and he needs an adult to model the first sentence.",
    "Kenzo loses his place when copying, so he uses a ruler.",
    "Kenzo becomes anxious when his routine changes, and he hides under the table.",
]


def _write(path: Path, *, details: bool, extra: list[str]) -> Path:
    document = docx.Document()
    document.add_heading("Education, Health and Care Plan for Kenzo Adebayo", level=0)
    if details:
        table = document.add_table(rows=0, cols=2)
        for label, value in (
            ("Name", "Kenzo Adebayo"),
            ("Date of birth", "04/03/2015"),
            ("Parent or carer", "Folake Adebayo (mother)"),
        ):
            cells = table.add_row().cells
            cells[0].text, cells[1].text = label, value
    document.add_heading("Section A: Views, interests and aspirations", level=1)
    document.add_paragraph("I like trains and playing outside with my sister Ife.")
    document.add_heading("Section B: Special educational needs", level=1)
    for text in [*_NEEDS, *extra]:
        document.add_paragraph(text)
    document.add_heading("Section F: Special educational provision", level=1)
    document.add_paragraph("A teaching assistant will model the first sentence for Kenzo in every writing lesson.")
    document.save(str(path))
    return path


def _identity_findings(path: Path) -> list[tuple[str, str]]:
    plan = load_plan(path)
    return [(f.code, f.match) for f in lint_plan(plan, select=["IDN001", "IDN002", "IDN003"])]


@pytest.mark.parametrize("details", [True, False], ids=["details-table", "title-only"])
def test_another_childs_name_outside_the_lexicon_is_found(tmp_path: Path, details: bool) -> None:
    path = _write(tmp_path / "plan.docx", details=details, extra=["Tobiah's spelling is at an early stage."])
    assert ("IDN001", "Tobiah") in _identity_findings(path)


@pytest.mark.parametrize("details", [True, False], ids=["details-table", "title-only"])
def test_a_pasted_pronoun_is_found(tmp_path: Path, details: bool) -> None:
    path = _write(tmp_path / "plan.docx", details=details, extra=["She needs a quiet space to calm down."])
    assert ("IDN002", "She") in _identity_findings(path)


@pytest.mark.parametrize("details", [True, False], ids=["details-table", "title-only"])
def test_family_and_professionals_are_not_another_child(tmp_path: Path, details: bool) -> None:
    extra = [
        "Ife helps Kenzo with reading at home.",
        "Mrs Dunn, his class teacher, says he joins in well. She will share his timetable with home.",
        "Dunn's report is attached.",
    ]
    path = _write(tmp_path / "plan.docx", details=details, extra=extra)
    assert _identity_findings(path) == []


def test_a_second_date_of_birth_is_found(tmp_path: Path) -> None:
    path = _write(tmp_path / "plan.docx", details=True, extra=["Kenzo (date of birth 4 March 2016) lives in Leeds."])
    assert ("IDN003", "4 March 2016") in _identity_findings(path)
