"""Block-level rules across a whole plan: first use of jargon, next-item context, tables, order.

The per-rule should-flag/should-pass cases live in ``tests/rule_cases/``; these
tests cover what a single-statement case cannot: what the rules see of the rest
of the plan, how a table row and its cells share the work, and that the rules
behave the same on a real Word file as on Markdown. All plans here are invented.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import docx

from ehcp_lint.config import Config
from ehcp_lint.reading import load_plan, read_plan
from ehcp_lint.report import Finding
from ehcp_lint.testing import lint_plan

BLOCK_CODES = [
    "PRV001", "PRV002", "PRV003", "PRV004", "PRV005", "PRV006", "PRV007", "PRV008", "PRV009",
    "PRV010", "NED001", "OUT001", "OUT002", "OUT003", "LNG001", "LNG002", "LNG003", "LNG004",
    "TPL001", "TPL002", "TPL003",
]


def _lint(markdown: str, select: list[str] | None = None, config: Config | None = None) -> list[Finding]:
    return lint_plan(read_plan(markdown, "md", source="<test>"), select or BLOCK_CODES, config)


# --------------------------------------------------------------------------- jargon


def test_jargon_is_reported_once_at_its_first_use() -> None:
    findings = _lint(
        """# Section B: Special educational needs
Dev's TA says he settles quickly after break.
# Section F: Special educational provision
A TA will read with Dev for 10 minutes every morning.
The TA will check his reading record every Friday for 5 minutes.
""",
        ["LNG001"],
    )
    assert [(f.section, f.match) for f in findings] == [("B", "TA")]


def test_jargon_explained_at_first_use_is_not_reported_later() -> None:
    findings = _lint(
        """# Section B: Special educational needs
Dev works best with his emotional literacy support assistant (ELSA) nearby.
# Section F: Special educational provision
The ELSA will see Dev for 30 minutes every Tuesday.
""",
        ["LNG001"],
    )
    assert findings == []


def test_jargon_defined_in_a_glossary_table_anywhere_is_not_reported() -> None:
    findings = _lint(
        """# Section F: Special educational provision
The SENCO will meet Dev's parents for 30 minutes every half term.
# Section K: Advice and information
| Abbreviation | Meaning |
|---|---|
| SENCO | special educational needs co-ordinator |
""",
        ["LNG001"],
    )
    assert findings == []


def test_jargon_accepted_by_configured_vocabulary() -> None:
    text = """# Section F: Special educational provision
The SENCO will meet Dev's parents for 30 minutes every half term.
"""
    assert [f.match for f in _lint(text, ["LNG001"])] == ["SENCO"]
    assert _lint(text, ["LNG001"], Config(vocabulary=["senco"])) == []


def test_jargon_in_a_table_is_reported_once_not_per_row_and_cell() -> None:
    findings = _lint(
        """# Section F: Special educational provision
| Provision | Who | How often | How long |
|---|---|---|---|
| Phonics practice | TA | Daily | 15 minutes |
| Handwriting practice | TA | Twice a week | 10 minutes |
""",
        ["LNG001"],
    )
    assert [(f.match, f.excerpt) for f in findings] == [("TA", "TA")]
    assert findings[0].location.line == 4, "the first row's cell, where TA is first used"


# --------------------------------------------------------------------------- needs


def test_label_followed_by_a_functional_next_item_is_fine() -> None:
    markdown = """# Section B: Special educational needs
- Dev has a diagnosis of dyspraxia.
- He cannot yet fasten buttons and tires after writing three lines.
"""
    assert _lint(markdown, ["NED001"]) == []


def test_label_followed_by_another_label_is_reported() -> None:
    findings = _lint(
        """# Section B: Special educational needs
- Dev has a diagnosis of dyspraxia.
- Dev has a diagnosis of ADHD.
""",
        ["NED001"],
    )
    assert [f.match for f in findings] == ["has a diagnosis of dyspraxia", "has a diagnosis of ADHD"]


# --------------------------------------------------------------------------- tables


def test_a_provision_row_is_judged_once_as_a_row_and_cells_carry_the_wording() -> None:
    findings = _lint(
        """# Section F: Special educational provision
