"""Marked-up PDF copies: a highlight on the flagged words of each finding, the finding as its note.

Round trips on every PDF fixture plan (lint → annotate → read the annotations
back with pypdf: count, author, /Contents, QuadPoints inside the page and over
the very characters of the match, checked with pdfplumber), and invented PDFs
built with reportlab for section-level sticky notes. All content is invented.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pdfplumber
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

from ehcp_lint.annotate import AnnotationError, annotate_plan
from ehcp_lint.annotate.docx_comments import comment_text
from ehcp_lint.annotate.pdf_highlights import PdfNote, match_boxes, read_review_notes
from ehcp_lint.api import lint
from ehcp_lint.config import Config
from ehcp_lint.model import Location, WordBox
from ehcp_lint.report import Finding, Severity

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "plans"
PDF_FIXTURES = sorted(FIXTURES.glob("*.pdf"))


def _squash(text: str) -> str:
    return "".join(text.split())


def _chars_under(pdf: bytes, note: PdfNote) -> str:
    """The characters whose centres lie inside the note's quads, in page order."""
    quads = note.quad_points
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page = document.pages[note.page - 1]
        height = float(page.height)
        rects = []
        for i in range(0, len(quads), 8):
            xs = quads[i : i + 8 : 2]
            ys = quads[i + 1 : i + 8 : 2]
            rects.append((min(xs), height - max(ys), max(xs), height - min(ys)))
        picked = []
        for char in page.chars:
            cx = (char["x0"] + char["x1"]) / 2
            cy = (char["top"] + char["bottom"]) / 2
            if any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in rects):
                picked.append(char["text"])
    return _squash("".join(picked))


def _at_word_edges(finding: Finding) -> bool:
    text, start, end = finding.excerpt, finding.start, finding.end
    assert start is not None and end is not None
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not before.isalnum() and not after.isalnum()


def test_there_are_pdf_fixture_plans() -> None:
    assert len(PDF_FIXTURES) >= 2


@pytest.mark.parametrize("plan", PDF_FIXTURES, ids=lambda p: p.name)
def test_every_pdf_fixture_round_trips(plan: Path, tmp_path: Path) -> None:
    findings = lint(plan).plans[0].findings
    assert findings
    original = plan.read_bytes()
    digest = hashlib.sha256(original).hexdigest()
    out = annotate_plan(plan, findings, tmp_path)
    assert out == tmp_path / f"{plan.stem}.reviewed.pdf"
    assert hashlib.sha256(plan.read_bytes()).hexdigest() == digest
    written = out.read_bytes()
    assert written.startswith(original), "an incremental update keeps the plan's own bytes"

    notes = read_review_notes(written)
    assert len(notes) == len(findings)
    with pdfplumber.open(io.BytesIO(written)) as document:
        sizes = [(float(p.width), float(p.height)) for p in document.pages]
    checked = 0
    for finding, note in zip(findings, notes, strict=True):
        assert note.author == "ehcp-lint"
        assert note.contents == comment_text(finding)
        width, height = sizes[note.page - 1]
        if not finding.match:
            assert note.subtype == "/Text"
            continue
        assert note.subtype == "/Highlight"
        quads = note.quad_points
        assert quads and len(quads) % 8 == 0
        assert all(0 <= x <= width for x in quads[0::2])
        assert all(0 <= y <= height for y in quads[1::2])
        x0, y0, x1, y1 = note.rect
        assert x0 <= min(quads[0::2]) and max(quads[0::2]) <= x1
        assert y0 <= min(quads[1::2]) and max(quads[1::2]) <= y1
        if _at_word_edges(finding):
            under = _chars_under(written, note)
            # A match that runs on to the next page is highlighted on its first page.
            assert _squash(finding.match).startswith(under) and under, finding.match
            checked += 1
    assert checked >= len([f for f in findings if f.match]) // 2


# --------------------------------------------------------------------------- invented PDFs

PROVISION = "Tomos will have access to speech and language therapy every week."


