"""Streamed jsonl and csv: the same records as a whole report, written plan by plan.

The command line writes each plan's findings as its worker returns them and
then lets them go (ehcp_lint.streaming), so a 20,000-plan run keeps memory flat.
These tests check the records are exactly those of the whole-report path,
that batch findings follow the plans' own, that nothing of a written plan is
kept, and that summary and exit codes are unchanged.
"""

from __future__ import annotations

import csv
import gc
import io
import json
from collections import Counter
from pathlib import Path

import pytest

from cli_support import run
from ehcp_lint.api import lint_many
from ehcp_lint.config import Config
from ehcp_lint.engine.batch import FileResult
from ehcp_lint.engine.runner import build_ruleset
from ehcp_lint.formatters import FormatOptions, get_formatter, render
from ehcp_lint.model import Location
from ehcp_lint.report import Finding, PlanReport, Report, Severity
from ehcp_lint.streaming import can_stream, stream_report

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_MD = ROOT / "fixtures" / "sample" / "sample-plan.md"
CHILDREN = [("Tom", "Harding"), ("Ava", "Whitlock"), ("Leo", "Pemberton"), ("Isla", "Varga")]


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Four invented plans that share provision wording (so boilerplate is found) and a bad file."""
    folder = tmp_path_factory.mktemp("batch")
    text = SAMPLE_MD.read_text(encoding="utf-8")
    for first, last in CHILDREN:
        plan = text.replace("Tom", first).replace("Harding", last)
        (folder / f"plan-{first.lower()}.md").write_text(plan, encoding="utf-8")
    (folder / "broken.docx").write_bytes(b"this is not a Word document")
    return folder


@pytest.fixture(scope="module")
def whole(batch: Path) -> Report:
    return lint_many([batch], jobs=1)


def _jsonl_records(text: str) -> Counter[str]:
    return Counter(json.dumps(json.loads(line), sort_keys=True) for line in text.splitlines())


def test_only_record_formats_without_whole_run_options_stream() -> None:
    assert can_stream("jsonl") and can_stream("csv")
    assert not can_stream("json") and not can_stream("text") and not can_stream("sarif")
    assert not can_stream("csv", summary=True)
    assert not can_stream("jsonl", baseline=True)
    assert not can_stream("jsonl", annotate=True)
    assert not can_stream("jsonl", debug=True)


def test_streamed_jsonl_holds_exactly_the_whole_reports_records(
    batch: Path, whole: Report, tmp_path: Path
) -> None:
    out = tmp_path / "report.jsonl"
    result = run([batch, "--format", "jsonl", "--output", out, "--jobs", "2"])
    expected = render(whole, "jsonl", FormatOptions())
    assert isinstance(expected, str)
    streamed = out.read_text(encoding="utf-8")
    assert _jsonl_records(streamed) == _jsonl_records(expected)
    codes = [json.loads(line)["code"] for line in streamed.splitlines()]
    assert "BAT001" in codes, "the shared wording should give boilerplate findings"
    # Batch findings come after every plan's own findings.
    first_batch = codes.index("BAT001")
    assert all(c in ("BAT001", "IDN101") for c in codes[first_batch:])
    # Same exit code and summary as a whole-report run: a file could not be read.
    assert result.exit_code == 2
    assert f"wrote {out}: 4 plans, {len(codes)} findings (" in result.stderr
    assert "1 file could not be read" in result.stderr
    assert "broken.docx" in result.stderr


def test_streamed_csv_has_one_header_and_the_whole_reports_rows(
    batch: Path, whole: Report, tmp_path: Path
) -> None:
    out = tmp_path / "report.csv"
    run([batch, "--format", "csv", "--csv-bom", "--output", out, "--jobs", "2"])
    expected = render(whole, "csv", FormatOptions(excel_bom=True))
    assert isinstance(expected, str)
    streamed = out.read_text(encoding="utf-8")
    assert streamed.startswith("\ufeff") and streamed.count("\ufeff") == 1
    got_rows = list(csv.reader(io.StringIO(streamed.lstrip("\ufeff"))))
    want_rows = list(csv.reader(io.StringIO(expected.lstrip("\ufeff"))))
    assert got_rows[0] == want_rows[0]
    assert [r for r in got_rows[1:] if r == got_rows[0]] == []
    assert Counter(map(tuple, got_rows[1:])) == Counter(map(tuple, want_rows[1:]))


def test_streaming_to_standard_output_and_exit_codes(batch: Path) -> None:
    plans = [p for p in batch.glob("plan-*.md")]
    found = run([*plans, "--format", "jsonl", "--jobs", "1"])
    assert found.exit_code == 1  # findings at warning or above
    assert len(found.stdout.splitlines()) > 10
    quiet = run([*plans, "--format", "jsonl", "--fail-on", "never"])
    assert quiet.exit_code == 0
    assert run([batch, "--format", "jsonl", "--exit-zero"]).exit_code == 0


def _result(index: int, findings: int) -> FileResult:
    report = PlanReport(
        path=f"/stream-probe/plan-{index}.md",
        format="md",
        findings=[
            Finding(
                code="PRV002",
                name="vague-frequency",
                category="vague-provision",
                severity=Severity.WARNING,
                section="F",
                message=f"finding {n} of plan {index}",
                location=Location(line=n + 1),
            )
            for n in range(findings)
        ],
    )
    return FileResult(path=report.path, report=report)


def _live_probe_reports() -> int:
    gc.collect()
    return sum(
        1
        for obj in gc.get_objects()
        if isinstance(obj, PlanReport) and obj.path.startswith("/stream-probe/")
    )


def test_a_written_plan_is_not_kept() -> None:
    config = Config(select=["PRV002"])
    ruleset = build_ruleset(config)
    pieces: list[str] = []
    alive_while_streaming: list[int] = []

    def results() -> object:
        for index in range(200):
            if index in (50, 150):
                alive_while_streaming.append(_live_probe_reports())
            yield _result(index, findings=3)

    totals = stream_report(
        results(),  # type: ignore[arg-type]
        config,
        ruleset,
        "jsonl",
        get_formatter("jsonl"),
        FormatOptions(),
        pieces.append,
    )
    assert totals.plans == 200 and totals.findings == 600
    assert len("".join(pieces).splitlines()) == 600
    # At most the plan being written is alive at any time, and none afterwards.
    assert alive_while_streaming and max(alive_while_streaming) <= 1
    assert _live_probe_reports() == 0
