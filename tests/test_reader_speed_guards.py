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


# --- python-docx opens the parts the container check already inflated ----------------------

REAL_WORLD = Path("/work/shared/real-world/change-programme-template.docx")


def _package_xml(document: Any) -> dict[str, bytes]:
    """Every part of an opened document: its XML as python-docx parsed it, or its bytes."""
    from lxml import etree

    out: dict[str, bytes] = {}
    for part in document.part.package.iter_parts():
        element = getattr(part, "_element", None)
        out[str(part.partname)] = (
            etree.tostring(element) if element is not None else bytes(part.blob)
        )
    return out


def _zip_with(entries: list[tuple[str, bytes]], base: bytes) -> bytes:
    """``base``'s members followed by ``entries`` (a later copy of a name included)."""
    import io
    import warnings
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as source, zipfile.ZipFile(
        out, "w", zipfile.ZIP_DEFLATED
    ) as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "Duplicate name": wanted here
            for name, body in entries:
                target.writestr(name, body)
    return out.getvalue()


@pytest.mark.parametrize(
    "path",
    [*PLAN_FILES, *([REAL_WORLD] if REAL_WORLD.exists() else [])],
    ids=lambda p: p.name,
)
def test_opening_from_inflated_parts_gives_what_docx_document_gives(path: Path) -> None:
    import io

    from ehcp_lint.readers.container import inflate_docx_parts
    from ehcp_lint.readers.docx_reader import _open_from_parts

    data = path.read_bytes()
    from_parts = _open_from_parts(inflate_docx_parts(data, path.name))
    assert from_parts is not None  # the installed python-docx has what the fast path needs
    assert _package_xml(from_parts) == _package_xml(docx.Document(io.BytesIO(data)))


def test_inflated_parts_are_what_zipfile_reads(tmp_path: Path) -> None:
    """Every member, a folder entry and a name stored twice (the later copy wins)."""
    import io
    import zipfile

    from ehcp_lint.readers.container import inflate_docx_parts

    document = docx.Document()
    document.add_paragraph("Section A: About me")
    base = io.BytesIO()
    document.save(base)
    data = _zip_with(
        [("customXml/", b""), ("customXml/item9.xml", b"<a/>"), ("customXml/item9.xml", b"<b/>")],
        base.getvalue(),
    )
    parts = inflate_docx_parts(data, "plan.docx")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert parts == {name: archive.read(name) for name in archive.namelist()}
    assert parts["customXml/item9.xml"] == b"<b/>"


def test_a_damaged_styles_part_is_still_refused() -> None:
    """python-docx still parses every part it reads, so a broken one is still a one-line error."""
    import io

    from ehcp_lint.errors import CorruptFileError

    document = docx.Document()
    document.add_paragraph("Section B: Special educational needs")
    base = io.BytesIO()
    document.save(base)
    data = _zip_with([("word/styles.xml", b"<w:styles><unclosed></w:styles>")], base.getvalue())
    with pytest.raises(CorruptFileError) as caught:
        docx_reader.read_docx(data, "plan.docx")
    assert "\n" not in str(caught.value)


def test_a_missing_part_is_still_refused_as_python_docx_refused_it() -> None:
    """A relationship to a part the zip lacks: python-docx's KeyError, as from the zip."""
    import io
    import zipfile

    from ehcp_lint.errors import CorruptFileError

    document = docx.Document()
    document.add_paragraph("Section B: Special educational needs")
    base = io.BytesIO()
    document.save(base)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base.getvalue())) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename != "word/styles.xml":
                target.writestr(info, source.read(info))
    with pytest.raises(CorruptFileError, match=r"could not be opened as a Word document \(KeyError\)"):
        docx_reader.read_docx(out.getvalue(), "plan.docx")


# --- the reader's stream is gone before the collector is turned back on ---------------------

_FIRST_COLLECTION_SCRIPT = """
import gc, sys
from ehcp_lint.readers.raw import RawBlock, RawCell, RawDocument
from ehcp_lint.reading import load_plan, read_plan

def raw_objects():
    return sum(isinstance(o, (RawBlock, RawCell, RawDocument)) for o in gc.get_objects())

path = sys.argv[1]
load_plan(path)  # imports and compiles everything first
gc.collect()
before = raw_objects()
seen = []
gc.callbacks.append(lambda phase, info: phase == "start" and seen.append(raw_objects()))
gc.set_threshold(1)  # a collection as soon as the paused collector is on again
load_plan(path)
read_plan(open(path, "rb").read(), "docx", source=path)
gc.set_threshold(700)
gc.callbacks.clear()
print(before, max(seen, default=-1), len(seen))
"""


