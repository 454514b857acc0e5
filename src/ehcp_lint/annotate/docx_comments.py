"""Word comments on exactly the flagged words of each finding.

A finding names its place the way the Word reader counted it (body paragraph
*n*, or table/row/column) and the flagged words as offsets into the tidied text
of that paragraph or cell. To put a comment on those words this module:

1. walks the body with the Word reader's own walker (so paragraph and table
   numbers are identical, content controls, tracked changes and merged cells
   included) and remembers each paragraph element by its location;
2. rebuilds each paragraph's text exactly as the reader does, remembering for
   every character the run it came from, then undoes the reader's whitespace
   tidying with an index map;
3. splits the first and last runs at the match boundaries (each half keeps the
   run's formatting, ``w:rPr``) and anchors a comment on the runs in between.

Findings about a section as a whole go on its heading; findings about the whole
plan, or about a section the plan lacks, on the first paragraph (the title).
Nothing else in the document changes: the reader skips comment marks, so the
copy reads back as the same plan.
"""

from __future__ import annotations

import copy
import io
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ehcp_lint.annotate import AUTHOR, INITIALS
from ehcp_lint.model import Location
from ehcp_lint.readers.docx_reader import (
    _ALTERNATE_CONTENT,
    _MC_CHOICE,
    _MC_FALLBACK,
    _RPR,
    _RUN_CHARACTERS,
    _SKIPPED_IN_PARAGRAPH,
    _SPACES,
    R,
    T,
    _BodyWalker,
    _StyleBook,
    tidy_text,
)
from ehcp_lint.readers.raw import RawBlock, RawCell
from ehcp_lint.report import Finding

__all__ = ["ReviewComment", "comment_docx", "comment_text", "read_review_comments"]

log = logging.getLogger(__name__)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_COMMENT_START = _W + "commentRangeStart"
_COMMENT_END = _W + "commentRangeEnd"
_ID = _W + "id"
_P = _W + "p"

#: Separator the engine puts between the cells of a table row unit.
_ROW_SEPARATOR = " | "


def comment_text(finding: Finding) -> str:
    """What the comment says: code and rule name, the message, then the suggestion."""
    text = f"{finding.code} {finding.name}: {finding.message}"
    if finding.suggestion:
        text += f"\nSuggestion: {finding.suggestion}"
    return text


# --------------------------------------------------------------------------- text with a map


@dataclass
class _RunSpan:
    """One run's characters within a paragraph's raw (untidied) text."""

    run: Any
    start: int
    text: str


@dataclass
class _Paragraph:
    """A paragraph element, its tidied text, and where each tidied character came from."""

    element: Any
    location: Location
    runs: list[_RunSpan]
    text: str
    #: For each character of ``text``: its index in the raw text.
    raw_index: list[int]

    def run_at(self, raw: int) -> _RunSpan:
        for span in self.runs:
            if span.start <= raw < span.start + len(span.text):
                return span
        raise LookupError(raw)


def _run_text(run: Any) -> str:
    """A run's characters, exactly as the Word reader reads them."""
    parts: list[str] = []
    for child in run:
        if child.tag == T:
            if child.text:
                parts.append(child.text)
        else:
            character = _RUN_CHARACTERS.get(child.tag)
            if character is not None:
                parts.append(character)
    return "".join(parts)


def _collect_runs(element: Any, runs: list[_RunSpan], length: list[int]) -> None:
    """Mirror of the reader's ``_collect``: the runs whose text the reader reads, in order."""
    for child in element:
        tag = child.tag
        if tag == R:
            text = _run_text(child)
            if text:
                runs.append(_RunSpan(child, length[0], text))
                length[0] += len(text)
        elif tag in _SKIPPED_IN_PARAGRAPH or not isinstance(tag, str):
            continue
        elif tag == _ALTERNATE_CONTENT:
            chosen = child.find(_MC_CHOICE)
            if chosen is None:
                chosen = child.find(_MC_FALLBACK)
            if chosen is not None:
                _collect_runs(chosen, runs, length)
        else:
            _collect_runs(child, runs, length)


