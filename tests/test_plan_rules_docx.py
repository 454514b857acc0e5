"""Plan-level rules on real Word files built with python-docx.

The rule cases in ``tests/rule_cases`` are Markdown; these check what only a
Word layout can produce: national-grid tables whose provision cell is merged
down over several needs (read as empty cells below), a grid row left empty,
and a personal-details table driving the date and identity rules.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest

from ehcp_lint.config import Config
from ehcp_lint.reading import load_plan
from ehcp_lint.report import Finding
from ehcp_lint.testing import lint_plan

GRID_HEADER = ("B – Special Educational Needs", "F – Special Educational Provision", "E – Outcomes")


def _details(document: docx.document.Document, rows: list[tuple[str, str]]) -> None:
    table = document.add_table(rows=len(rows), cols=2)
    for i, (label, value) in enumerate(rows):
        table.cell(i, 0).text = label
        table.cell(i, 1).text = value


def _grid(document: docx.document.Document, rows: list[tuple[str, str, str]], merge: tuple[int, int] | None = None) -> None:
    """A B | F | E grid; ``merge`` = (first, last) data rows whose provision cell is one merged cell."""
    document.add_paragraph("Cognition and learning")
    table = document.add_table(rows=len(rows) + 1, cols=3)
    for i, h in enumerate(GRID_HEADER):
        table.cell(0, i).text = h
    for r, (need, provision, outcome) in enumerate(rows, start=1):
        table.cell(r, 0).text = need
        table.cell(r, 2).text = outcome
        if provision:
            table.cell(r, 1).text = provision
    if merge is not None:
        first, last = merge
        merged = table.cell(first, 1).merge(table.cell(last, 1))
        merged.text = "A teaching assistant will run a 20-minute phonics session with Sam every school day."


def _write(tmp_path: Path, name: str, build) -> Path:  # type: ignore[no-untyped-def]
    document = docx.Document()
    _details(document, [("Name", "Sam Lowe"), ("Date of birth", "04/03/2016"), ("Year group", "Year 5")])
    document.add_heading("Section A: Views, interests and aspirations", 1)
    document.add_paragraph("I like trains and my dog Pip.")
    document.add_heading("Special Educational Needs and Provision (B-F-E)", 1)
    build(document)
    path = tmp_path / name
    document.save(str(path))
    return path


def _gaps(path: Path) -> list[Finding]:
    return [f for f in lint_plan(load_plan(str(path)), select=["NED101"]) if f.code == "NED101"]


def test_provision_merged_down_over_three_needs_is_not_a_gap(tmp_path: Path) -> None:
    rows = [
        ("Sam reads about two years below his age.", "", "By July 2027 Sam will read 50 words."),
        ("Sam finds it hard to blend sounds.", "", "By July 2027 Sam will blend CVC words."),
        ("Sam mixes up b and d when reading.", "", "By July 2027 Sam will read b and d correctly."),
    ]
    path = _write(tmp_path, "merged.docx", lambda d: _grid(d, rows, merge=(1, 3)))
    assert _gaps(path) == []


def test_empty_provision_cell_at_the_top_of_a_grid_is_a_gap(tmp_path: Path) -> None:
    rows = [
        ("Sam cannot yet write his name.", "", "By July 2027 Sam will write his name."),
        ("Sam reads about two years below his age.", "A teaching assistant will read with Sam daily for 15 minutes.", "By July 2027 Sam will read 50 words."),
    ]
    path = _write(tmp_path, "gap.docx", lambda d: _grid(d, rows))
    gaps = _gaps(path)
    assert len(gaps) == 1
    assert "Sam cannot yet write his name." in gaps[0].message
    assert gaps[0].section == "B" and gaps[0].excerpt == "Sam cannot yet write his name."
    assert gaps[0].location.table is not None and gaps[0].location.row == 2


def test_area_of_need_without_provision_in_word(tmp_path: Path) -> None:
    def build(document: docx.document.Document) -> None:
        document.add_heading("Section B: Special educational needs", 1)
        document.add_heading("Cognition and learning", 2)
        document.add_paragraph("Sam reads about two years below his age.")
        document.add_heading("Sensory and/or physical", 2)
        document.add_paragraph("Sam cannot yet hold a pencil with a tripod grip.")
        document.add_heading("Section F: Special educational provision", 1)
        document.add_heading("Cognition and learning", 2)
        document.add_paragraph("A teaching assistant will read with Sam daily for 15 minutes.")

    path = _write(tmp_path, "areas.docx", build)
    gaps = _gaps(path)
    assert [g.message for g in gaps] == [
        "Section B describes needs in sensory and/or physical, but Section F has no provision for sensory and/or physical."
    ]
    assert gaps[0].excerpt == "Sam cannot yet hold a pencil with a tripod grip."


@pytest.mark.parametrize(
    ("year_group", "expected"),
    [("Year 10", ["OUT102"]), ("Year 5", [])],
)
def test_preparing_for_adulthood_depends_on_the_year_group_in_the_details_table(
    tmp_path: Path, year_group: str, expected: list[str]
) -> None:
    document = docx.Document()
    _details(document, [("Name", "Maisie Hart"), ("Year group", year_group)])
    document.add_heading("Section E: Outcomes", 1)
    document.add_paragraph("By July 2027 Maisie will achieve grade 5 in GCSE English Language.", style="List Bullet")
    path = tmp_path / "pfa.docx"
    document.save(str(path))
    found = [f.code for f in lint_plan(load_plan(str(path)), select=["OUT102"])]
    assert found == expected


def test_out_of_date_reads_the_dates_in_the_details_table(tmp_path: Path) -> None:
    document = docx.Document()
    _details(
        document,
        [("Name", "Maisie Hart"), ("Date of birth", "1 May 2012"), ("Date of plan", "3 March 2023"),
         ("Date of last annual review", "11 April 2025")],
    )
    document.add_heading("Section A: Views, interests and aspirations", 1)
    document.add_paragraph("I like netball.")
    path = tmp_path / "dates.docx"
    document.save(str(path))
    plan = load_plan(str(path))
    late = lint_plan(plan, select=["DAT001"], config=Config(reference_date=dt.date(2026, 6, 1)))
    assert [f.message for f in late] == [
        "The plan was last reviewed on 11 April 2025, 13 months before 1 June 2026; "
        "a plan must be reviewed at least every 12 months."
    ]
    assert late[0].excerpt == "11 April 2025" and late[0].location.table == 1
    on_time = lint_plan(plan, select=["DAT001"], config=Config(reference_date=dt.date(2026, 4, 1)))
    assert on_time == []
