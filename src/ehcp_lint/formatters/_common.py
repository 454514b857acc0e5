"""Small pieces several formats share: counting, summary wording, excerpt trimming."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ehcp_lint.model import SECTION_TITLES, Location
from ehcp_lint.report import Finding, Report, Severity

SEVERITY_ORDER: tuple[Severity, ...] = (Severity.ERROR, Severity.WARNING, Severity.INFO)


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 plan``, ``2 plans``; ``many`` for irregular words (``info`` stays ``info``)."""
    if count == 1:
        return f"{count} {word}"
    return f"{count} {many if many is not None else word + 's'}"


def severity_counts(findings: Iterable[Finding]) -> Counter[Severity]:
    return Counter(f.severity for f in findings)


def findings_phrase(findings: list[Finding]) -> str:
    """``41 findings (5 errors, 30 warnings, 6 info)`` or ``no findings``."""
    if not findings:
        return "no findings"
    counts = severity_counts(findings)
    parts = [
        plural(counts[Severity.ERROR], "error"),
        plural(counts[Severity.WARNING], "warning"),
        plural(counts[Severity.INFO], "info", "info"),
    ]
    return f"{plural(len(findings), 'finding')} ({', '.join(parts)})"


def summary_line(report: Report) -> str:
    """The batch summary, e.g. ``3 plans, 41 findings (5 errors, 30 warnings, 6 info), 1 file could not be read``."""
    text = f"{plural(len(report.plans), 'plan')}, {findings_phrase(report.findings)}"
    if report.errors:
        n = len(report.errors)
        text += f", {n} {'file' if n == 1 else 'files'} could not be read"
    if report.stale_baseline:
        n = len(report.stale_baseline)
        text += f", {plural(n, 'baseline entry', 'baseline entries')} no longer {'matches' if n == 1 else 'match'}"
    return text


def section_label(section: str | None) -> str:
    """``Section F: Special educational provision``; ``Whole plan`` for no section."""
    if section is None:
        return "Whole plan"
    title = SECTION_TITLES.get(section)
    return f"Section {section}: {title}" if title else f"Section {section}"


def line_number(location: Location) -> int | None:
    """The one number a line-oriented tool can show: line, else paragraph, else page."""
    for value in (location.line, location.paragraph, location.page):
        if value is not None and value >= 1:
            return value
    return None


@dataclass(frozen=True)
class Excerpt:
    """A trimmed excerpt: ``before`` + ``match`` + ``after``, with ``…`` where text was cut."""

    before: str
    match: str
    after: str

    @property
    def text(self) -> str:
        return self.before + self.match + self.after


def _squash(text: str) -> str:
    return " ".join(text.split()) if text.strip() else ""


def _cut_left(text: str, keep: int) -> str:
    """The last ``keep`` characters, starting at a word boundary, with a leading ``…``."""
    if len(text) <= keep:
        return text
    tail = text[len(text) - keep :]
    space = tail.find(" ")
    if 0 <= space < 15:
        tail = tail[space + 1 :]
    return "…" + tail


def _cut_right(text: str, keep: int) -> str:
    if len(text) <= keep:
        return text
    head = text[:keep]
    space = head.rfind(" ")
    if space > keep - 15:
        head = head[:space]
    return head + "…"


def trim_excerpt(finding: Finding, width: int = 100) -> Excerpt | None:
    """The finding's excerpt cut to about ``width`` characters around the flagged words.

    Whitespace (including line breaks inside a table cell) is collapsed so the
    excerpt reads as one line. ``None`` when the finding has no excerpt
    (findings about a whole section or plan).
    """
    text = finding.excerpt
    if not text.strip():
        return None
    start, end = finding.start, finding.end
    if start is None or end is None or not 0 <= start <= end <= len(text):
        squashed = _squash(text)
        return Excerpt("", "", _cut_right(squashed, width))
    before_raw, match_raw, after_raw = text[:start], text[start:end], text[end:]
    match = " ".join(match_raw.split())
    before = " ".join(before_raw.split()) + (" " if before_raw[-1:].isspace() else "")
    after = (" " if after_raw[:1].isspace() else "") + " ".join(after_raw.split())
    before = before.lstrip()
    after = after.rstrip()
    if len(match) >= width:
        return Excerpt("…" if before else "", match[: width - 1] + "…", "…" if after else "")
    budget = width - len(match)
    left = budget // 2
    right = budget - left
    if len(before) < left:
        right += left - len(before)
    elif len(after) < right:
        left += right - len(after)
    return Excerpt(_cut_left(before, left), match, _cut_right(after, right))


def rule_counts(report: Report) -> list[tuple[str, str, int]]:
    """``(code, name, count)`` per rule, most frequent first (``--statistics``)."""
    counts: Counter[tuple[str, str]] = Counter((f.code, f.name) for f in report.findings)
    return [(code, name, n) for (code, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