def _tidy_with_map(raw: str) -> tuple[str, list[int]]:
    """:func:`tidy_text` plus, for each output character, its index in ``raw``."""
    lines: list[list[tuple[str, int]]] = []
    breaks: list[int] = []
    offset = 0
    for line in raw.split("\n"):
        chars: list[tuple[str, int]] = []
        position = 0
        for match in _SPACES.finditer(line):
            chars.extend((c, offset + position + i) for i, c in enumerate(line[position : match.start()]))
            chars.append((" ", offset + match.start()))
            position = match.end()
        chars.extend((c, offset + position + i) for i, c in enumerate(line[position:]))
        while chars and chars[0][0].isspace():
            chars.pop(0)
        while chars and chars[-1][0].isspace():
            chars.pop()
        if chars or (lines and lines[-1]):
            lines.append(chars)
            breaks.append(offset + len(line))  # the raw index of this line's "\n"
        offset += len(line) + 1
    while lines and not lines[-1]:
        lines.pop()
    text: list[str] = []
    index: list[int] = []
    for number, chars in enumerate(lines):
        if number:
            text.append("\n")
            index.append(breaks[number - 1])
        for c, i in chars:
            text.append(c)
            index.append(i)
    return "".join(text), index


def _paragraph(element: Any, location: Location) -> _Paragraph:
    runs: list[_RunSpan] = []
    _collect_runs(element, runs, [0])
    raw = "".join(span.text for span in runs)
    text, index = _tidy_with_map(raw)
    if text != tidy_text(raw):  # pragma: no cover - a guard should tidy_text change
        log.warning("paragraph text map differs from the Word reader's; comments may be placed loosely")
    return _Paragraph(element, location, runs, text, index)


# --------------------------------------------------------------------------- the walk


class _Locator(_BodyWalker):
    """The Word reader's body walker, noting each paragraph element and table row it reads."""

    def __init__(self, styles: _StyleBook) -> None:
        super().__init__(styles)
        self.paragraphs: list[_Paragraph] = []
        self.rows: dict[tuple[int, int], list[Location]] = {}

    def _paragraph(self, p: Any, location: Location) -> RawBlock | None:
        block = super()._paragraph(p, location)
        if block is not None:
            self.paragraphs.append(_paragraph(p, location))
        return block

    def _row(self, tr: Any, tr_pr: Any, table_number: int, row_number: int) -> list[RawCell]:
        cells = super()._row(tr, tr_pr, table_number, row_number)
        self.rows[(table_number, row_number)] = [c.location for c in cells]
        return cells


@dataclass
class _Container:
    """The text a finding's excerpt is taken from: a paragraph, a cell or a table row."""

    text: str = ""
    #: For each character: (paragraph, index into its tidied text), or None for separators.
    places: list[tuple[_Paragraph, int] | None] = field(default_factory=list)

    def add(self, paragraph: _Paragraph) -> None:
        self.text += paragraph.text
        self.places.extend((paragraph, i) for i in range(len(paragraph.text)))

    def add_separator(self, separator: str) -> None:
        self.text += separator
        self.places.extend([None] * len(separator))


