"""The PDF reader on real PDFs built with reportlab (all people and places invented)."""

from __future__ import annotations

import hashlib
import io
import logging
import os
import random
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.pdfgen import canvas
from reportlab.platypus import (
    ListFlowable,
    ListItem,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from ehcp_lint.errors import CorruptFileError, NoTextError, PlanReadError, ProtectedFileError
from ehcp_lint.readers.pdf_reader import read_pdf
from ehcp_lint.readers.raw import RawBlock, RawCell, RawDocument

CHILD = "Alex Example"
HEADER = f"{CHILD} – EHC Plan"
COUNCIL = "Anytown Council – DRAFT"

_STYLES = getSampleStyleSheet()
BODY = ParagraphStyle("Body", parent=_STYLES["Normal"], spaceAfter=6)
BOLD = ParagraphStyle("BodyBold", parent=BODY, fontName="Helvetica-Bold")
CELL = ParagraphStyle("Cell", parent=_STYLES["Normal"])

ABOUT = (
    "Alex is a cheerful and curious pupil in Year 4 at Hillside Primary School who enjoys "
    "building models, drawing maps of imaginary islands and talking about trains with adults "
    "he knows well."
)
SECOND = (
    "Alex finds busy, noisy places such as the dining hall difficult and may leave the room "
    "or cover his ears when the noise rises."
)
#: One long sentence without full stops, so that wherever reportlab breaks the
#: page the paragraph has to be re-joined from the layout alone.
ACROSS = (
    ", ".join(
        f"during session {n} Alex practised turn taking with a familiar adult and two peers"
        for n in range(1, 46)
    )
    + "."
)
BULLETS = (
    "a visual timetable at his desk that is checked with an adult at the start of each morning "
    "and again after lunch",
    "a quiet space to go to when he feels overwhelmed",
)
NUMBERED = ("first numbered step", "second numbered step")
NEEDS_ROWS = [
    ("Area of need", "Provision", "Outcome"),
    (
        "Alex needs help to follow spoken instructions with more than two parts",
        "Speech and language therapy, 30 minutes weekly",
        "Follows three-part instructions",
    ),
    ("Alex needs support at unstructured times", "Adult-led lunchtime club", "Plays with peers"),
]
LONG_ROWS = 45


def long_table_row(n: int) -> tuple[str, str, str]:
    return (
        f"Provision item {n}",
        f"Delivered {n} times each term by a teaching assistant",
        "Termly",
    )


def _on_page(total: int) -> Any:
    def draw(c: canvas.Canvas, doc: Any) -> None:
        width, height = A4
        c.saveState()
        c.setFont("Helvetica", 9)
        c.drawString(72, height - 40, HEADER)
        c.drawRightString(width - 72, height - 40, COUNCIL)
        c.drawCentredString(width / 2, 30, f"Page {doc.page} of {total}")
        c.restoreState()

    return draw


def _story() -> list[Any]:
    grid = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)])
    needs = Table(
        [[Paragraph(text, CELL) for text in row] for row in NEEDS_ROWS],
        colWidths=[170, 170, 110],
        style=grid,
    )
    long_table = Table(
        [
            ["Provision", "How often", "Review"],
            *[long_table_row(n) for n in range(1, LONG_ROWS + 1)],
        ],
        colWidths=[120, 240, 90],
        repeatRows=1,
        style=grid,
    )
    merged = Table(
        [
            ["Special educational needs and provision", "", ""],
            ["Need", "Provision", "Outcome"],
            ["Reading", "Daily phonics", "Reads a book"],
        ],
        colWidths=[150, 150, 150],
        style=TableStyle([*grid.getCommands(), ("SPAN", (0, 0), (2, 0))]),
    )
    return [
        Paragraph("Section A: Views, interests and aspirations", _STYLES["Heading1"]),
        Paragraph("About me", _STYLES["Heading2"]),
        Paragraph(ABOUT, BODY),
        Paragraph(SECOND, BODY),
        Paragraph("Communication and interaction", BOLD),
        ListFlowable(
            [ListItem(Paragraph(text, BODY)) for text in BULLETS], bulletType="bullet", start="•"
        ),
        ListFlowable(
            [ListItem(Paragraph(text, BODY)) for text in NUMBERED],
            bulletType="1",
            bulletFormat="%s.",
        ),
        Spacer(1, 12),
        needs,
        Spacer(1, 12),
        Paragraph("Section B: Special educational needs", _STYLES["Heading1"]),
        Paragraph(ACROSS, BODY),
        Paragraph("Section F: Special educational provision", _STYLES["Heading1"]),
        long_table,
        Spacer(1, 12),
        merged,
        Paragraph("The plan ends here.", BODY),
    ]


