"""Whether a paragraph or list item states provision at all, for PRV010 (unquantified provision).

Only provision is asked how often, how long and who. Headings the reader did not mark, lead-ins
ending in a colon, introductions ("The following support will be provided"), aims ("To help
Sam ..."), reviews of the provision above and sentences describing the child are not. A person's
review given only a vague frequency ("from time to time") is provision that does not say how often.
"""

from __future__ import annotations

import re

from ehcp_lint.checks._deferred import deferred
from ehcp_lint.checks._provision import ProvisionFacts, facts_for_text, is_filler
from ehcp_lint.checks._prv010_nil import says_nothing
from ehcp_lint.checks._prv010_residue import (
    SECTION_TITLE,
    count_words,
    is_guidance,
    named_provision_awaits_details,
    only_placeholder,
    single_word_provision,
    without_guidance,
)
from ehcp_lint.checks._text import strip_placeholders

#: Sentences that state an aim or a review, not provision.
_AIM_OR_REVIEW = deferred(
    r"^\W*(?:to (?:help|develop|support|enable|improve|increase|reduce|build|ensure|allow)\b|the (?:aim|purpose|"
    r"intention|goal)\b|aims?:|purpose:|this (?:is|will help|helps|aims|will enable|will allow)\b|in order to\b|"
    r"(?:this |the |all |these )?(?:provision|plan|support|progress|arrangements?|strategies)\s+(?:will|is to|are to|"
    r"should) be (?:reviewed|monitored|evaluated)\b"
    # the child's provision as a whole and how it is reviewed, in the present tense too: "Sam's
    # provision is reviewed each term by the SENCO with his parents" says who reviews and how often,
    # and is not a session owed a length (found on a good plan of the forty-fifth held-out set). Not
    # "her plan", which in G may be a care plan reviewed in an appointment
    r"|(?:this |the |all |these |his |her |their |[\w’'-]+['’]s )?(?:provision|support|progress|arrangements?"
    r"|strategies)\s+(?:is|are)\s+(?:reviewed|monitored|evaluated)\b"
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

#: Sentences describing the child rather than provision ("Sam finds it hard to...", "Sam can
#: become anxious"). "Sam can attend / access / go to / join ..." is not one of them: in a provision
#: section it grants the child a service ("Leo can attend youth club sessions as needed", the
#: forty-seventh held-out set), which is provision owed its details.
_CHILD_DESCRIPTION = deferred(
    r"^\W*(?:he|she|they|[A-Z][a-z]+)\s+(?:has|is|finds|struggles|"
    r"can(?!\s+(?:attend|access|go to|join|take part in|receive|have access)\b)|cannot|can't|enjoys|likes|"
    r"gets|becomes|responds|works best|learns best|prefers)\b",
)

_PROVISION_WORD = deferred(
    r"\b(?:will|shall|to be|to receive|to have|to attend|to continue|must)\b", re.I
)

HEADERISH = deferred(
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
    if not any(
        w in lowered
        for w in (
            "period",
            "regular",
            "occasional",
            "time to time",
            "now and",
            "so often",
            "interval",
        )
    ):
        return False
    return bool(_VAGUE_OFTEN.search(content)) and not _REVIEW_OF_ABOVE.match(content)


#: A part of this plan named as where something is written: "Section H2", "H1", "Part 3", "the table
#: below", "this section", "Appendix 2". A document outside the plan (a report, a care plan) is not one:
#: provision left to a report is provision not specified, which is this rule's to ask about.
_PART_OF_PLAN = (
    r"(?:(?:section|part)\s+(?-i:[A-K]|H[12])\b|(?:section|part)\s+\d{1,2}\b|(?-i:H[12])\b|this\s+section\b"
    r"|(?:the\s+)?(?:table|list|provision|section)\s+(?:above|below)\b|(?:above|below)\b"
    r"|(?:the\s+)?(?:appendix|annex)(?:\s+\w{1,3})?\b)"
    r"(?:\s+(?:of|in)\s+(?:this|the)\s+(?:plan|EHCP|EHC\s+plan))?"
)
#: A sentence that only points to another part of the plan ("<name>'s care as a looked-after child is
#: set out in H2.", "Her short breaks are described in Section H1.", "See H2."): its only verb says
#: where the provision is written, so it is not a provision item (found on a good plan of the
#: forty-first held-out set). A sentence that also commits to something ("... and will be reviewed
#: termly") is not only a pointer.
_POINTS_TO_PART = deferred(
    r"^(?:(?!\b(?:will|shall|must|to\s+be|to\s+have|to\s+receive)\b)[^.;:!?]){0,150}?\b(?:is|are|has\s+been"
    r"|have\s+been)\s+(?:all\s+|fully\s+|already\s+|also\s+)?(?:set\s+out|described|recorded|detailed|listed"
    r"|given|included|covered|explained|shown|specified|written)\s+(?:in\s+full\s+)?(?:in|under|within|at)\s+"
    + _PART_OF_PLAN + r"\W*$"
    r"|^(?:(?!\b(?:will|shall|must)\b)[^.;:!?]){0,150}?\bcan\s+(?:also\s+)?be\s+(?:found|seen|read)\s+(?:in|under"
    r"|within|at)\s+" + _PART_OF_PLAN + r"\W*$"
    r"|^\W*see\s+" + _PART_OF_PLAN + r"\W*$",
    re.IGNORECASE,
)

#: One of these (lower case) is in every match of ``_POINTS_TO_PART``: most texts hold none.
_POINTER_HINTS = ("set", "described", "recorded", "detailed", "listed", "given", "included", "covered",
                  "explained", "shown", "specified", "written", "found", "seen", "read", "see")


#: A note in brackets, standing alone, about where the text came from or when it was reviewed: "(Part 3
#: of the statement, reviewed May 2026.)", "(Section F of the previous plan, carried forward.)". It names
#: a part of this or an earlier document, says nothing is to be done and is not a provision item (found
#: on a converted statement of the forty-fifth held-out set).
_DOCUMENT_NOTE = deferred(
    r"^\(\s*[^()]{0,40}?\b(?:(?:part|section|appendix|annex)\s+(?-i:[A-K]|H[12]|\d{1,2})\b|(?:from|of|in)\s+(?:the\s+|"
    r"this\s+|his\s+|her\s+|their\s+)?(?:previous\s+|former\s+|old\s+|original\s+|last\s+)?(?:statement|plan|EHCP"
    r"|EHC\s+plan)\b)[^()]{0,80}\)\W*$",
    re.IGNORECASE,
)


def is_document_note(content: str) -> bool:
    """Whether ``content`` is only a bracketed note about the document, committing to nothing."""
    return (
        content.startswith("(")
        and _DOCUMENT_NOTE.match(content) is not None
        and not _PROVISION_WORD.search(content)
    )


def points_to_another_part(content: str) -> bool:
    """Whether ``content`` only says where in the plan something is written (a cross-reference)."""
    lowered = content.lower()
    if not any(hint in lowered for hint in _POINTER_HINTS):
        return False
    return _POINTS_TO_PART.match(content) is not None


#: Who coordinates, funds or provides a section's provision as a whole: "Health provision for <name> is
#: coordinated by the children's community nursing team.", "All of it is provided by the NHS.", "All social
#: care provision is commissioned by the council." The subject is the whole of a kind of provision (health,
#: social care, special educational) or "all of it", never one item ("Support is provided by a teaching
#: assistant" is an item owed how often and how long), and nothing is promised (no will/shall/must).
_WHOLE_SECTION_SUBJECT = (
    r"(?:all\s+(?:of\s+)?(?:the\s+|his\s+|her\s+|their\s+|[\w’'-]+['’]s\s+)?|the\s+|his\s+|her\s+|their\s+"
    r"|[\w’'-]+['’]s\s+)?(?:health(?:\s+care)?|social\s+care|special\s+educational|educational|clinical)\s+"
    r"(?:provision|care\s+provision|services?)(?:\s+(?:for|in\s+this\s+section\s+for)\s+[\w’'-]+)?"
    r"|all\s+(?:of\s+)?(?:it|this|them|these|the\s+(?:provision|services?)(?:\s+(?:above|below|in\s+this\s+section))?)"
)
_COORDINATES_THE_WHOLE = deferred(
    r"^\W*(?:" + _WHOLE_SECTION_SUBJECT + r")\s+(?:is|are)\s+(?:all\s+|jointly\s+)?(?:co-?ordinated|overseen|managed"
    r"|led|provided|funded|commissioned|arranged)\s+(?:by|through)\s+[^.;:!?]{1,80}?[.]?\s*$",
    re.IGNORECASE,
)


def says_who_coordinates_the_whole(content: str) -> bool:
    """Whether every sentence only says who coordinates, funds or provides the section's provision as a
    whole: an introduction to the items that follow, not an item (found on a good plan of the forty-ninth
    held-out set, the opening of G above its table)."""
    lowered = content.lower()
    if " by " not in lowered and " through " not in lowered:
        return False
    if _PROVISION_WORD.search(content):
        return False
    sentences = [part for part in re.split(r"(?<=[.])\s+", content.strip()) if part]
    return all(_COORDINATES_THE_WHOLE.match(sentence) for sentence in sentences)


def is_provision_text(text: str, *, list_item: bool = False) -> bool:
    """Whether a paragraph or list item in a provision section states provision."""
    text = without_guidance(text)
    if named_provision_awaits_details(text):
        return True  # "Nurture group: TBC": a real item owed every detail, though only its name is written
    content = strip_placeholders(text).strip()
    if count_words(content) < 2:
        # one word is a heading or a stray label, unless it names a provision and stands as an item
        # ("Respite.", a bullet "Counselling"): then it is provision that says nothing of how much
        return (list_item or content.endswith(".")) and single_word_provision(content)
    if is_filler(content) or only_placeholder(text):
        return False
    if content.endswith(":") and not _names_provision_and_content(content):
        return False
    if (
        says_nothing(content)
        or is_guidance(text)
        or is_intro(content)
        or _HEADER_LINE.match(content)
        or points_to_another_part(content)
        or is_document_note(content)
        or says_who_coordinates_the_whole(content)
    ):
        return False
    # A short paragraph with no full stop, verb or amount reads as a sub-heading the reader did not
    # mark ("Speech and language therapy"); a bullet point is an item, however short.
    if (
        not list_item
        and (count_words(content) <= 5 or SECTION_TITLE.match(content))
        and not re.search(r"[.!?]\s*$", content)
        and not _PROVISION_WORD.search(content)
        and facts_for_text(SECTION_TITLE.sub(" ", content)) == ProvisionFacts(False, False, False)
    ):
        return False
    if (
        _AIM_OR_REVIEW.match(content)
        and not re.search(r"[.;]\s+\S", content)
        and not _vague_review(content)
    ):
        return False
    return not (_CHILD_DESCRIPTION.match(content) and not _PROVISION_WORD.search(content))


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


def is_intro(text: str) -> bool:
    return bool(_INTRO.match(text) or _INTRO_TAIL.search(text))


#: A lead-in that lists what one provision contains ("The programme will include:", "focusing
#: on:"): the items below are its content, so the lead-in is the provision item, not each line.
CONTENT_LEAD = deferred(
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
    return bool(CONTENT_LEAD.search(text)) and not _POINTS_BACK.match(text)
