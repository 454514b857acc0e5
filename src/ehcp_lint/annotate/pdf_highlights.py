"""PDF highlights on the flagged words of each finding, with the finding as the note.

The PDF reader already stored where every word sits (:class:`~ehcp_lint.model.WordBox`:
character offsets into a block's or cell's text → page coordinates), but the
report does not carry them (they would bloat JSON with layout). So the plan is
read again from the same bytes, each finding is matched to the paragraph,
cell or table row it came from (by location and excerpt, exactly as the engine
cut its text units), and its ``start``/``end`` offsets are turned into the
boxes of those characters. A box only partly inside the match is trimmed in
proportion to the characters covered, which is exact for the monospaced and
close enough for proportional fonts.

Each finding becomes one annotation by "ehcp-lint": a highlight (with
QuadPoints) whose note (``/Contents``) is the code, message and suggestion, on
the page where the flagged words start; or, for a finding about a section or
the whole plan, a sticky note at the top of the first page of that section.
The copy is written as an incremental update, so the original bytes of the
plan stay untouched at the start of the file.

Known limit: pages rotated by 90 or 270 degrees get notes, not highlights.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ehcp_lint.annotate import AUTHOR
from ehcp_lint.annotate.docx_comments import comment_text
from ehcp_lint.model import Location, Plan, WordBox
from ehcp_lint.report import Finding

__all__ = ["PdfNote", "highlight_pdf", "match_boxes", "merge_lines", "read_review_notes"]

log = logging.getLogger(__name__)

#: Highlight colour (RGB hex): a pale amber that leaves text readable when printed.
HIGHLIGHT_COLOUR = "ffd54f"
_NOTE_SIZE = 18.0
_NOTE_MARGIN = 12.0
_PRINT_FLAG = 4


@dataclass
class _Unit:
    """A piece of text as the engine cut it, with the boxes of its characters."""

    text: str
    location: Location
    boxes: list[WordBox]


def _units(plan: Plan) -> list[_Unit]:
    """The engine's text units (paragraphs, cells, table rows), with word boxes attached."""
    from ehcp_lint.engine.units import plan_units

    units: list[_Unit] = []
    for unit in plan_units(plan):
        if unit.kind == "table_row" and unit.row is not None:
            boxes: list[WordBox] = []
            for cell, (offset, _) in zip(unit.row.cells, unit.cell_spans, strict=False):
                boxes.extend(
                    b.model_copy(update={"start": b.start + offset, "end": b.end + offset})
                    for b in cell.boxes
                )
            units.append(_Unit(unit.text, unit.location, boxes))
        elif unit.cell is not None:
            units.append(_Unit(unit.text, unit.location, list(unit.cell.boxes)))
        else:
            units.append(_Unit(unit.text, unit.location, list(unit.block.boxes)))
    return units


def _unit_for(finding: Finding, units: Sequence[_Unit]) -> tuple[_Unit, int, int] | None:
    """The unit a block finding came from and the span of its flagged words there."""
    if finding.start is None or finding.end is None or not finding.excerpt:
        return None
    start, end = finding.start, finding.end
    same_place = [u for u in units if u.location == finding.location]
    for unit in (*same_place, *units):
        if unit.text == finding.excerpt:
            return unit, start, end
    for unit in (*same_place, *units):
        where = unit.text.find(finding.excerpt)
        if where >= 0:
            return unit, where + start, where + end
    if finding.match:
        for unit in same_place:
            where = unit.text.find(finding.match)
            if where >= 0:
                return unit, where, where + len(finding.match)
    return None


def match_boxes(boxes: Sequence[WordBox], start: int, end: int) -> list[WordBox]:
    """The boxes covering characters ``[start, end)``, trimmed to those characters."""
    out: list[WordBox] = []
    for box in boxes:
        if box.end <= start or box.start >= end or box.end <= box.start:
            continue
        width = box.x1 - box.x0
        count = box.end - box.start
        lo = max(start, box.start) - box.start
        hi = min(end, box.end) - box.start
        out.append(
            box.model_copy(
                update={
                    "start": box.start + lo,
                    "end": box.start + hi,
                    "x0": box.x0 + width * lo / count,
                    "x1": box.x0 + width * hi / count,
                }
            )
        )
    return out


