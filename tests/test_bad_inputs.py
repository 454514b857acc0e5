"""Hostile and malformed files: a clear one-line error or a correct reading, and the batch goes on.

The corpus (:mod:`badinputs.corpus`, 50+ cases built at test time) is read
file by file through the public reader, then linted as one batch through the
command line with two worker processes. Per-file limits are tested on real
slow and large inputs, and the worker pool on its own with tasks that hang,
crash, exit and eat memory.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from badinputs import workers
from badinputs.corpus import (
    EXTERNAL_ENTITY_CANARY,
    Case,
    build_corpus,
    cases,
    compound_file,
    good_docx,
    good_markdown,
    read_compound_directory,
    running_as_root,
)
from badinputs.examples import plan_markdown, write
from ehcp_lint.config import Config
from ehcp_lint.engine.batch import FileResult, expand_paths, iter_results
from ehcp_lint.engine.limits import FileLimits, WorkerPool, WorkerStartError
from ehcp_lint.errors import PlanReadError, ProtectedFileError, UnsafeFileError
from ehcp_lint.reading import load_plan

AS_ROOT = running_as_root()
FILE_CASES = [c for c in cases() if not c.folder]
#: Words of the invented plans: an error message must never quote them.
PLAN_WORDS = re.compile(r"Tomos|Pryce|trains|phonics|teaching assistant|Larch|megan")


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    build_corpus(folder)
    return folder


@pytest.fixture(scope="module")
def corpus(corpus_dir: Path) -> dict[str, Path]:
    return {case.name: corpus_dir / case.name for case in cases()}


def _one_line_without_plan_text(message: str, path: Path | str) -> None:
    assert message.startswith(f"{path}: "), message
    assert "\n" not in message and "Traceback" not in message, message
    assert not PLAN_WORDS.search(message), message


# --------------------------------------------------------------------------- the corpus itself


def test_the_corpus_has_at_least_40_distinct_cases() -> None:
    all_cases = cases()
    assert len(all_cases) >= 40
    assert len({c.name for c in all_cases}) == len(all_cases)
    kinds = {c.expect.error.__name__ if c.expect.error else "reads" for c in all_cases}
    assert {
        "reads", "CorruptFileError", "UnsupportedFormatError", "ProtectedFileError",
        "UnsafeFileError", "NoTextError", "NoSectionsError", "PlanReadError",
    } <= kinds


def test_the_handwritten_compound_files_are_well_formed() -> None:
    """The password-protected .docx is a real OLE2 compound file, not just magic bytes."""
    data = compound_file({"EncryptionInfo": b"\x04\x00\x04\x00" + bytes(96), "EncryptedPackage": bytes(5000)})
    assert len(data) % 512 == 0
    assert read_compound_directory(data) == {"EncryptionInfo": 100, "EncryptedPackage": 5000}
    with pytest.raises(ProtectedFileError):
        from ehcp_lint.readers.container import check_docx_container

        check_docx_container(data, "locked.docx")


# --------------------------------------------------------------------------- file by file


@pytest.mark.parametrize("case", FILE_CASES, ids=lambda c: c.name)
def test_each_file_reads_or_fails_with_a_clear_one_line_error(case: Case, corpus: dict[str, Path]) -> None:
    path = corpus[case.name]
    expected = case.expected(as_root=AS_ROOT)
    try:
        plan = load_plan(path)
    except PlanReadError as err:
        assert not expected.reads, f"{case.name} ({case.note}) should read, but: {err}"
        assert isinstance(err, expected.error), f"{case.name}: {type(err).__name__}: {err}"  # type: ignore[arg-type]
        assert expected.fragment in str(err), f"{case.name}: {err}"
        _one_line_without_plan_text(str(err), path)
    else:
        assert expected.reads, f"{case.name} ({case.note}) read, but should fail: {expected.describe()}"
        assert plan.sections, case.name


@pytest.mark.skipif(AS_ROOT, reason="root reads files whatever their permissions, so mode 000 does not bite")
def test_a_file_without_read_permission(corpus: dict[str, Path]) -> None:
    with pytest.raises(PlanReadError, match="permission denied") as err:
        load_plan(corpus["unreadable.md"])
    _one_line_without_plan_text(str(err.value), corpus["unreadable.md"])


def test_a_symlink_loop_is_walked_once(corpus: dict[str, Path]) -> None:
    """Links to the folder itself and to its parent: followed, but no folder is walked twice."""
    files, errors = expand_paths([corpus["symlink-loop"]])
    assert errors == []
    resolved = [f.resolve() for f in files]
    assert len(resolved) == len(set(resolved))
    assert [f.name for f in files].count("inside-loop.md") == 1
    assert files[0].name == "inside-loop.md" and load_plan(files[0]).sections


def test_folders_without_plans_are_one_line_errors(corpus: dict[str, Path]) -> None:
    for name in ("no-plan-files", "plan-folder.docx"):
        files, errors = expand_paths([corpus[name]])
        assert files == []
        assert [e.message for e in errors] == [
            f"{corpus[name]}: no plan files found (.docx, .pdf, .md, .txt) in this folder"
        ]
    with pytest.raises(PlanReadError, match="is a folder, not a plan file"):
        load_plan(corpus["plan-folder.docx"])


def test_an_external_entity_is_never_resolved(corpus_dir: Path, corpus: dict[str, Path]) -> None:
    """The entity points at a real file holding a canary; the canary never comes back."""
    assert (corpus_dir / "entity-target.txt.secret").read_text() == EXTERNAL_ENTITY_CANARY
    with pytest.raises(UnsafeFileError) as err:
        load_plan(corpus["external-entity.docx"])
    assert EXTERNAL_ENTITY_CANARY not in str(err.value)


def test_entity_expansion_never_blows_up_memory(corpus: dict[str, Path], tmp_path: Path) -> None:
    """Under a 64 MB cap, a billion-laughs file is refused for what it is, not for its memory."""
    good = write(tmp_path / "good.md", good_markdown())
    config = Config(file_memory_mb=64, select=["PRV001"])
    results = list(iter_results([corpus["billion-laughs.docx"], good], config, jobs=2))
    assert results[0].error is not None
    assert "contains XML entity declarations" in results[0].error.message
    assert results[1].report is not None


# --------------------------------------------------------------------------- one batch, as a panel runs it


def _cli(*args: str | Path, cwd: Path | None = None, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "ehcp_lint", *map(str, args)],
        capture_output=True, text=True, timeout=timeout, cwd=cwd, env=env, check=False,
    )


def test_the_whole_corpus_and_two_good_plans_in_one_batch(corpus_dir: Path, tmp_path: Path) -> None:
    good = [write(tmp_path / "good-one.md", good_markdown()), write(tmp_path / "good-two.docx", good_docx())]
    config = write(tmp_path / "ehcp-lint.toml", "file-timeout = 10\n")
    out = tmp_path / "report.json"
    result = _cli(
        corpus_dir, corpus_dir / "no-plan-files", corpus_dir / "plan-folder.docx", *good,
        "--jobs", "2", "--config", config, "-f", "json", "-o", out,
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    for line in result.stderr.splitlines():
        assert line.startswith(("error: ", "wrote ")), line
        assert not PLAN_WORDS.search(line), line
    assert EXTERNAL_ENTITY_CANARY not in result.stderr + out.read_text(encoding="utf-8")

    report = json.loads(out.read_text(encoding="utf-8"))
    seen = [p["path"] for p in report["plans"]] + [e["path"] for e in report["errors"]]
    assert len(seen) == len(set(seen)), "a file was checked twice"
    plans = {Path(p["path"]).name: p for p in report["plans"]}
    errors = {Path(e["path"]).name: e["message"] for e in report["errors"]}
    for case in cases():
        name = "inside-loop.md" if case.name == "symlink-loop" else case.name
        expected = case.expected(as_root=AS_ROOT)
        if expected.reads and case.slow_to_check and name in errors:
            assert errors[name].endswith(
                "took longer than 10 s; skipped (raise file-timeout in the configuration "
                "if this plan is genuinely that large)"
            ), errors[name]
        elif expected.reads:
            assert name in plans, f"{case.name}: {errors.get(name)}"
        else:
            assert name in errors, f"{case.name} ({case.note}) was not reported"
            assert expected.fragment in errors[name], errors[name]
    for name in ("good-one.md", "good-two.docx"):
        assert plans[name]["findings"], name
    assert len(plans) + len(errors) == len(cases()) + 2


def test_exit_code_2_only_when_a_file_cannot_be_read(corpus: dict[str, Path]) -> None:
    readable = [
        corpus[c.name]
        for c in FILE_CASES
        if c.expected(as_root=AS_ROOT).reads and not c.slow_to_check
    ]
    odd_but_fine = _cli(*readable, "--jobs", "2", "-q", "--select", "PRV001,STR001")
    assert odd_but_fine.returncode in (0, 1), odd_but_fine.stderr
    assert odd_but_fine.stdout.strip().splitlines()[-1].startswith(f"{len(readable)} plans,")
    unreadable = _cli(corpus["truncated.docx"], corpus["emoji.md"], "--jobs", "2", "-q")
    assert unreadable.returncode == 2
    assert "error: " in unreadable.stderr and "Traceback" not in unreadable.stderr


# --------------------------------------------------------------------------- per-file limits, real inputs


@pytest.fixture(scope="module")
def slow_plan(corpus: dict[str, Path]) -> Path:
    """The 200,000-word paragraph: reading takes a moment, checking it minutes."""
    return corpus["long-paragraph.md"]


def _messages(results: list[FileResult]) -> list[str]:
    return [r.error.message if r.error else "report" for r in results]


@pytest.mark.parametrize("jobs", [2, 1], ids=["two-workers", "one-worker"])
def test_a_file_past_the_time_limit_is_skipped_and_the_batch_goes_on(
    jobs: int, slow_plan: Path, tmp_path: Path
) -> None:
    # The limit leaves room for a good plan (and a worker's start-up) on a loaded CI machine: the
    # slow plan takes minutes, so any limit of a few seconds separates the two.
    good = [write(tmp_path / f"good-{i}.md", good_markdown()) for i in range(3)]
    config = Config(file_timeout=8.0)
    results = list(iter_results([good[0], slow_plan, good[1], good[2]], config, jobs=jobs))
    assert _messages(results) == [
        "report",
        f"{slow_plan}: took longer than 8 s; skipped (raise file-timeout in the configuration "
        "if this plan is genuinely that large)",
        "report",
        "report",
    ]


def test_a_single_file_in_this_process_keeps_the_time_limit(slow_plan: Path) -> None:
    """--jobs 1 with one file runs here, under the watchdog: the limit still holds."""
    results = list(iter_results([slow_plan], Config(file_timeout=0.5), jobs=1))
    assert _messages(results) == [
        f"{slow_plan}: took longer than 0.5 s; skipped (raise file-timeout in the configuration "
        "if this plan is genuinely that large)"
    ]


@pytest.fixture(scope="module")
def large_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 48 MB text plan: reading it needs far more than 64 MB."""
    paragraph = "Tomos reads with an adult each morning for twenty minutes. " * 10
    path = tmp_path_factory.mktemp("large") / "large.md"
    path.write_text(plan_markdown({"B": [paragraph] * 80_000}), encoding="utf-8")
    assert path.stat().st_size > 45 * 1024 * 1024
    return path


