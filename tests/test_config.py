"""Configuration files: discovery, precedence, provenance, and every error message."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from cli_support import run, write_plan
from ehcp_lint.config_files import (
    COMMAND_LINE,
    DEFAULT,
    allowed_keys,
    find_config_file,
    load_config,
)
from ehcp_lint.errors import ConfigError
from ehcp_lint.report import Severity

# A local rule declaring a threshold, so threshold validation is tested on a rule we control.
THRESHOLD_RULE = '''
from ehcp_lint.engine.rule import Example, Rule, RuleDoc, Scope, Threshold
from ehcp_lint.report import Severity


class LongParagraph(Rule):
    code = "LOC900"
    name = "long-paragraph"
    category = "jargon"
    severity = Severity.INFO
    scope = Scope(level="block")
    thresholds = (Threshold(name="max-words", default=80, minimum=10, maximum=400, help="Longest paragraph"),)
    doc = RuleDoc(
        summary="A paragraph longer than a family can comfortably read.",
        why="Long paragraphs hide the provision a family needs to find; plans are read by parents and children as well as professionals, so keep them short.",
        source="SEND Code of Practice 9.61",
        poor=Example(section="B", text="word " * 100),
        better=Example(section="B", text="Short."),
    )

    def check_unit(self, unit, ctx):
        limit = ctx.threshold(self, "max-words")
        if len(unit.text.split()) > limit:
            from ehcp_lint.engine.rule import Hit
            yield Hit(message="This paragraph is long.", start=0, end=len(unit.text))
'''


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _error(tmp_path: Path, toml: str, name: str = "ehcp-lint.toml") -> str:
    _write(tmp_path / name, toml)
    with pytest.raises(ConfigError) as caught:
        load_config(cwd=tmp_path)
    message = str(caught.value)
    assert "\n" not in message
    return message


# -- discovery -------------------------------------------------------------------------
def test_no_file_means_defaults(tmp_path: Path) -> None:
    config, provenance = load_config(cwd=tmp_path)
    assert provenance.file is None
    assert config.select == ["ALL"] and config.fail_on == "warning"
    assert provenance.source_of("fail-on") == DEFAULT


def test_found_by_walking_up_from_a_subfolder(tmp_path: Path) -> None:
    _write(tmp_path / "ehcp-lint.toml", 'fail-on = "error"\n')
    deep = tmp_path / "plans" / "2026" / "spring"
    deep.mkdir(parents=True)
    assert find_config_file(deep) == (tmp_path / "ehcp-lint.toml").resolve()
    config, provenance = load_config(cwd=deep)
    assert config.fail_on == "error"
    assert provenance.source_of("fail-on").endswith("ehcp-lint.toml")


def test_pyproject_tool_table(tmp_path: Path) -> None:
    _write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.ehcp-lint]\nignore = ["TPL001"]\n')
    config, provenance = load_config(cwd=tmp_path)
    assert config.ignore == ["TPL001"]
    assert provenance.source_of("ignore") == "pyproject.toml"


def test_pyproject_without_the_table_is_skipped(tmp_path: Path) -> None:
    _write(tmp_path / "ehcp-lint.toml", 'fail-on = "info"\n')
    _write(tmp_path / "team" / "pyproject.toml", '[project]\nname = "team"\n')
    assert load_config(cwd=tmp_path / "team")[0].fail_on == "info"


def test_ehcp_lint_toml_wins_over_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    _write(tmp_path / "pyproject.toml", '[tool.ehcp-lint]\nfail-on = "info"\n')
    _write(tmp_path / "ehcp-lint.toml", 'fail-on = "error"\n')
    config, provenance = load_config(cwd=tmp_path)
    assert config.fail_on == "error"
    assert provenance.file is not None and provenance.file.name == "ehcp-lint.toml"


def test_nearest_file_wins(tmp_path: Path) -> None:
    _write(tmp_path / "ehcp-lint.toml", 'fail-on = "error"\n')
    _write(tmp_path / "team" / "ehcp-lint.toml", 'fail-on = "never"\n')
    assert load_config(cwd=tmp_path / "team")[0].fail_on == "never"


def test_explicit_config_overrides_discovery(tmp_path: Path) -> None:
    _write(tmp_path / "ehcp-lint.toml", 'fail-on = "error"\n')
    other = _write(tmp_path / "elsewhere" / "strict.toml", 'fail-on = "info"\n')
    config, provenance = load_config(other, cwd=tmp_path)
    assert config.fail_on == "info"
    assert provenance.file == other
    pyproject = _write(tmp_path / "p" / "pyproject.toml", '[tool.ehcp-lint]\nfail-on = "never"\n')
    assert load_config(pyproject, cwd=tmp_path)[0].fail_on == "never"


# -- values and precedence -----------------------------------------------------------------
def test_every_documented_key_is_accepted(tmp_path: Path) -> None:
    _write(tmp_path / "qa-rules" / "README.txt", "local rules")
    _write(
        tmp_path / "ehcp-lint.toml",
        """
