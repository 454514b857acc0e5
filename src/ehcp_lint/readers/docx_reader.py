"""Read a Word (.docx) plan into the flat :class:`~ehcp_lint.readers.raw.RawDocument` stream.

python-docx opens the package (after :mod:`ehcp_lint.readers.container` has
checked that it is safe to), but the body is walked directly on the lxml tree:
building a python-docx ``Paragraph`` or ``_Cell`` object per paragraph and cell
is several times slower and, worse, python-docx's ``row.cells`` repeats a merged
cell once per grid column, which would make a plan's need, provision and outcome
cells appear two or three times.

What a caseworker sees in Word is what the linter reads:

* paragraphs and tables in document order, including everything wrapped in
  content controls (``w:sdt``) at block, row, cell and run level, hyperlinks,
  smart tags and fields' displayed text;
* tracked changes read as if accepted (insertions and moves in, deletions and
  moved-away text out, deleted table rows out);
* comments, headers, footers, footnotes and text boxes are not part of the body.

Layout hints for section detection (never judgements): ``kind="heading"`` with
a ``heading_level`` for Title / Heading 1-9 / any style based on one / an outline
level; ``kind="list_item"`` for numbered paragraphs or List styles; ``bold`` when
every run with text is bold.

Locations: body paragraphs are numbered 1, 2, 3 ... among all body-level
paragraphs, empty ones included (so the number matches a count in Word); tables
are numbered 1, 2, 3 ... in document order, depth first, nested tables included;
a cell's location is its table, row (1-based, after accepting tracked row
deletions) and the grid column where it starts. A vertically merged cell's
continuation is kept as an empty cell so that columns stay where they are.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ehcp_lint.errors import CorruptFileError, PlanReadError
from ehcp_lint.model import Location
from ehcp_lint.readers.container import (
    DEFAULT_MAX_UNCOMPRESSED_BYTES,
    inflate_docx_parts,
)
from ehcp_lint.readers.raw import RawBlock, RawCell, RawDocument

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

P = _W + "p"
TBL = _W + "tbl"
TR = _W + "tr"
TC = _W + "tc"
R = _W + "r"
T = _W + "t"
SDT = _W + "sdt"
_DOCUMENT = _W + "document"
_BODY = _W + "body"
SDT_CONTENT = _W + "sdtContent"
CUSTOM_XML = _W + "customXml"
VAL = _W + "val"

_TAB = _W + "tab"
_PTAB = _W + "ptab"
_BR = _W + "br"
_CR = _W + "cr"
_NO_BREAK_HYPHEN = _W + "noBreakHyphen"
_PPR = _W + "pPr"
_RPR = _W + "rPr"
_TRPR = _W + "trPr"
_TCPR = _W + "tcPr"
_ALTERNATE_CONTENT = _MC + "AlternateContent"
_MC_CHOICE = _MC + "Choice"
_MC_FALLBACK = _MC + "Fallback"
_PSTYLE = _W + "pStyle"
_OUTLINE_LVL = _W + "outlineLvl"
_NUM_PR = _W + "numPr"
_NUM_ID = _W + "numId"
_B = _W + "b"
_RSTYLE = _W + "rStyle"
_DEL = _W + "del"
_GRID_BEFORE = _W + "gridBefore"
_GRID_SPAN = _W + "gridSpan"
_H_MERGE = _W + "hMerge"
_V_MERGE = _W + "vMerge"
_STYLE = _W + "style"
_STYLE_ID = _W + "styleId"
_TYPE = _W + "type"
_DEFAULT = _W + "default"

#: Inside a paragraph, these subtrees hold no visible body text: deletions,
#: text moved elsewhere, and property blocks (which carry no runs).
_SKIPPED_IN_PARAGRAPH = frozenset(
    _W + tag
    for tag in (
        "del", "moveFrom", "pPr", "rPr", "sdtPr", "sdtEndPr", "customXmlPr",
        "smartTagPr", "commentRangeStart", "commentRangeEnd", "bookmarkStart",
        "bookmarkEnd", "proofErr", "permStart", "permEnd",
    )
)
#: Run children that stand for characters.
_RUN_CHARACTERS = {
    _TAB: " ",
    _PTAB: " ",
    _BR: "\n",
    _CR: "\n",
    _NO_BREAK_HYPHEN: "-",
}

_HEADING_NAME = re.compile(r"heading\s*([1-9])")
_HEADING_ID = re.compile(r"heading([1-9])")
_SPACES = re.compile(r"[ \t\u00a0\u2002-\u200a\u202f\u3000]+")
#: The spaces _SPACES collapses other than a plain space and a tab.
_UNUSUAL_SPACE = re.compile(r"[\u00a0\u2002-\u200a\u202f\u3000]")
_FALSE_VALUES = frozenset({"0", "false", "off", "none"})

#: basedOn chains longer than this are cut short (they are loops in a damaged file).
_MAX_STYLE_DEPTH = 32

#: ``Location(**fields)`` without pydantic's Python-level ``__init__`` around it: the same
#: validator making the same instance, about a third cheaper (a plan has ~1,000 of them).
_new_location: Callable[[dict[str, int]], Location] = (
    Location.__pydantic_validator__.validate_python
)


def read_docx(
    data: bytes,
    source: str | None = None,
    *,
    max_uncompressed_bytes: int = DEFAULT_MAX_UNCOMPRESSED_BYTES,
) -> RawDocument:
    """Read a Word plan's body into a :class:`RawDocument` (``format="docx"``).

    ``data`` is the file's bytes (never written anywhere); ``source`` is the
    file name used in error messages. Raises a one-line
    :class:`~ehcp_lint.errors.PlanReadError` subclass for empty, legacy,
    password-protected, damaged, disguised or unsafe files (see
    :func:`~ehcp_lint.readers.container.check_docx_container`).
    """
    parts = inflate_docx_parts(data, source, max_uncompressed_bytes=max_uncompressed_bytes)
    document_part = _open_document(data, source, parts)
    body = _body_of(document_part.element)
    if body is None:
        return RawDocument(format="docx", blocks=[], source=source)
    styles = _StyleBook(document_part.styles.element)
    walker = _BodyWalker(styles)
    return RawDocument(format="docx", blocks=walker.read_body(body), source=source)


def _body_of(root: Any) -> Any:
    """The ``w:body`` of the main part's root, as python-docx's ``document.element.body``
    gives it: the first ``w:body`` child, None without one, and an AttributeError (which
    the caller reports as a damaged file) when the root is not a ``w:document``."""
    if root.tag != _DOCUMENT:
        raise AttributeError("the main part's root is not a w:document")
    return _child(root, _BODY)


def _open_document(data: bytes, source: str | None, parts: dict[str, bytes] | None = None) -> Any:
    """Open with python-docx and return its main document part; any failure it still
    finds becomes a one-line error.

    ``parts`` are the package's parts as the container check inflated them: python-docx
    then reads them from memory (:func:`_open_from_parts`) instead of inflating the zip
    again. Without them, or if this python-docx lacks the pieces that needs, it opens
    ``data`` itself.
    """
    import docx

    try:
        if parts:
            document_part = _open_from_parts(parts)
            if document_part is not None:
                return document_part
        return docx.Document(io.BytesIO(data)).part
    except (PlanReadError, MemoryError):
        raise
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors...
        raise CorruptFileError(
            source,
            f"could not be opened as a Word document ({type(exc).__name__})",
            "open it in Word, which may offer to repair it, and save a fresh copy as .docx",
        ) from None


def _open_from_parts(parts: dict[str, bytes]) -> Any:
    """python-docx's main document part from parts already inflated, or None if it cannot be done.

    This is what ``docx.Document`` does (``Package.open``, then the main part's
    content type is checked), step by step, with a physical-package reader that
    serves each part from ``parts`` where python-docx's own reads the zip again.
    The steps are python-docx internals (stable through 1.x); should a release
    move them, None sends the caller back to ``docx.Document``. Every part python-docx
    reads is parsed as before, so a damaged part is still refused; the main part
    alone is parsed without python-docx's element classes (:func:`_main_part_factory`).
    """
    try:
        from docx.opc.constants import CONTENT_TYPE
        from docx.opc.package import Unmarshaller
        from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
        from docx.opc.part import PartFactory
        from docx.opc.phys_pkg import PhysPkgReader
        from docx.opc.pkgreader import PackageReader, _ContentTypeMap
        from docx.package import Package
        from docx.parts.document import DocumentPart
    except ImportError:
        return None
    if not all(
        callable(getattr(PackageReader, name, None))
        for name in ("_srels_for", "_load_serialized_parts")
    ) or not callable(getattr(Unmarshaller, "unmarshal", None)):
        return None

    class _InflatedPackage(PhysPkgReader):
        """python-docx's ``_ZipPkgReader``, reading from ``parts`` instead of the zip."""

        def __new__(cls, *args: Any) -> Any:  # PhysPkgReader.__new__ picks a zip or folder reader
            return object.__new__(cls)

        def blob_for(self, pack_uri: Any) -> bytes:
            return parts[pack_uri.membername]  # KeyError for a missing part, as ZipFile.read

        @property
        def content_types_xml(self) -> bytes:
            return self.blob_for(CONTENT_TYPES_URI)

        def rels_xml_for(self, source_uri: Any) -> bytes | None:
            try:
                return self.blob_for(source_uri.rels_uri)
            except KeyError:
                return None

        def close(self) -> None:
            pass

    reader: Any = PackageReader  # python-docx's package reading is untyped
    unmarshaller: Any = Unmarshaller
    content_type_map: Any = _ContentTypeMap
    physical = _InflatedPackage()
    content_types = content_type_map.from_xml(physical.content_types_xml)
    package_rels = reader._srels_for(physical, PACKAGE_URI)
    serialized = reader._load_serialized_parts(physical, package_rels, content_types)
    package = Package()
    factory = _main_part_factory(PartFactory, DocumentPart, CONTENT_TYPE.WML_DOCUMENT_MAIN)
    unmarshaller.unmarshal(reader(content_types, package_rels, serialized), package, factory)
    document_part = package.main_document_part
    if document_part.content_type != CONTENT_TYPE.WML_DOCUMENT_MAIN:
        raise ValueError("not a Word document")  # what docx.Document raises
    return document_part


