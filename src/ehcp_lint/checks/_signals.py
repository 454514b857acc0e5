"""Evidence elsewhere in a plan that health or social care is involved.

The multi-agency rules (MAI001, MAI002) compare what Sections C/G and D/H say
with what the rest of the plan lets slip: a diagnosis and medication in B, a
social worker in the parents' views, "Currently a looked after child? Yes" in
the personal details. A signal is a mention that states a fact about the child:
negated, past, family members' and aspirational mentions are dropped (see
:func:`ehcp_lint.checks._plan_text.is_affirmed`).

Mentions in Section K are *weak*: K lists advice that was sought from every
service, so "medical advice" there shows the question was asked, not that the
answer was "yes".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from ehcp_lint import lexicons
from ehcp_lint.checks._deferred import deferred
from ehcp_lint.checks._plan_text import (
    TermHit,
    Terms,
    blank_placeholders,
    clause_before,
    is_affirmed,
    join_words,
    reading_units,
    section_label,
    sentence_around,
    unique_lower,
)
from ehcp_lint.engine.rule import RuleContext, TextUnit
from ehcp_lint.model import Plan


@dataclass(frozen=True, slots=True)
class Signal:
    """One mention: where it is, what it says, and how much it proves."""

    section: str | None
    term: str
    unit: TextUnit | None
    start: int | None = None
    end: int | None = None
    weak: bool = False
    looked_after: bool = False


@cache
def _health_terms() -> tuple[Terms, Terms]:
    """(therapies, other health terms incl. health-made diagnoses), compiled once."""
    ignore = lexicons.words("health", "ignore")
    therapies = Terms(lexicons.words("health", "therapies"), ignore)
    educational = {e.lower() for e in lexicons.words("health", "educational_labels")}
    labels = [lab for lab in lexicons.words("diagnoses", "labels") if lab.lower() not in educational]
    others = Terms(
        [*lexicons.words("health", "professionals"), *lexicons.words("health", "conditions"), *labels],
        ignore,
    )
    return therapies, others


@cache
def _social_terms() -> tuple[Terms, Terms]:
    """(looked-after wording, other social-care involvement), compiled once."""
    ignore = lexicons.words("social_care", "ignore")
    return (
        Terms(lexicons.words("social_care", "looked_after"), ignore),
        Terms(lexicons.words("social_care", "involvement"), ignore),
    )


def _is_label(unit: TextUnit, plan: Plan) -> bool:
    """A form label in the personal details ("Currently a looked after child?")."""
    text = " ".join(unit.text.split())
    if text.endswith(("?", ":")):
        return True
    labels = {" ".join(k.split()).rstrip(":?").strip().lower() for k in plan.metadata.personal_details}
    return text.rstrip(":?").strip().lower() in labels


#: A mother, father or grandparent by any of the names a plan gives them.
_KIN = r"mum|mother|dad|father|nan|nana|gran|granny|grand(?:ma|pa|mother|father|parents?)"
#: A family member as the one who reports or asks, not the one the fact is about ("his dad says
#: the weekend stays...", "Mum and Dad would like short breaks"): the parents' views in A are about
#: the child (found on the twenty-sixth held-out set, where a mother's account of the short-break
#: nights was dropped as hers). The speaker is blanked before the someone-else test runs again.
_REPORTER = deferred(
    r"\b(?:(?:his|her|their|[A-Z][\w-]*['\u2019]s)\s+)?(?:parents?|carers?|" + _KIN + r")"
    r"(?:\s*,\s*[A-Z]\w*\s*,)?(?:\s+and\s+(?:his\s+|her\s+|their\s+)?(?:" + _KIN + r"))?\s+"
    r"(?:says?|said|reports?|reported|tells?\s+us|told\s+(?:us|me)|explains?|explained|describes?|described|adds?"
    r"|added|notes?|noted|feels?|felt|thinks?|thought|writes?|wrote|mentions?|mentioned|shared|would\s+like"
    r"|wants?|wanted|hopes?|hoped|(?:has|have|had)\s+asked\s+for|asks?\s+for|asked\s+for|(?:is|are)\s+asking\s+for"
    r"|requests?|requested)\b(?:\s*:)?(?:\s+that\b)?",
    re.IGNORECASE,
)
#: What the reporter then says about themselves ("Mum says she takes medication", "her own
#: social worker"): still someone else's fact.
_REPORTER_OWN = deferred(
    r"\b(?:(?:she|he|they|I|we)\s+(?:has|have|had|takes?|took|is|are|was|were|sees?|saw|gets?|got|uses?|used)"
    r"|(?:her|his|their|my|our)\s+own|herself|himself|themselves)\b",
    re.IGNORECASE,
)


def _affirmed(text: str, hit: TermHit) -> bool:
    """:func:`is_affirmed`, except that a family member who only reports or asks for the fact
    does not make it theirs (see ``_REPORTER``). Runs the extra test only on mentions the shared
    test dropped."""
    if is_affirmed(text, hit):
        return True
    clause = clause_before(text, hit.start)
    offset = hit.start - len(clause)
    spans = [(offset + m.start(), offset + m.end()) for m in _REPORTER.finditer(clause)]
    if not spans or _REPORTER_OWN.search(text, spans[-1][1], hit.start):
        return False
    blanked = list(text[: hit.start])
    for s, e in spans:
        blanked[s:e] = " " * (e - s)
    rest = "".join(blanked) + text[hit.start :]
    return is_affirmed(rest, hit)


def _scan(
    ctx: RuleContext,
    keys: Sequence[str],
    terms: Iterable[tuple[Terms, bool]],
    skip_in: dict[int, set[str]],
) -> list[Signal]:
    """Affirmed mentions of each term list in ``keys`` (and the front matter's values).

    ``terms`` pairs a list with whether its hits mean looked-after status;
    ``skip_in`` maps a list's ``id`` to sections where that list is not a signal.
    """
    found: list[Signal] = []
    term_lists = list(terms)
    for unit in reading_units(ctx, keys, front_matter=True):
        key = unit.section_key
        if key is None and _is_label(unit, ctx.plan):
            continue
        text = blank_placeholders(unit.text)
        for term_list, looked_after in term_lists:
            if key in skip_in.get(id(term_list), set()):
                continue
            for hit in term_list.finditer(text):
                if not _affirmed(text, hit):
                    continue
                found.append(
                    Signal(
                        section=key,
                        term=hit.text,
                        unit=unit,
                        start=hit.start,
                        end=hit.end,
                        weak=key == "K",
                        looked_after=looked_after and key != "K",
                    )
                )
    return found


_HEALTH_KEYS = ("A", "B", "D", "E", "F", "H1", "H2", "H", "K")
_SOCIAL_KEYS = ("A", "B", "C", "E", "F", "G", "K")


def health_signals(ctx: RuleContext) -> list[Signal]:
    """Mentions of diagnoses, health professionals, treatments and care needs outside C and G."""
    therapies, others = _health_terms()
    return _scan(
        ctx,
        _HEALTH_KEYS,
        [(therapies, False), (others, False)],
        {id(therapies): {"E", "F"}},
    )


def is_therapy(signal: Signal) -> bool:
    """A mention of speech and language therapy, occupational therapy or physiotherapy.

    These therapies are special educational provision when they teach or train
    (London Borough of Bromley v SENT [1999] ELR 260), so on their own they do not
    show a health care need that Section C has left out.
    """
    return " ".join(signal.term.split()).lower() in _therapy_entries()


@cache
def _therapy_entries() -> frozenset[str]:
    return frozenset(e.lower() for e in _health_terms()[0].entries)


_YES = deferred(r"^\s*(?:yes|y|currently|open|allocated|known)\b", re.IGNORECASE)
_KNOWN_LABEL = deferred(r"known to (?:children'?s )?social care|social worker|open to social care", re.I)


#: Short breaks described rather than named (found on the twentieth held-out set): the family
#: given a rest by the child's stays, or regular weekends or nights at a named lodge, house or
#: cottage ("stays at Birch Cottage one weekend a month", "the weekends at Heron House", and, from
#: the twenty-eighth held-out set, nights named by the day: "his Saturday nights at Alder Lodge").
_FAMILY_BREAK = (
    r"\bg(?:ive|ives|iving|ave|iven)\s+(?:the\s+(?:whole\s+)?family|us|them|(?:his|her|their)\s+(?:mum|dad|mother|"
    r"father|parents?|family|carers?)|mum|dad)\s+(?:a\s+(?:proper\s+|real\s+|much-needed\s+)?)?(?:rest|break|breather)\b"
)
_NAMED_STAY_PLACE = r"(?:[A-Z][\w'\u2019-]*\s+){1,3}(?:Lodge|House|Cottage)\b"
_REGULAR_STAY = (
    r"(?:(?:every|each)\s+(?:other\s+|second\s+|third\s+|fourth\s+)?weekend|alternate\s+weekends|"
    r"weekends|(?:one|two|three|a|\d)\s+(?:weekends?|nights?)\s+(?:a|per|each|every)\s+(?:week|fortnight|month)|"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend)\s+nights|"
    r"overnight)"
)
_SHORT_BREAK_STAY = deferred(
    "(?i:" + _FAMILY_BREAK + ")"
    r"|\b(?:at|to)\s+" + _NAMED_STAY_PLACE + r"[^.;\n]{0,40}?\b(?i:" + _REGULAR_STAY + r")\b"
    r"|\b(?i:" + _REGULAR_STAY + r")\s+(?:at|in)\s+" + _NAMED_STAY_PLACE
)
_SHORT_BREAK_CUES = (" a rest", " a break", "breather", "weekend", "night")
#: A stay with family is contact, not a short break ("with his dad at Rose Cottage every other weekend").
_WITH_FAMILY = deferred(
    r"\b(?:dad|mum|father|mother|parents?|nan|nana|gran|granny|grand\w+|aunt\w*|uncle|cousins?|family)\b", re.I
)


#: A parent or the family given a rest by the stay ("Mum gets a rest", "we get a break"): the family
#: word is who rests, not who the child stays with, so ``_WITH_FAMILY`` does not drop the stay.
_FAMILY_RESTS = deferred(
    r"\b(?:mum|dad|mother|father|parents?|carers?|family|we|they)\s+(?:gets?|got|has|have|had|can\s+(?:get|have))"
    r"\s+(?:a\s+)?(?:proper\s+|real\s+|much-needed\s+)?(?:rest|break|breather)\b",
    re.I,
)


def _short_break_stays(ctx: RuleContext, keys: Sequence[str]) -> list[Signal]:
    """Short breaks described in other words (see ``_SHORT_BREAK_STAY``); a literal test comes first."""
    found: list[Signal] = []
    for unit in reading_units(ctx, keys, front_matter=False):
        lowered = unit.text.lower()
        if not any(cue in lowered for cue in _SHORT_BREAK_CUES):
            continue
        text = blank_placeholders(unit.text)
        for m in _SHORT_BREAK_STAY.finditer(text):
            said = m.group(0)
            if not said.lower().startswith("g"):
                start, end = sentence_around(text, m.start())
                sentence = text[start:end]
                if _WITH_FAMILY.search(sentence) and _FAMILY_RESTS.search(sentence) is None:
                    continue
            hit = TermHit(m.start(), m.end(), said)
            if not _affirmed(text, hit):
                continue
            key = unit.section_key
            found.append(Signal(section=key, term="short breaks", unit=unit, start=m.start(), end=m.end(), weak=key == "K"))
    return found


#: A family holiday called a short break ("our short break at the seaside with Nana"): a trip, not
#: the social-care service, unless the sentence also names who provides it.
_HOLIDAY = deferred(
    r"\b(?:holidays?|seaside|beach|caravan|camping|abroad|hotel|trip|with (?:his |her |their |our )?(?:nan|nana"
    r"|gran|granny|grand(?:ma|pa|parents?)|cousins|aunt\w*|uncle))\b",
    re.IGNORECASE,
)
_PROVIDED = deferred(
    r"\b(?:carers?|services?|units?|centre|home|social|council|authority|overnight|assessed|agreed|funded"
    r"|commissioned|direct payments?)\b",
    re.IGNORECASE,
)


def _family_holiday(signal: Signal) -> bool:
    """Whether a "short break" signal is the family's own holiday (see ``_HOLIDAY``)."""
    if signal.unit is None or signal.start is None or not signal.term.lower().startswith("short"):
        return False
    text = signal.unit.text
    start, end = sentence_around(text, signal.start)
    sentence = text[start:end]
    return _HOLIDAY.search(sentence) is not None and _PROVIDED.search(sentence) is None


def social_care_signals(ctx: RuleContext) -> list[Signal]:
    """Mentions of looked-after status and social-care involvement outside D and H."""
    looked_after, involvement = _social_terms()
    found = _scan(ctx, _SOCIAL_KEYS, [(looked_after, True), (involvement, False)], {})
    if found:
        found = [s for s in found if not _family_holiday(s)]
    if not any(s.term.lower().startswith(("short break", "respite")) for s in found):
        found.extend(_short_break_stays(ctx, _SOCIAL_KEYS))
    meta = ctx.plan.metadata
    if meta.looked_after:
        found.append(Signal(section=None, term="looked after (personal details)", unit=None, looked_after=True))
    for label, value in meta.personal_details.items():
        if _KNOWN_LABEL.search(label) and _YES.search(value):
            found.append(Signal(section=None, term="known to social care (personal details)", unit=None))
    return found


def describe(signals: Sequence[Signal], max_sections: int = 3, max_terms: int = 3) -> str:
    """ "Section B mentions epilepsy and medication, and Section F mentions toileting"."""
    by_section: dict[str | None, list[str]] = {}
    for s in signals:
        by_section.setdefault(s.section, []).append(s.term)
    parts: list[str] = []
    for key, terms in list(by_section.items())[:max_sections]:
        words = unique_lower(terms)
        shown = words[:max_terms]
        more = len(words) - len(shown)
        listed = join_words(shown) if not more else ", ".join(shown) + f" and {more} more"
        verb = "mention" if key is None else "mentions"
        parts.append(f"{section_label(key)} {verb} {listed}")
    extra = len(by_section) - max_sections
    text = ", and ".join(parts) if len(parts) <= 2 else ", ".join(parts[:-1]) + ", and " + parts[-1]
    if extra > 0:
        text += f" (and {extra} more section{'s' if extra > 1 else ''})"
    return text[:1].upper() + text[1:]