select = ["PRV", "STR001"]
extend-select = ["TPL001"]
ignore = ["PRV002"]
per-file-ignores = { "drafts/*" = ["TPL"] }
severity = { prv001 = "error" }
fail-on = "error"
heading-aliases = { A = ["All about me"] }
vocabulary = ["ELSA", "Thrive"]
reference-date = 2026-01-31
rules-folders = ["qa-rules"]
file-timeout = 30
max-file-mb = 20
boilerplate-min-plans = 4
""",
    )
    config, provenance = load_config(cwd=tmp_path)
    assert config.select == ["PRV", "STR001"]
    assert config.per_file_ignores == {"drafts/*": ["TPL"]}
    assert config.severity == {"PRV001": Severity.ERROR}  # codes are case-insensitive
    assert config.heading_aliases == {"A": ["All about me"]}
    assert config.reference_date == dt.date(2026, 1, 31)
    # rules folders are relative to the configuration file, not the current folder
    assert config.rules_folders == [str((tmp_path / "qa-rules").resolve())]
    assert config.file_timeout == 30 and config.max_file_mb == 20
    assert provenance.source_of("select") == "ehcp-lint.toml"
    assert provenance.source_of("vocabulary") == "ehcp-lint.toml"
    assert provenance.source_of("thresholds") == DEFAULT


def test_reference_date_as_a_string(tmp_path: Path) -> None:
    _write(tmp_path / "ehcp-lint.toml", 'reference-date = "2025-12-01"\n')
    assert load_config(cwd=tmp_path)[0].reference_date == dt.date(2025, 12, 1)


def test_command_line_overrides_and_extends(tmp_path: Path) -> None:
    _write(
        tmp_path / "ehcp-lint.toml",
        'select = ["PRV"]\nextend-select = ["TPL001"]\nignore = ["PRV002"]\nfail-on = "error"\n',
    )
    config, provenance = load_config(
        cwd=tmp_path,
        overrides={
            "select": ["STR001", "PRV001"],
            "extend_select": ["PRV003"],
            "ignore": ["PRV004"],
            "fail-on": "never",
            "reference-date": None,  # not given on the command line
        },
    )
    assert config.select == ["STR001", "PRV001"]  # replaced
    assert config.extend_select == ["TPL001", "PRV003"]  # added to
    assert config.ignore == ["PRV002", "PRV004"]  # added to
    assert config.fail_on == "never"
    assert provenance.source_of("select") == COMMAND_LINE
    assert provenance.source_of("extend-select") == f"ehcp-lint.toml + {COMMAND_LINE}"
    assert provenance.source_of("fail-on") == COMMAND_LINE
    assert provenance.source_of("reference-date") == DEFAULT


def test_thresholds_validated_against_what_the_rule_declares(tmp_path: Path) -> None:
    _write(tmp_path / "rules" / "long_paragraph.py", THRESHOLD_RULE)
    base = 'rules-folders = ["rules"]\n'
    _write(tmp_path / "ehcp-lint.toml", base + 'thresholds = { "LOC900.max-words" = 120 }\n')
    config, _ = load_config(cwd=tmp_path)
    assert config.thresholds == {"LOC900.max-words": 120}

    msg = _error(tmp_path, base + 'thresholds = { "LOC900.max-lines" = 3 }\n')
    assert msg == "ehcp-lint.toml: thresholds: rule LOC900 has no threshold 'max-lines'; it declares: max-words"
    msg = _error(tmp_path, base + 'thresholds = { "LOC900.max-words" = 5 }\n')
    assert msg == "ehcp-lint.toml: thresholds: LOC900.max-words must be at least 10, not 5"
    msg = _error(tmp_path, base + 'thresholds = { "LOC900.max-words" = 500 }\n')
    assert msg == "ehcp-lint.toml: thresholds: LOC900.max-words must be at most 400, not 500"
    msg = _error(tmp_path, base + 'thresholds = { "NOPE999.max-words" = 5 }\n')
    assert msg.startswith("ehcp-lint.toml: thresholds: 'NOPE999.max-words' does not name a rule threshold")
    msg = _error(tmp_path, base + 'thresholds = { "LOC900.max-words" = "many" }\n')
    assert msg.startswith("ehcp-lint.toml: thresholds.LOC900.max-words: 'many' is not valid; use a table")


def test_a_threshold_changes_what_the_rule_reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "rules" / "long_paragraph.py", THRESHOLD_RULE)
    write_plan(tmp_path, B=["word " * 50])
    _write(tmp_path / "ehcp-lint.toml", 'rules-folders = ["rules"]\n')
    assert run(["plan.md", "--select", "LOC900", "-f", "jsonl"]).stdout == ""
    _write(tmp_path / "ehcp-lint.toml", 'rules-folders = ["rules"]\nthresholds = { "LOC900.max-words" = 20 }\n')
    lines = run(["plan.md", "--select", "LOC900", "-f", "jsonl"]).stdout.splitlines()
    assert [json.loads(line)["code"] for line in lines] == ["LOC900"]


# -- every error message -------------------------------------------------------------------
def test_unknown_key_suggests_the_closest_and_lists_the_allowed(tmp_path: Path) -> None:
    msg = _error(tmp_path, 'selct = ["PRV"]\n')
    assert msg == (
        "ehcp-lint.toml: unknown key 'selct' (did you mean 'select'?); allowed keys: "
        + ", ".join(allowed_keys())
    )


def test_snake_case_key_suggests_kebab_case(tmp_path: Path) -> None:
    assert "unknown key 'fail_on' (did you mean 'fail-on'?)" in _error(tmp_path, 'fail_on = "error"\n')


def test_unknown_key_without_a_close_match(tmp_path: Path) -> None:
    msg = _error(tmp_path, "colour = true\n")
    assert msg.startswith("ehcp-lint.toml: unknown key 'colour'; allowed keys: select, extend-select")


def test_unknown_key_in_pyproject_names_pyproject(tmp_path: Path) -> None:
    msg = _error(tmp_path, '[tool.ehcp-lint]\nignor = ["PRV"]\n', name="pyproject.toml")
    assert msg.startswith("pyproject.toml: unknown key 'ignor' (did you mean 'ignore'?)")


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ('fail-on = "errors"\n', "ehcp-lint.toml: fail-on: 'errors' is not allowed; use error, warning, info or never"),
        ('severity = { PRV001 = "high" }\n', "ehcp-lint.toml: severity.PRV001: 'high' is not allowed; use error, warning or info"),
        ('reference-date = "2026-13-01"\n', "ehcp-lint.toml: reference-date: '2026-13-01' is not valid; use a date written YYYY-MM-DD"),
        ('select = "PRV"\n', "ehcp-lint.toml: select: 'PRV' is not valid; use a list of selectors, e.g. [\"ALL\"] or [\"PRV\", \"STR001\"]"),
        ("file-timeout = 0\n", "ehcp-lint.toml: file-timeout: file-timeout must be a positive number of seconds"),
        ('file-timeout = "slow"\n', "ehcp-lint.toml: file-timeout: 'slow' is not valid; use a positive number of seconds"),
        ('max-file-mb = 2.5\n', "ehcp-lint.toml: max-file-mb: 2.5 is not valid; use a whole number of megabytes"),
        ('heading-aliases = { Z = ["About me"] }\n', "ehcp-lint.toml: heading-aliases: heading-aliases key 'Z' is not a section; allowed: A, B, C, D, E, F, G, H1, H2, I, J, K, H"),
        ('vocabulary = "ELSA"\n', "ehcp-lint.toml: vocabulary: 'ELSA' is not valid; use a list of words, e.g. [\"ELSA\", \"Thrive\"]"),
    ],
)
def test_bad_values(tmp_path: Path, toml: str, expected: str) -> None:
    assert _error(tmp_path, toml) == expected


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ('select = ["PRX"]\n', "ehcp-lint.toml: select: 'PRX' matches no rule; use ALL, a family ("),
        ('extend-select = ["vague-provisions"]\n', "ehcp-lint.toml: extend-select: 'vague-provisions' matches no rule"),
        ('ignore = ["TPL01X"]\n', "ehcp-lint.toml: ignore: 'TPL01X' matches no rule"),
        ('per-file-ignores = { "drafts/*" = ["XYZ"] }\n', "ehcp-lint.toml: per-file-ignores.'drafts/*': 'XYZ' matches no rule"),
        ('severity = { PRV001X = "error" }\n', "ehcp-lint.toml: severity: 'PRV001X' is not a rule code (did you mean PRV001?); use full codes"),
    ],
)
def test_selectors_and_codes_must_name_rules(tmp_path: Path, toml: str, expected: str) -> None:
    assert _error(tmp_path, toml).startswith(expected)


def test_nlp_model_must_be_installed(tmp_path: Path) -> None:
    assert _error(tmp_path, 'nlp-model = "en_core_web_nonexistent"\n') == (
        "ehcp-lint.toml: nlp-model: 'en_core_web_nonexistent' is not installed; "
        "install the spaCy model with pip, or remove nlp-model to use the built-in pipeline"
    )


def test_invalid_toml(tmp_path: Path) -> None:
    msg = _error(tmp_path, 'select = ["PRV"\n')
    assert msg.startswith("ehcp-lint.toml: not valid TOML (")
    assert msg.endswith("; fix the syntax")


def test_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "ehcp-lint.toml").write_bytes(b'vocabulary = ["caf\xe9"]\n')
    with pytest.raises(ConfigError, match=r"^ehcp-lint.toml: cannot read the configuration file \(UnicodeDecodeError\); save it as UTF-8 text$"):
        load_config(cwd=tmp_path)


def test_missing_explicit_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"^nowhere.toml: configuration file not found; check the path$"):
        load_config("nowhere.toml", cwd=tmp_path)


def test_explicit_pyproject_without_table(tmp_path: Path) -> None:
    _write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    with pytest.raises(ConfigError, match=r"has no \[tool.ehcp-lint\] table; add one or use ehcp-lint.toml$"):
        load_config(tmp_path / "pyproject.toml", cwd=tmp_path)


def test_command_line_errors_name_the_option(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"^--fail-on: 'sometimes' is not allowed; use error, warning, info or never$"):
        load_config(cwd=tmp_path, overrides={"fail-on": "sometimes"})
    with pytest.raises(ConfigError, match=r"^--select: 'QQQ' matches no rule"):
        load_config(cwd=tmp_path, overrides={"select": ["QQQ"]})


# -- ehcp-lint config -----------------------------------------------------------------------
def test_config_command_prints_values_and_their_sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path / "ehcp-lint.toml", 'fail-on = "error"\nvocabulary = ["ELSA"]\n')
    sub = tmp_path / "plans"
    sub.mkdir()
    monkeypatch.chdir(sub)
    result = run(["config", "--select", "PRV,STR"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"# configuration file: {(tmp_path / 'ehcp-lint.toml').resolve()}"
    shown = (tmp_path / "ehcp-lint.toml").resolve()
    assert f'fail-on = "error"  # {shown}' in lines
    assert f'vocabulary = ["ELSA"]  # {shown}' in lines
    assert 'select = ["PRV", "STR"]  # command line' in lines
    assert "ignore = []  # default" in lines
    data = json.loads(run(["config", "--format", "json"]).stdout)
    assert data["values"]["fail-on"] == {"value": "error", "source": str(shown)}
    assert set(data["values"]) == set(allowed_keys())


def test_config_command_reports_errors_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path / "ehcp-lint.toml", 'fail-on = "loudly"\n')
    monkeypatch.chdir(tmp_path)
    result = run(["config"])
    assert result.exit_code == 2
    assert result.stderr == (
        "error: ehcp-lint.toml: fail-on: 'loudly' is not allowed; use error, warning, info or never\n"
    )


def test_config_file_is_used_by_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_plan(tmp_path)
    _write(tmp_path / "ehcp-lint.toml", 'select = ["PRV001", "TPL001"]\nseverity = { TPL001 = "info" }\nfail-on = "error"\n')
    result = run(["plan.md", "-f", "json"])
    findings = json.loads(result.stdout)["plans"][0]["findings"]
    assert {(f["code"], f["severity"]) for f in findings} == {("PRV001", "warning"), ("TPL001", "info")}
    assert result.exit_code == 0  # nothing at error level
    assert run(["plan.md", "--fail-on", "warning"]).exit_code == 1  # the command line wins
