"""Nothing about a plan's content reaches logs, warnings or error messages unless asked.

Every sentence of the plans here carries a unique canary (``Cnry0001Zx``…).
The plans are read, linted, annotated and rendered in every format, good and
broken ones, in this process with every logger at DEBUG and through the
command line with two worker processes; no canary may appear in a log record,
a warning, an error message or stderr. Reports themselves quote plans on
purpose (that is what they are for) and are not checked here; ``--redact`` is
(tests/test_redact.py). ``--debug`` is the one way to see more: tracebacks,
which may quote a plan.
"""

from __future__ import annotations

import itertools
import logging
import os
import re
import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from badinputs.examples import SECTIONS, docx_bytes, pdf_bytes, plan_markdown, write

CANARY = re.compile(r"Cnry\d{4}Zx")

#: Sentence shapes that make rules fire, so excerpts and matches quote canaries.
_SHAPES = (
    "Tomos {c} will have access to speech and language therapy.",
    "Tomos {c} will be supported by staff where possible.",
    "Tomos {c} has ASD and finds busy rooms hard.",
    "By the end of Key Stage 2 Tomos {c} will be able to read well.",
)


def canary_sections() -> dict[str, list[str]]:
    """Two sentences per section, each with its own canary."""
    counter = itertools.count(1)
    return {
        key: [shape.format(c=f"Cnry{next(counter):04d}Zx") for shape in _SHAPES[i % 2 :: 2][:2]]
        for i, key in enumerate(SECTIONS)
    }


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Good plans in three formats and broken ones, every sentence with a canary."""
    folder = tmp_path_factory.mktemp("canary")
    sections = canary_sections()
    details = (("Full name", "Tomos Cnry9001Zx"), ("Parent or carer", "Megan Cnry9002Zx"))
    word = docx_bytes(sections, details)
    pdf = pdf_bytes(sections, details)
    return {
        "md": write(folder / "plan.md", plan_markdown(sections, details)),
        "docx": write(folder / "plan.docx", word),
        "pdf": write(folder / "plan.pdf", pdf),
        # error paths: no headings, damaged Word, damaged PDF, binary text, a PDF without its end
        "no-headings": write(folder / "notes.md", " ".join(s for ss in sections.values() for s in ss)),
        "damaged-docx": write(folder / "damaged.docx", word[: len(word) * 2 // 3]),
        "damaged-pdf": write(folder / "damaged.pdf", pdf.replace(b"/Type /Page", b"/Type /Pgae")),
        "truncated-pdf": write(folder / "truncated.pdf", pdf[: len(pdf) // 2]),
        "binary": write(folder / "binary.txt", b"Cnry9003Zx" + bytes(range(256)) * 8),
    }


@pytest.fixture
def every_logger_at_debug() -> Iterator[None]:
    """Root and every logger that exists at DEBUG (restored afterwards)."""
    import docx  # noqa: F401 - create the libraries' loggers before raising their levels
    import pdfplumber  # noqa: F401
    import pypdf  # noqa: F401

    names = [None, *logging.root.manager.loggerDict]
    before = {name: logging.getLogger(name).level for name in names}
    for name in names:
        logging.getLogger(name).setLevel(logging.DEBUG)
    try:
        yield
    finally:
        for name, level in before.items():
            logging.getLogger(name).setLevel(level)


def test_nothing_from_the_plans_reaches_logs_warnings_or_errors_in_process(
    plans: dict[str, Path],
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    every_logger_at_debug: None,
) -> None:
    from ehcp_lint.annotate import annotate_plan
    from ehcp_lint.api import lint
    from ehcp_lint.formatters import FormatOptions, formatter_names, get_formatter

    caplog.set_level(logging.DEBUG)
    logging.getLogger("ehcp_lint.tests").debug("control record: capture is working")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        reports = {name: lint(path) for name, path in plans.items()}
        for name in ("docx", "pdf"):
            plan_report = reports[name].plans[0]
            annotate_plan(plan_report.path, plan_report.findings, tmp_path / "marked", force=True)
        for format_name in formatter_names():
            for report in reports.values():
                get_formatter(format_name)(report, FormatOptions())
    good = [reports[n] for n in ("md", "docx", "pdf")]
    assert all(r.plans and r.plans[0].findings for r in good), "the canary plans are linted"
    assert any(CANARY.search(f.excerpt) for r in good for f in r.findings), "reports quote the plan"
    errors = [e.message for name, r in reports.items() if name not in ("md", "docx", "pdf") for e in r.errors]
    assert len(errors) == 5, errors
    assert not [m for m in errors if CANARY.search(m)]
    assert "control record: capture is working" in caplog.text
    assert not CANARY.search(caplog.text)
    assert not [str(w.message) for w in caught if CANARY.search(str(w.message))]


def _cli(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "ehcp_lint", *map(str, args)],
        capture_output=True, text=True, timeout=600, cwd=cwd, env=env, check=False,
    )


def test_nothing_from_the_plans_reaches_stderr_with_two_workers(plans: dict[str, Path], tmp_path: Path) -> None:
    for format_name in ("text", "json", "html"):
        result = _cli(
            *plans.values(), "--jobs", "2", "-f", format_name, "--annotate", tmp_path / "marked",
            "--force", "-o", tmp_path / f"report.{format_name}", "--force",
        )
        assert result.returncode == 2, result.stderr  # five files cannot be read
        assert result.stderr.count("error: ") == 5, result.stderr
        assert not CANARY.search(result.stderr), result.stderr
        assert "Traceback" not in result.stderr


LEAKY_RULE = '''
from ehcp_lint.engine.rule import Example, Rule, RuleDoc, Scope
from ehcp_lint.report import Severity


class LeakyRule(Rule):
    """A buggy plugin whose exception quotes the plan, as library exceptions often do."""

    code = "TST902"
    name = "leaky-exception"
    category = "placeholder-text"
    severity = Severity.INFO
    scope = Scope(level="plan")
    doc = RuleDoc(
        summary="Raises an exception quoting Section A (tests only).",
        why="Shows that an internal error is reported without plan text.",
        source="tests",
        poor=Example(section="A", text="x"),
        better=Example(section="A", text="y"),
    )

    def check_plan(self, plan, ctx):
        section = plan.section("A")
        raise ValueError(f"cannot handle {section.text if section else plan.text!r}")
'''


def test_an_internal_error_is_one_line_and_debug_shows_the_detail(plans: dict[str, Path], tmp_path: Path) -> None:
    rules = write(tmp_path / "rules" / "leaky.py", LEAKY_RULE).parent
    config = write(tmp_path / "ehcp-lint.toml", f'rules-folders = ["{rules}"]\nselect = ["TST902"]\n')
    args = (plans["md"], plans["docx"], "--jobs", "2", "--config", config, "-q")

    quiet = _cli(*args)
    assert quiet.returncode == 2
    assert quiet.stderr.count("internal error while linting (ValueError); please report it") == 2
    assert not CANARY.search(quiet.stderr) and "Traceback" not in quiet.stderr

    loud = _cli(*args, "--debug")
    assert loud.returncode == 2
    assert "Traceback (most recent call last)" in loud.stderr
    assert CANARY.search(loud.stderr), "--debug shows the internal detail, plan text included"


def test_an_unexpected_failure_in_the_command_line_is_one_line(
    plans: dict[str, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A crashing output format: one line and exit 2 by default; the traceback with --debug."""
    from ehcp_lint import formatters
    from ehcp_lint.cli import main

    def crash(report: object, options: object) -> str:
        findings = report.plans[0].findings  # type: ignore[attr-defined]
        quoted = next(f.excerpt for f in findings if f.excerpt)
        raise RuntimeError(f"cannot render {quoted!r}")

    monkeypatch.setitem(formatters._REGISTERED, "crash-for-tests", crash)
    with pytest.raises(SystemExit) as stopped:
        main([str(plans["md"]), "-f", "crash-for-tests", "--jobs", "1"])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert err == (
        "error: internal error (RuntimeError); nothing about the plans was changed; "
        "run again with --debug for details and please report it\n"
    )
    with pytest.raises(RuntimeError, match=CANARY.pattern):
        main([str(plans["md"]), "-f", "crash-for-tests", "--jobs", "1", "--debug"])


def test_typer_never_prints_local_variables() -> None:
    """Rich tracebacks with locals would print plan text held in variables."""
    from ehcp_lint.cli import app

    assert app.pretty_exceptions_show_locals is False
