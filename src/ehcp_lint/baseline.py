"""Baselines: accept today's findings so that QA can focus on what is new.

A service adopting ehcp-lint has hundreds of existing plans; ``--write-baseline``
records their current findings and ``--baseline`` hides those on later runs,
so a panel sees only findings introduced since. Entries are matched by
:meth:`~ehcp_lint.report.Finding.fingerprint` (rule code, section and the
normalised flagged words), never by paragraph number, so adding or editing a
paragraph elsewhere in a plan does not invalidate the rest of its baseline.
Duplicates count: a plan that said "access to" twice in Section F and now says
it three times shows one new finding.

Plan paths are stored relative to the baseline file's folder, so a baseline
committed next to the plans works whichever folder the linter is run from.
"""

from __future__ import annotations

import json
import os
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ehcp_lint import __version__
from ehcp_lint.errors import EhcpLintError
from ehcp_lint.report import Report, ToolInfo

BASELINE_VERSION = 1


class BaselineError(EhcpLintError):
    """A baseline file that cannot be read or was not written by ehcp-lint."""


class BaselineEntry(BaseModel):
    fingerprint: str
    code: str
    path: str
    section: str | None = None
    match: str = ""


class Baseline(BaseModel):
    version: int = BASELINE_VERSION
    tool: ToolInfo
    entries: list[BaselineEntry]


def _key(plan_path: str, base: Path) -> str:
    """A plan's path as stored in a baseline: POSIX, relative to ``base`` when under it."""
    path = Path(plan_path)
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except (ValueError, OSError):
        return path.as_posix()


def build_baseline(report: Report, base: Path) -> Baseline:
    """Every current finding of ``report`` as a baseline entry (plans in report order)."""
    entries = [
        BaselineEntry(
            fingerprint=f.fingerprint(),
            code=f.code,
            path=_key(plan.path, base),
            section=f.section,
            match=f.match,
        )
        for plan in report.plans
        for f in plan.findings
    ]
    return Baseline(tool=ToolInfo(version=__version__), entries=entries)


def write_baseline(report: Report, path: str | os.PathLike[str]) -> int:
    """Write the baseline for ``report`` to ``path`` (atomically); returns the entry count."""
    from ehcp_lint.formatters import write_atomically

    target = Path(path)
    baseline = build_baseline(report, target.parent)
    text = json.dumps(baseline.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"
    write_atomically(target, text.encode("utf-8"))
    return len(baseline.entries)


def load_baseline(path: str | os.PathLike[str]) -> Baseline:
    """Read a baseline file; a one-line :class:`BaselineError` when it is not usable."""
    shown = os.fspath(path)
    try:
        data: Any = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise BaselineError(
            f"{shown}: baseline file not found; create it with --write-baseline {shown}"
        ) from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(
            f"{shown}: not a readable baseline ({exc.__class__.__name__}); "
            "write a new one with --write-baseline"
        ) from exc
    if isinstance(data, dict) and data.get("version") not in (None, BASELINE_VERSION):
        raise BaselineError(
            f"{shown}: baseline version {data.get('version')!r} is not supported "
            f"(this ehcp-lint reads version {BASELINE_VERSION}); write a new one with --write-baseline"
        )
    try:
        return Baseline.model_validate(data)
    except ValidationError as exc:
        raise BaselineError(
            f"{shown}: not a baseline written by ehcp-lint --write-baseline; write a new one"
        ) from exc


def apply_baseline(report: Report, baseline: Baseline, base: Path) -> int:
    """Hide findings recorded in ``baseline``; record entries that no longer match.

    Only plans in this report are compared (linting a subset of a folder does
    not make the other plans' entries stale). ``base`` is the baseline file's
    folder. Returns how many findings were hidden; ``report.stale_baseline``
    lists the unmatched entries as ``"path: CODE in section X (fingerprint)"``.
    """
    from ehcp_lint.engine.runner import summarise

    by_plan: dict[str, Counter[str]] = defaultdict(Counter)
    described: dict[tuple[str, str], str] = {}
    for entry in baseline.entries:
        by_plan[entry.path][entry.fingerprint] += 1
        where = f"section {entry.section}" if entry.section else "the whole plan"
        described[(entry.path, entry.fingerprint)] = f"{entry.code} in {where}"
    hidden = 0
    stale: list[str] = []
    for plan in report.plans:
        key = _key(plan.path, base)
        remaining = by_plan.get(key)
        if not remaining:
            continue
        kept = []
        for finding in plan.findings:
            fp = finding.fingerprint()
            if remaining[fp] > 0:
                remaining[fp] -= 1
                hidden += 1
            else:
                kept.append(finding)
        if len(kept) != len(plan.findings):
            plan.findings = kept
            plan.summary = summarise(kept)
        for fp, count in remaining.items():
            stale.extend([f"{key}: {described[(key, fp)]} ({fp})"] * count)
    report.stale_baseline = stale
    return hidden


__all__ = [
    "BASELINE_VERSION",
    "Baseline",
    "BaselineEntry",
    "BaselineError",
    "apply_baseline",
    "build_baseline",
    "load_baseline",
    "write_baseline",
]
