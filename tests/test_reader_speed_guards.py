"""The guarantees behind the Word reader's second round of shortcuts (speed is measured in
benchmarks/, never here).

Each shortcut must give exactly what the longer way gave, on real Word files built with
python-docx and on the project's fixture and benchmark plans. Every text is invented.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from ehcp_lint.readers import docx_reader
from ehcp_lint.readers.docx_reader import _BLOCK_TAGS, _TCPR, TC, _cell_children, _child, _unwrap

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
ROOT = Path(__file__).resolve().parents[1]
#: Word plans in the repository: fixtures, samples and the benchmark's size corpus.
PLAN_FILES = sorted(
    path
    for folder in ("fixtures", "benchmarks/corpus/sizes")
    for path in (ROOT / folder).rglob("*.docx")
)


def _body(path: Path) -> Any:
    return docx.Document(str(path)).element.body


def _cells(body: Any) -> list[Any]:
    return list(body.iter(TC))


def _awkward_cells_document(tmp_path: Path) -> Path:
    """Cells with their content wrapped in content controls and custom XML, a nested
    table, a second (malformed) w:tcPr and properties after the content."""
    document = docx.Document()
    table = parse_xml(
        f'<w:tbl {W}><w:tr>'
        '<w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:tcPr><w:vMerge/></w:tcPr>'
        "<w:p><w:r><w:t>Speech and language therapy</w:t></w:r></w:p>"
        "<w:sdt><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>Weekly, 30 minutes</w:t></w:r></w:p>"
        "<w:customXml><w:p><w:r><w:t>Reviewed termly</w:t></w:r></w:p></w:customXml>"
        "</w:sdtContent></w:sdt></w:tc>"
        "<w:tc><w:p><w:r><w:t>Outcome</w:t></w:r></w:p><w:tcPr><w:gridSpan w:val=\"3\"/></w:tcPr>"
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Nested</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
        "<w:customXml><w:p><w:r><w:t>Tagged</w:t></w:r></w:p></w:customXml>"
        "<w:sdt><w:sdtPr/></w:sdt></w:tc>"
        "<w:tc/>"
        "</w:tr></w:tbl>"
    )
    document.element.body.find(qn("w:sectPr")).addprevious(table)
    path = tmp_path / "awkward-cells.docx"
    document.save(str(path))
    return path


def test_there_are_plans_to_check() -> None:
    assert len(PLAN_FILES) >= 5


def test_one_pass_over_a_cell_finds_what_child_and_unwrap_found(tmp_path: Path) -> None:
    """``_cell_children`` is ``_child(tc, w:tcPr)`` and ``_unwrap(tc, paragraphs and tables)``."""
    checked = 0
    for path in [*PLAN_FILES, _awkward_cells_document(tmp_path)]:
        for tc in _cells(_body(path)):
            tc_pr, contents = _cell_children(tc)
            assert tc_pr is _child(tc, _TCPR)
            assert contents == list(_unwrap(tc, _BLOCK_TAGS))
            checked += 1
    assert checked > 1000


def test_awkward_cells_read_in_order(tmp_path: Path) -> None:
    path = _awkward_cells_document(tmp_path)
    raw = docx_reader.read_docx(path.read_bytes(), path.name)
    table = next(b for b in raw.blocks if b.kind == "table")
    first, second, empty = table.rows[0]
    # the first w:tcPr wins (a span of two, no vertical merge), content controls read through
    assert (first.spans, first.location.column) == (2, 1)
    assert first.text == "Speech and language therapy\nWeekly, 30 minutes\nReviewed termly"
    assert (second.spans, second.location.column) == (3, 3)
    assert [b.kind for b in second.blocks] == ["paragraph", "table", "paragraph"]
    assert second.text == "Outcome\nTagged"
    assert (empty.text, empty.location.column) == ("", 6)


@pytest.mark.parametrize("path", PLAN_FILES[:3], ids=lambda p: p.name)
def test_plan_files_still_read(path: Path) -> None:
    assert docx_reader.read_docx(path.read_bytes(), path.name).blocks
