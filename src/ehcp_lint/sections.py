"""Section detection: the flat reader stream → a :class:`Plan` with sections A–K.

Every reader hands over the same :class:`RawDocument` (paragraphs, headings,
tables with layout hints); this module alone decides where each section starts
and which section every piece of content belongs to. Plans head sections in
three ways, and one plan may mix them:

* a heading paragraph ("Section B: Special educational needs", a bold "PART B",
  a Markdown ``##``, a short line "Outcomes"), recognised by its wording
  (:mod:`ehcp_lint.headings`) and, for weaker wordings, its layout;
* a table whose first cell holds the section ("B", "Section B: …") with the
  content beside or below it;
* the national grid: one table per area of need whose header row names several
  sections ("B – Special Educational Needs | F – … | E – Outcomes"), each column's
  cells belonging to that column's section and each row tying need, provision
  and outcome together (``Block.link``).

Blocks before the first section heading are the plan's front matter, from which
:mod:`ehcp_lint.metadata` reads the personal details.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ehcp_lint.errors import NoSectionsError
from ehcp_lint.headings import (
    MAX_HEADING_CHARS,
    SectionMatch,
    is_heading_like,
    match_area_of_need,
    match_combined_heading,
    match_section_heading,
    split_grid_title,
)
from ehcp_lint.metadata import extract_metadata, field_for_label, is_unfilled
from ehcp_lint.model import (
    AreaOfNeed,
    Block,
    BlockKind,
    Cell,
    Location,
    Plan,
    Row,
    Section,
    SectionKey,
    Table,
)
from ehcp_lint.readers.raw import RawBlock, RawCell, RawDocument

if TYPE_CHECKING:
    from ehcp_lint.reading import ReadOptions

__all__ = ["NO_SECTIONS_PROBLEM", "build_plan", "table_block"]

#: ``Cell(**fields)`` and ``Block(**fields)`` without pydantic's Python-level ``__init__``
#: around them: the same validators making the same instances, about a third cheaper
#: (a plan has ~550 cells and ~400 blocks).
_new_cell: Callable[[dict[str, Any]], Cell] = Cell.__pydantic_validator__.validate_python
_new_block: Callable[[dict[str, Any]], Block] = Block.__pydantic_validator__.validate_python

NO_SECTIONS_PROBLEM = (
    "no EHCP section headings found; expected headings such as 'Section A', "
    "'Section B: Special educational needs', 'Part F', or a table whose first cell is "
    "the section letter — add heading aliases in configuration for a local template"
)


def build_plan(raw: RawDocument, options: ReadOptions | None = None) -> Plan:
    """Assign every block of ``raw`` to the front matter or to a section.

    Raises :class:`NoSectionsError` when no section heading is recognised at
    all: linting such a file would only report every section missing.
    """
    aliases: Mapping[str, Sequence[str]] = options.heading_aliases if options else {}
    builder = _PlanBuilder(aliases)
    for block in raw.blocks:
        builder.feed(block)
    if not builder.sections:
        raise NoSectionsError(raw.source, NO_SECTIONS_PROBLEM)
    sections = list(builder.sections.values())
    metadata = extract_metadata(builder.front, sections)
    return Plan(
        source=raw.source,
        format=raw.format,
        metadata=metadata,
        front_matter=builder.front,
        sections=sections,
    )


# --------------------------------------------------------------------------- helpers

_KIND: dict[str, BlockKind] = {
    "heading": BlockKind.HEADING,
    "paragraph": BlockKind.PARAGRAPH,
    "list_item": BlockKind.LIST_ITEM,
    "table": BlockKind.TABLE,
}


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _rank(raw: RawBlock) -> int | None:
    """The heading level the file itself gives, or ``None`` (bold or plain lines)."""
    return raw.heading_level if raw.kind == "heading" else None


def _is_weak_heading(raw: RawBlock) -> bool:
    """A heading *candidate* from a plain-text file: its wording must decide."""
    return raw.kind == "heading" and raw.heading_level is None


def _accepts(match: SectionMatch, raw: RawBlock) -> bool:
    """Whether a wording match is placed like a section heading."""
    if raw.kind == "list_item":
        return match.kind == "section-word" and is_heading_like(raw.text, max_words=20)
    if match.strong or match.kind in ("title", "alias"):
        return True
    # A bare letter with a free title or alone: only a styled heading or bold line.
    return (raw.kind == "heading" and not _is_weak_heading(raw)) or raw.bold


def _cell_column(cell: RawCell, fallback: int) -> int:
    return cell.location.column if cell.location.column is not None else fallback


def _unique_cells(row: Sequence[RawCell]) -> list[tuple[int, RawCell]]:
    """The row's cells once each, with the grid column each starts at.

    Readers already report a merged cell once (``spans``); this also guards
    against a reader (or python-docx) repeating the same cell per grid column.
    Section detection asks this of every row several times, so it is kept tight.
    """
    out: list[tuple[int, RawCell]] = []
    seen_ids: set[int] = set()
    seen_positions: set[tuple[int | None, int | None, int]] = set()
    column = 1
    for cell in row:
        location = cell.location
        own_column = location.column
        start = own_column if own_column is not None else column
        spans = cell.spans
        column = start + (spans if spans > 1 else 1)
        if id(cell) in seen_ids:
            continue
        if own_column is not None:
            # Only cells with a column can repeat a position (a reader's repeat).
            position = (location.table, location.row, own_column)
            if position in seen_positions:
                continue
            seen_positions.add(position)
        seen_ids.add(id(cell))
        out.append((start, cell))
    return out


def _distinct_texts(row: Sequence[RawCell]) -> list[str]:
    texts: list[str] = []
    for _, cell in _unique_cells(row):
        t = _one_line(cell.text)
        if t and t not in texts:
            texts.append(t)
    return texts


def _cell_blocks(cell: RawCell) -> list[RawBlock]:
    """The paragraphs of a cell; a reader that gives only text gets one paragraph."""
    blocks = [b for b in cell.blocks if b.text.strip() or b.kind == "table"]
    if blocks:
        return blocks
    if cell.text.strip():
        return [RawBlock(kind="paragraph", text=cell.text.strip(), location=cell.location, boxes=cell.boxes)]
    return []


def _row_location(cells: Sequence[RawCell], fallback: Location) -> Location:
    if not cells:
        return fallback
    return cells[0].location.model_copy(update={"column": None})


_LABEL_VALUE_ROW = re.compile(r":\s*$")


def _is_bold(cell: RawCell) -> bool | None:
    """Whether every paragraph of the cell is bold; ``None`` when the reader cannot say."""
    paragraphs = [b for b in cell.blocks if b.text.strip()]
    if not paragraphs:
        return None
    return all(b.bold or b.kind == "heading" for b in paragraphs)


def _label_value_row(cells: Sequence[RawCell]) -> bool:
    """A row of label/value pairs: "Name | [Insert name]", "DOB: | 03/04/2012 | Year: | 5".

    Every other cell is a label ending in a colon or naming a personal-details
    field, or a value cell holds a template placeholder (a column name never
    does). Such a row is content even when it is bold or is the header row of a
    Markdown table (which must have one), so that rules read it.
    """
    if len(cells) < 2 or len(cells) % 2:
        return False
    labels = [_one_line(c.text) for c in cells[0::2]]
    values = [_one_line(c.text) for c in cells[1::2]]
    if not all(labels):
        return False
    if all(label.endswith(":") or field_for_label(label) for label in labels):
        return True
    return any(value and is_unfilled(value) for value in values)


def _looks_like_header(cells: Sequence[RawCell]) -> bool:
    """Whether a table's first row names its columns.

    A header row is bold throughout (Word, a Markdown header row), or, in a
    table of three or more columns, short cells with no full sentences. A row
    whose first cell alone is bold is a label beside its value ("Name | Oakfield
    Primary School"), and a two-column table without bold is read as label/value
    pairs, not as a header over records. A row of label/value pairs is never a
    header, bold or not (:func:`_label_value_row`).
    """
    filled = [c for c in cells if c.text.strip()]
    if len(filled) < 2 or _label_value_row(cells):
        return False
    bold = [_is_bold(c) for c in filled]
    if all(b is True for b in bold):
        return True
    if any(b is True for b in bold):
        return False
    if len(cells) < 3:
        return False
    for cell in filled:
        text = _one_line(cell.text)
        if len(text.split()) > 8 or text.endswith("."):
            return False
    labels = [c for i, c in enumerate(cells) if i % 2 == 0 and c.text.strip()]
    return not (labels and all(_LABEL_VALUE_ROW.search(c.text) for c in labels) and len(cells) % 2 == 0)


def table_block(
    rows: Sequence[Sequence[RawCell]],
    location: Location,
    *,
    area: AreaOfNeed | None = None,
) -> Block | None:
    """An ordinary table as one :class:`Block`, its header row as column names."""
    unique_rows = [[cell for _, cell in _unique_cells(row)] for row in rows]
    unique_rows = [row for row in unique_rows if row]
    if not any(c.text.strip() for row in unique_rows for c in row):
        return None
    header: list[str] = []
    header_ranges: list[tuple[int, int, str]] = []
    body = unique_rows
    if len(unique_rows) > 1 and _looks_like_header(unique_rows[0]):
        column = 1
        for cell in unique_rows[0]:
            start = _cell_column(cell, column)
            column = start + max(cell.spans, 1)
            name = _one_line(cell.text)
            header.append(name)
            header_ranges.append((start, column, name))
        body = unique_rows[1:]
    out_rows: list[Row] = []
    row_texts: list[str] = []  # each Row.text, gathered as the cells are made
    #: Grid column → its header's name (the first header cell covering it), as found.
    names: dict[int, str | None] = {}
    for row in body:
        cells: list[Cell] = []
        cell_texts: list[str] = []
        column = 1
        for cell in row:
            own_column = cell.location.column
            start = own_column if own_column is not None else column
            column = start + (cell.spans if cell.spans > 1 else 1)
            if not header_ranges:
                column_name = None
            elif start in names:
                column_name = names[start]
            else:
                column_name = names[start] = (
                    next((n for lo, hi, n in header_ranges if lo <= start < hi), None) or None
                )
            cell_text = cell.text.strip()
            if cell_text:
                cell_texts.append(cell_text)
            cells.append(
                _new_cell(
                    {
                        "text": cell_text,
                        "location": cell.location,
                        "column_name": column_name,
                        "boxes": cell.boxes,
                    }
                )
            )
        out_rows.append(Row(cells=cells, location=_row_location(row, location)))
        if cell_texts:
            row_texts.append(" | ".join(cell_texts))
    table = Table(header=header, rows=out_rows)
    text = "\n".join(row_texts)
    return Block(kind=BlockKind.TABLE, text=text, location=location, area_of_need=area, table=table)


@dataclass
class _GridColumn:
    start: int
    end: int
    key: SectionKey
    name: str


@dataclass
class _GridState:
    """What a page-split grid's continuation needs: its columns, area and last page."""

    columns: list[_GridColumn]
    area: AreaOfNeed | None
    page: int | None
    gap: int = 0


def _row_width(row: Sequence[RawCell]) -> int:
    """Grid columns a row covers (merged cells count for each column they span)."""
    last = 0
    column = 1
    for start, cell in _unique_cells(row):
        column = start + max(cell.spans, 1)
        last = max(last, column - 1)
    return last


def _last_page(raw: RawBlock, rows: Sequence[Sequence[RawCell]]) -> int | None:
    pages = [c.location.page for row in rows for c in row if c.location.page is not None]
    return max(pages) if pages else raw.location.page


# --------------------------------------------------------------------------- the builder


class _PlanBuilder:
    """Walks the reader stream once, keeping the current section and area of need."""

    def __init__(self, aliases: Mapping[str, Sequence[str]]) -> None:
        self.aliases = aliases
        self.front: list[Block] = []
        self.sections: dict[str, Section] = {}
        self.current: Section | None = None
        self.area: AreaOfNeed | None = None
        #: Level of the heading that set ``area``; ``None`` for a bold or table heading.
        self.area_rank: int | None = None
        self.tables_seen = 0
        #: The national-grid table just read, in case the next table continues it.
        self.last_grid: _GridState | None = None

    # ----------------------------------------------------------------- output

    def _emit(self, block: Block, section: Section | None = None) -> None:
        target = section if section is not None else self.current
        if target is None:
            self.front.append(block)
        else:
            target.blocks.append(block)

    def _open(self, key: SectionKey, title: str, location: Location, raw: RawBlock | None) -> Section:
        """Make ``key`` the current section, creating it on first sight.

        A section met again later (F split by area of need) gets the later
        heading as a sub-heading block, so the split stays visible.
        """
        existing = self.sections.get(key)
        if existing is None:
            section = Section(key=key, title=title, location=location)
            self.sections[key] = section
        else:
            section = existing
            section.blocks.append(
                Block(
                    kind=BlockKind.HEADING,
                    text=title,
                    location=location,
                    area_of_need=self.area,
                    level=_rank(raw) if raw is not None else None,
                    boxes=list(raw.boxes) if raw is not None else [],
                )
            )
        self.current = section
        return section

    # ----------------------------------------------------------------- area of need

    def _section_area(self, text: str, rank: int | None) -> None:
        """Area state when a section heading starts: named in it, kept if nested, else reset."""
        named = match_area_of_need(text)
        if named is not None:
            self.area, self.area_rank = named, rank
        elif not (
            self.area is not None
            and rank is not None
            and self.area_rank is not None
            and rank > self.area_rank
        ):
            self.area, self.area_rank = None, None

    def _maybe_end_area(self, rank: int | None) -> None:
        """A non-area heading of the same or higher level closes the area."""
        if self.area is None or rank is None:
            return
        if self.area_rank is None or rank <= self.area_rank:
            self.area, self.area_rank = None, None

    # ----------------------------------------------------------------- feeding

    def feed(self, raw: RawBlock) -> None:
        if raw.kind == "table":
            self.tables_seen += 1
            self._feed_table(raw)
            return
        text = raw.text.strip()
        if not text:
            return
        if raw.kind in ("heading", "paragraph", "list_item") and self._try_heading(raw, text):
            self.last_grid = None
            return
        block = self._content_block(raw, text)
        self._note_between_tables(block)
        self._emit(block)

    def _note_between_tables(self, block: Block) -> None:
        """Only a page footer or two may sit between a grid and its continuation."""
        grid = self.last_grid
        if grid is None:
            return
        grid.gap += 1
        if block.kind is BlockKind.HEADING or grid.gap > 2 or block.words > 15:
            self.last_grid = None

    def _try_heading(self, raw: RawBlock, text: str) -> bool:
        rank = _rank(raw)
        if raw.kind != "list_item":
            combined = match_combined_heading(text)
            if combined is not None and (
                raw.kind == "heading" or raw.bold or is_heading_like(text, max_words=24)
            ):
                self._section_area(text, rank)
                self._open(combined[0], _one_line(text), raw.location, raw)
                return True
        match = match_section_heading(text, self.aliases)
        if match is None or not _accepts(match, raw):
            return False
        self._section_area(text, rank)
        self._open(match.key, _one_line(text), raw.location, raw)
        return True

    def _content_block(self, raw: RawBlock, text: str, *, in_table: bool = False) -> Block:
        """A non-section block: sub-heading (maybe naming an area of need) or content."""
        rank = _rank(raw)
        kind = _KIND.get(raw.kind, BlockKind.PARAGRAPH)
        heading_shaped = (raw.kind == "heading" and not _is_weak_heading(raw)) or (
            raw.bold and is_heading_like(text, max_words=12)
        )
        area_limit = 20 if (heading_shaped or _is_weak_heading(raw)) else 10
        area = match_area_of_need(text, max_words=area_limit) if kind is not BlockKind.LIST_ITEM else None
        if area is not None and (heading_shaped or _is_weak_heading(raw) or is_heading_like(text, 10)):
            self.area, self.area_rank = area, rank
            kind = BlockKind.HEADING
        elif heading_shaped:
            kind = BlockKind.HEADING
            if not in_table:
                self._maybe_end_area(rank)
        elif kind is BlockKind.HEADING:
            kind = BlockKind.PARAGRAPH  # an unmatched plain-text candidate is just a line
        return _new_block(
            {
                "kind": kind,
                "text": text,
                "location": raw.location,
                "area_of_need": self.area,
                "level": rank if kind is BlockKind.HEADING else None,
                "boxes": list(raw.boxes),
            }
        )

    # ----------------------------------------------------------------- tables

    def _table_number(self, raw: RawBlock) -> int:
        return raw.location.table if raw.location.table is not None else self.tables_seen

    def _feed_table(self, raw: RawBlock) -> None:
        rows = [row for row in raw.rows if row]
        if not rows:
            return
        grid = self._find_grid_header(rows)
        if grid is not None:
            self._feed_grid(raw, rows, *grid)
            return
        if self._starts_section(rows[0]):
            self.last_grid = None
            self._feed_section_table(raw, rows)
            return
        if self._continues_grid(raw, rows):
            self._continue_grid(raw, rows)
            return
        self.last_grid = None
        block = table_block(rows, raw.location, area=self.area)
        if block is not None:
            block.boxes = list(raw.boxes)
            self._emit(block)

    # national grid ---------------------------------------------------------

    def _grid_columns(self, row: Sequence[RawCell]) -> list[_GridColumn] | None:
        """The row's columns when it is a grid header: at least two cells, and at least
        half of its filled cells, each heading a different section.

        Every row of every table is asked this, so the heading test stops as soon as
        the cells left could no longer make enough: a three-column provision row's
        third cell is not tried once its first two are plain content.
        """
        if len(row) < 2:
            return None
        filled_cells: list[tuple[int, RawCell, str]] = []
        for start, cell in _unique_cells(row):
            text = _one_line(cell.text)
            if text:
                filled_cells.append((start, cell, text))
        filled = len(filled_cells)
        needed = max(2, (filled + 1) // 2)  # 2 * len(columns) >= filled, and two at least
        columns: list[_GridColumn] = []
        for index, (start, cell, text) in enumerate(filled_cells):
            if len(columns) + filled - index < needed:
                return None  # too few cells left to be a header
            if len(text) > MAX_HEADING_CHARS:
                continue  # never a heading; spares hashing a long text for the cache
            match = match_section_heading(text, self.aliases)
            if match is not None:
                columns.append(_GridColumn(start, start + max(cell.spans, 1), match.key, text))
        keys = {c.key for c in columns}
        if len(columns) >= 2 and len(keys) == len(columns) and 2 * len(columns) >= filled:
            return columns
        return None

    def _find_grid_header(
        self, rows: Sequence[Sequence[RawCell]]
    ) -> tuple[int, list[_GridColumn]] | None:
        for index, row in enumerate(rows):
            columns = self._grid_columns(row)
            if columns is not None:
                return index, columns
        return None

    def _grid_header_sections(self, columns: Sequence[_GridColumn], row: Sequence[RawCell]) -> None:
        """Create (or find) the section of every grid column; header cells are not content."""
        by_start = {start: cell for start, cell in _unique_cells(row)}
        for column in columns:
            if column.key not in self.sections:
                cell = by_start.get(column.start)
                location = cell.location if cell is not None else Location()
                self.sections[column.key] = Section(key=column.key, title=column.name, location=location)

    def _feed_grid(
        self,
        raw: RawBlock,
        rows: Sequence[Sequence[RawCell]],
        header_index: int,
        columns: list[_GridColumn],
    ) -> None:
        saved_area, saved_rank = self.area, self.area_rank
        self._grid_header_sections(columns, rows[header_index])
        first = self.sections[columns[0].key]

        # A title row at the top of the table names the area of need for all of it.
        grid_area = self.area
        has_title = header_index > 0 and _is_title_row(rows[0])
        if has_title:
            grid_area = _row_area(rows[0]) or grid_area
        elif header_index == 0:
            grid_area = self._claim_grid_preamble(first) or grid_area
        self.area, self.area_rank = grid_area, None

        for index, row in enumerate(rows[:header_index]):
            self._grid_preamble_row(row, first, title_row=has_title and index == 0)

        columns = self._grid_rows(raw, rows, header_index + 1, columns)
        first = self.sections[columns[0].key]
        self.current = first
        self.last_grid = _GridState(columns, grid_area, _last_page(raw, rows))
        self.area, self.area_rank = saved_area, saved_rank

    def _grid_rows(
        self,
        raw: RawBlock,
        rows: Sequence[Sequence[RawCell]],
        start_index: int,
        columns: list[_GridColumn],
    ) -> list[_GridColumn]:
        """Need | provision | outcome rows: each cell to its column's section, linked by row."""
        table_no = self._table_number(raw)
        first = self.sections[columns[0].key]
        for row_index in range(start_index, len(rows)):
            row = rows[row_index]
            again = self._grid_columns(row)
            if again is not None:
                columns = again
                self._grid_header_sections(columns, row)
                first = self.sections[columns[0].key]
                continue
            unique = _unique_cells(row)
            filled = [(s, c) for s, c in unique if c.text.strip()]
            if len(filled) == 1 and len(unique) == 1:
                # A row spanning the table: a sub-title or a note for the first column.
                self._grid_preamble_row(row, first, title_row=_is_title_row(row))
                continue
            for start, cell in filled:
                column = _column_for(columns, start)
                section = self.sections[column.key]
                row_no = cell.location.row if cell.location.row is not None else row_index + 1
                link = f"t{table_no}r{row_no}"
                for block in _cell_blocks(cell):
                    self._emit_cell_block(block, cell, section, link=link, column_name=column.name)
        return columns

    def _continues_grid(self, raw: RawBlock, rows: Sequence[Sequence[RawCell]]) -> bool:
        """A table on the next page with the grid's width: the grid split by a page break.

        PDF readers usually join such tables; when one does not (no repeated
        header row, a footer in between), the rows still belong to the grid.
        """
        grid = self.last_grid
        if grid is None or grid.page is None:
            return False
        page = raw.location.page
        if page is None or page <= grid.page:
            return False
        width = max(_row_width(row) for row in rows)
        return width == grid.columns[-1].end - 1

    def _continue_grid(self, raw: RawBlock, rows: Sequence[Sequence[RawCell]]) -> None:
        grid = self.last_grid
        assert grid is not None
        saved_area, saved_rank = self.area, self.area_rank
        self.area, self.area_rank = grid.area, None
        columns = self._grid_rows(raw, rows, 0, list(grid.columns))
        self.current = self.sections[columns[0].key]
        self.last_grid = _GridState(columns, grid.area, _last_page(raw, rows))
        self.area, self.area_rank = saved_area, saved_rank

    def _claim_grid_preamble(self, first: Section) -> AreaOfNeed | None:
        """Give a grid the title and strengths written just above it, outside the table.

        Markdown and text exports cannot merge cells, so the grid's title row
        and its "Strengths" rows come out as paragraphs before a table that
        starts with its header row. They belong to the grid's first column (B,
        C or D), not to whatever section came before. Returns the area of need
        the title names.
        """
        blocks = self.current.blocks if self.current is not None else self.front
        start: int | None = None
        area: AreaOfNeed | None = None
        for index in range(len(blocks) - 1, max(-1, len(blocks) - 6), -1):
            block = blocks[index]
            if block.kind is BlockKind.TABLE or block.link is not None:
                break
            title = split_grid_title(block.text)
            if title is not None and title[0][0] == first.key:
                start = index
                lead_in = re.split(r"[.!?]", title[1], maxsplit=1)[0]
                area = match_area_of_need(" ".join(lead_in.split()[:8])) or match_area_of_need(
                    block.text.split("\n", 1)[0]
                )
                break
            if _is_strengths_label(block.text):
                start = index
        if start is None:
            return None
        moved = blocks[start:]
        del blocks[start:]
        for block in moved:
            if split_grid_title(block.text) is not None or _is_strengths_label(block.text):
                block.kind, block.level = BlockKind.HEADING, None
            block.area_of_need = area
        first.blocks.extend(moved)
        return area

    def _grid_preamble_row(
        self, row: Sequence[RawCell], section: Section, *, title_row: bool
    ) -> None:
        """Rows above a grid's header (title, "Strengths" label, strengths): first column.

        Each (merged) cell becomes one block, its paragraphs kept on separate
        lines: the title row ("Special Educational Needs and Provision (B-F-E) /
        Communication and interaction / <guidance>") is one heading block, a
        short label alone in its row ("Strengths") is a heading, anything else
        is content.
        """
        unique = [cell for _, cell in _unique_cells(row) if cell.text.strip()]
        texts_seen: set[str] = set()
        for cell in unique:
            key = _one_line(cell.text)
            if key in texts_seen:
                continue  # a merged cell a reader repeated at another position
            texts_seen.add(key)
            blocks = _cell_blocks(cell)
            for nested in (b for b in blocks if b.kind == "table"):
                self._emit_cell_block(nested, cell, section)
            paragraphs = [b for b in blocks if b.kind != "table" and b.text.strip()]
            if not paragraphs:
                continue
            text = "\n".join(b.text.strip() for b in paragraphs)
            is_label = (
                len(unique) == 1
                and len(paragraphs) == 1
                and is_heading_like(text, max_words=6)
                and not re.search(r"\{\{|\[", text)
            )
            if title_row or is_label:
                kind = BlockKind.HEADING
            elif all(b.kind == "list_item" for b in paragraphs):
                kind = BlockKind.LIST_ITEM
            else:
                kind = BlockKind.PARAGRAPH
            boxes = list(paragraphs[0].boxes) if len(paragraphs) == 1 else []
            self._emit(
                Block(
                    kind=kind,
                    text=text,
                    location=cell.location,
                    area_of_need=self.area,
                    boxes=boxes or (list(cell.boxes) if cell.text.strip() == text else []),
                ),
                section,
            )

    def _emit_cell_block(
        self,
        block: RawBlock,
        cell: RawCell,
        section: Section,
        *,
        link: str | None = None,
        column_name: str | None = None,
    ) -> None:
        if block.kind == "table":
            table = table_block(block.rows, cell.location, area=self.area)
            if table is not None:
                table.link, table.column_name = link, column_name
                self._emit(table, section)
            return
        text = block.text.strip()
        if not text:
            return
        # Grid cells are content, whatever paragraph style the template gave them.
        kind = BlockKind.LIST_ITEM if block.kind == "list_item" else BlockKind.PARAGRAPH
        self._emit(
            _new_block(
                {
                    "kind": kind,
                    "text": text,
                    "location": cell.location,
                    "area_of_need": self.area,
                    "link": link,
                    "column_name": column_name,
                    "boxes": list(block.boxes) or list(cell.boxes),
                }
            ),
            section,
        )

    # table per section -----------------------------------------------------

    def _heading_cell(self, row: Sequence[RawCell], first_row: bool) -> SectionMatch | None:
        unique = _unique_cells(row)
        if not unique:
            return None
        _, cell = unique[0]
        text = _one_line(cell.text)
        if not text:
            return None
        match = match_section_heading(text, self.aliases)
        if match is None:
            return None
        if match.kind in ("title", "alias"):
            if not first_row:
                return None
            # A wording-only first cell heads a section only when it is not a column
            # header: alone in its row, or beside one cell of running content.
            others = [c for _, c in unique[1:] if c.text.strip()]
            if len(others) > 1:
                return None
            if others and len(_one_line(others[0].text).split()) < 6 and "\n" not in others[0].text.strip():
                return None
        return match

    def _starts_section(self, row: Sequence[RawCell]) -> bool:
        return self._heading_cell(row, first_row=True) is not None

    def _feed_section_table(self, raw: RawBlock, rows: Sequence[Sequence[RawCell]]) -> None:
        """Tables whose first cell heads a section: the rest of the table is its content."""
        segments: list[tuple[SectionMatch, RawCell, list[RawCell], list[Sequence[RawCell]]]] = []
        for index, row in enumerate(rows):
            match = self._heading_cell(row, first_row=index == 0)
            unique = [c for _, c in _unique_cells(row)]
            if match is not None:
                segments.append((match, unique[0], unique[1:], []))
            elif segments:
                segments[-1][3].append(row)
        for match, head, beside, body in segments:
            title = _one_line(head.text)
            self._section_area(title, None)
            section = self._open(match.key, title, head.location, None)
            for cell in beside:
                for block in _cell_blocks(cell):
                    self._emit_section_cell(block, cell, section)
            if body and not beside and len(body) >= 2 and all(
                len([c for _, c in _unique_cells(r) if c.text.strip()]) >= 2 for r in body
            ):
                table = table_block(body, raw.location, area=self.area)
                if table is not None:
                    self._emit(table, section)
                continue
            for row in body:
                for _, cell in _unique_cells(row):
                    for block in _cell_blocks(cell):
                        self._emit_section_cell(block, cell, section)

    def _emit_section_cell(self, block: RawBlock, cell: RawCell, section: Section) -> None:
        if block.kind == "table":
            self._emit_cell_block(block, cell, section)
            return
        text = block.text.strip()
        if not text:
            return
        content = self._content_block(block, text, in_table=True)
        content.location = cell.location
        if not content.boxes:
            content.boxes = list(cell.boxes)
        self._emit(content, section)


def _column_for(columns: Sequence[_GridColumn], start: int) -> _GridColumn:
    """The grid column a cell starting at ``start`` sits under (the nearest to its left)."""
    for column in columns:
        if column.start <= start < column.end:
            return column
    left = [c for c in columns if c.start <= start]
    return left[-1] if left else columns[0]


def _is_strengths_label(text: str) -> bool:
    """The national template's "Strengths" row label (and LA variants of it)."""
    t = _one_line(text).rstrip(":").lower()
    return len(t.split()) <= 4 and t.startswith(("strength", "what is working well"))


def _is_title_row(row: Sequence[RawCell]) -> bool:
    """A grid title: one (merged) cell whose first lines name the sections or an area."""
    texts = _distinct_texts(row)
    if len(texts) != 1 or re.search(r"\{\{", texts[0]):
        return False
    return _row_area(row) is not None or any(
        match_combined_heading(line) is not None
        for cell in row
        for line in cell.text.split("\n")[:3]
        if line.strip()
    )


def _row_area(row: Sequence[RawCell]) -> AreaOfNeed | None:
    """The area of need a grid title row names ("…Provision (B-F-E) / Communication and
    interaction / <guidance>"), read paragraph by paragraph: the cell as a whole
    is too long to be a heading."""
    for _, cell in _unique_cells(row):
        pieces = [b.text for b in cell.blocks] + cell.text.split("\n")
        for piece in pieces:
            found = match_area_of_need(piece)
            if found is not None:
                return found
    return None
