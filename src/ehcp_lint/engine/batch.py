"""Lint many plans: find the files, fan out to worker processes, stream results back.

Each worker builds the rule set, compiled matchers and spaCy pipeline once (in
its initializer), then lints plan after plan. Results stream back in input
order as they finish, so a progress bar moves and the parent never holds more
than a bounded number of plans in flight. Batch rules (such as boilerplate
detection) see only the small facts each plan's worker collected for them.

A hostile or pathological file costs only itself: every file runs under the
configured time limit and memory guard (``file-timeout``, ``file-memory-mb``;
see :mod:`ehcp_lint.engine.limits`). A worker that passes a limit or crashes
is killed and replaced, the file gets a one-line error, and the batch goes on.
Any batch of more than one file runs in worker processes (``--jobs 1`` is one
worker), so the limits always hold there; a single file runs in this process
under a watchdog.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import traceback
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Literal

from ehcp_lint import __version__
from ehcp_lint.config import Config
from ehcp_lint.engine.batch_data import PackedBatchData
from ehcp_lint.engine.gc_policy import after_start_up, plan_in_hand
from ehcp_lint.engine.limits import FileLimits, WorkerPool, call_with_limits, watchdog_available
from ehcp_lint.errors import EhcpLintError, PlanReadError
from ehcp_lint.model import PlanFormat
from ehcp_lint.privacy import PersonalData
from ehcp_lint.report import FileError, PlanReport, Report, ToolInfo

PLAN_SUFFIXES = (".docx", ".pdf", ".md", ".markdown", ".txt")
#: Found in folders too, so that a plan still saved as a legacy .doc is reported
#: ("save it as .docx") rather than silently left out of the batch.
FOLDER_SUFFIXES = (*PLAN_SUFFIXES, ".doc")


@dataclass(frozen=True)
class Rendering:
    """Asks for each plan's own findings to be written where the plan was linted.

    A batch parent that writes JSON Lines would otherwise receive every plan's
    findings as objects (hundreds a plan), unpickle them and render them, all
    on the parent's one core while the workers wait for it. With a rendering,
    each worker sends its plan's lines ready to write (:class:`RenderedPlan`).
    Only ``jsonl``: its records stand alone and need no format options.
    ``redact`` redacts them first with the plan's own personal details, as the
    parent does (:func:`ehcp_lint.privacy.redact_report`).
    """

    format: Literal["jsonl"] = "jsonl"
    redact: bool = False


@dataclass(frozen=True)
class RenderedPlan:
    """A plan's own findings as its worker wrote them, and what the parent still needs."""

    path: str
    format: PlanFormat
    #: The findings' records, UTF-8, exactly as the format renders the plan's report.
    text: bytes
    #: Findings by severity value (``PlanSummary.by_severity``), for the summary line and exit code.
    by_severity: dict[str, int]


@dataclass
class FileResult:
    """The outcome for one file: a report, or a one-line error.

    When a :class:`Rendering` was asked for, a plan that was read gives
    ``rendered`` instead of ``report``.
    """

    path: str
    report: PlanReport | None = None
    error: FileError | None = None
    #: The plan's findings already written (only when a :class:`Rendering` was asked for).
    rendered: RenderedPlan | None = None
    #: What batch rules collected, by rule code (packed by a worker: see ``PackedBatchData``).
    batch_data: Mapping[str, Any] = field(default_factory=dict)
    #: Personal names from the plan's personal details (for cross-plan identity checks).
    names: list[str] = field(default_factory=list)
    #: What the plan says about whom it concerns, for ``--redact`` (kept in memory only).
    personal: PersonalData | None = None
    #: Internal detail of an unexpected failure (a traceback), shown only with ``--debug``.
    detail: str | None = None


def failed(path: str, message: str) -> FileResult:
    """The result for a file that could not be read or finished: one line, no plan text."""
    return FileResult(path=path, error=FileError(path=path, message=message))


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[FileError]]:
    """Files as given, plus plan files found under folders (sorted, no duplicates).

    Hidden files and Word's ``~$`` lock files are skipped; symlink loops are
    never followed twice. A path that does not exist is an error entry.
    """
    files: list[Path] = []
    errors: list[FileError] = []
    seen: set[str] = set()

    def add(p: Path) -> None:
        key = str(p.resolve()) if p.exists() else str(p)
        if key not in seen:
            seen.add(key)
            files.append(p)

    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            before = len(files)
            visited: set[tuple[int, int]] = set()
            for root, dirs, names in os.walk(p, followlinks=True):
                try:
                    st = os.stat(root)
                except OSError:
                    dirs[:] = []
                    continue
                ident = (st.st_dev, st.st_ino)
                if ident in visited:  # a symlink loop
                    dirs[:] = []
                    continue
                visited.add(ident)
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    if name.startswith((".", "~$")):
                        continue
                    if name.lower().endswith(FOLDER_SUFFIXES):
                        add(Path(root) / name)
            if len(files) == before:
                errors.append(
                    FileError(
                        path=str(p),
                        message=f"{p}: no plan files found (.docx, .pdf, .md, .txt) in this folder",
                    )
                )
        elif p.exists() or p.is_symlink():
            add(p)
        else:
            errors.append(FileError(path=str(p), message=f"{p}: no such file or folder"))
    return files, errors


# -- worker side -------------------------------------------------------------------
_WORKER: Any = None


_RENDERING: Rendering | None = None


