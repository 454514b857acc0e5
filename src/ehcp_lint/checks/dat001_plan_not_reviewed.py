"""DAT001 plan-not-reviewed: the plan's date or last review is more than 12 months old."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from ehcp_lint.checks._deferred import deferred
from ehcp_lint.checks._outcome_themes import age_on
from ehcp_lint.engine.rule import (
    Example,
    Hit,
    Rule,
    RuleContext,
    RuleDoc,
    Scope,
    TextUnit,
    Threshold,
)
from ehcp_lint.metadata import parse_uk_date
from ehcp_lint.model import Plan
from ehcp_lint.report import Severity

#: Dates stated in front-matter prose rather than a labelled field ("issued on 3 March 2024").
_STATED = deferred(
    r"\b(?:issued|finali[sz]ed|dated|reviewed|amended|agreed)\s+(?:on\s+)?(?P<date>\d{1,2}\S*\s+\w+\s+\d{4}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4})",
    re.IGNORECASE,
)

_POOR = """| Name | Theo Marsh |
|---|---|
| Date of birth | 12 May 2015 |
| Date of plan | 3 March 2020 |
| Date of last annual review | 14 March 2021 |

# Section A: Views, interests and aspirations
I like football.
"""

_BETTER = """| Name | Theo Marsh |
|---|---|
| Date of birth | 12 May 2015 |
| Date of plan | 3 March 2020 |
| Date of last annual review | 10 March 2026 |

# Section A: Views, interests and aspirations
I like football.
"""


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved forward by whole months (the 31st becomes the month's last day)."""
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise ValueError("unreachable: every month has 28 days")


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Whole months from ``earlier`` to ``later``."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - 1 if later.day < earlier.day else months


def _long(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


class PlanNotReviewed(Rule):
    code = "DAT001"
    name = "plan-not-reviewed"
    category = "out-of-date"
    severity = Severity.WARNING
    scope = Scope(level="plan")
    thresholds = (
        Threshold(name="max-months", default=12, minimum=1, maximum=60,
                  help="Months after the plan date or last review before the plan is out of date."),
        Threshold(name="max-months-under-5", default=6, minimum=1, maximum=60,
                  help="The same for a child under 5 at the reference date."),
    )
    doc = RuleDoc(
        summary="The plan's date or last annual review is more than 12 months ago (6 for under-5s).",
        why=(
            "An EHC plan must be reviewed at least every 12 months (Children and Families Act 2014 "
            "s.44(1)), and the Code advises reviews every 3 to 6 months "
            "for children under 5 (SEND Code of Practice 9.178). A plan whose last review is older "
            "than that may describe needs and a setting the child has outgrown; Ofsted/CQC report "
            "young people starting college with plans years out of date."
        ),
        source="Children and Families Act 2014 s.44(1); SEND Code of Practice 0-25 (2015) 9.166, 9.178",
        poor=Example(plan=_POOR, reference_date=dt.date(2026, 11, 1)),
        better=Example(plan=_BETTER, reference_date=dt.date(2026, 11, 1)),
    )

    def _stated_dates(self, plan: Plan) -> list[dt.date]:
        """Plan dates written in front-matter prose that the personal details did not catch."""
        found: list[dt.date] = []
        for block in plan.front_matter:
            for m in _STATED.finditer(block.text):
                day = parse_uk_date(m.group("date"))
                if day is not None:
                    found.append(day)
        return found

    def _anchor(self, ctx: RuleContext, day: dt.date) -> TextUnit | None:
        """The front-matter cell or line where the date is written."""
        for unit in ctx.units:
            if unit.section_key is None and unit.kind != "table_row" and parse_uk_date(unit.text) == day:
                return unit
        return None

    def check_plan(self, plan: Plan, ctx: RuleContext) -> Iterable[Hit]:
        meta = plan.metadata
        today = ctx.config.today
        candidates: list[tuple[dt.date, str]] = []
        if meta.last_review_date is not None:
            candidates.append((meta.last_review_date, "last reviewed on"))
        if meta.plan_date is not None:
            candidates.append((meta.plan_date, "dated"))
        candidates.extend((d, "dated") for d in self._stated_dates(plan))
        candidates = [(d, how) for d, how in candidates if d <= today]
        if not candidates:
            return
        latest, how = max(candidates, key=lambda c: (c[0], c[1] == "last reviewed on"))
        age = age_on(plan, today)
        under_5 = age is not None and age < 5
        limit = int(ctx.threshold(self, "max-months-under-5" if under_5 else "max-months"))
        if add_months(latest, limit) >= today:
            return
        months = months_between(latest, today)
        who = " for a child under 5" if under_5 else ""
        yield Hit(
            unit=self._anchor(ctx, latest),
            section=None,
            message=(
                f"The plan was {how} {_long(latest)}, {months} months before {_long(today)}; "
                f"a plan must be reviewed at least every {limit} months{who}."
            ),
            suggestion=(
                "Hold the annual review (or record its date in the plan's details if it took place) "
                "and update the plan: needs, outcomes, provision and placement as they are now."
            ),
        )
