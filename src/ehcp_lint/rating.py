"""Ratings a QA panel recognises, computed openly from a plan's findings.

Local-authority audits rate each plan, and each section of it, on a four-point
scale (Outstanding, Good, Requires improvement, Inadequate) or as
Red/Amber/Green. A panel only trusts a rating it can check, so this scheme is
deliberately plain arithmetic that anyone can redo on paper
(``docs/ratings.md``, ``ehcp-lint explain-rating PLAN``):

1. Every finding weighs *category weight × severity weight*.
2. A section's score is the sum of the weights of its findings; the
   thresholds turn the score into a rating (a score at or below the
   ``outstanding`` limit is Outstanding, at or below ``good`` is Good, at or
   below ``requires-improvement`` is Requires improvement, above it Inadequate).
3. The overall rating is the lowest of four limits: the typical section (the
   mean of the section ratings as points 4-1, rounded down), the worst section
   plus one level, the findings about the plan as a whole (scored like a
   section), and caps: an error-level finding of a capped category (a missing
   section, a looked-after child without social-care input...) holds the
   overall rating at or below the cap.

Every number can be changed in configuration (``[tool.ehcp-lint.rating.*]``);
names are checked strictly because a mistyped category would silently weigh
nothing.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Mapping
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ehcp_lint.errors import ConfigError
from ehcp_lint.model import SECTION_TITLES, STATUTORY_SECTIONS
from ehcp_lint.report import CATEGORIES, Finding, PlanReport, Report, Severity

__all__ = [
    "DEFAULT_CAPS",
    "DEFAULT_CATEGORY_WEIGHTS",
    "DEFAULT_SEVERITY_WEIGHTS",
    "DEFAULT_THRESHOLDS",
    "RATING_TABLES",
    "SCHEME_NAME",
    "LimitStep",
    "PlanRating",
    "Rag",
    "Rating",
    "RatingScheme",
    "SectionRating",
    "WeightedFinding",
    "apply_ratings",
    "check_rating_tables",
    "explain_rating",
    "rate_plan",
    "rating_of",
]

#: Named in every rating so that a spreadsheet shows which arithmetic produced it.
SCHEME_NAME = "ehcp-lint weighted findings v1"

#: The bucket for findings about the plan as a whole (no section, or front matter).
WHOLE_PLAN = "plan"


class Rating(StrEnum):
    """The four-point scale of LA audits, best first."""

    OUTSTANDING = "Outstanding"
    GOOD = "Good"
    REQUIRES_IMPROVEMENT = "Requires improvement"
    INADEQUATE = "Inadequate"

    @property
    def points(self) -> int:
        """4 for Outstanding down to 1 for Inadequate (used for means and caps)."""
        return _POINTS[self]

    @property
    def rag(self) -> Rag:
        """Green for Outstanding and Good, Amber for Requires improvement, Red for Inadequate."""
        return _RAG[self]

    @classmethod
    def from_points(cls, points: int) -> Rating:
        clamped = min(4, max(1, points))
        return next(r for r, p in _POINTS.items() if p == clamped)


class Rag(StrEnum):
    GREEN = "Green"
    AMBER = "Amber"
    RED = "Red"


_POINTS: dict[Rating, int] = {
    Rating.OUTSTANDING: 4,
    Rating.GOOD: 3,
    Rating.REQUIRES_IMPROVEMENT: 2,
    Rating.INADEQUATE: 1,
}
_RAG: dict[Rating, Rag] = {
    Rating.OUTSTANDING: Rag.GREEN,
    Rating.GOOD: Rag.GREEN,
    Rating.REQUIRES_IMPROVEMENT: Rag.AMBER,
    Rating.INADEQUATE: Rag.RED,
}

# --------------------------------------------------------------------------- defaults

#: How much one finding of each category counts, before severity. Statutory
#: failures (a missing section, missing multi-agency input, another child's
#: details) weigh most; wording problems a caseworker fixes in minutes least.
DEFAULT_CATEGORY_WEIGHTS: dict[str, float] = {
    "vague-provision": 2.0,
    "unquantified-provision": 2.0,
    "diagnostic-need": 1.0,
    "non-smart-outcome": 2.0,
    "jargon": 0.5,
    "deficit-language": 1.0,
    "placeholder-text": 3.0,
    "missing-section": 4.0,
    "missing-health-input": 3.0,
    "missing-social-care-input": 3.0,
    "education-only-outcomes": 2.0,
    "missing-child-voice": 2.0,
    "needs-provision-gap": 3.0,
    "provision-in-wrong-section": 2.0,
    "missing-advice": 2.0,
    "out-of-date": 2.0,
    "inconsistent-identity": 4.0,
    "boilerplate": 1.0,
}

#: Multiplier per severity.
DEFAULT_SEVERITY_WEIGHTS: dict[str, float] = {"error": 3.0, "warning": 1.0, "info": 0.25}

#: Upper limits (inclusive) of the weighted score for each rating of a section.
DEFAULT_THRESHOLDS: dict[str, float] = {
    "outstanding": 0.0,
    "good": 4.0,
    "requires-improvement": 10.0,
}

#: An error-level finding of these categories holds the overall rating at or
#: below the given points (3 Good, 2 Requires improvement, 1 Inadequate).
DEFAULT_CAPS: dict[str, float] = {
    "missing-section": 2,
    "missing-health-input": 2,
    "missing-social-care-input": 2,
    "missing-advice": 2,
    "inconsistent-identity": 1,
}

_THRESHOLD_NAMES: tuple[str, ...] = ("outstanding", "good", "requires-improvement")

#: The tables a ``[tool.ehcp-lint.rating]`` configuration may hold, and the keys each allows.
RATING_TABLES: dict[str, tuple[str, ...]] = {
    "category-weights": CATEGORIES,
    "severity-weights": ("error", "warning", "info"),
    "thresholds": _THRESHOLD_NAMES,
    "caps": CATEGORIES,
}


def check_rating_tables(tables: Mapping[str, Mapping[str, float]]) -> None:
    """Raise ``ValueError`` naming the first bad key or value of a ``rating`` configuration.

    The message names the table and key (``category-weights: 'vauge-provision'
    is not allowed; use one of: ...``) but no file, so that configuration
    loading can prefix its own source and ``rating``;
    :meth:`RatingScheme.from_tables` turns it into a one-line
    :class:`~ehcp_lint.errors.ConfigError`.
    """
    for table, values in tables.items():
        allowed = RATING_TABLES.get(table)
        if allowed is None:
            raise ValueError(f"{table!r} is not a rating table; use one of: {', '.join(RATING_TABLES)}")
        if not isinstance(values, Mapping):
            raise ValueError(f"{table} must be a table of name = number")
        for key, value in values.items():
            if key not in allowed:
                close = difflib.get_close_matches(str(key), allowed, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                raise ValueError(
                    f"{table}: {key!r} is not allowed{hint}; use one of: {', '.join(allowed)}"
                )
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
                raise ValueError(f"{table}.{key} must be a number")
            if value < 0:
                raise ValueError(f"{table}.{key} must not be negative, not {value:g}")
            if table == "caps" and value not in (1, 2, 3, 4):
                raise ValueError(
                    f"caps.{key} must be 1 (Inadequate), 2 (Requires improvement), "
                    f"3 (Good) or 4 (no cap), not {value:g}"
                )
    limits = {**DEFAULT_THRESHOLDS, **dict(tables.get("thresholds", {}))}
    ordered = [limits[name] for name in _THRESHOLD_NAMES]
    if ordered != sorted(ordered):
        raise ValueError(
            "thresholds must not decrease: outstanding <= good <= requires-improvement "
            f"(now {', '.join(f'{n} = {limits[n]:g}' for n in _THRESHOLD_NAMES)})"
        )


# --------------------------------------------------------------------------- the scheme


class RatingScheme(BaseModel):
    """The numbers a rating is computed from (defaults, or overridden by configuration)."""

    model_config = ConfigDict(frozen=True)

    category_weights: dict[str, float] = Field(
        default_factory=lambda: dict(DEFAULT_CATEGORY_WEIGHTS)
    )
    severity_weights: dict[str, float] = Field(
        default_factory=lambda: dict(DEFAULT_SEVERITY_WEIGHTS)
    )
    thresholds: dict[str, float] = Field(default_factory=lambda: dict(DEFAULT_THRESHOLDS))
    caps: dict[str, float] = Field(default_factory=lambda: dict(DEFAULT_CAPS))

    @classmethod
    def from_tables(cls, tables: Mapping[str, Mapping[str, float]]) -> RatingScheme:
        """Defaults overridden key by key by ``tables`` (raises ``ConfigError`` on a bad name)."""
        try:
            check_rating_tables(tables)
        except ValueError as err:
            raise ConfigError(f"configuration: rating: {err}") from None
        return cls(
            category_weights={**DEFAULT_CATEGORY_WEIGHTS, **tables.get("category-weights", {})},
            severity_weights={**DEFAULT_SEVERITY_WEIGHTS, **tables.get("severity-weights", {})},
            thresholds={**DEFAULT_THRESHOLDS, **tables.get("thresholds", {})},
            caps={**DEFAULT_CAPS, **tables.get("caps", {})},
        )

    @classmethod
    def from_config(cls, config: object | None) -> RatingScheme:
        """The scheme a :class:`~ehcp_lint.config.Config` asks for (its ``rating`` key)."""
        tables = getattr(config, "rating", None) or {}
        return cls.from_tables(tables)

    def weight(self, finding: Finding) -> tuple[float, float, float]:
        """``(category weight, severity weight, their product)`` for one finding."""
        category = self.category_weights.get(finding.category, 0.0)
        severity = self.severity_weights.get(finding.severity.value, 0.0)
        return category, severity, category * severity

    def rating_for(self, score: float) -> Rating:
        """The rating a weighted score earns under the thresholds."""
        if score <= self.thresholds["outstanding"] + _EPSILON:
            return Rating.OUTSTANDING
        if score <= self.thresholds["good"] + _EPSILON:
            return Rating.GOOD
        if score <= self.thresholds["requires-improvement"] + _EPSILON:
            return Rating.REQUIRES_IMPROVEMENT
        return Rating.INADEQUATE

    def threshold_reason(self, score: float) -> str:
        """Which thresholds ``score`` crossed, in words, e.g. ``6 > Good limit 4, <= ...``."""
        t = self.thresholds
        rating = self.rating_for(score)
        if rating is Rating.OUTSTANDING:
            return f"score {score:g} <= Outstanding limit {t['outstanding']:g}"
        if rating is Rating.GOOD:
            return f"score {score:g} > Outstanding limit {t['outstanding']:g}, <= Good limit {t['good']:g}"
        if rating is Rating.REQUIRES_IMPROVEMENT:
            return (
                f"score {score:g} > Good limit {t['good']:g}, <= Requires improvement limit "
                f"{t['requires-improvement']:g}"
            )
        return f"score {score:g} > Requires improvement limit {t['requires-improvement']:g}"


_EPSILON = 1e-9

# --------------------------------------------------------------------------- results


class WeightedFinding(BaseModel):
    """One finding's contribution: ``index`` is its position in ``PlanReport.findings``."""

    index: int
    code: str
    category: str
    severity: str
    category_weight: float
    severity_weight: float
    weight: float


