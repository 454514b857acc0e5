"""``--format csv --summary``: one row per plan for the panel chair's spreadsheet.

Parsed back with the csv module; ratings compared with the rating scheme's;
Excel safety (byte-order mark, formula-like cells neutralised). Plans are the
fixture plans and invented Markdown plans.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from cli_support import run, write_plan
from ehcp_lint.api import lint_many
from ehcp_lint.formatters import FormatOptions, render
from ehcp_lint.formatters.csv_format import SUMMARY_COLUMNS, safe_cell
from ehcp_lint.rating import rate_plan
from ehcp_lint.report import CATEGORIES

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "plans"
SECTIONS = ["A", "B", "C", "D", "E", "F", "G", "H1", "H2", "I", "J", "K"]


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("plans")
    for name in ("grid-ashdown.docx", "markdown-anytown.md", "pdf-grid-westvale.pdf"):
        shutil.copy(FIXTURES / name, folder / name)
    return folder


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_one_row_per_plan_with_ratings_and_category_counts(plans: Path) -> None:
    result = run([plans, "--format", "csv", "--summary", "--exit-zero", "-j", "1"])
    assert result.exit_code == 0, result.stderr
    rows = _rows(result.stdout)
    report = lint_many([plans], jobs=1)
    assert len(rows) == len(report.plans) == 3
    header = next(csv.reader(io.StringIO(result.stdout)))
    assert header[: len(SUMMARY_COLUMNS)] == list(SUMMARY_COLUMNS)
    assert header[len(SUMMARY_COLUMNS) : len(SUMMARY_COLUMNS) + 12] == [f"section {k}" for k in SECTIONS]
    assert header[-len(CATEGORIES) :] == list(CATEGORIES)
    by_path = {row["path"]: row for row in rows}
    for plan in report.plans:
        row = by_path[plan.path]
        rating = rate_plan(plan)
        assert row["overall"] == rating.overall.value
        assert row["rag"] == rating.rag.value
        assert row["format"] == plan.format
        assert int(row["findings"]) == len(plan.findings)
        assert int(row["errors"]) == sum(f.severity.value == "error" for f in plan.findings)
        for key in SECTIONS:
            assert row[f"section {key}"] == rating.sections[key].rating.value
        for category in CATEGORIES:
            assert int(row[category]) == sum(f.category == category for f in plan.findings)


def test_summary_uses_the_configured_scheme(plans: Path, tmp_path: Path) -> None:
    config = tmp_path / "ehcp-lint.toml"
    # Nothing is ever worse than Good under these thresholds, and nothing caps.
    config.write_text(
        "[rating.thresholds]\noutstanding = 1000\ngood = 1000\nrequires-improvement = 1000\n"
        "[rating.caps]\nmissing-section = 4\nmissing-health-input = 4\n"
        "missing-social-care-input = 4\nmissing-advice = 4\ninconsistent-identity = 4\n",
        encoding="utf-8",
    )
    result = run([plans, "--config", config, "--format", "csv", "--summary", "--exit-zero", "-j", "1"])
    assert result.exit_code == 0, result.stderr
    assert {row["overall"] for row in _rows(result.stdout)} == {"Outstanding"}


def test_bom_for_excel(plans: Path) -> None:
    plain = run([plans / "markdown-anytown.md", "-f", "csv", "--summary", "--exit-zero"]).stdout
    with_bom = run([plans / "markdown-anytown.md", "-f", "csv", "--summary", "--bom", "--exit-zero"]).stdout
    assert not plain.startswith("\ufeff")
    assert with_bom == "\ufeff" + plain


def test_formula_like_cells_cannot_execute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for dangerous in ("=1+1", "+cmd", "-2", "@SUM(A1)", "\tx", "\rx"):
        assert safe_cell(dangerous) == "'" + dangerous
    assert safe_cell("plain") == "plain"
    assert safe_cell(None) == ""
    # A plan whose file name starts like a formula, linted from its own folder.
    write_plan(tmp_path, "=HYPERLINK(1).md")
    write_plan(tmp_path, "@plan.md")
    monkeypatch.chdir(tmp_path)
    report = lint_many(["=HYPERLINK(1).md", "@plan.md"], jobs=1)
    text = str(render(report, "csv", FormatOptions(summary=True)))
    paths = [row["path"] for row in _rows(text)]
    assert sorted(paths) == ["'=HYPERLINK(1).md", "'@plan.md"]
    for row in csv.reader(io.StringIO(text)):
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row)


def test_summary_belongs_to_csv_only(plans: Path) -> None:
    result = run([plans / "markdown-anytown.md", "-f", "json", "--summary"])
    assert result.exit_code == 2
    assert result.stderr.strip() == "error: --summary: applies to --format csv only"


def test_per_finding_csv_is_unchanged_without_summary(plans: Path) -> None:
    rows = _rows(run([plans / "markdown-anytown.md", "-f", "csv", "--exit-zero"]).stdout)
    assert rows and "code" in rows[0] and "overall" not in rows[0]
