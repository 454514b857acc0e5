"""Marked-up Word copies: one comment per finding, on exactly the flagged words.

Round trips on every Word fixture plan (lint → annotate → read the comments
back with python-docx and match them to the findings one for one), run
splitting on invented documents built with python-docx, and the file-safety
promises (input untouched, --force, private atomic writes). All plan content
is invented.
"""

from __future__ import annotations

import copy
import hashlib
import os
import shutil
import stat
import subprocess
from pathlib import Path

import docx
import pytest
from docx.shared import Pt

from ehcp_lint.annotate import AnnotationError, annotate_plan, reviewed_path
from ehcp_lint.annotate.docx_comments import comment_text, read_review_comments
from ehcp_lint.api import lint
from ehcp_lint.model import Location
from ehcp_lint.reading import load_plan
from ehcp_lint.report import Finding, Severity

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "plans"
#: Every Word plan the project ships: the fixture layouts, the sample, the national template.
WORD_FIXTURES = sorted(FIXTURES.glob("*.docx")) + sorted(
    p for folder in ("sample", "real-world") for p in (FIXTURES.parent / folder).glob("*.docx")
)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _squash(text: str) -> str:
    return " ".join(text.split())


def test_there_are_word_fixture_plans() -> None:
    assert len(WORD_FIXTURES) >= 4


@pytest.mark.parametrize("plan", WORD_FIXTURES, ids=lambda p: p.name)
def test_every_word_fixture_round_trips(plan: Path, tmp_path: Path) -> None:
    findings = lint(plan).plans[0].findings
    assert findings, "fixture plans carry deliberate problems"
    before = _digest(plan)
    out = annotate_plan(plan, findings, tmp_path)
    assert out == tmp_path / f"{plan.stem}.reviewed.docx"
    assert _digest(plan) == before, "the input plan must never be written"

    comments = read_review_comments(out.read_bytes())
    assert len(comments) == len(findings)
    for finding, comment in zip(findings, comments, strict=True):
        assert comment.author == "ehcp-lint"
        assert comment.initials == "EL"
        assert comment.text == comment_text(finding)
        assert comment.text.startswith(f"{finding.code} {finding.name}: {finding.message}")
        if finding.suggestion:
            assert f"Suggestion: {finding.suggestion}" in comment.text
        if finding.match:
            assert comment.anchored == _squash(finding.match), finding.location.describe()
        else:
            assert comment.anchored, "section and plan findings sit on a heading or the title"

    # The copy reads back as the same plan: comment marks are not content.
    original, reviewed = load_plan(plan), load_plan(out)
    assert [(s.key, s.text) for s in reviewed.sections] == [(s.key, s.text) for s in original.sections]


# --------------------------------------------------------------------------- invented plans

SECTION_HEADINGS = [
    "Section A: Views, interests and aspirations",
    "Section B: Special educational needs",
    "Section E: Outcomes",
    "Section F: Special educational provision",
]


