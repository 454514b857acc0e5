"""PDF plans → the flat :class:`RawDocument` stream.

A PDF has no paragraphs, headings or tables, only words at positions. Plans
reach caseworkers as PDFs exported from Word far more often than as .docx, so
this reader rebuilds the structure Word had: running headers and footers
(the child's name, "Page 3 of 20") are dropped, lines are re-joined into
paragraphs across line and page breaks, bullets become list items, larger or
bold standalone lines become heading candidates, and ruled tables come back as
tables, one table even when Word split it over several pages.

Every word keeps its position (:class:`~ehcp_lint.model.WordBox`, with exact
character offsets into the final text) so that the PDF annotator can highlight
any finding without reading the PDF again.

The work is split in two stages. Stage one (:func:`_read_pages`) is the only
code that talks to pdfplumber: one ``extract_words`` and one ``find_tables``
call per page, after which the page's caches are released, so memory stays
flat on long plans and the cost stays close to pdfplumber's own floor. Stage
two (:class:`_Layout`) is plain geometry on those words. The reader never
judges content and never assigns sections; :mod:`ehcp_lint.sections` does.

Known limits: text is read in single-column order (plans are single-column);
rotated words (diagonal "DRAFT" watermarks, vertical table headers) are
skipped; a table row that Word split over a page break is rejoined only when
its continuation starts mid-sentence (lower case) or is empty, otherwise it
comes back as two rows; a table nested in a cell is not rejoined over a page
break; only ruled tables are tables (unruled layouts read as text).

Words: a line-end hyphen is kept ("whole-class") unless the joined word is the
plan's or English's ("exam-ple"); a word Word cut at a narrow column's edge is
joined again ("require" / "d"). Where the layout cannot tell a cut word from
two words, the plan's own wording decides, then English word frequencies from
spaCy's lookup data (loaded only then).
"""

from __future__ import annotations

import gzip
import io
import json
import logging
import re
import statistics
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ehcp_lint.errors import CorruptFileError, NoTextError, PlanReadError, ProtectedFileError
from ehcp_lint.model import Location, WordBox
from ehcp_lint.readers.raw import RawBlock, RawCell, RawDocument

__all__ = ["read_pdf"]

#: Share of the page height, at the top and at the bottom, where running headers
#: and footers live (Word puts them 1.25 cm from the edge; body text starts at 2.54 cm).
_MARGIN_BAND = 0.08
#: ...but never less than this many points: on a landscape page 8% is only 1.7 cm,
#: and LibreOffice sets a Word footer inside the bottom margin, about 1.8 cm up.
_MIN_MARGIN_BAND = 60.0
#: A line is a heading candidate when its font is at least this much larger than the body.
_HEADING_RATIO = 1.15
_LEVEL_1_RATIO = 1.6
_LEVEL_2_RATIO = 1.3
#: A bold line longer than this is emphasis, not a heading.
_BOLD_HEADING_MAX_WORDS = 12
#: Line pitch (top to top, in font sizes) above which two lines are separate paragraphs.
_PARAGRAPH_PITCH = 1.5
#: Parts of a font name that mark a bold face ("ABCDEF+Calibri-Bold", "Arial,Bold").
_BOLD_MARKERS = ("bold", "black", "heavy", ",b")
#: Gap between two word fragments (in font sizes) that stands for a space.
_SPACE_GAP = 0.15
#: Room Word and reportlab leave between a cell's border and its text (points).
_CELL_PADDING = 8.0
#: Tolerance (points) when comparing cell and column edges.
_EDGE = 0.5
#: How far (points) the next letter must cross a column's inner edge for a word to
#: count as cut there: a word and the first letter of the next one can end within
#: a third of a point of the edge without crossing it.
_EDGE_SLACK = 0.1
#: Tolerance (points) when matching a table's columns with its continuation on the next page.
_COLUMN_MATCH = 3.0
#: Where ``%%EOF`` must appear for the file not to count as truncated.
_EOF_WINDOW = 8192

_PAGE_NUMBER = re.compile(
    r"^(?:page\s*)?[-–—]?\s*(?:\d+|[ivxlc]+)\s*[-–—]?(?:\s*(?:of|/)\s*\d+)?$", re.IGNORECASE
)
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")
#: Bullet glyphs, including the private-use code points Word's Symbol and
#: Wingdings bullets come out as.
_GLYPHS = "•◦▪▫●○■□‣⁃∙·➢➤►▶✓✔\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf0a8\uf06e\uf0e0"
#: A first word that is a bullet or list number on its own: "•", "-", "1.", "a)", "(i)".
_BULLET_WORD = re.compile(
    rf"^(?:[{_GLYPHS}\-–—*]|\d{{1,3}}[.)]|[a-z]\)|[ivx]{{1,5}}\)|\((?:[a-z]|[ivx]{{1,5}}|\d{{1,3}})\)"
    r"|\(cid:\d+\))$"
)
#: A bullet glyph stuck to the first word ("•Sam"), or one the font left unmapped ("(cid:127)Sam").
_GLYPH_PREFIX = re.compile(rf"^(?:[{_GLYPHS}]|\(cid:\d+\))+")
_TERMINAL = (".", "!", "?", ":")
#: Words after a line-end hyphen that show it is a suspended hyphen, not a broken word.
_SUSPENDED_HYPHEN_NEXT = frozenset({"and", "or", "to", "nor"})
_SOFT_HYPHEN = "\u00ad"
#: Hyphens that can end a line inside a word: hyphen-minus, soft hyphen, Unicode hyphens.
_HYPHENS = "-\u00ad\u2010\u2011"
#: Punctuation stripped from a word's ends before looking it up in the plan's vocabulary.
_WORD_PUNCTUATION = "\"'()[]{}.,;:!?‘’“”"


# --------------------------------------------------------------------------- entry point