def test_a_file_past_the_memory_guard_is_skipped_and_the_batch_goes_on(large_plan: Path, tmp_path: Path) -> None:
    good = [write(tmp_path / f"good-{i}.md", good_markdown()) for i in range(2)]
    config = Config(file_memory_mb=64)
    results = list(iter_results([good[0], large_plan, good[1]], config, jobs=2))
    assert _messages(results) == [
        "report",
        f"{large_plan}: needed more than 64 MB; skipped (raise file-memory-mb in the configuration "
        "if this plan is genuinely that large)",
        "report",
    ]


def test_a_single_file_in_this_process_keeps_the_memory_guard(large_plan: Path) -> None:
    results = list(iter_results([large_plan], Config(file_memory_mb=64), jobs=1))
    assert _messages(results) == [
        f"{large_plan}: needed more than 64 MB; skipped (raise file-memory-mb in the configuration "
        "if this plan is genuinely that large)"
    ]


CRASHING_RULE = '''
import os
import resource
import signal

from ehcp_lint.engine.rule import Example, Rule, RuleDoc, Scope
from ehcp_lint.report import Severity


class CrashOnMarker(Rule):
    """Stands in for a C library that crashes on one document."""

    code = "TST901"
    name = "crash-on-marker"
    category = "placeholder-text"
    severity = Severity.INFO
    scope = Scope(level="plan")
    doc = RuleDoc(
        summary="Crashes the worker process on a marker (tests only).",
        why="Shows that a crashing worker costs only the file it was reading.",
        source="tests",
        poor=Example(section="A", text="x"),
        better=Example(section="A", text="y"),
    )

    def check_plan(self, plan, ctx):
        if "CRASH-THIS-WORKER" in plan.text:
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # no core file
            os.kill(os.getpid(), signal.SIGSEGV)
        return iter(())
'''


