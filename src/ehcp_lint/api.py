"""The library API: the same results as the command line, as pydantic models.

    >>> import ehcp_lint
    >>> report = ehcp_lint.lint("plan.docx")                      # doctest: +SKIP
    >>> for finding in report.findings:                          # doctest: +SKIP
    ...     print(finding.code, finding.location.describe(), finding.message)
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import overload

from ehcp_lint import __version__
from ehcp_lint.config import Config
from ehcp_lint.engine.batch import FileResult, expand_paths, iter_results
from ehcp_lint.engine.runner import Linter, RuleSet, build_ruleset, summarise
from ehcp_lint.model import Location, Plan
from ehcp_lint.report import Finding, Report, ToolInfo


def lint(path_or_plan: str | os.PathLike[str] | Plan, config: Config | None = None) -> Report:
    """Lint one plan (a path or an already-read :class:`Plan`).

    A file that cannot be read gives a report with one entry in ``errors``,
    exactly as the command line would show it.
    """
    config = config or Config()
    if isinstance(path_or_plan, Plan):
        linter = Linter(config)
        plan_report = linter.lint_plan(path_or_plan)
        return Report(tool=ToolInfo(version=__version__), plans=[plan_report])
    return lint_many([path_or_plan], config=config, jobs=1)


def lint_many(
    paths: Iterable[str | os.PathLike[str]],
    config: Config | None = None,
    jobs: int | None = None,
) -> Report:
    """Lint files and folders (folders are searched for plans), batch rules included."""
    config = config or Config()
    results = list(iter_lint(paths, config=config, jobs=jobs))
    return assemble_report(results, config)


def iter_lint(
    paths: Iterable[str | os.PathLike[str]],
    config: Config | None = None,
    jobs: int | None = None,
) -> Iterator[FileResult]:
    """Stream one :class:`FileResult` per file (missing paths become error results)."""
    config = config or Config()
    files, errors = expand_paths(paths)
    for err in errors:
        yield FileResult(path=err.path, error=err)
    yield from iter_results(files, config, jobs)


def assemble_report(
    results: Iterable[FileResult],
    config: Config,
    ruleset: RuleSet | None = None,
) -> Report:
    """Combine per-file results into one report and run batch rules across them."""
    report = Report(tool=ToolInfo(version=__version__))
    collected: list[tuple[str, Mapping[str, object]]] = []
    for r in results:
        if r.report is not None:
            report.plans.append(r.report)
            collected.append((r.path, r.batch_data))
        elif r.error is not None:
            report.errors.append(r.error)
    apply_batch_rules(report, collected, config, ruleset)
    return report


class _RuleShare(Sequence[tuple[str, object]]):
    """One batch rule's share of what the workers collected, looked up as the rule reads it.

    A view, not a copy: when ``collected`` unpacks each plan's facts on access
    (the streaming command line keeps them compressed), a rule never has every
    plan's facts unpacked at once.
    """

    def __init__(self, collected: Sequence[tuple[str, Mapping[str, object]]], code: str) -> None:
        self._collected = collected
        self._code = code

    def __len__(self) -> int:
        return len(self._collected)

    @overload
    def __getitem__(self, index: int) -> tuple[str, object]: ...
    @overload
    def __getitem__(self, index: slice) -> list[tuple[str, object]]: ...
    def __getitem__(self, index: int | slice) -> tuple[str, object] | list[tuple[str, object]]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        path, data = self._collected[index]
        return path, data.get(self._code)

    def __iter__(self) -> Iterator[tuple[str, object]]:
        for path, data in self._collected:
            yield path, data.get(self._code)


def batch_findings(
    collected: Sequence[tuple[str, Mapping[str, object]]],
    config: Config,
    ruleset: RuleSet | None = None,
) -> Iterator[tuple[int, Finding]]:
    """Batch-level rules' findings as ``(plan index, finding)``, rule by rule, as they are found.

    ``collected`` holds ``(path, what the plan's worker collected)`` per plan,
    in batch order; the index says which plan a finding belongs to. A
    generator, so that a streamed run can write each finding and forget it.
    """
    ruleset = ruleset or build_ruleset(config)
    if len(collected) < 2:
        return
    for rule in ruleset.batch_rules:
        per_plan = _RuleShare(collected, rule.code)
        for hit in rule.check_batch(per_plan, config):
            if hit.plan_index is None or not 0 <= hit.plan_index < len(collected):
                continue
            excerpt = hit.excerpt
            start, end = hit.start, hit.end
            # Finding(**fields) through its validator alone: the same instance, validated the
            # same way, without __init__'s keyword handling (a template-heavy batch has
            # hundreds of boilerplate findings a plan).
            yield hit.plan_index, _finding(
                {
                    "code": rule.code,
                    "name": rule.name,
                    "category": rule.category,
                    "severity": config.severity.get(rule.code, hit.severity or rule.severity),
                    "section": hit.section,
                    "message": hit.message,
                    "suggestion": hit.suggestion,
                    "excerpt": excerpt,
                    "match": excerpt[start:end] if start is not None and end is not None else "",
                    "start": start,
                    "end": end,
                    "location": hit.location or Location(),
                    "related": list(hit.related),
                    "order": hit.order if hit.order is not None else float("inf"),
                }
            )


_finding: Callable[[dict[str, object]], Finding] = Finding.__pydantic_validator__.validate_python


def apply_batch_rules(
    report: Report,
    collected: Sequence[tuple[str, Mapping[str, object]]],
    config: Config,
    ruleset: RuleSet | None = None,
) -> None:
    """Run batch-level rules on what each plan's worker collected; append their findings."""
    touched: set[int] = set()
    for index, finding in batch_findings(collected, config, ruleset):
        if index >= len(report.plans):
            continue
        report.plans[index].findings.append(finding)
        touched.add(index)
    for index in touched:
        plan_report = report.plans[index]
        # Batch findings join the plan's own findings in plan order (a stable sort).
        plan_report.findings.sort(key=lambda f: (f.order, -1 if f.start is None else f.start))
        plan_report.summary = summarise(plan_report.findings)


__all__ = ["apply_batch_rules", "assemble_report", "batch_findings", "iter_lint", "lint", "lint_many"]
