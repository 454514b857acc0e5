"""MAI002 missing-social-care-input: D or H says "None" although social care is involved."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from ehcp_lint import lexicons
from ehcp_lint.checks._plan_text import Terms, first_unit, nil_summary, section_state
from ehcp_lint.checks._signals import Signal, describe, social_care_signals
from ehcp_lint.engine.rule import Example, Hit, Rule, RuleContext, RuleDoc, Scope
from ehcp_lint.model import Plan
from ehcp_lint.report import Severity

_POOR = """# Section A: Views, interests and aspirations
Mia lives with her foster carers, Jo and Sam, and sees her social worker every month.
# Section D: Social care needs
None.
# Section H1: Social care provision (CSDPA 1970 s.2)
None.
# Section H2: Other social care provision
None.
"""

_BETTER = """# Section A: Views, interests and aspirations
Mia lives with her foster carers, Jo and Sam, and sees her social worker every month.
# Section D: Social care needs
Mia is a looked-after child. She needs help to keep in contact with her birth family and support to join clubs outside school.
# Section H1: Social care provision (CSDPA 1970 s.2)
None required.
# Section H2: Other social care provision
Mia's social worker will arrange supervised family contact once a month and review it at each looked-after review.
"""


@cache
def _reasoned_terms() -> Terms:
    return Terms(lexicons.words("social_care", "reasoned_nil"))


@cache
def _nil_advice_terms() -> Terms:
    return Terms(lexicons.words("social_care", "nil_advice"))


def _advice_says_none(signals: list[Signal]) -> bool:
    """Every mention is a Section K entry whose advice found no involvement.

    "Social care: records check, family not known" lists social care in K, yet the
    answer it records is "no": a nil Section D agrees with that advice.
    """
    terms = _nil_advice_terms()
    return bool(signals) and all(
        s.weak and s.unit is not None and terms.search(s.unit.text) is not None for s in signals
    )


@cache
def _advice_sources() -> frozenset[str]:
    return frozenset(" ".join(w.split()).lower() for w in lexicons.words("social_care", "advice_sources"))


def _is_advice_source(signal: Signal) -> bool:
    """A service named in Section K as the source of the social-care advice.

    The authority seeks social-care advice for every plan, so "Social care advice:
    Children's Social Care, 20 January 2026" shows the question was asked, not that
    the service is involved. An allocated social worker, a child in need plan or
    short breaks named in K still count.
    """
    return signal.weak and " ".join(signal.term.split()).lower() in _advice_sources()


@cache
def _cited_advice_terms() -> Terms:
    return Terms(lexicons.words("social_care", "cited_advice"))


@cache
def _specialist_teams() -> frozenset[str]:
    return frozenset(" ".join(w.split()).lower() for w in lexicons.words("social_care", "specialist_teams"))


def _from_specialist_team(signal: Signal) -> bool:
    """Section K advice from a team that only advises the children it works with (the Disabled
    Children's Team): unlike the general service every plan asks, it shows involvement, so it
    counts as strongly as a mention elsewhere in the plan unless Section D cites the advice it rests
    on. An entry saying the answer was no is still weighed by ``_advice_says_none``."""
    return signal.weak and " ".join(signal.term.replace("\u2019", "'").split()).lower() in _specialist_teams()


def _h_keys(plan: Plan) -> list[str]:
    """The social-care provision sections the plan has (H when H1 and H2 are merged)."""
    return [k for k in ("H1", "H2", "H") if plan.has(k)]


class MissingSocialCareInput(Rule):
    code = "MAI002"
    name = "missing-social-care-input"
    category = "missing-social-care-input"
    severity = Severity.WARNING
    scope = Scope(level="plan")
    doc = RuleDoc(
        summary="Section D or H says 'None' although the plan shows social-care involvement.",
        why=(
            "Section D must set out the social care needs that relate to the child's SEN or "
            "disability, and H1/H2 the social care provision (SEND Code of Practice 9.62, 9.73; "
            "CSDPA 1970 s.2). A plan that mentions a social worker, short breaks or looked-after "
            "status but says 'None' in D has not used the social-care advice. Plans for looked-"
            "after children without social-care input are a named Ofsted/CQC inspection finding, "
            "so for them this is an error."
        ),
        source=(
            "SEND Code of Practice 0-25 (2015) 9.62, 9.73 and chapter 10 (looked-after children); "
            "SEND Regulations 2014 reg. 12; Chronically Sick and Disabled Persons Act 1970 s.2"
        ),
        poor=Example(plan=_POOR),
        better=Example(plan=_BETTER),
    )

    def check_plan(self, plan: Plan, ctx: RuleContext) -> Iterable[Hit]:
        d_state = section_state(plan, "D")
        h_keys = _h_keys(plan)
        h_empty = bool(h_keys) and all(section_state(plan, k) in ("nil", "empty") for k in h_keys)
        if not (d_state in ("nil", "empty") or (d_state == "content" and h_empty)):
            return  # D and H both say something (or D is missing): no finding, no need to read for signals
        signals = social_care_signals(ctx)
        looked_after = any(s.looked_after for s in signals)
        severity = Severity.ERROR if looked_after else None

        if d_state in ("nil", "empty"):
            signals = [s for s in signals if not _is_advice_source(s)]
            strong = [s for s in signals if not s.weak]
            d_section = plan.section("D")
            reasoned = d_section is not None and _reasoned_terms().search(d_section.text) is not None
            if not strong and reasoned:
                teams = [s for s in signals if _from_specialist_team(s)]
                if teams and d_section is not None and _cited_advice_terms().search(d_section.text) is None:
                    strong = teams
            if not strong and not (signals and not reasoned):
                return
            if _advice_says_none(signals):
                return
            tail = nil_summary(plan, ["D", *h_keys] if h_empty else ["D"])
            yield Hit(
                section="D",
                unit=first_unit(ctx, "D"),
                severity=severity,
                message=f"{describe(strong or signals)}, but {tail}.",
                suggestion=(
                    "Ask the child's social worker or the social care team for advice and describe "
                    "in D the social care needs that relate to the child's SEN or disability (for "
                    "a looked-after child, what the care plan and looked-after reviews say); if "
                    "there truly are none, say so and name the social-care advice that says so."
                ),
            )
            return
        if d_state == "content" and h_empty:
            where = nil_summary(plan, h_keys)
            yield Hit(
                section=h_keys[0],
                unit=first_unit(ctx, h_keys[0]),
                severity=severity,
                message=f"Section D describes social care needs, but {where}.",
                suggestion=(
                    "Set out in H1 the provision under section 2 of the CSDPA 1970 (for example "
                    "short breaks, a personal assistant) and in H2 any other social care provision "
                    "for each need in D: what, who provides it, how often; where a need in D needs "
                    "no provision, say why."
                ),
            )