#: python-docx's own parser settings (``docx.oxml.parser.oxml_parser``), without its
#: element classes: no entity is resolved, blank text between tags is dropped.
_PLAIN_PARSER: Any = None


def _main_part_factory(part_factory: Any, document_part: Any, main_type: str) -> Any:
    """python-docx's ``PartFactory``, except that the main document part's XML is parsed
    into plain lxml elements.

    The body walk reads only tags, attributes and text, which python-docx's element
    classes do not change; building a Python object of one of those classes for every
    element the walk touches made it about 1 ms slower, and python-docx's parse costs
    what a plain one does. Only when python-docx would make a ``DocumentPart`` anyway
    (asking its ``part_class_selector`` and content-type map as it does), so the part is
    the same class with the same relationships; only its elements are plain.
    """
    global _PLAIN_PARSER
    from lxml import etree

    if _PLAIN_PARSER is None:
        _PLAIN_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)

    def factory(partname: Any, content_type: str, reltype: str, blob: bytes, package: Any) -> Any:
        if content_type == main_type and _chosen_class(content_type, reltype) is document_part:
            element = etree.fromstring(blob, _PLAIN_PARSER)
            return document_part(partname, content_type, element, package)
        return part_factory(partname, content_type, reltype, blob, package)

    def _chosen_class(content_type: str, reltype: str) -> Any:
        """The class ``PartFactory`` would load the part as: its selector's, else by type."""
        selector = part_factory.part_class_selector
        chosen = selector(content_type, reltype) if selector is not None else None
        return chosen if chosen is not None else part_factory.part_type_for.get(content_type)

    return factory


