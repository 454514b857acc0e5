"""DAT003 statement-part-headings: section headings still carry a statement's "Part 2" / "Part 3".

A plan converted from a statement of SEN and never rewritten often keeps the statement's
numbering in its section headings ("Section B: Special educational needs (Part 2)"). Section
headings are not text units (the engine reads what a section *says*), so DAT002's wording rule
never sees them; this plan-level rule reads the headings themselves.
"""

from __future__ import annotations

from collections.abc import Iterable

from ehcp_lint.checks._deferred import deferred
from ehcp_lint.engine.rule import Example, Hit, Rule, RuleContext, RuleDoc, Scope
from ehcp_lint.model import Plan
from ehcp_lint.report import Severity

#: "(Part 2)", "– Part 3", "Part 4: Placement", "Statement of SEN"; capital P only, so
#: "part 2 of the phonics scheme" in a sub-heading is ordinary English.
_STATEMENT_HEADING = deferred(
    r"\(\s*Part\s+[2-6]\s*\)"
    r"|(?:^|[:\-–—]\s*)Part\s+[2-6]\b"
    r"|\bstatement\s+of\s+(?:special\s+educational\s+needs?|SEN)\b",
)

_POOR = """Name: Cara Holt
Date of plan: 2 February 2026

# Section B: Special educational needs (Part 2)
Cara reads at about the level of a 7-year-old.

# Section F: Special educational provision (Part 3)
- A teaching assistant will read with Cara for 15 minutes each school day.
"""

_BETTER = """Name: Cara Holt
Date of plan: 2 February 2026

# Section B: Special educational needs
Cara reads at about the level of a 7-year-old.

# Section F: Special educational provision
- A teaching assistant will read with Cara for 15 minutes each school day.
"""


class StatementPartHeadings(Rule):
    code = "DAT003"
    name = "statement-part-headings"
    category = "out-of-date"
    severity = Severity.WARNING
    scope = Scope(level="plan")
    doc = RuleDoc(
        summary="A section heading keeps a statement of SEN's numbering ('Part 2', 'Part 3').",
        why=(
            "Statements of SEN were replaced by EHC plans under the Children and Families Act 2014, "
            "and every statement had to be transferred by 2018. Headings that still say 'Part 2' "
            "or 'Part 3' show a plan copied across from the statement rather than rewritten from "
            "current advice into the sections the SEND Regulations 2014 reg. 12 set out."
        ),
        source="Children and Families Act 2014 Part 3; SEND Regulations 2014 reg. 12; "
        "SEND Code of Practice 0-25 (2015) 9.62",
        poor=Example(plan=_POOR),
        better=Example(plan=_BETTER),
    )

    def check_plan(self, plan: Plan, ctx: RuleContext) -> Iterable[Hit]:
        found: list[tuple[str, str]] = []
        for section in plan.sections:
            m = _STATEMENT_HEADING.search(section.title)
            if m is not None:
                found.append((section.key, m.group(0).strip(" ()–—:-")))
        if not found:
            return
        key, words = found[0]
        more = f" (and {len(found) - 1} more heading{'s' if len(found) > 2 else ''})" if len(found) > 1 else ""
        yield Hit(
            unit=None,
            section=key,
            message=(
                f"The Section {key} heading keeps the statement of SEN's '{words}'{more}: "
                "the plan looks converted from a statement but not rewritten."
            ),
            suggestion=(
                "Rewrite the plan in the EHC plan's own sections (needs in B, provision in F, "
                "placement in I) from current advice, and drop the statement's Part numbers."
            ),
        )
