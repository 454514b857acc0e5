"""How much slower is ``read_docx`` than python-docx merely opening and walking a plan?

Builds a ~25-page invented plan with python-docx (headings, paragraphs, bullet
lists and several tables, including a national-grid table with merged title
rows), then times, median of 5 runs each:

* the floor: ``docx.Document(BytesIO)`` plus a walk of ``doc.paragraphs`` and
  ``doc.tables`` -> rows -> cells -> paragraphs through the public API;
* ``read_docx`` (container safety checks + python-docx open + lxml walk).

Prints both medians and their ratio; the target is a ratio of at most 1.5.

    .venv/bin/python benchmarks/docx_read_ratio.py
"""

from __future__ import annotations

import io
import statistics
import time
from collections.abc import Callable

import docx
from docx.document import Document as DocumentObject

from ehcp_lint.readers.docx_reader import read_docx

RUNS = 5

_NEEDS = (
    "Sam finds it hard to follow spoken instructions with more than two parts, "
    "particularly in a noisy classroom, and often watches other pupils to work out what to do."
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
    """An invented ~25-page plan: sections A-K, prose, lists, grid and provision tables."""
    document = docx.Document()
    document.add_heading("Education, Health and Care Plan", level=0)
    details = document.add_table(rows=6, cols=4)
    for index, row in enumerate(details.rows):
        row.cells[0].text = f"Label {index}"
        row.cells[1].text = f"Value {index}"
        row.cells[2].text = f"Other label {index}"
        row.cells[3].text = f"Other value {index}"
    for letter in "ABCDEFGHIJK":
        document.add_heading(f"Section {letter}", level=1)
        for number in range(13):
            document.add_paragraph(f"{_NEEDS} ({letter}{number})")
            document.add_paragraph(_PROVISION, style="List Bullet")
        if letter in "BCD":
            grid = document.add_table(rows=14, cols=3)
            title = grid.cell(0, 0).merge(grid.cell(0, 2))
            title.text = "Special Educational Needs and Provision: Communication and Interaction"
            for column, label in enumerate(("B – Needs", "F – Provision", "E – Outcomes")):
                grid.cell(1, column).text = label
            for row in grid.rows[2:]:
                row.cells[0].text = _NEEDS
                row.cells[1].text = _PROVISION
                row.cells[2].text = _OUTCOME
        if letter == "F":
            table = document.add_table(rows=15, cols=4)
            for row in table.rows:
                for column, cell in enumerate(row.cells):
                    cell.text = f"{_PROVISION[:60]} {column}"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def python_docx_floor(data: bytes) -> int:
    """Open with python-docx and touch every paragraph and table cell via the public API."""
    document: DocumentObject = docx.Document(io.BytesIO(data))
    characters = sum(len(p.text) for p in document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                characters += sum(len(p.text) for p in cell.paragraphs)
    return characters


def python_docx_words(document: DocumentObject) -> int:
    words = sum(len(p.text.split()) for p in document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            seen: set[object] = set()
            for cell in row.cells:
                if cell._tc not in seen:  # a merged cell repeats in row.cells
                    seen.add(cell._tc)
                    words += len(cell.text.split())
    return words


def ours(data: bytes) -> int:
    return len(read_docx(data, "benchmark.docx").blocks)


def median_seconds(function: Callable[[bytes], int], data: bytes) -> float:
    function(data)  # warm imports and caches
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        function(data)
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def main() -> None:
    data = build_plan()
    floor = median_seconds(python_docx_floor, data)
    reader = median_seconds(ours, data)
    document = docx.Document(io.BytesIO(data))
    words = python_docx_words(document)
    print(
        f"plan: {len(data) / 1024:.0f} KB, {len(document.paragraphs)} body paragraphs, "
        f"{len(document.tables)} tables, {words} words (~{words / 500:.0f} pages)"
    )
    print(f"python-docx open + public walk (median of {RUNS}): {floor * 1000:.1f} ms")
    print(f"read_docx (median of {RUNS}):                     {reader * 1000:.1f} ms")
    print(f"ratio: {reader / floor:.2f} (target <= 1.5)")


if __name__ == "__main__":
    main()