def _plan_docx(path: Path) -> Path:
    """A small invented Word plan with formatted runs, a split phrase and a provision table."""
    document = docx.Document()
    document.add_paragraph("Education, Health and Care Plan for Tomos Pryce")  # paragraph 1
    document.add_heading(SECTION_HEADINGS[0], level=1)  # 2
    document.add_paragraph("Tomos likes trains and drawing.")  # 3
    document.add_heading(SECTION_HEADINGS[1], level=1)  # 4
    document.add_paragraph("Tomos reads single words but not yet whole sentences.")  # 5
    document.add_heading(SECTION_HEADINGS[2], level=1)  # 6
    document.add_paragraph("By July 2027 Tomos will read a 50-word passage aloud.")  # 7
    document.add_heading(SECTION_HEADINGS[3], level=1)  # 8
    p = document.add_paragraph()  # 9: one formatted run holding the flagged words
    run = p.add_run("Tomos will have access to speech and language therapy.")
    run.bold = True
    run.italic = True
    run.font.size = Pt(13)
    q = document.add_paragraph()  # 10: the flagged words split over three runs
    q.add_run("He will get reg")
    middle = q.add_run("ular supp")
    middle.underline = True
    q.add_run("ort in class.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Provision"
    table.cell(0, 1).text = "Who"
    table.cell(1, 0).text = "Opportunities to practise reading with an adult"
    table.cell(1, 1).text = "Class teacher"
    document.save(str(path))
    return path


def _finding(
    code: str,
    excerpt: str,
    match: str,
    location: Location,
    section: str | None = "F",
    severity: str = "warning",
) -> Finding:
    start = excerpt.find(match) if match else None
    return Finding(
        code=code,
        name="invented-rule",
        category="vague-provision",
        severity=Severity(severity),
        section=section,
        message=f"Invented message for {code}.",
        suggestion="Say what will be provided, by whom and how often.",
        excerpt=excerpt,
        match=match,
        start=start,
        end=start + len(match) if start is not None else None,
        location=location,
    )


def _runs(paragraph_element: object) -> list[object]:
    return list(paragraph_element.iter(f"{_W}r"))  # type: ignore[attr-defined]


def test_comment_covers_exactly_the_flagged_words_inside_one_run(tmp_path: Path) -> None:
    plan = _plan_docx(tmp_path / "plan.docx")
    text = "Tomos will have access to speech and language therapy."
    finding = _finding("PRV001", text, "access to", Location(paragraph=9))
    out = annotate_plan(plan, [finding], tmp_path / "out")
    assert out is not None
    [comment] = read_review_comments(out.read_bytes())
    assert comment.anchored == "access to"

    reviewed = docx.Document(str(out))
    paragraph = reviewed.paragraphs[8]
    assert paragraph.text == text, "splitting runs must not change the text"
    texted = [r for r in paragraph.runs if r.text]
    assert [r.text for r in texted] == ["Tomos will have ", "access to", " speech and language therapy."]
    for r in texted:  # every piece keeps the original run formatting
        assert r.bold is True and r.italic is True and r.font.size == Pt(13)


def test_comment_spanning_several_runs_keeps_each_runs_formatting(tmp_path: Path) -> None:
    plan = _plan_docx(tmp_path / "plan.docx")
    text = "He will get regular support in class."
    finding = _finding("PRV002", text, "regular support", Location(paragraph=10))
    out = annotate_plan(plan, [finding], tmp_path / "out")
    assert out is not None
    [comment] = read_review_comments(out.read_bytes())
    assert comment.anchored == "regular support"
    paragraph = docx.Document(str(out)).paragraphs[9]
    assert paragraph.text == text
    pieces = [(r.text, bool(r.underline)) for r in paragraph.runs if r.text]
    assert pieces == [
        ("He will get ", False),
        ("reg", False),
        ("ular supp", True),
        ("ort", False),
        (" in class.", False),
    ]


def test_several_findings_in_one_paragraph_and_a_table_cell(tmp_path: Path) -> None:
    plan = _plan_docx(tmp_path / "plan.docx")
    text = "Tomos will have access to speech and language therapy."
    cell = "Opportunities to practise reading with an adult"
    findings = [
        _finding("PRV001", text, "access to", Location(paragraph=9)),
        _finding("PRV009", text, "speech and language therapy", Location(paragraph=9)),
        _finding("PRV001", cell, "Opportunities to", Location(table=1, row=2, column=1)),
        _finding(
            "PRV010",
            f"{cell} | Class teacher",
            "Class teacher",
            Location(table=1, row=2),
        ),
    ]
    out = annotate_plan(plan, findings, tmp_path / "out")
    assert out is not None
    anchored = [c.anchored for c in read_review_comments(out.read_bytes())]
    assert anchored == ["access to", "speech and language therapy", "Opportunities to", "Class teacher"]


def test_section_and_plan_findings_go_on_the_heading_or_the_title(tmp_path: Path) -> None:
    plan = _plan_docx(tmp_path / "plan.docx")
    findings = [
        _finding("OUT010", "", "", Location(paragraph=6), section="E"),  # about Section E
        _finding("STR001", "", "", Location(), section="K", severity="error"),  # K is missing
    ]
    out = annotate_plan(plan, findings, tmp_path / "out")
    assert out is not None
    anchored = [c.anchored for c in read_review_comments(out.read_bytes())]
    assert anchored == [SECTION_HEADINGS[2], "Education, Health and Care Plan for Tomos Pryce"]


def test_words_inside_tracked_insertions_and_hyperlinks_can_be_commented(tmp_path: Path) -> None:
    """Runs wrapped in w:ins or w:hyperlink are read by the reader, so they can be anchored."""
    plan = _plan_docx(tmp_path / "plan.docx")
    document = docx.Document(str(plan))
    paragraph = document.paragraphs[8]._p
    runs = [r for r in paragraph if r.tag == f"{_W}r"]
    insertion = paragraph.makeelement(f"{_W}ins", {f"{_W}id": "91", f"{_W}author": "Caseworker"})
    extra = copy.deepcopy(runs[0])
    for t in extra.iter(f"{_W}t"):
        t.text = " It will be available as appropriate."
    insertion.append(extra)
    paragraph.append(insertion)
    document.save(str(plan))
    read_back = load_plan(plan)
    text = read_back.section("F").blocks[0].text  # type: ignore[union-attr]
    assert text.endswith("It will be available as appropriate.")
    finding = _finding("PRV002", text, "as appropriate", Location(paragraph=9))
    out = annotate_plan(plan, [finding], tmp_path / "out")
    assert out is not None
    [comment] = read_review_comments(out.read_bytes())
    assert comment.anchored == "as appropriate"
    assert load_plan(out).section("F").blocks[0].text == text  # type: ignore[union-attr]


# --------------------------------------------------------------------------- file safety


def test_existing_copy_is_replaced_only_with_force(tmp_path: Path) -> None:
    plan = _plan_docx(tmp_path / "plan.docx")
    text = "Tomos will have access to speech and language therapy."
    first = [_finding("PRV001", text, "access to", Location(paragraph=9))]
    out = annotate_plan(plan, first, tmp_path / "out")
    assert out is not None
    written = out.read_bytes()
    with pytest.raises(AnnotationError, match=r"already exists; use --force to replace it") as caught:
        annotate_plan(plan, [], tmp_path / "out")
    assert "\n" not in str(caught.value)
    assert out.read_bytes() == written, "a refused run leaves the existing copy alone"
    again = annotate_plan(plan, [], tmp_path / "out", force=True)
    assert again == out
    assert read_review_comments(out.read_bytes()) == []


def test_copies_are_private_and_no_temporary_files_remain(tmp_path: Path) -> None:
    plan = _plan_docx(tmp_path / "plan.docx")
    out = annotate_plan(plan, [], tmp_path / "out")
    assert out is not None
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["plan.reviewed.docx"]


def test_the_output_can_never_be_an_input(tmp_path: Path) -> None:
    plan = _plan_docx(tmp_path / "plan.docx")
    # Another plan of the same run happens to carry the name the copy would get.
    other = tmp_path / "plan.reviewed.docx"
    shutil.copy(plan, other)
    before = _digest(other)
    with pytest.raises(AnnotationError, match=r"is one of the plans being checked"):
        annotate_plan(plan, [], tmp_path, force=True, protect=[plan, other])
    assert _digest(other) == before
    # A copy path that is a link to the plan itself is refused too.
    (tmp_path / "links").mkdir()
    os.symlink(plan, tmp_path / "links" / "plan.reviewed.docx")
    with pytest.raises(AnnotationError, match=r"is the plan itself"):
        annotate_plan(plan, [], tmp_path / "links", force=True)


def test_markdown_plans_get_no_copy(tmp_path: Path) -> None:
    plan = FIXTURES / "markdown-anytown.md"
    assert annotate_plan(plan, lint(plan).plans[0].findings, tmp_path) is None
    assert list(tmp_path.iterdir()) == []
    assert reviewed_path(plan, tmp_path, "docx").name == "markdown-anytown.reviewed.docx"


def test_command_line_annotate_writes_copies_and_goes_on_after_an_error(tmp_path: Path) -> None:
    from cli_support import run

    plans = tmp_path / "plans"
    plans.mkdir()
    for name in ("grid-ashdown.docx", "pdf-grid-westvale.pdf", "markdown-anytown.md"):
        shutil.copy(FIXTURES / name, plans / name)
    out = tmp_path / "reviewed"
    first = run([plans, "--annotate", out, "--exit-zero", "-j", "1", "-q"])
    assert first.exit_code == 0, first.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "grid-ashdown.reviewed.docx",
        "pdf-grid-westvale.reviewed.pdf",
    ]
    assert "note: 1 Markdown or text plan has no marked-up copy" in first.stderr
    # Again without --force: one line per refused copy, the report is still produced.
    second = run([plans, "--annotate", out, "-j", "1", "-q", "-f", "json"])
    refused = [line for line in second.stderr.splitlines() if "already exists" in line]
    assert len(refused) == 2
    assert second.exit_code == 2
    assert '"plans"' in second.stdout
    third = run([plans, "--annotate", out, "--force", "--exit-zero", "-j", "1", "-q"])
    assert "already exists" not in third.stderr


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_copy_and_keeps_every_comment(tmp_path: Path) -> None:
    plan = FIXTURES / "grid-ashdown.docx"
    findings = lint(plan).plans[0].findings
    out = annotate_plan(plan, findings, tmp_path)
    assert out is not None
    converted = tmp_path / "lo"
    profile = tmp_path / "lo-profile"
    result = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(converted),
            str(out),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    resaved = converted / out.name
    assert resaved.exists(), "LibreOffice could not open the marked-up copy"
    # LibreOffice numbers comments in document order; compare what each says and covers.
    ours = read_review_comments(out.read_bytes())
    theirs = read_review_comments(resaved.read_bytes())
    assert len(theirs) == len(findings)
    assert sorted((c.text, c.anchored) for c in theirs) == sorted((c.text, c.anchored) for c in ours)
