"""Every rule's should-flag and should-pass cases, kept as data in tests/rule_cases/<CODE>.toml.

A case is ``[[flag]]`` (the rule must report it; ``match`` names the flagged
words exactly, ``match_message`` a fragment of the message) or ``[[pass]]``
(the rule must stay silent). Text cases are placed alone in their section;
``plan`` cases are whole Markdown plans read by the real text reader;
``header``/``row`` cases are one row of a table. A case may give a
``reference_date`` (a TOML date) for rules that judge dates against "today".
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from ehcp_lint.config import Config
from ehcp_lint.engine.registry import load_registry
from ehcp_lint.testing import lint_plan, plan_from_markdown, plan_from_row, plan_from_text

CASES_DIR = Path(__file__).parent / "rule_cases"


def _cases() -> list[Any]:
    params = []
    for path in sorted(CASES_DIR.glob("*.toml")):
        code = path.stem
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for kind in ("flag", "pass"):
            for i, case in enumerate(data.get(kind, [])):
                params.append(pytest.param(code, kind, case, id=f"{code}-{kind}-{i + 1}"))
    return params


def _plan(case: dict[str, Any]):  # type: ignore[no-untyped-def]
    if "plan" in case:
        return plan_from_markdown(case["plan"])
    if "row" in case:
        return plan_from_row(case.get("section", "F"), case["header"], case["row"])
    return plan_from_text(case.get("section", "F"), case["text"])


@pytest.mark.parametrize(("code", "kind", "case"), _cases())
def test_rule_case(code: str, kind: str, case: dict[str, Any]) -> None:
    config = Config(reference_date=case["reference_date"]) if "reference_date" in case else None
    findings = lint_plan(_plan(case), select=[code], config=config)
    mine = [f for f in findings if f.code == code]
    if kind == "pass":
        assert not mine, f"{code} should not flag this case but reported: {[f.match or f.message for f in mine]}"
        return
    assert mine, f"{code} should flag this case but reported nothing"
    if "match" in case:
        assert case["match"] in [f.match for f in mine], [f.match for f in mine]
    if "match_message" in case:
        assert any(case["match_message"] in f.message for f in mine), [f.message for f in mine]


def test_every_rule_has_cases() -> None:
    """A rule without should-flag and should-pass cases is not done."""
    registry = load_registry()
    missing = []
    for rule in registry:
        if rule.scope.level == "batch":
            continue  # batch rules need several plans: tests/test_batch_rules.py runs them
        path = CASES_DIR / f"{rule.code}.toml"
        if not path.exists():
            missing.append(rule.code)
            continue
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        if not data.get("flag") or (rule.scope.level == "block" and not data.get("pass")):
            missing.append(rule.code)
    assert not missing, f"rules without flag/pass cases in tests/rule_cases/: {missing}"
