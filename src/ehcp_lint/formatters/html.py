"""The QA panel report: one self-contained HTML file for a batch of plans.

A multi-agency panel does not read JSON. This page gives them, in one file that
is safe to e-mail inside the authority and to print:

* a batch overview: plans × sections coloured by rating (always with the
  rating word: colour is never the only signal), sortable by plan, rating or
  count with the keyboard or the mouse; findings per category; an inline SVG
  chart of the most common problems;
* per plan: the overall and section ratings with the arithmetic behind them
  (:mod:`ehcp_lint.rating`), findings grouped by section with the flagged words
  marked in context, and the golden thread (:mod:`ehcp_lint.golden_thread`).

Self-contained means no network at all: CSS, the sorting script and the chart
are inline, there are no fonts, images or links to fetch, and a Content
Security Policy forbids loading anything (and runs only this page's own script,
by hash). Plan text is untrusted input: every piece of it goes through
:func:`plan_text_html`, which escapes it (and is the one place a redaction pass
can be applied).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ehcp_lint.formatters import FormatOptions
from ehcp_lint.formatters._common import findings_phrase, plural, section_label, summary_line
from ehcp_lint.model import SECTION_TITLES
from ehcp_lint.rating import (
    PlanRating,
    Rating,
    RatingScheme,
    SectionRating,
    rating_of,
)
from ehcp_lint.report import CATEGORIES, Finding, PlanReport, Report

if TYPE_CHECKING:
    from ehcp_lint.golden_thread import GoldenThread, ThreadItem, ThreadLink

DESCRIPTION = "self-contained HTML panel report: ratings, findings, golden thread (use with --output)"

#: A function applied to every piece of plan text before it is escaped (redaction).
Redactor = Callable[[str], str]

#: How many characters of context the report shows around flagged words.
EXCERPT_WIDTH = 240
#: Bars in the chart of the most common problems.
CHART_BARS = 10

_RATING_CLASS: dict[Rating, str] = {
    Rating.OUTSTANDING: "r-outstanding",
    Rating.GOOD: "r-good",
    Rating.REQUIRES_IMPROVEMENT: "r-ri",
    Rating.INADEQUATE: "r-inadequate",
}


def _e(text: object) -> str:
    """Escape for HTML text and attribute values."""
    return html.escape(str(text), quote=True)


# --------------------------------------------------------------------------- plan text


def _window(text: str, start: int | None, end: int | None, width: int) -> tuple[str, str, str]:
    """``(before, marked, after)`` cut to about ``width`` characters around the marked words."""
    if start is None or end is None or not 0 <= start <= end <= len(text):
        start = end = 0
    before, marked, after = text[:start], text[start:end], text[end:]
    budget = max(width - len(marked), 0)
    left = budget // 2 if marked else 0
    right = budget - left
    if len(before) < left:
        right += left - len(before)
    elif len(after) < right:
        left += right - len(after)
    if len(before) > left:
        cut = before[len(before) - left :]
        space = cut.find(" ")
        before = "…" + (cut[space + 1 :] if 0 <= space < 15 else cut)
    if len(after) > right:
        cut = after[:right]
        space = cut.rfind(" ")
        after = (cut[:space] if space > right - 15 else cut) + "…"
    return before, marked, after


def plan_text_html(
    text: str,
    start: int | None = None,
    end: int | None = None,
    *,
    width: int | None = EXCERPT_WIDTH,
    redact: Redactor | None = None,
) -> str:
    """Plan text as safe HTML, with ``text[start:end]`` in ``<mark>``.

    The one function every piece of plan text in the report goes through: it
    trims long passages to about ``width`` characters around the marked words
    (``None``: never), applies ``redact`` (when given) to each piece, and
    escapes the result, so a plan containing ``<script>`` shows it as text.
    """
    clean: Redactor = redact or (lambda s: s)
    before, marked, after = _window(text, start, end, width if width is not None else len(text))
    mark = f"<mark>{_e(clean(marked))}</mark>" if marked else ""
    return _e(clean(before)) + mark + _e(clean(after))


def finding_excerpt_html(finding: Finding, redact: Redactor | None = None) -> str:
    """A finding's excerpt with its flagged words marked (empty for plan-level findings)."""
    return plan_text_html(finding.excerpt, finding.start, finding.end, redact=redact)


