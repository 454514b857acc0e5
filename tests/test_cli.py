"""The ``ehcp-lint`` command line on real plan files: routing, exit codes, options, subcommands."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

import ehcp_lint
from cli_support import STABLE, run, write_docx_plan, write_plan
from ehcp_lint.config import Config
from ehcp_lint.model import Plan

VENV_BIN = Path(sys.executable).parent


def _json(result_stdout: str) -> dict:  # type: ignore[type-arg]
    return json.loads(result_stdout)


def _codes(report: dict) -> list[tuple[str, str, str]]:  # type: ignore[type-arg]
    return [
        (p["path"], f["code"], f["match"]) for p in report["plans"] for f in p["findings"]
    ]


@pytest.fixture
def plans(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder of three plans (one Word, two Markdown) in the current folder."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "plans"
    folder.mkdir()
    write_plan(folder, "amira.md")
    write_plan(folder, "ben.md", F=["Ben will be offered a place at the social skills group."])
    write_docx_plan(folder / "cara.docx")
    return folder


# -- routing ----------------------------------------------------------------------
def test_bare_form_and_check_subcommand_give_the_same_report(plans: Path) -> None:
    bare = run([plans, "--select", STABLE, "--format", "json", "--jobs", "1"])
    explicit = run(["check", plans, "--select", STABLE, "--format", "json", "--jobs", "1"])
    assert bare.exit_code == explicit.exit_code == 1
    assert _json(bare.stdout) == _json(explicit.stdout)
    assert len(_json(bare.stdout)["plans"]) == 3


def test_options_before_paths_still_route_to_check(plans: Path) -> None:
    result = run(["--select", STABLE, "--format", "jsonl", "plans/amira.md"])
    assert result.exit_code == 1
    assert all(json.loads(line)["path"] == "plans/amira.md" for line in result.stdout.splitlines())


def test_no_arguments_shows_help() -> None:
    result = run([])
    assert "check" in result.output and "rules" in result.output


def test_help_lists_every_format() -> None:
    result = run(["check", "--help"])
    assert result.exit_code == 0
    for name in ("text", "json", "jsonl", "sarif", "csv", "github", "junit"):
        assert name in result.output


# -- exit codes ---------------------------------------------------------------------
def test_exit_1_with_findings_at_fail_on_level(plans: Path) -> None:
    assert run([plans / "amira.md", "--select", STABLE]).exit_code == 1


def test_exit_0_when_clean(tmp_path: Path) -> None:
    plan = write_plan(tmp_path, F=["A teaching assistant will read with Tomos for 10 minutes daily."],
                      K=["Educational psychologist advice, 3 March 2026."])
    result = run([plan, "--select", STABLE])
    assert result.exit_code == 0, result.stdout
    assert "1 plan, no findings" in result.stdout


def test_fail_on_levels(plans: Path) -> None:
    plan = plans / "amira.md"  # one warning (PRV001)
    assert run([plan, "--select", "PRV001", "--fail-on", "warning"]).exit_code == 1
    assert run([plan, "--select", "PRV001", "--fail-on", "error"]).exit_code == 0
    assert run([plan, "--select", "PRV001", "--fail-on", "info"]).exit_code == 1
    assert run([plan, "--select", "TPL001", "--fail-on", "never"]).exit_code == 0


def test_unreadable_file_gives_2_after_checking_the_others(plans: Path) -> None:
    (plans / "broken.docx").write_bytes(b"this is not a Word file at all")
    result = run([plans, "--select", STABLE, "--format", "json", "--jobs", "1"])
    assert result.exit_code == 2
    report = _json(result.stdout)
    assert len(report["plans"]) == 3  # the other plans were still linted
    assert [e["path"] for e in report["errors"]] == [str(plans / "broken.docx")]
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "broken.docx" in errors[0]
    text = run([plans, "--select", STABLE, "--jobs", "1"])
    assert text.exit_code == 2
    assert re.search(r"^3 plans, \d+ findings \(.*\), 1 file could not be read$", text.stdout, re.M)


def test_missing_path_is_an_error_but_others_are_checked(plans: Path) -> None:
    result = run([plans / "amira.md", "no-such-plan.docx", "--select", STABLE, "--format", "json"])
    assert result.exit_code == 2
    report = _json(result.stdout)
    assert [p["path"] for p in report["plans"]] == [str(plans / "amira.md")]
    assert "no-such-plan.docx: no such file or folder" in result.stderr


def test_exit_zero_forces_0_except_misuse(plans: Path) -> None:
    (plans / "broken.docx").write_bytes(b"not a docx")
    assert run([plans, "--select", STABLE, "--exit-zero", "--jobs", "1"]).exit_code == 0
    misuse = run([plans, "--select", "NOPE999", "--exit-zero"])
    assert misuse.exit_code == 2
    assert "--select: 'NOPE999' matches no rule" in misuse.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "yaml"], "--format: 'yaml' is not a known format; use text, json"),
        (["--fail-on", "errors"], "--fail-on: 'errors' is not allowed; use error, warning, info or never"),
        (["--reference-date", "31/12/2025"], "--reference-date: '31/12/2025' is not valid; use a date written YYYY-MM-DD"),
        (["--ignore", "PRV,XYZ"], "--ignore: 'XYZ' matches no rule"),
        (["--jobs", "0"], "--jobs"),
    ],
)
def test_misuse_exits_2_with_one_line(plans: Path, args: list[str], message: str) -> None:
    result = run([plans / "amira.md", *args])
    assert result.exit_code == 2
    assert message in result.stderr
    if args[0] != "--jobs":  # click's own usage errors are a few lines
        assert len(result.stderr.strip().splitlines()) == 1


# -- options ------------------------------------------------------------------------
def test_select_and_ignore_are_comma_separated_and_repeatable(plans: Path) -> None:
    plan = plans / "amira.md"
    both = _json(run([plan, "--select", "PRV001", "--select", "TPL001", "-f", "json"]).stdout)
    assert {c for _, c, _ in _codes(both)} == {"PRV001", "TPL001"}
    ignored = _json(run([plan, "--select", "PRV001,TPL001", "--ignore", "TPL001", "-f", "json"]).stdout)
    assert {c for _, c, _ in _codes(ignored)} == {"PRV001"}
    extended = _json(run([plan, "--select", "PRV001", "--extend-select", "TPL001", "-f", "json"]).stdout)
    assert {c for _, c, _ in _codes(extended)} == {"PRV001", "TPL001"}


def test_jobs_2_gives_the_same_findings_as_jobs_1(plans: Path) -> None:
    for i in range(3):
        write_plan(plans, f"extra-{i}.md", F=[f"Pupil {i} would benefit from access to a laptop."])
    one = _json(run([plans, "--select", STABLE, "-f", "json", "--jobs", "1"]).stdout)
    two = _json(run([plans, "--select", STABLE, "-f", "json", "--jobs", "2"]).stdout)
    assert one == two
    assert len(one["plans"]) == 6


def test_statistics_and_quiet(plans: Path) -> None:
    result = run([plans, "--select", STABLE, "--statistics", "--quiet", "--jobs", "1"])
    lines = result.stdout.strip().splitlines()
    assert lines[0] == "Findings per rule:"
    assert re.fullmatch(r"\s*\d+\s+TPL001\s+template-placeholder", lines[1]) or any(
        "TPL001" in line for line in lines[1:4]
    )
    assert lines[-1].startswith("3 plans, ")
    assert "«" not in result.stdout  # no findings listed when quiet
    quiet = run([plans, "--select", STABLE, "--quiet", "--jobs", "1"])
    assert len(quiet.stdout.strip().splitlines()) == 1


def test_reference_date_reaches_the_configuration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(["config", "--reference-date", "2025-09-01"])
    assert 'reference-date = "2025-09-01"  # command line' in result.stdout


# -- --output ---------------------------------------------------------------------------
def test_output_is_written_and_the_summary_goes_to_stderr(plans: Path) -> None:
    target = plans.parent / "report.json"
    result = run([plans, "--select", STABLE, "-f", "json", "-o", target, "--jobs", "1"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))["schema_version"] == 1
    assert "wrote report.json" in result.stderr or f"wrote {target}" in result.stderr
    assert not [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]


def test_output_refuses_an_input_file(plans: Path) -> None:
    plan = plans / "amira.md"
    before = plan.read_bytes()
    for target in (plan, plans / "cara.docx"):  # given directly, or found in a folder
        result = run([plans, "-f", "json", "-o", target, "--force"])
        assert result.exit_code == 2
        assert "is one of the plans being checked" in result.stderr
    assert plan.read_bytes() == before


def test_output_refuses_to_overwrite_without_force(plans: Path) -> None:
    target = plans.parent / "report.csv"
    target.write_text("keep me", encoding="utf-8")
    refused = run([plans / "amira.md", "-f", "csv", "-o", target])
    assert refused.exit_code == 2
    assert "already exists; use --force" in refused.stderr
    assert target.read_text(encoding="utf-8") == "keep me"
    forced = run([plans / "amira.md", "--select", STABLE, "-f", "csv", "-o", target, "--force"])
    assert forced.exit_code == 1
    assert target.read_text(encoding="utf-8").startswith("path,code,")


# -- library API agrees with the command line -------------------------------------------
def test_lint_many_gives_exactly_the_command_line_findings(plans: Path) -> None:
    def without_ratings(report: dict) -> dict:  # type: ignore[type-arg]
        # Ratings are a panel summary the command line adds; findings must match exactly.
        for plan in report["plans"]:
            plan.pop("ratings", None)
        return report

    cli = _json(run([plans, "--select", STABLE, "-f", "json", "--jobs", "1"]).stdout)
    api = ehcp_lint.lint_many([plans], config=Config(select=STABLE.split(",")), jobs=1)
    assert without_ratings(api.model_dump(mode="json")) == without_ratings(cli)
    assert len(api.findings) == 7
    single = ehcp_lint.lint(plans / "amira.md", config=Config(select=STABLE.split(",")))
    cli_single = _json(run([plans / "amira.md", "--select", STABLE, "-f", "json"]).stdout)
    assert without_ratings(single.model_dump(mode="json")) == without_ratings(cli_single)


def test_word_plan_findings_carry_word_locations(plans: Path) -> None:
    report = _json(run([plans / "cara.docx", "--select", "PRV001", "-f", "json"]).stdout)
    findings = report["plans"][0]["findings"]
    assert {f["match"] for f in findings} == {"have access to", "Opportunities to"}
    by_match = {f["match"]: f["location"] for f in findings}
    assert by_match["have access to"]["paragraph"] is not None
    assert by_match["Opportunities to"]["table"] == 1
    assert by_match["Opportunities to"]["row"] == 2


# -- subcommands ------------------------------------------------------------------------
def test_rules_table_and_json() -> None:
    table = run(["rules"])
    assert table.exit_code == 0
    assert "PRV001" in table.stdout and "non-committal-provision" in table.stdout
    data = json.loads(run(["rules", "--format", "json"]).stdout)
    by_code = {r["code"]: r for r in data}
    assert by_code["STR001"]["severity"] == "error"
    assert by_code["PRV001"]["category"] == "vague-provision"
    assert all(r["summary"] for r in data)


def test_explain_shows_documentation_and_what_the_rule_reports() -> None:
    result = run(["explain", "prv001"])
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("PRV001 non-committal-provision")
    assert "Why it matters:" in out and "Source:" in out
    assert "Poor, in Section F:" in out and "Better, in Section F:" in out
    assert "«have access to»" in out  # the rule run on its own poor example
    assert out.rstrip().endswith("ehcp-lint reports nothing here.")  # and silent on the better one


def test_explain_unknown_rule_suggests_the_closest() -> None:
    result = run(["explain", "PRV001X"])
    assert result.exit_code == 2
    assert "no rule 'PRV001X' (did you mean PRV001?" in result.stderr


def test_parse_outline_and_json(plans: Path) -> None:
    outline = run(["parse", plans / "cara.docx"])
    assert outline.exit_code == 0
    assert "Section F: 'Section F: Special educational provision'" in outline.stdout
    assert re.search(r"^\s+table\s+table 1\s+2 rows", outline.stdout, re.M)
    assert re.search(r"^\s+paragraph\s+paragraph \d+\s+\"Tomos will have access", outline.stdout, re.M)
    as_json = run(["parse", plans / "amira.md", "--format", "json"])
    plan = Plan.model_validate_json(as_json.stdout)
    assert plan.keys[:2] == ["A", "B"] and plan.format == "md"


def test_parse_unreadable_plan_is_one_line_and_exit_2(plans: Path) -> None:
    (plans / "empty.md").write_text("", encoding="utf-8")
    result = run(["parse", plans / "empty.md"])
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "empty.md" in result.stderr


def test_schema_is_a_valid_json_schema() -> None:
    schema = json.loads(run(["schema"]).stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert {"schema_version", "tool", "plans", "errors"} <= set(schema["properties"])


def test_version() -> None:
    result = run(["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"ehcp-lint {ehcp_lint.__version__}"


def test_plugin_problems_are_warned_once_and_the_run_continues(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "qa-rules"
    folder.mkdir()
    (folder / "bad_rule.py").write_text("raise RuntimeError('oops')\n", encoding="utf-8")
    (tmp_path / "ehcp-lint.toml").write_text('rules-folders = ["qa-rules"]\n', encoding="utf-8")
    write_plan(tmp_path, "p1.md")
    write_plan(tmp_path, "p2.md")
    result = run(["p1.md", "p2.md", "--select", STABLE, "--jobs", "2"])
    assert result.exit_code == 1
    warnings = [line for line in result.stderr.splitlines() if "bad_rule.py" in line]
    assert len(warnings) == 1
    assert warnings[0].startswith("warning: local rule file ")
    assert "bad_rule.py failed to load: RuntimeError: oops" in warnings[0]
    assert "2 plans, 4 findings" in result.stdout


# -- the real console script, in a subprocess -------------------------------------------
def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    env["NO_COLOR"] = "1"
    return env


def test_python_dash_m_version() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "ehcp_lint", "--version"],
        capture_output=True, text=True, check=True, env=_env(),
    )
    assert out.stdout.strip() == f"ehcp-lint {ehcp_lint.__version__}"


def test_console_script_checks_a_folder(plans: Path) -> None:
    out = subprocess.run(
        [str(VENV_BIN / "ehcp-lint"), str(plans), "--select", STABLE, "-f", "json"],
        capture_output=True, text=True, env=_env(), cwd=plans.parent,
    )
    assert out.returncode == 1, out.stderr
    assert len(json.loads(out.stdout)["plans"]) == 3


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["rules"], ["rules", "--format", "json"]])
def test_fast_paths_do_not_import_spacy_or_pdfplumber(args: list[str]) -> None:
    code = (
        "import sys\n"
        "from ehcp_lint.cli import main\n"
        "try:\n"
        f"    main({args!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'pdfplumber', 'thinc', 'docx'))\n"
        "print('HEAVY=' + ','.join(heavy), file=sys.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_env())
    assert "HEAVY=\n" in out.stderr, out.stderr[-500:]


def test_progress_bar_on_a_terminal(plans: Path) -> None:
    """With stderr on a terminal and several files, a progress bar is drawn there."""
    import pty

    primary, secondary = pty.openpty()
    try:
        proc = subprocess.run(
            [str(VENV_BIN / "ehcp-lint"), str(plans), "--select", STABLE, "-q", "--jobs", "1"],
            stdout=subprocess.PIPE, stderr=secondary, env={**_env(), "COLUMNS": "100"},
            cwd=plans.parent, timeout=300,
        )
        os.close(secondary)
        chunks = []
        while True:
            try:
                data = os.read(primary, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(primary)
    terminal = b"".join(chunks).decode("utf-8", "replace")
    assert "Checking plans" in terminal
    assert proc.stdout.decode().strip().startswith("3 plans")
