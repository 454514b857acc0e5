"""The PDF reader on PDFs exported from Word documents (LibreOffice does the export).

Word-exported PDFs differ from reportlab ones in the ways that matter here:
Symbol-font bullets (U+F0B7), header rows repeated by the table itself,
table rows broken over a page break, footers set inside the bottom margin.
Skipped when LibreOffice is not installed. All people are invented.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from ehcp_lint.readers.pdf_reader import read_pdf
from ehcp_lint.readers.raw import RawBlock, RawDocument

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")

TEMPLATE = (
    Path(__file__).resolve().parent.parent
    / "fixtures"
    / "real-world"
    / "change-programme-template.docx"
)
HEADER = "Alex Example – EHC Plan – Anytown Council"
PARAGRAPH = (
    "Paragraph {n}: Alex enjoys swimming on Saturdays with his older sister and talks about it "
    "for the rest of the week, especially when he has photos to share with adults he trusts."
)
BULLETS = (
    "Alex would like help with reading so that he can read football reports.",
    "Alex wants to make friends who share his interest in trains and timetables of every kind "
    "across the country.",
)
PROVISION_ROWS = 40


def provision_row(n: int) -> list[str]:
    return [f"Small group literacy session {n}", "Three times weekly", "Teaching assistant"]


def to_pdf(source: Path, workdir: Path) -> bytes:
    """Export ``source`` to PDF with LibreOffice, using a private profile (runs may overlap)."""
    assert SOFFICE is not None
    profile = workdir / "lo-profile"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(workdir),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return (workdir / f"{source.stem}.pdf").read_bytes()


def _field(paragraph: Paragraph, instruction: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def build_word_plan(path: Path) -> None:
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = HEADER
    footer = section.footer.paragraphs[0]
    footer.add_run("Page ")
    _field(footer, "PAGE")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES")
    document.add_heading("Section A: Views, interests and aspirations", level=1)
    for n in range(8):
        document.add_paragraph(PARAGRAPH.format(n=n))
    for text in BULLETS:
        document.add_paragraph(text, style="List Bullet")
    document.add_heading("Section F: Special educational provision", level=1)
    table = document.add_table(rows=PROVISION_ROWS + 1, cols=3)
    table.style = "Table Grid"
    for column, name in enumerate(("Provision", "Frequency", "Who")):
        table.cell(0, column).text = name
    header_row = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header_row.append(repeat)
    for n in range(1, PROVISION_ROWS + 1):
        for column, text in enumerate(provision_row(n)):
            table.cell(n, column).text = text
    document.add_paragraph("End of plan.")
    document.save(str(path))


@pytest.fixture(scope="module")
def word_plan(tmp_path_factory: pytest.TempPathFactory) -> RawDocument:
    workdir = tmp_path_factory.mktemp("word")
    source = workdir / "word-plan.docx"
    build_word_plan(source)
    return read_pdf(to_pdf(source, workdir), "word-plan.pdf")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> RawDocument:
    workdir = tmp_path_factory.mktemp("template")
    source = workdir / TEMPLATE.name
    shutil.copyfile(TEMPLATE, source)
    return read_pdf(to_pdf(source, workdir), "template.pdf")


def tables(doc: RawDocument) -> list[RawBlock]:
    return [b for b in doc.blocks if b.kind == "table"]


def test_word_header_and_page_footer_removed(word_plan: RawDocument) -> None:
    texts = [b.text for b in word_plan.blocks]
    texts += [c.text for t in tables(word_plan) for row in t.rows for c in row]
    assert not [t for t in texts if "Anytown Council" in t or re.search(r"Page \d+ of \d+", t)]


def test_word_headings_paragraphs_and_bullets(word_plan: RawDocument) -> None:
    headings = [b for b in word_plan.blocks if b.kind == "heading"]
    assert [h.text for h in headings] == [
        "Section A: Views, interests and aspirations",
        "Section F: Special educational provision",
    ]
    assert all(h.bold and h.heading_level == 3 for h in headings)
    paragraphs = [b.text for b in word_plan.blocks if b.kind == "paragraph"]
    assert paragraphs == [*(PARAGRAPH.format(n=n) for n in range(8)), "End of plan."]
    items = [b.text for b in word_plan.blocks if b.kind == "list_item"]
    assert items == list(BULLETS)


def test_word_table_over_pages_is_one_table(word_plan: RawDocument) -> None:
    (table,) = tables(word_plan)
    rows = [[c.text for c in row] for row in table.rows]
    assert rows == [["Provision", "Frequency", "Who"]] + [
        provision_row(n) for n in range(1, PROVISION_ROWS + 1)
    ]
    pages = [row[0].location.page for row in table.rows]
    assert pages == sorted(pages) and pages[-1] > pages[0]
    for row in table.rows:
        for cell in row:
            for box in cell.boxes:
                assert cell.text[box.start : box.end] in cell.text.split()


def test_national_template_tables(template: RawDocument) -> None:
    """The national Change Programme grid template: every Word table comes back once."""
    expected = docx.Document(str(TEMPLATE)).tables
    found = tables(template)
    assert len(found) == len(expected)
    details = found[0]
    assert len(details.rows) == len(expected[0].rows)
    assert {cell.location.page for row in details.rows for cell in row} == {1, 2}
    assert [c.text for c in details.rows[1]] == [
        "Name:",
        "{{ name }}",
        "Preferred name:",
        "{{ preferred_name }}",
    ]
    title = details.rows[0]
    assert len(title) == 1 and title[0].spans == 4
    grid_headers = [
        [c.text for c in row]
        for t in found
        for row in t.rows
        if row and row[0].text == "B – Special Educational Needs"
    ]
    assert len(grid_headers) == 4
    assert all(
        h[:3]
        == ["B – Special Educational Needs", "F – Special Educational Provision", "E – Outcomes"]
        for h in grid_headers
    )


NESTED_ROWS = [
    ["Provision", "Who will provide it", "How often"],
    ["Structured play at lunchtime with two chosen peers", "Lunchtime supervisor", "Daily"],
    ["Pre-teaching of topic vocabulary", "Teaching assistant", "Three times a week"],
]


def test_table_nested_in_a_cell_is_its_own_table(tmp_path: Path) -> None:
    """A table-per-section plan: Section F's table holds a provision table in one of its cells.

    pdfplumber reports the nested table's cells as cells of the outer table,
    inside the box of the cell that holds them.
    """
    document = docx.Document()
    outer = document.add_table(rows=4, cols=1)
    outer.style = "Table Grid"
    outer.rows[0].cells[0].text = "Section F – Special educational provision"
    outer.rows[1].cells[0].text = "The provision below will be made for Alex at Hillside."
    holder = outer.rows[2].cells[0]
    holder.paragraphs[0].text = "Communication and interaction"
    inner = holder.add_table(rows=len(NESTED_ROWS), cols=3)
    inner.style = "Table Grid"
    for row, texts in zip(inner.rows, NESTED_ROWS, strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    holder.add_paragraph("Reviewed every term.")
    outer.rows[3].cells[0].text = "Provision is reviewed at the annual review."
    source = tmp_path / "nested.docx"
    document.save(str(source))
    doc = read_pdf(to_pdf(source, tmp_path), "nested.pdf")

    (table,) = tables(doc)
    assert [row[0].text for row in table.rows] == [
        "Section F – Special educational provision",
        "The provision below will be made for Alex at Hillside.",
        "Communication and interaction\nReviewed every term.",
        "Provision is reviewed at the annual review.",
    ]
    blocks = table.rows[2][0].blocks
    assert [b.kind for b in blocks] == ["paragraph", "table", "paragraph"]
    nested = blocks[1]
    assert [[c.text for c in row] for row in nested.rows] == NESTED_ROWS
    assert nested.location.table == table.location.table + 1
    assert [c.location.column for c in nested.rows[1]] == [1, 2, 3]


def test_table_per_section_fixture_nested_provision_tables(tmp_path: Path) -> None:
    """The Hillcrest fixture exported by LibreOffice: its provision tables sit inside Section F's table.

    Here pdfplumber gives the nested cells as cells of the outer table; every
    provision cell must still come back whole, in Section F.
    """
    import json

    from ehcp_lint.reading import load_plan

    fixtures = Path(__file__).resolve().parent.parent / "fixtures" / "plans"
    source = tmp_path / "hillcrest.docx"
    source.write_bytes((fixtures / "table-per-section-hillcrest.docx").read_bytes())
    (tmp_path / "hillcrest.pdf").write_bytes(to_pdf(source, tmp_path))
    plan = load_plan(tmp_path / "hillcrest.pdf")
    section_f = plan.section("F")
    assert section_f is not None
    nested_cells = {
        " ".join(cell.text.split())
        for block in section_f.blocks
        if block.table is not None
        for row in block.table.rows
        for cell in row.cells
    }
    gold = json.loads((fixtures / "table-per-section-hillcrest.gold.json").read_text("utf-8"))
    wanted = {
        "Pre-teaching of the key vocabulary for each new topic, with pictures and a word mat to keep",
        "Lunchtime supervisor trained by the SENCo",
        "Three lunchtimes a week",
        "Speech and language therapist (HCPC-registered)",
        "Qualified teacher of the deaf (QTOD)",
    }
    assert wanted <= {u["text"] for u in gold["units"] if u["section"] == "F"}
    assert wanted <= nested_cells
