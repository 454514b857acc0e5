"""Per-plan memos are let go when a plan is done (``engine/plan_memos.py``), and that changes nothing.

What the batch relies on: after ``lint_file`` the linter keeps no units and the
jargon rules and the unit index keep no reading of the plan (so the collection
after each plan does not walk it again), and a plan linted after its memos were
forgotten gets exactly the findings it got with them in place. The plan is an
invented Word document built here with python-docx.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx

from ehcp_lint.checks import _identity, _jargon, _text
from ehcp_lint.engine import plan_memos
from ehcp_lint.engine.batch import lint_file
from ehcp_lint.engine.runner import Linter
from ehcp_lint.reading import load_plan
from ehcp_lint.report import PlanReport


def _write_plan(path: Path) -> Path:
    document = docx.Document()
    document.add_heading("Section A: All about me", level=1)
    document.add_paragraph("Child's name: Tomasz Pilecki")
    document.add_paragraph("Tomasz likes trains and drawing. He says the SENCO helps him at lunchtime.")
    document.add_heading("Section B: Special educational needs", level=1)
    document.add_paragraph("Tomasz has hypotonia and finds the ELSA sessions calming.")
    document.add_heading("Section F: Special educational provision", level=1)
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ("Provision", "Who", "How often"), strict=True):
        cell.text = text
    for cell, text in zip(
        table.rows[1].cells, ("Support from a TA in maths", "Teaching assistant", "Daily, 30 minutes"), strict=True
    ):
        cell.text = text
    document.save(str(path))
    return path


def _findings(report: PlanReport) -> list[dict[str, Any]]:
    """Every field of every finding."""
    return [f.model_dump() for f in report.findings]


def test_lint_file_leaves_no_memo_of_the_plan(tmp_path: Path) -> None:
    path = _write_plan(tmp_path / "plan.docx")
    linter = Linter()
    result = lint_file(linter, str(path))
    assert result.report is not None and result.report.findings
    assert linter._last_units is None
    assert _jargon._READING == [] and _jargon._CACHE == {}
    assert _text._INDEX == {}
    assert _identity._LAST_MENTIONS is None and _identity._LAST_OTHERS is None
    assert _identity._LAST_TEXT is None


def test_memos_are_registered_by_the_modules_that_keep_them() -> None:
    assert _jargon._forget_plan in plan_memos._RELEASERS
    assert _text._forget_plan in plan_memos._RELEASERS
    assert _identity._forget_plan in plan_memos._RELEASERS


def test_forgetting_between_plans_changes_no_finding(tmp_path: Path) -> None:
    path = _write_plan(tmp_path / "plan.docx")
    linter = Linter()
    plan = load_plan(path)
    kept = _findings(linter.lint_plan(plan))
    collected = linter.collect(plan)
    assert kept, "the invented plan should give findings (jargon at least)"
    linter.plan_done()
    again = load_plan(path)
    assert _findings(linter.lint_plan(again)) == kept
    assert linter.collect(again) == collected
    linter.plan_done()
    # forgetting in the middle (after lint, before collect) costs work, not answers
    third = load_plan(path)
    assert _findings(linter.lint_plan(third)) == kept
    plan_memos.forget_plan()
    assert linter.collect(third) == collected


def test_once_per_plan_answers_each_plan_once_and_lets_it_go() -> None:
    """A whole-plan answer is worked out once for a plan's units, afresh for the next plan's, and
    ``forget_plan`` drops the units it held (the key-adult and named-staff readings rely on this)."""
    calls: list[int] = []

    def count_units(units: list[Any]) -> int:
        calls.append(len(units))
        return len(units)

    memo = plan_memos.OncePerPlan(count_units)
    first, second = ["a", "b"], ["c"]
    assert memo(first) == 2 and memo(first) == 2
    assert calls == [2]
    assert memo(second) == 1 and calls == [2, 1]
    assert memo(["a", "b"]) == 2 and calls == [2, 1, 2]  # an equal list is another plan's units
    plan_memos.forget_plan()
    assert memo._units is None
    assert memo(second) == 1 and calls == [2, 1, 2, 1]
