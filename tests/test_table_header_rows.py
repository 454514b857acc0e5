"""Which first table rows are column names and which are content rules must read.

A Markdown pipe table must have a header row, so a personal-details table
written in Markdown starts "| Name | [Insert name] |": that row is a
label/value pair, not a header, and template residue in it must be found.
Column names ("Provision | Who | How often", "Abbreviation | Meaning") stay a
header. Word tables follow the same logic. All people here are invented.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from ehcp_lint.model import Plan, Table
from ehcp_lint.reading import load_plan, read_plan
from ehcp_lint.testing import lint_plan

PERSONAL_DETAILS = """# Education, Health and Care Plan

| Name | [Insert name] |
|---|---|
| Date of birth | 3 April 2016 |
| Year group | Year 4 |

# Section F: Special educational provision

| Provision | Who | How often |
|---|---|---|
| Reading with an adult | Teaching assistant | Daily for 10 minutes |

| Abbreviation | Meaning |
|---|---|
| TA | teaching assistant |
"""


def _tables(plan: Plan) -> list[Table]:
    return [block.table for _, block in plan.blocks() if block.table is not None]


def _rows(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


@pytest.fixture(scope="module")
def markdown_plan() -> Plan:
    return read_plan(PERSONAL_DETAILS, "md", source="details.md")


def test_markdown_label_value_first_row_is_content(markdown_plan: Plan) -> None:
    details = _tables(markdown_plan)[0]
    assert details.header == []
    assert _rows(details)[0] == ["Name", "[Insert name]"]
    assert markdown_plan.metadata.personal_details["Name"] == "[Insert name]"
    assert markdown_plan.metadata.child_name is None


def test_placeholder_in_markdown_first_row_is_flagged(markdown_plan: Plan) -> None:
    findings = lint_plan(markdown_plan, ["TPL001"])
    assert [(f.code, f.match, f.section) for f in findings] == [("TPL001", "[Insert name]", None)]


def test_column_names_stay_a_header(markdown_plan: Plan) -> None:
    provision, glossary = _tables(markdown_plan)[1:]
    assert provision.header == ["Provision", "Who", "How often"]
    assert _rows(provision) == [
        ["Reading with an adult", "Teaching assistant", "Daily for 10 minutes"]
    ]
    assert [c.column_name for c in provision.rows[0].cells] == ["Provision", "Who", "How often"]
    assert glossary.header == ["Abbreviation", "Meaning"]
    assert _rows(glossary) == [["TA", "teaching assistant"]]


def test_header_placeholder_in_a_column_name_position_is_content() -> None:
    """A two-column table whose value cell is still a template field is not headed by it."""
    plan = read_plan(
        "# Section I: Placement\n\n| School | [Name and type of school] |\n|---|---|\n"
        "| Start date | September 2025 |\n",
        "md",
        source="placement.md",
    )
    (table,) = _tables(plan)
    assert table.header == []
    assert [f.match for f in lint_plan(plan, ["TPL001"])] == ["[Name and type of school]"]


def test_four_column_label_value_row_is_content() -> None:
    plan = read_plan(
        "| Name: | Robin Example | Date of birth: | 12/02/2015 |\n|---|---|---|---|\n"
        "| Year group: | Year 5 | School: | Hillside Primary |\n\n# Section A: Views\n\nRobin likes trains.\n",
        "md",
        source="four.md",
    )
    details = _tables(plan)[0]
    assert details.header == []
    assert _rows(details)[0] == ["Name:", "Robin Example", "Date of birth:", "12/02/2015"]
    assert plan.metadata.child_name == "Robin Example"


def _bold_row(row: object, texts: list[str]) -> None:
    for cell, text in zip(row.cells, texts, strict=True):  # type: ignore[attr-defined]
        cell.paragraphs[0].add_run(text).bold = True


def test_word_bold_label_value_first_row_is_content(tmp_path: Path) -> None:
    """Word: a bold first row "Name | [Insert name]" is a field, a bold "Provision | Who | How often" a header."""
    document = docx.Document()
    document.add_paragraph("Education, Health and Care Plan")
    details = document.add_table(rows=2, cols=2)
    _bold_row(details.rows[0], ["Name", "[Insert name]"])
    details.rows[1].cells[0].text = "Year group"
    details.rows[1].cells[1].text = "Year 4"
    document.add_heading("Section F: Special educational provision", level=1)
    provision = document.add_table(rows=2, cols=3)
    _bold_row(provision.rows[0], ["Provision", "Who", "How often"])
    for cell, text in zip(
        provision.rows[1].cells,
        ["Reading with an adult", "Teaching assistant", "Daily"],
        strict=True,
    ):
        cell.text = text
    path = tmp_path / "bold.docx"
    document.save(str(path))
    plan = load_plan(path)
    first, second = _tables(plan)
    assert first.header == [] and _rows(first)[0] == ["Name", "[Insert name]"]
    assert second.header == ["Provision", "Who", "How often"]
    assert [f.match for f in lint_plan(plan, ["TPL001"])] == ["[Insert name]"]