def build_plan_pdf() -> bytes:
    """The invented plan, built twice so the footer can say "Page N of M"."""
    total = 1
    for _ in range(2):
        buffer = io.BytesIO()
        doc = SimpleDocTemplate(buffer, pagesize=A4)
        draw = _on_page(total)
        doc.build(_story(), onFirstPage=draw, onLaterPages=draw)
        total = doc.page
    return buffer.getvalue()


@pytest.fixture(scope="module")
def plan_pdf() -> bytes:
    return build_plan_pdf()


@pytest.fixture(scope="module")
def plan(plan_pdf: bytes) -> RawDocument:
    return read_pdf(plan_pdf, "plan.pdf")


def norm(text: str) -> str:
    return " ".join(text.split())


def all_texts(doc: RawDocument) -> Iterator[str]:
    for block in doc.blocks:
        yield block.text
        for row in block.rows:
            for cell in row:
                yield cell.text


def block_with(doc: RawDocument, start: str) -> RawBlock:
    matches = [b for b in doc.blocks if b.text.startswith(start)]
    assert len(matches) == 1, [b.text[:40] for b in doc.blocks]
    return matches[0]


def tables(doc: RawDocument) -> list[RawBlock]:
    return [b for b in doc.blocks if b.kind == "table"]


def cell_texts(row: list[RawCell]) -> list[str]:
    return [c.text for c in row]


# --------------------------------------------------------------------------- layout


def test_plan_spans_several_pages(plan_pdf: bytes) -> None:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(plan_pdf)) as pdf:
        assert len(pdf.pages) >= 3


def test_running_headers_and_footers_are_removed(plan: RawDocument) -> None:
    for text in all_texts(plan):
        assert CHILD + " –" not in text
        assert "DRAFT" not in text
        assert not re.search(r"Page \d+ of \d+", text)


def test_headings_from_font_size(plan: RawDocument) -> None:
    first = plan.blocks[0]
    assert first.kind == "heading"
    assert first.text == "Section A: Views, interests and aspirations"
    assert first.heading_level == 1
    assert first.bold is True
    assert first.size_ratio == pytest.approx(1.8)
    about = block_with(plan, "About me")
    assert about.kind == "heading"
    assert about.heading_level == 2
    for title in (
        "Section B: Special educational needs",
        "Section F: Special educational provision",
    ):
        block = block_with(plan, title)
        assert (block.kind, block.text, block.heading_level) == ("heading", title, 1)


def test_bold_standalone_line_is_flagged_but_body_is_not(plan: RawDocument) -> None:
    bold = block_with(plan, "Communication and interaction")
    assert (bold.kind, bold.text, bold.bold, bold.heading_level) == (
        "paragraph",
        "Communication and interaction",
        True,
        None,
    )
    about = block_with(plan, "Alex is a cheerful")
    assert about.kind == "paragraph"
    assert about.bold is False
    assert about.size_ratio == pytest.approx(1.0)


def test_paragraphs_rejoined_across_lines_and_kept_apart(plan: RawDocument) -> None:
    assert block_with(plan, "Alex is a cheerful").text == ABOUT
    assert block_with(plan, "Alex finds busy").text == SECOND


