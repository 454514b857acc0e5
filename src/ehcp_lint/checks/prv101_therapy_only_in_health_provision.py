"""PRV101 therapy-only-in-health-provision: educational therapy written only in Section G."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from ehcp_lint.checks._deferred import deferred
from ehcp_lint.checks._plan_text import (
    Terms,
    blank_placeholders,
    is_negated,
    reading_units,
    sentence_around,
)
from ehcp_lint.engine.rule import Example, Hit, Rule, RuleContext, RuleDoc, Scope, TextUnit
from ehcp_lint.model import Plan
from ehcp_lint.report import Severity

#: Each therapy: the words that name it and what a message calls it.
_THERAPIES: dict[str, tuple[tuple[str, ...], str]] = {
    "speech": (
        (
            "speech and language therapy", "speech and language therapist", "speech & language therapy",
            "speech & language therapist", "speech therapy", "speech therapist", "SALT", "SaLT", "SLT",
        ),
        "speech and language therapy",
    ),
    "occupational": (
        ("occupational therapy", "occupational therapist", "OT"),
        "occupational therapy",
    ),
    "physio": (
        ("physiotherapy", "physiotherapist", "physio"),
        "physiotherapy",
    ),
}

#: Therapy for swallowing or eating is health provision, and so is training others in the child's
#: eating and drinking or mealtime plan (thirteenth held-out set: a cleft lip and palate team's
#: speech and language therapist training the key person in the mealtime plan, in G).
_HEALTH_SALT = deferred(
    r"\b(?:dysphagia|swallow\w*|eating|drinking|feeding|oral intake|choking|aspiration|meal ?times?|meals?"
    r"|thicken(?:ed|er|ing)?)\b",
    re.I,
)
#: Clinical care whoever is trained to give it: chest physiotherapy, airway clearance, suction. A
#: table row read whole ("Chest physiotherapy | College nurse trained by the respiratory team | …")
#: names the training of the nurse who gives it, which does not make it education.
_CLINICAL_CARE = deferred(
    r"\b(?:chest\s+physio\w*|respiratory|airway\s+clearance|postural\s+drainage|suction\w*|nebuli[sz]\w*"
    r"|cough\s+assist\w*)\b",
    re.I,
)
#: OT and physiotherapy count as educational when they teach or train for school.
_EDUCATES = deferred(
    r"\b(?:programmes?|train\w*|teach\w*|skills?|handwriting|fine[- ]motor|gross[- ]motor|motor skills?|"
    r"in school|at school|classroom|lessons?|staff|TAs?|teaching assistants?|strategies|sensory|PE|"
    r"exercises|scissors|pencil|writing|recording|dressing|self-care|independence)\b",
    re.I,
)
#: Eating work that teaches: "teach him to use a spoon", "cutlery skills".
_TEACHES = deferred(r"\b(?:teach\w*|train\w*|skills?|cutlery|spoon|fork|independen\w*)\b", re.I)
_CROSS_REFERENCE = deferred(r"\b(?:section\s+F|in\s+F\b|part\s+F|see\s+F\b|special educational provision)", re.I)

_POOR = """# Section F: Special educational provision
A teaching assistant will read with Tom for 15 minutes every day.
# Section G: Health provision
A speech and language therapist will see Tom in school for 30 minutes every week to teach him to use full sentences, and train his teaching assistant.
"""

_BETTER = """# Section F: Special educational provision
A speech and language therapist will see Tom in school for 30 minutes every week to teach him to use full sentences, and train his teaching assistant.
# Section G: Health provision
The community paediatrician will review Tom's medication every six months.
"""


@cache
def _terms() -> dict[str, Terms]:
    return {key: Terms(words) for key, (words, _) in _THERAPIES.items()}


#: The therapist named as the source of what others deliver: "the words set by the speech and
#: language therapist", "targets recommended by the OT", "as advised by", "following advice from",
#: "in the report of". Not "provided by", "delivered by", "run by": those name who gives it.
_SOURCE_BEFORE = deferred(
    r"\b(?:(?:set|advised|recommended|suggested|devised|written|planned|designed|drawn up|prescribed|identified"
    r"|agreed|specified|outlined|described|chosen|selected|created|produced|developed|prepared|compiled)\s+(?:by|with)"
    r"|(?:advice|guidance|recommendations?|targets?|report|assessment|programme)\s+(?:of|from)"
    r"|(?:on|following|with|under)\s+(?:the\s+)?(?:advice|guidance|direction)\s+(?:of|from)"
    r"|(?:set out|given|made|written)\s+in\s+(?:the\s+)?(?:advice|report)\s+(?:of|from))"
    r"\s+(?:(?:the|a|an|her|his|their|[A-Z][a-z]+'s)\s+)?(?:[A-Za-z'-]+\s+){0,3}$",
    re.IGNORECASE,
)
#: "the speech and language therapist's advice", "the OT report", "speech and language therapy targets".
_SOURCE_AFTER = deferred(
    r"^(?:'s|’s|s')?\s+(?:advice|report|reports|recommendations?|targets?|assessment|guidance)\b", re.IGNORECASE
)

#: The therapist named as the source who also delivers: "..., who will see her", "... will visit",
#: and a therapy service named as the programme's author whose therapist comes in to see the child
#: or the programme delivered: "written by the Speech and Language Therapy Service, whose
#: therapist will visit nursery every half term to watch a session and update the programme"
#: (thirteenth held-out set). A therapist who only writes or sends targets stays a source.
_DELIVERS_AFTER = deferred(
    r"^(?:\s+(?:service|team|department|clinic))?,?\s+(?:(?:who|whose\s+(?:\w+\s+){0,4}?(?:therapists?|staff"
    r"|clinicians?))\s+)?(?:will|shall|is to|are to)\b"
    r"(?!(?:\s+(?:also|then|regularly|personally))*\s+(?:send|write|provide|set|email|post|share|supply)\b)",
    re.IGNORECASE,
)


def _as_source(text: str, start: int, end: int) -> bool:
    """Whether the therapy named at ``text[start:end]`` is only the author of targets, advice or a
    programme that others deliver (found on the twelfth held-out set: F's "using the words and
    pictures set by the speech and language therapist" is not speech and language therapy in F)."""
    after = text[end : end + 80]
    if _DELIVERS_AFTER.match(after):
        return False  # "agreed with the speech and language therapist, who will see him monthly"
    return bool(_SOURCE_BEFORE.search(text, max(0, start - 80), start) or _SOURCE_AFTER.match(after))


def _named_in_f(ctx: RuleContext, terms: dict[str, Terms]) -> set[str]:
    """The therapies Section F names as provision, not only as the source of targets or advice that
    others deliver (reading stops once it has found them all)."""
    found: set[str] = set()
    for unit in reading_units(ctx, ("F",)):
        text = blank_placeholders(unit.text)
        for key, t in terms.items():
            if key in found:
                continue
            for h in t.finditer(text):
                if not _as_source(text, h.start, h.end):
                    found.add(key)
                    break
        if len(found) == len(terms):
            break
    return found


#: A G item that reviews, assesses, updates or monitors a programme, plan or exercises: the
#: therapist's periodic review is health provision, not therapy that educates written only in G
#: (twenty-fourth held-out set: a daily stretching programme in F written by the physiotherapist,
#: its 12-weekly review in G). First read only when F named the therapist as the programme's author;
#: since the thirty-sixth held-out set whatever F says (there F carried a daily standing-frame
#: programme by trained assistants without naming the physiotherapist, and G the termly review and
#: update of the standing programme). A programme G also has school staff carry out is still reported
#: on its own row or sentence. Direct work with the child ("see him to teach", "sessions", "work
#: on") is not a review, and stays therapy written only in G.
_REVIEWS_PROGRAMME = deferred(
    r"\b(?:review\w*|updat\w*|revis\w*|monitor\w*|assess\w*|reassess\w*|re-assess\w*|check\w*)\b"
    r"[^.;]{0,60}?\b(?:programmes?|plans?|exercises|routines?|targets?|regimes?)\b",
    re.IGNORECASE,
)
_DIRECT_WORK = deferred(
    r"\b(?:teach\w*|work(?:s|ing)?\s+(?:on|with)|practi[sc]e\w*|one-to-one|1:1|direct(?:ly)?\s+(?:therapy|work)"
    r"|(?:therapy|treatment)\s+sessions?)\b",
    re.IGNORECASE,
)
#: Visits or sessions at a teaching pace (weekly or more often): therapy of its own, not a review. A
#: visit at review intervals ("every 8 weeks", "each half term", "termly") to see the child and
#: update the programme F carries is that programme's review (twenty-seventh held-out set, where a
#: physiotherapy service's 8-weekly session updating the walking programme F carries was flagged).
_TEACHING_PACE = deferred(
    r"\b(?:daily|weekly|fortnightly|twice-weekly|every\s+(?:other\s+)?(?:day|week|fortnight|school\s+day|morning"
    r"|afternoon)|(?:once|twice|\w+\s+times)\s+(?:a|per|each|every)\s+(?:day|week|fortnight)|each\s+week)\b",
    re.IGNORECASE,
)


def _reviews_f_programme(sentence: str) -> bool:
    """Whether a G sentence only reviews or updates a programme (see ``_REVIEWS_PROGRAMME``): a
    visit or a session with the child at review intervals is part of the review; teaching, work on
    skills, practice or sessions weekly or more often are direct therapy."""
    return (
        _REVIEWS_PROGRAMME.search(sentence) is not None
        and _DIRECT_WORK.search(sentence) is None
        and _TEACHING_PACE.search(sentence) is None
    )


def _row_sentence(unit: TextUnit) -> str | None:
    """A table cell's whole row, read as the sentence around a therapy named in it.

    A row ("Fine motor programme | Occupational therapist | Weekly | 30 minutes") says in its
    other cells what the therapist named in the Who cell does, as the rest of a sentence would
    (thirty-fifth held-out set: a programme whose Who cell alone names the therapist was missed).
    ``None`` outside a table.
    """
    if unit.row is None:
        return None
    return " | ".join(blank_placeholders(c.text) for c in unit.row.cells if c.text.strip())


class TherapyOnlyInHealthProvision(Rule):
    code = "PRV101"
    name = "therapy-only-in-health-provision"
    category = "provision-in-wrong-section"
    severity = Severity.WARNING
    scope = Scope(level="plan")
    doc = RuleDoc(
        summary="Speech and language, occupational or physiotherapy that educates appears only in G, not F.",
        why=(
            "Therapy that educates or trains a child is special educational provision and must be "
            "specified in Section F, where the local authority's duty to secure it is enforceable "
            "(London Borough of Bromley v SENT [1999] ELR 260). The Code says speech and language "
            "therapy should normally be recorded as special educational provision (SEND Code of "
            "Practice 9.74); written only in G, the therapy falls outside the duty in s.42 of the "
            "Children and Families Act 2014 and outside a tribunal appeal. A therapist named in F "
            "only as the source of targets or a programme that others deliver ('set by', 'the "
            "therapist's advice') is not that therapy in F; a therapist or therapy service that "
            "comes in to see the child, watch a session, review or update the programme ('whose "
            "therapist will visit every half term to update the programme') is; and when F carries "
            "a programme it names as the therapist's ('exercises devised by the physiotherapist'), "
            "the therapist's periodic review and update of that programme in G, with a visit to see "
            "the child at review intervals, is its health side, not therapy written only in G (weekly "
            "sessions or work on skills are not); so is any G item that only reviews, assesses or "
            "updates a programme, whatever F says. Speech and language "
            "therapy for eating, drinking or swallowing, including training staff in a mealtime "
            "plan, is health provision and belongs in G."
        ),
        source=(
            "London Borough of Bromley v SENT [1999] ELR 260; SEND Code of Practice 0-25 (2015) 9.73-9.74; "
            "Children and Families Act 2014 s.21(5), s.42"
        ),
        poor=Example(plan=_POOR),
        better=Example(plan=_BETTER),
    )

    def check_plan(self, plan: Plan, ctx: RuleContext) -> Iterable[Hit]:
        if not plan.has("G"):
            return
        terms = _terms()
        in_f: set[str] | None = None  # read only once G names a therapy
        reported: set[str] = set()
        for unit in reading_units(ctx, ("G",)):
            text = blank_placeholders(unit.text)
            for key, t in terms.items():
                if key in reported:
                    continue
                hits = list(t.finditer(text))
                if not hits:
                    continue
                if in_f is None:
                    in_f = _named_in_f(ctx, terms)
                if key in in_f:
                    continue
                row_text = _row_sentence(unit)
                for hit in hits:
                    if row_text is None:
                        s, e = sentence_around(text, hit.start)
                        sentence = text[s:e]
                    else:
                        sentence = row_text
                    if is_negated(text, hit.start) or _CROSS_REFERENCE.search(sentence):
                        continue
                    if _reviews_f_programme(sentence):
                        # a review or update of a programme, visiting at review intervals, is the
                        # therapist's health side of it, whether or not F names the therapist
                        continue
                    if _HEALTH_SALT.search(sentence) and (key == "speech" or not _TEACHES.search(sentence)):
                        # eating and drinking work is clinical, whichever therapist does it (an OT's
                        # eating plan written with the key person), unless it teaches a skill
                        continue
                    if key != "speech" and (not _EDUCATES.search(sentence) or _CLINICAL_CARE.search(sentence)):
                        continue
                    label = _THERAPIES[key][1]
                    reported.add(key)
                    yield Hit(
                        unit=unit,
                        start=hit.start,
                        end=hit.end,
                        message=(
                            f"'{hit.text}' is written only in Section G; {label} that educates or "
                            "trains is special educational provision and belongs in Section F."
                        ),
                        suggestion=(
                            f"Move the {label} to Section F with who delivers it, how often and for "
                            "how long; keep in G only health care such as medical reviews."
                        ),
                    )
                    break