# --------------------------------------------------------------------------- pieces


def _badge(rating: Rating, *, absent: bool = False, small: bool = False) -> str:
    label = rating.value + (" (absent)" if absent else "")
    size = " small" if small else ""
    return (
        f'<span class="badge {_RATING_CLASS[rating]}{size}">{_e(label)}'
        f'<span class="rag"> · {_e(rating.rag.value)}</span></span>'
    )


def _rating_cell(rating: SectionRating | None) -> str:
    if rating is None:
        return '<td data-sort="0">—</td>'
    absent = rating.present is False
    mark = " (absent)" if absent else ""
    return (
        f'<td class="{_RATING_CLASS[rating.rating]}" data-sort="{rating.rating.points}" '
        f'title="{_e(rating.title)}: {_e(rating.reason)}">{_e(rating.rating.value)}{mark}</td>'
    )


def _sort_header(label: str, kind: str, title: str = "") -> str:
    hint = f' title="{_e(title)}"' if title else ""
    return (
        f'<th scope="col" aria-sort="none" data-kind="{kind}"{hint}>'
        f'<button type="button" class="sort">{_e(label)}<span class="arrow" aria-hidden="true"></span>'
        "</button></th>"
    )


def _plan_anchor(index: int) -> str:
    return f"plan-{index + 1}"


def _section_keys(ratings: Sequence[PlanRating]) -> list[str]:
    keys: list[str] = []
    for rating in ratings:
        for key in rating.sections:
            if key not in keys:
                keys.append(key)
    order = list(SECTION_TITLES)
    return sorted(keys, key=lambda k: order.index(k) if k in order else len(order))


def short_names(paths: Sequence[str]) -> list[str]:
    """Plan paths without the folder they all share, so the overview stays narrow."""
    import os.path

    if not paths:
        return []
    folders = [os.path.dirname(p) for p in paths]
    try:
        common = os.path.commonpath(folders) if all(folders) else ""
    except ValueError:  # a mix of absolute and relative paths, or of drives
        common = ""
    if not common:
        return list(paths)
    return [os.path.relpath(p, common) for p in paths]


def _overview(report: Report, ratings: Sequence[PlanRating]) -> str:
    keys = _section_keys(ratings)
    names = short_names([plan.path for plan in report.plans])
    head = [
        _sort_header("Plan", "text"),
        _sort_header("Overall", "number", "Overall rating"),
        *(_sort_header(k, "number", section_label(k)) for k in keys),
        _sort_header("Findings", "number", "Number of findings"),
        _sort_header("Errors", "number", "Error-level findings"),
    ]
    rows: list[str] = []
    for index, (plan, rating) in enumerate(zip(report.plans, ratings, strict=True)):
        errors = sum(1 for f in plan.findings if f.severity.value == "error")
        cells = [
            f'<th scope="row" data-sort="{_e(names[index].lower())}" title="{_e(plan.path)}">'
            f'<a href="#{_plan_anchor(index)}">{_e(names[index])}</a></th>',
            f'<td class="{_RATING_CLASS[rating.overall]}" data-sort="{rating.points}">'
            f"<strong>{_e(rating.overall.value)}</strong> · {_e(rating.rag.value)}</td>",
            *(_rating_cell(rating.sections.get(k)) for k in keys),
            f'<td class="num" data-sort="{len(plan.findings)}">{len(plan.findings)}</td>',
            f'<td class="num" data-sort="{errors}">{errors}</td>',
        ]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        '<section id="overview" aria-labelledby="overview-title">'
        '<h2 id="overview-title">Batch overview</h2>'
        "<p>Each plan's overall rating and its rating per section. Click a column heading "
        "(or press Enter on it) to sort; click again to reverse.</p>"
        '<div class="scroll"><table id="overview-table" class="sortable ratings">'
        "<caption>Ratings by plan and section</caption>"
        f"<thead><tr>{''.join(head)}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
        "</section>"
    )


