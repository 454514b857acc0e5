"""Markdown and plain-text plans → the flat :class:`RawDocument` stream.

Plans arrive as text more often than one would hope: pasted out of a
case-management system, drafted by a writing assistant in Markdown, or saved
from Word as .txt. This reader recovers the structure those files carry
(Markdown headings, bold lines, bullets, pipe tables; in plain text, blank-line
paragraphs and short standalone lines) and leaves the question of *which
section* to :mod:`ehcp_lint.sections`, as every reader does.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

from ehcp_lint.errors import CorruptFileError, NoTextError
from ehcp_lint.model import Location
from ehcp_lint.readers.raw import RawBlock, RawCell, RawDocument

__all__ = ["decode_text", "read_text"]

# --------------------------------------------------------------------------- decoding

#: Share of characters that may be control or undecodable before a file is judged binary.
_MAX_JUNK_SHARE = 0.05


def decode_text(data: bytes, source: str | None = None) -> str:
    """Bytes of a .md/.txt plan → text.

    UTF-8 (with or without a byte-order mark) and UTF-16 with a BOM are decoded
    as such; anything else that is not valid UTF-8 is read as Windows-1252,
    which is what Word and most case-management exports on UK council PCs write.
    NUL bytes are dropped (some exports pad with them). A file that is mostly
    binary raises :class:`CorruptFileError`; an empty one :class:`NoTextError`.
    """
    if not data.strip(b" \t\r\n\x00\x0b\x0c"):
        raise NoTextError(source, "is empty", "check that the right file was chosen")
    text = _decode(data)
    text = text.replace("\x00", "")
    if _looks_binary(text):
        raise CorruptFileError(
            source,
            "does not look like a text file (it contains binary data)",
            "save the plan as .docx, PDF or plain text and try again",
        )
    if not text.strip():
        raise NoTextError(source, "is empty", "check that the right file was chosen")
    return text


def _decode(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    utf16 = _guess_bomless_utf16(data)
    if utf16 is not None:
        return data.decode(utf16, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _guess_bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: ASCII text with a NUL in every other byte."""
    sample = data[:4096]
    if len(sample) < 8:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > 0.8 * half and even_nuls < 0.1 * half:
        return "utf-16-le"
    if even_nuls > 0.8 * half and odd_nuls < 0.1 * half:
        return "utf-16-be"
    return None


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    junk = 0
    for ch in text:
        if ch in "\t\n\r\f\v":
            continue
        if ch == "\ufffd" or unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn"):
            junk += 1
    return junk > _MAX_JUNK_SHARE * len(text)


# --------------------------------------------------------------------------- inline markup

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_ITALIC_STAR = re.compile(r"(?<![*\w])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![*\w])")
_ITALIC_UNDERSCORE = re.compile(r"(?<![_\w])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![_\w])")
_CODE = re.compile(r"`+([^`]*)`+")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
#: HTML elements a plan exported to Markdown may carry. Only these are stripped as tags:
#: a writer's angle-bracket prompt ("<number> sessions", "<name of school>") is template
#: residue the placeholder rules must see, not markup.
_HTML_ELEMENTS = (
    "a|abbr|b|big|blockquote|br|center|cite|code|col|colgroup|dd|del|div|dl|dt|em|font|h[1-6]"
    "|hr|i|img|ins|kbd|li|mark|ol|p|pre|q|s|small|span|strike|strong|sub|sup|table|tbody|td"
    "|tfoot|th|thead|tr|tt|u|ul"
)
_TAG = re.compile(rf"</?(?:{_HTML_ELEMENTS})(?:\s[^<>]*)?/?>", re.IGNORECASE)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
#: Escaped characters are parked in a private-use plane while emphasis is stripped.
_PARK = 0xF0000
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0]+")