class _Document:
    """Paragraphs of one document by location, and the run surgery to anchor comments."""

    def __init__(self, document: Any) -> None:
        self.document = document
        locator = _Locator(_StyleBook(document.styles.element))
        body = document.element.body
        if body is not None:
            locator.read_body(body)
        self.paragraphs = locator.paragraphs
        self.rows = locator.rows
        self.by_location: dict[Location, list[_Paragraph]] = {}
        for paragraph in self.paragraphs:
            self.by_location.setdefault(paragraph.location, []).append(paragraph)

    # containers

    def _cell(self, location: Location) -> _Container:
        container = _Container()
        for number, paragraph in enumerate(self.by_location.get(location, [])):
            if number:
                container.add_separator("\n")
            container.add(paragraph)
        return container

    def container(self, location: Location) -> _Container:
        if location.table is not None and location.row is not None and location.column is None:
            container = _Container()
            for number, cell in enumerate(self.rows.get((location.table, location.row), [])):
                if number:
                    container.add_separator(_ROW_SEPARATOR)
                cell_container = self._cell(cell)
                container.text += cell_container.text
                container.places.extend(cell_container.places)
            return container
        return self._cell(location)

    def first(self) -> _Container:
        container = _Container()
        if self.paragraphs:
            container.add(self.paragraphs[0])
        return container

    # placing a finding

    def span_for(self, finding: Finding) -> tuple[_Container, int, int]:
        """The container and the [start, end) of the characters the comment should cover."""
        container = self.container(finding.location) if finding.location != Location() else None
        if container is None or not container.text.strip():
            container = self.first()
            return container, 0, len(container.text)
        start, end = finding.start, finding.end
        if finding.match and start is not None and end is not None:
            where = _find_excerpt(container.text, finding.excerpt, start)
            if where is not None and container.text[where + start : where + end] == finding.match:
                return container, where + start, where + end
            # Same words elsewhere in the same paragraph or cell (the plan changed a little).
            near = container.text.find(finding.match)
            if near >= 0:
                return container, near, near + len(finding.match)
            log.info("could not find the flagged words at %s; commenting the whole passage",
                     finding.location.describe())
        return container, 0, len(container.text)

    def anchor(self, container: _Container, start: int, end: int) -> tuple[Any, Any] | None:
        """Split runs so that [start, end) of ``container`` is whole runs; first and last run."""
        places = [p for p in container.places[start:end] if p is not None]
        if not places:
            places = [p for p in container.places if p is not None]
        if not places:
            return None
        first_paragraph, first_char = places[0]
        last_paragraph, last_char = places[-1]
        last_raw = last_paragraph.raw_index[last_char]
        first_raw = first_paragraph.raw_index[first_char]
        last_span = last_paragraph.run_at(last_raw)
        first_span = first_paragraph.run_at(first_raw)
        # Cut after the last character first: the first run's offsets stay valid.
        _split_run(last_span.run, last_raw - last_span.start + 1)
        first_run = _split_run(first_span.run, first_raw - first_span.start)
        same_run = first_span is last_span
        last_run = first_run if same_run else last_span.run
        if first_run is None:  # pragma: no cover - offset 0 returns the run itself
            return None
        # Refresh the maps of the paragraphs whose runs were split.
        for paragraph in {id(first_paragraph): first_paragraph, id(last_paragraph): last_paragraph}.values():
            fresh = _paragraph(paragraph.element, paragraph.location)
            paragraph.runs, paragraph.raw_index = fresh.runs, fresh.raw_index
        return first_run, last_run


def _find_excerpt(text: str, excerpt: str, start: int) -> int | None:
    """Where ``excerpt`` begins in ``text``: the container itself, or a part of it."""
    if not excerpt:
        return None
    if text == excerpt:
        return 0
    where = text.find(excerpt)
    if where >= 0:
        return where
    stripped = excerpt.strip()
    where = text.find(stripped)
    if where >= 0 and stripped:
        return where - excerpt.find(stripped)
    return None


def _new_t(text: str) -> Any:
    from docx.oxml.parser import OxmlElement

    t = OxmlElement("w:t")
    t.text = text
    t.set(_XML_SPACE, "preserve")
    return t