def _categories(report: Report) -> str:
    counts: Counter[str] = Counter(f.category for f in report.findings)
    plans_with: Counter[str] = Counter()
    for plan in report.plans:
        for category in {f.category for f in plan.findings}:
            plans_with[category] += 1
    rows = [
        f'<tr><th scope="row" data-sort="{_e(c)}">{_e(c)}</th>'
        f'<td class="num" data-sort="{counts[c]}">{counts[c]}</td>'
        f'<td class="num" data-sort="{plans_with[c]}">{plans_with[c]}</td></tr>'
        for c in CATEGORIES
        if counts[c]
    ]
    if not rows:
        return (
            '<section id="categories"><h2>Findings by category</h2><p>No findings.</p></section>'
        )
    head = _sort_header("Category", "text") + _sort_header("Findings", "number") + _sort_header(
        "Plans", "number", "Plans with at least one finding of this category"
    )
    return (
        '<section id="categories" aria-labelledby="categories-title">'
        '<h2 id="categories-title">Findings by category</h2>'
        '<table id="category-table" class="sortable"><caption>Findings and plans per category</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></section>"
    )


def _chart(report: Report) -> str:
    """A horizontal bar chart (inline SVG) of the rules that fired most across the batch."""
    counts: Counter[tuple[str, str]] = Counter((f.code, f.name) for f in report.findings)
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:CHART_BARS]
    if not top:
        return ""
    plans_with: Counter[str] = Counter()
    for plan in report.plans:
        for code in {f.code for f in plan.findings}:
            plans_with[code] += 1
    label_width, bar_width, bar_height, gap = 300, 360, 22, 8
    most = top[0][1]
    height = len(top) * (bar_height + gap) + gap
    bars: list[str] = []
    for i, ((code, name), count) in enumerate(top):
        y = gap + i * (bar_height + gap)
        width = max(2.0, bar_width * count / most)
        label = f"{code} {name}"
        bars.append(
            f'<g><text x="{label_width - 8}" y="{y + bar_height * 0.7:.1f}" text-anchor="end">{_e(label)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{width:.1f}" height="{bar_height}" class="bar">'
            f"<title>{_e(label)}: {count} findings in {plans_with[code]} plans</title></rect>"
            f'<text x="{label_width + width + 6:.1f}" y="{y + bar_height * 0.7:.1f}">{count}</text></g>'
        )
    total_width = label_width + bar_width + 60
    return (
        '<section id="problems" aria-labelledby="chart-title">'
        '<h2 id="chart-title">Most common problems</h2>'
        f'<svg class="chart" role="img" aria-labelledby="chart-svg-title" viewBox="0 0 {total_width} {height}" '
        f'width="{total_width}" height="{height}" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="chart-svg-title">The {len(top)} most frequent findings across '
        f"{plural(len(report.plans), 'plan')}</title>{''.join(bars)}</svg></section>"
    )


def _scheme(scheme: RatingScheme) -> str:
    weights = "".join(
        f"<tr><th scope='row'>{_e(c)}</th><td class='num'>{scheme.category_weights.get(c, 0):g}</td>"
        f"<td class='num'>{_e(int(scheme.caps[c])) if c in scheme.caps else ''}</td></tr>"
        for c in CATEGORIES
    )
    severity = ", ".join(f"{_e(k)} × {v:g}" for k, v in scheme.severity_weights.items())
    t = scheme.thresholds
    return (
        '<details class="scheme"><summary>How ratings are calculated</summary>'
        "<p>Each finding weighs <em>category weight × severity weight</em> "
        f"(severity: {severity}). A section's score is the sum of its findings' weights: "
        f"at most {t['outstanding']:g} is Outstanding, at most {t['good']:g} Good, at most "
        f"{t['requires-improvement']:g} Requires improvement, above that Inadequate. "
        "The overall rating is the lowest of: the mean of the section ratings "
        "(Outstanding 4 … Inadequate 1, rounded down); one level above the weakest section; "
        "the rating of findings about the plan as a whole; and the cap of any error-level "
        "finding in a capped category (1 Inadequate, 2 Requires improvement, 3 Good). "
        "Ratings summarise the linter's findings: they do not replace the panel's judgement.</p>"
        "<table><caption>Category weights and caps</caption>"
        "<thead><tr><th scope='col'>Category</th><th scope='col'>Weight</th>"
        f"<th scope='col'>Cap</th></tr></thead><tbody>{weights}</tbody></table></details>"
    )