def test_paragraph_split_by_page_break_comes_back_whole(plan: RawDocument) -> None:
    block = block_with(plan, "during session 1 ")
    assert block.kind == "paragraph"
    assert block.text == ACROSS
    pages = {box.page for box in block.boxes}
    assert len(pages) == 2
    assert block.location.page == min(pages)


def test_bullets_and_numbers_become_list_items(plan: RawDocument) -> None:
    items = [b for b in plan.blocks if b.kind == "list_item"]
    assert [b.text for b in items] == [*BULLETS, *NUMBERED]


def test_small_table_cells_and_spans(plan: RawDocument) -> None:
    needs = tables(plan)[0]
    assert [cell_texts(row) for row in needs.rows] == [list(row) for row in NEEDS_ROWS]
    assert all(cell.spans == 1 for row in needs.rows for cell in row)
    cell = needs.rows[1][0]
    assert [b.kind for b in cell.blocks] == ["paragraph"]
    assert cell.location.row == 2
    assert cell.location.column == 1
    assert cell.location.table == 1


def test_table_split_over_pages_is_one_table_without_repeated_header(plan: RawDocument) -> None:
    long_table = tables(plan)[1]
    rows = [cell_texts(row) for row in long_table.rows]
    assert rows[0] == ["Provision", "How often", "Review"]
    assert rows[1:] == [list(long_table_row(n)) for n in range(1, LONG_ROWS + 1)]
    pages = [row[0].location.page for row in long_table.rows]
    assert pages == sorted(pages)
    assert pages[-1] == pages[0] + 1
    assert long_table.location.page == pages[0]
    numbers = [row[0].location.row for row in long_table.rows]
    assert numbers == list(range(1, LONG_ROWS + 2))


def test_merged_title_row_is_one_cell(plan: RawDocument) -> None:
    merged = tables(plan)[2]
    title = merged.rows[0]
    assert len(title) == 1
    assert title[0].text == "Special educational needs and provision"
    assert title[0].spans == 3
    assert cell_texts(merged.rows[2]) == ["Reading", "Daily phonics", "Reads a book"]
    assert [c.location.column for c in merged.rows[2]] == [1, 2, 3]


def test_reading_order_and_pages(plan: RawDocument) -> None:
    kinds = [(b.kind, b.text[:20]) for b in plan.blocks]
    index = {text: i for i, (_, text) in enumerate(kinds)}
    assert index["Section A: Views, in"] < index["About me"] < index["Alex is a cheerful an"[:20]]
    assert plan.blocks[0].location.page == 1
    assert plan.blocks[-1].text == "The plan ends here."
    assert all(b.location.page is not None for b in plan.blocks)
    for table in tables(plan):
        for row in table.rows:
            for cell in row:
                assert cell.location.page is not None
                assert all(box.page == cell.location.page for box in cell.boxes)
    assert plan.format == "pdf"
    assert plan.source == "plan.pdf"


def _check_boxes(text: str, boxes: list[Any]) -> None:
    previous_end = 0
    for box in boxes:
        assert 0 <= box.start < box.end <= len(text)
        assert box.start >= previous_end
        piece = text[box.start : box.end]
        assert piece == piece.strip() and piece
        assert box.x0 <= box.x1 and box.top < box.bottom
        previous_end = box.end
    covered = "".join(text[b.start : b.end] for b in boxes)
    assert covered == "".join(text.split())


def test_word_boxes_line_up_with_the_text(plan: RawDocument) -> None:
    for block in plan.blocks:
        _check_boxes(block.text, block.boxes)
        for row in block.rows:
            for cell in row:
                _check_boxes(cell.text, cell.boxes)
    about = block_with(plan, "Alex is a cheerful")
    words = {about.text[b.start : b.end] for b in about.boxes}
    assert {"cheerful", "Hillside", "trains"} <= words
    heading = plan.blocks[0]
    assert [heading.text[b.start : b.end] for b in heading.boxes][:2] == ["Section", "A:"]
    width, height = A4
    for box in about.boxes:
        assert 0 <= box.x0 < box.x1 <= width and 0 <= box.top < box.bottom <= height


