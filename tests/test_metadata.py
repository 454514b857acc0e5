"""Personal details: label/value tables and lines, dates, year group, status, looked-after."""

from __future__ import annotations

import datetime as dt

import pytest

from ehcp_lint.metadata import (
    extract_metadata,
    is_unfilled,
    parse_uk_date,
    parse_year_group,
    phase_for_year_group,
)
from ehcp_lint.model import Block, BlockKind, Cell, Location, Row, Section, Table


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("03/04/2015", dt.date(2015, 4, 3)),
        ("3/4/2015", dt.date(2015, 4, 3)),
        ("3.4.15", dt.date(2015, 4, 3)),
        ("03-04-2015", dt.date(2015, 4, 3)),
        ("3 April 2015", dt.date(2015, 4, 3)),
        ("3rd April 2015", dt.date(2015, 4, 3)),
        ("3rd of April, 2015", dt.date(2015, 4, 3)),
        ("21st Sept 2024", dt.date(2024, 9, 21)),
        ("April 3rd, 2015", dt.date(2015, 4, 3)),
        ("2015-04-03", dt.date(2015, 4, 3)),
        ("Born on 12/11/2016 at home", dt.date(2016, 11, 12)),
        ("31/12/99", dt.date(1999, 12, 31)),
        ("April 2015", None),
        ("31/02/2015", None),
        ("{{ date_of_birth }}", None),
        ("dd/mm/yyyy", None),
        ("", None),
    ],
)
def test_parse_uk_date(text: str, expected: dt.date | None) -> None:
    assert parse_uk_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Year 5", "Year 5"),
        ("Y10", "Year 10"),
        ("Yr 7", "Year 7"),
        ("NC Year 9", "Year 9"),
        ("Reception", "Reception"),
        ("Nursery", "Nursery"),
        ("[insert year group]", None),
        ("Key stage 2", None),
    ],
)
def test_parse_year_group(text: str, expected: str | None) -> None:
    assert parse_year_group(text) == expected


@pytest.mark.parametrize(
    ("year", "phase"),
    [("Nursery", "early years"), ("Reception", "early years"), ("Year 1", "primary"),
     ("Year 6", "primary"), ("Year 7", "secondary"), ("Year 11", "secondary"), ("Year 12", "post-16")],
)
def test_phase_from_year_group(year: str, phase: str) -> None:
    assert phase_for_year_group(year) == phase


@pytest.mark.parametrize(
    "value", ["{{ name }}", "[insert]", "[Insert child's name]", "<name>", "TBC", "N/A", "YES/ NO", "  "]
)
def test_unfilled_template_values(value: str) -> None:
    assert is_unfilled(value)


def test_real_values_are_filled() -> None:
    assert not is_unfilled("Robin Example")
    assert not is_unfilled("03/04/2015")


# ----------------------------------------------------------------------------- helpers


def _table(rows: list[list[str]], header: list[str] | None = None, t: int = 1) -> Block:
    table_rows = [
        Row(
            cells=[
                Cell(text=text, location=Location(table=t, row=r, column=c))
                for c, text in enumerate(cells, start=1)
            ],
            location=Location(table=t, row=r),
        )
        for r, cells in enumerate(rows, start=2 if header else 1)
    ]
    table = Table(header=header or [], rows=table_rows)
    return Block(kind=BlockKind.TABLE, text="", location=Location(table=t), table=table)


def _para(text: str, kind: BlockKind = BlockKind.PARAGRAPH) -> Block:
    return Block(kind=kind, text=text, location=Location(paragraph=1))


# ----------------------------------------------------------------------------- extraction


def test_four_column_personal_details_table() -> None:
    front = [
        _para("Education, Health and Care Plan", BlockKind.HEADING),
        _table(
            [
                ["Child or young person’s personal details"],
                ["Name:", "Robin Example", "Preferred name:", "Robbie"],
                ["Date of Birth:", "3rd April 2015"],
                ["Year group:", "Year 4", "Date of plan:", "14/03/2024"],
                ["Date of last review:", "2023-03-10", "Status:", "Final"],
                ["Currently a looked after child?", "No"],
                ["Has been a looked after child?", "Yes"],
            ]
        ),
    ]
    meta = extract_metadata(front, [])
    assert meta.child_name == "Robin Example"
    assert meta.preferred_name == "Robbie"
    assert meta.date_of_birth == dt.date(2015, 4, 3)
    assert meta.year_group == "Year 4"
    assert meta.phase == "primary"
    assert meta.plan_date == dt.date(2024, 3, 14)
    assert meta.last_review_date == dt.date(2023, 3, 10)
    assert meta.status == "final"
    assert meta.looked_after is False  # "has been" looked after is history, not status
    assert meta.personal_details["Name"] == "Robin Example"
    assert meta.personal_details["Date of Birth"] == "3rd April 2015"
    assert meta.personal_details["Has been a looked after child?"] == "Yes"


def test_two_column_table_with_labels_without_colons() -> None:
    front = [
        _table(
            [["Child's name", "Alex Sample"], ["DOB", "1.9.10"], ["NC Year", "Y9"], ["Key stage", "KS3"]],
            header=None,
        )
    ]
    meta = extract_metadata(front, [])
    assert meta.child_name == "Alex Sample"
    assert meta.date_of_birth == dt.date(2010, 9, 1)
    assert meta.year_group == "Year 9"
    assert meta.phase == "secondary"


