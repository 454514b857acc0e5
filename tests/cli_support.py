"""Invented plans and a command-line runner shared by the CLI, config, baseline and format tests.

Every name and detail here is made up. Tests select a few stable rules
(PRV001, TPL001, STR001) so that rules added by others do not change counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from typer.testing import CliRunner, Result

from badinputs.examples import BODY, SECTIONS
from ehcp_lint.cli import app, route

#: The safety tests' invented plan, but with Section K's advice "dated TBC", a placeholder
#: that TPL001 reports (the counts in the CLI and format tests include it).
DEFAULT_TEXT: dict[str, list[str]] = {**BODY, "K": ["Educational psychologist advice dated TBC."]}

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
