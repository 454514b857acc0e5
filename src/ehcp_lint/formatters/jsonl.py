"""JSON Lines: one finding per line, each carrying its plan's path.

Convenient for streaming into a database or ``jq`` over thousands of plans,
where one large JSON document is awkward. Files that could not be read are not
findings and are not written here (they are in the JSON report and on stderr).
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from ehcp_lint.formatters import FormatOptions
from ehcp_lint.report import Finding, PlanReport, Report

DESCRIPTION = "one JSON object per finding per line, with the plan path"

#: What ``Finding.model_dump_json()`` calls, without its keyword handling and the round
#: trip through ``str`` (the same bytes; a batch writes hundreds of findings a plan).
_finding_json = Finding.__pydantic_serializer__.to_json


def records(path: str, findings: Iterable[Finding]) -> bytes:
    """Findings of the plan at ``path`` as JSON Lines (UTF-8), each line ending in a newline.

    The one place a line is made: :func:`render` joins every plan's, a batch
    worker writes its own plan's with it (:mod:`ehcp_lint.engine.batch`), and
    the streamed batch findings are written with it, so the parent of a large
    batch only copies bytes to the output.
    """
    # The plan's path first, then the finding as pydantic serialises it (compact, UTF-8):
    # the same object as dumping a dict of both, several times faster, which counts when
    # a batch's boilerplate findings run to hundreds a plan.
    opening = b'{"path":' + json.dumps(path, ensure_ascii=False).encode("utf-8")
    lines: list[bytes] = []
    for finding in findings:
        body = _finding_json(finding)
        lines.append(opening + (b"," + body[1:] if body != b"{}" else b"}") + b"\n")
    return b"".join(lines)


def plan_lines(plan: PlanReport) -> str:
    """One plan's findings as JSON Lines (:func:`records`), as text."""
    return records(plan.path, plan.findings).decode("utf-8")


def render(report: Report, options: FormatOptions) -> str:
    return "".join(plan_lines(plan) for plan in report.plans)
