"""Where a piece of template residue begins and ends in a unit's text.

A placeholder rule finds the words that give residue away ("Guidance:", "Lorem ipsum", "Delete
this note"); the other rules need the whole stretch those words stand for, so that a note to
the writer or a run of filler Latin is not also read as provision or an outcome. These helpers
widen a rule's match to that stretch. They read only the text, never the plan, so the engine's
``RuleContext.template_residue`` can call them for any placeholder rule, built in or a plugin.
"""

from __future__ import annotations

import re
from functools import cache


@cache
def _note_piece() -> re.Pattern[str]:
    """A bracketed note or a sentence: the pieces a note to the writer is left in as."""
    return re.compile(r"\([^()]*\)|\[[^\[\]]*\]|[^.!?()\[\]]+(?:[.!?]+|$|(?=[(\[]))")


@cache
def _deletion_note() -> re.Pattern[str]:
    """An instruction to delete the note itself ("Delete this guidance before issuing.")."""
    return re.compile(
        r"\b(?:delete|remove)\s+(?:this|these|the)\s+(?:guidance|notes?|text|prompts?|instructions?)\b",
        re.IGNORECASE,
    )


def whole_note(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence or bracketed note a note to the writer found at ``start`` stands in.

    A note that opens its paragraph on a label ("Guidance:", "Note to writer -") runs to the end of
    the paragraph, and one closed by an instruction to delete it runs from the paragraph's start:
    every sentence between is written to the writer, not about the child (thirty-third held-out set).
    A paragraph is the unit's text up to a line break or a table row's cell divider, so real
    provision in a paragraph of its own is untouched."""
    span = (start, end)
    for m in _note_piece().finditer(text):
        if m.start() <= start < m.end():
            span = (m.start(), m.end())
            break
    lo, hi = span
    if not text[:start].strip() and text[start:end].rstrip()[-1:] in (":", "-", "\u2013"):
        return lo, _paragraph_end(text, end)
    if (
        text[lo] not in "(["  # a bracketed note is whole in itself ("... (delete this note)")
        and not text[hi : _paragraph_end(text, hi)].strip(" .!\t")
        and _deletion_note().search(text, lo, hi)
    ):
        return _paragraph_start(text, lo), hi
    return span


@cache
def _latin_filler() -> re.Pattern[str]:
    """Sentences of filler Latin after a "Lorem ipsum" run: words of the lorem ipsum kind (lower-case
    letters, a capital opening a sentence) with commas and full stops between, up to the paragraph's end."""
    return re.compile(r"(?:[\s,.;:]+[A-Za-z]?[a-z]+)*[\s,.;:]*")


#: English words that would mean real text follows the filler ("Lorem ipsum. Mia will have ..."):
#: function words no lorem ipsum passage uses.
_ENGLISH_AFTER_FILLER = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "of",
        "to",
        "will",
        "is",
        "are",
        "be",
        "for",
        "with",
        "his",
        "her",
        "their",
        "he",
        "she",
        "they",
        "by",
        "on",
        "at",
        "this",
        "that",
        "from",
    ]
)


def filler_end(text: str, end: int) -> int:
    """Where a run of filler Latin that opens on "Lorem ipsum" ends: the paragraph's end when every
    word after the match is a lower-case Latin-looking word (a block of two or more filler sentences,
    found on the thirty-fourth held-out set), else the match's own end, so real English after the
    filler is still read."""
    stop = _paragraph_end(text, end)
    m = _latin_filler().match(text, end, stop)
    if m is None or (m.end() < stop and text[m.end() : stop].strip()):
        return end
    words = (
        text[end:stop]
        .lower()
        .replace(",", " ")
        .replace(".", " ")
        .replace(";", " ")
        .replace(":", " ")
        .split()
    )
    if not words or any(w in _ENGLISH_AFTER_FILLER or not _latin_looking(w) for w in words):
        return end
    return stop


_LATIN_ENDINGS = tuple(
    [
        "us",
        "um",
        "is",
        "a",
        "i",
        "ae",
        "it",
        "at",
        "et",
        "ur",
        "nt",
        "que",
        "em",
        "am",
        "ex",
        "or",
        "o",
        "es",
        "e",
    ]
)


def _latin_looking(word: str) -> bool:
    """A word that could be filler Latin ("facilisi", "tempus", "urna"): a short word, or one with a
    Latin ending; "group", "daily" or "sessions" are not."""
    return len(word) <= 4 or word.endswith(_LATIN_ENDINGS)


@cache
def _sentence_end() -> re.Pattern[str]:
    return re.compile(r"[.;!?](?=\s|$)|\n| \| ")


def deferral_end(text: str, start: int, end: int) -> int:
    """Where a field's answer left for later ends: "To be completed by the school following the
    annual review." or "Views: to be agreed at the planning meeting." is residue to the end of its
    sentence, since nothing but who will write it or when follows the deferral. Only a deferral
    that opens its paragraph or follows a field label (a colon or a dash) is widened; one after a
    written item ("Weekly sessions; the day to be agreed with his father") keeps its own words, so
    the item is still read."""
    if not text.startswith(("to be", "To be", "TO BE"), start):
        return end
    before = text[_paragraph_start(text, start) : start].rstrip()
    if before and before[-1] not in ":-\u2013\u2014":
        return end
    m = _sentence_end().search(text, end)
    return m.start() if m else len(text)


def _paragraph_end(text: str, at: int) -> int:
    """Where the paragraph holding ``at`` ends: a line break, a table row's cell divider or the end."""
    cut = [i for i in (text.find("\n", at), text.find(" | ", at)) if i >= 0]
    return min(cut) if cut else len(text)


def _paragraph_start(text: str, at: int) -> int:
    """Where the paragraph holding ``at`` starts (see :func:`_paragraph_end`)."""
    divider = text.rfind(" | ", 0, at)
    return max(text.rfind("\n", 0, at) + 1, divider + 3 if divider >= 0 else 0)


__all__ = ["deferral_end", "filler_end", "whole_note"]
