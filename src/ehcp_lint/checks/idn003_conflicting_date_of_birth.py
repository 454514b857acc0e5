"""IDN003 conflicting-date-of-birth: the plan gives two different dates of birth."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ehcp_lint.checks._deferred import deferred
from ehcp_lint.checks._identity import role_terms
from ehcp_lint.checks._plan_text import child_names, display_name, sentence_around
from ehcp_lint.engine.rule import Example, Hit, Rule, RuleContext, RuleDoc, Scope, TextUnit
from ehcp_lint.metadata import parse_uk_date
from ehcp_lint.model import Plan
from ehcp_lint.report import Severity

#: A date of birth in prose: the label ("date of birth", "DOB", "d.o.b.", "born on"), then perhaps
#: where it was read ("on therapy records", "(per GP)", "as recorded by the school", "given in the
#: EP report", "is"), then perhaps a colon or dash, then the date. The qualifier was missed on the
#: seventh held-out set ("Date of birth on therapy records: 17 October 2013").
_DOB = deferred(
    r"\b(?:date\s+of\s+birth|d\.?o\.?b\.?|born(?:\s+on)?)\s*(?:\(\s*d\.?o\.?b\.?\s*\)\s*)?"
    r"(?:\([^()\d]{1,40}\)\s*"
    r"|(?:(?:as\s+)?(?:recorded|given|shown|stated|held|listed|written)\s+)?(?:on|in|per|from|by|according\s+to)"
    r"\s+[^\d:;.|()]{1,40}?\s*(?=[:\-\u2013|]|(?:is|was|as)\s+\d))?"
    r"(?:(?:is|was|as)\s+)?[:\-\u2013|]?\s*(?:\|\s*)?"
    r"(?P<date>\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?,?\s+\d{4}|\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}"
    r"|\d{4}-\d{2}-\d{2}|[A-Za-z]{3,9}\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})",
    re.IGNORECASE,
)

#: A piece every ``_DOB`` match holds: "birth" (of "date of birth"), "born", or "dob"/"d.o.b".
_DOB_HINT = deferred(r"birth|born|d\.?o\.?b", re.IGNORECASE)
_DOB_HINT_LOWER = deferred(r"d\.?o\.?b")


def _may_state_dob(text: str) -> bool:
    """False only when ``_DOB`` cannot match ``text``: it holds none of the pieces every match holds.

    Most of a plan's ~450 texts hold none. For ASCII text, lower-casing it and looking for the
    pieces with ``in`` answers as the case-insensitive search does, at a fraction of the cost;
    other text (where lower-casing and the regex engine's case rules can differ) is searched.
    """
    if not text.isascii():
        return _DOB_HINT.search(text) is not None
    lowered = text.lower()
    return "birth" in lowered or "born" in lowered or _DOB_HINT_LOWER.search(lowered) is not None


_POOR = """| Name | Poppy Hart |
|---|---|
| Date of birth | 14/02/2016 |

# Section A: Views, interests and aspirations
Poppy (date of birth 14 February 2017) lives with her mum and her brother.
"""

_BETTER = """| Name | Poppy Hart |
|---|---|
| Date of birth | 14/02/2016 |

# Section A: Views, interests and aspirations
Poppy (date of birth 14 February 2016) lives with her mum and her brother.
"""


@dataclass(frozen=True, slots=True)
class _Stated:
    day: dt.date
    unit: TextUnit
    start: int
    end: int


def _someone_else(text: str, start: int, names: list[str]) -> bool:
    """ "his brother Kai (born 2 June 2012)", "Mum's date of birth": not the child's date.

    Whoever is named nearest before the label owns the date: the child ("report
    on Noah Adeyemi (date of birth …)") or a role word ("brother", "Mum").
    """
    s, _ = sentence_around(text, start)
    before = re.split(r"\|", text[max(s, start - 80) : start])[-1]
    last_role = max((h.end for h in role_terms().finditer(before)), default=-1)
    if last_role < 0:
        return False
    last_child = max(
        (m.end() for n in names for m in re.finditer(rf"\b{re.escape(n)}\b", before)), default=-1
    )
    return last_role > last_child


_DOB_HEADER = deferred(r"^\s*(?:date\s+of\s+birth|d\.?o\.?b\.?|born)\s*:?\s*$", re.IGNORECASE)


def _column_dates(unit: TextUnit, names: list[str]) -> Iterator[_Stated]:
    """A date in a column headed "Date of birth" ("Name | Date of birth" tables).

    Only for a row about the child: one that names the child, or one with no
    role word in it (a family table's "Dayo | brother | 2 June 2012" is not).
    """
    for i, head in enumerate(unit.header):
        if i >= len(unit.cell_spans) or not _DOB_HEADER.match(head):
            continue
        start, end = unit.cell_spans[i]
        others = unit.text[:start] + " " + unit.text[end:]
        # A surname alone is shared with the family: the child's first or full name counts.
        given = [n for n in names if n != names[0].split()[-1]] if names else []
        names_child = any(re.search(rf"\b{re.escape(n)}\b", others) for n in given)
        if role_terms().search(others) is not None:
            continue
        if not names_child and re.search(r"\b[A-Z][a-z]+\b", others):
            continue  # somebody else's row
        cell = unit.text[start:end]
        day = parse_uk_date(cell.strip())
        if day is not None:
            offset = start + (len(cell) - len(cell.lstrip()))
            yield _Stated(day, unit, offset, offset + len(cell.strip()))


def _stated_dates(ctx: RuleContext) -> Iterator[_Stated]:
    """Every date written after a date-of-birth label or in a date-of-birth column, each piece
    of text read once."""
    names = child_names(ctx.plan)
    for unit in ctx.units:
        if unit.kind == "table_row" and unit.header:
            yield from _column_dates(unit, names)
        if unit.kind == "table_cell" or unit.kind == "heading":
            continue
        if not _may_state_dob(unit.text):
            continue
        for m in _DOB.finditer(unit.text):
            if _someone_else(unit.text, m.start(), names):
                continue
            day = parse_uk_date(m.group("date"))
            if day is not None:
                yield _Stated(day, unit, m.start("date"), m.end("date"))


class ConflictingDateOfBirth(Rule):
    code = "IDN003"
    name = "conflicting-date-of-birth"
    category = "inconsistent-identity"
    severity = Severity.ERROR
    scope = Scope(level="plan")
    doc = RuleDoc(
        summary="The plan gives two different dates of birth for the child.",
        why=(
            "A second, different date of birth is either a typing error in a legal document or "
            "a sign that details were pasted from another child's plan. Either way the plan's "
            "personal details cannot be relied on, and the date drives the review timetable and "
            "the Preparing for Adulthood duties from Year 9 (SEND Code of Practice 8.9, 9.166)."
        ),
        source="SEND Regulations 2014 reg. 12; SEND Code of Practice 0-25 (2015) 9.61; UK GDPR Art. 5(1)(d)",
        poor=Example(plan=_POOR),
        better=Example(plan=_BETTER),
    )

    def check_plan(self, plan: Plan, ctx: RuleContext) -> Iterable[Hit]:
        stated = list(_stated_dates(ctx))
        dates = {s.day for s in stated}
        if plan.metadata.date_of_birth is not None:
            dates.add(plan.metadata.date_of_birth)
        if len(dates) < 2:
            return
        reference = plan.metadata.date_of_birth or stated[0].day
        who = display_name(plan, "the child")
        for s in stated:
            if s.day == reference:
                continue
            yield Hit(
                unit=s.unit,
                start=s.start,
                end=s.end,
                message=(
                    f"This date of birth differs from {who}'s date of birth given elsewhere in the "
                    f"plan ({reference.day} {reference:%B %Y})."
                ),
                suggestion="Check the date of birth against the personal details and correct it everywhere.",
            )
