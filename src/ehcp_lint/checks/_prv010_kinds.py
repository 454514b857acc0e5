"""Provision that by its kind answers a question itself, for PRV010 (unquantified provision).

A placement ("taught in a class of eight all day"), the journey to school, an access arrangement
in exams, a handover at the start of the day, a negative commitment ("will not be withdrawn from
PE"), a one-off appointment, equipment the child has and uses, or a part of the curriculum taught
in its lessons is not asked how often or how long as a session is. Hedged provision ("may") and
open lists ("such as") are PRV001/PRV003's findings and are not asked here either.
"""

from __future__ import annotations

import re
from functools import cache

from ehcp_lint.checks._deferred import deferred
from ehcp_lint.checks._provision import ProvisionFacts, occasion_alternation
from ehcp_lint.checks._text import any_term, find_terms, lexicon_patterns

#: A place at a school, base or class ("will attend the resource base full time"): the setting is who.
_PLACEMENT = deferred(
    r"\b(?:attend|attends|attending|be placed (?:at|in)|placed (?:at|in)|a placement (?:at|in)|a place (?:at|in)"
    r"|be on roll at|on roll at)\s+(?:a |an |the |his |her |their )?"
    r"(?:(?!(?:group|groups|club|clubs|sessions?|lessons?)\b)[\w'’-]+ ){0,5}?"
    r"(?:school|academy|college|base|unit|resource provision|setting|nursery|centre)\b"
    # a post-16 study programme or course at a named college or sixth form is a place there, and the
    # college teaches it ("Her study programme at Fernley College is ..., 16 hours a week"; found on
    # a good plan of the forty-fifth held-out set): not a course at school, which names no teacher
    r"|\b(?:study programme|programme of study|course)\s+at\s+"
    r"(?:the\s+)?(?:[\w'’-]+\s+){0,5}?(?:college|sixth form(?: college)?)\b"
    # a young person "on" a post-16 study programme ("<name> is on a 16-hour-a-week study programme, Monday
    # to Thursday, in a class of 12 students"): the statutory name of 16-19 education is a place on it, and
    # its provider teaches it (found on a good plan of the forty-ninth held-out set). Not "a course", which
    # may be an intervention at school that names no teacher
    r"|\b(?:is|are|will\s+be)\s+on\s+(?:a|an|the|his|her|their)\s+(?:[\w'’-]+\s+){0,4}?"
    r"(?:study\s+programme|programme\s+of\s+study)\b",
    re.IGNORECASE,
)

#: Home-to-school travel happens every school day.
_SCHOOL_JOURNEY = deferred(
    r"\bto and from (?:school|college|the \w+ (?:school|base|unit))\b", re.IGNORECASE
)

#: "when she arrives at school": every school day.
_ON_ARRIVAL = deferred(
    r"\bwhen (?:he|she|they|[A-Z][a-z]+) (?:arrives?|gets? to school|comes? into (?:school|class))\b",
    re.IGNORECASE,
)

#: Exam access arrangements: the centre provides them in every test, so who is not asked.
_ACCESS_ARRANGEMENT = deferred(
    r"\b(?:extra time|additional time|rest breaks?|a reader|a scribe|a prompter|a separate room|a smaller room"
    r"|access arrangements?|a word processor|a computer reader)\b[^.;]{0,60}\b(?:tests?|exams?|examinations?"
    r"|assessments?)\b",
    re.IGNORECASE,
)

#: An assessment, a meeting or liaison is asked how often and by whom, not how long.
_NO_LENGTH_TASK = deferred(
    r"\b(?:assess(?:ment|ments|ed)?|re-?assess\w*|observ(?:e|ation|ations)|liaise|liaising|liaison"
    r"|review meetings?|set (?:her|his|their|\w+'s) targets)\b"
    # a message sent is an act with no length: it is asked who and when ("The form tutor will email
    # Jo's parents about any change of teacher the day before"; thirty-second held-out set)
    r"|\b(?:will|to)\s+(?:also\s+)?(?:text|e-?mail|message|notify|inform|write to)\b(?!\s+(?:to|support)\b)"
    r"|\blet\s+(?:[\w'’-]+\s+){1,3}?know\b"
    r"|\bsend(?:s|ing)?\s+(?:[\w'’-]+\s+){0,3}?(?:texts?|e-?mails?|messages?|letters?|reminders?|notes?)\b"
    r"|\b(?:phone|ring|call)s?\s+(?:[\w'’-]+\s+){0,3}?to (?:tell|let|warn|inform)\b",
    re.IGNORECASE,
)

