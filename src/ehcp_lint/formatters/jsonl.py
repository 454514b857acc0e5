"""JSON Lines: one finding per line, each carrying its plan's path.

Convenient for streaming into a database or ``jq`` over thousands of plans,
where one large JSON document is awkward. Files that could not be read are not
findings and are not written here (they are in the JSON report and on stderr).
"""

from __future__ import annotations

import json

from ehcp_lint.formatters import FormatOptions
from ehcp_lint.report import PlanReport, Report

DESCRIPTION = "one JSON object per finding per line, with the plan path"


def plan_lines(plan: PlanReport) -> str:
    """One plan's findings as JSON Lines, each line ending in a newline.

    The one place a line is made: :func:`render` joins every plan's, and a batch
    worker writes its own plan's with it (:mod:`ehcp_lint.engine.batch`), so the
    parent of a large batch only copies the worker's bytes to the output.
    """
    # The plan's path first, then the finding as pydantic serialises it (compact, UTF-8):
    # the same object as dumping a dict of both, about twice as fast, which counts when a
    # batch's boilerplate findings run to hundreds a plan.
    opening = '{"path":' + json.dumps(plan.path, ensure_ascii=False)
    lines: list[str] = []
    for finding in plan.findings:
        body = finding.model_dump_json()
        lines.append(opening + ("," + body[1:] if body != "{}" else "}") + "\n")
    return "".join(lines)


def render(report: Report, options: FormatOptions) -> str:
    return "".join(plan_lines(plan) for plan in report.plans)