# --- styles ----------------------------------------------------------------------------


def _child(element: Any, tag: str) -> Any:
    """``element``'s first child with ``tag``, or None: ``find(tag)`` without
    ElementPath's per-call overhead (about three times faster on a walk)."""
    return next(element.iterchildren(tag), None)


def _val(element: Any, child_tag: str) -> str | None:
    """The ``w:val`` of ``element``'s child ``child_tag`` ('' when the child has no val)."""
    if element is None:
        return None
    child = next(element.iterchildren(child_tag), None)
    if child is None:
        return None
    value = child.get(VAL)
    return "" if value is None else str(value)


def _on_off(element: Any, child_tag: str) -> bool | None:
    """An OOXML on/off property (``<w:b/>``, ``<w:b w:val="0"/>``); None when absent."""
    value = _val(element, child_tag)
    if value is None:
        return None
    return value.lower() not in _FALSE_VALUES


def _outline_heading_level(value: str | None) -> int | None:
    """``w:outlineLvl`` 0-8 is heading level 1-9; 9 means body text (None)."""
    if value is None or not value.isdigit():
        return None
    level = int(value)
    return level + 1 if level < 9 else None


@dataclass(frozen=True, slots=True)
class _Style:
    style_type: str
    name: str
    based_on: str | None
    heading_level: int | None  # from the name (Title, heading N) or its own outline level
    explicit_body_text: bool  # outline level 9 set on the style itself
    num_id: str | None
    bold: bool | None