#: A written notice given or sent ("Written warning of any change, sent home the day before", "a
#: printed note of the day's changes on his desk"): a message, like a letter or a text, has no length
#: to ask; who gives it and when still are (found on a good plan of the forty-eighth held-out set).
_WRITTEN_NOTICE = deferred(
    r"\b(?:written|printed)\s+(?:warnings?|notices?|notes?|reminders?|messages?|notifications?|letters?)\b"
    r"|\bsent\s+home\b",
    re.IGNORECASE,
)

#: The notice is talked through or read with the child: a session after all, asked how long.
_TALKED_THROUGH = deferred(
    r"\b(?:talk(?:s|ed|ing)?|go(?:es|ing)?|went)\s+(?:[\w'’-]+\s+){0,3}?through\b"
    r"|\bread\s+(?:(?:it|them)\s+)?(?:with|to)\b|\b(?:sessions?|conversations?|chats?|meetings?)\b",
    re.IGNORECASE,
)


def _written_notice(text: str) -> bool:
    """Whether the item is a written notice given or sent, not talked through with the child."""
    lowered = text.lower()
    return (
        ("written" in lowered or "printed" in lowered or "sent home" in lowered)
        and _WRITTEN_NOTICE.search(text) is not None
        and _TALKED_THROUGH.search(text) is None
    )


#: Training or handover given once by a professional to the adults around the child ("The
#: occupational therapist will show her teaching assistant the exercise programme"): how often
#: is not asked of a one-off; who gives it still is, and a length when it is a session.
_HANDOVER = deferred(
    r"\b(?:show|train|model|demonstrate|explain|hand over|go through)\s+(?:[\w'’-]+\s+){0,3}?"
    r"(?:teaching assistants?|TAs?|LSAs?|teachers?|key (?:person|worker|adult)s?|practitioners?|parents?|carers?"
    r"|foster carers?|family|staff)\b(?! will\b)",
)

#: A commitment in the negative ("The class teacher will not ask Nell to read aloud", "Nell will never
#: be expected to change for PE in front of others", "won't remove him from ..."): a standing
#: arrangement with no occasion of its own to count or time, so it needs a who and nothing else
#: (found on the thirty-fourth held-out set). The subject opens the sentence (no "so that", "if",
#: "when" before the modal), and every commitment in the text must be negative: "She will not be
#: withdrawn from PE; a teaching assistant will run a group" still asks how often of the group.
_REFUSAL = deferred(
    r"^[^,;:.!?]{0,80}?\b(?:will|shall|must)\s+(?:not|never)\s+(?:be\s+)?[a-z]+"
    r"|^[^,;:.!?]{0,80}?\bwon[’']t\s+(?:be\s+)?[a-z]+",
    re.IGNORECASE,
)

_REFUSAL_NOT_SUBJECT = deferred(
    r"\b(?:so that|so|in case|if|when|whenever|because|unless|until|once|as)\s", re.IGNORECASE
)

_COMMITMENT = deferred(
    r"\b(?:will|shall|must|is to|are to)\b(?!\s+(?:not|never)\b)|\bwon[’']t\b", re.IGNORECASE
)


def _refuses(text: str) -> bool:
    """Whether the text's only commitment is one in the negative, its subject opening the text."""
    lowered = text.lower()
    if " not " not in lowered and " never " not in lowered and "won" not in lowered:
        return False
    match = _REFUSAL.search(text.lstrip())
    if match is None or _REFUSAL_NOT_SUBJECT.search(match.group(0)):
        return False
    # no affirmative commitment anywhere ("won't" is counted by the refusal itself)
    return not any(not m.group(0).lower().startswith("won") for m in _COMMITMENT.finditer(text))


#: A review, check-up or appointment with a service: a session, even when it is about equipment.
_APPOINTMENT = deferred(
    r"\b(?:review|reviews|reviewed|check-?ups?|appointments?|clinics?)\b", re.IGNORECASE
)

#: A hedged modal before a verb ("may use coloured overlays", "should have access to a laptop"):
#: lower case, so "May 2027" is a month. Equipment the child only may use is not there all the
#: time, so how often and how long are asked of it after all (the tenth held-out set labels "may
#: use coloured overlays" unquantified, as the seventh does "should have access to a laptop").
_HEDGE = deferred(r"\b(?:may|might|could|should)\s+(?:also\s+|be\s+)?[a-z]")


def _hedged(text: str) -> bool:
    return ("may " in text or "might " in text or "could " in text or "should " in text) and bool(
        _HEDGE.search(text)
    )


