"""STR001 missing-section: a statutory section A-K is absent, or H1 and H2 are merged."""

from __future__ import annotations

from collections.abc import Iterable

from ehcp_lint.engine.rule import Example, Hit, Rule, RuleContext, RuleDoc, Scope
from ehcp_lint.model import SECTION_TITLES, STATUTORY_SECTIONS, Plan
from ehcp_lint.report import Severity

_COMPLETE = """# Section A: Views, interests and aspirations
I like trains.
# Section B: Special educational needs
Ali reads single words but not yet sentences.
# Section C: Health needs
No health needs were identified in the health advice.
# Section D: Social care needs
No social care needs were identified in the social care advice.
# Section E: Outcomes
By July 2027 Ali will read a 50-word passage aloud.
# Section F: Special educational provision
A teaching assistant will run a 20-minute phonics session daily.
# Section G: Health provision
None required.
# Section H1: Social care provision (CSDPA s.2)
None required.
# Section H2: Other social care provision
None required.
# Section I: Placement
Northfield Primary School, a maintained mainstream primary school.
# Section J: Personal budget
No personal budget was requested.
# Section K: Advice and information
Educational psychologist advice, 3 March 2026.
"""


class MissingSection(Rule):
    code = "STR001"
    name = "missing-section"
    category = "missing-section"
    severity = Severity.ERROR
    scope = Scope(level="plan")
    doc = RuleDoc(
        summary="A statutory section (A to K, with H1 and H2 separate) is missing.",
        why=(
            "Regulation 12 of the SEND Regulations 2014 sets out the sections an EHC plan must "
            "have, each separately labelled. A missing section usually means missing input (no "
            "health or social-care contribution) and a plan that cannot be checked or enforced; "
            "merging H1 and H2 hides which social care is provided under section 2 of the "
            "Chronically Sick and Disabled Persons Act 1970, which carries different duties."
        ),
        source="SEND Regulations 2014 reg. 12(1); SEND Code of Practice 0-25 (2015) 9.62",
        poor=Example(plan=_COMPLETE.split("# Section J")[0] + "# Section K: Advice and information\nEP advice.\n"),
        better=Example(plan=_COMPLETE),
    )

    def check_plan(self, plan: Plan, ctx: RuleContext) -> Iterable[Hit]:
        merged_h = plan.has("H")
        for key in STATUTORY_SECTIONS:
            if plan.has(key):
                continue
            if key in ("H1", "H2") and merged_h:
                if key == "H1":
                    yield Hit(
                        section="H",
                        message="H1 and H2 are merged into one Section H.",
                        suggestion=(
                            "Split social care provision into H1 (provision under section 2 of "
                            "the CSDPA 1970) and H2 (any other social care provision)."
                        ),
                    )
                continue
            yield Hit(
                section=key,
                message=f"Section {key} ({SECTION_TITLES[key]}) is missing.",
                suggestion=(
                    f"Add Section {key}; if nothing applies, say so explicitly "
                    "(for example 'No needs were identified in the advice received')."
                ),
            )