def read_pdf(data: bytes, source: str | None = None) -> RawDocument:
    """Read a PDF plan (the file's bytes) into the flat raw block stream.

    ``source`` names the file in error messages. Raises :class:`NoTextError`
    for an empty file or a scan without a text layer, :class:`ProtectedFileError`
    for a password-protected PDF and :class:`CorruptFileError` for a damaged,
    truncated or disguised one; no pdfminer or pdfplumber exception escapes.
    """
    if not data.strip():
        raise NoTextError(source, "is empty", "check that the right file was chosen")
    if b"%PDF-" not in data[:1024]:
        raise CorruptFileError(
            source, "is not a PDF file", "check the file, or export the plan from Word as PDF"
        )
    if b"%%EOF" not in data[-_EOF_WINDOW:]:
        raise CorruptFileError(
            source,
            "is incomplete (the PDF looks truncated)",
            "copy or download the plan again, or export a fresh PDF",
        )
    _quieten_pdf_logging()
    pages = _read_pages(data, source)
    if not any(page.lines or page.grids for page in pages):
        raise _scanned(source)
    blocks = _Layout(pages).blocks()
    if not blocks:
        raise _scanned(source)
    return RawDocument(format="pdf", blocks=blocks, source=source)


def _scanned(source: str | None) -> NoTextError:
    return NoTextError(
        source,
        "has no text layer (it looks like a scanned image)",
        "export the plan from Word as PDF, or run OCR first",
    )


#: PDF libraries whose log records can quote a plan's text.
_PDF_LOGGERS = ("pdfminer", "pdfplumber", "pypdf")


def _quieten_pdf_logging() -> None:
    """PDF libraries log snippets of the content stream; plan text must not leak into logs.

    pdfminer quotes text at every level, ERROR included ("unknown token ...
    stack=[b'...']"), so its loggers are silenced outright, child loggers
    too (an application may have set one of them to DEBUG).
    """
    silent = logging.CRITICAL + 1
    for name in list(logging.root.manager.loggerDict):
        if name.split(".", 1)[0] in _PDF_LOGGERS:
            logging.getLogger(name).setLevel(silent)
    for name in _PDF_LOGGERS:
        logging.getLogger(name).setLevel(silent)


@contextmanager
def _pdf_errors(source: str | None) -> Iterator[None]:
    """Turn anything pdfminer/pdfplumber raises into a one-line, content-free error."""
    try:
        yield
    except (PlanReadError, MemoryError):
        raise
    except Exception as exc:
        raise _translate(exc, source) from None


def _translate(exc: Exception, source: str | None) -> PlanReadError:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    cause: object = exc
    if type(exc).__name__ == "PdfminerException" and exc.args:
        cause = exc.args[0]  # pdfplumber wraps pdfminer's exception
    if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
        return ProtectedFileError(
            source, "is password-protected", "save an unprotected copy and try again"
        )
    return CorruptFileError(
        source,
        "is damaged or is not a readable PDF",
        "open it in a PDF viewer and export a fresh copy, or export the plan from Word again",
    )


# --------------------------------------------------------------------------- stage one: pdfplumber


@dataclass(slots=True)
class _Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    page: int
    #: Width of the first letter: tells a word cut at a column edge from one that merely ended there.
    lead: float = 0.0


@dataclass(slots=True)
class _Line:
    """Words sharing a baseline, left to right."""

    words: list[_Word]
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    #: The font size most of the line's characters are set in.
    size: float
    #: Every word is bold.
    bold: bool

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass(slots=True)
class _GridCell:
    """One cell of a ruled table; ``words`` is None for the empty stand-in of a vertical merge.

    Column number and span are worked out when the table is rendered, against
    the column edges of every page the table runs over.
    """

    bbox: tuple[float, float, float, float]
    page: int
    words: list[_Word] | None = field(default_factory=list)
    #: The rest of this cell when its row was split over a page break.
    continued: list[_GridCell] = field(default_factory=list)
    #: Tables inside this cell (Word allows a table in a table cell).
    nested: list[_Grid] = field(default_factory=list)


@dataclass(slots=True)
class _Grid:
    """A ruled table as found on one page."""

    page: int
    bbox: tuple[float, float, float, float]
    #: Left edges of the grid columns.
    xs: list[float]
    rows: list[list[_GridCell]]
    #: Table number, for a table nested in a cell (numbered when the walk reaches it).
    number: int = 0

    @property
    def top(self) -> float:
        return self.bbox[1]

    def cells(self) -> Iterator[_GridCell]:
        """Every cell, those of nested tables included."""
        for row in self.rows:
            for cell in row:
                yield cell
                for inner in cell.nested:
                    yield from inner.cells()

    def words(self) -> Iterator[_Word]:
        for cell in self.cells():
            yield from cell.words or ()


@dataclass(slots=True)
class _Page:
    number: int
    width: float
    height: float
    lines: list[_Line]
    grids: list[_Grid]


def _read_pages(data: bytes, source: str | None) -> list[_Page]:
    """Words and ruled tables of every page, one pdfplumber pass per page.

    Only the pdfplumber calls sit inside :func:`_pdf_errors`, so a fault in
    this module's own geometry is not mistaken for a damaged file.
    """
    import pdfplumber

    pages: list[_Page] = []
    with _pdf_errors(source):
        pdf = pdfplumber.open(io.BytesIO(data))
    try:
        with _pdf_errors(source):
            plumber_pages = list(pdf.pages)
        for number, page in enumerate(plumber_pages, start=1):
            with _pdf_errors(source):
                words = page.extract_words(
                    extra_attrs=["fontname", "size"],
                    keep_blank_chars=False,
                    use_text_flow=False,
                    return_chars=True,
                )
                cell_sets = [list(table.cells) for table in page.find_tables()]
                width, height = float(page.width), float(page.height)
                page.close()
            pages.append(_page(number, width, height, words, cell_sets))
    finally:
        with _pdf_errors(source):
            pdf.close()
    return pages