@pytest.mark.parametrize(
    "path", [p for p in PLAN_FILES if "16x" not in p.name and "4x" not in p.name][:2], ids=lambda p: p.name
)
def test_no_raw_block_is_alive_when_the_collector_resumes(path: Path) -> None:
    """``load_plan``/``read_plan`` free the reader's stream (blocks, cells, lists) inside the
    paused call, so the caller's first collection afterwards walks only the plan."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", _FIRST_COLLECTION_SCRIPT, str(path)],
        capture_output=True, text=True, check=True, timeout=120,
    )
    before, most, collections = (int(n) for n in done.stdout.split())
    assert collections > 0  # the check ran: collections happened around the calls
    assert most == before


# --- section detection: grid headers, column names, row places ----------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from ehcp_lint.headings import MAX_HEADING_CHARS, match_section_heading  # noqa: E402
from ehcp_lint.model import Location  # noqa: E402
from ehcp_lint.readers.raw import RawCell  # noqa: E402
from ehcp_lint.sections import _GridColumn, _PlanBuilder, _unique_cells  # noqa: E402


def reference_grid_columns(row: list[RawCell]) -> list[_GridColumn] | None:
    """``_PlanBuilder._grid_columns`` as it was: every filled cell tried."""
    if len(row) < 2:
        return None
    columns: list[_GridColumn] = []
    filled = 0
    for start, cell in _unique_cells(row):
        text = " ".join(cell.text.split())
        if not text:
            continue
        filled += 1
        if len(text) > MAX_HEADING_CHARS:
            continue
        match = match_section_heading(text, None)
        if match is not None:
            columns.append(_GridColumn(start, start + max(cell.spans, 1), match.key, text))
    keys = {c.key for c in columns}
    if len(columns) >= 2 and len(keys) == len(columns) and 2 * len(columns) >= filled:
        return columns
    return None


_GRID_TEXTS = st.sampled_from(
    ["B - Special educational needs", "F - Special educational provision", "E - Outcomes",
     "Section C: Health needs", "G Health provision", "Outcomes", "Provision", "", "  ",
     "Weekly speech and language therapy, 30 minutes, delivered by the SaLT.", "Who",
     "Section B", "Section B", "H1", "Part F", "x" * 500]
)


@settings(max_examples=300)
@given(st.lists(st.tuples(_GRID_TEXTS, st.integers(1, 3)), max_size=7))
def test_grid_header_stops_early_only_when_it_cannot_be_one(cells: list[tuple[str, int]]) -> None:
    row: list[RawCell] = []
    column = 1
    for text, spans in cells:
        row.append(RawCell(text=text, location=Location(table=1, row=1, column=column), spans=spans))
        column += spans
    assert _PlanBuilder({})._grid_columns(row) == reference_grid_columns(row)


def test_grid_headers_of_every_plan_row_are_unchanged() -> None:
    builder = _PlanBuilder({})
    rows = 0
    for path in PLAN_FILES:
        raw = docx_reader.read_docx(path.read_bytes(), path.name)
        for block in raw.blocks:
            for row in block.rows:
                assert builder._grid_columns(row) == reference_grid_columns(row)
                rows += 1
    assert rows > 500


# --- the container's entity scan: a byte search first -------------------------------------

from ehcp_lint.readers.container import _DECLARATION, DECLARATION_BYTE  # noqa: E402

_DECLARATION_PIECES = st.sampled_from(
    [b"<", b"!", b"\x00", b"\x00\x00\x00", b"DOCTYPE", b"doctype", b"ENTITY", b"eNtItY",
     b"<!--", b"<![CDATA[", b"<w:t>", b"\xff\xfe", b"D\x00O\x00C\x00", b" "]
)


@settings(max_examples=400)
@given(st.lists(st.one_of(_DECLARATION_PIECES, st.binary(max_size=6)), max_size=30))
def test_a_declaration_always_holds_the_byte_searched_first(pieces: list[bytes]) -> None:
    window = b"".join(pieces)
    if _DECLARATION.search(window):
        assert DECLARATION_BYTE in window


def test_declarations_in_every_encoding_hold_the_byte() -> None:
    for word in ("<!DOCTYPE plan>", "<!entity x 'y'>"):
        for encoding in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
            window = word.encode(encoding)
            assert _DECLARATION.search(window)
            assert DECLARATION_BYTE in window


# --- the main part parsed without python-docx's element classes -----------------------------


def _walk_python_docx_tree(path: Path) -> list[Any]:
    """The body walk on the tree python-docx itself builds (its element classes)."""
    document = docx.Document(str(path))
    walker = docx_reader._BodyWalker(docx_reader._StyleBook(document.styles.element))
    return walker.read_body(document.element.body)


@pytest.mark.parametrize(
    "path",
    [*PLAN_FILES, *([REAL_WORLD] if REAL_WORLD.exists() else [])],
    ids=lambda p: p.name,
)
def test_the_plain_main_part_reads_as_python_docx_s_tree_did(path: Path) -> None:
    from ehcp_lint.readers.container import inflate_docx_parts

    document_part = docx_reader._open_from_parts(inflate_docx_parts(path.read_bytes(), path.name))
    assert type(document_part.element).__module__ == "lxml.etree"  # the fast path was taken
    raw = docx_reader.read_docx(path.read_bytes(), path.name)
    assert raw.blocks == _walk_python_docx_tree(path)


def test_a_main_part_that_is_not_a_document_is_refused_as_before() -> None:
    import io

    from ehcp_lint.errors import CorruptFileError
    from ehcp_lint.reading import read_plan

    document = docx.Document()
    document.add_paragraph("Section A: About me")
    base = io.BytesIO()
    document.save(base)
    body = (
        f'<w:body {W}><w:p><w:r><w:t>Section A</w:t></w:r></w:p></w:body>'
    ).encode()
    data = _zip_with([("word/document.xml", body)], base.getvalue())
    with pytest.raises(CorruptFileError, match=r"could not be read \(AttributeError\)"):
        read_plan(data, "docx", source="plan.docx")


# --- models made by their validators directly ------------------------------------------------

from pydantic import ValidationError  # noqa: E402

from ehcp_lint.model import AreaOfNeed, Block, BlockKind, Cell, WordBox  # noqa: E402
from ehcp_lint.readers.docx_reader import _new_location  # noqa: E402
from ehcp_lint.sections import _new_block, _new_cell  # noqa: E402

_BOX = WordBox(start=0, end=4, page=1, x0=1.0, top=2.0, x1=3.0, bottom=4.0)
_MADE_DIRECTLY: list[tuple[Any, Any, dict[str, Any]]] = [
    (_new_location, Location, {"paragraph": 3}),
    (_new_location, Location, {"table": 2, "row": 5, "column": 1}),
    (_new_location, Location, {"table": "2"}),  # lax mode: a numeric string is an int
    (_new_cell, Cell, {"text": "Weekly", "location": Location(table=1, row=2, column=3),
                       "column_name": None, "boxes": [_BOX]}),
    (_new_block, Block, {"kind": BlockKind.LIST_ITEM, "text": "Daily reading", "location":
                         Location(paragraph=9), "area_of_need": AreaOfNeed.COGNITION_AND_LEARNING,
                         "level": None, "boxes": []}),
    (_new_block, Block, {"kind": "heading", "text": "Outcomes", "location": Location(line=4),
                         "area_of_need": None, "link": "t1r2", "column_name": "E", "boxes": []}),
]
_INVALID: list[tuple[Any, Any, dict[str, Any]]] = [
    (_new_location, Location, {"paragraph": "third"}),
    (_new_cell, Cell, {"text": None, "location": Location(table=1)}),
    (_new_block, Block, {"kind": "chart", "text": "x", "location": Location(line=1)}),
]


@pytest.mark.parametrize(("made", "model", "fields"), _MADE_DIRECTLY)
def test_a_model_made_by_its_validator_is_the_one_its_constructor_makes(
    made: Any, model: Any, fields: dict[str, Any]
) -> None:
    direct, built = made(dict(fields)), model(**fields)
    assert type(direct) is model
    assert direct == built
    assert direct.model_fields_set == built.model_fields_set
    assert direct.model_dump() == built.model_dump()


@pytest.mark.parametrize(("made", "model", "fields"), _INVALID)
def test_a_model_made_by_its_validator_refuses_what_its_constructor_refuses(
    made: Any, model: Any, fields: dict[str, Any]
) -> None:
    with pytest.raises(ValidationError) as direct:
        made(dict(fields))
    with pytest.raises(ValidationError) as built:
        model(**fields)
    assert direct.value.errors() == built.value.errors()
