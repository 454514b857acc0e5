"""IDN101's per-text memo of names with a role beside them equals reading each name in turn."""

from __future__ import annotations

from pathlib import Path

import pytest

from ehcp_lint.checks import _identity
from ehcp_lint.checks._plan_text import child_names
from ehcp_lint.reading import load_plan

ROOT = Path(__file__).parent.parent
PLANS = sorted((ROOT / "fixtures" / "plans").glob("*.docx")) + sorted(
    (ROOT / "benchmarks" / "eval" / "plans").glob("*.md")
)


def _one_by_one(text: str, own: set[str]) -> set[str]:
    """The reading before the memo: each capitalised word not the child's, asked in turn."""
    return {
        m.group(0)
        for m in _identity._WORD.finditer(text)
        if m.group(0) not in own and _identity._has_role_nearby(text, m.start(), m.end())
    }


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.name)
def test_names_with_a_role_match_reading_each_name(path: Path) -> None:
    plan = load_plan(path)
    own = set(child_names(plan))
    for _, block in plan.blocks():
        texts = [block.text]
        if block.table is not None:
            texts = [c.text for row in block.table.rows for c in row.cells]
        for text in texts:
            assert _identity._named_with_a_role(text) - own == _one_by_one(text, own)


def test_a_name_with_a_role_is_found_and_the_childs_own_is_not() -> None:
    text = "Tom sees his sister Ella after school; Mrs Priya Shah, his teacher, and Ella (cousin) help."
    assert {"Ella", "Priya"} <= _identity._named_with_a_role(text)
    assert "Tom" not in _one_by_one(text, {"Tom"})