@dataclass(frozen=True, slots=True)
class _ParagraphStyle:
    heading_level: int | None
    numbered: bool
    list_named: bool
    bold: bool | None


_NO_STYLE = _ParagraphStyle(heading_level=None, numbered=False, list_named=False, bold=None)


class _StyleBook:
    """What each style means for section detection, resolved through ``w:basedOn`` once.

    A document carries a hundred or more styles (Word's built-in ones, latent
    ones, the template's) but a plan uses a handful, so a style is read from
    its ``w:style`` element the first time a paragraph, run or ``basedOn``
    chain asks for it.
    """

    def __init__(self, styles_element: Any) -> None:
        self._elements: dict[str, Any] = {}
        self._styles: dict[str, _Style] = {}
        self._paragraph_cache: dict[str | None, _ParagraphStyle] = {}
        self._character_cache: dict[str, bool | None] = {}
        self.default_paragraph_style: str | None = None
        self.default_bold: bool | None = None
        if styles_element is None:
            return
        defaults = styles_element.find(f"{_W}docDefaults/{_W}rPrDefault/{_RPR}")
        self.default_bold = _on_off(defaults, _B)
        for element in styles_element.iterchildren(_STYLE):
            style_id = element.get(_STYLE_ID)
            if not style_id:
                continue
            self._elements[style_id] = element  # a later duplicate wins, as it always has
            if (element.get(_TYPE) or "paragraph") == "paragraph" and _on_off_attr(
                element.get(_DEFAULT)
            ):
                self.default_paragraph_style = style_id

    def _style(self, style_id: str) -> _Style | None:
        style = self._styles.get(style_id)
        if style is None:
            element = self._elements.get(style_id)
            if element is None:
                return None
            style = self._styles[style_id] = _read_style(element, style_id)
        return style

    def _chain(self, style_id: str | None) -> Iterator[_Style]:
        seen: set[str] = set()
        while style_id and style_id not in seen and len(seen) < _MAX_STYLE_DEPTH:
            seen.add(style_id)
            style = self._style(style_id)
            if style is None:
                return
            yield style
            style_id = style.based_on

    def paragraph(self, style_id: str | None) -> _ParagraphStyle:
        """Heading level, numbering, list name and bold of a paragraph style (or the default)."""
        style_id = style_id or self.default_paragraph_style
        cached = self._paragraph_cache.get(style_id)
        if cached is not None:
            return cached
        heading_level: int | None = None
        heading_decided = numbered_decided = bold_decided = False
        numbered = list_named = False
        bold: bool | None = None
        for style in self._chain(style_id):
            if not heading_decided and (style.heading_level is not None or style.explicit_body_text):
                heading_level, heading_decided = style.heading_level, True
            if not numbered_decided and style.num_id is not None:
                numbered, numbered_decided = style.num_id not in ("", "0"), True
            if not bold_decided and style.bold is not None:
                bold, bold_decided = style.bold, True
            list_named = list_named or style.name.lower().startswith("list")
        result = (
            _ParagraphStyle(heading_level, numbered, list_named, bold)
            if style_id in self._elements
            else _NO_STYLE
        )
        self._paragraph_cache[style_id] = result
        return result

    def character_bold(self, style_id: str) -> bool | None:
        """Bold set by a character style (``w:rStyle``) or its ancestors; None if unset."""
        if style_id in self._character_cache:
            return self._character_cache[style_id]
        bold = next((s.bold for s in self._chain(style_id) if s.bold is not None), None)
        self._character_cache[style_id] = bold
        return bold


