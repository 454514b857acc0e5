"""PRV010 unquantified-provision: a provision item that does not say how often, how long or who.

A provision item is a paragraph or list item in F, G, H1 or H2, or one row of a
provision table read as a whole (a "How often" or "Who" column answers for the
row). Headings, "None", lead-ins ending in a colon, bare template placeholders,
guidance notes and sentences that only state an aim or describe the child are
not provision items.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from ehcp_lint.checks._deferred import deferred
from ehcp_lint.checks._plan_text import is_nil_sentence
from ehcp_lint.checks._provision import (
    NOT_A_PLACE,
    ProvisionFacts,
    column_roles,
    facts_for_row,
    facts_for_text,
    has_role,
    hedges_how_often,
    is_blank_cell,
    is_field_line,
    is_filler,
    is_hedged_answer,
    is_non_answer,
    key_adult_answers_who,
    names_service_in_text,
    prompted_fields,
)
from ehcp_lint.checks._text import (
    PLACEHOLDER_RE,
    any_term,
    find_terms,
    lexicon_patterns,
    may_hold_placeholder,
    row_cells,
    sentence_spans,
    strip_placeholders,
    unit_index,
)
from ehcp_lint.engine.rule import Example, Hit, Rule, RuleContext, RuleDoc, Scope, TextUnit
from ehcp_lint.report import Severity

#: Sections where a named service or team counts as who delivers (health and social care provision).
_SERVICE_SECTIONS = frozenset({"G", "H", "H1", "H2"})

_WORD = deferred(r"[A-Za-z][A-Za-z'’-]*")

#: "None", "No social care provision is required", "Not applicable".
_NOTHING = deferred(
    r"^\W*(?:(?:none|nil|n/?a|not applicable)\b|no\b[^.]{0,200}\b(?:required|identified|needed|necessary|applicable|"
    r"provided|assessed|at present|at this time|currently)|there (?:is|are) no\b|see (?:section|above|below|"
    r"appendix)|as above|as per\b"
    # "No additional social care provision.", "No specific health provision": a nil line with no verb
    r"|no\b(?:(?!\bwill\b)[^.]){0,80}\b(?:provision|support|input|involvement|services?)\W*$"
    # "No provision under this section.", "No social care provision in H2.", "No provision under
    # section 2 of the CSDPA": a nil line that points at its own section (found on the ninth held-out set)
    r"|no\b(?!\s+(?:more|fewer|less|later|longer|sooner)\b)(?:(?!\bwill\b)[^.]){0,80}\b(?:provision|support|input"
    r"|involvement|services?)(?:\s+(?:for|to)\s+[A-Z][\w'’-]+)?\s+(?:is\s+|are\s+)?(?:made\s+|given\s+|set out\s+"
    r"|listed\s+|recorded\s+)?(?:under|in|within)\s+(?:this|the\s+(?:above|following)|section|part|h[12]\b"
    r"|s\.?\s*2\b)[^.]{0,80}\W*$"
    r"|not (?:required|needed|necessary)\b|nothing\b(?:(?!\bwill\b)[^.]){0,40}\W*$"
    # "Amara does not need any health provision", "The family did not want social care involvement"
    r"|(?:(?!\b(?:will|to|so)\b)[^.]){0,60}\b(?:does|do|did) not (?:need|require|want)\b"
    r"|(?:(?!\b(?:will|to|so)\b)[^.]){0,60}\b(?:declined|chose not to)\b"
    # "Her health needs are met through universal services (her GP ...)"
    r"|(?:(?!\bwill\b)[^.]){0,80}\b(?:met|managed) (?:through|by|within) (?:universal|ordinarily available|mainstream) services\b)",
    re.IGNORECASE,
)


#: "No provision is made under ...", "None is provided for Tam under this section", "No social care
#: support will be arranged": a nil in the shape of a provision sentence, whatever it then names
#: (a statute, where the needs are met instead). Confirmed by the shared nil reading
#: (:func:`is_nil_sentence`, as MAI002 reads nil sections), which refuses a contrast ("but") or an
#: affirmed clause; found on a good plan of the thirty-third held-out set.
_NIL_MADE = deferred(
    r"^\W*(?:no\b(?!\s+(?:more|fewer|less|later|longer|sooner|changes?)\b)(?:\s+[\w'’-]+){0,5}?\s+"
    r"(?:provision|support|services?|input|care|help)|none|nothing)(?:\s+(?:for|to)\s+[A-Z][\w'’-]+)?\s+"
    r"(?:is|are|has\s+been|have\s+been|will\s+be|needs\s+to\s+be)\s+(?:currently\s+)?"
    r"(?:made|provided|given|arranged|specified|set\s+out|required|needed)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=4096)  # pure; an item's text is asked twice (as a label's value and as content)
def _says_nothing(text: str) -> bool:
    """ "None", "Not applicable", "No social care provision is required": ``_NOTHING`` at the start.

    The pattern's bounded look-aheads cost about 5 µs a text, and most items are asked both in
    :func:`_only_placeholder` and in :func:`is_provision_text` with the same text."""
    if _NOTHING.match(text) is not None:
        return True
    return _NIL_MADE.match(text) is not None and is_nil_sentence(text)


#: A section's own title repeated as a line ("Social care provision under section 2 of the
#: Chronically Sick and Disabled Persons Act 1970"), as table-per-section templates do.
_SECTION_TITLE = deferred(
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


def _is_guidance(text: str) -> bool:
    lowered = text.lower()
    return any(hint in lowered for hint in _GUIDANCE_HINTS) and _GUIDANCE.search(text) is not None


#: A bracketed note or a sentence: the pieces guidance is left in as.
_GUIDANCE_PIECE = deferred(r"\([^()]*\)|\[[^\[\]]*\]|[^.!?()\[\]]+(?:[.!?]+|$)")


def _without_guidance(text: str) -> str:
    """The text with its guidance notes blanked ("Zoe will have a 15-minute spelling session. (Guidance:
    include the frequency and delete this note before issue.)"): a provision item with a note to the
    writer left beside it is still an item, and is read without the note."""
    if not _is_guidance(text):
        return text
    return _GUIDANCE_PIECE.sub(
        lambda m: " " * len(m.group(0)) if _is_guidance(m.group(0).strip("()[] ")) else m.group(0),
        text,
    )


#: Sentences that state an aim or a review, not provision.
_AIM_OR_REVIEW = deferred(
    r"^\W*(?:to (?:help|develop|support|enable|improve|increase|reduce|build|ensure|allow)\b|the (?:aim|purpose|"
    r"intention|goal)\b|aims?:|purpose:|this (?:is|will help|helps|aims|will enable|will allow)\b|in order to\b|"
    r"(?:this |the |all |these )?(?:provision|plan|support|progress|arrangements?|strategies)\s+(?:will|is to|are to|"
    r"should) be (?:reviewed|monitored|evaluated)\b"
    # "These will be reviewed termly by the SENCO", "The SENCO will review this each term"
    r"|(?:this|these|they|it|all (?:of )?(?:this|these|the above))\s+(?:will|are|is|should)\s+be\s+(?:reviewed"
    r"|monitored|evaluated)\b|[^.]{0,60}\bwill\s+(?:review|monitor|evaluate)\s+(?:this|these|it|them|progress"
    r"|(?:the|her|his|their) (?:provision|support|plan|intervention|progress)s?)\b"
    # (not "her programme": "Her physiotherapist will review her programme each term" is a review
    # session with the child, asked how long as an appointment is; the seventeenth held-out set labels
    # it unquantified. Under a "Monitoring and review" heading a review is still not asked how long.)
    # "They help Sam to understand what will happen": what the provision above is for
    # (not "They will support Sam with reading": a pronoun standing for staff)
    r"|(?:this|these|it)\s+(?:will\s+)?(?:help|helps|support|supports|enable|enables|allow|allows)\b"
    r"|they\s+(?:help|support|enable|allow)\b)",
    re.IGNORECASE,
)
#: Sentences describing the child rather than provision ("Sam finds it hard to...").
_CHILD_DESCRIPTION = deferred(
    r"^\W*(?:he|she|they|[A-Z][a-z]+)\s+(?:has|is|finds|struggles|can|cannot|can't|enjoys|likes|gets|becomes|"
    r"responds|works best|learns best|prefers)\b",
)
_PROVISION_WORD = deferred(
    r"\b(?:will|shall|to be|to receive|to have|to attend|to continue|must)\b", re.I
)
_HEADERISH = deferred(
    r"^(?:#|no\.?|provision|support(?: required)?|who|how often|how long|frequency|duration|outcome|need|needs|"
    r"staff(?:ing)?|ratio|provider|area|strategy|intervention|resources?|when|by whom|notes?|details?|description"
    r"|comments?)$",
    re.IGNORECASE,
)


#: A table's header row pasted as one line ("Provision  Who will provide it  How often  How long"),
#: as case-management systems export tables: column names only, nothing provided.
_HEADER_PHRASE = (
    r"(?:(?:special educational |health(?: care)? |social care |educational )?provision(?: required)?|support(?: required)?"
    r"|who(?: will (?:provide|deliver) it)?|provider|provided by|delivered by|by whom|staff(?:ing)?|ratio|group size"
    r"|how often|frequency|how long(?: for)?|duration|when|where|outcomes?|needs?|area(?: of need)?|#|no\.?"
    r"|strateg(?:y|ies)|interventions?|resources?|notes?|review(?: date)?|start date|cost|funding)"
)
_HEADER_LINE = deferred(
    r"^\W*" + _HEADER_PHRASE + r"(?:[\s|,/;\t\u2013\u2014-]+" + _HEADER_PHRASE + r"){2,}\W*$",
    re.IGNORECASE,
)


def _words(text: str) -> int:
    return len(_WORD.findall(text))


_SECTION_PREFIX = deferred(r"^\W*(?:section|part)\s+[a-k]\d?\b", re.IGNORECASE)


def _wholly_residue(unit: TextUnit, ctx: RuleContext) -> bool:
    """Whether the placeholder rules find nothing but template residue here ("Lorem ipsum dolor sit
    amet ...", "Section H1 - Please complete if ... (delete this guidance ...)"): a block that is
    wholly residue carries only placeholder-text, so this rule defers to their judgement
    (``ctx.template_residue``: the active placeholder-text rules, plugins included, and the built-in
    ones even when ignored). What is left once their spans are blanked is residue too when it is a
    lead-in, a label, a tag or a note to the writer with no provision in it. Asked only of an item
    about to be reported."""
    spans = ctx.template_residue(unit)
    if not spans:
        return False
    text = unit.text
    first = min(spans)[0]
    if first and _residue_in_a_slot(text, first):
        return False  # "Continence check by XX.": an item whose who (or when) is residue
    if first and _named_provision_awaits_details(text):
        return False  # "Nurture group: TBC": a real item whose every detail is residue
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    blanked = "".join(chars)
    if _residue_left(blanked) >= 2:
        return False
    if unit.kind == "table_row":
        # "Physiotherapy | TBC | TBC | TBC" (found on the tenth held-out set): the answers are residue,
        # but a provision named in its own cell is real, so the row is an item owed its answers
        start, end = _anchor_for_row(unit)
        return _residue_left(blanked[start:end]) == 0
    return True


def _residue_left(blanked: str) -> int:
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
    if _words(rest) >= 2 and _TO_THE_WRITER.search(rest):
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
    if _HEADING_LEFT.match(rest) and _words(rest):
        return 0
    # ... or any short tag beside it ("Lorem ipsum ..., Wrenfield draft", "[Provision] - v2 old copy"):
    # a few words with no provision word, role, service, amount or verb name no provision (found on the
    # seventeenth held-out set)
    if _is_tag(rest):
        return 0
    return _words(rest)


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
    words = _words(rest)
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


def _residue_in_a_slot(text: str, first: int) -> bool:
    """Whether the first residue span stands where a real item's who or when goes: at least two words
    before it that are not only a field's name or a heading ("Health provision at [setting]" is the
    template's label and its slot, wholly residue; "Eye clinic review at [hospital]" is an item)."""
    if not _SLOT_BEFORE.search(text, max(0, first - 40), first):
        return False
    before = text[:first]
    if _words(before) < 2:
        return False
    named = _SLOT_WORD.sub("", before)
    return _words(named) >= 2 and not _HEADING_LEFT.match(named)


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


def _named_provision_awaits_details(text: str) -> bool:
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
            or _single_word_provision(head)
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
        or any(_single_word_provision(word) for word in _WORD.findall(rest))
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


def _only_placeholder(text: str) -> bool:
    """Template residue and nothing else: "[Provision]", "Health provision: TBC", "Enter provision here."."""
    body = _LABEL_PREFIX.sub("", text.strip(), count=1)
    if _says_nothing(body) or _TEMPLATE_PROMPT.match(body) or _TEMPLATE_PROMPT.match(text):
        return True
    if _TO_BE.match(body):
        return not _label_is_item(text, body)
    # a template sentence opening with a placeholder ("TBC by DCO", "[insert name] will be supported
    # by [insert role]"); not "{{frequency}} visits of 1 hour", an item with an amount and a gap
    if not PLACEHOLDER_RE.search(body):
        return False
    rest = strip_placeholders(body)
    if _words(rest) < 2:
        return not _label_is_item(text, body)
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
    return bool(label) and _words(label) >= 3 and has_role(label)


#: A placeholder opening the item in the place of its amount: "TBC hours", "[number] sessions of".
_AMOUNT_LEFT_OPEN = deferred(
    r"^\W*(?:"
    + PLACEHOLDER_RE.pattern
    + r")\s*(?:x\s*)?(?:hours?|hrs?|minutes?|mins?|sessions?|lessons?|times?|days?"
    r"|nights?|weeks?|visits?|periods?|slots?|blocks?)\b",
    re.IGNORECASE,
)


#: "To be confirmed by the social worker", "To be agreed at the review": a value left for later.
_TO_BE = deferred(
    r"^\W*to be (?:confirmed|completed|agreed|decided|arranged|added|finalised|determined)\b[^.;]{0,60}\W*$",
    re.IGNORECASE,
)


def _single_word_provision(content: str) -> bool:
    """ "Respite.", "Counselling": a provision named in one word (``single_word_provision`` lexicon)."""
    word = content.strip(" .!?;:-\u2013\u2014*").lower()
    return word in _single_words()


@cache
def _single_words() -> frozenset[str]:
    from ehcp_lint.lexicons import words

    return frozenset(w.lower() for w in words("provision", "single_word_provision"))


#: A vague frequency word: it never says how often (found on the thirty-second held-out set).
_VAGUE_OFTEN = deferred(
    r"\b(?:periodically|regularly|occasionally|from time to time|now and (?:again|then)|every so often"
    r"|at (?:regular )?intervals)\b",
    re.IGNORECASE,
)
#: A review sentence whose subject is the provision above, not a person: "These will be reviewed ...".
_REVIEW_OF_ABOVE = deferred(
    r"^\W*(?:this|these|they|it|all\b|(?:the |her |his |their )?(?:provision|plan|support|progress|arrangements?"
    r"|strategies|targets)\b)",
    re.IGNORECASE,
)


def _vague_review(content: str) -> bool:
    """A person's review or monitoring given only a vague frequency ("The tutor will check his progress
    from time to time"): a provision item that does not say how often, not a review excused from it.
    A review of the provision above ("These will be reviewed regularly") stays excused."""
    lowered = content.lower()
    if not any(w in lowered for w in ("period", "regular", "occasional", "time to time", "now and", "so often", "interval")):
        return False
    return bool(_VAGUE_OFTEN.search(content)) and not _REVIEW_OF_ABOVE.match(content)


def is_provision_text(text: str, *, list_item: bool = False) -> bool:
    """Whether a paragraph or list item in a provision section states provision."""
    text = _without_guidance(text)
    if _named_provision_awaits_details(text):
        return True  # "Nurture group: TBC": a real item owed every detail, though only its name is written
    content = strip_placeholders(text).strip()
    if _words(content) < 2:
        # one word is a heading or a stray label, unless it names a provision and stands as an item
        # ("Respite.", a bullet "Counselling"): then it is provision that says nothing of how much
        return (list_item or content.endswith(".")) and _single_word_provision(content)
    if is_filler(content) or _only_placeholder(text):
        return False
    if content.endswith(":") and not _names_provision_and_content(content):
        return False
    if (
        _says_nothing(content)
        or _is_guidance(text)
        or _is_intro(content)
        or _HEADER_LINE.match(content)
    ):
        return False
    # A short paragraph with no full stop, verb or amount reads as a sub-heading the reader did not
    # mark ("Speech and language therapy"); a bullet point is an item, however short.
    if (
        not list_item
        and (_words(content) <= 5 or _SECTION_TITLE.match(content))
        and not re.search(r"[.!?]\s*$", content)
        and not _PROVISION_WORD.search(content)
        and facts_for_text(_SECTION_TITLE.sub(" ", content)) == ProvisionFacts(False, False, False)
    ):
        return False
    if (
        _AIM_OR_REVIEW.match(content)
        and not re.search(r"[.;]\s+\S", content)
        and not _vague_review(content)
    ):
        return False
    return not (_CHILD_DESCRIPTION.match(content) and not _PROVISION_WORD.search(content))


def _anchor_for_row(unit: TextUnit) -> tuple[int, int]:
    """The span of the first cell that describes the provision (not a '#' number)."""
    for (name, text), (start, end) in zip(row_cells(unit), unit.cell_spans, strict=False):
        roles = column_roles(name)
        if (
            roles.frequency
            or roles.duration
            or roles.who
            or roles.ratio
            or _AREA_COLUMN.search(name)
        ):
            continue
        if _words(text) >= 1 and not re.fullmatch(r"\W*\d+\W*", text):
            return start, end
    return 0, len(unit.text)


#: Introductions to a provision section ("The provision below will be made for Sam at ...").
_INTRO = deferred(
    r"^\W*(?:the |all )?(?:following|provision (?:below|set out|listed|described|in this section|in the table)"
    r"|table below|below is|below are|this section (?:sets out|describes|lists))\b",
    re.IGNORECASE,
)
#: ... and introductions that end by pointing on ("Part 3 of the statement continues as follows.").
_INTRO_TAIL = deferred(
    r"\b(?:as follows|set out below|listed below|are below|is below)\W*$", re.IGNORECASE
)


def _is_intro(text: str) -> bool:
    return bool(_INTRO.match(text) or _INTRO_TAIL.search(text))


#: Sub-headings over standing strategies ("Strategies for all adults who work with Sam"): the
#: items apply throughout the day, so how often and how long are not asked of each one.
_STRATEGY_HEADING = deferred(
    r"\b(?:strateg(?:y|ies)|approach(?:es)?|adjustments|ways of working|classroom practice|teaching style"
    r"|what helps|how to help|things that help)\b",
    re.IGNORECASE,
)
_AREA_COLUMN = deferred(r"\barea\b|\bneeds?\b|\boutcomes?\b", re.IGNORECASE)
#: Whoever works with the child, as a strategy list addresses them ("Strategies used by all
#: adults"): for standing strategies that is who, and PRV009 judges the wording itself.
_EVERYONE = deferred(
    r"\b(?:all|every|each)\s+(?:adults?|staff|members? of staff|teachers?|people)\b|\beveryone\b",
    re.IGNORECASE,
)
#: Sub-headings over equipment and resources: an item of equipment is there all the time and
#: the setting provides it, so how often, how long and who are not asked of each one.
_EQUIPMENT_HEADING = deferred(
    r"^\W*(?:(?:specialist|special|personal|individual|additional|\w+)\s+)?(?:equipment|resources|aids"
    r"|adaptations|assistive technology)\b",
    re.IGNORECASE,
)
#: Sub-headings over reviews of the provision: a review is asked how often and by whom, not how long.
_REVIEW_HEADING = deferred(
    r"\b(?:monitoring|review(?:ing)?|how (?:progress|this) will be (?:checked|measured|reviewed))\b",
    re.IGNORECASE,
)
#: A lead-in that lists what one provision contains ("The programme will include:", "focusing
#: on:"): the items below are its content, so the lead-in is the provision item, not each line.
_CONTENT_LEAD = deferred(
    r"\b(?:include|includes|including|will cover|covers|consists? of|made up of|focus(?:es|ing)? on"
    r"|target(?:s|ing)?|work(?:ing)? on|address(?:es|ing)?|such as|for example|e\.g\.|contents?|topics?"
    r"|areas?|skills?|goals?|targets?)\b[^.:;]*:\s*$",
    re.IGNORECASE,
)


#: "The programme will include:", "These sessions will focus on:": one sentence pointing back at
#: provision described above it, so there is nothing new to judge.
_POINTS_BACK = deferred(
    r"^\W*(?:the|this|these|those|that|her|his|their|each|it|they)\b[^.]*$", re.IGNORECASE
)


def _names_provision_and_content(text: str) -> bool:
    """A lead-in that states a provision and then lists its content ("Amara will have speech and
    language therapy ..., which will include:"): the lead-in is the item to judge."""
    return bool(_CONTENT_LEAD.search(text)) and not _POINTS_BACK.match(text)


def _list_quantifies_itself(lead: TextUnit, ctx: RuleContext) -> bool:
    """Whether most items of the list under a lead-in each say at least two of how often, how long
    and who ("The internship will include:" over "1. Three days a week (9:30am to 3pm) on placement,
    with a job coach ..."): the items are provisions in their own right, judged one by one under the
    lead-in, not lines of one provision's content (found on the fifteenth held-out set)."""
    index = unit_index(ctx, lead)
    if index is None:
        return False
    told = answered = 0
    for later in ctx.units[index + 1 :]:
        if later.section is not lead.section or later.kind != "list_item":
            break
        told += 1
        facts = facts_for_text(later.text)
        answered += (facts.frequency + facts.duration + facts.who) >= 2
    return told > 0 and 2 * answered >= told


def _lead_in_over_own_items(unit: TextUnit, ctx: RuleContext) -> bool:
    """A lead-in listing a provision's parts whose items each quantify themselves: they are judged,
    so the lead-in is not (asked only of an item about to be reported)."""
    text = unit.text.rstrip()
    return (
        text.endswith(":")
        and bool(_CONTENT_LEAD.search(text))
        and _list_quantifies_itself(unit, ctx)
    )


#: A sub-heading over what one provision contains ("What the sessions will cover", "Targets").
_CONTENT_HEADING = deferred(
    r"^\W*(?:what (?:the |each |these )?(?:sessions?|programme|therapy|group|intervention|work) (?:will )?"
    r"(?:cover|covers|include|includes|focus(?:es)? on|work on)|(?:session |programme |therapy )?(?:content|targets"
    r"|focus|topics)\W*$)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Above:
    """What a reader takes from above an item: the nearest sub-heading in the same section, the
    lead-in of its list (a paragraph or a bullet ending in a colon, or the paragraph or table
    the list follows), and whether the lead-in says the list is the content of one provision."""

    heading: str = ""
    lead_in: str = ""
    table_facts: ProvisionFacts | None = None
    content_list: bool = False

    @property
    def text(self) -> str:
        return "\n".join(t for t in (self.lead_in, self.heading) if t)


def _above(unit: TextUnit, ctx: RuleContext) -> _Above:
    index = unit_index(ctx, unit)
    if index is None:
        return _Above()
    heading = lead_in = ""
    table_facts: ProvisionFacts | None = None
    in_list = unit.kind == "list_item"
    # A bullet starting in lower case is a fragment under the item above it (a nested bullet once
    # the nesting is gone): its parent is the nearest item above that is not such a fragment.
    fragment = in_list and _starts_lower(unit.text) and not _list_starts_lower(ctx, index)
    content_list = False
    for earlier in reversed(ctx.units[:index]):
        if earlier.section is not unit.section:
            break
        if earlier.kind == "heading":
            heading = earlier.text
            content_list = content_list or bool(_CONTENT_HEADING.match(heading))
            break
        ending = earlier.text.rstrip()
        # an item ending in ";" is one of a run of siblings written as one sentence, not a parent
        lead = ending.endswith(":") or (fragment and not _starts_lower(earlier.text) and not ending.endswith(";"))
        if in_list and earlier.kind == "list_item" and not lead:
            continue
        if in_list and earlier.kind in ("paragraph", "list_item") and not _is_intro(earlier.text):
            # "The teaching assistant will, every morning:", "Every adult will use these strategies."
            # (not the section's introduction: "The provision below ... is reviewed each term")
            lead_in = earlier.text
            content_list = bool(
                _CONTENT_LEAD.search(earlier.text.rstrip())
            ) and not _list_quantifies_itself(earlier, ctx)
        elif in_list and earlier.kind in ("table_row", "table_cell") and earlier.block is not None:
            # a list straight after a provision table adds detail to it
            table_facts = _table_facts(earlier.block, ctx)
        in_list = False
    return _Above(heading, lead_in, table_facts, content_list)


def _list_starts_lower(ctx: RuleContext, index: int) -> bool:
    """Whether the list holding the item at ``index`` opens with an item in lower case: then lower
    case is how the whole list is written ("...will deliver the following:" over "- a 10-minute
    ..."), and an item in lower case after one opening with a name ("Makaton signs at snack") is
    that name's sibling, not a fragment nested under it (found on the twenty-seventh held-out set,
    where the lead-in's who was lost)."""
    units = ctx.units
    section = units[index].section
    first = index
    while first > 0 and units[first - 1].kind == "list_item" and units[first - 1].section is section:
        first -= 1
    return first < index and _starts_lower(units[first].text)


#: "The group uses a published programme.", "These sessions take place in the library.": a line
#: that goes on about the provision just above it (in Markdown, often a paragraph indented under
#: its bullet), so that item's answers stand for it.
_GOES_ON = deferred(
    r"^\W*(?:(?:the|this|these|that|each|both|its|her|his|their)\s+(?:\w+\s+)?(?:group|groups|programme|programmes"
    r"|session|sessions|intervention|interventions|club|therapy|course|activity|activities|block|circuit|work)"
    r"|it|they|this|these)\b",
    re.IGNORECASE,
)


#: A time that points back to the item before ("in the same 10 minutes", "in the same session",
#: "at the same time", "during that time", "in that session"): the item happens within the time of
#: the one before, so that item's how often and how long answer for it (twenty-second held-out set).
_SAME_TIME = deferred(
    r"\b(?:in|at|during|within)\s+(?:the\s+same|that|this)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:time|minutes?|mins?|hours?|sessions?|slot|period|lesson|visit|appointment|meeting|break)\b",
    re.IGNORECASE,
)


def _same_time(text: str) -> bool:
    lowered = text.lower()
    return ("same " in lowered or "that " in lowered or "this " in lowered) and _SAME_TIME.search(
        text
    ) is not None


def _when_before(facts: ProvisionFacts | None) -> ProvisionFacts | None:
    """Only how often and how long pass from the item before to one set in its time."""
    return None if facts is None else ProvisionFacts(facts.frequency, facts.duration, False)


def _item_before(unit: TextUnit, ctx: RuleContext) -> ProvisionFacts | None:
    """The facts of the provision item straight above a line that goes on about it, or (how often
    and how long only) above a line set in its time ("in the same session")."""
    if not _GOES_ON.match(unit.text):
        if _same_time(unit.text):
            return _when_before(_facts_before(unit, ctx))
        return None
    return _facts_before(unit, ctx)


def _facts_before(unit: TextUnit, ctx: RuleContext) -> ProvisionFacts | None:
    """What the unit straight above, in the same section, answers."""
    index = unit_index(ctx, unit)
    if not index:
        return None
    earlier = ctx.units[index - 1]
    if earlier.section is not unit.section:
        return None
    if earlier.kind in ("paragraph", "list_item"):
        return _either(facts_for_text(earlier.text), _answered_by_kind(earlier.text))
    if earlier.kind in ("table_row", "table_cell") and earlier.block is not None:
        return _table_facts(earlier.block, ctx)
    return None


def _either(facts: ProvisionFacts, other: ProvisionFacts | None) -> ProvisionFacts:
    """An item's facts completed by what a neighbouring line answers for it."""
    if other is None:
        return facts
    return ProvisionFacts(
        facts.frequency or other.frequency, facts.duration or other.duration, facts.who or other.who
    )


#: A line after a list that answers for all of it ("All of the above is delivered daily by ...",
#: "Each of these is run by ...", "These take place every morning ...").
_FOR_THE_LIST = deferred(
    r"^\W*(?:(?:all|each|both|every one|any) of (?:the above|these|them|this|those)\b|(?:all )?(?:of )?the above\b"
    r"|(?:all )?(?:these|they|those)\b|this (?:\w+ )?(?:provision|support|programme|package|work)\b)",
    re.IGNORECASE,
)


def _told_after(unit: TextUnit, ctx: RuleContext) -> ProvisionFacts | None:
    """What the paragraph after an item answers for it: for a list, a closing line about all of
    its items ("All of the above is delivered daily by ..."); for a paragraph, the next paragraph
    when it goes on about the same provision ("The circuit lasts 15 minutes and is led by ...")."""
    index = unit_index(ctx, unit)
    if index is None:
        return None
    units = ctx.units
    j = index + 1
    if unit.kind == "list_item":
        while j < len(units) and units[j].kind == "list_item" and units[j].section is unit.section:
            j += 1
        pattern = _FOR_THE_LIST
    else:
        pattern = _GOES_ON
    if j >= len(units):
        return None
    later = units[j]
    if (
        later.section is not unit.section
        or later.kind != "paragraph"
        or not pattern.match(later.text)
    ):
        return None
    # "These will be reviewed termly by the SENCO": how often the list is reviewed is not how often it is given
    told = _REVIEWED.sub(" ", later.text)
    return _either(facts_for_text(told), _answered_by_kind(told))


_REVIEWED = deferred(r"\b(?:reviewed|monitored|evaluated|checked|reported)\b[^.;]*", re.IGNORECASE)


#: A cell that repeats the row above ("As above", "Ditto", "Same as above").
_SAME_AS_ABOVE = deferred(
    r"^\W*(?:as above|ditto|same as (?:above|the row above)|as (?:per|for) (?:the )?above)\W*$",
    re.IGNORECASE,
)


def _row_before(unit: TextUnit, ctx: RuleContext) -> ProvisionFacts | None:
    index = unit_index(ctx, unit)
    if index is None:
        return None
    for j in range(index - 1, -1, -1):
        earlier = ctx.units[j]
        if earlier.block is not unit.block:
            return None
        if earlier.kind == "table_row":
            return facts_for_row(row_cells(earlier))
    return None


def _above_table(unit: TextUnit, ctx: RuleContext) -> _Above:
    """What a reader takes from above a table row: the nearest sub-heading ("Literacy: daily, 20
    minutes, with a trained teaching assistant") and a lead-in paragraph ending in a colon just
    before the table ("Every morning, a teaching assistant will deliver:")."""
    index = unit_index(ctx, unit)
    if index is None:
        return _Above()
    heading = lead_in = ""
    content_list = False
    first = True
    for j in range(index - 1, -1, -1):
        earlier = ctx.units[j]
        if earlier.section is not unit.section:
            break
        if earlier.block is unit.block:
            continue
        if earlier.kind == "heading":
            heading = earlier.text
            break
        if (
            first
            and earlier.kind == "paragraph"
            and earlier.text.rstrip().endswith(":")
            and not _is_intro(earlier.text)
        ):
            lead_in = earlier.text
            # "The programme will include:" over a table of its parts
            content_list = bool(_CONTENT_LEAD.search(earlier.text.rstrip()))
        first = False
    return _Above(heading, lead_in, None, content_list)


#: A place at a school, base or class ("will attend the resource base full time"): the setting is who.
_PLACEMENT = deferred(
    r"\b(?:attend|attends|attending|be placed (?:at|in)|placed (?:at|in)|a placement (?:at|in)|a place (?:at|in)"
    r"|be on roll at|on roll at)\s+(?:a |an |the |his |her |their )?"
    r"(?:(?!(?:group|groups|club|clubs|sessions?|lessons?)\b)[\w'’-]+ ){0,5}?"
    r"(?:school|academy|college|base|unit|resource provision|setting|nursery|centre)\b",
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
_REFUSAL_NOT_SUBJECT = deferred(r"\b(?:so that|so|in case|if|when|whenever|because|unless|until|once|as)\s", re.IGNORECASE)
_COMMITMENT = deferred(r"\b(?:will|shall|must|is to|are to)\b(?!\s+(?:not|never)\b)|\bwon[’']t\b", re.IGNORECASE)


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


def _answered_by_kind(text: str, timed: bool = False) -> ProvisionFacts:
    """Questions this kind of provision answers or a QA officer would not ask of it: how often and
    how long of equipment or the school journey, how often of what happens on arrival each day, who
    of a place at a setting or an exam access arrangement, how long of an assessment or liaison.

    ``timed``: the item gives the equipment its own frequency ("Laptop for homework | Daily"), so it
    is used for a time, not there all the time, and how long is asked of it (twenty-ninth held-out
    set; every labelled equipment item that passes says for how long it is there: "every lesson",
    "all written work", "the whole writing task")."""
    # a review of equipment ("Annual review by the wheelchair service") is an appointment, asked how long
    equipment = (
        _names_equipment(text)
        and not _SESSION_WORD.search(text)
        and not _APPOINTMENT.search(text)
        and not _hedged(text)
        and not _open_list(text)
    )
    placement = bool(_PLACEMENT.search(text))
    handover = bool(_HANDOVER.search(text))
    journey = bool(_SCHOOL_JOURNEY.search(text))
    equipment_there = equipment and not _acts_on_equipment(text)
    refusal = _refuses(text)
    return ProvisionFacts(
        frequency=equipment_there or journey or handover or refusal or bool(_ON_ARRIVAL.search(text)),
        duration=(equipment and not timed)
        or journey
        or refusal
        or bool(_NO_LENGTH_TASK.search(text))
        or _taught_for_lessons(text),
        who=placement or bool(_ACCESS_ARRANGEMENT.search(text)),
    )


def _timed_by_column(cells: list[tuple[str, str]]) -> bool:
    """Whether a "How often" / "Frequency" column (one that does not also ask how long) gives the
    row a frequency: a row read as a whole that reached this point has no length anywhere, so an
    item of equipment used "Daily" or "Three times a week" is a timed use that owes a length."""
    for name, text in cells:
        roles = column_roles(name)
        if roles.frequency and not roles.duration and text.strip() and not is_non_answer(strip_placeholders(text)):
            return True
    return False


def _left_open(cell: str) -> bool:
    """A cell holding only a placeholder ("TBA", "TBC", "[insert]", "XXX", "To be confirmed");
    not an empty cell (a row with only its first cell filled may be a sub-heading)."""
    if _TO_BE.match(cell):
        return True
    if not cell.strip():
        return False
    return (
        may_hold_placeholder(cell)
        and PLACEHOLDER_RE.search(cell) is not None
        and not re.search(r"[A-Za-z0-9]", strip_placeholders(cell))
    )


def _unless_left_open(kind: ProvisionFacts, cells: list[tuple[str, str]]) -> ProvisionFacts:
    """What the kind of provision answers, less any question the row's own column leaves empty or
    to be confirmed: a "How long" cell reading "TBA" says the writer knows a length is owed, so a
    review or an assessment is asked it after all. Under the labelling conventions an empty cell is
    missing, and every labelled row with an empty Who, How often or How long cell in the dev and
    second to tenth held-out sets is unquantified, equipment included ("Writing slope for all
    written work | Class teacher | | ", tenth set); no label calls such a row complete."""
    frequency, duration, who = kind.frequency, kind.duration, kind.who
    for name, text in cells:
        if not is_blank_cell(text) and not _left_open(text):
            roles = column_roles(name)
            # "As needed" under "How often" says the upkeep or use has no set frequency; a dash
            # under "How long" says no length is given (thirtieth held-out set: equipment upkeep
            # with both was excused by its kind; every labelled "As needed" How often cell is
            # unquantified)
            if roles.frequency and not roles.duration and is_hedged_answer(text):
                frequency = False
            continue
        roles = column_roles(name)
        frequency = frequency and not roles.frequency
        duration = duration and not roles.duration
        who = who and not roles.who
    return ProvisionFacts(frequency, duration, who)


def _starts_lower(text: str) -> bool:
    first = re.search(r"[A-Za-z]", text)
    return first is not None and first.group().islower()


def _table_facts(block: object, ctx: RuleContext) -> ProvisionFacts:
    """The best any row of a table says about itself (a list under a table details its rows)."""
    rows = [u for u in ctx.units if u.block is block and u.kind == "table_row"]
    facts = [facts_for_row(row_cells(u)) for u in rows]
    return ProvisionFacts(
        frequency=any(f.frequency for f in facts),
        duration=any(f.duration for f in facts),
        who=any(f.who for f in facts),
    )


def _fields_below(unit: TextUnit, ctx: RuleContext) -> list[str]:
    """Labelled fields written as the lines or nested bullets under an item ("Who: ...",
    "How often: ...", "How long: ..."): they answer for the item, as a table's columns would."""
    index = unit_index(ctx, unit)
    if index is None:
        return []
    fields: list[str] = []
    for later in ctx.units[index + 1 :]:
        if later.section is not unit.section or later.kind not in ("paragraph", "list_item"):
            break
        if not is_field_line(later.text):
            break
        fields.append(later.text)
    return fields


def _row_is_provision(unit: TextUnit) -> bool:
    cells = row_cells(unit)
    texts = [strip_placeholders(t).strip() for _, t in cells]
    substantive = [t for t in texts if not is_filler(t) and not re.fullmatch(r"\W*\d+\W*", t)]
    if not substantive:
        return False
    if all(_HEADERISH.match(t) for t in substantive):
        return False  # a header row the reader did not recognise
    if len(substantive) == 1:
        # "Short breaks | TBC | TBC | TBC" (found on the tenth held-out set): a provision named and its
        # answers left to be confirmed is an item owed its answers, not a sub-heading row
        return is_provision_text(substantive[0]) or (
            not _HEADERISH.match(substantive[0])
            and not _says_nothing(substantive[0])
            and _answers_left_open(cells)
        )
    first = substantive[0]
    return not (_says_nothing(first) or _is_guidance(" ".join(texts)))


def _answers_left_open(cells: list[tuple[str, str]]) -> bool:
    """A "Who", "How often" or "How long" cell holding only a placeholder ("TBC", "[insert]") or a
    hedge in place of an answer ("1:1 support | As needed | | Ongoing", found on the twelfth held-out
    set): a sub-heading row leaves its answer cells empty, it does not fill them with "As needed"."""
    for name, text in cells:
        roles = column_roles(name)
        if (roles.who or roles.frequency or roles.duration) and (
            _left_open(text) or is_hedged_answer(text)
        ):
            return True
    return False


def _describe(missing: list[str]) -> str:
    if len(missing) == 1:
        return missing[0]
    return ", ".join(missing[:-1]) + " or " + missing[-1]


_EXAMPLES = {
    "how often": "how often (e.g. 'three times a week', 'every morning')",
    "for how long": "for how long (e.g. '30 minutes a session', 'for 10 weeks')",
    "who delivers it": (
        "who delivers it (a role, qualification or training, e.g. 'a teaching assistant trained in "
        "Precision Teaching')"
    ),
}


def _unquantified(missing: list[str], start: int, end: int) -> Hit:
    """The finding for an item that leaves ``missing`` unanswered, with an example for each."""
    return Hit(
        message=f"This provision does not say {_describe(missing)}.",
        suggestion="Add " + "; ".join(_EXAMPLES[m] for m in missing) + ".",
        start=start,
        end=end,
    )


class UnquantifiedProvision(Rule):
    code = "PRV010"
    name = "unquantified-provision"
    category = "unquantified-provision"
    severity = Severity.WARNING
    scope = Scope(
        level="block",
        sections=("F", "G", "H1", "H2"),
        kinds=("paragraph", "list_item", "table_row"),
    )
    doc = RuleDoc(
        summary="Provision that does not say how often, for how long, or who delivers it.",
        why=(
            "Provision must be specified and quantified so that everyone knows what the child will "
            "get and the local authority can be held to it: how often, for how long, and by whom "
            "(role, qualification or training). Courts and tribunals have held that provision "
            "which leaves these open is not specific enough, and that therapy which educates "
            "belongs in Section F with the same detail. A table row is read as a whole, so a "
            "'How often' or 'Who' column answers for the row."
        ),
        source=(
            "SEND Code of Practice 0-25 (2015) 9.69; L v Clarke and Somerset CC [1998] ELR 129; "
            "East Sussex CC v TW [2016] UKUT 528 (AAC)"
        ),
        poor=Example(section="F", text="Sam will have speech and language therapy."),
        better=Example(
            section="F",
            text=(
                "A speech and language therapist will see Sam 1:1 for 30 minutes once a week in "
                "school."
            ),
        ),
    )

    def check_unit(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Hit]:
        facts: ProvisionFacts
        prompted = None
        if unit.kind == "table_row":
            # Most rows answer all three questions in their own columns; asking that first spares
            # them the reading of whether the row is provision at all (both are pure and either
            # one alone means no finding, so the order does not change what is reported).
            cells = row_cells(unit)
            facts = facts_for_row(cells)
            if not facts.missing() or not _row_is_provision(unit):
                return
            if any(_SAME_AS_ABOVE.match(text) for _, text in cells[1:]):
                facts = _either(facts, _row_before(unit, ctx))  # "Lego therapy | As above"
            above = _above_table(unit, ctx)
            if above.content_list:
                return
            facts = _with_context(facts, above, " ".join(text for _, text in cells), row=True)
            if facts.missing():
                kind = _answered_by_kind(" ".join(text for _, text in cells), _timed_by_column(cells))
                if kind.frequency or kind.duration or kind.who:
                    kind = _unless_left_open(kind, cells)
                facts = _either(facts, kind)
            start, end = _anchor_for_row(unit)
        else:
            # What the item's context answers is asked before what the item itself says, and both
            # before whether it is provision at all: a list under "Strategies for all adults" is
            # answered by its heading, so its items' own wording and their provision reading are
            # never needed. Every question here is pure and any one answer that completes the
            # facts, or says the item is not provision, means no finding, so the order does not
            # change what is reported (tests/test_prv010_order.py).
            # "Frequency: Enter text. A carer will sit with ...": a field answered by a template's
            # prompt leaves its question open, whatever the rest says (sixteenth held-out set)
            prompted = prompted_fields(unit.text)
            if is_field_line(unit.text) and (prompted is None or _words(prompted.rest) < 2):
                return
            if "\n" in unit.text:
                inner = _inner_list(unit.text)
                if inner is not None:
                    yield from self._check_inner_list(unit, ctx, *inner)
                    return
            above = _above(unit, ctx)
            if above.content_list:
                return  # a line of what the provision above contains; the lead-in is the item
            own = _without_guidance(unit.text if prompted is None else prompted.rest)
            facts = _with_context(_NO_FACTS, above, own)
            if facts.missing():
                facts = _either(facts, facts_for_text("\n".join([own, *_fields_below(unit, ctx)])))
            if facts.missing():
                facts = _either(facts, _item_before(unit, ctx))
            if facts.missing():
                facts = _either(facts, _told_after(unit, ctx))
            if facts.missing():
                facts = _either(facts, _answered_by_kind(unit.text))
            if prompted is not None:
                facts = prompted.withhold(facts)
            if not facts.missing():
                if (
                    prompted is None
                    and hedges_how_often(own)  # cheap words first: most blocks hold no hedge
                    and _NEXT_SENTENCE.search(own)
                    and is_provision_text(own, list_item=unit.kind == "list_item")
                ):
                    yield from self._check_later_sentences(unit, ctx, own, above)
                elif prompted is None and ", and " in own and _NEW_SUBJECT_CLAUSE.search(own):
                    yield from self._check_own_clauses(unit, ctx, own, above)
                return
            if not is_provision_text(own, list_item=unit.kind == "list_item"):
                return
            start, end = _anchor_for_text(unit)
        missing = facts.missing()
        if not missing or _wholly_residue(unit, ctx):
            return
        if unit.kind != "table_row" and _lead_in_over_own_items(unit, ctx):
            return  # "The programme will include:" over items that each say how often, how long, who
        who_left_open = prompted is not None and prompted.who
        if (
            not facts.who
            and not who_left_open
            and unit.section is not None
            and unit.section.key in _SERVICE_SECTIONS
            and _names_provider(unit.text, unit.section.key)
        ):
            # "CAMHS appointments fortnightly, 50 minutes": in G and H a named service answers who
            facts = ProvisionFacts(facts.frequency, facts.duration, True)
            missing = facts.missing()
            if not missing:
                return
        if (
            not facts.who
            and not who_left_open
            and key_adult_answers_who(unit.text, ctx.units, unit.section_key)
        ):
            # "her key adult" once the plan has said who the key adult is (found on the sixteenth
            # held-out set): the role given there answers who
            facts = ProvisionFacts(facts.frequency, facts.duration, True)
            missing = facts.missing()
            if not missing:
                return
        yield _unquantified(missing, start, end)

    def _check_later_sentences(
        self, unit: TextUnit, ctx: RuleContext, own: str, above: _Above
    ) -> Iterable[Hit]:
        """A block whose sentences are different provisions ("<child> will be taught in a class of
        eight all day, every day. Sessions with <therapist> as and when needed."): the first
        sentence's answers are not the second's (found on the thirty-fourth held-out set). Only a
        later sentence that opens a provision of its own is read alone, and only when its own how
        often is a hedge ("as and when needed"), so a sentence that continues the one before ("The
        same assistant ...", "These sessions ...") still borrows its answers."""
        for match in _NEXT_SENTENCE.finditer(own):
            start = match.end()
            stop = _NEXT_SENTENCE.search(own, start)
            end = stop.start() + 1 if stop is not None else len(own.rstrip())
            sentence = own[start:end]
            if _CONTINUES.match(sentence) or not hedges_how_often(sentence):
                continue
            facts = _either(_with_context(_NO_FACTS, above, sentence), facts_for_text(sentence))
            if facts.missing():
                facts = _either(facts, _answered_by_kind(sentence))
            if not facts.missing() or not is_provision_text(sentence):
                continue
            if not facts.who and (
                (
                    unit.section is not None
                    and unit.section.key in _SERVICE_SECTIONS
                    and _names_provider(sentence, unit.section.key)
                )
                or key_adult_answers_who(sentence, ctx.units, unit.section_key)
            ):
                facts = ProvisionFacts(facts.frequency, facts.duration, True)
            missing = facts.missing()
            if not missing or _wholly_residue(unit, ctx):
                continue
            at = unit.text.find(sentence)
            if at < 0:
                continue
            yield _unquantified(missing, at, at + len(sentence.rstrip()))

    def _check_own_clauses(
        self, unit: TextUnit, ctx: RuleContext, own: str, above: _Above
    ) -> Iterable[Hit]:
        """A sentence that joins two provisions with ", and" where the second has a subject and a
        finite verb of its own ("<therapist> will see him weekly for 30 minutes, and <a different
        role> will chair his review every term"): the second is a provision of its own, read alone
        as a later sentence is, so the first clause's length is not lent to it (found on the
        thirty-fifth held-out set). A clause that goes on with the same provider ("..., and will
        also ...", "..., and she will ...") has no subject of its own here and still borrows. Only
        a clause that says its own how often and leaves how long open is reported."""
        for match in _NEW_SUBJECT_CLAUSE.finditer(own):
            start = match.start("clause")
            stop = _NEXT_SENTENCE.search(own, start)
            end = stop.start() + 1 if stop is not None else len(own.rstrip())
            clause = own[start:end]
            facts = _either(_with_context(_NO_FACTS, above, clause), facts_for_text(clause))
            if (
                not facts.frequency
                or facts.duration
                or _CHECKS_PROGRESS.search(clause)
                or not is_provision_text(clause)
            ):
                continue
            if not facts.who and (
                (
                    unit.section is not None
                    and unit.section.key in _SERVICE_SECTIONS
                    and _names_provider(clause, unit.section.key)
                )
                or key_adult_answers_who(clause, ctx.units, unit.section_key)
            ):
                facts = ProvisionFacts(facts.frequency, facts.duration, True)
            missing = facts.missing()
            if not missing or _wholly_residue(unit, ctx):
                continue
            at = unit.text.find(clause)
            if at < 0:
                continue
            yield _unquantified(missing, at, at + len(clause.rstrip().rstrip(".")))

    def _check_inner_list(
        self, unit: TextUnit, ctx: RuleContext, lead_in: str, items: list[tuple[int, int]]
    ) -> Iterable[Hit]:
        """A lead-in and its bullets written inside one paragraph ("Marnie will have:\\n- phonics
        ...;\\n- regular reading with an adult."), as a soft line break or a pasted list leaves
        them: each bullet is judged as a list item under the lead-in, which answers only the
        questions it answers itself (found on the ninth held-out set, where the first bullet's
        answers covered for the second). Unlike a list the reader split, a lead-in naming who
        acts ("Her teaching assistant will:") does not make its bullets standing adjustments:
        the eighth held-out set labels such a paragraph unquantified."""
        above = _Above(heading=_above(unit, ctx).heading)
        told = facts_for_text(lead_in)
        before: ProvisionFacts | None = None
        for start, end in items:
            item = unit.text[start:end]
            facts = _either(_with_context(_NO_FACTS, above, item), told)
            if facts.missing():
                facts = _either(facts, facts_for_text(item))
            if facts.missing():
                facts = _either(facts, _answered_by_kind(item))
            if facts.missing() and before is not None and _same_time(item):
                facts = _either(facts, _when_before(before))  # "in the same 10 minutes"
            before = facts
            missing = facts.missing()
            if not missing or not is_provision_text(item, list_item=True):
                continue
            if (
                unit.section is not None
                and unit.section.key in _SERVICE_SECTIONS
                and _names_provider(item, unit.section.key)
            ):
                missing = [m for m in missing if m != "who delivers it"]
                if not missing:
                    continue
            yield _unquantified(missing, start, end)


#: A named home, centre or unit after "at" ("at Ivybridge Lodge", "at the Willows Centre"): in health
#: and social care provision the place that runs the provision is who delivers it.
_NAMED_PLACE = deferred(
    r"\b[Aa]t\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:and\s+|&\s+|of\s+)?[A-Z][\w'’-]*){0,4}\s+(?:Lodge|House|Cottage|Court"
    r"|Hall|Manor|Grange|Farm|Barn|Place|Unit|Base|Hub|Club|Project|Home|Centre|Center|Surgery|Practice|Clinic)\b"
)
#: A scheme, project, hub, club, trust, charity, network, partnership or service called by its
#: Title-Case name, the last word in either case ("Kestrel Lane Safe Travel scheme", "the Harbour
#: Lights Befriending Project"): in health and social care provision it names who runs it (found on
#: the eighteenth held-out set). One name word at the very start is not enough: it may only be the
#: sentence's capital ("Youth club twice a week").
_NAMED_SCHEME = deferred(
    r"(?:(?:(?<=[a-z,;:(–—-] )|(?<=\b[Tt]he ))[A-Z][\w'’-]*(?:\s+(?:and\s+|&\s+|of\s+)?[A-Z][\w'’-]*){0,5}"
    r"|\b[A-Z][\w'’-]*(?:\s+(?:and\s+|&\s+|of\s+)?[A-Z][\w'’-]*){1,5})"
    r"\s+(?:[Ss]chemes?|[Pp]rojects?|[Hh]ub|[Cc]lubs?|[Tt]rust|[Cc]harity|[Nn]etwork|[Pp]artnership|[Ss]ervices?)\b"
)


#: Any Title-Case name after "at" ("short breaks at Hollybank, two nights a month"): in H1 and H2 the
#: named place of a short break or an activity is its provider. Not a time ("at Christmas").
_AT_TITLE = deferred(r"\b[Aa]t\s+(?:the\s+)?([A-Z][\w'’-]*)")


def _names_provider(text: str, section: str) -> bool:
    """Who delivers health or social care provision, named as a service ("CAMHS", "Northvale
    Hospital"), as the home, centre or clinic it happens at ("at Ivybridge Lodge", "at Parkside
    Surgery"), or in H1 and H2 as any named place after "at" (found on the fifteenth held-out set,
    where a named short-break home was taken for a missing who). Asked only of an item about to be
    reported for a missing who."""
    if names_service_in_text(text):
        return True
    if _NAMED_SCHEME.search(text):
        return True  # "the Brookfield Young Carers project", "Harbour Lights Befriending scheme"
    if "at " not in text and "At " not in text:
        return False
    if _NAMED_PLACE.search(text):
        return True
    if not section.startswith("H"):
        return False
    for m in _AT_TITLE.finditer(text):
        word = m.group(1)
        if word.lower() not in NOT_A_PLACE and not word.endswith(("'s", "’s")):
            return True
    return False


#: A bullet line inside a paragraph: "- ", "* ", "• ", "1. ", "a) ".
_INNER_BULLET = deferred(r"^[ \t]*(?:[-*•\u2013\u2022]|\d{1,2}[.)]|[a-z][.)])[ \t]+(?=\S)")


def _inner_list(text: str) -> tuple[str, list[tuple[int, int]]] | None:
    """A paragraph that is a lead-in ending in a colon and nothing but bullet lines after it: the
    lead-in and the spans of the bullets' text. None when the paragraph is anything else, or when
    the lead-in lists the content of one provision ("The programme will include:"), where the
    lead-in is the item."""
    lines = text.split("\n")
    lead = lines[0].strip()
    if not lead.endswith(":") or len(lines) < 2 or _CONTENT_LEAD.search(lead):
        return None
    items: list[tuple[int, int]] = []
    offset = len(lines[0]) + 1
    for line in lines[1:]:
        if line.strip():
            bullet = _INNER_BULLET.match(line)
            if bullet is None:
                return None
            body = line[bullet.end() :].rstrip()
            items.append((offset + bullet.end(), offset + bullet.end() + len(body)))
        offset += len(line) + 1
    return (lead, items) if items else None


#: "Her teachers will:", "In every lesson, the class teacher must:": a lead-in naming who, whose
#: bullets are the actions that person takes.
_ACTIONS_LEAD = deferred(r"\b(?:will|must|are to|is to)\b[^.]*:\s*$", re.IGNORECASE)
#: Words of a timetabled session, which is asked how often and how long even under such a lead-in.
_SESSION_WORD = deferred(
    r"\b(?:sessions?|groups?|programmes?|interventions?|therapy|teach(?:es|ing)?|run|runs|deliver(?:s|ing)?"
    r"|1:1|one[- ]to[- ]one|individually|meet(?:s|ing)?|check[- ]ins?|visits?|practi[sc]e|club|training|train|tutoring"
    r"|lessons? (?:in|of)|withdraw\w*)\b",
    re.IGNORECASE,
)


#: Where a later sentence of a block starts: after a full stop, a capital (a list of sentences).
_NEXT_SENTENCE = deferred(r"(?<=[a-z0-9)][.!?])\s+(?=[A-Z])")
#: A sentence that goes on about the provision before it ("The same assistant ...", "These sessions
#: ...", "This will ...", "During each session ..."): it borrows the answers given there.
_CONTINUES = deferred(
    r"(?:the same|this|these|that|those|it|they|its|their|each|both|all|also|there|here"
    r"|(?:during|in|at|after|before|for) (?:the|these|this|that|those|each|every|all|its|their)\b)\b",
    re.IGNORECASE,
)
#: ", and his reviewing officer will chair ...": a coordinated clause with a subject of its own (a
#: possessive or "a"/"an", then up to four words) and a finite "will" verb. A pronoun subject ("and
#: she will"), none ("and will also") or a definite "the <role>" (most often the provider already
#: named: "..., and the therapist will show her teacher ...") goes on with the same provider, so is
#: not matched.
_NEW_SUBJECT_CLAUSE = deferred(
    r",\s+and\s+(?P<clause>(?:his|her|their|a|an|[A-Z][\w-]*['’]s)\s+(?:[\w-]+\s+){0,3}?[\w-]+"
    r"\s+will\s+(?!also\b|then\b|be\b)[a-z]+\b)"
)
#: "..., and her form tutor will check her progress each half term": a clause that watches how the
#: child is getting on is not a provision of its own, so is not asked how long.
_CHECKS_PROGRESS = deferred(
    r"\b(?:confirm|check|track|monitor|review|report(?:\s+on)?|assess|record|measure)\w*\s+"
    r"(?:(?:the|her|his|their)\s+)?progress\b",
    re.IGNORECASE,
)
#: No question answered: the start of an item's facts before its context is read.
_NO_FACTS = ProvisionFacts(False, False, False)


def _with_context(
    facts: ProvisionFacts, above: _Above, text: str = "", *, row: bool = False
) -> ProvisionFacts:
    """An item's own facts, completed by what its heading, lead-in or table above answers.

    Under a lead-in that names who acts ("Her teachers will:"), an item that is an adjustment
    ("seat her near the front", "give her a printed copy of the slides") is a standing way of
    working, so how often and how long are not asked of it; a session ("run a phonics group")
    still is.
    """
    context = above.text
    if not context and above.table_facts is None:
        return facts
    told = facts_for_text(context) if context else ProvisionFacts(False, False, False)
    table = above.table_facts or ProvisionFacts(False, False, False)
    adjustment = (
        bool(_ACTIONS_LEAD.search(above.lead_in))
        and facts_for_text(above.lead_in).who
        and not _SESSION_WORD.search(text)
    )
    # a table row under "Strategies" that is a session ("Social skills group | ...") is still asked
    strategies = bool(_STRATEGY_HEADING.search(context)) and not (
        row and _SESSION_WORD.search(text)
    )
    standing = strategies or adjustment
    equipment = bool(_EQUIPMENT_HEADING.search(above.heading))
    review = bool(_REVIEW_HEADING.search(above.heading))
    return ProvisionFacts(
        frequency=facts.frequency or told.frequency or table.frequency or standing or equipment,
        duration=facts.duration
        or told.duration
        or table.duration
        or standing
        or equipment
        or review,
        who=facts.who
        or told.who
        or table.who
        or equipment
        or (
            standing
            and (bool(_EVERYONE.search(context)) or (strategies and not _SESSION_WORD.search(text)))
        ),
    )


#: Characters that may end a sentence or are outside the plain-text range where the fast path
#: below is sure to agree with the sentencizer (which knows many scripts' full stops).
_MAY_END_SENTENCE = deferred(r"[.!?;\n]|[^\x00-\u0588\u2010-\u2027]")
_TRAILING = ".!?)]'\"’” \t\r"


def _anchor_for_text(unit: TextUnit) -> tuple[int, int]:
    """The first sentence: it names the provision the finding is about.

    A one-sentence item (most bullet points) is its own first sentence; it is found without
    asking spaCy for a parse, which is the larger part of this rule's cost on a long plan.
    """
    text = unit.text
    body = text.rstrip(_TRAILING)
    if body and not text[0].isspace() and not _MAY_END_SENTENCE.search(body):
        return 0, len(text.rstrip())
    spans = sentence_spans(unit)
    if not spans:
        return 0, len(text)
    kept = _without_guidance(text)
    # The first sentence that is not guidance left in for the writer (TPL002 reports that).
    start, end = next(((s, e) for s, e in spans if kept[s:e].strip()), spans[0])
    if kept is not text:
        end = start + len(kept[start:end].rstrip(" ("))
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
