"""Structural guarantees behind the Python rules' speed (no timings: those live in benchmarks/).

Each test pins one shortcut a rule takes and shows it cannot change what the
rule reports:

* PRV009 reads (and parses) a unit only when it holds a generic word to judge
  ("staff", "a key adult", "small group"), and finds a sentence only for a word
  that nothing cheaper excuses (a role in another column of the row).

All plans here are invented.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from ehcp_lint.config import Config
from ehcp_lint.engine import runner
from ehcp_lint.engine import units as units_module
from ehcp_lint.engine.registry import load_registry
from ehcp_lint.engine.rule import TextUnit
from ehcp_lint.engine.runner import Linter, RuleSet
from ehcp_lint.reading import load_plan
from ehcp_lint.report import Finding


def _linter(codes: list[str]) -> Linter:
    rules = [r for r in load_registry() if r.code in codes]
    assert {r.code for r in rules} == set(codes)
    return Linter(Config(select=codes), ruleset=RuleSet(rules=rules))


def _lint_keeping_units(
    monkeypatch: pytest.MonkeyPatch, path: Path, codes: list[str]
) -> tuple[list[Finding], list[TextUnit]]:
    """Lint ``path`` with only ``codes`` and return the findings and the units the linter built."""
    seen: list[list[TextUnit]] = []
    real = units_module.plan_units

    def capturing(plan: object) -> list[TextUnit]:
        units = real(plan)  # type: ignore[arg-type]
        seen.append(units)
        return units

    monkeypatch.setattr(runner, "plan_units", capturing)
    report = _linter(codes).lint_plan(load_plan(path))
    return list(report.findings), seen[-1]


# --------------------------------------------------------------------------- PRV009


def _provision_plan(tmp_path: Path) -> Path:
    document = docx.Document()
    document.add_heading("Section F: Special educational provision", level=1)
    document.add_paragraph("A teaching assistant will read with Ola for 10 minutes every morning.")
    document.add_paragraph("A key adult will check in with Ola at the start of each day.")
    document.add_paragraph("Ola will take part in small group work on turn-taking twice a week.")
    table = document.add_table(rows=3, cols=3)
    rows = [
        ("Provision", "Who", "How often"),
        ("Support from staff to plan written work", "Teaching assistant", "Daily"),
        ("Movement breaks with an adult", "Staff", "Three times a day"),
    ]
    for row, texts in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    path = tmp_path / "ola.docx"
    document.save(str(path))
    return path


def test_prv009_parses_only_units_with_a_generic_word_nothing_cheaper_excuses(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    findings, units = _lint_keeping_units(monkeypatch, _provision_plan(tmp_path), ["PRV009"])
    got = sorted(f.match or "" for f in findings)
    assert got == ["A key adult", "Staff", "an adult", "small group"]

    parsed = {u.text for u in units if u.parsed is not None}
    # A unit with no generic word is never parsed.
    assert "A teaching assistant will read with Ola for 10 minutes every morning." not in parsed
    assert "Teaching assistant" not in parsed
    # "staff" excused by the "Who" column of its row: judged without finding its sentence.
    assert "Support from staff to plan written work" not in parsed
    # Words that only their sentence can excuse were judged by it.
    assert "A key adult will check in with Ola at the start of each day." in parsed
    assert "Ola will take part in small group work on turn-taking twice a week." in parsed
