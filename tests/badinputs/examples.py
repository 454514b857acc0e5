"""Invented plans for the safety tests, and the hypothesis example budget.

Every person, date, number and address here is made up. Phone numbers come
from Ofcom's drama ranges (01632 960xxx, 07700 900xxx), NHS numbers from the
999 test range, postcodes from no real postcode area, e-mail addresses from
``example.org``.
"""

from __future__ import annotations

import io
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

#: Section headings as an LA template writes them.
SECTIONS: dict[str, str] = {
    "A": "Section A: Views, interests and aspirations",
    "B": "Section B: Special educational needs",
    "C": "Section C: Health needs",
    "D": "Section D: Social care needs",
    "E": "Section E: Outcomes",
    "F": "Section F: Special educational provision",
    "G": "Section G: Health provision",
    "H1": "Section H1: Social care provision (CSDPA 1970 s.2)",
    "H2": "Section H2: Other social care provision",
    "I": "Section I: Placement",
    "J": "Section J: Personal budget",
    "K": "Section K: Advice and information",
}

BODY: dict[str, list[str]] = {
    "A": ["I like trains and drawing. I want to go to college."],
    "B": ["Tomos reads single words but not yet whole sentences."],
    "C": ["No health needs were identified in the health advice."],
    "D": ["No social care needs were identified in the social care advice."],
    "E": ["By July 2027 Tomos will read a 50-word passage aloud."],
    "F": [
        "Tomos will have access to speech and language therapy.",
        "A teaching assistant will run a 20-minute phonics session every day.",
    ],
    "G": ["None required."],
    "H1": ["None required."],
    "H2": ["None required."],
    "I": ["Brookfield Primary School, a maintained mainstream primary school."],
    "J": ["No personal budget was requested."],
    "K": ["Educational psychologist advice dated 3 March 2025."],
}

#: An invented child's personal details, as a details table gives them.
DETAILS: tuple[tuple[str, str], ...] = (
    ("Full name", "Tomos Pryce"),
    ("Preferred name", "Tom"),
    ("Date of birth", "14 March 2016"),
    ("Year group", "Year 4"),
    ("NHS number", "999 123 4567"),
    ("UPN", "H801200001234"),
    ("Home address", "12 Larch Mews, Anytown ZX3 4QT"),
    ("Parent or carer", "Megan Pryce (mother)"),
    ("Telephone number", "01632 960 418"),
    ("Email", "megan.pryce@example.org"),
    ("GP", "Dr Idris Okafor, Brookside Surgery"),
    ("School or setting", "Brookfield Primary School"),
)


def examples(ci_count: int) -> int:
    """Hypothesis examples for a property: ``ci_count`` in CI, scaled up locally.

    ``EHCP_LINT_HYPOTHESIS_SCALE=10`` runs ten times as many examples.
    """
    scale = float(os.environ.get("EHCP_LINT_HYPOTHESIS_SCALE", "1"))
    return max(1, int(ci_count * scale))


def plan_markdown(
    sections: Mapping[str, Sequence[str]] | None = None,
    details: Sequence[tuple[str, str]] = (),
    title: str = "Education, Health and Care Plan",
) -> str:
    """A complete plan in Markdown; ``sections`` replaces a section's paragraphs."""
    chosen = dict(sections or {})
    parts = [f"# {title}\n"]
    if details:
        parts.append("| Personal details | |\n|---|---|\n" + "".join(f"| {k} | {v} |\n" for k, v in details))
    for key, heading in SECTIONS.items():
        parts.append(f"## {heading}\n")
        parts += [f"{p}\n" for p in chosen.get(key, BODY[key])]
    return "\n".join(parts)


def docx_document(
    sections: Mapping[str, Sequence[str]] | None = None,
    details: Sequence[tuple[str, str]] = (),
) -> object:
    """A python-docx Document of a whole plan: details table, heading-styled sections, paragraphs."""
    import docx

    chosen = dict(sections or {})
    document = docx.Document()
    document.add_heading("Education, Health and Care Plan", level=0)
    if details:
        table = document.add_table(rows=0, cols=2)
        for label, value in details:
            row = table.add_row().cells
            row[0].text, row[1].text = label, value
    for key, heading in SECTIONS.items():
        document.add_heading(heading, level=1)
        for paragraph in chosen.get(key, BODY[key]):
            document.add_paragraph(paragraph)
    return document


def docx_bytes(
    sections: Mapping[str, Sequence[str]] | None = None,
    details: Sequence[tuple[str, str]] = (),
) -> bytes:
    buffer = io.BytesIO()
    docx_document(sections, details).save(buffer)  # type: ignore[attr-defined]
    return buffer.getvalue()


def pdf_bytes(
    sections: Mapping[str, Sequence[str]] | None = None,
    details: Sequence[tuple[str, str]] = (),
) -> bytes:
    """A text PDF of a whole plan (reportlab): headings in a larger bold font."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    chosen = dict(sections or {})
    styles = getSampleStyleSheet()
    story = [Paragraph("Education, Health and Care Plan", styles["Title"])]
    story += [Paragraph(f"{k}: {v}", styles["Normal"]) for k, v in details]
    for key, heading in SECTIONS.items():
        story.append(Paragraph(heading, styles["Heading1"]))
        story += [Paragraph(p, styles["Normal"]) for p in chosen.get(key, BODY[key])]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, title="Plan", author="ehcp-lint tests").build(story)
    return buffer.getvalue()


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path
