"""Write a report plan by plan as results arrive, so a 20,000-plan run never holds them all.

``jsonl`` and ``csv`` (one row per finding) are made of independent records,
so the command line writes each plan's findings as soon as its worker returns
them and then forgets them. What it keeps per plan is small: the plan's path
and format, its finding counts, and what batch rules asked the worker to
collect, kept pickled and compressed (zlib, packed by the worker, one share
per rule) until the batch rules run.

Batch rules (boilerplate across plans, another plan's child named in this
one) can only be judged once every plan has been read, so their findings come
**after** all the plans' own findings, each record still carrying its plan's
path. That is the one difference from a non-streamed report, where they sit
with their plan; tools reading JSON Lines or CSV should not depend on order.

Other formats (text, json, sarif, html, ...) describe the whole run at once and
are built in memory as before, and so are runs with a baseline, marked-up
copies or ``--debug`` (see :func:`can_stream`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, overload

from ehcp_lint import __version__
from ehcp_lint.config import Config
from ehcp_lint.engine.batch import FileResult
from ehcp_lint.engine.batch_data import PackedBatchData
from ehcp_lint.engine.runner import RuleSet
from ehcp_lint.model import PlanFormat
from ehcp_lint.report import FileError, Finding, PlanReport, Report, Severity, ToolInfo

#: Formats whose records stand alone, so they can be written as plans finish.
STREAMABLE_FORMATS = ("jsonl", "csv")

Renderer = Callable[[Report, Any], "str | bytes"]


def can_stream(
    format: str,
    *,
    summary: bool = False,
    baseline: bool = False,
    annotate: bool = False,
    debug: bool = False,
) -> bool:
    """Whether a run can be written plan by plan (see the module docstring)."""
    return format in STREAMABLE_FORMATS and not (summary or baseline or annotate or debug)


class _Packed(Sequence[tuple[str, Mapping[str, Any]]]):
    """What each plan's worker collected for batch rules, pickled and compressed.

    Workers send it packed (:class:`PackedBatchData`, one share per rule), and
    it is kept as it came. Batch rules read it as ``(path, data)`` pairs, one
    plan at a time (see :func:`ehcp_lint.api.apply_batch_rules`), and each
    lookup unpacks only the asking rule's share of that one plan.
    """

    def __init__(self) -> None:
        self._paths: list[str] = []
        self._data: list[PackedBatchData] = []

    def add(self, path: str, data: Mapping[str, Any]) -> None:
        self._paths.append(path)
        self._data.append(PackedBatchData(data))  # already packed by a worker: kept as is

    def __len__(self) -> int:
        return len(self._paths)

    @overload
    def __getitem__(self, index: int) -> tuple[str, Mapping[str, Any]]: ...
    @overload
    def __getitem__(self, index: slice) -> list[tuple[str, Mapping[str, Any]]]: ...
    def __getitem__(
        self, index: int | slice
    ) -> tuple[str, Mapping[str, Any]] | list[tuple[str, Mapping[str, Any]]]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        return self._paths[index], self._data[index]

    def __iter__(self) -> Iterator[tuple[str, Mapping[str, Any]]]:
        return zip(self._paths, self._data, strict=True)

    def bytes_held(self) -> int:
        return sum(d.bytes_held() for d in self._data)


@dataclass
class StreamTotals:
    """What is left of a streamed run: enough for the summary line and the exit code."""

    plans: int = 0
    by_severity: Counter[str] = field(default_factory=Counter)
    errors: list[FileError] = field(default_factory=list)
    #: Compressed batch-rule data held at the end (for the performance notes).
    batch_bytes: int = 0

    @property
    def findings(self) -> int:
        return sum(self.by_severity.values())

    def at_or_above(self, severity: str) -> bool:
        floor = Severity(severity).rank
        return any(Severity(s).rank >= floor and n for s, n in self.by_severity.items())

    def summary_line(self) -> str:
        """The same wording as a whole report's summary line (``formatters._common``)."""
        from ehcp_lint.formatters._common import plural

        if self.findings:
            parts = [
                plural(self.by_severity["error"], "error"),
                plural(self.by_severity["warning"], "warning"),
                plural(self.by_severity["info"], "info", "info"),
            ]
            found = f"{plural(self.findings, 'finding')} ({', '.join(parts)})"
        else:
            found = "no findings"
        text = f"{plural(self.plans, 'plan')}, {found}"
        if self.errors:
            n = len(self.errors)
            text += f", {n} {'file' if n == 1 else 'files'} could not be read"
        return text