def _page(
    number: int,
    width: float,
    height: float,
    raw_words: Sequence[dict[str, Any]],
    cell_sets: Sequence[Sequence[tuple[float, float, float, float]]],
) -> _Page:
    words = [
        _Word(
            text=str(w["text"]),
            x0=float(w["x0"]),
            x1=float(w["x1"]),
            top=float(w["top"]),
            bottom=float(w["bottom"]),
            size=round(float(w["size"]), 1),
            bold=_is_bold(str(w["fontname"])),
            page=number,
            lead=_lead(w),
        )
        for w in raw_words
        if w.get("upright", True) and str(w["text"]).strip()
    ]
    grids = _nest_grids([g for g in (_grid(number, cells) for cells in cell_sets) if g is not None])
    loose = _place_words_in_grids(words, grids)
    return _Page(number, width, height, _group_lines(loose, number), grids)


def _lead(raw_word: dict[str, Any]) -> float:
    """The first character's width; the word's average letter when pdfplumber gave no characters."""
    chars = raw_word.get("chars")
    if chars:
        return float(chars[0]["x1"]) - float(chars[0]["x0"])
    text = str(raw_word["text"])
    return (float(raw_word["x1"]) - float(raw_word["x0"])) / max(len(text), 1)


def _is_bold(fontname: str) -> bool:
    name = fontname.lower()
    return any(marker in name for marker in _BOLD_MARKERS)


_Box = tuple[float, float, float, float]


def _grid(page: int, all_cells: Sequence[_Box]) -> _Grid | None:
    """pdfplumber's cell boxes → rows of cells, each merged cell once.

    A single bordered box is a framed paragraph, not a table: its words stay text.
    A position covered by a cell merged down from the row above gets an empty
    stand-in so that later cells keep their column (as the Word reader does).
    pdfplumber reports a table nested in a cell as more cells inside that cell's
    box; they become a table of their own, held by the cell.
    """
    cells, inner = _split_nested(all_cells)
    xs = sorted({c[0] for c in cells})
    tops = sorted({c[1] for c in cells})
    if len(xs) < 2 and len(tops) < 2:
        # One framed box: a table inside it is still a table.
        return _grid(page, inner[cells[0]]) if cells and cells[0] in inner else None
    starts = {(c[1], c[0]): c for c in cells}
    rows: list[list[_GridCell]] = []
    for top in tops:
        row: list[_GridCell] = []
        column = 0
        while column < len(xs):
            x = xs[column]
            cell = starts.get((top, x))
            if cell is not None:
                row.append(_GridCell(bbox=cell, page=page))
                column += _columns_covered(xs, cell)
                continue
            above = _covering(cells, x, top)
            if above is None or above[1] < top:
                right = above[2] if above is not None else x + 0.1
                row.append(_GridCell(bbox=(x, top, right, top), page=page, words=None))
            column += _columns_covered(xs, above) if above is not None else 1
        rows.append(row)
    for row in rows:
        for grid_cell in row:
            if grid_cell.words is not None and grid_cell.bbox in inner:
                nested = _grid(page, inner[grid_cell.bbox])
                if nested is not None:
                    grid_cell.nested.append(nested)
    bbox = (
        min(c[0] for c in cells),
        min(c[1] for c in cells),
        max(c[2] for c in cells),
        max(c[3] for c in cells),
    )
    return _Grid(page=page, bbox=bbox, xs=xs, rows=rows)


def _nest_grids(grids: list[_Grid]) -> list[_Grid]:
    """Put a table that lies inside a cell of another table into that cell; return the rest.

    pdfplumber reports a nested table either as a table of its own (handled
    here) or as more cells of the outer table (handled by :func:`_split_nested`).
    """
    top_level: list[_Grid] = []
    for grid in sorted(grids, key=lambda g: -_area(g.bbox)):
        holder = _holding_cell(top_level, grid.bbox)
        if holder is None:
            top_level.append(grid)
        else:
            holder.nested.append(grid)
            holder.nested.sort(key=lambda g: g.top)
    return sorted(top_level, key=lambda g: g.top)


def _holding_cell(grids: Sequence[_Grid], box: _Box) -> _GridCell | None:
    """The innermost cell (of these tables or tables nested in them) whose box holds ``box``."""
    for grid in grids:
        for cell in grid.cells():
            if cell.words is not None and _inside(box, cell.bbox):
                return _holding_cell(cell.nested, box) or cell
    return None


def _area(box: _Box) -> float:
    return (box[2] - box[0]) * (box[3] - box[1])


def _inside(box: _Box, other: _Box) -> bool:
    """Is ``box`` within ``other`` (and smaller)?"""
    return (
        other[0] - _EDGE <= box[0]
        and box[2] <= other[2] + _EDGE
        and other[1] - _EDGE <= box[1]
        and box[3] <= other[3] + _EDGE
        and _area(box) < _area(other)
    )


def _split_nested(cells: Sequence[_Box]) -> tuple[list[_Box], dict[_Box, list[_Box]]]:
    """(cells inside no other cell, the cells inside each of those).

    Deeper tables go with their outermost cell and are split again when that
    cell's table is built.
    """
    outer: list[_Box] = []
    inner: dict[_Box, list[_Box]] = {}
    for box in cells:
        containers = [other for other in cells if _inside(box, other)]
        if containers:
            inner.setdefault(max(containers, key=_area), []).append(box)
        else:
            outer.append(box)
    return outer, inner


def _columns_covered(xs: Sequence[float], cell: tuple[float, float, float, float]) -> int:
    return max(1, sum(1 for x in xs if cell[0] - _EDGE <= x < cell[2] - _EDGE))


def _covering(
    cells: Sequence[tuple[float, float, float, float]], x: float, top: float
) -> tuple[float, float, float, float] | None:
    for cell in cells:
        if cell[0] - _EDGE <= x < cell[2] - _EDGE and cell[1] - _EDGE <= top < cell[3] - _EDGE:
            return cell
    return None


def _place_words_in_grids(words: list[_Word], grids: Sequence[_Grid]) -> list[_Word]:
    """Put each word whose centre lies in a table cell into that cell; return the rest."""
    if not grids:
        return words
    loose: list[_Word] = []
    for word in words:
        cx = (word.x0 + word.x1) / 2
        cy = (word.top + word.bottom) / 2
        cell = _cell_at(grids, cx, cy)
        if cell is None or cell.words is None:
            loose.append(word)
        else:
            cell.words.append(word)
    return loose


