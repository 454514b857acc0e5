"""Where a provision item begins and ends inside one block, for PRV010 (unquantified provision).

A paragraph may hold a lead-in and its bullets (a pasted list), several sentences that are
different provisions, or two provisions joined by ", and" with a subject of their own; each such
item is asked its own questions, while a sentence or clause that goes on about the provision
before it ("These sessions ...", "..., and she will also ...") borrows that provision's answers.
The finding is anchored on an item's first sentence.
"""

from __future__ import annotations

import re

from ehcp_lint.checks._deferred import deferred
from ehcp_lint.checks._prv010_is_provision import CONTENT_LEAD
from ehcp_lint.checks._prv010_residue import without_guidance
from ehcp_lint.checks._text import sentence_spans
from ehcp_lint.engine.rule import TextUnit

#: A bullet line inside a paragraph: "- ", "* ", "• ", "1. ", "a) ".
_INNER_BULLET = deferred(r"^[ \t]*(?:[-*•\u2013\u2022]|\d{1,2}[.)]|[a-z][.)])[ \t]+(?=\S)")


def inner_list(text: str) -> tuple[str, list[tuple[int, int]]] | None:
    """A paragraph that is a lead-in ending in a colon and nothing but bullet lines after it: the
    lead-in and the spans of the bullets' text. None when the paragraph is anything else, or when
    the lead-in lists the content of one provision ("The programme will include:"), where the
    lead-in is the item."""
    lines = text.split("\n")
    lead = lines[0].strip()
    if not lead.endswith(":") or len(lines) < 2 or CONTENT_LEAD.search(lead):
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


#: Where a later sentence of a block starts: after a full stop, a capital (a list of sentences).
NEXT_SENTENCE = deferred(r"(?<=[a-z0-9)][.!?])\s+(?=[A-Z])")

#: A sentence that goes on about the provision before it ("The same assistant ...", "These sessions
#: ...", "This will ...", "During each session ..."): it borrows the answers given there.
CONTINUES = deferred(
    r"(?:the same|this|these|that|those|it|they|its|their|each|both|all|also|there|here"
    r"|(?:during|in|at|after|before|for) (?:the|these|this|that|those|each|every|all|its|their)\b)\b",
    re.IGNORECASE,
)

#: ", and his reviewing officer will chair ...": a coordinated clause with a subject of its own (a
#: possessive or "a"/"an", then up to four words) and a finite "will" verb. A pronoun subject ("and
#: she will"), none ("and will also") or a definite "the <role>" (most often the provider already
#: named: "..., and the therapist will show her teacher ...") goes on with the same provider, so is
#: not matched.
NEW_SUBJECT_CLAUSE = deferred(
    r",\s+and\s+(?P<clause>(?:his|her|their|a|an|[A-Z][\w-]*['’]s)\s+(?:[\w-]+\s+){0,3}?[\w-]+"
    r"\s+will\s+(?!also\b|then\b|be\b)[a-z]+\b)"
)

#: "..., and her form tutor will check her progress each half term": a clause that watches how the
#: child is getting on is not a provision of its own, so is not asked how long.
CHECKS_PROGRESS = deferred(
    r"\b(?:confirm|check|track|monitor|review|report(?:\s+on)?|assess|record|measure)\w*\s+"
    r"(?:(?:the|her|his|their)\s+)?progress\b",
    re.IGNORECASE,
)

#: Characters that may end a sentence or are outside the plain-text range where the fast path
#: below is sure to agree with the sentencizer (which knows many scripts' full stops).
_MAY_END_SENTENCE = deferred(r"[.!?;\n]|[^\x00-\u0588\u2010-\u2027]")

_TRAILING = ".!?)]'\"’” \t\r"


def anchor_for_text(unit: TextUnit) -> tuple[int, int]:
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
    kept = without_guidance(text)
    # The first sentence that is not guidance left in for the writer (TPL002 reports that).
    start, end = next(((s, e) for s, e in spans if kept[s:e].strip()), spans[0])
    if kept is not text:
        end = start + len(kept[start:end].rstrip(" ("))
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def to_sentence_end(text: str, start: int) -> str:
    """The text from ``start`` to the end of its sentence (the next place a later sentence starts,
    or the end of the text): a later sentence or a clause of a block, read alone."""
    stop = NEXT_SENTENCE.search(text, start)
    end = stop.start() + 1 if stop is not None else len(text.rstrip())
    return text[start:end]