def merge_lines(boxes: Sequence[WordBox]) -> list[WordBox]:
    """Neighbouring boxes on one line joined, so a highlight has one band per line."""
    merged: list[WordBox] = []
    for box in boxes:
        last = merged[-1] if merged else None
        if (
            last is not None
            and last.page == box.page
            and min(last.bottom, box.bottom) - max(last.top, box.top)
            >= 0.5 * min(last.bottom - last.top, box.bottom - box.top)
            and box.x0 >= last.x0
        ):
            merged[-1] = last.model_copy(
                update={
                    "end": box.end,
                    "x1": max(last.x1, box.x1),
                    "top": min(last.top, box.top),
                    "bottom": max(last.bottom, box.bottom),
                }
            )
        else:
            merged.append(box)
    return merged


def _page_geometry(page: Any) -> tuple[float, float, float, float, int]:
    """``(left, bottom, width, height, rotation)`` of a pypdf page's MediaBox."""
    box = page.mediabox
    rotation = int(page.get("/Rotate", 0) or 0) % 360
    return float(box.left), float(box.bottom), float(box.width), float(box.height), rotation


def _quad_points(boxes: Sequence[WordBox], page: Any) -> tuple[list[float], tuple[float, float, float, float]]:
    """QuadPoints (top-left, top-right, bottom-left, bottom-right per box) and their bounding Rect.

    Word boxes use pdfplumber's top-left origin; PDF user space has its origin
    at the bottom left of the MediaBox.
    """
    left, bottom, _, height, _ = _page_geometry(page)
    quads: list[float] = []
    xs: list[float] = []
    ys: list[float] = []
    for box in boxes:
        x0, x1 = round(left + box.x0, 2), round(left + box.x1, 2)
        y_top = round(bottom + height - box.top, 2)
        y_bottom = round(bottom + height - box.bottom, 2)
        quads.extend([x0, y_top, x1, y_top, x0, y_bottom, x1, y_bottom])
        xs.extend([x0, x1])
        ys.extend([y_top, y_bottom])
    return quads, (min(xs), min(ys), max(xs), max(ys))


def _name(annotation: Any, index: int) -> Any:
    """Give the annotation a unique name (``/NM``) that records which finding it is."""
    from pypdf.generic import NameObject, TextStringObject

    annotation[NameObject("/NM")] = TextStringObject(f"{AUTHOR}-{index + 1:05d}")
    return annotation


def _highlight(boxes: Sequence[WordBox], page: Any, note: str) -> Any:
    from pypdf.annotations import Highlight
    from pypdf.generic import ArrayObject, FloatObject, NameObject, NumberObject, TextStringObject

    quads, rect = _quad_points(boxes, page)
    annotation = Highlight(
        rect=rect,
        quad_points=ArrayObject([FloatObject(v) for v in quads]),
        highlight_color=HIGHLIGHT_COLOUR,
        title_bar=AUTHOR,
    )
    annotation[NameObject("/Contents")] = TextStringObject(note)
    annotation[NameObject("/F")] = NumberObject(_PRINT_FLAG)
    return annotation


def _sticky_note(page: Any, slot: int, note: str) -> Any:
    from pypdf.annotations import Text
    from pypdf.generic import NameObject, NumberObject

    left, bottom, width, height, _ = _page_geometry(page)
    x0 = left + _NOTE_MARGIN + slot * (_NOTE_SIZE + 4) % max(width - 2 * _NOTE_MARGIN, _NOTE_SIZE)
    y1 = bottom + height - _NOTE_MARGIN
    annotation = Text(rect=(x0, y1 - _NOTE_SIZE, x0 + _NOTE_SIZE, y1), text=note, title_bar=AUTHOR)
    annotation[NameObject("/Name")] = NameObject("/Comment")
    annotation[NameObject("/F")] = NumberObject(_PRINT_FLAG)
    return annotation


