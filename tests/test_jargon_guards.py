"""The jargon rules search each distinct text of a plan once, and find what searching every text finds.

``_jargon.plan_terms`` reuses a finder's answer for a text the plan repeats (a
grid's headings, a one-cell row and its cell). That is safe because both finders
answer from the text alone; checked here on an invented Word plan (python-docx)
whose repeated texts hold terms, a definition and a glossary table, against the
plain reading that searches every text and asks every occurrence whether it
defines its term.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from ehcp_lint.checks import _jargon
from ehcp_lint.engine.prefilter import scans_remembered
from ehcp_lint.engine.rule import RuleContext
from ehcp_lint.engine.runner import Linter
from ehcp_lint.engine.units import plan_units
from ehcp_lint.reading import load_plan


def _write_plan(path: Path) -> Path:
    document = docx.Document()
    document.add_heading("Section B: Special educational needs", level=1)
    document.add_paragraph("Ayo has hypotonia. The SENCO and the EP have met. Ayo sees the OT.")
    document.add_paragraph("OT - occupational therapist")
    document.add_heading("Section F: Special educational provision", level=1)
    for _ in range(3):
        table = document.add_table(rows=3, cols=2)
        for cell, text in zip(table.rows[0].cells, ("Provision", "Who"), strict=True):
            cell.text = text
        for row in table.rows[1:]:
            for cell, text in zip(row.cells, ("Daily ELSA session", "SENCO with a TA"), strict=True):
                cell.text = text
    document.add_heading("Glossary", level=2)
    glossary = document.add_table(rows=2, cols=2)
    for cell, text in zip(glossary.rows[0].cells, ("Abbreviation", "Meaning"), strict=True):
        cell.text = text
    for cell, text in zip(glossary.rows[1].cells, ("ELSA", "Emotional literacy support assistant"), strict=True):
        cell.text = text
    document.save(str(path))
    return path


def _plain_reading(ctx: RuleContext, find: _jargon.Finder, expansion_of: dict[str, str]) -> _jargon.PlanTerms:
    """What plan_terms worked out before it reused answers: every text searched."""
    reading = _jargon._reading(ctx)
    terms = _jargon.PlanTerms()
    defined: set[str] = set()
    for i, text in reading.texts:
        for term, start, end in find(text):
            if i in reading.glossary or _jargon._defines(text, term, expansion_of.get(term, "")):
                defined.add(term)
            if term in terms.first:
                continue
            terms.first[term] = (i, start, end)
            terms.by_unit.setdefault(i, []).append(term)
            if _jargon._expanded_here(text, start, end, term, expansion_of.get(term, "")):
                terms.explained.add(term)
    terms.explained |= defined
    terms.explained |= {t for t in terms.first if t.lower() in ctx.vocabulary}
    return terms


@pytest.mark.parametrize("finder", ["curated", "acronyms"])
def test_each_distinct_text_is_searched_once_with_the_same_first_uses(tmp_path: Path, finder: str) -> None:
    plan = load_plan(_write_plan(tmp_path / "plan.docx"))
    ctx = RuleContext(plan=plan, config=Linter().config, units=plan_units(plan))
    find = _jargon.find_curated if finder == "curated" else _jargon.find_acronyms
    expansions = _jargon.curated_expansions() if finder == "curated" else {}
    searched: Counter[str] = Counter()

    def counting(text: str) -> Iterator[_jargon.Occurrence]:
        searched[text] += 1
        return find(text)

    _jargon._forget_plan()
    with scans_remembered():
        _, terms = _jargon.plan_terms(f"test-{finder}", ctx, counting, lambda t: expansions.get(t, ""))
        plain = _plain_reading(ctx, find, expansions)
    _jargon._forget_plan()
    texts = [text for _, text in _jargon._reading(ctx).texts]
    assert len(texts) > len(set(texts)), "the plan should repeat texts"
    assert set(searched) == set(texts) and set(searched.values()) == {1}
    assert terms.first == plain.first and terms.by_unit == plain.by_unit
    assert terms.explained == plain.explained
    if finder == "curated":
        assert {"SENCO", "ELSA", "OT"} <= set(terms.first)
        assert {"ELSA", "OT"} <= terms.explained and "SENCO" not in terms.explained
