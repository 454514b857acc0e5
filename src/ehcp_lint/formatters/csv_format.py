"""CSV for spreadsheets: one row per finding, the plan path first.

QA leads open this in Excel, so two precautions: any cell that a spreadsheet
would read as a formula (starting with ``=``, ``+``, ``-``, ``@``, tab or
carriage return; plan text can start that way) is prefixed with a single quote,
and ``--csv-bom`` adds a UTF-8 byte-order mark so Excel does not misread
accented names and curly quotes.
"""

from __future__ import annotations

import csv
import io

from ehcp_lint.formatters import FormatOptions
from ehcp_lint.report import Report

DESCRIPTION = "one row per finding for spreadsheets (formula-safe; --csv-bom for Excel)"

COLUMNS = (
    "path",
    "code",
    "name",
    "category",
    "severity",
    "section",
    "location",
    "page",
    "paragraph",
    "table",
    "row",
    "column",
    "line",
    "message",
    "match",
    "excerpt",
    "suggestion",
)

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """The cell text, neutralised if a spreadsheet would treat it as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def render(report: Report, options: FormatOptions) -> str:
    buffer = io.StringIO()
    if options.excel_bom:
        buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for plan in report.plans:
        for f in plan.findings:
            loc = f.location
            row = (
                plan.path,
                f.code,
                f.name,
                f.category,
                f.severity.value,
                f.section,
                loc.describe(),
                loc.page,
                loc.paragraph,
                loc.table,
                loc.row,
                loc.column,
                loc.line,
                f.message,
                f.match,
                f.excerpt,
                f.suggestion,
            )
            writer.writerow([safe_cell(v) for v in row])
    return buffer.getvalue()
