"""MAI003 missing-advice: Section K does not list one of the kinds of advice the LA must seek."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from ehcp_lint import lexicons
from ehcp_lint.checks._plan_text import Terms, blank_placeholders, is_blank
from ehcp_lint.engine.rule import Example, Hit, Rule, RuleContext, RuleDoc, Scope
from ehcp_lint.model import BlockKind, Plan, Row
from ehcp_lint.report import Severity

#: (lexicon list, what the message calls it, severity when missing)
_KINDS: tuple[tuple[str, str, Severity], ...] = (
    ("psychological", "psychological advice from an educational psychologist", Severity.ERROR),
    ("health", "health (medical) advice", Severity.WARNING),
    ("social_care", "social care advice", Severity.WARNING),
    ("parent_or_young_person", "the views of the parent or young person", Severity.WARNING),
)

#: Columns that show an entry was received: a date, an author, "appended: yes".
_EVIDENCE_COLUMN = re.compile(r"date|who|from|author|name|by|received|appended|attached|provided", re.I)
_NO = re.compile(r"^\s*(?:no|n|not|none|-)\s*\.?\s*$", re.IGNORECASE)

_POOR = """# Section K: Advice and information
- Advice from the class teacher, 2 February 2026
- Medical advice, community paediatrician, 10 February 2026
"""

_BETTER = """# Section K: Advice and information
- Parent's views (Appendix A), 28 January 2026
- Educational psychologist advice, Dr R Patel, 5 February 2026
- Medical advice, community paediatrician, 10 February 2026
- Social care advice, Children with Disabilities Team, 12 February 2026
"""


@dataclass(frozen=True, slots=True)
class AdviceEntry:
    """One line, list item or table row of Section K, and whether it shows receipt."""

    text: str
    received: bool


@cache
def _kind_terms() -> dict[str, Terms]:
    ignore = lexicons.words("advice", "ignore")
    return {kind: Terms(lexicons.words("advice", kind), ignore) for kind, _, _ in _KINDS}


@cache
def _not_received() -> Terms:
    return Terms(lexicons.words("advice", "not_received"))


def _row_entry(header: list[str], row: Row) -> AdviceEntry | None:
    texts = [blank_placeholders(c.text).strip() for c in row.cells]
    if not any(texts):
        return None
    text = " | ".join(t for t in texts if t)
    if _not_received().search(text):
        return AdviceEntry(text, received=False)
    evidence_cols = [i for i, h in enumerate(header) if i > 0 and _EVIDENCE_COLUMN.search(h)]
    if evidence_cols:
        values = [texts[i] for i in evidence_cols if i < len(texts)]
        if not any(v and not _NO.match(v) for v in values):
            return AdviceEntry(text, received=False)
    elif len(texts) > 1 and all(not t or _NO.match(t) for t in texts[1:]):
        return AdviceEntry(text, received=False)
    return AdviceEntry(text, received=True)


def advice_entries(plan: Plan) -> Iterator[AdviceEntry]:
    """Every piece of advice Section K lists, in order."""
    section = plan.section("K")
    if section is None:
        return
    for block in section.blocks:
        if block.kind is BlockKind.HEADING:
            continue
        if block.kind is BlockKind.TABLE and block.table is not None:
            header = block.table.header
            for row in block.table.rows:
                entry = _row_entry(header, row)
                if entry is not None:
                    yield entry
            continue
        for line in block.text.splitlines():
            if is_blank(line):
                continue
            text = blank_placeholders(line).strip()
            yield AdviceEntry(text, received=_not_received().search(text) is None)


class MissingAdvice(Rule):
    code = "MAI003"
    name = "missing-advice"
    category = "missing-advice"
    severity = Severity.WARNING
    scope = Scope(level="plan")
    doc = RuleDoc(
        summary="Section K does not list psychological, health or social-care advice, or the family's views.",
        why=(
            "In an EHC needs assessment the local authority must seek advice from the child's "
            "parent or the young person, educational advice, medical advice, psychological "
            "advice from an educational psychologist and social care advice (SEND Regulations "
            "2014 reg. 6(1)), and Section K must list the advice obtained. A plan made without "
            "psychological advice is open to challenge; missing health or social-care advice is "
            "why Sections C, D, G and H end up saying 'None'."
        ),
        source="SEND Regulations 2014 reg. 6(1), reg. 12(1)(k); SEND Code of Practice 0-25 (2015) 9.45-9.49, 9.62",
        poor=Example(plan=_POOR),
        better=Example(plan=_BETTER),
    )

    def check_plan(self, plan: Plan, ctx: RuleContext) -> Iterable[Hit]:
        if not plan.has("K"):
            return  # a missing Section K is missing-section's finding
        entries = list(advice_entries(plan))
        terms = _kind_terms()
        for kind, label, severity in _KINDS:
            # One received entry of this kind settles it, so look among those first and stop at
            # the first; only when none names it does the message need to know whether an entry
            # not received does (same answer as listing every entry that names it).
            search = terms[kind].search
            if any(e.received and search(e.text) for e in entries):
                continue
            named = any(not e.received and search(e.text) for e in entries)
            if named:
                message = (
                    f"Section K names {label} but does not show it was received "
                    "(no date or author, or marked as not received)."
                )
            else:
                message = f"Section K does not list {label}."
            yield Hit(
                section="K",
                severity=severity,
                message=message,
                suggestion=(
                    f"Seek {label} and list it in K with its author's role and the date; if it "
                    "could not be obtained, say why."
                ),
            )
