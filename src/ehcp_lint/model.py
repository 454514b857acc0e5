"""The plan model: one pydantic representation of an EHCP, whatever file it came from.

Readers (Word, PDF, text) build a :class:`Plan`; rules only ever read a :class:`Plan`.
Keeping this model free of python-docx and pdfplumber types is what lets rules be
tested on hand-written plans and lets a case-management system build a ``Plan``
straight from its database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

#: Section keys in statutory order. ``H`` is not statutory: it records a plan that
#: merged H1 and H2 into one section, so that a rule can report it.
SectionKey = Literal["A", "B", "C", "D", "E", "F", "G", "H1", "H2", "H", "I", "J", "K"]

STATUTORY_SECTIONS: tuple[SectionKey, ...] = (
    "A", "B", "C", "D", "E", "F", "G", "H1", "H2", "I", "J", "K",
)
SECTION_ORDER: tuple[SectionKey, ...] = (
    "A", "B", "C", "D", "E", "F", "G", "H1", "H2", "H", "I", "J", "K",
)

#: What each section holds (regulation 12 / Code of Practice 9.62), used in messages.
SECTION_TITLES: dict[str, str] = {
    "A": "Views, interests and aspirations",
    "B": "Special educational needs",
    "C": "Health needs",
    "D": "Social care needs",
    "E": "Outcomes",
    "F": "Special educational provision",
    "G": "Health provision",
    "H1": "Social care provision (CSDPA 1970 s.2)",
    "H2": "Other social care provision",
    "H": "Social care provision (H1 and H2 merged)",
    "I": "Placement",
    "J": "Personal budget",
    "K": "Advice and information",
}

PlanFormat = Literal["docx", "pdf", "md", "txt"]


class AreaOfNeed(StrEnum):
    """The four broad areas of need of the SEND Code of Practice (6.28-6.35)."""

    COMMUNICATION_AND_INTERACTION = "communication and interaction"
    COGNITION_AND_LEARNING = "cognition and learning"
    SOCIAL_EMOTIONAL_MENTAL_HEALTH = "social, emotional and mental health"
    SENSORY_AND_PHYSICAL = "sensory and/or physical"


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE = "table"


class Location(BaseModel):
    """Where a person finds a block or cell in the original file.

    Word: ``paragraph`` is the 1-based index of the body paragraph in document
    order; text inside a table has ``table``/``row``/``column`` (1-based, tables
    counted in document order including nested ones) instead.
    PDF: ``page`` (1-based). Text and Markdown: ``line`` (1-based).
    """

    model_config = ConfigDict(frozen=True)

    page: int | None = None
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None
    line: int | None = None

    def describe(self) -> str:
        """A short human form, e.g. ``page 3``, ``table 2, row 4, column 1``."""
        parts: list[str] = []
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.table is not None:
            parts.append(f"table {self.table}")
            if self.row is not None:
                parts.append(f"row {self.row}")
            if self.column is not None:
                parts.append(f"column {self.column}")
        elif self.paragraph is not None:
            parts.append(f"paragraph {self.paragraph}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        return ", ".join(parts) or "unknown location"


class WordBox(BaseModel):
    """Position of a run of characters on a PDF page (points, top-left origin).

    ``start``/``end`` are character offsets into the owning block's (or cell's)
    ``text``. Only the PDF reader fills these; the PDF annotator uses them to
    place highlights without reading the PDF a second time.
    """

    model_config = ConfigDict(frozen=True)

    start: int
    end: int
    page: int
    x0: float
    top: float
    x1: float
    bottom: float


class Cell(BaseModel):
    """One table cell. ``column_name`` is the header-row text of its column."""

    text: str
    location: Location
    column_name: str | None = None
    boxes: list[WordBox] = Field(default_factory=list, exclude=True, repr=False)


class Row(BaseModel):
    cells: list[Cell]
    location: Location

    @property
    def text(self) -> str:
        return " | ".join(c.text for c in self.cells if c.text)


class Table(BaseModel):
    """Table content: ``header`` holds the header row's column names (may be empty)."""

    header: list[str] = Field(default_factory=list)
    rows: list[Row] = Field(default_factory=list)


class Block(BaseModel):
    """One unit of plan content in reading order.

    ``link`` is shared by blocks that the plan sets side by side (the cells of one
    row of a national-grid table: need, provision, outcome), so that the golden
    thread can be followed without guessing.
    """

    kind: BlockKind
    text: str
    location: Location
    area_of_need: AreaOfNeed | None = None
    level: int | None = None
    link: str | None = None
    column_name: str | None = None
    table: Table | None = None
    boxes: list[WordBox] = Field(default_factory=list, exclude=True, repr=False)

    @property
    def words(self) -> int:
        return len(self.text.split())


class Section(BaseModel):
    """One lettered section of the plan, with the heading as the plan wrote it."""

    key: SectionKey
    title: str
    location: Location
    blocks: list[Block] = Field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks if b.text)

    @property
    def words(self) -> int:
        return sum(b.words for b in self.blocks)

    def content_blocks(self) -> Iterator[Block]:
        """Blocks other than sub-headings: what the section actually says."""
        return (b for b in self.blocks if b.kind is not BlockKind.HEADING)


class PlanMetadata(BaseModel):
    """Facts read from the personal-details part of the plan, when it has them."""

    child_name: str | None = None
    preferred_name: str | None = None
    date_of_birth: dt.date | None = None
    year_group: str | None = None
    phase: str | None = None
    plan_date: dt.date | None = None
    last_review_date: dt.date | None = None
    status: Literal["draft", "final"] | None = None
    looked_after: bool | None = None
    #: Every label/value pair of the personal-details table, as written.
    personal_details: dict[str, str] = Field(default_factory=dict)


class Plan(BaseModel):
    """A whole EHCP as read from one file."""

    source: str | None = None
    format: PlanFormat
    metadata: PlanMetadata = Field(default_factory=PlanMetadata)
    front_matter: list[Block] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)

    def section(self, key: str) -> Section | None:
        """The first section with this key, or ``None`` when the plan lacks it."""
        for s in self.sections:
            if s.key == key:
                return s
        return None

    def has(self, key: str) -> bool:
        return self.section(key) is not None

    @property
    def keys(self) -> list[str]:
        return [s.key for s in self.sections]

    def blocks(self) -> Iterator[tuple[Section | None, Block]]:
        """Every block in reading order, front matter first (section ``None``)."""
        for b in self.front_matter:
            yield None, b
        for s in self.sections:
            for b in s.blocks:
                yield s, b

    @property
    def text(self) -> str:
        return "\n".join(b.text for _, b in self.blocks() if b.text)