def _read_style(element: Any, style_id: str) -> _Style:
    """One ``w:style`` element, read as it stands (``basedOn`` is followed by the caller)."""
    style_type = element.get(_TYPE) or "paragraph"
    name = (_val(element, _W + "name") or style_id).strip()
    p_pr = element.find(_PPR)
    outline = _val(p_pr, _OUTLINE_LVL)
    named_level = _named_heading_level(name, style_id) if style_type == "paragraph" else None
    outline_level = _outline_heading_level(outline)
    return _Style(
        style_type=style_type,
        name=name,
        based_on=_val(element, _W + "basedOn") or None,
        heading_level=named_level if named_level is not None else outline_level,
        explicit_body_text=(named_level is None and outline is not None and outline_level is None),
        num_id=_val(p_pr.find(_NUM_PR), _NUM_ID) if p_pr is not None else None,
        bold=_on_off(element.find(_RPR), _B),
    )


def _named_heading_level(name: str, style_id: str) -> int | None:
    """Word's built-in heading styles are named "heading 1"... and "Title" in every language."""
    lowered = name.lower()
    if lowered == "title" or style_id == "Title":
        return 0
    match = _HEADING_NAME.fullmatch(lowered) or _HEADING_ID.fullmatch(style_id.lower())
    return int(match.group(1)) if match else None


def _on_off_attr(value: str | None) -> bool:
    return value is not None and value.lower() not in _FALSE_VALUES


# --- text ------------------------------------------------------------------------------


def tidy_text(raw: str) -> str:
    """Collapse runs of spaces, strip each line, drop blank lines at the ends and doubled ones."""
    lines: list[str] = []
    for line in raw.split("\n"):
        cleaned = _tidy_line(line)
        if cleaned or (lines and lines[-1]):
            lines.append(cleaned)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


# --- the body walk ---------------------------------------------------------------------


def _unwrap(parent: Any, wanted: frozenset[str]) -> Iterator[Any]:
    """Children of ``parent`` with a ``wanted`` tag, looking through content controls.

    Content controls (``w:sdt``) and custom XML wrap paragraphs, tables, rows and
    cells in many LA templates; their content is part of the document.
    """
    for child in parent:
        tag = child.tag
        if tag in wanted:
            yield child
        elif tag == SDT:
            content = _child(child, SDT_CONTENT)
            if content is not None:
                yield from _unwrap(content, wanted)
        elif tag == CUSTOM_XML:
            yield from _unwrap(child, wanted)


_BLOCK_TAGS = frozenset({P, TBL})
_ROW_TAGS = frozenset({TR})
_CELL_TAGS = frozenset({TC})