def strip_inline(text: str) -> str:
    """Markdown inline markup → plain text: **bold**, _italic_, `code`, [text](url), <br>."""
    text = _ZERO_WIDTH.sub("", text)
    text = _ESCAPE.sub(lambda m: chr(_PARK + ord(m.group(1))), text)
    text = _LINK.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    text = _BR.sub("\n", text)
    text = _TAG.sub("", text)
    for _ in range(3):  # nested emphasis: ***x***, **_x_**
        new = _ITALIC_UNDERSCORE.sub(r"\1", _ITALIC_STAR.sub(r"\1", _BOLD.sub(r"\2", text)))
        if new == text:
            break
        text = new
    text = "".join(chr(ord(ch) - _PARK) if ord(ch) >= _PARK else ch for ch in text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


# --------------------------------------------------------------------------- line patterns

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT_1 = re.compile(r"^ {0,3}=+[ \t]*$")
_SETEXT_2 = re.compile(r"^ {0,3}-+[ \t]*$")
_RULE = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_BULLET = re.compile(r"^[ \t]*(?:[-*+•·▪◦‣–]|\d{1,3}[.)]|[a-z][.)]|\([a-z0-9]{1,4}\)|[ivx]{1,5}[.)])[ \t]+(?=\S)")
_WHOLE_BOLD = re.compile(r"^[ \t]*(\*\*|__)(?=\S)(.+?)(?<=\S)\1[ \t]*:?[ \t]*$")
_QUOTE = re.compile(r"^ {0,3}>[ \t]?")
_TABLE_SEPARATOR = re.compile(r"^[ \t]*\|?[ \t]*:?-{1,}:?[ \t]*(?:\|[ \t]*:?-{1,}:?[ \t]*)*\|?[ \t]*$")
_LABEL_LINE = re.compile(r"^[ \t]*[A-Z][\w'’ /().&-]{0,40}:[ \t]+\S")


def _is_table_row(line: str) -> bool:
    return "|" in line and line.strip() not in ("|", "")


def _split_row(line: str) -> list[str]:
    """Split a pipe-table row on unescaped pipes, dropping the outer ones."""
    cells: list[str] = []
    current: list[str] = []
    escaped = False
    for ch in line.strip():
        if escaped:
            current.append(ch)
            escaped = False
        elif ch == "\\":
            current.append(ch)
            escaped = True
        elif ch == "|":
            cells.append("".join(current))
            current = []
        else:
            current.append(ch)
    cells.append("".join(current))
    if cells and not cells[0].strip():
        cells = cells[1:]
    if cells and not cells[-1].strip():
        cells = cells[:-1]
    return [c.replace("\\|", "|").strip() for c in cells]


# --------------------------------------------------------------------------- block building


@dataclass
class _Paragraph:
    """Lines gathered into one block until something ends it."""

    kind: str
    start: int
    lines: list[str] = field(default_factory=list)


class _Builder:
    def __init__(self, markdown: bool) -> None:
        self.markdown = markdown
        self.blocks: list[RawBlock] = []
        self.open: _Paragraph | None = None

    def flush(self) -> None:
        para, self.open = self.open, None
        if para is None:
            return
        if para.kind == "paragraph" and len(para.lines) > 1 and self._label_lines(para.lines):
            # "Name: …" / "Date of birth: …" lines (under a short title such as
            # "Personal details"): each is a fact, keep them apart.
            for offset, line in enumerate(para.lines):
                self._emit("paragraph", line, para.start + offset)
            return
        if not self.markdown and para.kind == "paragraph":
            self._emit_plain(para)
            return
        self._emit(para.kind, " ".join(line.strip() for line in para.lines), para.start)

    def _label_lines(self, lines: list[str]) -> bool:
        """Every line a "Label: value" fact, or a short colon-less title over two or more of them."""
        texts = [strip_inline(line) if self.markdown else line for line in lines]
        if all(_LABEL_LINE.match(t) for t in texts):
            return True
        title = texts[0].strip()
        return (
            self.markdown  # plain text keeps such lines apart already (see _emit_plain)
            and len(texts) > 2
            and ":" not in title
            and 0 < len(title.split()) <= 4
            and not title.endswith(".")
            and all(_LABEL_LINE.match(t) for t in texts[1:])
        )

    def _emit_plain(self, para: _Paragraph) -> None:
        """Plain text: a short standalone line is a heading candidate.

        A group whose every line starts afresh (a capital, a digit, a quote) is a
        list of lines pasted from a form or a table ("Full name Robin Example",
        tab-separated rows), not a wrapped paragraph: each line is kept apart.
        """
        lines = [line.strip() for line in para.lines]
        if len(lines) > 1 and all(_starts_afresh(line) for line in lines) and (
            len(lines) >= 3 or all(len(line.split()) <= 12 for line in lines) or any("\t" in line for line in lines)
        ):
            for offset, line in enumerate(lines):
                kind = "heading" if _heading_candidate(line) and "\t" not in line else "paragraph"
                self._emit(kind, line, para.start + offset)
            return
        if len(lines) == 1 and _heading_candidate(lines[0]):
            self._emit("heading", lines[0], para.start)
            return
        if len(lines) > 1 and _heading_candidate(lines[0], first_of_many=True, next_line=lines[1]):
            self._emit("heading", lines[0], para.start)
            self._emit("paragraph", " ".join(lines[1:]), para.start + 1)
            return
        self._emit("paragraph", " ".join(lines), para.start)

    def _emit(
        self,
        kind: str,
        text: str,
        line: int,
        *,
        level: int | None = None,
        bold: bool = False,
    ) -> None:
        clean = strip_inline(text) if self.markdown else _SPACES.sub(" ", text).strip()
        if self.markdown:
            clean = clean.replace("\n", " ") if kind != "table" else clean
        if not clean:
            return
        self.blocks.append(
            RawBlock(kind=kind, text=clean, location=Location(line=line), heading_level=level, bold=bold)
        )

    def heading(self, text: str, line: int, level: int | None) -> None:
        self.flush()
        self._emit("heading", text, line, level=level)

    def bold_line(self, text: str, line: int) -> None:
        self.flush()
        self._emit("paragraph", text, line, bold=True)

    def add_line(self, kind: str, text: str, line: int) -> None:
        if self.open is None or self.open.kind != kind or kind == "list_item":
            self.flush()
            self.open = _Paragraph(kind=kind, start=line)
        self.open.lines.append(text)

    def continue_line(self, text: str, line: int) -> None:
        if self.open is None:
            self.add_line("paragraph", text, line)
        else:
            self.open.lines.append(text)

    def table(self, rows: list[tuple[int, list[str]]], header: bool) -> None:
        self.flush()
        if not rows:
            return
        width = max(len(cells) for _, cells in rows)
        raw_rows: list[list[RawCell]] = []
        for index, (line_no, cells) in enumerate(rows):
            loc = Location(line=line_no)
            raw_cells: list[RawCell] = []
            for text in cells + [""] * (width - len(cells)):
                clean = strip_inline(text) if self.markdown else text.strip()
                paragraphs = [
                    RawBlock(kind="paragraph", text=p, location=loc, bold=header and index == 0)
                    for p in clean.split("\n")
                    if p
                ]
                raw_cells.append(RawCell(text=clean, location=loc, blocks=paragraphs))
            raw_rows.append(raw_cells)
        text = "\n".join(" | ".join(c.text for c in row if c.text) for row in raw_rows)
        self.blocks.append(
            RawBlock(kind="table", text=text, location=Location(line=rows[0][0]), rows=raw_rows)
        )


def _starts_afresh(line: str) -> bool:
    first = line.lstrip()[:1]
    return bool(first) and (first.isupper() or first.isdigit() or first in "\"'“‘(£")


def _heading_candidate(line: str, *, first_of_many: bool = False, next_line: str = "") -> bool:
    """A standalone line shaped like a heading; section detection judges the wording.

    A lone line counts when it is short (≤ 12 words) without a closing full
    stop, or written in capitals. The first line of a longer group counts only
    when it cannot be the start of a wrapped sentence: in capitals, or ending
    with a colon, or followed by a line that starts a new sentence.
    """
    words = line.split()
    if not words:
        return False
    letters = [ch for ch in line if ch.isalpha()]
    all_caps = len(letters) >= 2 and all(ch.isupper() for ch in letters)
    short = len(words) <= 12 and not line.rstrip().endswith((".", ",", ";"))
    if not first_of_many:
        return all_caps or short
    if all_caps and len(words) <= 16:
        return True
    if line.rstrip().endswith(":") and len(words) <= 12:
        return True
    return (
        short
        and len(words) <= 8
        and not line.rstrip().endswith(("-", "–", "and", "or", "the", "of", "to", "a"))
        and next_line[:1].isupper()
    )


def read_text(
    text: str, format: Literal["md", "txt"], source: str | None = None
) -> RawDocument:
    """Text of a Markdown (``"md"``) or plain-text (``"txt"``) plan → :class:`RawDocument`.

    Locations are 1-based line numbers where each block starts; table cells
    carry the line of their row.
    """
    markdown = format == "md"
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    builder = _Builder(markdown)
    i = 0
    in_fence = False
    while i < len(lines):
        line = lines[i]
        number = i + 1
        stripped = line.strip()

        if markdown and _FENCE.match(line):
            builder.flush()
            in_fence = not in_fence
            i += 1
            continue
        if in_fence:
            builder.add_line("paragraph", line, number)
            i += 1
            continue
        if not stripped:
            builder.flush()
            i += 1
            continue

        if markdown:
            quote = _QUOTE.match(line)
            if quote:
                line = line[quote.end():]
                stripped = line.strip()
                if not stripped:
                    builder.flush()
                    i += 1
                    continue
        atx = _ATX.match(line)
        if atx and (markdown or atx.group(2)):
            # Plain text that uses "## Heading" is Markdown in all but name.
            builder.heading(atx.group(2) or "", number, len(atx.group(1)))
            i += 1
            continue
        if markdown:
            open_para = builder.open
            if open_para is not None and open_para.kind == "paragraph" and (
                _SETEXT_1.match(line) or (_SETEXT_2.match(line) and not _is_table_row(line))
            ):
                heading_text = " ".join(s.strip() for s in open_para.lines)
                start = open_para.start
                builder.open = None
                builder.heading(heading_text, start, 1 if "=" in line else 2)
                i += 1
                continue
            if _RULE.match(line):
                builder.flush()
                i += 1
                continue
            if (
                _is_table_row(line)
                and i + 1 < len(lines)
                and _TABLE_SEPARATOR.match(lines[i + 1])
                and "-" in lines[i + 1]
            ):
                rows = [(number, _split_row(line))]
                j = i + 2
                while j < len(lines) and lines[j].strip() and _is_table_row(lines[j]):
                    rows.append((j + 1, _split_row(lines[j])))
                    j += 1
                builder.table(rows, header=True)
                i = j
                continue
            bold = _WHOLE_BOLD.match(line)
            if bold:
                builder.bold_line(stripped, number)
                i += 1
                continue

        bullet = _BULLET.match(line)
        if bullet:
            builder.add_line("list_item", line[bullet.end():], number)
            i += 1
            continue
        if builder.open is not None and builder.open.kind == "list_item" and _continues_item(
            line, markdown
        ):
            builder.continue_line(line, number)
            i += 1
            continue
        builder.add_line("paragraph", line, number)
        i += 1
    builder.flush()
    return RawDocument(format=format, blocks=builder.blocks, source=source)


def _continues_item(line: str, markdown: bool) -> bool:
    """A wrapped bullet: indented, or (Markdown's lazy continuation) any plain line.

    Plain text has no lazy continuation rule, so there a line continues the bullet
    only when indented or when it starts in lower case (mid-sentence).
    """
    if line[:1] in " \t":
        return True
    if _LABEL_LINE.match(line):
        return False
    return markdown or line.lstrip()[:1].islower()
