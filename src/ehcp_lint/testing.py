"""Helpers for testing rules, ours and plugins': build tiny plans and lint them.

A rule's documented examples and its test cases (``tests/rule_cases/<CODE>.toml``)
are linted through these helpers, so a plugin author can test a rule in three
lines without writing a Word file::

    from ehcp_lint.testing import lint_text
    findings = lint_text("F", "Sam will have access to therapy.", select=["PRV001"])
    assert findings[0].match == "access to"
"""

from __future__ import annotations

from collections.abc import Sequence

from ehcp_lint.config import Config
from ehcp_lint.engine.rule import Example
from ehcp_lint.engine.runner import Linter
from ehcp_lint.model import (
    SECTION_TITLES,
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
from ehcp_lint.report import Finding

_LINTERS: dict[str, Linter] = {}


def plan_from_text(section: str, text: str, area: AreaOfNeed | None = None) -> Plan:
    """A plan whose only content is ``text`` as one paragraph in ``section``."""
    key: SectionKey = section  # type: ignore[assignment]
    block = Block(kind=BlockKind.PARAGRAPH, text=text, location=Location(line=2), area_of_need=area)
    title = f"Section {section}: {SECTION_TITLES.get(section, '')}"
    return Plan(
        source="<example>",
        format="txt",
        sections=[Section(key=key, title=title, location=Location(line=1), blocks=[block])],
    )


def plan_from_row(section: str, header: Sequence[str], row: Sequence[str]) -> Plan:
    """A plan whose only content is a one-row table (with header) in ``section``."""
    key: SectionKey = section  # type: ignore[assignment]
    cells = [
        Cell(text=t, location=Location(table=1, row=2, column=i + 1), column_name=h)
        for i, (h, t) in enumerate(zip(header, row, strict=False))
    ]
    table = Table(header=list(header), rows=[Row(cells=cells, location=Location(table=1, row=2))])
    block = Block(
        kind=BlockKind.TABLE,
        text=" | ".join(row),
        location=Location(table=1),
        table=table,
    )
    title = f"Section {section}: {SECTION_TITLES.get(section, '')}"
    return Plan(
        source="<example>",
        format="docx",
        sections=[Section(key=key, title=title, location=Location(paragraph=1), blocks=[block])],
    )


def plan_from_markdown(markdown: str) -> Plan:
    """A whole (small) plan written in Markdown, read by the real text reader."""
    from ehcp_lint.reading import read_plan

    return read_plan(markdown, "md", source="<example>")


def lint_plan(plan: Plan, select: Sequence[str] | None = None, config: Config | None = None) -> list[Finding]:
    """Findings for ``plan`` with only the ``select``ed rules (all rules when ``None``)."""
    cfg = config or Config()
    if select is not None:
        cfg = cfg.model_copy(update={"select": list(select), "extend_select": [], "ignore": []})
    key = cfg.model_dump_json()
    linter = _LINTERS.get(key)
    if linter is None:
        linter = _LINTERS[key] = Linter(cfg)
    return linter.lint_plan(plan).findings


def lint_text(
    section: str,
    text: str,
    select: Sequence[str] | None = None,
    config: Config | None = None,
) -> list[Finding]:
    return lint_plan(plan_from_text(section, text), select, config)


def lint_example(example: Example, select: Sequence[str] | None = None) -> list[Finding]:
    """Lint a documented example (a Markdown plan, or text placed in its section)."""
    config = Config(reference_date=example.reference_date) if example.reference_date else None
    if example.plan:
        return lint_plan(plan_from_markdown(example.plan), select, config)
    return lint_text(example.section, example.text, select, config)
