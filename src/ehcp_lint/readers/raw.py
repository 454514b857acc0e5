"""The flat stream of content every reader produces before sections are known.

Readers differ in how they find paragraphs, tables and headings; they do not
differ in how an EHCP is structured. So each reader turns its file into a list
of :class:`RawBlock` (with layout hints such as heading style, bold or font
size) and the shared :mod:`ehcp_lint.sections` module decides which section
each block belongs to. A reader never judges content and never assigns sections.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ehcp_lint.model import Location, PlanFormat, WordBox


@dataclass(slots=True)
class RawCell:
    """A table cell: its text, and its paragraphs as raw blocks (for nested content)."""

    text: str
    location: Location
    blocks: list[RawBlock] = field(default_factory=list)
    boxes: list[WordBox] = field(default_factory=list)
    #: True for a cell that spans several grid columns (read once, not per column).
    spans: int = 1


@dataclass(slots=True)
class RawBlock:
    """One paragraph, list item, heading candidate or table, in reading order.

    ``kind`` is ``"paragraph"``, ``"list_item"``, ``"heading"`` or ``"table"``.
    ``heading_level`` is set when the file itself marks a heading (a Word
    heading style, a Markdown ``#``, a PDF line set in a larger font);
    ``bold`` when the whole paragraph is bold (many LA templates head sections
    with a bold paragraph). Section detection uses these hints together with
    the wording.
    """

    kind: str
    text: str
    location: Location
    heading_level: int | None = None
    bold: bool = False
    #: Font size relative to the body text (PDF only; 1.0 = body size).
    size_ratio: float | None = None
    rows: list[list[RawCell]] = field(default_factory=list)
    boxes: list[WordBox] = field(default_factory=list)


@dataclass(slots=True)
class RawDocument:
    """What a reader hands to section detection."""

    format: PlanFormat
    blocks: list[RawBlock]
    source: str | None = None
