"""Workers write a plan's own JSON Lines; the records are those the parent would have written.

A batch parent writing ``--format jsonl`` used to receive each plan's
findings as objects, unpickle and render them itself. Workers now send the
lines ready to write (``engine.batch.Rendering``); these tests check, on the
real Word plans of the fixtures, that the lines are exactly the parent's
rendering of the same report (redacted or not), that the counts the summary
and exit code need come along, and that a streamed run writes the same
records as a whole-report run.
"""

from __future__ import annotations

import copy
import json
from collections import Counter
from pathlib import Path

import pytest

from cli_support import run
from ehcp_lint.api import lint_many
from ehcp_lint.config import Config
from ehcp_lint.engine.batch import FileResult, Rendering, iter_results
from ehcp_lint.formatters import FormatOptions, render
from ehcp_lint.formatters.jsonl import plan_lines
from ehcp_lint.privacy import redact_report
from ehcp_lint.report import Report, ToolInfo

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "fixtures" / "plans"
WORD_PLANS = sorted(PLANS.glob("*.docx"))


@pytest.fixture(scope="module")
def as_reports() -> list[FileResult]:
    return list(iter_results(WORD_PLANS, Config(), jobs=2))


def _records(text: str) -> list[object]:
    return [json.loads(line) for line in text.splitlines()]


def test_there_are_word_plans_with_findings(as_reports: list[FileResult]) -> None:
    assert len(WORD_PLANS) >= 6
    assert all(r.report is not None and r.report.findings for r in as_reports)


@pytest.mark.parametrize("redact", [False, True])
def test_worker_lines_are_the_parents_rendering_of_the_same_report(
    as_reports: list[FileResult], redact: bool
) -> None:
    rendered = list(iter_results(WORD_PLANS, Config(), jobs=2, rendering=Rendering(redact=redact)))
    assert [r.path for r in rendered] == [r.path for r in as_reports]
    for whole, written in zip(as_reports, rendered, strict=True):
        report = whole.report
        assert report is not None and written.report is None and written.rendered is not None
        shown = report
        if redact:
            assert written.personal == whole.personal  # batch findings are redacted by the parent
            people = {report.path: whole.personal} if whole.personal is not None else {}
            shown = redact_report(Report(tool=ToolInfo(version="x"), plans=[report]), people).plans[0]
        else:
            assert written.personal is None
        expected = plan_lines(shown)
        assert written.rendered.text.decode("utf-8") == expected
        assert _records(written.rendered.text.decode("utf-8")) == _records(
            str(render(Report(tool=ToolInfo(version="x"), plans=[shown]), "jsonl"))
        )
        assert written.rendered.path == report.path and written.rendered.format == report.format
        assert written.rendered.by_severity == dict(Counter(f.severity.value for f in report.findings))
        # Batch rules still get what the plan's worker collected.
        assert set(written.batch_data) == set(whole.batch_data)


def test_a_single_plan_in_this_process_is_rendered_the_same(as_reports: list[FileResult]) -> None:
    (alone,) = iter_results(WORD_PLANS[:1], Config(), jobs=1, rendering=Rendering())
    report = as_reports[0].report
    assert report is not None and alone.rendered is not None
    assert alone.rendered.text.decode("utf-8") == plan_lines(report)


def test_an_unreadable_file_is_still_an_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a Word document")
    results = list(iter_results([broken, WORD_PLANS[0]], Config(), jobs=2, rendering=Rendering()))
    assert results[0].error is not None and results[0].rendered is None
    assert results[1].rendered is not None


@pytest.mark.parametrize("extra", [[], ["--redact"]])
def test_streamed_word_batch_writes_the_whole_reports_records_in_order(
    tmp_path: Path, extra: list[str]
) -> None:
    """Through the command line: the plans' own records in plan order, then the batch rules'."""
    out = tmp_path / "report.jsonl"
    result = run([*WORD_PLANS, "--format", "jsonl", "--output", out, "--jobs", "2", *extra])
    whole = lint_many(WORD_PLANS, jobs=2)
    if extra:
        from ehcp_lint.engine.batch import iter_results as again

        people = {r.path: r.personal for r in again(WORD_PLANS, Config(), jobs=2) if r.personal}
        whole = redact_report(whole, people)
    expected = _records(str(render(whole, "jsonl", FormatOptions())))
    streamed = _records(out.read_text(encoding="utf-8"))
    batch_codes = ("BAT001", "IDN101")
    own = [r for r in streamed if isinstance(r, dict) and r["code"] not in batch_codes]
    assert own == [r for r in expected if isinstance(r, dict) and r["code"] not in batch_codes]
    assert Counter(json.dumps(r, sort_keys=True) for r in streamed) == Counter(
        json.dumps(r, sort_keys=True) for r in expected
    )
    assert f"wrote {out}: {len(WORD_PLANS)} plans, {len(streamed)} findings (" in result.stderr
    assert result.exit_code == 1


def test_a_record_is_the_path_and_the_finding_as_pydantic_dumps_it(as_reports: list[FileResult]) -> None:
    """``records`` calls pydantic's serializer directly; the line is the one ``model_dump_json``
    gives after the path, for every finding of the fixture plans and the batch rules'."""
    from ehcp_lint.api import assemble_report
    from ehcp_lint.formatters.jsonl import records

    # A copy: batch findings are appended to the plans' reports.
    whole = assemble_report(copy.deepcopy(as_reports), Config(boilerplate_min_plans=2))
    findings = [(plan.path, f) for plan in whole.plans for f in plan.findings]
    assert {f.code for _, f in findings} >= {"BAT001"}
    for path, finding in findings:
        line = records(path, [finding]).decode("utf-8")
        assert line == '{"path":' + json.dumps(path, ensure_ascii=False) + "," + finding.model_dump_json()[1:] + "\n"
        assert json.loads(line) == {"path": path, **finding.model_dump(mode="json")}