# --------------------------------------------------------------------------- one plan


def _breakdown(plan: PlanReport, rating: PlanRating, prefix: str) -> str:
    rows: list[str] = []
    for bucket in [*rating.sections.values(), rating.whole_plan]:
        if bucket.findings:
            items = "".join(
                f'<li><a href="#{prefix}-f{w.index + 1}">{_e(w.code)}</a> {_e(w.category)} '
                f"({_e(w.severity)}): {w.category_weight:g} × {w.severity_weight:g} = "
                f"<strong>{w.weight:g}</strong></li>"
                for w in bucket.findings
            )
            detail = (
                f"<details><summary>{_e(bucket.reason)}</summary><ul>{items}</ul></details>"
            )
        else:
            detail = _e(bucket.reason)
        presence = "absent" if bucket.present is False else ("present" if bucket.present else "")
        rows.append(
            f'<tr><th scope="row">{_e(bucket.title)}</th><td>{_e(presence)}</td>'
            f"<td>{_badge(bucket.rating, small=True)}</td>"
            f'<td class="num">{bucket.score:g}</td><td>{detail}</td></tr>'
        )
    steps = "".join(
        f"<li><strong>{_e(step.step)}</strong>: {_e(step.limit.value)} — {_e(step.detail)}</li>"
        for step in rating.steps
    )
    return (
        "<h3>Ratings</h3>"
        '<table class="breakdown"><caption>How each rating was reached</caption>'
        "<thead><tr><th scope='col'>Section</th><th scope='col'>In plan</th>"
        "<th scope='col'>Rating</th><th scope='col'>Score</th><th scope='col'>Arithmetic</th></tr>"
        f"</thead><tbody>{''.join(rows)}</tbody></table>"
        f"<p>Overall: the lowest of these limits:</p><ol class='steps'>{steps}</ol>"
    )


def _findings(plan: PlanReport, prefix: str, redact: Redactor | None) -> str:
    if not plan.findings:
        return "<h3>Findings</h3><p>No findings.</p>"
    groups: dict[str | None, list[tuple[int, Finding]]] = {}
    for index, finding in enumerate(plan.findings):
        groups.setdefault(finding.section, []).append((index, finding))
    order = list(SECTION_TITLES)
    keys = sorted(groups, key=lambda k: -1 if k is None else (order.index(k) if k in order else 99))
    parts = ["<h3>Findings</h3>"]
    for key in keys:
        items: list[str] = []
        for index, finding in groups[key]:
            excerpt = finding_excerpt_html(finding, redact)
            location = finding.location.describe()
            quote = f'<blockquote class="excerpt">{excerpt}</blockquote>' if excerpt else ""
            suggestion = (
                f'<p class="suggestion"><strong>Suggestion:</strong> {_e(finding.suggestion)}</p>'
                if finding.suggestion
                else ""
            )
            items.append(
                f'<li id="{prefix}-f{index + 1}" class="finding sev-{_e(finding.severity.value)}">'
                f'<p class="head"><span class="sev">{_e(finding.severity.value)}</span> '
                f"<code>{_e(finding.code)}</code> {_e(finding.name)} "
                f'<span class="cat">[{_e(finding.category)}]</span> '
                f'<span class="loc">{_e(location)}</span></p>'
                f'<p class="message">{_e(finding.message)}</p>{quote}{suggestion}</li>'
            )
        parts.append(
            f"<h4>{_e(section_label(key))} <small>({plural(len(items), 'finding')})</small></h4>"
            f'<ol class="findings">{"".join(items)}</ol>'
        )
    return "".join(parts)


def _thread_item(item: ThreadItem, redact: Redactor | None) -> str:
    return (
        f'<span class="where">{_e(item.section)} · {_e(item.location.describe())}</span> '
        f"{plan_text_html(item.text, width=400, redact=redact)}"
    )


