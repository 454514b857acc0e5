"""LNG001 unexplained-jargon: a professional abbreviation a family may not know, not spelled out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ehcp_lint.checks._jargon import PlanTerms, curated_expansions, find_curated, plan_terms
from ehcp_lint.checks._text import is_acronym_like
from ehcp_lint.engine.rule import Example, Hit, Rule, RuleContext, RuleDoc, Scope, TextUnit
from ehcp_lint.report import Severity


class UnexplainedJargon(Rule):
    code = "LNG001"
    name = "unexplained-jargon"
    category = "jargon"
    severity = Severity.WARNING
    scope = Scope(
        level="block",
        sections=None,
        kinds=("paragraph", "list_item", "heading", "table_cell"),
        include_front_matter=True,
    )
    doc = RuleDoc(
        summary="Professional abbreviations and clinical words (SENCO, CAMHS, hypotonia) not explained at first use.",
        why=(
            "The plan is written for the child and family as much as for professionals. The Code of "
            "Practice asks for plans to be written clearly and concisely, in a way the child, young "
            "person and parents can understand; 'the SENCO will liaise with the EP and SALT' "
            "shuts a family out of their own child's plan. Each abbreviation is reported once, "
            "where it is first used, unless it is spelled out there, defined in a glossary, or "
            "accepted in the configuration's vocabulary."
        ),
        source="SEND Code of Practice 0-25 (2015) 9.61",
        poor=Example(section="F", text="The SENCO will meet Sam's parents every half term for 30 minutes."),
        better=Example(
            section="F",
            text=(
                "The special educational needs co-ordinator (SENCO) will meet Sam's parents every "
                "half term for 30 minutes."
            ),
        ),
    )

    def check_unit(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Hit]:
        # Called for ~900 units a plan and only a few hold a term's first use: a plain function
        # answering () for the rest, rather than a generator made and run for each.
        positions, terms = plan_terms(self.code, ctx, find_curated, _expansion_of)
        first = terms.first_in(positions.get(id(unit)))
        if not first:
            return ()
        return self._hits(unit, terms, first)

    def _hits(self, unit: TextUnit, terms: PlanTerms, first: list[str]) -> Iterator[Hit]:
        expansions = curated_expansions()
        for term in first:
            if term in terms.explained:
                continue
            _, start, end = terms.first[term]
            expansion = expansions.get(term, "")
            match = unit.text[start:end]
            if not is_acronym_like(term):
                suggestion = (
                    f"Say what it means in plain words the first time, e.g. '{match} ({expansion})', "
                    "or use the plain words instead."
                )
            elif expansion:
                suggestion = f"Write it out the first time: '{expansion} ({match})', or add it to a glossary."
            else:
                suggestion = "Write it out the first time, with the abbreviation in brackets."
            yield Hit(
                message=f"'{match}' is not explained where it is first used in the plan.",
                suggestion=suggestion,
                start=start,
                end=end,
            )


def _expansion_of(term: str) -> str:
    """The lexicon's plain words for a curated term ("" when it gives none)."""
    return curated_expansions().get(term, "")
