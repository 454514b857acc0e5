"""The documentation stays in step with the code: rule reference, options, keys, report fields."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cli_support import run
from ehcp_lint.cli import app
from ehcp_lint.config_files import allowed_keys
from ehcp_lint.engine.registry import load_registry
from ehcp_lint.report import (
    FileError,
    Finding,
    PlanReport,
    PlanSummary,
    Report,
    SectionSummary,
    ToolInfo,
)

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def test_rules_md_is_up_to_date(monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/rules.md is exactly what `make docs` writes; rule writers must run `make docs`."""
    monkeypatch.chdir(ROOT)  # the same configuration discovery as `make docs`
    generated = run(["rules", "--markdown"]).stdout
    committed = (DOCS / "rules.md").read_text(encoding="utf-8")
    if committed != generated:
        pytest.fail("docs/rules.md is out of date: run `make docs` and commit it", pytrace=False)


def test_rules_md_has_an_entry_for_every_built_in_rule() -> None:
    text = (DOCS / "rules.md").read_text(encoding="utf-8")
    for rule in load_registry(plugins=False):
        heading = f"## {rule.code} {rule.name}"
        assert heading in text
        anchor = f"{rule.code}-{rule.name}".lower()
        assert f"[{rule.code}](#{anchor})" in text
        assert rule.doc.source.split(";")[0].strip() in text


def _check_options() -> list[str]:
    import typer.main

    command = typer.main.get_command(app)
    check = command.commands["check"]  # type: ignore[attr-defined]
    return [opt for param in check.params for opt in getattr(param, "opts", []) if opt.startswith("--")]


def test_cli_md_documents_every_option_and_command() -> None:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    missing = [opt for opt in _check_options() if f"`{opt}" not in text]
    assert not missing, f"options not described in docs/cli.md: {missing}"
    import typer.main

    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    undocumented = [name for name in commands if name != "check" and f"ehcp-lint {name}" not in text]
    assert not undocumented, f"commands not described in docs/cli.md: {undocumented}"


def test_configuration_md_documents_every_key() -> None:
    text = (DOCS / "configuration.md").read_text(encoding="utf-8")
    missing = [key for key in allowed_keys() if f"| `{key}` |" not in text]
    assert not missing, f"configuration keys not described in docs/configuration.md: {missing}"


def test_report_format_md_documents_every_json_field() -> None:
    text = (DOCS / "report-format.md").read_text(encoding="utf-8")
    models = (Report, ToolInfo, PlanReport, SectionSummary, PlanSummary, Finding, FileError)
    fields = {
        name
        for model in models
        for name, info in model.model_fields.items()
        if not info.exclude  # internal fields never reach the JSON
    }
    missing = sorted(f for f in fields if f"`{f}`" not in text)
    assert not missing, f"report fields not described in docs/report-format.md: {missing}"
    for key in ("page", "paragraph", "table", "row", "column", "line"):
        assert re.search(rf"`{key}`", text)