def _linked(links: Sequence[ThreadLink], kind: str, redact: Redactor | None) -> str:
    if not links:
        return f'<td class="gap">No {kind} linked</td>'
    items = "".join(
        f"<li>{_thread_item(link.item, redact)}"
        f'<span class="why">linked by {_e(link.reason)}</span></li>'
        for link in links
    )
    return f"<td><ul>{items}</ul></td>"


def _golden_thread(thread: GoldenThread | None, redact: Redactor | None) -> str:
    if thread is None:
        return (
            "<h3>Golden thread</h3><p>The plan could not be read again to follow its golden "
            "thread.</p>"
        )
    if not thread.threads:
        return "<h3>Golden thread</h3><p>No needs were found in Sections B, C or D to follow.</p>"
    rows = "".join(
        f"<tr><td>{_thread_item(t.need, redact)}</td>"
        f"{_linked(t.outcomes, 'outcome', redact)}{_linked(t.provision, 'provision', redact)}</tr>"
        for t in thread.threads
    )
    unlinked = thread.unlinked_needs
    unlinked_html = (
        "<p><strong>Needs not linked to any outcome or provision "
        f"({len(unlinked)}):</strong></p><ul class='unlinked'>"
        + "".join(f"<li>{_thread_item(n, redact)}</li>" for n in unlinked)
        + "</ul>"
        if unlinked
        else "<p>Every need was linked to at least one outcome or provision.</p>"
    )
    spare = (
        f"<details><summary>Provision not linked to any need ({len(thread.unlinked_provision)})"
        "</summary><ul>"
        + "".join(f"<li>{_thread_item(p, redact)}</li>" for p in thread.unlinked_provision)
        + "</ul></details>"
        if thread.unlinked_provision
        else ""
    )
    return (
        "<h3>Golden thread</h3>"
        "<p>Each need with the outcomes and provision linked to it: first by the table row the "
        "plan set them in, else by area of need, else by shared words.</p>"
        f"{unlinked_html}"
        '<div class="scroll"><table class="thread"><caption>Needs, outcomes and provision</caption>'
        "<thead><tr><th scope='col'>Need</th><th scope='col'>Outcomes</th>"
        f"<th scope='col'>Provision</th></tr></thead><tbody>{rows}</tbody></table></div>{spare}"
    )


def _plan_section(
    index: int,
    plan: PlanReport,
    rating: PlanRating,
    thread: GoldenThread | None,
    redact: Redactor | None,
) -> str:
    prefix = _plan_anchor(index)
    return (
        f'<section class="plan" id="{prefix}" aria-labelledby="{prefix}-title">'
        f'<h2 id="{prefix}-title">{_e(plan.path)}</h2>'
        f'<p class="overall">Overall: {_badge(rating.overall)} · {_e(findings_phrase(plan.findings))}</p>'
        f"{_breakdown(plan, rating, prefix)}"
        f"{_findings(plan, prefix, redact)}"
        f"{_golden_thread(thread, redact)}"
        '<p class="top"><a href="#overview">Back to the overview</a></p></section>'
    )


def _threads(report: Report, options: FormatOptions) -> list[GoldenThread | None]:
    """Each plan read again (plans are not kept in the report) and its golden thread followed."""
    from ehcp_lint.errors import EhcpLintError
    from ehcp_lint.golden_thread import follow_golden_thread
    from ehcp_lint.reading import ReadOptions, load_plan

    config = options.config
    read_options = ReadOptions(heading_aliases=config.heading_aliases if config is not None else {})
    threads: list[GoldenThread | None] = []
    for plan in report.plans:
        try:
            read = load_plan(plan.path, read_options)
            if options.redact:  # the thread quotes the plan: redact it as the findings were
                from ehcp_lint.privacy import redact_plan

                read = redact_plan(read)
            threads.append(follow_golden_thread(read))
        except (EhcpLintError, OSError, ValueError):
            threads.append(None)
    return threads


# --------------------------------------------------------------------------- page