| Provision | Who | How often | How long |
|---|---|---|---|
| Sensory circuit | Key adult | As required | 10 minutes |
"""
    )
    unquantified = [f for f in findings if f.category == "unquantified-provision"]
    assert len(unquantified) == 1
    assert unquantified[0].match == "Sensory circuit"
    assert "how often" in unquantified[0].message and "who delivers it" in unquantified[0].message
    vague = sorted((f.code, f.match) for f in findings if f.category == "vague-provision")
    assert vague == [("PRV007", "As required"), ("PRV009", "Key adult")]
    # No category reports the same words twice (row and cell units of one row).
    keys = [(f.category, f.match, f.location) for f in findings]
    assert len(keys) == len(set(keys))


def test_strategy_lists_under_a_strategies_heading_are_standing_provision() -> None:
    markdown = """# Section F: Special educational provision
## Strategies for all adults who work with Dev
- Say Dev's name before giving an instruction.
- Give him a printed copy of anything written on the board.
## Reading
- Reading practice with Dev.
"""
    findings = _lint(markdown, ["PRV010"])
    assert [f.match for f in findings] == ["Reading practice with Dev."]


# --------------------------------------------------------------------------- whole plans


PLAN = """Name: [Insert child's name]
Year group: Year 5

# Section A: Views, interests and aspirations
I like football and my dog.
# Section B: Special educational needs
Mia has ADHD.
# Section E: Outcomes
Mia will improve her reading.
# Section F: Special educational provision
Mia will have regular access to a quiet space.
"""


def test_findings_come_out_in_plan_order_and_deterministically() -> None:
    first = _lint(PLAN)
    second = _lint(PLAN)
    assert [f.model_dump() for f in first] == [f.model_dump() for f in second]
    order = ["A", "B", "C", "D", "E", "F"]
    sections = [f.section for f in first]
    assert sections[0] is None, "front matter comes first"
    ranks = [order.index(s) for s in sections[1:]]
    assert ranks == sorted(ranks)
    codes = {f.code for f in first}
    assert {"TPL001", "NED001", "OUT001", "OUT002", "PRV001", "PRV002", "PRV010"} <= codes


def test_rules_read_a_real_word_file(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Name: [Insert child's name]")
    document.add_heading("Section B: Special educational needs", level=1)
    document.add_paragraph("Kit suffers from epilepsy.")
    document.add_heading("Section F: Special educational provision", level=1)
    document.add_paragraph("Kit will have regular sessions with the SENCO.")
    table = document.add_table(rows=2, cols=4)
    for cell, text in zip(table.rows[0].cells, ["Provision", "Who", "How often", "How long"], strict=True):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ["Handwriting practice", "Teaching assistant", "Daily", ""], strict=True):
        cell.text = text
    path = tmp_path / "kit.docx"
    document.save(str(path))

    findings = lint_plan(load_plan(path), BLOCK_CODES)
    got = {(f.code, f.match) for f in findings}
    assert ("TPL001", "[Insert child's name]") in got
    assert ("LNG003", "suffers from") in got
    assert ("NED001", "suffers from epilepsy") in got
    assert ("PRV002", "regular") in got
    assert ("LNG001", "SENCO") in got
    row = [f for f in findings if f.code == "PRV010" and f.match == "Handwriting practice"]
    assert len(row) == 1 and row[0].message == "This provision does not say for how long."


def test_importing_the_rules_does_not_import_spacy() -> None:
    code = (
        "import sys\n"
        "from ehcp_lint.engine.registry import load_registry\n"
        "rules = load_registry()\n"
        "assert rules.get('PRV010') is not None and rules.get('LNG001') is not None\n"
        "assert 'spacy' not in sys.modules, 'spaCy imported at rule import time'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