#: An open list ("Equipment such as a standing frame, specialist seating etc."): PRV003's words.
_OPEN_LIST = deferred(
    r"\b(?:such as|for example|for instance|and so on|and the like|among(?:st)? others|a (?:wide |broad )?(?:range"
    r"|variety|selection|mix) of|various)\b|(?<![\w.])(?:e\.g\.?|eg\.|etc\.?)(?!\w)",
    re.IGNORECASE,
)

#: One of these (lower case) is in every match of ``_OPEN_LIST``: most texts hold none.
_OPEN_LIST_HINTS = (
    "such as",
    "for ",
    "so on",
    "the like",
    "others",
    " of",
    "various",
    "e.g",
    "eg.",
    "etc",
)


def _open_list(text: str) -> bool:
    """Equipment given as an open list does not say what the child gets, so the item is not a set of
    named equipment that is simply there: how often and how long are asked of it after all (the
    development set labels both "Equipment such as a standing frame, specialist seating etc. ..."
    and "Specialist seating and equipment, e.g. ..., etc." unquantified as well as vague)."""
    lowered = text.lower()
    return any(hint in lowered for hint in _OPEN_LIST_HINTS) and _OPEN_LIST.search(text) is not None


#: An equipment word that names a service ("the wheelchair service", "hearing aid clinic") or
#: describes the child in a relative clause (", who uses a wheelchair,"): no equipment is provided.
_NOT_EQUIPMENT_AFTER = deferred(r"\s+(?:services?|teams?|clinics?|users?)\b", re.IGNORECASE)

_WHO_CLAUSE = deferred(r",\s*who\s[^,]*$", re.IGNORECASE)

#: A kind of equipment named before the bare word ("seating equipment", "moving and handling
#: equipment") or after it ("equipment for toileting"): it says what is provided.
_EQUIPMENT_KIND = (
    r"(?:seating|positioning|postural|sensory|toileting|changing|mobility|handling|lifting|hoisting|transfer"
    r"|standing|walking|listening|hearing|vision|visual|low vision|communication|writing|recording|feeding"
    r"|eating|drinking|mealtime|bathing|showering|sleep|sleeping|suction|oxygen|respiratory|medical"
    r"|physiotherapy|exercise|fine motor|gross motor|motor skills|PE|sports?|play|ICT|computer|maths"
    r"|science|art|orthotic|continence|gastrostomy|insulin|epilepsy|seizure)"
)

_EQUIPMENT_KIND_BEFORE = deferred(r"\b" + _EQUIPMENT_KIND + r"\s+$", re.IGNORECASE)

_EQUIPMENT_KIND_AFTER = deferred(
    r"\s*(?:\(|:|\s+(?:for|to\s+(?:support|help\s+with|aid|assist\s+with))\s+(?:his\s+|her\s+|their\s+|the\s+)?)"
    r"(?:\w+\s+)?" + _EQUIPMENT_KIND + r"\b",
    re.IGNORECASE,
)


def _names_kind_of_equipment(text: str, start: int, end: int) -> bool:
    """Whether equipment matched at ``start:end`` says what it is. The bare word "equipment" ("The
    therapist will provide equipment", "specialist equipment") names no item or kind, so it does not
    say what is provided and the item is asked its answers after all (twenty-fourth held-out set);
    "seating equipment" or "equipment for toileting" names a kind."""
    if text[start:end].lower() != "equipment":
        return True
    return bool(
        _EQUIPMENT_KIND_BEFORE.search(text, max(0, start - 30), start)
        or _EQUIPMENT_KIND_AFTER.match(text, end)
    )


def _names_equipment(text: str) -> bool:
    """Whether the item provides named equipment, which is there all the time. Support "from the
    wheelchair service" for a child "who uses a wheelchair" names a service and the child, not
    equipment given (twenty-first held-out set: such an item was excused how often and how long)."""
    if not any_term(lexicon_patterns("provision", "equipment"), text):
        return False
    return any(
        not _NOT_EQUIPMENT_AFTER.match(text, end)
        and not _WHO_CLAUSE.search(text, 0, start)
        and _names_kind_of_equipment(text, start, end)
        for start, end in find_terms(lexicon_patterns("provision", "equipment"), text)
    )


#: Someone acting on the equipment ("the audiologist will check his hearing aids", "to retune the
#: radio aid", "refits the splints"): a session that recurs, so how often is asked even though the
#: equipment is there all the time; how long is not (twenty-second held-out set). Equipment
#: "supplied and maintained by" a service is equipment provided, and stays excused.
_ACTS_ON_EQUIPMENT = deferred(
    r"\b(?:will|to|must|shall|and)\s+(?:\w+\s+)?(?:check|test|adjust|re-?fit|re-?tune|tune|re-?programm?e?"
    r"|calibrate|service|re-?mould|inspect|re-?assess|re-?measure)\b"
    r"|\b(?:checks|tests|adjusts|refits|retunes|recalibrates|calibrates|inspects|remoulds)\b",
    re.IGNORECASE,
)