class _Chunks:
    """Joins rendered pieces into one document: a CSV header (and BOM) only once."""

    def __init__(self, format: str) -> None:
        self._format = format
        self._started = False

    def piece(self, rendered: str | bytes) -> str:
        text = rendered.decode("utf-8") if isinstance(rendered, bytes) else rendered
        if self._format == "csv":
            if self._started:
                text = text.lstrip("\ufeff")
                text = text.split("\n", 1)[1] if "\n" in text else ""
            self._started = True
        return text


def _is_builtin_jsonl(renderer: Renderer) -> bool:
    from ehcp_lint.formatters import jsonl

    return renderer is jsonl.render


def stream_report(
    results: Iterable[FileResult],
    config: Config,
    ruleset: RuleSet,
    format: str,
    renderer: Renderer,
    options: Any,
    write_text: Callable[[str], object],
    *,
    redact: bool = False,
    on_error: Callable[[FileError], None] | None = None,
    write_bytes: Callable[[bytes], object] | None = None,
) -> StreamTotals:
    """Render each plan as its result arrives, then the batch rules' findings.

    Each piece of the document goes to ``write_text`` (standard output, or a
    file being written atomically: :func:`ehcp_lint.fileio.write_atomically`
    takes a function for outputs made piece by piece). ``renderer`` and
    ``options`` are the format's own, so the records are those a whole-report
    run gives. ``on_error`` hears about each file that could not be read, as
    it happens.

    A result its worker already rendered (``FileResult.rendered``, asked for
    with :class:`~ehcp_lint.engine.batch.Rendering`) is written as it came,
    through ``write_bytes`` when given (UTF-8), and counted from its counts.
    """
    from ehcp_lint.api import batch_findings

    chunks = _Chunks(format)
    totals = StreamTotals()
    plans: list[tuple[str, PlanFormat]] = []
    packed = _Packed()
    people: dict[str, Any] = {}
    wrote = False

    # The built-in JSON Lines are written as bytes, one plan's records at a time, without a
    # report around them (batch findings run to hundreds a plan in a template-heavy batch).
    as_records = write_bytes is not None and _is_builtin_jsonl(renderer)

    def write(report: Report) -> None:
        nonlocal wrote
        if redact:
            from ehcp_lint.privacy import redact_report

            report = redact_report(report, people)
        if as_records and write_bytes is not None:
            from ehcp_lint.formatters.jsonl import records

            data = b"".join(records(plan.path, plan.findings) for plan in report.plans)
            if data:
                write_bytes(data)
                wrote = True
            return
        piece = chunks.piece(renderer(report, options))
        if piece:
            write_text(piece)
            wrote = True

    def one_plan(index: int, findings: list[Finding]) -> Report:
        path, plan_format = plans[index]
        plan = PlanReport(path=path, format=plan_format, findings=findings)
        return Report(tool=ToolInfo(version=__version__), plans=[plan])

    for result in results:
        if result.rendered is not None:
            done = result.rendered
            if done.text:
                if write_bytes is not None:
                    write_bytes(done.text)
                else:
                    write_text(chunks.piece(done.text))
                wrote = True
            if redact and result.personal is not None:
                people[done.path] = result.personal
            totals.plans += 1
            totals.by_severity.update(done.by_severity)
            plans.append((done.path, done.format))
            packed.add(result.path, result.batch_data)
            continue
        if result.report is None:
            if result.error is not None:
                totals.errors.append(result.error)
                if on_error is not None:
                    on_error(result.error)
            continue
        plan = result.report
        if redact and result.personal is not None:
            people[plan.path] = result.personal
        write(Report(tool=ToolInfo(version=__version__), plans=[plan]))
        totals.plans += 1
        totals.by_severity.update(f.severity.value for f in plan.findings)
        plans.append((plan.path, plan.format))
        packed.add(result.path, result.batch_data)

    totals.batch_bytes = packed.bytes_held()
    if ruleset.batch_rules:
        # Findings of one plan that come one after another are written together.
        current, pending = -1, list[Finding]()
        for index, finding in batch_findings(packed, config, ruleset):
            totals.by_severity[finding.severity.value] += 1
            if index != current and pending:
                write(one_plan(current, pending))
                pending = []
            current = index
            pending.append(finding)
        if pending:
            write(one_plan(current, pending))
    if not wrote and format == "csv":  # an empty run still gets its header row
        write_text(chunks.piece(renderer(Report(tool=ToolInfo(version=__version__)), options)))
    return totals


__all__ = ["STREAMABLE_FORMATS", "StreamTotals", "can_stream", "stream_report"]
