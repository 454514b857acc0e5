"""The good-practice plan raises nothing at warning or error level, in Markdown and in Word.

``fixtures/good-practice/good-plan.md`` is written as a QA panel would want every
plan written (see :mod:`fixtures.good_practice`). A warning or error on it is a
false alarm to fix in the rule, or a weakness to fix in the plan: either way the
panel would not accept it. The Word copy is written from the Markdown by the
fixture writer, so the same plan is read through both readers.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from fixtures.good_practice import DOCX, MARKDOWN, write_good_plan_docx

from ehcp_lint.config import Config
from ehcp_lint.model import BlockKind, Plan
from ehcp_lint.reading import read_plan
from ehcp_lint.report import Finding, Severity
from ehcp_lint.testing import lint_plan

#: "Today" for the date rules: eight months after the plan's last review.
REFERENCE_DATE = dt.date(2026, 11, 23)
ALL_SECTIONS = ["A", "B", "C", "D", "E", "F", "G", "H1", "H2", "I", "J", "K"]


def _read(path: Path) -> Plan:
    fmt = path.suffix.lstrip(".")
    data: bytes | str = path.read_text(encoding="utf-8") if fmt == "md" else path.read_bytes()
    return read_plan(data, fmt, source=path.name)


def _serious(findings: list[Finding]) -> list[str]:
    return [
        f"{f.code} {f.section}: {f.message} [{f.match or f.excerpt}]"
        for f in findings
        if f.severity in (Severity.WARNING, Severity.ERROR)
    ]


@pytest.mark.parametrize("path", [MARKDOWN, DOCX], ids=["markdown", "word"])
def test_good_plan_has_no_warnings_or_errors(path: Path) -> None:
    plan = _read(path)
    findings = lint_plan(plan, config=Config(reference_date=REFERENCE_DATE))
    assert _serious(findings) == []


@pytest.mark.parametrize("path", [MARKDOWN, DOCX], ids=["markdown", "word"])
def test_good_plan_is_a_whole_plan_with_lists_and_tables(path: Path) -> None:
    """The plan exercises the rules: every section, provision as bullets, lead-ins and tables."""
    plan = _read(path)
    assert [s.key for s in plan.sections] == ALL_SECTIONS
    assert plan.metadata.child_name == "Nia Hollis"
    provision = next(s for s in plan.sections if s.key == "F")
    kinds = {b.kind for b in provision.blocks}
    assert {BlockKind.LIST_ITEM, BlockKind.TABLE, BlockKind.PARAGRAPH, BlockKind.HEADING} <= kinds
    assert sum(b.kind is BlockKind.LIST_ITEM for b in provision.blocks) >= 10


def test_word_copy_is_written_from_the_markdown(tmp_path: Path) -> None:
    """The committed Word file is what the writer makes from the Markdown today."""
    rebuilt = write_good_plan_docx(tmp_path / "good-plan.docx")
    assert rebuilt.read_bytes() == DOCX.read_bytes(), "run: python -m fixtures.good_practice"


def test_both_copies_read_the_same_content() -> None:
    markdown, word = _read(MARKDOWN), _read(DOCX)
    for md_section, docx_section in zip(markdown.sections, word.sections, strict=True):
        assert md_section.key == docx_section.key
        assert md_section.words == docx_section.words, md_section.key


def test_a_weakened_copy_is_flagged() -> None:
    """The test above can fail: the same plan with one vague provision line is reported."""
    text = MARKDOWN.read_text(encoding="utf-8")
    quantified = (
        "- A teaching assistant trained in the reading programme will work with Nia 1:1 on "
        "reading longer texts for 30 minutes three times a week."
    )
    assert quantified in text
    weakened = text.replace(quantified, "- Nia will have access to reading support as appropriate.")
    findings = lint_plan(read_plan(weakened, "md"), config=Config(reference_date=REFERENCE_DATE))
    codes = {f.code for f in findings if f.severity is not Severity.INFO}
    assert {"PRV001", "PRV007", "PRV010"} <= codes
