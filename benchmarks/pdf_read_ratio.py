"""How much slower is ``read_pdf`` than pdfplumber merely extracting text and tables?

Builds an invented ~25-page plan with reportlab (headings, paragraphs, bullet
lists, ruled tables including one that runs over several pages with a
repeated header row, and a running header and "Page N of M" footer on every
page), then times, median of 5 runs each (the two interleaved, and measured in
process CPU time, so that other work on a shared machine does not tilt the ratio):

* the floor: ``pdfplumber.open`` and, for every page, ``page.extract_text()``
  and ``page.extract_tables()``;
* ``read_pdf`` (words, tables, running heads, paragraphs, headings, boxes).

Prints both medians and their ratio; the target is a ratio of at most 1.3.

    .venv/bin/python benchmarks/pdf_read_ratio.py
"""

from __future__ import annotations

import io
import statistics
import time
from collections.abc import Callable
from typing import Any

import pdfplumber
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.platypus import (
    ListFlowable,
    ListItem,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from ehcp_lint.readers.pdf_reader import read_pdf

RUNS = 5
TARGET = 1.3

_NEEDS = (
    "Sam finds it hard to follow spoken instructions with more than two parts, "
    "particularly in a noisy classroom, and often watches other pupils to work out what to do. "
    "Staff who know Sam well report that visual prompts and a calm, predictable routine help."
)
_PROVISION = (
    "Sam will receive a 30-minute session of speech and language therapy once a week, "
    "delivered by a qualified speech and language therapist, with a programme shared with staff."
)
_OUTCOME = (
    "By the end of Key Stage 2, Sam will follow three-part spoken instructions in class "
    "without adult prompting on four out of five occasions."
)


def build_plan() -> bytes:
    """An invented plan of about 25 A4 pages (built twice so the footer knows the page count)."""
    styles = getSampleStyleSheet()
    body = ParagraphStyle("Body", parent=styles["Normal"], spaceAfter=6)
    cell = ParagraphStyle("Cell", parent=styles["Normal"], fontSize=9, leading=11)
    grid = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)])

    def story() -> list[Any]:
        parts: list[Any] = [Paragraph("Education, Health and Care Plan", styles["Title"])]
        for letter in "ABCDEFGHIJK":
            parts.append(Paragraph(f"Section {letter}", styles["Heading1"]))
            for number in range(13):
                parts.append(Paragraph(f"{_NEEDS} ({letter}{number})", body))
            parts.append(
                ListFlowable(
                    [ListItem(Paragraph(_PROVISION, body)) for _ in range(3)],
                    bulletType="bullet",
                    start="•",
                )
            )
            rows = 30 if letter == "F" else 6
            table = Table(
                [
                    ["Need", "Provision", "Outcome"],
                    *[
                        [Paragraph(text, cell) for text in (_NEEDS, _PROVISION, _OUTCOME)]
                        for _ in range(rows)
                    ],
                ],
                colWidths=[150, 160, 140],
                repeatRows=1,
                style=grid,
            )
            parts.extend([table, Spacer(1, 12)])
        return parts

    total = 1
    data = b""
    for _ in range(2):
        buffer = io.BytesIO()
        doc = SimpleDocTemplate(buffer, pagesize=A4)

        def on_page(c: Any, doc: Any, total: int = total) -> None:
            width, height = A4
            c.saveState()
            c.setFont("Helvetica", 9)
            c.drawString(72, height - 40, "Sam Sample – EHC Plan – Anytown Council")
            c.drawRightString(width - 72, 30, f"Page {doc.page} of {total}")
            c.restoreState()

        doc.build(story(), onFirstPage=on_page, onLaterPages=on_page)
        total = doc.page
        data = buffer.getvalue()
    return data


def pdfplumber_floor(data: bytes) -> int:
    """Open with pdfplumber and extract every page's text and tables once."""
    characters = 0
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            characters += len(page.extract_text())
            characters += len(page.extract_tables())
    return characters


def ours(data: bytes) -> int:
    return len(read_pdf(data, "benchmark.pdf").blocks)


def median_seconds(functions: tuple[Callable[[bytes], int], ...], data: bytes) -> list[float]:
    """Median CPU seconds of each function, runs interleaved after one warm-up each."""
    for function in functions:
        function(data)  # warm imports and caches
    timings: list[list[float]] = [[] for _ in functions]
    for _ in range(RUNS):
        for function, times in zip(functions, timings, strict=True):
            start = time.process_time()
            function(data)
            times.append(time.process_time() - start)
    return [statistics.median(times) for times in timings]


def main() -> None:
    data = build_plan()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = len(pdf.pages)
    document = read_pdf(data, "benchmark.pdf")
    tables = sum(1 for block in document.blocks if block.kind == "table")
    floor, reader = median_seconds((pdfplumber_floor, ours), data)
    print(
        f"plan: {len(data) / 1024:.0f} KB, {pages} pages, "
        f"{len(document.blocks)} blocks, {tables} tables"
    )
    print(f"pdfplumber extract_text + extract_tables (median of {RUNS}): {floor * 1000:.0f} ms CPU")
    print(
        f"read_pdf (median of {RUNS}):                                 {reader * 1000:.0f} ms CPU"
    )
    print(f"ratio: {reader / floor:.2f} (target <= {TARGET})")


if __name__ == "__main__":
    main()
