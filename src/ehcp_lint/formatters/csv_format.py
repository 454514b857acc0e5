"""CSV for spreadsheets: one row per finding, the plan path first.

With ``--summary``, one row per plan instead, for a panel chair's ratings
spreadsheet: path, overall rating and RAG, the rating of every section, and
the number of findings of every category (see :func:`render_summary`).

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
from ehcp_lint.report import CATEGORIES, Report

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
    if options.summary:
        return render_summary(report, options)
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


#: The first columns of the one-row-per-plan summary; section and category columns follow.
SUMMARY_COLUMNS = ("path", "format", "overall", "rag", "findings", "errors", "warnings", "info")


def render_summary(report: Report, options: FormatOptions) -> str:
    """One row per plan: ratings (overall, RAG, each section) and counts per category.

    Section columns are named ``section A`` … ``section K`` (``section H`` only
    when some plan merged H1 and H2); category columns by category name, every
    category always present so that spreadsheets of different runs line up.
    Ratings come from the stored ``PlanReport.ratings`` or the configured scheme.
    """
    from ehcp_lint.model import SECTION_ORDER
    from ehcp_lint.rating import RatingScheme, rating_of

    scheme = RatingScheme.from_config(options.config)
    ratings = [rating_of(plan, scheme) for plan in report.plans]
    present = {key for rating in ratings for key in rating.sections}
    sections = [key for key in SECTION_ORDER if key in present]
    buffer = io.StringIO()
    if options.excel_bom:
        buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow([*SUMMARY_COLUMNS, *(f"section {k}" for k in sections), *CATEGORIES])
    for plan, rating in zip(report.plans, ratings, strict=True):
        severities = {s: 0 for s in ("error", "warning", "info")}
        for finding in plan.findings:
            severities[finding.severity.value] += 1
        by_category = {c: 0 for c in CATEGORIES}
        for finding in plan.findings:
            by_category[finding.category] += 1
        row = [
            plan.path,
            plan.format,
            rating.overall.value,
            rating.rag.value,
            len(plan.findings),
            severities["error"],
            severities["warning"],
            severities["info"],
            *(rating.sections[k].rating.value if k in rating.sections else "" for k in sections),
            *(by_category[c] for c in CATEGORIES),
        ]
        writer.writerow([safe_cell(v) for v in row])
    return buffer.getvalue()