class SectionRating(BaseModel):
    """A section's (or the whole-plan bucket's) score, rating and what made it."""

    section: str
    title: str
    present: bool | None = None
    score: float
    rating: Rating
    rag: Rag
    reason: str
    findings: list[WeightedFinding] = Field(default_factory=list)


class LimitStep(BaseModel):
    """One of the limits the overall rating is the lowest of."""

    step: Literal["typical section", "worst section", "whole plan", "cap"]
    limit: Rating
    detail: str


class PlanRating(BaseModel):
    """What goes into ``PlanReport.ratings`` (as JSON via ``model_dump(mode="json")``)."""

    scheme: str = SCHEME_NAME
    overall: Rating
    rag: Rag
    points: int
    sections: dict[str, SectionRating]
    whole_plan: SectionRating
    steps: list[LimitStep]


def _rated_sections(report: PlanReport) -> list[str]:
    """Statutory sections, with a merged Section H rated in place of H1 and H2."""
    merged = report.sections.get("H")
    has_merged = merged is not None and merged.present
    keys: list[str] = []
    for key in STATUTORY_SECTIONS:
        if key in ("H1", "H2") and has_merged:
            summary = report.sections.get(key)
            if summary is None or not summary.present:
                if "H" not in keys:
                    keys.append("H")
                continue
        keys.append(key)
    return keys


