"""Turn a plan into the text units block rules read.

Paragraphs, list items and headings are one unit each. A table gives one unit
per cell *and* one per row, because some questions are about a cell ("is this
wording vague?") and others about the row as a whole ("does this provision say
who delivers it and how often?", where the answer may sit in a "Who" column).
"""

from __future__ import annotations

from ehcp_lint.engine.rule import TextUnit
from ehcp_lint.model import Block, BlockKind, Plan, Section

ROW_SEPARATOR = " | "


def _block_units(section: Section | None, block: Block) -> list[TextUnit]:
    if block.kind is BlockKind.TABLE and block.table is not None:
        units: list[TextUnit] = []
        header = tuple(block.table.header)
        for row in block.table.rows:
            parts: list[str] = []
            spans: list[tuple[int, int]] = []
            pos = 0
            for cell in row.cells:
                if parts:
                    pos += len(ROW_SEPARATOR)
                parts.append(cell.text)
                spans.append((pos, pos + len(cell.text)))
                pos += len(cell.text)
            row_text = ROW_SEPARATOR.join(parts)
            if row_text.strip(" |"):
                units.append(
                    TextUnit(
                        kind="table_row",
                        text=row_text,
                        location=row.location,
                        section=section,
                        block=block,
                        row=row,
                        header=header,
                        cell_spans=spans,
                    )
                )
            for cell in row.cells:
                if cell.text.strip():
                    units.append(
                        TextUnit(
                            kind="table_cell",
                            text=cell.text,
                            location=cell.location,
                            section=section,
                            block=block,
                            row=row,
                            cell=cell,
                            header=header,
                        )
                    )
        return units
    if not block.text.strip():
        return []
    kind = {
        BlockKind.HEADING: "heading",
        BlockKind.LIST_ITEM: "list_item",
    }.get(block.kind, "paragraph")
    return [
        TextUnit(
            kind=kind,  # type: ignore[arg-type]
            text=block.text,
            location=block.location,
            section=section,
            block=block,
        )
    ]


def plan_units(plan: Plan) -> list[TextUnit]:
    """Every unit of the plan in reading order (front matter first)."""
    units: list[TextUnit] = []
    for section, block in plan.blocks():
        units.extend(_block_units(section, block))
    return units