def test_a_worker_that_crashes_costs_only_its_file(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    write(rules / "crash.py", CRASHING_RULE)
    plans = [write(tmp_path / f"plan-{i}.md", good_markdown()) for i in range(4)]
    write(plans[1], plan_markdown({"A": ["CRASH-THIS-WORKER"]}))
    config = Config(rules_folders=[str(rules)], select=["TST901", "PRV001"])
    results = list(iter_results(plans, config, jobs=2))
    assert _messages(results) == [
        "report",
        f"{plans[1]}: the worker reading this file stopped unexpectedly (signal SIGSEGV); skipped "
        "(the file may be damaged; the other files were still checked)",
        "report",
        "report",
    ]


# --------------------------------------------------------------------------- the worker pool on its own


def _pool(size: int, limits: FileLimits, initializer: object = workers.start_worker) -> WorkerPool[str]:
    return WorkerPool(size, initializer, ("t",), workers.run, limits, workers.failure)  # type: ignore[arg-type]


def test_workers_hung_crashed_or_exited_are_replaced_and_every_item_is_answered() -> None:
    pool = _pool(2, FileLimits(timeout=1.5, memory_mb=None))
    items = ["ok:1", "sleep:60", "exit:3", "ok:2", "signal:SIGKILL", "raise", "ok:3"]
    got = dict(pool.run(items))
    assert sorted(got) == list(range(len(items)))
    assert got[0].startswith("done:1:") and got[3].startswith("done:2:") and got[6].startswith("done:3:")
    assert got[1] == "failed:sleep:60: took longer than 1.5 s; skipped (raise file-timeout in the configuration if this plan is genuinely that large)"
    assert got[2].startswith("failed:exit:3: the worker reading this file stopped unexpectedly (exit code 3)")
    assert got[4].startswith("failed:signal:SIGKILL: the worker reading this file stopped unexpectedly (signal SIGKILL)")
    assert got[5] == "failed:raise: internal error while checking this file (ValueError); please report it"
    assert pool.started >= 4, "hung, exited and killed workers are replaced"


def test_workers_live_for_the_whole_batch_in_the_normal_case() -> None:
    """Two workers answer twelve files without any being replaced.

    Which worker takes which file depends on the machine's load (a worker that starts late
    may find the other has done everything), so the test counts started workers and the
    processes that answered, not how the files were shared.
    """
    pool = _pool(2, FileLimits(timeout=30, memory_mb=512))
    got = dict(pool.run([f"ok:{i}" for i in range(12)]))
    pids = {value.rsplit(":", 1)[1] for value in got.values()}
    assert sorted(got) == list(range(12)) and pool.started == 2 and 1 <= len(pids) <= 2


def test_the_next_file_goes_out_before_a_result_is_handed_on(tmp_path: Path) -> None:
    """While the caller is still holding the first result (writing it, say), the worker
    has already been given the second file: it does not sit idle for the caller."""
    import time

    marker = tmp_path / "second-started"
    pool = _pool(1, FileLimits(timeout=30, memory_mb=None))
    batch = pool.run(["ok:first", f"mark:{marker}"])
    index, first = next(batch)  # the generator now pauses here, holding the first result
    assert index == 0 and first.startswith("done:first:")
    deadline = time.monotonic() + 30
    while not marker.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert marker.exists(), "the second file was not handed out until the first result was consumed"
    assert [i for i, _ in batch] == [1]


def test_a_worker_past_the_memory_guard_is_replaced() -> None:
    pool = _pool(1, FileLimits(timeout=30, memory_mb=64))
    got = dict(pool.run(["grow:300", "ok:after"]))
    assert got[0] == "failed:grow:300: needed more than 64 MB; skipped (raise file-memory-mb in the configuration if this plan is genuinely that large)"
    assert got[1].startswith("done:after:")
    assert pool.started == 2


def test_workers_that_cannot_start_give_one_clear_error() -> None:
    pool = _pool(2, FileLimits(), initializer=workers.fail_to_start)
    with pytest.raises(WorkerStartError, match=r"^nlp-model 't' is not installed; remove nlp-model"):
        list(pool.run(["ok:1", "ok:2"]))


def test_stopping_early_stops_the_workers() -> None:
    pool = _pool(2, FileLimits(timeout=30, memory_mb=None))
    batch = pool.run(["ok:1", "sleep:60", "sleep:60"])
    first = next(batch)
    batch.close()
    pid = int(first[1].rsplit(":", 1)[1])
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_workers_start_even_when_the_temporary_folder_path_is_very_long(tmp_path: Path) -> None:
    """The forkserver's socket path would pass the 108-byte Unix limit: workers start afresh instead."""
    long_tmp = tmp_path / ("t" * 90) / ("m" * 60)
    long_tmp.mkdir(parents=True)
    plans = [write(tmp_path / f"plan-{i}.md", good_markdown()) for i in range(2)]
    env = {**os.environ, "TMPDIR": str(long_tmp), "NO_COLOR": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "ehcp_lint", *map(str, plans), "--jobs", "2", "-q"],
        env=env, capture_output=True, text=True, timeout=600, check=False,
    )
    assert result.returncode in (0, 1), result.stderr
    assert result.stdout.strip().splitlines()[-1].startswith("2 plans,")