def test_reader_quietens_pdfminer_logging(plan: RawDocument) -> None:
    assert logging.getLogger("pdfminer").getEffectiveLevel() >= logging.ERROR


# --------------------------------------------------------------------------- drawn pages


def _canvas_pdf(draw: Any, pages: int = 1, **kwargs: Any) -> bytes:
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4, **kwargs)
    for number in range(1, pages + 1):
        draw(c, number)
        c.showPage()
    c.save()
    return buffer.getvalue()


def _lines(c: canvas.Canvas, lines: list[str], top: float = 100, size: float = 11) -> None:
    c.setFont("Helvetica", size)
    height = A4[1]
    for n, line in enumerate(lines):
        c.drawString(72, height - top - n * size * 1.2, line)


def test_word_hyphenated_at_line_end_is_rejoined_when_the_plan_spells_it_whole() -> None:
    lines = [
        "Staff will use a consistent approach and follow the exam-",
        "ple set in the advice from the educational psychologist, who",
        "visited twice in the autumn term and met his parents.",
        "",
        "For example, he is given a choice of two activities.",
    ]
    doc = read_pdf(_canvas_pdf(lambda c, n: _lines(c, lines)), "drawn.pdf")
    assert [b.text for b in doc.blocks] == [
        "Staff will use a consistent approach and follow the example set in the advice from "
        "the educational psychologist, who visited twice in the autumn term and met his parents.",
        "For example, he is given a choice of two activities.",
    ]
    block = doc.blocks[0]
    _check_boxes(block.text, block.boxes)
    pieces = [block.text[b.start : b.end] for b in block.boxes]
    assert pieces[pieces.index("exam") : pieces.index("exam") + 2] == ["exam", "ple"]


def test_hyphen_at_line_end_inside_a_compound_word_is_kept() -> None:
    """Word and LibreOffice do not hyphenate unless asked: "whole-" / "class" is "whole-class"."""
    lines = [
        "Ethan will not answer questions in whole-",
        "class sessions; his assessment is by an HCPC-",
        "registered therapist in sessions of 20-",
        "45 minutes with targets agreed and then given out by the Speech-",
        "Language Team every week.",
    ]
    doc = read_pdf(_canvas_pdf(lambda c, n: _lines(c, lines)), "drawn.pdf")
    assert [b.text for b in doc.blocks] == [
        "Ethan will not answer questions in whole-class sessions; his assessment is by an "
        "HCPC-registered therapist in sessions of 20-45 minutes with targets agreed and then "
        "given out by the Speech-Language Team every week."
    ]
    _check_boxes(doc.blocks[0].text, doc.blocks[0].boxes)


def test_standalone_page_numbers_removed_on_a_single_page() -> None:
    def draw(c: canvas.Canvas, n: int) -> None:
        _lines(c, ["A short plan with one page of text about provision."])
        c.drawCentredString(A4[0] / 2, 30, "- 1 -")

    doc = read_pdf(_canvas_pdf(draw), "one.pdf")
    assert [b.text for b in doc.blocks] == ["A short plan with one page of text about provision."]


def test_band_text_that_does_not_repeat_is_kept() -> None:
    def draw(c: canvas.Canvas, n: int) -> None:
        _lines(c, [f"Body text on page {n} about the outcomes agreed at the review."])
        c.setFont("Helvetica", 9)
        if n == 2:
            c.drawString(72, 30, "Footnote only on the second page of this plan")

    doc = read_pdf(_canvas_pdf(draw, pages=4), "notes.pdf")
    assert "Footnote only on the second page of this plan" in [b.text for b in doc.blocks]


# --------------------------------------------------------------------------- errors


def test_encrypted_pdf_is_protected_file_error(tmp_path: Path) -> None:
    data = _canvas_pdf(lambda c, n: _lines(c, ["Secret plan text about Alex."]), encrypt="pw")
    with pytest.raises(ProtectedFileError) as info:
        read_pdf(data, "locked.pdf")
    message = str(info.value)
    assert message.startswith("locked.pdf: ")
    assert "password-protected" in message and "unprotected copy" in message
    assert "Alex" not in message and "\n" not in message