_CSS = """
:root{--ink:#1b1b1b;--muted:#555;--line:#c9c9c9;--bg:#fff;--accent:#1d4f91}
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:var(--ink);background:var(--bg)}
header.page{padding:1rem 1.5rem;border-bottom:3px solid var(--accent)}
header.page h1{margin:0 0 .25rem;font-size:1.5rem}
header.page p{margin:.1rem 0;color:var(--muted)}
nav.bar{position:sticky;top:0;z-index:2;background:#f3f5f8;border-bottom:1px solid var(--line);padding:.4rem 1.5rem}
nav.bar a{margin-right:1.2rem;color:var(--accent)}
main{padding:0 1.5rem 2rem;max-width:1400px}
h2{margin-top:2rem;border-bottom:1px solid var(--line);padding-bottom:.2rem}
h3{margin-top:1.5rem}
h4{margin:1.2rem 0 .4rem}
.scroll{overflow-x:auto}
table{border-collapse:collapse;margin:.5rem 0}
caption{text-align:left;font-weight:600;padding:.3rem 0;color:var(--muted)}
th,td{border:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
thead th{background:#eef1f5}
td.num{text-align:right;font-variant-numeric:tabular-nums}
table.ratings td{font-size:.75rem;padding:.25rem .3rem}
table.ratings th[scope=row]{font-size:.85rem;min-width:11rem;max-width:20rem;overflow-wrap:anywhere}
table.ratings thead th{font-size:.85rem}
button.sort{all:unset;cursor:pointer;font-weight:700;display:inline-flex;gap:.3rem;align-items:center}
button.sort:focus-visible{outline:3px solid #f9a825;outline-offset:2px}
th[aria-sort=ascending] .arrow::after{content:"\\25B2"}
th[aria-sort=descending] .arrow::after{content:"\\25BC"}
.r-outstanding{background:#1b5e20;color:#fff}
.r-good{background:#c8e6c9;color:#10300f}
.r-ri{background:#ffe082;color:#3b2c00}
.r-inadequate{background:#b71c1c;color:#fff}
.badge{display:inline-block;padding:.1rem .5rem;border-radius:.3rem;font-weight:700}
.badge.small{font-size:.85rem;font-weight:600}
.badge .rag{font-weight:400}
svg.chart text{font-size:13px;fill:#1b1b1b}
svg.chart rect.bar{fill:#1d4f91}
section.plan{border-top:4px solid var(--accent);margin-top:2.5rem}
section,li.finding{scroll-margin-top:3rem}
ol.findings{padding-left:1.4rem}
li.finding{margin:.6rem 0;padding:.4rem .6rem;border-left:4px solid var(--line);background:#fafafa}
li.sev-error{border-left-color:#b71c1c}
li.sev-warning{border-left-color:#f9a825}
li.sev-info{border-left-color:#1d4f91}
li.finding p{margin:.15rem 0}
.sev{text-transform:uppercase;font-size:.75rem;font-weight:700;letter-spacing:.03em}
.cat,.loc,.where,.why{color:var(--muted);font-size:.85rem}
.why{display:block}
blockquote.excerpt{margin:.3rem 0;padding:.3rem .6rem;background:#fff;border:1px solid var(--line);white-space:pre-wrap}
mark{background:#ffd54f;color:#000;padding:0 .1rem;border-bottom:2px solid #b26a00}
table.thread td{min-width:14rem}
td.gap{background:#fdecea;color:#7f1d1d;font-weight:600}
table.thread ul,ul.unlinked{margin:0;padding-left:1.1rem}
details summary{cursor:pointer}
details.scheme{margin:1rem 0}
.top{font-size:.85rem}
@page{size:A4 landscape;margin:12mm}
@media print{
 nav.bar{display:none}
 table.ratings{width:100%;table-layout:fixed}
 table.ratings td,table.ratings th{font-size:6pt;padding:1pt 1.5pt;min-width:0}
 table.ratings thead th:first-child{width:15%}
 table.ratings th[scope=row]{min-width:0;overflow-wrap:anywhere}
 body{font-size:11pt}
 main{max-width:none;padding:0}
 section.plan{break-before:page;border-top:none}
 .scroll{overflow:visible}
 a{color:inherit;text-decoration:none}
 .top{display:none}
 li.finding,tr{break-inside:avoid}
 .r-outstanding,.r-good,.r-ri,.r-inadequate,mark{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
"""

