"""The report a person reads in a terminal: findings grouped by section, in plan order.

Each finding shows its code, severity and message, the plan's own words around
the flagged ones (highlighted on a terminal, between «» otherwise, so the
output still reads when saved to a file or pasted into an email), where to find
them in the original document, and one suggestion. Plan text is always added
as plain :class:`rich.text.Text`, never as markup, so square brackets in a plan
cannot restyle the output.
"""

from __future__ import annotations

import io
from itertools import groupby

from rich.console import Console
from rich.text import Text

from ehcp_lint.formatters import FormatOptions
from ehcp_lint.formatters._common import (
    findings_phrase,
    rule_counts,
    section_label,
    summary_line,
    trim_excerpt,
)
from ehcp_lint.report import Finding, PlanReport, Report, Severity

DESCRIPTION = "readable report grouped by plan and section (the default)"

_SEVERITY_STYLE = {
    Severity.ERROR: "bold red",
    Severity.WARNING: "yellow",
    Severity.INFO: "cyan",
}
_MATCH_STYLE = "bold black on yellow"


def _finding(console: Console, finding: Finding, color: bool) -> None:
    head = Text("    ")
    head.append(finding.code, style="bold")
    head.append(" ")
    head.append(finding.severity.value, style=_SEVERITY_STYLE[finding.severity])
    head.append("  ")
    head.append(finding.message)
    console.print(head)
    excerpt = trim_excerpt(finding)
    where = finding.location.describe()
    known = where != "unknown location"
    if excerpt is not None:
        line = Text("      ")
        if known:
            line.append(f"{where}: ", style="dim")
        line.append("“")
        line.append(excerpt.before)
        if excerpt.match:
            if color:
                line.append(excerpt.match, style=_MATCH_STYLE)
            else:
                line.append(f"«{excerpt.match}»")
        line.append(excerpt.after)
        line.append("”")
        console.print(line)
    elif known:
        console.print(Text(f"      {where}", style="dim"))
    if finding.suggestion:
        tip = Text("      → ", style="green")
        tip.append(finding.suggestion)
        console.print(tip)
    if finding.related:
        console.print(Text(f"      also in: {', '.join(finding.related)}", style="dim"))


def _group_label(finding: Finding) -> str:
    """The heading a finding is listed under: its section, the front matter, or the whole plan."""
    if finding.section is None and finding.excerpt:
        return "Front matter (before Section A)"
    return section_label(finding.section)


def _plan(console: Console, plan: PlanReport, color: bool) -> None:
    console.print(Text(plan.path, style="bold underline"))
    for label, group in groupby(plan.findings, key=_group_label):
        console.print(Text(f"  {label}", style="bold"))
        for finding in group:
            _finding(console, finding, color)
    console.print(Text(f"  {plan.path}: {findings_phrase(plan.findings)}", style="dim"))
    console.print()


def render(report: Report, options: FormatOptions) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=options.color,
        no_color=not options.color,
        color_system="standard" if options.color else None,
        width=options.width,
        highlight=False,
        emoji=False,
        soft_wrap=True,
    )
    if not options.quiet:
        for plan in report.plans:
            _plan(console, plan, options.color)
        if report.stale_baseline:
            console.print(Text("Baseline entries that no longer match a finding:", style="bold"))
            for entry in report.stale_baseline:
                console.print(Text(f"  {entry}"))
            console.print()
    if options.statistics:
        rows = rule_counts(report)
        if rows:
            width = max(len(str(n)) for _, _, n in rows)
            console.print(Text("Findings per rule:", style="bold"))
            for code, name, count in rows:
                console.print(Text(f"  {count:>{width}}  {code}  {name}"))
            console.print()
    console.print(Text(summary_line(report), style="bold"))
    return buffer.getvalue()