def _title(key: str) -> str:
    if key == WHOLE_PLAN:
        return "The plan as a whole"
    return f"Section {key}: {SECTION_TITLES.get(key, '')}".rstrip(": ")


def rate_plan(report: PlanReport, scheme: RatingScheme | None = None) -> PlanRating:
    """Rate one plan from its findings (see the module docstring for the arithmetic)."""
    scheme = scheme or RatingScheme()
    keys = _rated_sections(report)
    buckets: dict[str, list[WeightedFinding]] = {key: [] for key in [*keys, WHOLE_PLAN]}
    for index, finding in enumerate(report.findings):
        category_weight, severity_weight, weight = scheme.weight(finding)
        bucket = finding.section if finding.section in buckets else WHOLE_PLAN
        buckets[bucket].append(
            WeightedFinding(
                index=index,
                code=finding.code,
                category=finding.category,
                severity=finding.severity.value,
                category_weight=category_weight,
                severity_weight=severity_weight,
                weight=weight,
            )
        )

    def rate_bucket(key: str) -> SectionRating:
        items = buckets[key]
        score = round(sum(item.weight for item in items), 6)
        rating = scheme.rating_for(score)
        summary = report.sections.get(key)
        return SectionRating(
            section=key,
            title=_title(key),
            present=summary.present if summary is not None else None,
            score=score,
            rating=rating,
            rag=rating.rag,
            reason=scheme.threshold_reason(score) if items else "no findings",
            findings=items,
        )

    sections = {key: rate_bucket(key) for key in keys}
    whole = rate_bucket(WHOLE_PLAN)
    steps = _overall_steps(report, scheme, sections, whole)
    overall = min((s.limit for s in steps), key=lambda r: r.points)
    return PlanRating(
        overall=overall,
        rag=overall.rag,
        points=overall.points,
        sections=sections,
        whole_plan=whole,
        steps=steps,
    )


