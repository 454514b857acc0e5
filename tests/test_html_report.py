"""The HTML panel report without a browser: self-contained, escaped, complete.

(tests/test_html_browser.py opens it in headless Chromium.) Plans are the
fixture plans and invented Markdown plans.
"""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from cli_support import run, write_docx_plan, write_plan
from ehcp_lint.api import lint_many
from ehcp_lint.formatters import FormatOptions, render
from ehcp_lint.formatters.html import finding_excerpt_html, plan_text_html, short_names
from ehcp_lint.rating import rate_plan
from ehcp_lint.report import Report

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "plans"
BATCH = ["grid-ashdown.docx", "markdown-anytown.md", "pdf-grid-westvale.pdf"]


class _Tags(HTMLParser):
    """Collects start tags with their attributes, and checks nesting of the main elements."""

    VOID = frozenset({"meta", "br", "hr", "img", "input", "link", "col"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1:]}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Report, str]:
    folder = tmp_path_factory.mktemp("plans")
    for name in BATCH:
        shutil.copy(FIXTURES / name, folder / name)
    report = lint_many([folder], jobs=1)
    return report, str(render(report, "html", FormatOptions()))


def _parse(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    parser.close()
    assert parser.stack == [], f"unclosed elements: {parser.stack}"
    return parser


def test_report_is_well_formed_and_self_contained(batch: tuple[Report, str]) -> None:
    _, page = batch
    tags = _parse(page)
    names = [tag for tag, _ in tags.tags]
    assert "link" not in names and "img" not in names and "iframe" not in names
    assert names.count("script") == 1 and names.count("style") == 1
    for tag, attrs in tags.tags:
        assert "src" not in attrs, f"<{tag}> loads something"
        href = attrs.get("href")
        if href is not None:
            assert href.startswith("#"), f"<{tag}> links out: {href}"
    # Nothing in CSS or anywhere else points at the network (the SVG namespace is a name, not a fetch).
    assert "@import" not in page and "url(" not in page
    assert re.findall(r"https?://[^\s\"'<>]+", page) == ["http://www.w3.org/2000/svg"]


def test_content_security_policy_allows_only_the_pages_own_script(batch: tuple[Report, str]) -> None:
    _, page = batch
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert policy is not None
    script = re.search(r"<script>(.*)</script>", page, re.S)
    assert script is not None
    digest = base64.b64encode(hashlib.sha256(script.group(1).encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in policy.group(1)
    assert "default-src 'none'" in policy.group(1)


def test_overview_has_a_row_per_plan_with_rating_words(batch: tuple[Report, str]) -> None:
    report, page = batch
    table = page.split('id="overview-table"', 1)[1].split("</table>", 1)[0]
    rows = table.split("<tbody>", 1)[1].count("<tr>")
    assert rows == len(report.plans) == 3
    for plan in report.plans:
        rating = rate_plan(plan)
        name = Path(plan.path).name
        assert f">{name}</a>" in table
        assert f"<strong>{rating.overall.value}</strong> · {rating.rag.value}" in table
    # Every coloured cell says its rating in words too.
    for css, word in [("r-good", "Good"), ("r-ri", "Requires improvement"), ("r-inadequate", "Inadequate")]:
        for cell in re.findall(rf'<td class="{css}"[^>]*>(.*?)</td>', table):
            assert re.sub(r"<[^>]+>", "", cell).startswith(word)


def test_each_plan_shows_findings_breakdown_and_golden_thread(batch: tuple[Report, str]) -> None:
    report, page = batch
    for index, plan in enumerate(report.plans, start=1):
        part = page.split(f'<section class="plan" id="plan-{index}"', 1)[1].split("</section>", 1)[0]
        assert part.count('class="finding ') == len(plan.findings)
        for f in plan.findings:
            assert f">{f.code}</code>" in part
        assert "How each rating was reached" in part
        assert "Overall: the lowest of these limits" in part
        assert "Golden thread" in part
    grid = page.split('id="plan-1"', 1)[1].split("</section>", 1)[0]
    assert "linked by the same table row" in grid


def test_flagged_words_are_marked_in_context(batch: tuple[Report, str]) -> None:
    report, page = batch
    marks = re.findall(r"<mark>(.*?)</mark>", page)
    import html

    marked = {html.unescape(m) for m in marks}
    for plan in report.plans:
        for f in plan.findings:
            if f.match:
                assert " ".join(f.match.split()) in {" ".join(m.split()) for m in marked}


def test_category_counts_and_chart(batch: tuple[Report, str]) -> None:
    report, page = batch
    categories = page.split('id="category-table"', 1)[1].split("</table>", 1)[0]
    counts: dict[str, int] = {}
    for f in report.findings:
        counts[f.category] = counts.get(f.category, 0) + 1
    for category, count in counts.items():
        assert f'data-sort="{category}">{category}</th><td class="num" data-sort="{count}">{count}</td>' in categories
    chart = page.split('<svg class="chart"', 1)[1].split("</svg>", 1)[0]
    assert 1 <= chart.count("<rect") <= 10


def test_plan_text_is_escaped(tmp_path: Path) -> None:
    hostile = '<script>alert("x")</script> Tomos will have access to <img src=x onerror=alert(1)> therapy.'
    # Word keeps angle brackets as text (Markdown would read them as HTML and drop them).
    plan = write_docx_plan(tmp_path / "hostile.docx", provision=[hostile, "<b>Tomos</b> & friends"])
    report = lint_many([plan], jobs=1)
    assert any("<script>" in f.excerpt for f in report.findings)
    page = str(render(report, "html", FormatOptions()))
    tags = _parse(page)
    assert [t for t, _ in tags.tags].count("script") == 1
    assert not any(t == "img" for t, _ in tags.tags)
    assert not any(t in ("b", "i") for t, _ in tags.tags)
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&lt;b&gt;Tomos&lt;/b&gt; &amp; friends" in page


def test_plan_text_goes_through_one_function_with_a_redaction_hook() -> None:
    text = "Tomos Pryce will have access to speech therapy."
    start = text.index("access to")
    shown = plan_text_html(text, start, start + 9, redact=lambda s: s.replace("Tomos Pryce", "[child]"))
    assert shown == "[child] will have <mark>access to</mark> speech therapy."
    long = "word " * 200 + "access to" + " word" * 200
    trimmed = plan_text_html(long, 1000, 1009, width=60)
    assert "<mark>access to</mark>" in trimmed
    assert trimmed.startswith("…") and trimmed.endswith("…")
    assert len(trimmed) < 120
    assert plan_text_html("<b>x</b>", width=None) == "&lt;b&gt;x&lt;/b&gt;"


def test_plan_level_findings_have_no_excerpt() -> None:
    from ehcp_lint.report import Finding, Severity

    finding = Finding(
        code="STR001", name="missing-section", category="missing-section",
        severity=Severity.ERROR, section="J", message="Section J is missing.",
    )
    assert finding_excerpt_html(finding) == ""


def test_short_names_drop_the_shared_folder() -> None:
    assert short_names(["/a/b/one.docx", "/a/b/two.pdf"]) == ["one.docx", "two.pdf"]
    assert short_names(["/a/b/one.docx", "/a/c/two.pdf"]) == ["b/one.docx", "c/two.pdf"]
    assert short_names(["one.docx", "two.pdf"]) == ["one.docx", "two.pdf"]


def test_command_line_writes_the_html_report(tmp_path: Path) -> None:
    plan = write_plan(tmp_path, "amira.md")
    target = tmp_path / "panel.html"
    result = run([plan, "--format", "html", "--output", target, "--exit-zero"])
    assert result.exit_code == 0, result.stderr
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "amira.md" in page


def test_unreadable_files_are_listed_without_their_content(tmp_path: Path) -> None:
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 not really a Word file")
    good = write_plan(tmp_path, "amira.md")
    report = lint_many([good, bad], jobs=1)
    page = str(render(report, "html", FormatOptions()))
    assert "Files that could not be read" in page
    assert "broken.docx" in page
