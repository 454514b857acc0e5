"""The HTML panel report in a real browser: headless Chromium driven by Playwright.

Checks what a panel member sees: the overview table, a plan's findings, the
highlighted words, sorting by clicking (and by keyboard), and no request to
anything outside the file. A screenshot is saved under the test's tmp folder.
Skipped only where no Chromium binary is installed (``apt-get install
chromium``; never ``playwright install``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ehcp_lint.api import lint_many
from ehcp_lint.formatters import FormatOptions, render
from ehcp_lint.rating import Rating, rate_plan

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "plans"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], list[int]]:
    folder = tmp_path_factory.mktemp("batch")
    for name in ("grid-ashdown.docx", "markdown-anytown.md", "pdf-grid-westvale.pdf", "bold-headings-westmere.docx"):
        shutil.copy(FIXTURES / name, folder / name)
    report = lint_many([folder], jobs=1)
    target = folder / "panel.html"
    target.write_text(str(render(report, "html", FormatOptions())), encoding="utf-8")
    names = [Path(p.path).name for p in report.plans]
    points = [rate_plan(p).points for p in report.plans]
    return target, names, points


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    if not Path(CHROMIUM).exists():
        pytest.skip("no Chromium binary (install Debian's chromium: apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def _column(page, index: int) -> list[str]:  # type: ignore[no-untyped-def]
    return page.eval_on_selector_all(
        "#overview-table tbody tr",
        f"rows => rows.map(r => r.children[{index}].getAttribute('data-sort'))",
    )


def test_panel_report_in_chromium(
    browser, report_file: tuple[Path, list[str], list[int]], tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    target, names, points = report_file
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(target.as_uri())

    overview = page.locator("#overview-table")
    assert overview.is_visible()
    assert page.locator("#overview-table tbody tr").count() == len(names)
    assert page.locator("svg.chart").is_visible()

    # Click "Overall": worst first, click again: best first.
    header = page.locator("#overview-table thead th", has_text="Overall")
    header.locator("button").click()
    ascending = [int(v) for v in _column(page, 1)]
    assert ascending == sorted(points)
    assert header.get_attribute("aria-sort") == "ascending"
    header.locator("button").click()
    assert [int(v) for v in _column(page, 1)] == sorted(points, reverse=True)
    assert header.get_attribute("aria-sort") == "descending"

    # Sort by plan name with the keyboard alone.
    plan_button = page.locator("#overview-table thead th", has_text="Plan").locator("button")
    plan_button.focus()
    page.keyboard.press("Enter")
    assert _column(page, 0) == sorted(n.lower() for n in names)

    # A plan's findings and their highlighted words, reached from the overview link.
    page.locator("#overview-table tbody tr").first.locator("a").click()
    first_plan = page.locator("section.plan").first
    finding = first_plan.locator("li.finding").first
    finding.scroll_into_view_if_needed()
    assert finding.is_visible()
    mark = page.locator("section.plan li.finding mark").first
    mark.scroll_into_view_if_needed()
    assert mark.is_visible()
    assert mark.inner_text().strip()
    colour = mark.evaluate("m => getComputedStyle(m).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    assert page.locator("section.plan table.thread").first.count() == 1

    # Ratings are words as well as colours.
    words = {r.value for r in Rating}
    cells = page.eval_on_selector_all("#overview-table tbody td[data-sort]", "cells => cells.map(c => c.innerText)")
    assert all(any(w in c for w in words) or c.strip() in ("—", "") or c.strip().isdigit() for c in cells)

    screenshot = tmp_path / "panel-report.png"
    page.goto(target.as_uri())
    page.screenshot(path=str(screenshot), full_page=False)
    assert screenshot.stat().st_size > 10_000
    page.emulate_media(media="print")
    assert page.locator("nav.bar").is_hidden(), "no sticky bar on paper"
    page.close()

    assert errors == [], errors
    assert all(url.startswith("file://") for url in requests), requests