class _BodyWalker:
    """Walks one document body, numbering paragraphs and tables as it goes.

    This is the hot loop of reading a Word plan (a 26-page plan has about a
    thousand paragraphs), so each element's children are visited once, in one
    loop that notes the property blocks (``w:pPr``, ``w:rPr``, ``w:tcPr``) it
    passes instead of looking them up again with ``find``.
    """

    def __init__(self, styles: _StyleBook) -> None:
        self._styles = styles
        self._paragraphs = 0
        self._tables = 0

    def read_body(self, body: Any) -> list[RawBlock]:
        blocks: list[RawBlock] = []
        for element in _unwrap(body, _BLOCK_TAGS):
            if element.tag == P:
                self._paragraphs += 1
                block = self._paragraph(element, _new_location({"paragraph": self._paragraphs}))
                if block is not None:
                    blocks.append(block)
            else:
                blocks.append(self._table(element))
        return blocks

    # paragraphs

    def _paragraph(self, p: Any, location: Location) -> RawBlock | None:
        pieces: list[str] = []
        #: The first ``w:rPr`` (or None) of each run with visible text, for bold.
        run_properties: list[Any] = []
        p_pr = None
        for child in p:  # the top level of _collect, noting the paragraph's w:pPr
            tag = child.tag
            if tag == R:
                _run_into(child, pieces, run_properties)
            elif tag == _PPR and p_pr is None:
                p_pr = child
            elif tag in _SKIPPED_IN_PARAGRAPH or not isinstance(tag, str):
                continue
            elif tag == _ALTERNATE_CONTENT:
                _collect_alternate(child, pieces, run_properties)
            else:
                _collect_into(child, pieces, run_properties)
        raw = "".join(pieces)
        text = _tidy_line(raw) if "\n" not in raw else tidy_text(raw)
        if not text:
            return None
        styles = self._styles
        if p_pr is None:
            style = styles.paragraph(None)
            heading_level = style.heading_level
            numbered = style.numbered
        else:
            style_id = outline = num_pr = None
            for child in p_pr:  # first of each, as find() would give
                tag = child.tag
                if tag == _PSTYLE and style_id is None:
                    style_id = _value_of(child)
                elif tag == _OUTLINE_LVL and outline is None:
                    outline = _value_of(child)
                elif tag == _NUM_PR and num_pr is None:
                    num_pr = child
            style = styles.paragraph(style_id)
            heading_level = style.heading_level
            numbered = style.numbered
            if outline is not None:
                heading_level = _outline_heading_level(outline)
            if num_pr is not None:
                num_id = _val(num_pr, _NUM_ID)
                if num_id is not None:
                    numbered = num_id not in ("", "0")
        if heading_level is not None:
            kind = "heading"
        elif numbered or style.list_named:
            kind = "list_item"
        else:
            kind = "paragraph"
        return RawBlock(
            kind=kind,
            text=text,
            location=location,
            heading_level=heading_level,
            bold=self._all_bold(run_properties, style),
        )

    def _all_bold(self, run_properties: list[Any], paragraph_style: _ParagraphStyle) -> bool:
        """Whether every run with text is bold: direct ``w:b``, then the character
        style, paragraph style, document default."""
        if paragraph_style.bold is not None:
            inherited = paragraph_style.bold
        else:
            inherited = bool(self._styles.default_bold)
        for r_pr in run_properties:
            if r_pr is None:
                if not inherited:
                    return False
                continue
            direct = _on_off(r_pr, _B)
            if direct is not None:
                if not direct:
                    return False
                continue
            character_style = _val(r_pr, _RSTYLE)
            if character_style:
                from_style = self._styles.character_bold(character_style)
                if from_style is not None:
                    if not from_style:
                        return False
                    continue
            if not inherited:
                return False
        return True

    # tables

    def _table(self, tbl: Any) -> RawBlock:
        self._tables += 1
        table_number = self._tables
        rows: list[list[RawCell]] = []
        for tr in _unwrap(tbl, _ROW_TAGS):
            tr_pr = _child(tr, _TRPR)
            if tr_pr is not None and _child(tr_pr, _DEL) is not None:
                continue  # a deleted row, read as if the deletion were accepted
            rows.append(self._row(tr, tr_pr, table_number, len(rows) + 1))
        return RawBlock(kind="table", text="", location=_new_location({"table": table_number}), rows=rows)

    def _row(self, tr: Any, tr_pr: Any, table_number: int, row_number: int) -> list[RawCell]:
        cells: list[RawCell] = []
        column = 1 + _int_val(tr_pr, _GRID_BEFORE, 0) if tr_pr is not None else 1
        for tc in _unwrap(tr, _CELL_TAGS):
            span = 1
            h_merge = v_merge = None
            tc_pr, contents = _cell_children(tc)
            if tc_pr is not None:
                grid_span = None
                for child in tc_pr:  # first of each, as find() would give
                    tag = child.tag
                    if tag == _GRID_SPAN and grid_span is None:
                        grid_span = _value_of(child)
                    elif tag == _H_MERGE and h_merge is None:
                        h_merge = _value_of(child)
                    elif tag == _V_MERGE and v_merge is None:
                        v_merge = _value_of(child)
                if grid_span is not None and grid_span.strip().isdigit():
                    span = max(1, int(grid_span))
            if h_merge is not None and h_merge != "restart" and cells:
                # Legacy horizontal merge: this cell is part of the previous one.
                cells[-1].spans += span
                column += span
                continue
            location = _new_location({"table": table_number, "row": row_number, "column": column})
            if v_merge is not None and v_merge != "restart":
                # Continuation of a vertically merged cell: its text belongs to the
                # cell above; keep an empty cell so the columns stay in place.
                cells.append(RawCell(text="", location=location, spans=span))
            else:
                blocks = self._cell_blocks(contents, location)
                text = "\n".join([b.text for b in blocks if b.kind != "table"])
                cells.append(RawCell(text=text, location=location, blocks=blocks, spans=span))
            column += span
        return cells

    def _cell_blocks(self, contents: list[Any], location: Location) -> list[RawBlock]:
        blocks: list[RawBlock] = []
        for element in contents:
            if element.tag == P:
                block = self._paragraph(element, location)
                if block is not None:
                    blocks.append(block)
            else:
                blocks.append(self._table(element))
        return blocks