def _overall_steps(
    report: PlanReport,
    scheme: RatingScheme,
    sections: Mapping[str, SectionRating],
    whole: SectionRating,
) -> list[LimitStep]:
    points = [s.rating.points for s in sections.values()]
    mean = sum(points) / len(points) if points else 4.0
    typical = Rating.from_points(math.floor(mean + _EPSILON))
    steps = [
        LimitStep(
            step="typical section",
            limit=typical,
            detail=(
                f"mean of {len(points)} section ratings (Outstanding 4 ... Inadequate 1) "
                f"= {mean:.2f}, rounded down to {typical.points} = {typical.value}"
            ),
        )
    ]
    if sections:
        worst_key = min(sections, key=lambda k: sections[k].rating.points)
        worst = sections[worst_key].rating
        limit = Rating.from_points(worst.points + 1)
        steps.append(
            LimitStep(
                step="worst section",
                limit=limit,
                detail=(
                    f"the weakest section, {worst_key}, is {worst.value}; the plan can be at "
                    f"most one level better: {limit.value}"
                ),
            )
        )
    steps.append(
        LimitStep(
            step="whole plan",
            limit=whole.rating,
            detail=(
                f"{len(whole.findings)} finding(s) about the plan as a whole: {whole.reason}"
                if whole.findings
                else "no findings about the plan as a whole"
            ),
        )
    )
    for index, finding in enumerate(report.findings):
        cap = scheme.caps.get(finding.category)
        if cap is None or cap >= 4 or finding.severity is not Severity.ERROR:
            continue
        limit = Rating.from_points(int(cap))
        where = f"Section {finding.section}" if finding.section else "the plan"
        steps.append(
            LimitStep(
                step="cap",
                limit=limit,
                detail=(
                    f"finding {index + 1}: {finding.code} {finding.category} (error) in {where} "
                    f"caps the plan at {limit.value}"
                ),
            )
        )
    return steps