def test_header_of_labels_over_one_row_of_values() -> None:
    front = [_table([["Jordan Test", "05/06/2012", "Year 8"]], header=["Name", "Date of birth", "Year group"])]
    meta = extract_metadata(front, [])
    assert (meta.child_name, meta.date_of_birth, meta.year_group) == (
        "Jordan Test",
        dt.date(2012, 6, 5),
        "Year 8",
    )


def test_contacts_table_is_not_read_as_personal_details() -> None:
    front = [
        _table(
            [["Jo Bloggs", "SENCO", "01234 567890"], ["Sam Smith", "Class teacher", "01234 567891"]],
            header=["Name", "Role", "Phone"],
        )
    ]
    meta = extract_metadata(front, [])
    assert meta.child_name is None


def test_label_value_lines_and_draft_title() -> None:
    front = [
        _para("DRAFT Education, Health and Care Plan", BlockKind.HEADING),
        _para("Full name: Casey Invented"),
        _para("Known as: Cas"),
        _para("D.O.B.: 7th July 2008"),
        _para("School year: Year 12"),
        _para("Date issued: 1 September 2024"),
        _para("Annual review date: 02.07.2024"),
        _para("Known to social care: Yes – looked after by Anytown Borough Council"),
    ]
    meta = extract_metadata(front, [])
    assert meta.child_name == "Casey Invented"
    assert meta.preferred_name == "Cas"
    assert meta.date_of_birth == dt.date(2008, 7, 7)
    assert meta.year_group == "Year 12"
    assert meta.phase == "post-16"
    assert meta.plan_date == dt.date(2024, 9, 1)
    assert meta.last_review_date == dt.date(2024, 7, 2)
    assert meta.status == "draft"
    assert meta.looked_after is True


@pytest.mark.parametrize(
    ("label", "value", "expected"),
    [
        ("Looked after child", "Yes", True),
        ("Child looked after", "No", False),
        ("CLA", "Y", True),
        ("LAC", "no", False),
        ("Known to social care", "Yes – looked after", True),
        ("Known to social care", "Yes - child in need", None),
        ("Looked after child", "{{ looked_after }}", None),
    ],
)
def test_looked_after(label: str, value: str, expected: bool | None) -> None:
    meta = extract_metadata([_table([[label, value]])], [])
    assert meta.looked_after is expected


@pytest.mark.parametrize(
    ("title", "rows", "expected"),
    [
        ("Education, Health and Care Plan", [["Plan status", "Draft"]], "draft"),
        ("Education, Health and Care Plan", [["Draft or final", "FINAL"]], "final"),
        ("FINAL Education, Health and Care Plan", [], "final"),
        ("Education, Health and Care Plan (Draft)", [], "draft"),
        ("Education, Health and Care Plan", [], None),
    ],
)
def test_status(title: str, rows: list[list[str]], expected: str | None) -> None:
    front = [_para(title, BlockKind.HEADING)]
    if rows:
        front.append(_table(rows))
    assert extract_metadata(front, []).status == expected


def test_template_placeholders_leave_fields_empty() -> None:
    front = [
        _table(
            [
                ["Name:", "{{ name }}", "Preferred name:", "{{ preferred_name }}"],
                ["Date of Birth:", "{{ date_of_birth }}"],
                ["Year group:", "[insert]"],
            ]
        )
    ]
    meta = extract_metadata(front, [])
    assert meta.child_name is None
    assert meta.preferred_name is None
    assert meta.date_of_birth is None
    assert meta.year_group is None
    assert meta.personal_details["Name"] == "{{ name }}"


def test_section_a_is_a_fallback_for_missing_details() -> None:
    section_a = Section(
        key="A",
        title="Section A",
        location=Location(paragraph=3),
        blocks=[_para("Name: Morgan Madeup"), _para("Date of birth: 09/10/2013")],
    )
    front = [_table([["Name:", "Riley Firstfound"]])]
    meta = extract_metadata(front, [section_a])
    assert meta.child_name == "Riley Firstfound"  # front matter wins
    assert meta.date_of_birth == dt.date(2013, 10, 9)
    assert "Date of birth" not in meta.personal_details  # personal_details is the front matter's


def test_labels_without_colons_in_plain_lines() -> None:
    front = [
        _para("Full name Robin Example"),
        _para("Date of birth 3 April 2015"),
        _para("Year group Year 5"),
        _para("Looked-after child Yes – in the care of Northshire County Council"),
        _para("Plan status Final"),
        _para("Parent or carer Mrs Example"),
    ]
    meta = extract_metadata(front, [])
    assert meta.child_name == "Robin Example"
    assert meta.date_of_birth == dt.date(2015, 4, 3)
    assert meta.year_group == "Year 5"
    assert meta.looked_after is True
    assert meta.status == "final"
    assert meta.personal_details["Full name"] == "Robin Example"
    assert "Parent or carer" not in meta.personal_details  # an unknown label needs a colon


def test_sentences_are_not_label_lines() -> None:
    meta = extract_metadata([_para("Name changes were discussed with the family at the meeting.")], [])
    assert meta.child_name is None