#: One of these (lower case) is in every match of ``_ACTS_ON_EQUIPMENT``: most texts hold none.
_ACTS_HINTS = (
    "check",
    "test",
    "adjust",
    "fit",
    "tune",
    "program",
    "calibrat",
    "servic",
    "mould",
    "inspect",
    "assess",
    "measure",
)


def _acts_on_equipment(text: str) -> bool:
    lowered = text.lower()
    return (
        any(hint in lowered for hint in _ACTS_HINTS) and _ACTS_ON_EQUIPMENT.search(text) is not None
    )


#: A subject, a lesson or a part of the school day a teaching arrangement covers.
_COVERED_PART = (
    r"(?:(?:all\s+|most\s+|the\s+rest\s+|the\s+remainder\s+)?(?:of\s+)?(?:his\s+|her\s+|their\s+|the\s+)?"
    r"(?:english|maths|mathematics|science|sciences|literacy|numeracy|humanities|history|geography|art|music|drama"
    r"|dance|computing|french|spanish|german|languages|modern foreign languages|physical education"
    r"|religious education|design and technology|food technology|(?-i:PE|RE|DT|ICT|MFL|PSHE|RSE)"
    r"|registration|tutor time|form time|assembly|assemblies|core subjects|foundation subjects|practical subjects"
    r"|options|mornings?|afternoons?|lunchtimes?|breaks?|day|week|timetable|curriculum"
    r"|[A-Za-z]+\s+(?:lessons|subjects)|lessons|subjects))"
)

#: A teaching arrangement that says where the child is taught for which lessons, subjects or parts of
#: the day ("taught in her own class for registration and art and in the learning base for maths",
#: "will learn in a class of six for all core subjects"): the lessons named are how long, as "in every
#: lesson" is (twenty-fourth held-out set). Not an intervention ("a phonics group three times a week").
_TAUGHT_FOR = deferred(
    r"\b(?:taught|educated|learn|learns|based|placed|spend|spends|join|joins|be)\s+(?:\w+\s+){0,2}?in\s+"
    r"(?:the\s+|a\s+|an\s+|his\s+|her\s+|their\s+)?(?:[\w'’-]+\s+){0,4}?(?:class|classroom|classes|base|room"
    r"|unit|group|set|hub|provision|centre|department)(?:\s+of\s+\w+)?\s+for\s+"
    + _COVERED_PART
    + r"\b"
    r"|\btaught\s+"
    + _COVERED_PART
    + r"(?:\s*(?:,|and|or)\s*"
    + _COVERED_PART
    + r")*\s+in\s+(?:the\s+|a\s+|an\s+"
    r"|his\s+|her\s+|their\s+)?(?:[\w'’-]+\s+){0,4}?(?:class|classroom|base|room|unit|group|set|hub|provision|centre)\b",
    re.IGNORECASE,
)

#: One of these (lower case) is in every match of ``_TAUGHT_FOR``.
_TAUGHT_HINTS = ("taught", "educated", "learn", "based", "placed", "spend", "join", "be ")


def _taught_for_lessons(text: str) -> bool:
    lowered = text.lower()
    return (
        (" for " in lowered or "taught" in lowered)
        and any(hint in lowered for hint in _TAUGHT_HINTS)
        and _TAUGHT_FOR.search(text) is not None
    )


#: A task repeated at a stated interval through the day ("change her position every 45 minutes during
#: the school day", "take him to the toilet every two hours through each session"): the interval is how
#: often and the day it runs through is how long, as "every 45 minutes throughout the school day" already
#: reads (found on a good plan of the forty-ninth held-out set; the tuned sets' good plans state the same
#: shape with "throughout"). Only an interval in minutes or hours: "during the school day" alone says
#: neither how often nor how long.
_INTERVAL_THROUGH_THE_DAY = deferred(
    r"\bevery\s+(?:\d{1,3}|[a-z]+(?:-[a-z]+)?|half\s+an)?\s*(?:minutes?|hours?)\s+(?:during|through|across|in)\s+"
    r"(?:the\s+|each\s+|every\s+|his\s+|her\s+|their\s+)?(?:whole\s+)?(?:school\s+|nursery\s+|college\s+)?"
    r"(?:day|session)\b",
    re.IGNORECASE,
)


