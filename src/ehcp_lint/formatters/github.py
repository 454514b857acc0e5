"""GitHub Actions workflow commands: one annotation line per finding.

``::warning file=plans/sam.md,line=12,title=PRV001 non-committal-provision::message``
GitHub shows these on the pull request that changed the plan. Values are
escaped as the workflow-command syntax requires (``%``, line breaks, and in
properties ``:`` and ``,``) so plan text cannot inject a command.
"""

from __future__ import annotations

from ehcp_lint.formatters import FormatOptions
from ehcp_lint.formatters._common import line_number
from ehcp_lint.report import Report, Severity

DESCRIPTION = "GitHub Actions annotations (::warning file=...::message)"

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report, options: FormatOptions) -> str:
    lines: list[str] = []
    for plan in report.plans:
        for f in plan.findings:
            props = [f"file={escape_property(plan.path)}"]
            number = line_number(f.location)
            if number is not None:
                props.append(f"line={number}")
            props.append(f"title={escape_property(f'{f.code} {f.name}')}")
            where = [f"Section {f.section}"] if f.section else []
            described = f.location.describe()
            if described != "unknown location":
                where.append(described)
            message = f.message + (f" ({', '.join(where)})" if where else "")
            if f.suggestion:
                message += f" Suggestion: {f.suggestion}"
            lines.append(f"::{_LEVEL[f.severity]} {','.join(props)}::{escape_data(message)}")
    for err in report.errors:
        lines.append(f"::error file={escape_property(err.path)}::{escape_data(err.message)}")
    return "".join(line + "\n" for line in lines)