def _init_worker(config_data: dict[str, Any], rendering: Rendering | None = None) -> None:
    global _WORKER, _RENDERING
    from ehcp_lint.engine.gc_policy import start_up
    from ehcp_lint.engine.runner import Linter

    start_up()  # a worker is ours: no collections while it builds; the Linter freezes it all
    _WORKER = Linter(Config.model_validate(config_data))
    _RENDERING = rendering


def lint_file(linter: Any, path: str) -> FileResult:
    """Read and lint one file; every expected failure becomes a one-line error.

    In ehcp-lint's own processes the garbage collector is paused while the plan
    is in hand and collects once afterwards (:func:`~ehcp_lint.engine.gc_policy.plan_in_hand`),
    after the linter has let go of what it and its rules kept about the plan
    (:meth:`~ehcp_lint.engine.runner.Linter.plan_done`).
    """
    with plan_in_hand():
        try:
            return _read_and_lint(linter, path)
        finally:
            linter.plan_done()  # before the collection: nothing kept about the plan is walked


def _read_and_lint(linter: Any, path: str) -> FileResult:
    from ehcp_lint.reading import ReadOptions, load_plan

    config: Config = linter.config
    options = ReadOptions(
        heading_aliases=config.heading_aliases,
        max_file_bytes=config.max_file_mb * 1024 * 1024,
    )
    try:
        plan = load_plan(path, options)
    except PlanReadError as exc:
        return failed(path, exc.one_line())
    except EhcpLintError as exc:
        return failed(path, f"{path}: {exc}")
    except MemoryError:
        raise  # the memory guard reports it
    except Exception as exc:  # a reader bug must cost this file only, and quote no plan text
        result = failed(
            path, f"{path}: internal error while reading ({exc.__class__.__name__}); please report it"
        )
        result.detail = traceback.format_exc()
        return result
    try:
        report = linter.lint_plan(plan)
        batch_data = linter.collect(plan)
    except EhcpLintError as exc:
        return failed(path, f"{path}: {exc}")
    except MemoryError:
        raise
    except Exception as exc:
        message = f"{path}: internal error while linting ({exc.__class__.__name__}); please report it"
        result = failed(path, message)
        result.detail = traceback.format_exc()
        return result
    from ehcp_lint.privacy import personal_data

    names = [n for n in (plan.metadata.child_name, plan.metadata.preferred_name) if n]
    return FileResult(
        path=path, report=report, batch_data=batch_data, names=names, personal=personal_data(plan)
    )


def render_result(result: FileResult, rendering: Rendering) -> FileResult:
    """``result`` with its report's findings written as ``rendering`` asks (see :class:`Rendering`).

    The report itself is dropped: its findings are in the text, its counts by
    severity alongside. The plan's personal details are kept only for
    redaction (batch findings are redacted by the parent).
    """
    report = result.report
    if report is None:
        return result
    from ehcp_lint.formatters.jsonl import records

    shown = report
    if rendering.redact:
        from ehcp_lint.privacy import redact_report

        whole = Report(tool=ToolInfo(version=__version__), plans=[report])
        people = {report.path: result.personal} if result.personal is not None else {}
        shown = redact_report(whole, people).plans[0]
    result.rendered = RenderedPlan(
        path=report.path,
        format=report.format,
        text=records(shown.path, shown.findings),
        by_severity=dict(report.summary.by_severity),
    )
    result.report = None
    if not rendering.redact:
        result.personal = None
    return result


def _work(path: str) -> FileResult:
    result = lint_file(_WORKER, path)
    if _RENDERING is not None:
        result = render_result(result, _RENDERING)
    if result.batch_data:  # packed here, so the parent stores it without unpacking it
        result.batch_data = PackedBatchData(result.batch_data)
    return result


def _context() -> multiprocessing.context.BaseContext:
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


def default_jobs() -> int:
    return max(1, os.cpu_count() or 1)


def iter_results(
    files: Sequence[str | os.PathLike[str]],
    config: Config,
    jobs: int | None = None,
    *,
    isolate: bool | None = None,
    rendering: Rendering | None = None,
) -> Iterator[FileResult]:
    """Lint ``files`` and yield one result per file, in input order, as they finish.

    Every file runs under the configured per-file limits. ``isolate`` chooses
    where: ``True`` in worker processes (at most ``jobs`` of them), ``False``
    in this process under a watchdog, ``None`` (the default) in workers for
    more than one file and in this process for a single file (where the
    watchdog can run: the main thread of a POSIX system). With a
    ``rendering``, each plan's findings come written (``FileResult.rendered``).
    """
    jobs = default_jobs() if jobs is None else max(1, jobs)
    paths = [str(f) for f in files]
    if not paths:
        return
    limits = FileLimits.from_config(config)
    if isolate is None:
        isolate = len(paths) > 1 or (limits.active and not watchdog_available())
    if not isolate:
        from ehcp_lint.engine.runner import Linter

        linter = Linter(config)
        for p in paths:
            result = call_with_limits(partial(lint_file, linter), p, limits, failed)
            yield result if rendering is None else render_result(result, rendering)
        return
    config_data = config.model_dump(mode="json", by_alias=True)
    after_start_up()  # the command line's own start-up is over: collect as usual from here
    pool: WorkerPool[FileResult] = WorkerPool(
        min(jobs, len(paths)),
        _init_worker,
        (config_data, rendering),
        _work,
        limits,
        failed,
        context=_context(),
    )
    waiting: dict[int, FileResult] = {}
    following = 0
    for index, result in pool.run(paths):
        waiting[index] = result
        while following in waiting:
            yield waiting.pop(following)
            following += 1