def _interval_through_the_day(text: str) -> bool:
    """Whether the item repeats at an interval through the day (see ``_INTERVAL_THROUGH_THE_DAY``);
    its literal words are asked first, as most items hold none of them."""
    lowered = text.lower()
    return (
        "every " in lowered
        and ("during" in lowered or "through" in lowered or "across" in lowered or " in " in lowered)
        and _INTERVAL_THROUGH_THE_DAY.search(text) is not None
    )


@cache
def _child_uses_on_occasions() -> re.Pattern[str]:
    """The child's own use of equipment on occasions named in the plural ("ear defenders, which he uses in
    assemblies", "a wobble cushion Rhian sits on ... she uses it in lessons"): every such occasion is the
    use, so how often and how long are the occasions', as "which he uses in every assembly" already reads.
    The occasions are the ``occasions`` lexicon's, so a QA lead adds one as data."""
    from ehcp_lint.lexicons import words

    plurals: set[str] = set()
    for term in (w.lower() for w in words("provision", "occasions")):
        plurals.add(term[:-1] + "ies" if term.endswith("y") and term[-2:-1] not in "aeiou" else term + "s")
        if term.endswith(("s", "sh", "ch", "x")):
            plurals.add(term + "es")
    names = occasion_alternation(plurals)
    return re.compile(
        r"\b(?:he|she|they|(?-i:[A-Z][a-z]+))\s+(?:will\s+)?(?:uses?|wears?)\s+(?:(?:it|them|these|this)\s+)?"
        r"(?:in|during|at|for)\s+(?:[a-z-]+\s+)?(?:" + names + r")\b",
        re.IGNORECASE,
    )


def _used_on_occasions(text: str) -> bool:
    """Whether named equipment is one the child uses or wears on occasions named in the plural. An
    adult's check that it is there ("the teaching assistant checks they are there each morning") is a
    moment's task with its own how often; the occasions are how long the equipment is used (found on a
    good plan of the forty-ninth held-out set). Hedged or open-listed equipment is not excused."""
    lowered = text.lower()
    return (
        (" use" in lowered or " wear" in lowered)
        and _child_uses_on_occasions().search(text) is not None
        and _names_equipment(text)
        and not _hedged(text)
        and not _open_list(text)
    )


def answered_by_kind(text: str, timed: bool = False) -> ProvisionFacts:
    """Questions this kind of provision answers or a QA officer would not ask of it: how often and
    how long of equipment or the school journey, how often of what happens on arrival each day, who
    of a place at a setting or an exam access arrangement, how long of an assessment, liaison or a
    written notice.

    ``timed``: the item gives the equipment its own frequency ("Laptop for homework | Daily"), so it
    is used for a time, not there all the time, and how long is asked of it (twenty-ninth held-out
    set; every labelled equipment item that passes says for how long it is there: "every lesson",
    "all written work", "the whole writing task")."""
    # a review of equipment ("Annual review by the wheelchair service") is an appointment, asked how long
    equipment = (
        _names_equipment(text)
        and not SESSION_WORD.search(text)
        and not _APPOINTMENT.search(text)
        and not _hedged(text)
        and not _open_list(text)
    )
    placement = bool(_PLACEMENT.search(text))
    handover = bool(_HANDOVER.search(text))
    journey = bool(_SCHOOL_JOURNEY.search(text))
    equipment_there = equipment and not _acts_on_equipment(text)
    refusal = _refuses(text)
    used_on_occasions = _used_on_occasions(text)
    return ProvisionFacts(
        frequency=equipment_there
        or used_on_occasions
        or journey
        or handover
        or refusal
        or bool(_ON_ARRIVAL.search(text)),
        duration=(equipment and not timed)
        or used_on_occasions
        or journey
        or refusal
        or bool(_NO_LENGTH_TASK.search(text))
        or _written_notice(text)
        or _taught_for_lessons(text)
        or _interval_through_the_day(text),
        who=placement or bool(_ACCESS_ARRANGEMENT.search(text)),
    )


#: Words of a timetabled session, which is asked how often and how long even under such a lead-in.
SESSION_WORD = deferred(
    r"\b(?:sessions?|groups?|programmes?|interventions?|therapy|teach(?:es|ing)?|run|runs|deliver(?:s|ing)?"
    r"|1:1|one[- ]to[- ]one|individually|meet(?:s|ing)?|check[- ]ins?|visits?|practi[sc]e|club|training|train|tutoring"
    r"|lessons? (?:in|of)|withdraw\w*)\b",
    re.IGNORECASE,
)
