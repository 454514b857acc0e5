"""``--format example-count``: one line per plan with its number of findings."""

from __future__ import annotations

from ehcp_lint.formatters import FormatOptions
from ehcp_lint.report import Report

DESCRIPTION = "findings per plan (example plugin format)"


def render(report: Report, options: FormatOptions) -> str:
    return "".join(f"{plan.path}\t{len(plan.findings)}\n" for plan in report.plans)