def _split_run(run: Any, at: int) -> Any:
    """Move the run's characters from ``at`` on into a new run right after it.

    Returns the run that starts at character ``at``: the run itself when ``at``
    is 0, the new run otherwise (``None`` when ``at`` is past the end). Both
    halves keep a copy of the run's formatting (``w:rPr``).
    """
    if at <= 0:
        return run
    moving: list[Any] = []
    position = 0
    for child in list(run):
        if child.tag == _RPR:
            continue
        if child.tag == T:
            length = len(child.text or "")
        else:
            length = 1 if child.tag in _RUN_CHARACTERS else 0
        if position >= at:
            moving.append(child)
        elif position + length > at:  # a w:t straddling the cut
            text = child.text or ""
            child.text = text[: at - position]
            child.set(_XML_SPACE, "preserve")
            moving.append(_new_t(text[at - position :]))
        position += length
    if not moving:
        return None
    new = copy.deepcopy(run)
    for child in list(new):
        if child.tag != _RPR:
            new.remove(child)
    for child in moving:
        new.append(child)  # lxml moves an element that already has a parent
    run.addnext(new)
    return new


# --------------------------------------------------------------------------- public


def comment_docx(data: bytes, findings: Sequence[Finding], source: str | None = None) -> bytes:
    """The Word plan in ``data`` with one comment per finding, as new .docx bytes.

    ``data`` is never modified. Each comment is by "ehcp-lint" (initials "EL")
    and reads: code and rule name, message, suggestion.
    """
    import docx
    from docx.text.run import Run

    from ehcp_lint.readers.container import check_docx_container

    check_docx_container(data, source)
    document = docx.Document(io.BytesIO(data))
    located = _Document(document)
    for finding in findings:
        container, start, end = located.span_for(finding)
        runs = located.anchor(container, start, end)
        if runs is None:
            continue
        first, last = runs
        document.add_comment(
            [Run(first, document), Run(last, document)],
            text=comment_text(finding),
            author=AUTHOR,
            initials=INITIALS,
        )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@dataclass(frozen=True)
class ReviewComment:
    """A comment read back from a Word file: who wrote it, what it says, what it covers.

    ``anchored`` is the commented text with whitespace collapsed (paragraphs
    joined by a space), which is how a reader compares it with a finding's match.
    """

    comment_id: int
    author: str
    initials: str | None
    text: str
    anchored: str


def _anchored_texts(body: Any) -> dict[int, str]:
    """Text between each ``commentRangeStart`` and ``commentRangeEnd``, by comment id."""
    from lxml import etree

    collected: dict[int, list[str]] = {}
    open_ids: set[int] = set()
    skip_depth = 0
    for event, element in etree.iterwalk(body, events=("start", "end")):
        tag = element.tag
        if tag in (_W + "del", _W + "moveFrom"):
            skip_depth += 1 if event == "start" else -1
            continue
        if event == "end":
            if tag == _P:
                for cid in open_ids:
                    collected[cid].append(" ")
            continue
        if tag == _COMMENT_START:
            cid = int(element.get(_ID))
            open_ids.add(cid)
            collected.setdefault(cid, [])
        elif tag == _COMMENT_END:
            open_ids.discard(int(element.get(_ID)))
        elif skip_depth == 0 and open_ids:
            piece = (element.text or "") if tag == T else _RUN_CHARACTERS.get(tag, "")
            for cid in open_ids:
                collected[cid].append(piece)
    return {cid: " ".join("".join(parts).split()) for cid, parts in collected.items()}


def read_review_comments(data: bytes, author: str | None = AUTHOR) -> list[ReviewComment]:
    """The comments of a Word file (by ``author``; all when ``None``), with their anchored text."""
    import docx

    document = docx.Document(io.BytesIO(data))
    anchored = _anchored_texts(document.element.body)
    comments: Iterable[Any] = document.comments
    return [
        ReviewComment(
            comment_id=c.comment_id,
            author=c.author,
            initials=c.initials,
            text=c.text,
            anchored=anchored.get(c.comment_id, ""),
        )
        for c in comments
        if author is None or c.author == author
    ]