def _plan_pdf(path: Path) -> Path:
    """An invented plan: sections A to F on page 1, Section K alone on page 2."""
    styles = getSampleStyleSheet()
    story = [
        Paragraph("Education, Health and Care Plan", styles["Title"]),
        Paragraph("Section A: Views, interests and aspirations", styles["Heading1"]),
        Paragraph("Tomos likes trains and drawing.", styles["BodyText"]),
        Paragraph("Section B: Special educational needs", styles["Heading1"]),
        Paragraph("Tomos reads single words but not yet whole sentences.", styles["BodyText"]),
        Paragraph("Section E: Outcomes", styles["Heading1"]),
        Paragraph("By July 2027 Tomos will read a 50-word passage aloud.", styles["BodyText"]),
        Paragraph("Section F: Special educational provision", styles["Heading1"]),
        Paragraph(PROVISION, styles["BodyText"]),
        PageBreak(),
        Paragraph("Section K: Advice and information", styles["Heading1"]),
        Paragraph("Educational psychologist advice, 3 March 2026.", styles["BodyText"]),
    ]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


def test_highlight_sits_on_the_flagged_words_of_an_invented_plan(tmp_path: Path) -> None:
    plan = _plan_pdf(tmp_path / "plan.pdf")
    report = lint(plan, Config(select=["PRV001"]))
    findings = report.plans[0].findings
    [finding] = findings
    assert "access to" in finding.match
    out = annotate_plan(plan, findings, tmp_path / "out")
    assert out is not None
    [note] = read_review_notes(out.read_bytes())
    assert note.page == 1
    assert note.subtype == "/Highlight"
    assert _chars_under(out.read_bytes(), note) == _squash(finding.match)
    assert note.contents == comment_text(finding)


def test_section_findings_become_sticky_notes_on_the_sections_first_page(tmp_path: Path) -> None:
    plan = _plan_pdf(tmp_path / "plan.pdf")

    def plan_level(section: str | None, code: str) -> Finding:
        return Finding(
            code=code,
            name="invented-rule",
            category="missing-advice",
            severity=Severity.WARNING,
            section=section,
            message=f"Invented section-level message {code}.",
        )

    findings = [plan_level("K", "ADV001"), plan_level("K", "ADV002"), plan_level(None, "IDN001")]
    out = annotate_plan(plan, findings, tmp_path / "out")
    assert out is not None
    notes = read_review_notes(out.read_bytes())
    assert [(n.subtype, n.page) for n in notes] == [("/Text", 2), ("/Text", 2), ("/Text", 1)]
    with pdfplumber.open(io.BytesIO(out.read_bytes())) as document:
        height = float(document.pages[1].height)
    for note in notes:
        assert note.rect[3] > height - 40, "at the top of the page"
    assert notes[0].rect != notes[1].rect, "two notes on one page do not sit on each other"


def test_finding_whose_words_cannot_be_found_still_gets_a_note(tmp_path: Path) -> None:
    plan = _plan_pdf(tmp_path / "plan.pdf")
    stale = Finding(
        code="PRV001",
        name="non-committal-provision",
        category="vague-provision",
        severity=Severity.WARNING,
        section="F",
        message="Words from an older version of the plan.",
        excerpt="Text that is no longer in the plan.",
        match="no longer",
        start=13,
        end=22,
        location=Location(page=1),
    )
    out = annotate_plan(plan, [stale], tmp_path / "out")
    assert out is not None
    [note] = read_review_notes(out.read_bytes())
    assert note.subtype == "/Text"
    assert note.contents.startswith("PRV001")


def test_existing_pdf_copy_needs_force(tmp_path: Path) -> None:
    plan = _plan_pdf(tmp_path / "plan.pdf")
    assert annotate_plan(plan, [], tmp_path / "out") is not None
    with pytest.raises(AnnotationError, match=r"plan.reviewed.pdf: already exists; use --force"):
        annotate_plan(plan, [], tmp_path / "out")
    assert annotate_plan(plan, [], tmp_path / "out", force=True) is not None


def test_partial_boxes_are_trimmed_in_proportion() -> None:
    box = WordBox(start=10, end=20, page=1, x0=100.0, top=50.0, x1=200.0, bottom=60.0)
    [trimmed] = match_boxes([box], 12, 15)
    assert (trimmed.start, trimmed.end) == (12, 15)
    assert trimmed.x0 == pytest.approx(120.0)
    assert trimmed.x1 == pytest.approx(150.0)
    assert match_boxes([box], 0, 10) == []
    assert match_boxes([box], 20, 25) == []
