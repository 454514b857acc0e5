"""Every output format, produced from real plans and parsed back with the format's own tools."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from cli_support import STABLE, run, write_docx_plan, write_plan
from ehcp_lint.formatters import (
    FormatError,
    FormatOptions,
    formatter_names,
    get_formatter,
    register_formatter,
    write_atomically,
)
from ehcp_lint.formatters._common import trim_excerpt
from ehcp_lint.formatters.csv_format import safe_cell
from ehcp_lint.formatters.github import escape_data, escape_property
from ehcp_lint.report import Finding, Severity

SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"


@pytest.fixture
def plans(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two Markdown plans, a Word plan with a provision table, and an unreadable file."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "plans"
    folder.mkdir()
    write_plan(folder, "amira.md")
    write_plan(
        folder,
        "ben, year 6.md",
        F=["=SUM(1) Ben will have access to a laptop.", "@home Ben may be offered a tablet."],
    )
    write_docx_plan(folder / "cara.docx")
    (folder / "dan.docx").write_bytes(b"not really a Word document")
    return folder


def _out(plans: Path, fmt: str, *extra: str) -> tuple[int, str]:
    result = run(["plans", "--select", STABLE, "-f", fmt, "--jobs", "1", *extra])
    return result.exit_code, result.stdout


# -- JSON ------------------------------------------------------------------------------
def test_json_validates_against_the_published_schema(plans: Path) -> None:
    code, out = _out(plans, "json")
    assert code == 2  # dan.docx could not be read
    report = json.loads(out)
    schema = json.loads(run(["schema"]).stdout)
    jsonschema.validate(report, schema)
    assert report["schema_version"] == 1
    assert report["tool"]["name"] == "ehcp-lint"
    assert [p["path"] for p in report["plans"]] == [
        "plans/amira.md", "plans/ben, year 6.md", "plans/cara.docx",
    ]
    assert report["errors"][0]["path"] == "plans/dan.docx"
    assert report["errors"][0]["message"].startswith("plans/dan.docx: ")
    amira = report["plans"][0]
    assert amira["format"] == "md"
    assert amira["sections"]["F"]["present"] is True and amira["sections"]["F"]["blocks"] == 2
    assert set(amira["sections"]) >= {"A", "B", "C", "D", "E", "F", "G", "H1", "H2", "I", "J", "K"}
    finding = amira["findings"][0]
    for key in ("code", "name", "category", "severity", "section", "message", "suggestion", "excerpt", "match"):
        assert key in finding
    assert set(finding["location"]) == {"page", "paragraph", "table", "row", "column", "line"}
    assert amira["summary"]["findings"] == len(amira["findings"])


def test_jsonl_one_finding_per_line_with_its_plan(plans: Path) -> None:
    _, out = _out(plans, "jsonl")
    records = [json.loads(line) for line in out.splitlines()]
    report = json.loads(_out(plans, "json")[1])
    expected = [(p["path"], f["code"], f["match"]) for p in report["plans"] for f in p["findings"]]
    assert [(r["path"], r["code"], r["match"]) for r in records] == expected
    assert len(records) >= 5


# -- SARIF -------------------------------------------------------------------------------
def test_sarif_validates_against_the_official_schema(plans: Path) -> None:
    _, out = _out(plans, "sarif")
    log = json.loads(out)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER).validate(log)
    run_ = log["runs"][0]
    assert log["version"] == "2.1.0"
    rules = run_["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert ids == sorted(STABLE.split(","))
    prv = rules[ids.index("PRV001")]
    assert prv["name"] == "non-committal-provision"
    assert prv["shortDescription"]["text"] and prv["fullDescription"]["text"] and prv["help"]["text"]
    results = run_["results"]
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)
    levels = {r["ruleId"]: r["level"] for r in results}
    assert levels["TPL001"] == "error" and levels["PRV001"] == "warning"
    md = [r for r in results if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "plans/amira.md"]
    prv_md = next(r for r in md if r["ruleId"] == "PRV001")
    region = prv_md["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 23, "snippet": {"text": "have access to"}}
    assert prv_md["properties"]["section"] == "F" and prv_md["properties"]["line"] == 23
    # a Word table cell: no line number, so table/row/column and the snippet go in properties
    cell = next(r for r in results if r["properties"].get("table") == 1 and r["ruleId"] == "PRV001")
    assert "region" not in cell["locations"][0]["physicalLocation"]
    assert (cell["properties"]["row"], cell["properties"]["column"]) == (2, 1)
    assert cell["properties"]["snippet"] == "Opportunities to"
    word_par = next(
        r for r in results
        if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "plans/cara.docx"
        and "paragraph" in r["properties"] and r["ruleId"] == "PRV001"
    )
    assert word_par["locations"][0]["physicalLocation"]["region"]["startLine"] == word_par["properties"]["paragraph"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert "plans/ben%2C%20year%206.md" in uris
    invocation = run_["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "plans/dan.docx"


def test_sarif_absolute_paths_become_file_uris(plans: Path) -> None:
    result = run([plans / "amira.md", "--select", "PRV001", "-f", "sarif"])
    uri = json.loads(result.stdout)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == (plans / "amira.md").as_uri()


# -- CSV -------------------------------------------------------------------------------
def test_csv_rows_and_formula_neutralising(plans: Path) -> None:
    _, out = _out(plans, "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    report = json.loads(_out(plans, "json")[1])
    assert len(rows) == sum(len(p["findings"]) for p in report["plans"])
    assert out.startswith("path,code,name,")
    ben = [r for r in rows if r["path"] == "plans/ben, year 6.md" and r["code"] == "PRV001"]
    excerpts = {r["excerpt"] for r in ben}
    assert "'=SUM(1) Ben will have access to a laptop." in excerpts
    assert "'@home Ben may be offered a tablet." in excerpts
    assert all(not r["excerpt"].startswith(("=", "+", "-", "@")) for r in rows)
    cell = next(r for r in rows if r["path"] == "plans/cara.docx" and r["table"] == "1")
    assert (cell["row"], cell["column"], cell["location"]) == ("2", "1", "table 1, row 2, column 1")


def test_csv_bom_for_excel(plans: Path) -> None:
    _, plain = _out(plans, "csv")
    _, bom = _out(plans, "csv", "--csv-bom")
    assert not plain.startswith("\ufeff")
    assert bom == "\ufeff" + plain


@pytest.mark.parametrize(
    ("value", "expected"),
    [("=1+1", "'=1+1"), ("+44 1234", "'+44 1234"), ("-3", "'-3"), ("@SUM(A1)", "'@SUM(A1)"),
     ("\tx", "'\tx"), ("plain", "plain"), (None, ""), (3, "3")],
)
def test_safe_cell(value: object, expected: str) -> None:
    assert safe_cell(value) == expected


# -- GitHub annotations -------------------------------------------------------------------
_ANNOTATION = re.compile(
    r"^::(error|warning|notice) file=(?P<file>[^,]+)(,line=(?P<line>\d+))?(,title=(?P<title>[^:]+))?::(?P<message>.+)$"
)


def test_github_annotations(plans: Path) -> None:
    _, out = _out(plans, "github")
    lines = out.splitlines()
    matches = [_ANNOTATION.match(line) for line in lines]
    assert all(matches), [line for line, m in zip(lines, matches, strict=True) if not m]
    by_file = {(m["file"], m["title"]) for m in matches if m}
    assert ("plans/amira.md", "PRV001 non-committal-provision") in by_file
    assert ("plans/ben%2C year 6.md", "PRV001 non-committal-provision") in by_file  # comma escaped
    tpl = next(m for m in matches if m and m["title"] and m["title"].startswith("TPL001"))
    assert tpl.group(1) == "error"
    amira = next(m for m in matches if m and m["file"] == "plans/amira.md" and m["title"].startswith("PRV001"))
    assert amira["line"] == "23"
    assert "(Section F, line 23)" in amira["message"]
    assert lines[-1].startswith("::error file=plans/dan.docx::plans/dan.docx: ")


def test_github_escaping() -> None:
    assert escape_data("50% done\nnext") == "50%25 done%0Anext"
    assert escape_property("a:b,c") == "a%3Ab%2Cc"


# -- JUnit -----------------------------------------------------------------------------
def test_junit_one_testcase_per_plan(plans: Path) -> None:
    _, out = _out(plans, "junit")
    root = ET.fromstring(out)
    assert root.tag == "testsuites"
    cases = root.findall("./testsuite/testcase")
    assert [c.get("name") for c in cases] == [
        "plans/amira.md", "plans/ben, year 6.md", "plans/cara.docx", "plans/dan.docx",
    ]
    amira = cases[0].find("failure")
    assert amira is not None and amira.text is not None
    assert "PRV001 warning" in amira.text and "TPL001 error" in amira.text
    assert cases[3].find("error") is not None
    assert root.get("tests") == "4" and root.get("failures") == "3" and root.get("errors") == "1"


def test_junit_fail_on_error_keeps_warnings_as_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_plan(tmp_path, "p.md", K=["Educational psychologist advice, 3 March 2026."])
    out = run(["p.md", "--select", STABLE, "-f", "junit", "--fail-on", "error"]).stdout
    case = ET.fromstring(out).find("./testsuite/testcase")
    assert case is not None and case.find("failure") is None
    out_text = case.findtext("system-out")
    assert out_text is not None and "PRV001 warning" in out_text


# -- text ------------------------------------------------------------------------------
def test_text_groups_by_section_in_plan_order(plans: Path) -> None:
    code, out = _out(plans, "text")
    assert code == 2
    amira = out.split("plans/amira.md\n", 1)[1].split("\n\n", 1)[0]
    headings = [line.strip() for line in amira.splitlines() if line.startswith("  Section")]
    assert headings == ["Section F: Special educational provision", "Section K: Advice and information"]
    assert "      line 23: “Tomos will «have access to» speech and language therapy.”" in amira
    assert "      → Name the provision itself" in amira
    assert "  plans/amira.md: 2 findings (1 error, 1 warning, 0 info)" in amira
    cara = out.split("plans/cara.docx\n", 1)[1]
    assert "table 1, row 2, column 1: “«Opportunities to» practise reading with an adult”" in cara
    last = out.strip().splitlines()[-1]
    assert re.fullmatch(r"3 plans, \d+ findings \(\d+ errors, \d+ warnings, 0 info\), 1 file could not be read", last)


def test_text_labels_front_matter_and_whole_plan_findings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    plan = write_plan(tmp_path, "p.md")
    kept = [line for line in plan.read_text(encoding="utf-8").splitlines() if "Section J" not in line]
    plan.write_text("Name: [insert name]\n\n" + "\n".join(kept), encoding="utf-8")
    out = run(["p.md", "--select", "TPL001,STR001"]).stdout
    headings = [line.strip() for line in out.splitlines() if line.startswith("  ") and not line.startswith("   ")]
    assert headings[:2] == ["Front matter (before Section A)", "Section J: Personal budget"]
    assert "«[insert name]»" in out


def test_text_is_styled_on_a_terminal(plans: Path) -> None:
    result = run(["plans/amira.md", "--select", STABLE], env={"FORCE_COLOR": "1"})
    assert "\x1b[" in result.stdout
    assert "«" not in result.stdout  # highlighted by style, not markers
    plain = run(["plans/amira.md", "--select", STABLE], env={"NO_COLOR": "1"})
    assert "\x1b[" not in plain.stdout


def test_text_never_interprets_plan_text_as_markup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_plan(tmp_path, "p.md", F=["[bold red]Sam[/] will have access to [link=x]therapy[/link]."])
    out = run(["p.md", "--select", "PRV001"], env={"FORCE_COLOR": "1"}).stdout
    assert "[bold red]Sam[/]" in out and "[link=x]therapy[/link]" in out


def _finding(excerpt: str, match: str) -> Finding:
    start = excerpt.index(match)
    return Finding(
        code="PRV001", name="n", category="vague-provision", severity=Severity.WARNING,
        message="m", excerpt=excerpt, match=match, start=start, end=start + len(match),
    )


def test_excerpt_is_trimmed_around_the_match() -> None:
    words = " ".join(f"word{i}" for i in range(60))
    excerpt = f"{words} will have access to {words}"
    trimmed = trim_excerpt(_finding(excerpt, "access to"), width=100)
    assert trimmed is not None
    assert trimmed.match == "access to"
    assert trimmed.before.startswith("…") and trimmed.after.endswith("…")
    assert 80 <= len(trimmed.text) <= 104
    assert not trimmed.before[1:].startswith(" ")
    short = trim_excerpt(_finding("Sam will have access to\ntherapy.", "access to"))
    assert short is not None and short.text == "Sam will have access to therapy."
    start_of_text = trim_excerpt(_finding("access to " + words, "access to"))
    assert start_of_text is not None and start_of_text.before == "" and start_of_text.after.endswith("…")


# -- registry -------------------------------------------------------------------------------
def test_registry_lists_the_built_in_formats_first() -> None:
    assert formatter_names()[:7] == ["text", "json", "jsonl", "sarif", "csv", "github", "junit"]


def test_registered_format_appears_in_the_command_line(plans: Path) -> None:
    register_formatter("count-test", lambda report, options: f"{len(report.findings)}\n")
    try:
        assert "count-test" in formatter_names()
        result = run(["plans/amira.md", "--select", STABLE, "-f", "count-test"])
        assert result.stdout == "2\n"
    finally:
        from ehcp_lint import formatters

        formatters._REGISTERED.pop("count-test", None)


def test_unknown_format_names_the_choices() -> None:
    with pytest.raises(FormatError, match=r"^--format: 'yaml' is not a known format; use text, json, jsonl, sarif, csv, github, junit"):
        get_formatter("yaml")


def test_render_options_default(plans: Path) -> None:
    import ehcp_lint
    from ehcp_lint.config import Config

    report = ehcp_lint.lint(plans / "amira.md", config=Config(select=["PRV001"]))
    text = get_formatter("text")(report, FormatOptions())
    assert "«have access to»" in text


def test_write_atomically_replaces_in_one_step(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]
