"""Never lose work: plans are only ever read; outputs are atomic, private and never forced.

Every command is run over a Word, a PDF and a Markdown plan whose bytes,
permissions and modification times are recorded first and compared after.
Outputs are refused when they would overwrite a plan (also through a link)
or an existing file without ``--force``; writes go through one helper that
uses a private temporary file beside the target and a single rename, and
leaves nothing behind when it fails.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import BinaryIO

import pytest
from typer.testing import CliRunner, Result

from badinputs.corpus import running_as_root
from badinputs.examples import DETAILS, docx_bytes, pdf_bytes, plan_markdown, write
from ehcp_lint.cli import app
from ehcp_lint.fileio import OutputError, check_output_path, write_atomically, write_output

FORMATS = ("text", "json", "jsonl", "sarif", "csv", "github", "junit", "html")


@pytest.fixture
def plans(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "plans"
    return [
        write(folder / "plan.md", plan_markdown(details=DETAILS)),
        write(folder / "plan.docx", docx_bytes(details=DETAILS)),
        write(folder / "plan.pdf", pdf_bytes(details=DETAILS)),
    ]


def fingerprint(paths: list[Path]) -> dict[str, tuple[str, int, int]]:
    """Content hash, permissions and modification time of each file."""
    out = {}
    for path in paths:
        info = path.stat()
        out[str(path)] = (hashlib.sha256(path.read_bytes()).hexdigest(), info.st_mode, info.st_mtime_ns)
    return out


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def test_plans_are_byte_identical_after_every_command(plans: list[Path], tmp_path: Path) -> None:
    before = fingerprint(plans)
    out = tmp_path / "out"
    out.mkdir()
    commands: list[list[str | Path]] = [
        ["check", *plans, "-f", name, "-o", out / f"report.{name}", "--jobs", "1"] for name in FORMATS
    ]
    commands += [
        ["check", plans[0].parent, "--annotate", out / "marked", "-f", "html", "-o", out / "panel.html", "--jobs", "2"],
        ["check", *plans, "--write-baseline", out / "baseline.json", "--jobs", "1"],
        ["check", *plans, "--baseline", out / "baseline.json", "--jobs", "1", "--redact"],
        *(["parse", plan, "-f", name] for plan in plans for name in ("text", "json")),
        ["explain-rating", plans[1]],
    ]
    for command in commands:
        result = run(*command)
        assert result.exit_code in (0, 1), (command, result.output)
        assert fingerprint(plans) == before, f"{command} changed a plan"
    import ehcp_lint
    from ehcp_lint.annotate import annotate_plan

    report = ehcp_lint.lint_many([plans[0].parent], jobs=1)
    for plan in report.plans:
        annotate_plan(plan.path, plan.findings, out / "library", force=True)
    assert fingerprint(plans) == before
    assert sorted(p.name for p in (out / "marked").iterdir()) == ["plan.reviewed.docx", "plan.reviewed.pdf"]


def test_output_pointing_at_a_plan_is_refused(plans: list[Path], tmp_path: Path) -> None:
    before = fingerprint(plans)
    symlink = tmp_path / "link.json"
    symlink.symlink_to(plans[0])
    hardlink = tmp_path / "hard.json"
    os.link(plans[0], hardlink)
    for target in (plans[0], symlink, hardlink, plans[0].parent / ".." / "plans" / "plan.md"):
        result = run("check", *plans, "-f", "json", "-o", target, "--force", "--jobs", "1")
        assert result.exit_code == 2, target
        assert result.stderr == f"error: --output: {target} is one of the plans being checked; choose another file\n"
    folder_run = run("check", plans[0].parent, "-o", plans[1], "--force", "--jobs", "1")
    assert folder_run.exit_code == 2 and "is one of the plans being checked" in folder_run.stderr
    baseline_run = run("check", *plans, "--write-baseline", plans[0], "--jobs", "1")
    assert baseline_run.exit_code == 2 and "is one of the plans being checked" in baseline_run.stderr
    assert fingerprint(plans) == before


def test_an_existing_output_is_replaced_only_with_force(plans: list[Path], tmp_path: Path) -> None:
    target = write(tmp_path / "report.json", "keep me")
    refused = run("check", plans[0], "-f", "json", "-o", target)
    assert refused.exit_code == 2
    assert refused.stderr == f"error: --output: {target} already exists; use --force to replace it\n"
    assert target.read_text() == "keep me"
    forced = run("check", plans[0], "-f", "json", "-o", target, "--force")
    assert forced.exit_code in (0, 1)
    assert json.loads(target.read_text())["plans"]


def test_write_baseline_refreshes_a_baseline_but_replaces_nothing_else(plans: list[Path], tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    assert run("check", *plans, "--write-baseline", baseline, "--jobs", "1").exit_code == 0
    assert run("check", *plans, "--write-baseline", baseline, "--jobs", "1").exit_code == 0  # a refresh
    notes = write(tmp_path / "notes.json", '{"panel": "minutes of the March meeting"}')
    refused = run("check", *plans, "--write-baseline", notes, "--jobs", "1")
    assert refused.exit_code == 2
    assert refused.stderr == f"error: --write-baseline: {notes} already exists; use --force to replace it\n"
    assert "minutes" in notes.read_text()
    assert run("check", *plans, "--write-baseline", notes, "--force", "--jobs", "1").exit_code == 0
    assert json.loads(notes.read_text())["entries"]


# --------------------------------------------------------------------------- the write helper


def test_temporary_files_are_private_beside_the_target_and_removed(tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.json"
    target.parent.mkdir()
    seen: dict[str, object] = {}

    def writer(handle: BinaryIO) -> None:
        (temp,) = target.parent.iterdir()  # the temporary file, while it is being written
        seen["mode"] = stat.S_IMODE(temp.stat().st_mode)
        seen["name"] = temp.name
        handle.write(b"{}")

    write_atomically(target, writer)
    assert seen["mode"] == 0o600
    assert str(seen["name"]).startswith(".report.json.") and str(seen["name"]).endswith(".part")
    assert [p.name for p in target.parent.iterdir()] == ["report.json"]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600, "a new output is private"
    target.chmod(0o640)
    write_atomically(target, b"[]")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640, "a replaced output keeps its permissions"


@pytest.mark.parametrize("failure", [OSError("disk full"), KeyboardInterrupt()])
def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path: Path, failure: BaseException) -> None:
    target = write(tmp_path / "report.json", "the old report")

    def writer(handle: BinaryIO) -> None:
        handle.write(b"half a rep")
        raise failure

    with pytest.raises(type(failure)):
        write_atomically(target, writer)
    assert target.read_text() == "the old report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_write_output_refuses_in_one_line(tmp_path: Path) -> None:
    plan = write(tmp_path / "plan.md", "# Section A\n")
    with pytest.raises(OutputError, match=r"^--output: .*plan\.md is one of the plans being checked; choose another file$"):
        write_output(plan, b"x", inputs=[plan], force=True, what="--output")
    with pytest.raises(OutputError, match=r"^report: folder .*missing does not exist; create it first$"):
        check_output_path(tmp_path / "missing" / "r.json", what="report")
    with pytest.raises(OutputError, match=r"is a folder; give a file name$"):
        check_output_path(tmp_path, what="report")


@pytest.mark.skipif(running_as_root(), reason="root can write into a read-only folder")
def test_a_write_that_fails_is_one_line(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(OutputError, match=r"could not be written \(PermissionError\); check the folder"):
            write_output(locked / "r.json", b"x", what="report")
    finally:
        locked.chmod(0o700)


def test_marked_up_copies_are_written_privately(plans: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """During an annotate run, the helper's temporary file is private and beside the copy."""
    import ehcp_lint
    import ehcp_lint.annotate as annotate

    modes: list[tuple[int, Path]] = []
    real = annotate.write_atomically

    def watched(target: Path, data: bytes, *, mode: int | None = None) -> Path:
        def writer(handle: BinaryIO) -> None:
            (temp,) = [p for p in Path(target).parent.iterdir() if p.name.endswith(".part")]
            modes.append((stat.S_IMODE(temp.stat().st_mode), temp.parent))
            handle.write(data)

        return real(target, writer, mode=mode)

    monkeypatch.setattr(annotate, "write_atomically", watched)
    report = ehcp_lint.lint(plans[1])
    copy = annotate.annotate_plan(plans[1], report.plans[0].findings, tmp_path / "marked")
    assert copy is not None
    assert modes == [(0o600, tmp_path / "marked")]
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert [p.name for p in (tmp_path / "marked").iterdir()] == ["plan.reviewed.docx"]


def test_nothing_is_left_in_the_system_temporary_folder(plans: list[Path], tmp_path: Path) -> None:
    """A whole run (workers, annotate, HTML, baseline) with TMPDIR pointed at an empty folder."""
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    env = {**os.environ, "TMPDIR": str(private_tmp), "NO_COLOR": "1"}
    for extra in (["-f", "html", "-o", str(out / "panel.html"), "--annotate", str(out / "marked")],
                  ["--write-baseline", str(out / "baseline.json")]):
        result = subprocess.run(
            [sys.executable, "-m", "ehcp_lint", str(plans[0].parent), "--jobs", "2", *extra],
            env=env, capture_output=True, text=True, timeout=600, check=False,
        )
        assert result.returncode in (0, 1), result.stderr
    assert list(private_tmp.rglob("*")) == []
    assert not [p for p in out.rglob("*") if p.name.endswith(".part")]
