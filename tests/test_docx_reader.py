"""The Word reader on real .docx files built with python-docx (raw XML injected where needed).

Every document here is invented. Each test builds a file in ``tmp_path``, reads
it back with :func:`read_docx` and checks the flat block stream a caseworker's
plan would become.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from ehcp_lint.model import Location
from ehcp_lint.readers.docx_reader import read_docx, tidy_text
from ehcp_lint.readers.raw import RawBlock, RawCell, RawDocument

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
TEMPLATE = Path("/work/shared/real-world/change-programme-template.docx")


# --- helpers ---------------------------------------------------------------------------


def save(document: Any, tmp_path: Path, name: str = "plan.docx") -> Path:
    path = tmp_path / name
    document.save(str(path))
    return path


def read(document: Any, tmp_path: Path) -> RawDocument:
    path = save(document, tmp_path)
    return read_docx(path.read_bytes(), path.name)


def append_body_xml(document: Any, xml: str) -> None:
    """Insert raw WordprocessingML at the end of the body (before the section properties)."""
    element = parse_xml(xml)
    body = document.element.body
    sect_pr = body.find(qn("w:sectPr"))
    if sect_pr is None:
        body.append(element)
    else:
        sect_pr.addprevious(element)


def paragraph_xml(inner: str, ppr: str = "") -> str:
    return f"<w:p {W}>{ppr}{inner}</w:p>"


def run(text: str, rpr: str = "") -> str:
    return f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>'


def texts(raw: RawDocument) -> list[str]:
    return [b.text for b in raw.blocks if b.kind != "table"]


def only_table(raw: RawDocument) -> RawBlock:
    tables = [b for b in raw.blocks if b.kind == "table"]
    assert len(tables) == 1
    return tables[0]


def row_texts(table: RawBlock) -> list[list[str]]:
    return [[cell.text for cell in row] for row in table.rows]


# --- headings, lists, bold -----------------------------------------------------------------


def test_heading_styles_give_kind_and_level(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Education, Health and Care Plan", level=0)
    document.add_heading("Section A: All about me", level=1)
    document.add_heading("Communication and interaction", level=2)
    document.add_heading("Reading", level=3)
    document.add_paragraph("Sam likes trains and drawing.")
    blocks = read(document, tmp_path).blocks
    assert [(b.kind, b.heading_level, b.text) for b in blocks] == [
        ("heading", 0, "Education, Health and Care Plan"),
        ("heading", 1, "Section A: All about me"),
        ("heading", 2, "Communication and interaction"),
        ("heading", 3, "Reading"),
        ("paragraph", None, "Sam likes trains and drawing."),
    ]


def test_custom_styles_based_on_headings_and_outline_levels(tmp_path: Path) -> None:
    document = docx.Document()
    styles = document.styles
    section_style = styles.add_style("LA Section Heading", WD_STYLE_TYPE.PARAGRAPH)
    section_style.base_style = styles["Heading 2"]
    grandchild = styles.add_style("LA Sub Section", WD_STYLE_TYPE.PARAGRAPH)
    grandchild.base_style = section_style
    outlined = styles.add_style("LA Outline", WD_STYLE_TYPE.PARAGRAPH)
    outlined.base_style = styles["Normal"]
    outlined.element.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {W} w:val="3"/>'))
    plain = styles.add_style("LA Body", WD_STYLE_TYPE.PARAGRAPH)
    plain.base_style = styles["Normal"]

    document.add_paragraph("Section B: Special educational needs", style="LA Section Heading")
    document.add_paragraph("Cognition and learning", style="LA Sub Section")
    document.add_paragraph("Section F: Provision", style="LA Outline")
    document.add_paragraph("Sam reads at an early level.", style="LA Body")
    append_body_xml(
        document,
        paragraph_xml(run("Section E: Outcomes"), '<w:pPr><w:outlineLvl w:val="0"/></w:pPr>'),
    )
    append_body_xml(
        document,
        paragraph_xml(
            run("Body text in a heading style"),
            '<w:pPr><w:pStyle w:val="Heading1"/><w:outlineLvl w:val="9"/></w:pPr>',
        ),
    )
    blocks = read(document, tmp_path).blocks
    assert [(b.kind, b.heading_level) for b in blocks] == [
        ("heading", 2),
        ("heading", 2),
        ("heading", 4),
        ("paragraph", None),
        ("heading", 1),
        ("paragraph", None),
    ]


def test_list_items_from_styles_and_numbering(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Visual timetable on the desk", style="List Bullet")
    document.add_paragraph("Check understanding", style="List Number")
    append_body_xml(
        document,
        paragraph_xml(
            run("Directly numbered item"),
            '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>',
        ),
    )
    append_body_xml(
        document,
        paragraph_xml(
            run("Numbering switched off"),
            '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr></w:pPr>',
        ),
    )
    document.add_paragraph("Named as a list, no numbering", style="List Paragraph")
    document.add_paragraph("An ordinary sentence.")
    kinds = [(b.kind, b.text) for b in read(document, tmp_path).blocks]
    assert kinds == [
        ("list_item", "Visual timetable on the desk"),
        ("list_item", "Check understanding"),
        ("list_item", "Directly numbered item"),
        ("paragraph", "Numbering switched off"),
        ("list_item", "Named as a list, no numbering"),
        ("paragraph", "An ordinary sentence."),
    ]


def test_bold_paragraphs(tmp_path: Path) -> None:
    document = docx.Document()
    whole = document.add_paragraph()
    whole.add_run("Section C: ").bold = True
    whole.add_run("Health needs").bold = True
    mixed = document.add_paragraph()
    mixed.add_run("Partly ").bold = True
    mixed.add_run("bold")
    spaced = document.add_paragraph()
    spaced.add_run("Section D").bold = True
    spaced.add_run("   ")  # a plain whitespace run does not spoil a bold heading
    styled_char = document.styles.add_style("LA Strong", WD_STYLE_TYPE.CHARACTER)
    styled_char.font.bold = True
    by_character_style = document.add_paragraph()
    by_character_style.add_run("Section G", style="LA Strong")
    bold_paragraph_style = document.styles.add_style("LA Bold Para", WD_STYLE_TYPE.PARAGRAPH)
    bold_paragraph_style.font.bold = True
    document.add_paragraph("Section I: Placement", style="LA Bold Para")
    switched_off = document.add_paragraph(style="LA Bold Para")
    switched_off.add_run("Not bold after all").bold = False
    append_body_xml(document, paragraph_xml(run("Explicit val 0", '<w:rPr><w:b w:val="0"/></w:rPr>')))
    append_body_xml(document, paragraph_xml(run("Explicit val true", '<w:rPr><w:b w:val="true"/></w:rPr>')))
    result = {b.text: b.bold for b in read(document, tmp_path).blocks}
    assert result == {
        "Section C: Health needs": True,
        "Partly bold": False,
        "Section D": True,
        "Section G": True,
        "Section I: Placement": True,
        "Not bold after all": False,
        "Explicit val 0": False,
        "Explicit val true": True,
    }


def test_bold_from_the_default_style_and_document_defaults(tmp_path: Path) -> None:
    """Unstyled paragraphs take the default (Normal) style, then the document defaults."""
    normal_bold = docx.Document()
    normal_bold.styles["Normal"].font.bold = True
    normal_bold.add_paragraph("Unstyled but bold through Normal")
    assert [b.bold for b in read(normal_bold, tmp_path).blocks] == [True]

    defaults_bold = docx.Document()
    r_pr_default = defaults_bold.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    r_pr_default.find(qn("w:rPr")).append(parse_xml(f"<w:b {W}/>"))
    defaults_bold.add_paragraph("Bold from the document defaults")
    defaults_bold.add_paragraph("Heading-free body").runs[0].bold = False
    assert [b.bold for b in read(defaults_bold, tmp_path).blocks] == [True, False]


# --- text: content controls, hyperlinks, fields, tracked changes ---------------------------


def test_content_controls_at_every_level(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Before the controls")
    # Block-level control around two paragraphs (one empty).
    append_body_xml(
        document,
        f"<w:sdt {W}><w:sdtPr><w:alias w:val='Name'/></w:sdtPr><w:sdtContent>"
        f"<w:p>{run('Name: Sam Example')}</w:p><w:p/>"
        "</w:sdtContent></w:sdt>",
    )
    # Run-level control inside a paragraph.
    append_body_xml(
        document,
        paragraph_xml(
            run("Date of birth: ")
            + "<w:sdt><w:sdtPr><w:date/></w:sdtPr><w:sdtContent>"
            + run("01/02/2016")
            + "</w:sdtContent></w:sdt>"
        ),
    )
    # A table whose second row is wrapped in a row-level control and whose
    # second cell is wrapped in a cell-level control, with a block control inside a cell.
    append_body_xml(
        document,
        f"<w:tbl {W}><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
        f"<w:tr><w:tc><w:p>{run('Need')}</w:p></w:tc>"
        f"<w:sdt><w:sdtContent><w:tc><w:p>{run('Provision')}</w:p></w:tc></w:sdtContent></w:sdt></w:tr>"
        "<w:sdt><w:sdtContent>"
        f"<w:tr><w:tc><w:p>{run('Row in a control')}</w:p></w:tc>"
        f"<w:tc><w:sdt><w:sdtContent><w:p>{run('Cell paragraph in a control')}</w:p>"
        "</w:sdtContent></w:sdt></w:tc></w:tr>"
        "</w:sdtContent></w:sdt>"
        "</w:tbl>",
    )
    raw = read(document, tmp_path)
    assert texts(raw) == ["Before the controls", "Name: Sam Example", "Date of birth: 01/02/2016"]
    paragraphs = [b.location.paragraph for b in raw.blocks if b.kind != "table"]
    assert paragraphs == [1, 2, 4]  # the empty paragraph in the control is still counted
    assert row_texts(only_table(raw)) == [
        ["Need", "Provision"],
        ["Row in a control", "Cell paragraph in a control"],
    ]


def test_hyperlinks_smart_tags_and_field_results(tmp_path: Path) -> None:
    document = docx.Document()
    append_body_xml(
        document,
        paragraph_xml(
            run("See the ")
            + f'<w:hyperlink w:anchor="local-offer">{run("local offer")}</w:hyperlink>'
            + run(" and ")
            + f'<w:smartTag w:uri="urn:x" w:element="place">{run("Taunton")}</w:smartTag>'
            + run(".")
        ),
    )
    append_body_xml(
        document,
        paragraph_xml(
            run("Page ")
            + '<w:fldSimple w:instr=" PAGE ">'
            + run("3")
            + "</w:fldSimple>"
            + '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            + '<w:r><w:instrText xml:space="preserve"> DATE \\@ "d MMMM yyyy" </w:instrText></w:r>'
            + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            + run(" of 12 reviewed 3 May 2025")
            + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        ),
    )
    assert texts(read(document, tmp_path)) == [
        "See the local offer and Taunton.",
        "Page 3 of 12 reviewed 3 May 2025",
    ]


def test_tracked_changes_read_as_accepted(tmp_path: Path) -> None:
    document = docx.Document()
    change = 'w:id="{id}" w:author="Officer" w:date="2025-01-01T00:00:00Z"'
    append_body_xml(
        document,
        paragraph_xml(
            run("Sam will have ")
            + f"<w:del {change.format(id=1)}><w:r><w:delText>some</w:delText></w:r></w:del>"
            + f"<w:ins {change.format(id=2)}>{run('three 30-minute')}</w:ins>"
            # Some generators keep deleted text in w:t rather than w:delText.
            + f"<w:del {change.format(id=10)}>{run(' weekly')}</w:del>"
            + run(" sessions a week.")
        ),
    )
    append_body_xml(
        document,
        paragraph_xml(
            f"<w:moveFrom {change.format(id=3)}>{run('Moved away. ')}</w:moveFrom>"
            + run("Stays.")
            + f"<w:moveTo {change.format(id=4)}>{run(' Moved here.')}</w:moveTo>"
        ),
    )
    append_body_xml(
        document,
        paragraph_xml(
            f"<w:del {change.format(id=5)}><w:r><w:delText>Wholly deleted paragraph</w:delText></w:r></w:del>"
        ),
    )
    append_body_xml(
        document,
        f"<w:tbl {W}><w:tblGrid><w:gridCol/></w:tblGrid>"
        f"<w:tr><w:tc><w:p>{run('Kept row')}</w:p></w:tc></w:tr>"
        f"<w:tr><w:trPr><w:del {change.format(id=6)}/></w:trPr>"
        f"<w:tc><w:p><w:del {change.format(id=7)}><w:r><w:delText>Deleted row</w:delText></w:r></w:del></w:p></w:tc></w:tr>"
        f"<w:tr><w:trPr><w:ins {change.format(id=8)}/></w:trPr><w:tc><w:p>"
        f"<w:ins {change.format(id=9)}>{run('Inserted row')}</w:ins></w:p></w:tc></w:tr>"
        "</w:tbl>",
    )
    raw = read(document, tmp_path)
    assert texts(raw) == ["Sam will have three 30-minute sessions a week.", "Stays. Moved here."]
    table = only_table(raw)
    assert row_texts(table) == [["Kept row"], ["Inserted row"]]
    assert table.rows[1][0].location == Location(table=1, row=2, column=1)


def test_comments_headers_footers_and_text_boxes_are_not_body_text(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph()
    commented = paragraph.add_run("Sam enjoys swimming.")
    document.add_comment(commented, text="Reviewer note: check with parents", author="Officer")
    section = document.sections[0]
    section.header.paragraphs[0].text = "OFFICIAL-SENSITIVE header"
    section.footer.paragraphs[0].text = "Page footer text"
    append_body_xml(
        document,
        paragraph_xml(
            run("Anchor text")
            + '<w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox>'
            + f"<w:txbxContent><w:p>{run('Text box words')}</w:p></w:txbxContent>"
            + "</v:textbox></v:shape></w:pict></w:r>"
        ),
    )
    append_body_xml(
        document,
        paragraph_xml(
            '<w:r><w:footnoteReference w:id="1"/></w:r>' + run("After a footnote mark")
        ),
    )
    assert texts(read(document, tmp_path)) == [
        "Sam enjoys swimming.",
        "Anchor text",
        "After a footnote mark",
    ]


def test_alternate_content_is_read_once(tmp_path: Path) -> None:
    """Markup-compatibility blocks offer the same runs twice (choice and fallback)."""
    document = docx.Document()
    mc = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    append_body_xml(
        document,
        f"<w:p {W} {mc}>{run('Sam uses ')}<mc:AlternateContent>"
        f'<mc:Choice Requires="w14">{run("a communication book")}</mc:Choice>'
        f"<mc:Fallback>{run('a communication book')}</mc:Fallback>"
        f"</mc:AlternateContent>{run('.')}</w:p>",
    )
    append_body_xml(
        document,
        f"<w:p {W} {mc}><mc:AlternateContent>"
        f"<mc:Fallback>{run('Only a fallback')}</mc:Fallback>"
        "</mc:AlternateContent></w:p>",
    )
    assert texts(read(document, tmp_path)) == ["Sam uses a communication book.", "Only a fallback"]


def test_tabs_breaks_and_spaces_are_tidied(tmp_path: Path) -> None:
    document = docx.Document()
    append_body_xml(
        document,
        paragraph_xml(
            run("  Name:")
            + "<w:r><w:tab/></w:r>"
            + run("Sam    Example  ")
            + "<w:r><w:br/><w:br/><w:br/></w:r>"
            + run("Year\u00a0group:  4")
            + '<w:r><w:br w:type="page"/></w:r>'
            + "<w:r><w:noBreakHyphen/></w:r>"
            + run("end ")
        ),
    )
    assert texts(read(document, tmp_path)) == ["Name: Sam Example\n\nYear group: 4\n-end"]


def test_tidy_text_keeps_one_blank_line_between_parts() -> None:
    assert tidy_text("\n\n a \t b \n\n\n\n c  \n \n") == "a b\n\nc"
    assert tidy_text(" \n\t ") == ""


# --- locations and tables ---------------------------------------------------------------------


def test_paragraph_and_table_locations(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("First")  # paragraph 1
    document.add_paragraph("")  # paragraph 2, empty, skipped but counted
    outer = document.add_table(rows=2, cols=2)  # table 1
    outer.cell(0, 0).text = "Outer A1"
    outer.cell(0, 1).text = "Outer B1"
    nested_host = outer.cell(1, 1)
    nested_host.text = "Host cell"
    nested = nested_host.add_table(rows=1, cols=2)  # table 2 (nested)
    nested.cell(0, 0).text = "Nested 1"
    nested.cell(0, 1).text = "Nested 2"
    outer.cell(1, 0).text = "Outer A2"
    document.add_paragraph("After table")  # paragraph 3
    second = document.add_table(rows=1, cols=1)  # table 3
    second.cell(0, 0).text = "Second table"
    raw = read(document, tmp_path)

    assert [(b.kind, b.location) for b in raw.blocks] == [
        ("paragraph", Location(paragraph=1)),
        ("table", Location(table=1)),
        ("paragraph", Location(paragraph=3)),
        ("table", Location(table=3)),
    ]
    table = raw.blocks[1]
    host = table.rows[1][1]
    assert host.location == Location(table=1, row=2, column=2)
    assert [b.kind for b in host.blocks] == ["paragraph", "table"]
    assert host.blocks[0].location == host.location
    assert host.text == "Host cell"
    nested_block = host.blocks[1]
    assert nested_block.location == Location(table=2)
    assert nested_block.rows[0][1].location == Location(table=2, row=1, column=2)
    assert nested_block.rows[0][1].text == "Nested 2"
    assert raw.blocks[3].rows[0][0].location == Location(table=3, row=1, column=1)


def test_cell_blocks_keep_paragraph_kinds_and_join_text(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=1, cols=1)
    cell = table.cell(0, 0)
    cell.text = "Provision"
    cell.add_paragraph("")
    cell.add_paragraph("Weekly speech and language therapy", style="List Bullet")
    cell.add_paragraph("Daily reading practice", style="List Bullet")
    (read_cell,) = only_table(read(document, tmp_path)).rows[0]
    assert read_cell.text == (
        "Provision\nWeekly speech and language therapy\nDaily reading practice"
    )
    assert [b.kind for b in read_cell.blocks] == ["paragraph", "list_item", "list_item"]
    assert {b.location for b in read_cell.blocks} == {Location(table=1, row=1, column=1)}


def test_horizontal_and_vertical_merges(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=4, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "Communication and interaction"
    for column, label in enumerate(("B – Needs", "F – Provision", "E – Outcomes")):
        table.cell(1, column).text = label
    table.cell(2, 0).merge(table.cell(3, 0)).text = "Sam needs help with turn-taking."
    table.cell(2, 1).text = "Small-group social skills, weekly"
    table.cell(2, 2).text = "Sam takes turns in a game of four"
    table.cell(3, 1).text = "Adult modelling at lunchtime"
    table.cell(3, 2).text = "Sam joins a lunchtime club"
    rows = only_table(read(document, tmp_path)).rows

    assert len(rows[0]) == 1
    assert rows[0][0].spans == 3
    assert rows[0][0].text == "Communication and interaction"
    assert [c.text for c in rows[1]] == ["B – Needs", "F – Provision", "E – Outcomes"]
    assert [c.location.column for c in rows[1]] == [1, 2, 3]
    assert [c.text for c in rows[2]] == [
        "Sam needs help with turn-taking.",
        "Small-group social skills, weekly",
        "Sam takes turns in a game of four",
    ]
    # The continuation of the vertical merge is kept, empty, in its column.
    assert [c.text for c in rows[3]] == ["", "Adult modelling at lunchtime", "Sam joins a lunchtime club"]
    assert rows[3][0].blocks == []
    assert [c.location.column for c in rows[3]] == [1, 2, 3]


def test_vertical_merge_continuation_hides_leftover_text(tmp_path: Path) -> None:
    """Word shows only the first cell of a vertical merge, even if later ones hold text."""
    document = docx.Document()
    append_body_xml(
        document,
        f"<w:tbl {W}><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
        f'<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p>{run("Shown need")}</w:p></w:tc>'
        f"<w:tc><w:p>{run('Provision 1')}</w:p></w:tc></w:tr>"
        f'<w:tr><w:tc><w:tcPr><w:vMerge w:val="continue"/></w:tcPr><w:p>{run("Hidden leftover")}</w:p></w:tc>'
        f"<w:tc><w:p>{run('Provision 2')}</w:p></w:tc></w:tr>"
        f"<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p>{run('Hidden too')}</w:p></w:tc>"
        f"<w:tc><w:p>{run('Provision 3')}</w:p></w:tc></w:tr>"
        "</w:tbl>",
    )
    table = only_table(read(document, tmp_path))
    assert row_texts(table) == [
        ["Shown need", "Provision 1"],
        ["", "Provision 2"],
        ["", "Provision 3"],
    ]
    assert [c.location.column for row in table.rows for c in row] == [1, 2, 1, 2, 1, 2]


def test_grid_before_and_legacy_horizontal_merge(tmp_path: Path) -> None:
    document = docx.Document()
    append_body_xml(
        document,
        f"<w:tbl {W}><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
        f'<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>'
        f"<w:tc><w:p>{run('Starts in column 2')}</w:p></w:tc>"
        f"<w:tc><w:p>{run('Column 3')}</w:p></w:tc></w:tr>"
        f'<w:tr><w:tc><w:tcPr><w:hMerge w:val="restart"/></w:tcPr><w:p>{run("Old merge")}</w:p></w:tc>'
        "<w:tc><w:tcPr><w:hMerge/></w:tcPr><w:p/></w:tc>"
        f"<w:tc><w:p>{run('Last')}</w:p></w:tc></w:tr>"
        "</w:tbl>",
    )
    rows = only_table(read(document, tmp_path)).rows
    assert [(c.text, c.location.column, c.spans) for c in rows[0]] == [
        ("Starts in column 2", 2, 1),
        ("Column 3", 3, 1),
    ]
    assert [(c.text, c.location.column, c.spans) for c in rows[1]] == [
        ("Old merge", 1, 2),
        ("Last", 3, 1),
    ]


# --- the real template ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def template() -> RawDocument:
    return read_docx(TEMPLATE.read_bytes(), TEMPLATE.name)


def _grid_tables(raw: RawDocument) -> list[RawBlock]:
    return [
        b
        for b in raw.blocks
        if b.kind == "table"
        and any(
            [c.text.strip() for c in row][:1] == ["B – Special Educational Needs"] for row in b.rows
        )
    ]


def test_template_grid_header_rows_are_three_distinct_cells(template: RawDocument) -> None:
    grids = _grid_tables(template)
    assert len(grids) == 4  # one per broad area of need
    for grid in grids:
        header = next(r for r in grid.rows if r[0].text == "B – Special Educational Needs")
        assert [c.text.strip() for c in header] == [
            "B – Special Educational Needs",
            "F – Special Educational Provision",
            "E – Outcomes",
        ]
        assert [c.location.column for c in header] == [1, 2, 3]
        assert all(c.spans == 1 for c in header)


def test_template_merged_title_rows_come_out_once(template: RawDocument) -> None:
    for grid in _grid_tables(template):
        title, strengths_label, strengths = grid.rows[0], grid.rows[1], grid.rows[2]
        assert len(title) == 1 and title[0].spans == 3
        assert title[0].text.startswith("Special Educational Needs and Provision")
        assert [c.text for c in strengths_label] == ["Strengths"]
        assert len(strengths) == 1 and strengths[0].text.startswith("{{")
    personal = template.blocks[1]
    assert personal.kind == "table"
    date_row = next(r for r in personal.rows if r[0].text == "Date of Birth:")
    assert [(c.text, c.spans) for c in date_row] == [
        ("Date of Birth:", 1),
        ("{{ date_of_birth }}", 3),
    ]
    all_cells: list[RawCell] = [c for b in template.blocks for r in b.rows for c in r]
    locations = [c.location for c in all_cells]
    assert len(locations) == len(set(locations))  # no cell is emitted twice


def test_template_placeholders_are_there_as_text(template: RawDocument) -> None:
    def all_text(blocks: list[RawBlock]) -> str:
        parts: list[str] = []
        for block in blocks:
            parts.append(block.text)
            for row in block.rows:
                for cell in row:
                    parts.append(cell.text)
                    parts.append(all_text([b for b in cell.blocks if b.kind == "table"]))
        return "\n".join(parts)

    text = all_text(template.blocks)
    for placeholder in (
        "{{ name }}",
        "{{ date_of_birth }}",
        "{{ communication_interaction_need_1 }}",
        "{{ semh_provision_4 }}",
        "{{ h2_provision_1 }}",
        "{{ social_care_outcome_5 }}",
    ):
        assert placeholder in text
    assert template.format == "docx"
    assert template.source == TEMPLATE.name


def test_template_headings(template: RawDocument) -> None:
    headings = [(b.heading_level, b.text) for b in template.blocks if b.kind == "heading"]
    assert (2, "I - Placement") in headings
    assert (2, "J - Direct Payments") in headings
    assert any(level == 1 for level, _ in headings)


# --- the input is never changed -------------------------------------------------------------


def test_reading_never_changes_the_input(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Section A", level=1)
    document.add_paragraph("Sam likes trains.")
    path = save(document, tmp_path)
    before = path.read_bytes()
    stat_before = path.stat()
    data = bytearray(before)
    frozen = bytes(data)

    read_docx(frozen, path.name)
    with path.open("rb") as handle:
        read_docx(handle.read(), path.name)

    assert frozen == before
    assert hashlib.sha256(path.read_bytes()).digest() == hashlib.sha256(before).digest()
    assert path.stat().st_mtime_ns == stat_before.st_mtime_ns
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.docx"]


def test_python_docx_public_api_sees_the_same_paragraph_text(tmp_path: Path) -> None:
    """Cross-check the lxml walk against python-docx on plain paragraphs."""
    document = docx.Document()
    for number in range(30):
        document.add_paragraph(f"Paragraph {number} about provision and outcomes.")
    path = save(document, tmp_path)
    ours = texts(read_docx(path.read_bytes(), path.name))
    theirs = [p.text for p in docx.Document(io.BytesIO(path.read_bytes())).paragraphs if p.text]
    assert ours == theirs
