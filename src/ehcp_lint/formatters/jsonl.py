"""JSON Lines: one finding per line, each carrying its plan's path.

Convenient for streaming into a database or ``jq`` over thousands of plans,
where one large JSON document is awkward. Files that could not be read are not
findings and are not written here (they are in the JSON report and on stderr).
"""

from __future__ import annotations

import json

from ehcp_lint.formatters import FormatOptions
from ehcp_lint.report import Report

DESCRIPTION = "one JSON object per finding per line, with the plan path"


def render(report: Report, options: FormatOptions) -> str:
    lines: list[str] = []
    for plan in report.plans:
        for finding in plan.findings:
            record = {"path": plan.path, **finding.model_dump(mode="json")}
            lines.append(json.dumps(record, ensure_ascii=False))
    return "".join(line + "\n" for line in lines)