def rating_of(report: PlanReport, scheme: RatingScheme | None = None) -> PlanRating:
    """The plan's rating: the one stored in ``report.ratings`` if present, else computed."""
    if report.ratings:
        try:
            return PlanRating.model_validate(report.ratings)
        except ValueError:
            pass
    return rate_plan(report, scheme)


def apply_ratings(report: Report, scheme: RatingScheme | None = None) -> Report:
    """Fill ``ratings`` of every plan in ``report`` (in place; returns the report).

    Run it after batch rules, so that boilerplate and cross-plan findings count.
    """
    scheme = scheme or RatingScheme()
    for plan_report in report.plans:
        plan_report.ratings = rate_plan(plan_report, scheme).model_dump(mode="json")
    return report


# --------------------------------------------------------------------------- explaining


def _location(finding: Finding) -> str:
    described = finding.location.describe()
    return "" if described == "unknown location" else f" ({described})"


#: Sums with more terms than this are stated, not spelled out term by term.
_SPELLED_OUT_SUMS = 12


def explain_rating(report: PlanReport, scheme: RatingScheme | None = None) -> str:
    """How each rating of one plan was reached, as plain text a panel can check by hand.

    Lists each finding's weight (category × severity), each section's sum and
    the thresholds it crossed, then the limits the overall rating is the lowest
    of. Finding messages are the linter's own words, never plan text.
    """
    scheme = scheme or RatingScheme()
    rating = rate_plan(report, scheme)
    t = scheme.thresholds
    lines = [
        f"{report.path}: overall {rating.overall.value} ({rating.rag.value})",
        f"Scheme: {SCHEME_NAME}. A finding weighs category weight x severity weight; a section's "
        "score is the sum of its findings' weights.",
        f"Thresholds (score at most): Outstanding {t['outstanding']:g}, Good {t['good']:g}, "
        f"Requires improvement {t['requires-improvement']:g}; above that Inadequate.",
        "",
    ]
    for bucket in [*rating.sections.values(), rating.whole_plan]:
        absent = " [absent]" if bucket.present is False else ""
        lines.append(
            f"{bucket.title}{absent}: {bucket.rating.value} ({bucket.rag.value}), "
            f"score {bucket.score:g}"
        )
        for item in bucket.findings:
            finding = report.findings[item.index]
            lines.append(
                f"    {item.code} {item.category} {item.severity}: "
                f"{item.category_weight:g} x {item.severity_weight:g} = {item.weight:g}"
                f"{_location(finding)}"
            )
        if bucket.findings:
            if len(bucket.findings) <= _SPELLED_OUT_SUMS:
                total = " + ".join(f"{i.weight:g}" for i in bucket.findings)
            else:
                total = f"of the {len(bucket.findings)} weights above"
            lines.append(f"    sum {total} = {bucket.score:g}; {bucket.reason}")
        else:
            lines.append("    no findings")
    lines.append("")
    lines.append("Overall: the lowest of these limits")
    for number, step in enumerate(rating.steps, start=1):
        lines.append(f"  {number}. {step.step}: {step.limit.value}: {step.detail}")
    lines.append(f"  = {rating.overall.value} ({rating.rag.value})")
    return "\n".join(lines)
