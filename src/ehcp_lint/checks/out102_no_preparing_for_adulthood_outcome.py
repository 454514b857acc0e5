"""OUT102 no-preparing-for-adulthood-outcome: Year 9 and above without a PfA outcome."""

from __future__ import annotations

from collections.abc import Iterable

from ehcp_lint.checks._outcome_themes import (
    PFA_THEMES,
    THEME_NAMES,
    age_on,
    is_mobility_outcome,
    outcomes,
    pfa_heading_terms,
    school_year,
    theme_terms,
    without_course_names,
)
from ehcp_lint.checks._plan_text import display_name, join_words
from ehcp_lint.engine.rule import Example, Hit, Rule, RuleContext, RuleDoc, Scope, Threshold
from ehcp_lint.model import Plan
from ehcp_lint.report import Severity

_POOR = """| Name | Jordan Hale |
|---|---|
| Year group | Year 10 |

# Section E: Outcomes
- By July 2027 Jordan will achieve a grade 4 in GCSE English Language.
- By July 2027 Jordan will complete maths homework on time in 4 out of 5 weeks.
"""

_BETTER = """| Name | Jordan Hale |
|---|---|
| Year group | Year 10 |

# Section E: Outcomes
- By July 2027 Jordan will achieve a grade 4 in GCSE English Language.
- By July 2027 Jordan will complete a one-week work experience placement at a garage and say what he enjoyed.
- By July 2027 Jordan will travel independently by bus from home to college and back.
"""


class NoPreparingForAdulthoodOutcome(Rule):
    code = "OUT102"
    name = "no-preparing-for-adulthood-outcome"
    category = "education-only-outcomes"
    severity = Severity.WARNING
    scope = Scope(level="plan")
    thresholds = (
        Threshold(
            name="from-year",
            default=9,
            minimum=7,
            maximum=14,
            help="National-curriculum year from which Preparing for Adulthood outcomes are expected.",
        ),
        Threshold(
            name="from-age",
            default=14,
            minimum=12,
            maximum=19,
            help="Age (by date of birth at the reference date) from which PfA outcomes are expected.",
        ),
    )
    doc = RuleDoc(
        summary="A young person in Year 9 or above has no Preparing for Adulthood outcome in Section E.",
        why=(
            "From Year 9 the EHC plan, its outcomes and reviews must include a focus on preparing "
            "for adulthood: employment, independent living, friends, relationships and community "
            "inclusion, and good health (SEND Code of Practice 8.9-8.12, 9.66 and 9.166). A Year 10 "
            "plan whose outcomes are all GCSE grades leaves the transition to adult life unplanned."
        ),
        source="SEND Code of Practice 0-25 (2015) 8.9-8.12, 9.66, 9.166; SEND Regulations 2014 reg. 20(6)",
        poor=Example(plan=_POOR),
        better=Example(plan=_BETTER),
    )

    def _stage(self, plan: Plan, ctx: RuleContext) -> str | None:
        """Why PfA outcomes are due ("in Year 10", "14 years old"), or ``None``."""
        year = school_year(plan)
        if year is not None and year >= ctx.threshold(self, "from-year"):
            return f"in Year {year}"
        age = age_on(plan, ctx.config.today)
        if age is not None and age >= ctx.threshold(self, "from-age"):
            return f"{age} years old"
        if year is None and plan.metadata.phase in ("post-16", "further education"):
            return f"in {plan.metadata.phase} education"
        return None

    def check_plan(self, plan: Plan, ctx: RuleContext) -> Iterable[Hit]:
        if not plan.has("E"):
            return
        stage = self._stage(plan, ctx)
        if stage is None:
            return
        for outcome in outcomes(plan):
            if pfa_heading_terms().search(outcome.heading):
                return
            text = without_course_names(outcome.text)  # "BTEC Health and Social Care" is a subject
            if any(theme_terms(t).search(text) for t in PFA_THEMES) or is_mobility_outcome(text):
                return  # walking a distance (with a frame) is health and independence
        who = display_name(plan, "The young person")
        themes = join_words([THEME_NAMES[t] for t in PFA_THEMES])
        yield Hit(
            section="E",
            message=(
                f"{who} is {stage}, but no outcome in Section E prepares for adulthood "
                f"({themes})."
            ),
            suggestion=(
                "Add Preparing for Adulthood outcomes from the young person's aspirations, each "
                "with a time frame and a measure: for example work experience or college, travelling "
                "independently, friendships and activities in the community, managing their own health."
            ),
        )