_JS = """
(function () {
  "use strict";
  function cellValue(row, index, kind) {
    var cell = row.children[index];
    if (!cell) { return kind === "number" ? -Infinity : ""; }
    var raw = cell.getAttribute("data-sort");
    if (raw === null) { raw = cell.textContent.trim(); }
    if (kind === "number") { var n = parseFloat(raw); return isNaN(n) ? -Infinity : n; }
    return raw.toLowerCase();
  }
  function sortBy(table, header) {
    var headers = Array.prototype.slice.call(header.parentNode.children);
    var index = headers.indexOf(header);
    var kind = header.getAttribute("data-kind") || "text";
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    headers.forEach(function (h) { h.setAttribute("aria-sort", "none"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.forEach(function (row, i) { row.setAttribute("data-order", i); });
    rows.sort(function (a, b) {
      var x = cellValue(a, index, kind), y = cellValue(b, index, kind);
      if (x < y) { return ascending ? -1 : 1; }
      if (x > y) { return ascending ? 1 : -1; }
      return a.getAttribute("data-order") - b.getAttribute("data-order");
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header) {
      var button = header.querySelector("button.sort");
      if (button) { button.addEventListener("click", function () { sortBy(table, header); }); }
    });
  });
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) { d.open = true; });
  });
})();
"""


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def render_html(
    report: Report,
    *,
    scheme: RatingScheme | None = None,
    threads: Sequence[GoldenThread | None] | None = None,
    redact: Redactor | None = None,
    generated: dt.datetime | None = None,
) -> str:
    """The panel report for ``report`` as one HTML document.

    ``threads`` holds each plan's golden thread in report order (``None`` where
    unavailable); when omitted the golden-thread part says so.
    """
    scheme = scheme or RatingScheme()
    ratings = [rating_of(plan, scheme) for plan in report.plans]
    when = (generated or dt.datetime.now()).strftime("%d %B %Y, %H:%M")
    thread_list: Sequence[GoldenThread | None] = (
        threads if threads is not None else [None] * len(report.plans)
    )
    csp = (
        "default-src 'none'; img-src data:; "
        f"style-src {_csp_hash(_CSS)}; script-src {_csp_hash(_JS)}; "
        "base-uri 'none'; form-action 'none'"
    )
    errors = (
        "<section id='unread'><h2>Files that could not be read</h2><ul>"
        + "".join(f"<li>{_e(e.message)}</li>" for e in report.errors)
        + "</ul></section>"
        if report.errors
        else ""
    )
    plans = "".join(
        _plan_section(i, plan, rating, thread, redact)
        for i, (plan, rating, thread) in enumerate(
            zip(report.plans, ratings, thread_list, strict=True)
        )
    )
    plan_links = " ".join(
        f'<a href="#{_plan_anchor(i)}">{i + 1}</a>' for i in range(min(len(report.plans), 30))
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en-GB"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        "<title>EHCP quality assurance: panel report</title>"
        f"<style>{_CSS}</style></head><body>"
        '<header class="page"><h1>EHCP quality assurance: panel report</h1>'
        f"<p>{_e(summary_line(report))}</p>"
        f"<p>Produced by {_e(report.tool.name)} {_e(report.tool.version)} on {_e(when)}. "
        "Contains children's personal data: keep it within the authority.</p></header>"
        '<nav class="bar" aria-label="Report sections"><a href="#overview">Overview</a>'
        '<a href="#categories">Categories</a><a href="#problems">Common problems</a>'
        f"<span>Plans: {plan_links}</span></nav>"
        f"<main>{_scheme(scheme)}{_overview(report, ratings)}{_categories(report)}"
        f"{_chart(report)}{errors}{plans}</main>"
        f"<script>{_JS}</script></body></html>\n"
    )


def render(report: Report, options: FormatOptions) -> str:
    """Registry entry point: ratings from the configured scheme, golden threads re-read."""
    config = options.config
    scheme = RatingScheme.from_config(config)
    return render_html(report, scheme=scheme, threads=_threads(report, options))