def _cell_children(tc: Any) -> tuple[Any, list[Any]]:
    """A cell's first ``w:tcPr`` (or None) and its paragraphs and tables, in one pass.

    The same as ``_child(tc, _TCPR)`` followed by ``_unwrap(tc, _BLOCK_TAGS)``,
    which visited every child of every cell twice (a plan has ~640 cells).
    """
    tc_pr = None
    contents: list[Any] = []
    for child in tc:
        tag = child.tag
        if tag in _BLOCK_TAGS:
            contents.append(child)
        elif tag == _TCPR:
            if tc_pr is None:
                tc_pr = child
        elif tag == SDT:
            content = _child(child, SDT_CONTENT)
            if content is not None:
                contents.extend(_unwrap(content, _BLOCK_TAGS))
        elif tag == CUSTOM_XML:
            contents.extend(_unwrap(child, _BLOCK_TAGS))
    return tc_pr, contents


def _value_of(child: Any) -> str:
    """A property element's ``w:val`` ('' when it has none), as :func:`_val` gives it."""
    value = child.get(VAL)
    return "" if value is None else str(value)


def _tidy_line(raw: str) -> str:
    """One line of :func:`tidy_text`: runs of spaces collapsed, the ends stripped.

    Most lines have nothing to collapse, and substituting " " for every single
    space between words is what made tidying slow, so the substitution only
    runs when a line has a tab, an unusual space or two spaces together.
    """
    if (
        "  " not in raw
        and "\t" not in raw
        and (raw.isascii() or _UNUSUAL_SPACE.search(raw) is None)
    ):
        return raw.strip()
    return _SPACES.sub(" ", raw).strip()


def _run_into(run: Any, pieces: list[str], run_properties: list[Any]) -> None:
    """A run's characters into ``pieces``; its first ``w:rPr`` into ``run_properties``
    when it has visible text. Deleted text, field codes and drawings are not read."""
    parts: list[str] = []
    r_pr = None
    for child in run:
        tag = child.tag
        if tag == T:
            if child.text:
                parts.append(child.text)
        elif tag == _RPR and r_pr is None:
            r_pr = child
        else:
            character = _RUN_CHARACTERS.get(tag)
            if character is not None:
                parts.append(character)
    if parts:
        run_text = parts[0] if len(parts) == 1 else "".join(parts)
        if run_text:
            pieces.append(run_text)
            if not run_text.isspace():
                run_properties.append(r_pr)


def _collect_into(element: Any, pieces: list[str], run_properties: list[Any]) -> None:
    """The visible text under ``element`` (a hyperlink, insertion, content control...)."""
    for child in element:
        tag = child.tag
        if tag == R:
            _run_into(child, pieces, run_properties)
        elif tag in _SKIPPED_IN_PARAGRAPH or not isinstance(tag, str):
            continue
        elif tag == _ALTERNATE_CONTENT:
            _collect_alternate(child, pieces, run_properties)
        else:  # w:ins, w:moveTo, w:hyperlink, w:smartTag, w:sdt(Content), w:fldSimple ...
            _collect_into(child, pieces, run_properties)


def _collect_alternate(element: Any, pieces: list[str], run_properties: list[Any]) -> None:
    """``mc:AlternateContent``: Word shows the Choice, older readers the Fallback."""
    chosen = _child(element, _MC_CHOICE)
    if chosen is None:
        chosen = _child(element, _MC_FALLBACK)
    if chosen is not None:
        _collect_into(chosen, pieces, run_properties)


def _int_val(element: Any, child_tag: str, default: int) -> int:
    value = _val(element, child_tag)
    if value is None or not value.strip().isdigit():
        return default
    return int(value)