def test_image_only_pdf_is_no_text_error() -> None:
    def draw(c: canvas.Canvas, n: int) -> None:
        c.rect(72, 400, 300, 200, fill=1)
        c.circle(300, 300, 50)
        c.line(72, 100, 500, 100)

    with pytest.raises(NoTextError) as info:
        read_pdf(_canvas_pdf(draw, pages=2), "scan.pdf")
    assert str(info.value) == (
        "scan.pdf: has no text layer (it looks like a scanned image); "
        "export the plan from Word as PDF, or run OCR first"
    )


def test_empty_file_is_no_text_error() -> None:
    with pytest.raises(NoTextError, match=r"^empty\.pdf: is empty"):
        read_pdf(b"", "empty.pdf")


def test_truncated_pdf_is_corrupt(plan_pdf: bytes) -> None:
    with pytest.raises(CorruptFileError, match=r"^cut\.pdf: is incomplete"):
        read_pdf(plan_pdf[: len(plan_pdf) // 2], "cut.pdf")


def test_random_bytes_are_corrupt() -> None:
    noise = random.Random(7).randbytes(5000)
    with pytest.raises(CorruptFileError, match=r"^noise\.pdf: is not a PDF file"):
        read_pdf(noise, "noise.pdf")


def test_pdf_header_with_garbage_body_is_corrupt() -> None:
    """Looks like a PDF at both ends; pdfminer cannot find a document in it."""
    noise = b"%PDF-1.7\n" + random.Random(3).randbytes(5000) + b"\n%%EOF\n"
    with pytest.raises(CorruptFileError, match=r"^bad\.pdf: is damaged or is not a readable PDF"):
        read_pdf(noise, "bad.pdf")


def test_damaged_page_content_is_corrupt(plan_pdf: bytes) -> None:
    """Objects overwritten in the middle: pdfminer's error becomes CorruptFileError."""
    middle = len(plan_pdf) // 3
    damaged = plan_pdf[:middle] + b"\x00obj <<" * 400 + plan_pdf[middle + 2800 :]
    try:
        doc = read_pdf(damaged, "damaged.pdf")
    except (CorruptFileError, NoTextError) as err:
        assert str(err).startswith("damaged.pdf: ")
    else:
        assert doc.blocks  # pdfminer recovered what it could


def test_input_bytes_and_file_are_unchanged(tmp_path: Path, plan_pdf: bytes) -> None:
    path = tmp_path / "plan.pdf"
    path.write_bytes(plan_pdf)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    stat = os.stat(path)
    data = path.read_bytes()
    read_pdf(data, str(path))
    assert data == plan_pdf
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert os.stat(path).st_mtime_ns == stat.st_mtime_ns
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.pdf"]


def test_importing_the_reader_does_not_import_pdfplumber() -> None:
    code = (
        "import sys, ehcp_lint, ehcp_lint.readers.pdf_reader\n"
        "assert 'pdfplumber' not in sys.modules and 'pdfminer' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_suspended_hyphen_at_line_end_is_kept() -> None:
    lines = [
        "Alex decodes most three- and four-letter words and most short three-",
        "and four-syllable words when an adult reads the first sound with him.",
    ]
    doc = read_pdf(_canvas_pdf(lambda c, n: _lines(c, lines)), "drawn.pdf")
    assert [b.text for b in doc.blocks] == [
        "Alex decodes most three- and four-letter words and most short three- and "
        "four-syllable words when an adult reads the first sound with him."
    ]


def test_footer_inside_a_landscape_bottom_margin_is_removed() -> None:
    """LibreOffice sets a Word footer about 50 pt up a landscape page: more than 8%."""
    width, height = landscape(A4)

    def draw(c: canvas.Canvas, n: int) -> None:
        c.setFont("Helvetica", 11)
        c.drawString(
            72, height - 100, f"Outcome {n}: Alex will take part in a group game at break."
        )
        c.drawString(72, 47, f"Westvale District Council Page {n} of 3")

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=(width, height))
    for n in range(1, 4):
        draw(c, n)
        c.showPage()
    c.save()
    doc = read_pdf(buffer.getvalue(), "landscape.pdf")
    assert [b.text for b in doc.blocks] == [
        f"Outcome {n}: Alex will take part in a group game at break." for n in range(1, 4)
    ]


def test_bullet_forms() -> None:
    """reportlab's own bullet (no Unicode mapping), glyphs stuck to the word, letters, numerals."""
    styles = getSampleStyleSheet()
    buffer = io.BytesIO()
    story = [
        ListFlowable([ListItem(Paragraph("default reportlab bullet", BODY))], bulletType="bullet"),
        Paragraph("•stuck to the first word", BODY),
        Paragraph("a) lettered item", BODY),
        Paragraph("(ii) roman numeral item", BODY),
        Paragraph("– dash item", BODY),
        Paragraph("12 pupils attend the club, which meets on Fridays.", styles["Normal"]),
    ]
    SimpleDocTemplate(buffer, pagesize=A4).build(story)
    doc = read_pdf(buffer.getvalue(), "bullets.pdf")
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("list_item", "default reportlab bullet"),
        ("list_item", "stuck to the first word"),
        ("list_item", "lettered item"),
        ("list_item", "roman numeral item"),
        ("list_item", "dash item"),
        ("paragraph", "12 pupils attend the club, which meets on Fridays."),
    ]
    stuck = doc.blocks[1]
    _check_boxes(stuck.text, stuck.boxes)


FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "plans"


def test_grid_fixture_footer_gone_and_tables_joined_over_pages() -> None:
    """The landscape national-grid fixture (LibreOffice PDF, running header and footer)."""
    doc = read_pdf((FIXTURES / "pdf-grid-westvale.pdf").read_bytes(), "westvale.pdf")
    for text in all_texts(doc):
        assert not re.search(r"Page \d+ of \d+", text)
        assert "– EHC Plan" not in text
    assert doc.blocks[0].kind == "heading"
    spread = [{c.location.page for row in t.rows for c in row} for t in tables(doc)]
    assert sum(1 for pages in spread if len(pages) > 1) >= 3


def test_damaged_bytes_raise_only_one_line_read_errors(plan_pdf: bytes) -> None:
    """Random damage anywhere in the file: either a plan comes back or a PlanReadError."""
    rng = random.Random(11)
    outcomes: set[str] = set()
    for _ in range(30):
        damaged = bytearray(plan_pdf)
        for _ in range(rng.choice((1, 5, 40))):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        try:
            doc = read_pdf(bytes(damaged), "damaged.pdf")
        except PlanReadError as err:
            message = str(err)
            assert message.startswith("damaged.pdf: ") and "\n" not in message
            assert CHILD not in message and "Alex" not in message
            outcomes.add(type(err).__name__)
        else:
            assert doc.blocks
            outcomes.add("read")
    assert outcomes - {"read"}, "no damage was detected at all"


# --------------------------------------------------------------------------- narrow cells

#: Provision rows for a table whose last two columns are too narrow for some
#: words; other cells break between whole words at the same edge.
NARROW_ROWS = [
    ("Provision", "How often", "How long"),
    ("Support from a key adult to make friends", "As required", "Up to 30 minutes"),
    ("Reading of test questions by an adult", "In every assessment", "For the whole assessment"),
    ("Meet-and-greet at the school gate", "Every school day", "Throughout the school day"),
    ("Advance warning of changes to routine", "Before every planned change", "5 minutes"),
    ("Ear defenders in the dining hall", "Four lunchtimes a week", "Lunchtime and assemblies"),
    ("Access to therapy as appropriate", "Regularly", "Ongoing"),
    ("An annual review of the targets", "Once a year, before the annual review", "How long"),
    ("Use of the sensory room", "Where possible", "Three lunchtimes a week"),
    ("Occupational therapy", "Fortnightly", "Communication and interaction"),
]


def _wrap_like_word(text: str, width: float, size: float) -> list[str]:
    """Break ``text`` into lines as Word and LibreOffice do.

    A word that does not fit moves to the next line; a word wider than the
    whole line is cut after the last letter that fits ("require" / "d").
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth

    def fits(candidate: str) -> bool:
        return stringWidth(candidate, "Helvetica", size) <= width

    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and fits(f"{line} {word}"):
            line = f"{line} {word}"
            continue
        if line:
            lines.append(line)
        while not fits(word):
            cut = max(n for n in range(1, len(word)) if fits(word[:n]))
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    lines.append(line)
    return lines


def _narrow_table_pdf(widths: tuple[float, float, float], size: float, padding: float) -> bytes:
    """A ruled table drawn line by line, its text wrapped as Word wraps it."""
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    c.setFont("Helvetica", size)
    body = "The provision below is agreed with the family and reviewed every term."
    c.drawString(72, A4[1] - 72, body)
    lefts = [72.0]
    for width in widths:
        lefts.append(lefts[-1] + width)
    y = A4[1] - 100
    c.line(lefts[0], y, lefts[-1], y)
    for row in NARROW_ROWS:
        wrapped = [
            _wrap_like_word(text, width - 2 * padding, size)
            for text, width in zip(row, widths, strict=True)
        ]
        height = max(len(lines) for lines in wrapped) * size * 1.2 + 2 * padding
        for left, lines in zip(lefts, wrapped, strict=False):
            for n, line in enumerate(lines):
                c.drawString(left + padding, y - padding - (n + 0.8) * size * 1.2, line)
        for x in lefts:
            c.line(x, y, x, y - height)
        y -= height
        c.line(lefts[0], y, lefts[-1], y)
    c.showPage()
    c.save()
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("widths", "size", "padding"),
    [((200, 48, 44), 11, 5.4), ((220, 44, 40), 10, 5.4), ((180, 48, 42), 12, 2.8)],
)
def test_words_cut_at_a_narrow_cell_edge_are_joined(
    widths: tuple[float, float, float], size: float, padding: float
) -> None:
    """Every cell reads as written, whether its words were cut mid-word or between words."""
    data = _narrow_table_pdf(widths, size, padding)
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        drawn = [w["text"] for w in pdf.pages[0].extract_words()]
    assert "minutes" not in drawn and "required" not in drawn, "no word was cut"
    doc = read_pdf(data, "narrow.pdf")
    (table,) = tables(doc)
    assert [[norm(c.text) for c in row] for row in table.rows] == [list(r) for r in NARROW_ROWS]
    for row in table.rows:
        for cell in row:
            _check_boxes(cell.text, cell.boxes)


def _gold_texts(name: str) -> set[str]:
    import json

    gold = json.loads((FIXTURES / f"{name}.gold.json").read_text(encoding="utf-8"))
    return {norm(unit["text"]) for unit in gold["units"]}


def _squash(text: str) -> str:
    return re.sub(r"[\s\-]+", "", text)


@pytest.mark.parametrize("name", ["pdf-heading-styles-riverside", "pdf-grid-westvale"])
def test_fixture_cells_read_word_for_word(name: str) -> None:
    """LibreOffice PDFs: a cell that is a gold unit but for spaces or hyphens must be it exactly.

    (The gold test compares PDFs without spaces or hyphens, so it cannot see
    "As require d" or "HCPCregistered"; this test can.)
    """
    gold = _gold_texts(name)
    by_squash = {_squash(text): text for text in gold}
    doc = read_pdf((FIXTURES / f"{name}.pdf").read_bytes(), f"{name}.pdf")
    checked = 0
    for table in tables(doc):
        for row in table.rows:
            for cell in row:
                text = norm(cell.text)
                expected = by_squash.get(_squash(text))
                if expected is not None:
                    assert text == expected
                    checked += 1
    assert checked >= 150