def _section_page(plan: Plan, finding: Finding) -> int:
    """The 1-based page a section-level note goes on: where the finding or its section starts."""
    if finding.location.page is not None:
        return finding.location.page
    section = plan.section(finding.section) if finding.section else None
    if section is not None:
        if section.location.page is not None:
            return section.location.page
        for block in section.blocks:
            if block.location.page is not None:
                return block.location.page
    return 1


def highlight_pdf(
    data: bytes,
    findings: Sequence[Finding],
    source: str | None = None,
    plan: Plan | None = None,
) -> bytes:
    """The PDF plan in ``data`` with one annotation per finding, as new PDF bytes.

    ``plan`` is the plan read from ``data`` (read here when not given); its
    word boxes place the highlights. ``data`` itself is never modified.
    """
    from pypdf import PdfWriter

    if plan is None:
        from ehcp_lint.reading import read_plan

        plan = read_plan(data, "pdf", source=source)
    units = _units(plan)
    try:
        writer = PdfWriter(io.BytesIO(data), incremental=True)
    except Exception:  # an incremental update needs a clean cross-reference table
        from pypdf import PdfReader

        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    pages = writer.pages
    notes_on_page: dict[int, int] = {}
    for index, finding in enumerate(findings):
        note = comment_text(finding)
        found = _unit_for(finding, units)
        boxes = match_boxes(found[0].boxes, found[1], found[2]) if found is not None else []
        if boxes:
            page_number = boxes[0].page
            page = pages[page_number - 1]
            if _page_geometry(page)[4] == 0:
                on_page = merge_lines([b for b in boxes if b.page == page_number])
                writer.add_annotation(page_number - 1, _name(_highlight(on_page, page, note), index))
                continue
        elif found is not None:
            log.info("no word positions for a finding at %s; adding a note instead",
                     finding.location.describe())
        page_number = min(max(_section_page(plan, finding), 1), len(pages))
        slot = notes_on_page.get(page_number, 0)
        notes_on_page[page_number] = slot + 1
        writer.add_annotation(
            page_number - 1, _name(_sticky_note(pages[page_number - 1], slot, note), index)
        )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@dataclass(frozen=True)
class PdfNote:
    """An annotation read back from a PDF: page (1-based), kind, author, note and geometry.

    ``name`` is the annotation's ``/NM``; ehcp-lint names its own
    ``ehcp-lint-00001``... in the order of the findings.
    """

    name: str
    page: int
    subtype: str
    author: str
    contents: str
    rect: tuple[float, float, float, float]
    quad_points: tuple[float, ...]


def read_review_notes(data: bytes, author: str | None = AUTHOR) -> list[PdfNote]:
    """Highlights and notes of a PDF (by ``author``; all when ``None``).

    Sorted by name, which for ehcp-lint's own notes is the order of the findings.
    """
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    notes: list[PdfNote] = []
    for number, page in enumerate(reader.pages, start=1):
        for ref in page.get("/Annots") or []:
            annotation = ref.get_object()
            who = str(annotation.get("/T", ""))
            if author is not None and who != author:
                continue
            rect = tuple(float(v) for v in annotation.get("/Rect", [0, 0, 0, 0]))
            quads = tuple(float(v) for v in annotation.get("/QuadPoints", []))
            notes.append(
                PdfNote(
                    name=str(annotation.get("/NM", "")),
                    page=number,
                    subtype=str(annotation.get("/Subtype", "")),
                    author=who,
                    contents=str(annotation.get("/Contents", "")),
                    rect=(rect[0], rect[1], rect[2], rect[3]),
                    quad_points=quads,
                )
            )
    return sorted(notes, key=lambda note: note.name)