def _cell_at(grids: Sequence[_Grid], cx: float, cy: float) -> _GridCell | None:
    """The innermost cell at a point: a word in a table nested in a cell belongs to the nested cell."""
    for grid in grids:
        x0, top, x1, bottom = grid.bbox
        if not (x0 <= cx <= x1 and top <= cy <= bottom):
            continue
        for row in grid.rows:
            for cell in row:
                c0, ctop, c1, cbottom = cell.bbox
                if cell.words is not None and c0 <= cx <= c1 and ctop <= cy <= cbottom:
                    return _cell_at(cell.nested, cx, cy) or cell
    return None


def _group_lines(words: Sequence[_Word], page: int) -> list[_Line]:
    """Words → lines: a word joins a line when it overlaps it vertically by half its height."""
    lines: list[list[_Word]] = []
    bounds: list[tuple[float, float]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        height = max(word.bottom - word.top, 0.1)
        if bounds:
            top, bottom = bounds[-1]
            overlap = min(bottom, word.bottom) - max(top, word.top)
            if overlap >= 0.5 * min(height, bottom - top):
                lines[-1].append(word)
                bounds[-1] = (min(top, word.top), max(bottom, word.bottom))
                continue
        lines.append([word])
        bounds.append((word.top, word.bottom))
    return [_line(sorted(ws, key=lambda w: w.x0), page) for ws in lines]


def _line(words: list[_Word], page: int) -> _Line:
    sizes: Counter[float] = Counter()
    for word in words:
        sizes[word.size] += len(word.text)
    return _Line(
        words=words,
        page=page,
        x0=min(w.x0 for w in words),
        x1=max(w.x1 for w in words),
        top=min(w.top for w in words),
        bottom=max(w.bottom for w in words),
        size=sizes.most_common(1)[0][0],
        bold=all(w.bold for w in words),
    )


# --------------------------------------------------------------------------- running headers


def _remove_running_heads(pages: list[_Page]) -> None:
    """Drop lines (and header tables) in the top/bottom bands that repeat across pages.

    A line counts as running when its text, with digits normalised, appears in
    the same band on at least half the pages (and at least two), or when it is
    a bare page number ("3", "- 3 -", "Page 3 of 20").
    """
    counts: Counter[tuple[str, str]] = Counter()
    for page in pages:
        seen: set[tuple[str, str]] = set()
        for line in page.lines:
            band = _band(page, line.top, line.bottom)
            if band:
                seen.add((band, _signature(line.text)))
        for grid in page.grids:
            band = _band(page, grid.bbox[1], grid.bbox[3])
            if band:
                seen.add((band, _signature(" ".join(w.text for w in grid.words()))))
        counts.update(seen)
    needed = max(2, len(pages) // 2)

    def running(page: _Page, top: float, bottom: float, text: str) -> bool:
        band = _band(page, top, bottom)
        if not band:
            return False
        return bool(_PAGE_NUMBER.match(text.strip())) or counts[(band, _signature(text))] >= needed

    for page in pages:
        page.lines = [ln for ln in page.lines if not running(page, ln.top, ln.bottom, ln.text)]
        page.grids = [
            g
            for g in page.grids
            if not running(page, g.bbox[1], g.bbox[3], " ".join(w.text for w in g.words()))
        ]


def _band(page: _Page, top: float, bottom: float) -> str:
    """``"top"``/``"bottom"`` when something sits wholly in a margin band, else ``""``."""
    band = max(page.height * _MARGIN_BAND, _MIN_MARGIN_BAND)
    if bottom <= band + 1:
        return "top"
    if top >= page.height - band - 1:
        return "bottom"
    return ""


def _signature(text: str) -> str:
    return _SPACES.sub(" ", _DIGITS.sub("#", text.lower())).strip()


# --------------------------------------------------------------------------- stage two: layout


@dataclass(slots=True)
class _Para:
    """Lines being gathered into one heading, paragraph or list item."""

    kind: str
    lines: list[_Line]
    #: Left edge of the text of the first line (after any bullet).
    first_x0: float
    #: Left edge of the bullet, for list items whose wrapped lines sit under it.
    bullet_x0: float | None = None


@dataclass(slots=True)
class _TableParts:
    """A table, possibly continued over several pages (one grid per page)."""

    grids: list[_Grid]
    number: int


class _Vocabulary:
    """Words as the plan writes them (lower case, bare of punctuation), and English at large.

    ``leading`` and ``trailing`` hold words seen with another word after (before)
    them on the same line: a piece of a word cut at a line end never is, so
    "minut" / "es" do not pass for words while "before" / "every" do. Words the
    plan uses only at a line end are weighed by their frequency in English
    (loaded only when the plan cannot tell).

    The plan's words are gathered on first use: most plans never need them.
    """

    def __init__(self, pages: Sequence[_Page]) -> None:
        self._pages = pages
        self._sets: tuple[set[str], set[str], set[str]] | None = None

    def _gather(self) -> tuple[set[str], set[str], set[str]]:
        if self._sets is None:
            words: set[str] = set()
            leading: set[str] = set()
            trailing: set[str] = set()
            for line in self._lines():
                bare = [_bare(w.text) for w in line.words]
                words.update(bare)
                leading.update(bare[:-1])
                trailing.update(bare[1:])
            self._sets = (words, leading, trailing)
        return self._sets

    def _lines(self) -> Iterator[_Line]:
        for page in self._pages:
            yield from page.lines
            for grid in page.grids:
                for cell in grid.cells():
                    yield from _group_lines(cell.words or [], page.number)

    @property
    def words(self) -> set[str]:
        return self._gather()[0]

    @property
    def leading(self) -> set[str]:
        return self._gather()[1]

    @property
    def trailing(self) -> set[str]:
        return self._gather()[2]

    def one_word(self, head: str, tail: str) -> bool:
        """Are ``head`` and ``tail`` the pieces of one word cut at a line end ("minut" / "es")?

        The plan's own usage decides first; then word frequencies in English,
        as a word segmenter would ("through" / "out" is "throughout",
        "whole" / "assessment" two words). With no evidence either way, one word.
        """
        if head + tail in self.words:
            return True
        if head in self.leading and tail in self.trailing:
            return False
        probabilities = _word_probabilities()
        joined = probabilities.get(head + tail)
        if joined is not None:
            return joined >= _probability(head) + _probability(tail)
        return _probability(head) < _COMMON or _probability(tail) < _COMMON

    def keeps_hyphen(self, head: str, tail: str) -> bool:
        """Is "head-tail" the word (a compound), rather than "headtail" hyphenated by the typesetter?"""
        if f"{head}-{tail}" in self.words:
            return True
        if head + tail in self.words:
            return False
        joined = _word_probabilities().get(head + tail)
        return joined is None or joined < _probability(head) + _probability(tail)


#: Log probability given to a word that spaCy's table does not list (rarer than any it does).
_UNSEEN = -20.0
#: Log probability above which a string counts as a word in its own right; the
#: table also lists rarer scraps ("asse", "minut", "whol") seen in web text.
_COMMON = -18.5


def _probability(word: str) -> float:
    return _word_probabilities().get(word, _UNSEEN)


@cache
def _word_probabilities() -> dict[str, float]:
    """Log probabilities of lower-case English words, from spaCy's lookup data (installed with
    ehcp-lint); empty when the data cannot be read.

    Loaded only when a plan cannot itself tell whether a line end cut a word,
    which is rare: about half a second, once per process.
    """
    try:
        from importlib.resources import files

        data = files("spacy_lookups_data").joinpath("data", "en_lexeme_prob.json.gz")
        table: dict[str, float] = json.loads(gzip.decompress(data.read_bytes()))
    except (ImportError, OSError, ValueError):
        return {}
    return {
        word: float(p)
        for word, p in table.items()
        if p > _UNSEEN and word.isalpha() and word.islower()
    }


class _TextBuilder:
    """Builds a text and its word boxes together, so offsets stay exact."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self.boxes: list[WordBox] = []

    def add(self, word: _Word, text: str, separator: str) -> None:
        if self._length and separator:
            self._parts.append(separator)
            self._length += len(separator)
        start = self._length
        self._parts.append(text)
        self._length += len(text)
        self.boxes.append(
            WordBox(
                start=start,
                end=self._length,
                page=word.page,
                x0=round(word.x0, 2),
                top=round(word.top, 2),
                x1=round(word.x1, 2),
                bottom=round(word.bottom, 2),
            )
        )

    def drop_hyphen(self) -> None:
        """Remove the line-end hyphen just added ("exam-" + "ple" → "example")."""
        self._parts[-1] = self._parts[-1][:-1]
        self._length -= 1
        last = self.boxes[-1]
        self.boxes[-1] = last.model_copy(update={"end": last.end - 1})

    @property
    def text(self) -> str:
        return "".join(self._parts)


class _Layout:
    """Plain geometry: pages of words and grids → raw blocks in reading order."""

    def __init__(self, pages: list[_Page]) -> None:
        _remove_running_heads(pages)
        self.pages = pages
        self.body_size = self._body_size()
        self.right_edge = self._right_edge()
        self.pitch = self._typical_pitch()
        self.body_top, self.body_bottom = self._body_area()
        self.vocabulary = _Vocabulary(pages)
        self._tables = 0

    # -- document statistics

    def _body_size(self) -> float:
        """The most common font size by character count, tables included.

        Grid-layout plans keep nearly all their text in tables; leaving tables
        out would make the few headings between them the "body".
        """
        sizes: Counter[float] = Counter()
        for page in self.pages:
            for line in page.lines:
                for word in line.words:
                    sizes[word.size] += len(word.text)
            for grid in page.grids:
                for word in grid.words():
                    sizes[word.size] += len(word.text)
        return sizes.most_common(1)[0][0] if sizes else 10.0

    def _right_edge(self) -> float:
        """Where body lines end: the median over pages of the widest line of 4+ words."""
        edges = [
            max(ln.x1 for ln in page.lines if len(ln.words) >= 4)
            for page in self.pages
            if any(len(ln.words) >= 4 for ln in page.lines)
        ]
        if edges:
            return statistics.median(edges)
        widest = [ln.x1 for page in self.pages for ln in page.lines]
        return max(widest) if widest else max((p.width for p in self.pages), default=595.0)

    def _typical_pitch(self) -> float:
        """Line pitch, in font sizes, inside wrapped body paragraphs (1.2 if none)."""
        pitches: Counter[float] = Counter()
        for page in self.pages:
            for a, b in zip(page.lines, page.lines[1:], strict=False):
                if a.size != b.size or not self._is_body(a):
                    continue
                if self._would_fit(a, b, self.right_edge):
                    continue
                ratio = (b.top - a.top) / a.size
                if 0.8 <= ratio <= 3.5:
                    pitches[round(ratio * 20) / 20] += 1
        return pitches.most_common(1)[0][0] if pitches else 1.2

    def _body_area(self) -> tuple[float, float]:
        """Where page content starts and ends, headers and footers gone.

        The top is the usual (median) first-content top, so one cover page with
        a high title does not move it; the bottom is the lowest content on any page.
        """
        tops: list[float] = []
        bottoms: list[float] = []
        for page in self.pages:
            page_tops = [ln.top for ln in page.lines] + [g.bbox[1] for g in page.grids]
            page_bottoms = [ln.bottom for ln in page.lines] + [g.bbox[3] for g in page.grids]
            if page_tops:
                tops.append(min(page_tops))
                bottoms.append(max(page_bottoms))
        return (statistics.median(tops) if tops else 0.0, max(bottoms, default=0.0))

    def _page_height(self, number: int) -> float:
        return self.pages[number - 1].height

    def _is_body(self, line: _Line) -> bool:
        return line.size < self.body_size * _HEADING_RATIO

    # -- the main walk

    def blocks(self) -> list[RawBlock]:
        items: list[_Para | _TableParts] = []
        previous_page = 0
        for page in self.pages:
            elements: list[_Line | _Grid] = [*page.lines, *page.grids]
            elements.sort(key=lambda e: e.top)
            for index, element in enumerate(elements):
                carried = index == 0 and page.number == previous_page + 1
                if isinstance(element, _Grid):
                    self._add_grid(items, element, carried)
                else:
                    self._add_line(items, element, carried, self.right_edge)
            if elements:
                previous_page = page.number
        return [self._render_item(item) for item in items]

    def _add_grid(self, items: list[_Para | _TableParts], grid: _Grid, carried: bool) -> None:
        """A table continues the previous one when it opens the next page with the same columns.

        The previous part must close its page near the bottom of the body area
        (within the height of the row that moved over, plus a little), and this
        part must open its page at the top of the body area.
        """
        if carried and items:
            last = items[-1]
            if isinstance(last, _TableParts) and self._continues_table(last.grids[-1], grid):
                first_row = _row_signature(last.grids[0].rows[0]) if last.grids[0].rows else ""
                if grid.rows and first_row and _row_signature(grid.rows[0]) == first_row:
                    grid.rows = grid.rows[1:]  # the repeated header row
                previous_row = last.grids[-1].rows[-1] if last.grids[-1].rows else []
                if grid.rows and _split_row(previous_row, grid.rows[0]):
                    for cell, rest in zip(previous_row, grid.rows[0], strict=True):
                        cell.continued.append(rest)
                    grid.rows = grid.rows[1:]
                last.grids.append(grid)
                self._number_nested(grid)
                return
        self._tables += 1
        items.append(_TableParts(grids=[grid], number=self._tables))
        self._number_nested(grid)

    def _number_nested(self, grid: _Grid) -> None:
        """Number the tables nested in ``grid``'s cells after it, depth first (as the Word reader)."""
        for row in grid.rows:
            for cell in row:
                for inner in cell.nested:
                    self._tables += 1
                    inner.number = self._tables
                    self._number_nested(inner)

    def _continues_table(self, previous: _Grid, following: _Grid) -> bool:
        slack = 0.05 * self._page_height(following.page)
        # The row Word moved over (after any repeated header row) may have left a gap.
        row_height = max(
            (row[0].bbox[3] - row[0].bbox[1] for row in following.rows[:2] if row), default=0.0
        )
        return (
            following.bbox[1] <= self.body_top + slack
            and previous.bbox[3] >= self.body_bottom - row_height - slack
            and _same_table(previous, following)
        )

    def _add_line(
        self, items: list[_Para | _TableParts], line: _Line, carried: bool, right_edge: float
    ) -> None:
        """Start a new heading/paragraph/list item with this line, or continue the open one."""
        current = items[-1] if items and isinstance(items[-1], _Para) else None
        if not self._is_body(line):
            if current is not None and self._continues_heading(current, line, right_edge):
                current.lines.append(line)
            else:
                items.append(_Para(kind="heading", lines=[line], first_x0=line.x0))
            return
        bullet = _strip_bullet(line)
        if bullet is not None:
            stripped, bullet_x0 = bullet
            items.append(
                _Para(kind="list_item", lines=[stripped], first_x0=stripped.x0, bullet_x0=bullet_x0)
            )
            return
        if current is not None and current.kind != "heading":
            crossing = line.page != current.lines[-1].page
            if (not crossing or carried) and self._continues(current, line, right_edge):
                current.lines.append(line)
                return
        items.append(_Para(kind="paragraph", lines=[line], first_x0=line.x0))

    def _continues_heading(self, para: _Para, line: _Line, right_edge: float) -> bool:
        a = para.lines[-1]
        return (
            para.kind == "heading"
            and a.page == line.page
            and abs(a.size - line.size) < 0.5
            and a.bold == line.bold
            and 0 < line.top - a.top <= _PARAGRAPH_PITCH * a.size
            and not self._would_fit(a, line, right_edge)
        )

    def _continues(self, para: _Para, line: _Line, right_edge: float) -> bool:
        """Does ``line`` carry on the paragraph (or list item) ``para``?"""
        a = para.lines[-1]
        if max(a.size, line.size) > 1.1 * min(a.size, line.size):
            return False
        if line.page != a.page:
            # Page break: the last line must look cut off mid-paragraph.
            if line.page != a.page + 1:
                return False
            slack = 3 * a.size + 0.03 * self._page_height(a.page)
            if a.bottom < self.body_bottom - slack or line.top > self.body_top + slack:
                return False
            first = line.words[0].text
            if not (first[:1].islower() or not a.words[-1].text.endswith(_TERMINAL)):
                return False
        else:
            pitch = line.top - a.top
            size = max(a.size, line.size)
            if pitch <= 0 or pitch > max(_PARAGRAPH_PITCH, self.pitch + 0.25) * size:
                return False
        if a.bold and not line.bold:
            return False
        if line.bold and not a.bold and self._stops_short(line, right_edge):
            return False
        if not self._indent_matches(para, line):
            return False
        return _hyphenated(a, line) or not self._would_fit(a, line, right_edge)

    @staticmethod
    def _indent_matches(para: _Para, line: _Line) -> bool:
        tolerance = max(2.0, 0.4 * line.size)
        if len(para.lines) >= 2:
            return abs(line.x0 - para.lines[1].x0) <= tolerance
        if para.kind == "list_item":
            return abs(line.x0 - para.first_x0) <= tolerance or (
                para.bullet_x0 is not None and abs(line.x0 - para.bullet_x0) <= tolerance
            )
        # Same left edge, or the paragraph's first line was indented.
        return line.x0 <= para.first_x0 + tolerance

    @staticmethod
    def _would_fit(a: _Line, b: _Line, right_edge: float) -> bool:
        """Could ``b``'s first word have fitted on ``a``? If so, the break was deliberate."""
        first = b.words[0]
        return a.x1 + 0.25 * a.size + (first.x1 - first.x0) < right_edge - 0.5

    @staticmethod
    def _stops_short(line: _Line, right_edge: float) -> bool:
        """A line that stops well short of the right edge (a standalone line)."""
        return line.x1 < right_edge - 2 * line.size

    # -- rendering

    def _render_item(self, item: _Para | _TableParts) -> RawBlock:
        if isinstance(item, _TableParts):
            return self._render_table(item)
        return self._render_para(item, Location(page=item.lines[0].page))

    def _render_para(
        self, para: _Para, location: Location, text_right: float | None = None
    ) -> RawBlock:
        """One paragraph; ``text_right`` is where its lines can reach (a cell's inner edge)."""
        builder = _TextBuilder()
        right = self.right_edge if text_right is None else text_right
        _write_lines(builder, para.lines, "", right, self.vocabulary)
        text = builder.text
        ratio = round(_dominant_size(para.lines) / self.body_size, 2)
        all_bold = all(line.bold for line in para.lines)
        heading_level: int | None = None
        bold = all_bold
        if para.kind == "heading":
            heading_level = 1 if ratio >= _LEVEL_1_RATIO else 2 if ratio >= _LEVEL_2_RATIO else 3
        else:
            bold = (
                all_bold
                and len(text.split()) <= _BOLD_HEADING_MAX_WORDS
                and not text.rstrip().endswith(".")
            )
        return RawBlock(
            kind=para.kind,
            text=text,
            location=location,
            heading_level=heading_level,
            bold=bold,
            size_ratio=ratio,
            boxes=builder.boxes,
        )

    def _render_table(self, table: _TableParts) -> RawBlock:
        xs = _merge_edges(x for grid in table.grids for x in grid.xs)
        rows: list[list[RawCell]] = []
        for grid in table.grids:
            for grid_row in grid.rows:
                number = len(rows) + 1
                rows.append(
                    [
                        self._render_cell(cell, xs, grid.page, table.number, number)
                        for cell in grid_row
                    ]
                )
        first_page = table.grids[0].page
        return RawBlock(
            kind="table", text="", location=Location(page=first_page, table=table.number), rows=rows
        )

    def _render_cell(
        self, cell: _GridCell, xs: Sequence[float], page: int, table: int, row: int
    ) -> RawCell:
        column = 1 + sum(1 for x in xs if x < cell.bbox[0] - _COLUMN_MATCH)
        spans = max(
            1,
            sum(1 for x in xs if cell.bbox[0] - _COLUMN_MATCH <= x < cell.bbox[2] - _COLUMN_MATCH),
        )
        location = Location(page=page, table=table, row=row, column=column)
        parts = [part for part in (cell, *cell.continued) if part.words or part.nested]
        if not parts:
            return RawCell(text="", location=location, spans=spans)
        words = [w for part in parts for w in part.words or ()]
        right_edge = max(max((w.x1 for w in words), default=0.0), cell.bbox[2] - _CELL_PADDING)
        # Word and LibreOffice pad a cell equally on the left and the right.
        padding = min((w.x0 for w in words), default=cell.bbox[0]) - cell.bbox[0]
        text_right = cell.bbox[2] - min(max(padding, 0.0), _CELL_PADDING)
        paras: list[_Para | _TableParts] = []
        for part in parts:
            lines = _group_lines(part.words or [], part.page)
            for index, line in enumerate(lines):
                self._add_line(paras, line, carried=index == 0, right_edge=right_edge)
        placed = [
            ((p.lines[0].page, p.lines[0].top), self._render_para(p, location, text_right))
            for p in paras
            if isinstance(p, _Para)
        ]
        placed += [
            ((inner.page, inner.top), self._render_table(_TableParts([inner], inner.number)))
            for part in parts
            for inner in part.nested
        ]
        blocks = [block for _, block in sorted(placed, key=lambda pair: pair[0])]
        builder = _TextBuilder()
        for para in paras:
            if isinstance(para, _Para):
                _write_lines(builder, para.lines, "\n", text_right, self.vocabulary)
        return RawCell(
            text=builder.text,
            location=location,
            blocks=blocks,
            boxes=builder.boxes,
            spans=spans,
        )


def _write_lines(
    builder: _TextBuilder,
    lines: Sequence[_Line],
    first_separator: str,
    text_right: float,
    vocabulary: _Vocabulary,
) -> None:
    """Append lines joined by spaces, re-joining words broken at a line end.

    A word broken at a hyphen ("whole-" / "class") is joined with its hyphen
    kept, unless the plan elsewhere spells the word without one ("exam-" /
    "ple" beside "example"): Word and LibreOffice do not hyphenate unless asked,
    so a line-end hyphen is nearly always part of the word. A word too long for
    its (narrow table) column, which Word and LibreOffice cut at whatever letter
    reaches the edge ("require" / "d"), is joined without a space.
    """
    text_left = min((line.x0 for line in lines), default=0.0)
    tails = _carried_words(lines, text_left, text_right, vocabulary)
    previous: _Line | None = None
    #: The word being written, with any pieces already joined ("Lunc" + "htime").
    current = ""
    for index, line in enumerate(lines):
        before: _Word | None = None
        for word in line.words:
            if before is not None:
                gap = word.x0 - before.x1
                separator = " " if gap > _SPACE_GAP * word.size else ""
            elif previous is None:
                separator = first_separator
            elif _line_end_hyphen(previous, line):
                if _drop_hyphen(previous, line, vocabulary):
                    builder.drop_hyphen()
                separator = ""
            elif _cut_at_edge(previous, line, text_left, text_right) and vocabulary.one_word(
                _bare(current), _bare(tails[index])
            ):
                separator = ""
            else:
                separator = " "
            builder.add(word, word.text, separator)
            current = current + word.text if separator == "" else word.text
            before = word
        previous = line


def _line_end_hyphen(a: _Line, b: _Line) -> bool:
    """``a`` ends "whole-" and ``b`` starts "class" (or "20-" / "45"): one word over two lines.

    Not a suspended hyphen ("three-" / "and four-letter words", "pre- or post-16"),
    nor a dash standing on its own.
    """
    last = a.words[-1].text
    first = b.words[0].text
    return (
        len(last) >= 2
        and last[-1] in _HYPHENS
        and last[-2].isalnum()
        and first[:1].isalnum()
        and first.rstrip(",;") not in _SUSPENDED_HYPHEN_NEXT
    )


def _hyphenated(a: _Line, b: _Line) -> bool:
    """A line-end hyphen that carries the sentence on: the next line starts in lower case or a digit.

    (A capital after it, as in "Speech-" / "Language Team", is joined as one
    word when the lines form one paragraph, but does not by itself show that
    they do.)
    """
    first = b.words[0].text
    return _line_end_hyphen(a, b) and (first[:1].islower() or first[:1].isdigit())


def _drop_hyphen(a: _Line, b: _Line, vocabulary: _Vocabulary) -> bool:
    """Is the line-end hyphen a typesetter's, to be removed rather than kept?

    A soft hyphen always is; a plain one only when the plan writes the word
    without it, or, if the plan does not say, when English makes the joined
    word likelier than the two pieces ("exam-" / "ple", not "whole-" / "class").
    """
    last = a.words[-1].text
    if last.endswith(_SOFT_HYPHEN):
        return True
    first = b.words[0].text
    return not vocabulary.keeps_hyphen(_bare(last[:-1]), _bare(first))


def _carried_words(
    lines: Sequence[_Line], text_left: float, text_right: float, vocabulary: _Vocabulary
) -> list[str]:
    """Each line's first word with the pieces of it cut onto the lines below ("possibl" + "e").

    Read from the last line up, so that whether "Where" / "possibl" is one word
    is judged on "possible", not on a piece of it.
    """
    tails = [""] * len(lines)
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        first = line.words[0].text
        tails[index] = first
        if index + 1 < len(lines) and len(line.words) == 1:
            below = lines[index + 1]
            if _cut_at_edge(line, below, text_left, text_right) and vocabulary.one_word(
                _bare(first), _bare(tails[index + 1])
            ):
                tails[index] = first + tails[index + 1]
    return tails


def _cut_at_edge(a: _Line, b: _Line, text_left: float, text_right: float) -> bool:
    """Could ``a``'s only word have been cut at the column edge and carried on at the start of ``b``?

    A word wider than its column fills it from the left edge until the next
    letter would cross the right edge, alone on its line, and the rest starts
    the next line at the same left edge. An ordinary single-word line stops
    short of that, or does not start at the left edge (centred or right-aligned
    text). A word that happens to end where the next one's first letter would
    not fit looks the same: :meth:`_Vocabulary.one_word` then decides.
    """
    if len(a.words) != 1:
        return False
    word, rest = a.words[0], b.words[0]
    if not (word.text[-1:].isalnum() and rest.text[:1].isalnum()):
        return False
    tolerance = max(2.0, 0.4 * b.size)
    if word.x0 > text_left + tolerance or abs(rest.x0 - word.x0) > tolerance:
        return False
    return word.x1 + rest.lead > text_right + _EDGE_SLACK


def _bare(text: str) -> str:
    """A word as the plan's vocabulary knows it: lower case, without surrounding punctuation."""
    return text.strip(_WORD_PUNCTUATION).lower()


def _strip_bullet(line: _Line) -> tuple[_Line, float] | None:
    """A bullet or list-number line → (the line without its bullet, the bullet's left edge)."""
    first = line.words[0]
    if len(line.words) >= 2 and (
        _BULLET_WORD.match(first.text) or (first.text == "o" and _tab_after_first_word(line))
    ):
        return _line(line.words[1:], line.page), first.x0
    prefix = _GLYPH_PREFIX.match(first.text)
    if prefix and len(first.text) > prefix.end():
        cut = prefix.end()
        share = cut / len(first.text)
        trimmed = _Word(
            text=first.text[cut:],
            x0=first.x0 + (first.x1 - first.x0) * share,
            x1=first.x1,
            top=first.top,
            bottom=first.bottom,
            size=first.size,
            bold=first.bold,
            page=first.page,
        )
        return _line([trimmed, *line.words[1:]], line.page), first.x0
    return None


def _tab_after_first_word(line: _Line) -> bool:
    """Word's second-level bullet is a Courier "o" followed by a tab-sized gap."""
    first, second = line.words[0], line.words[1]
    return second.x0 - first.x1 > 2 * first.size


def _dominant_size(lines: Sequence[_Line]) -> float:
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[line.size] += sum(len(w.text) for w in line.words)
    return sizes.most_common(1)[0][0]


def _same_table(previous: _Grid, following: _Grid) -> bool:
    """Is ``following`` (opening a page) the rest of ``previous`` (closing the page before)?

    Word repeats a split table's column layout exactly: same outer edges, and
    the column edges of one part are among those of the other (a part made only
    of full-width rows shows a single column).
    """
    if abs(previous.bbox[0] - following.bbox[0]) > _COLUMN_MATCH:
        return False
    if abs(previous.bbox[2] - following.bbox[2]) > _COLUMN_MATCH:
        return False

    def within(a: Sequence[float], b: Sequence[float]) -> bool:
        return all(any(abs(x - y) <= _COLUMN_MATCH for y in b) for x in a)

    return within(previous.xs, following.xs) or within(following.xs, previous.xs)


def _merge_edges(xs: Iterator[float]) -> list[float]:
    """Column edges of every part of a table, near-duplicates merged."""
    merged: list[float] = []
    for x in sorted(xs):
        if not merged or x - merged[-1] > _COLUMN_MATCH:
            merged.append(x)
    return merged


def _split_row(previous: Sequence[_GridCell], following: Sequence[_GridCell]) -> bool:
    """Is ``following`` the rest of ``previous``, a row Word broke over the page break?

    Only when the cells line up and every cell that has text carries on
    mid-sentence (starts in lower case): a new row normally starts with a capital.
    A continuation with no text at all (the empty rest of a tall cell) is folded
    in too; nothing is lost if it was in fact a blank row.
    """
    if not previous or len(previous) != len(following):
        return False
    if any(
        abs(a.bbox[0] - b.bbox[0]) > _COLUMN_MATCH for a, b in zip(previous, following, strict=True)
    ):
        return False
    starts = [cell.words[0].text for cell in following if cell.words]
    return all(text[:1].islower() for text in starts)


def _row_signature(row: Sequence[_GridCell]) -> str:
    return " | ".join(
        " ".join(w.text for w in sorted(cell.words or (), key=lambda w: (round(w.top), w.x0)))
        for cell in row
    )
