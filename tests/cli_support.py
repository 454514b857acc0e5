"""Invented plans and a command-line runner shared by the CLI, config, baseline and format tests.

Every name and detail here is made up. Tests select a few stable rules
(PRV001, TPL001, STR001) so that rules added by others do not change counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from typer.testing import CliRunner, Result

from ehcp_lint.cli import app, route

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

DEFAULT_TEXT: dict[str, list[str]] = {
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
    "K": ["Educational psychologist advice dated TBC."],
}

#: The rules these tests rely on: stable, documented, owned by the engine.
STABLE = "PRV001,TPL001,STR001"


def plan_markdown(**sections: list[str]) -> str:
    """A complete plan in Markdown; keyword arguments replace a section's paragraphs."""
    parts: list[str] = []
    for key, heading in SECTIONS.items():
        paragraphs = sections.get(key, DEFAULT_TEXT[key])
        parts.append(f"# {heading}\n")
        for p in paragraphs:
            parts.append(f"{p}\n")
    return "\n".join(parts)


def write_plan(folder: Path, name: str = "plan.md", **sections: list[str]) -> Path:
    path = folder / name
    path.write_text(plan_markdown(**sections), encoding="utf-8")
    return path


def write_docx_plan(path: Path, provision: Sequence[str] = DEFAULT_TEXT["F"]) -> Path:
    """A Word plan built with python-docx: headings, paragraphs and a provision table."""
    import docx

    document = docx.Document()
    for key, heading in SECTIONS.items():
        document.add_heading(heading, level=1)
        if key == "F":
            for p in provision:
                document.add_paragraph(p)
            table = document.add_table(rows=2, cols=2)
            table.cell(0, 0).text = "Provision"
            table.cell(0, 1).text = "Who"
            table.cell(1, 0).text = "Opportunities to practise reading with an adult"
            table.cell(1, 1).text = "Class teacher"
        else:
            for p in DEFAULT_TEXT[key]:
                document.add_paragraph(p)
    document.save(str(path))
    return path


def run(args: Sequence[str], env: dict[str, str] | None = None) -> Result:
    """Run the command line in-process exactly as the console script routes it."""
    runner = CliRunner()
    return runner.invoke(app, route([str(a) for a in args]), env=env, catch_exceptions=False)
