"""LNG002 unexplained-acronym: any other capitalised abbreviation not spelled out where first used."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ehcp_lint.checks._jargon import PlanTerms, find_acronyms, plan_terms
from ehcp_lint.engine.rule import Example, Hit, Rule, RuleContext, RuleDoc, Scope, TextUnit
from ehcp_lint.report import Severity


class UnexplainedAcronym(Rule):
    code = "LNG002"
    name = "unexplained-acronym"
    category = "jargon"
    severity = Severity.INFO
    #: Not Section A: the child's own words ("I love WWE and my PS5") are theirs to keep.
    scope = Scope(
        level="block",
        sections=("B", "C", "D", "E", "F", "G", "H1", "H2", "H", "I", "J", "K"),
        kinds=("paragraph", "list_item", "table_cell"),
        include_front_matter=False,
    )
    doc = RuleDoc(
        summary="An abbreviation in capitals not on the jargon list (VSH, ULN) and not spelled out.",
        why=(
            "Local services and assessments bring their own abbreviations that no list can hold "
            "('VSH', 'MSK', 'ULN'). A family reading the plan cannot look them up, and the Code "
            "of Practice asks for plans that children and parents can understand. Everyday "
            "abbreviations (NHS, GP, PE, GCSE), English words in capitals and a registration body "
            "named as a professional's credential ('HCPC-registered', 'NMC registered nurse') are "
            "not reported; add local ones to the configuration's vocabulary."
        ),
        source="SEND Code of Practice 0-25 (2015) 9.61",
        poor=Example(section="D", text="The VSH attended Ivy's review in May 2026."),
        better=Example(section="D", text="The Virtual School Head (VSH) attended Ivy's review in May 2026."),
    )

    def check_unit(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Hit]:
        # Called for ~750 units a plan and only a few hold an abbreviation's first use: a plain
        # function answering () for the rest, rather than a generator made and run for each.
        positions, terms = plan_terms(self.code, ctx, find_acronyms, _no_expansion)
        first = terms.first_in(positions.get(id(unit)))
        if not first:
            return ()
        return self._hits(unit, terms, first)

    def _hits(self, unit: TextUnit, terms: PlanTerms, first: list[str]) -> Iterator[Hit]:
        for term in first:
            if term in terms.explained:
                continue
            _, start, end = terms.first[term]
            match = unit.text[start:end]
            yield Hit(
                message=f"'{match}' is an abbreviation a family may not know, and it is not explained.",
                suggestion=(
                    "Write it out in full the first time, with the abbreviation in brackets, or add "
                    "it to a glossary; if everyone in your area knows it, add it to 'vocabulary' in "
                    "the configuration."
                ),
                start=start,
                end=end,
            )


def _no_expansion(term: str) -> str:
    """Abbreviations outside the curated list come with no plain words of their own."""
    return ""
