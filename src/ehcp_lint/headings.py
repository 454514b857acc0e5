"""Heading wording → EHCP section key, and sub-heading wording → area of need.

Local authorities head the same statutory sections in many ways: "Section B:
Special Educational Needs", "B – SEN", "Part B", "SECTION B", a bare "B" in a
table cell, or a title with no letter at all ("Outcomes", "All about me").
This module holds that knowledge in one place so that section detection
(:mod:`ehcp_lint.sections`) only has to ask "is this text a section heading,
and which one?". It looks at wording only; whether a block is *placed* like a
heading (style, bold, a table's first cell) is for the caller to judge, using
:attr:`SectionMatch.kind` to tell strong matches from ones that need layout
support.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, cast

from ehcp_lint.model import AreaOfNeed, SectionKey

__all__ = [
    "MAX_HEADING_CHARS",
    "MatchKind",
    "SectionMatch",
    "is_heading_like",
    "match_area_of_need",
    "match_combined_heading",
    "match_section_heading",
    "normalise_heading",
    "split_grid_title",
]

#: How a heading was recognised, strongest first.
#:
#: ``section-word``  "Section B…", "Part B", "1. Section A": safe on any paragraph.
#: ``letter-title``  a bare letter with a recognised title ("B – SEN", "I - Placement").
#: ``letter-free``   a bare letter with some other title ("H1 – Any social care provision
#:                   which must be made…", "A2 SUMMARY the views…"); needs heading layout
#:                   or a table cell, because "A. Smith will attend" is also shaped so.
#: ``letter-alone``  just "B" or "H1": only in a table's first cell or a styled heading.
#: ``title``         wording with no letter ("Outcomes", "All about me").
#: ``alias``         a wording configured for a local template.
MatchKind = Literal["section-word", "letter-title", "letter-free", "letter-alone", "title", "alias"]

#: Longer texts are never section headings (the national template's longest is ~190).
MAX_HEADING_CHARS = 400
_MAX_HEADING_CHARS = MAX_HEADING_CHARS

_STRONG_KINDS: frozenset[str] = frozenset({"section-word", "letter-title"})


@dataclass(frozen=True, slots=True)
class SectionMatch:
    """A recognised section heading: the section key and the wording that matched it."""

    key: SectionKey
    wording: str
    kind: MatchKind

    @property
    def strong(self) -> bool:
        """True when the wording alone is enough, whatever the block's layout."""
        return self.kind in _STRONG_KINDS


# --------------------------------------------------------------------------- text helpers

_DASHES = re.compile(r"[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]")
_QUOTES = re.compile(r"[\u2018\u2019\u201B\u2032`]")
_SPACES = re.compile(r"\s+")
_LEADING_NUMBER = re.compile(
    r"^(?:\(?\d{1,2}[.)]|\d{1,2}\s*[-:]|\d{1,2}\s+(?=(?:section|part)\b))\s*(?=\S)", re.IGNORECASE
)


@lru_cache(maxsize=8192)
def normalise_heading(text: str) -> str:
    """Collapse whitespace and unify dashes and apostrophes, keeping case.

    Word and PDF give en dashes, em dashes, non-breaking spaces and curly
    apostrophes in headings; the patterns below are written for the plain forms.
    Remembered (bounded): section detection asks about the same cell texts
    several times (grid header tests, heading tests, combined headings).
    """
    if text.isascii():
        # No dashes, curly quotes or non-breaking spaces to look for (most headings).
        text = text.replace("`", "'")
    else:
        text = _DASHES.sub("-", text)
        text = _QUOTES.sub("'", text)
        text = text.replace("\u00a0", " ")
    text = text.replace("*", " ").replace("_", " ")
    # str.split() and re's \s agree on what whitespace is, so this is
    # _SPACES.sub(" ", text).strip() without a substitution per space.
    return " ".join(text.split())


#: A full stop, question or exclamation mark followed by a new sentence.
_TWO_SENTENCES = re.compile(r"[.!?]\s+[A-Z]")


def _words(text: str) -> int:
    return len(text.split())


@lru_cache(maxsize=8192)
def is_heading_like(text: str, max_words: int = 14) -> bool:
    """Short text that is not a full sentence.

    A heading rarely ends with a full stop or holds two sentences; body text
    that happens to start with "Outcomes" or "Placement" usually does.
    """
    t = normalise_heading(text)
    if not t or _words(t) > max_words:
        return False
    if _TWO_SENTENCES.search(t):
        return False
    return not (t.endswith((".", "!", "?")) and not t.endswith("..."))


# --------------------------------------------------------------------------- wordings

# Words that may follow a recognised title without turning it into something else:
# "Health care needs which relate to…", "Outcomes for Sam", "Placement:".
_TAIL = (
    r"(?:\s*(?:[-:,;(/.]|\b(?:that|which|who|for|of|relating|relate|relates|related|in|under"
    r"|to|reasonably|required|arising|identified|needed|made|must|provided|by|sought|as"
    r"|from|including|we|i|agreed|and/or|or|during|with|at|when|where|if)\b).*)?"
)

_TITLE_PATTERNS: tuple[tuple[SectionKey, str], ...] = (
    # A: views, interests and aspirations; LA wordings
    ("A", r"(?:all )?about me"),
    ("A", r"my views(?:,? interests(?:,)? and aspirations)?"),
    ("A", r"(?:a summary of )?(?:the |my )?views,? interests,? (?:and|&) aspirations"),
    ("A", r"(?:the )?views,? wishes,? (?:and|&) feelings"),
    ("A", r"(?:the )?(?:child|young person|child or young person)'?s? (?:and (?:their )?parents?'? )?views"),
    ("A", r"(?:a )?summary of (?:the )?(?:child|young person|child or young person)'?s? history"),
    ("A", r"one[- ]page profile"),
    # B: special educational needs
    ("B", r"(?:identified |the |my |description of (?:the )?)?special educational needs?(?:\(s\))?"
          r"(?: (?:and|&) disabilit(?:y|ies))?(?: \(sen\))?"),
    ("B", r"sen"),
    ("B", r"(?:identified )?educational needs?"),
    # C: health needs
    ("C", r"(?:the )?(?:child(?: or young person)?'?s? |young person'?s? )?"
          r"(?:health ?care|health|medical) needs?"),
    # D: social care needs
    ("D", r"(?:the )?(?:child(?: or young person)?'?s? |young person'?s? )?social care needs?"),
    # E: outcomes
    ("E", r"(?:the |my )?(?:intended |expected |agreed |desired |long[- ]term |short[- ]term |smart )?"
          r"outcomes?"),
    # F: special educational provision
    ("F", r"(?:the )?special educational provision"),
    ("F", r"(?:sen |educational )provision"),
    ("F", r"provision (?:relating|related|linked) to (?:that|the|this|each|these|those) needs?"),
    # G: health provision
    ("G", r"(?:the )?(?:health ?care|health|medical) provision"),
    # H: social care provision (H1 / H2 told apart by their statutory wording)
    ("H2", r"other social care provision"),
    ("H1", r"social care provision (?:made )?under (?:section 2|s\.? ?2)\b.*"),
    ("H", r"(?:the )?social care provision"),
    # I: placement
    ("I", r"(?:educational |education |school )?placement"),
    ("I", r"(?:the )?name and type of (?:the )?(?:school|setting|institution|placement|provision)"
          r"(?: or other (?:institution|setting))?"),
    ("I", r"(?:the )?(?:name of (?:the )?)?school or other institution"),
    ("I", r"name of (?:the )?(?:school|setting|educational setting)"),
    # J: personal budget
    ("J", r"(?:a |the )?personal budgets?(?: (?:and|&|including) (?:arrangements for )?direct payments?)?"),
    ("J", r"direct payments?"),
    # K: advice and information
    ("K", r"(?:the )?advice and information(?: (?:gathered|obtained|received|considered))?"),
    ("K", r"(?:list of |summary of )?advice (?:received|obtained|gathered)"),
)

_COMPILED_TITLES: tuple[tuple[SectionKey, re.Pattern[str]], ...] = tuple(
    (key, re.compile(rf"(?:{pattern}){_TAIL}", re.IGNORECASE)) for key, pattern in _TITLE_PATTERNS
)

_LETTER = r"(?:H[12]|[A-K])"
_SECTION_WORD = re.compile(
    rf"^(?:section|part)\s*(?:(?P<num>\d{{1,2}})\s*\(\s*(?P<pletter>{_LETTER})\s*\)|(?P<letter>{_LETTER}))"
    r"(?![A-Za-z0-9])(?P<tail>.*)$",
    re.IGNORECASE,
)
_MERGED_H = re.compile(
    r"^(?:sections?|parts?)?\s*H1\s*(?:and|&|/|\+|,)\s*H2\b(?P<tail>.*)$", re.IGNORECASE
)
_BARE_LETTER = re.compile(rf"^(?P<letter>{_LETTER})(?:(?P<sep>\s*[-:.)]\s*|\s+)(?P<tail>.*))?$")
_A_SUBPART = re.compile(r"^A[12](?![A-Za-z0-9])\s*[-:.)]?\s*(?P<tail>.*)$")


#: Every title wording as one alternation, tried in the order above: a full
#: match takes the first alternative that matches the whole text, as trying the
#: patterns one by one would, in one call instead of up to thirty.
_ANY_TITLE = re.compile(
    "|".join(f"(?P<t{index}>(?:{pattern}){_TAIL})" for index, (_, pattern) in enumerate(_TITLE_PATTERNS)),
    re.IGNORECASE,
)


@lru_cache(maxsize=8192)
def _title_key(text: str) -> tuple[SectionKey, str] | None:
    """Match a title wording (no letter) against the whole text (remembered: pure, and asked often)."""
    m = _ANY_TITLE.fullmatch(text)
    if m is None or m.lastgroup is None:
        return None
    return _TITLE_PATTERNS[int(m.lastgroup[1:])][0], text


def _strip_numbering(text: str) -> str:
    return _LEADING_NUMBER.sub("", text, count=1).strip()


def _clean_tail(tail: str) -> str:
    return tail.strip().lstrip("-:.)").strip()


def _letter_heading_ok(title: str) -> bool:
    """A title after an explicit section word/letter: allow long statutory wording."""
    if not title:
        return True
    if _words(title) > 32:
        return False
    # A long sentence after the letter is body text ("Section B: Sam needs…" is rare).
    return not (title.endswith(".") and _words(title) > 8 and _title_key(title) is None)


def match_section_heading(
    text: str, aliases: Mapping[str, Sequence[str]] | None = None
) -> SectionMatch | None:
    """Which section a heading introduces, or ``None`` when it is not a section heading.

    ``aliases`` maps a section key to extra wordings a local template uses; each
    matches case-insensitively as the start of a heading-like text. Headings that
    name several sections ("Sections C and G") return ``None``: see
    :func:`match_combined_heading`.
    """
    if not aliases:
        return _match_without_aliases(text)
    return _match_section_heading(text, aliases)


@lru_cache(maxsize=8192)
def _match_without_aliases(text: str) -> SectionMatch | None:
    """:func:`match_section_heading` with no local wordings, remembered (bounded).

    Section detection asks about the same short cell texts many times in one
    plan (a grid's "Provision", "Who will provide it" in every area of need, a
    table's header row tested as a grid header and as a section's first cell),
    and a batch's plans share a template's headings. The answer depends on the
    text alone, and :class:`SectionMatch` is frozen, so it can be shared.
    """
    return _match_section_heading(text, None)


def _match_section_heading(
    text: str, aliases: Mapping[str, Sequence[str]] | None
) -> SectionMatch | None:
    if len(text) > _MAX_HEADING_CHARS:
        return None  # body text: no heading runs to hundreds of characters
    raw = normalise_heading(text)
    if not raw:
        return None
    found = _match_wording(raw, aliases)
    # A heading naming several sections is not one section's heading. Asked only
    # of a text that matched (a few in a plan), since the answer can only veto.
    if found is None or match_combined_heading(raw) is not None:
        return None
    return found


def _match_wording(raw: str, aliases: Mapping[str, Sequence[str]] | None) -> SectionMatch | None:
    """The section a normalised heading's wording names (combined headings not yet ruled out)."""
    t = _strip_numbering(raw)

    merged = _MERGED_H.match(t)
    if merged and _letter_heading_ok(_clean_tail(merged.group("tail"))):
        return SectionMatch("H", raw, "section-word")

    m = _SECTION_WORD.match(t)
    if m:
        letter = (m.group("letter") or m.group("pletter")).upper()
        tail = m.group("tail")
        title = _clean_tail(tail)
        separated = not tail or tail[:1] in "-:.)(" or tail.lstrip()[:1] in "-:.)("
        if separated and _letter_heading_ok(title):
            return SectionMatch(_key(letter), raw, "section-word")
        # "Section B Special educational needs", "SECTION B SEN": no separator,
        # but the title is capitalised; "Section B describes…" is a sentence.
        if not separated and title[:1].isupper() and _letter_heading_ok(title):
            return SectionMatch(_key(letter), raw, "section-word")
        return None

    if aliases:
        found = _match_alias(t, aliases)
        if found is not None:
            return SectionMatch(found, raw, "alias")

    sub = _A_SUBPART.match(t)
    if sub:
        title = sub.group("tail")
        if not title:
            return SectionMatch("A", raw, "letter-alone")
        if _letter_heading_ok(title):
            kind: MatchKind = "letter-title" if _title_key(title) else "letter-free"
            return SectionMatch("A", raw, kind)
        return None

    bare = _BARE_LETTER.match(t)
    if bare:
        letter = bare.group("letter")
        tail = bare.group("tail")
        if tail is None:
            return SectionMatch(_key(letter), raw, "letter-alone")
        title = tail.strip()
        sep = (bare.group("sep") or "").strip()
        known = _title_key(title)
        # "A personal budget of £2,000…" is English: without a separator the letter
        # must agree with the title's own section ("J Personal budget" would).
        if (
            known is not None
            and _letter_heading_ok(title)
            and (sep or known[0] == _key(letter))
        ):
            return SectionMatch(_key(letter), raw, "letter-title")
        # "I will…", "A lot of…": a bare capital followed by a space is English, not a
        # heading, unless a separator makes it one ("H1 – Any social care provision…").
        if sep and title[:1].isupper() and _letter_heading_ok(title) and len(title) > 1:
            return SectionMatch(_key(letter), raw, "letter-free")
        return None

    if is_heading_like(t):
        found_title = _title_key(t.rstrip(":").strip())
        if found_title is not None:
            return SectionMatch(found_title[0], raw, "title")
    return None


def _key(letter: str) -> SectionKey:
    key = letter.upper()
    if key not in _ALL_KEYS:  # pragma: no cover - the patterns only capture valid letters
        raise ValueError(f"not a section key: {key!r}")
    return cast(SectionKey, key)


_ALL_KEYS: frozenset[str] = frozenset(
    {"A", "B", "C", "D", "E", "F", "G", "H1", "H2", "H", "I", "J", "K"}
)


def _match_alias(text: str, aliases: Mapping[str, Sequence[str]]) -> SectionKey | None:
    if not is_heading_like(text, max_words=20):
        return None
    lowered = text.lower()
    for key, wordings in aliases.items():
        if key.upper() not in _ALL_KEYS:
            continue
        for wording in wordings:
            w = normalise_heading(wording).lower()
            if not w:
                continue
            if lowered == w or (
                lowered.startswith(w) and not lowered[len(w)].isalnum()
            ):
                return _key(key)
    return None


# --------------------------------------------------------------------------- combined headings

_LETTER_RE = re.compile(_LETTER)
_LETTER_SEPARATORS = re.compile(r"[\s,/&+:]+|-")
_PLURAL_SECTION = re.compile(r"^(?:sections?|parts?)\s+(?P<rest>.+)$", re.IGNORECASE)
_PARENTHESES = re.compile(r"\([^()]*\)")
_LETTER_LIST = re.compile(rf"\(\s*(?P<list>{_LETTER}(?:\s*[-/,&+]\s*{_LETTER})+)\s*\)")
_COMBINED_TITLES: tuple[tuple[tuple[SectionKey, ...], re.Pattern[str]], ...] = (
    (("B", "F"), re.compile(r"^special educational needs? (?:and|&) provision\b", re.IGNORECASE)),
    (("C", "G"), re.compile(r"^(?:health ?care|health) needs? (?:and|&) provision\b", re.IGNORECASE)),
    (("D", "H"), re.compile(r"^social care needs? (?:and|&) provision\b", re.IGNORECASE)),
)


@lru_cache(maxsize=8192)
def match_combined_heading(text: str) -> tuple[SectionKey, ...] | None:
    """Keys of a heading that names several sections at once, else ``None``.

    "Sections C (health needs) and G (health provision)", "Section D and H1/H2",
    "Special Educational Needs and Provision (B-F-E)". Such headings introduce a
    national-grid table; they are not sections themselves. Remembered (bounded):
    every paragraph is asked once as itself and once through
    :func:`match_section_heading`; the answer (a tuple) depends on the text alone.
    """
    t = normalise_heading(text)
    if not t or _words(t) > 40:
        return None
    listed = _LETTER_LIST.search(t)
    if listed and _words(t) <= 24:
        keys = _dedupe(_key(k) for k in _LETTER_RE.findall(listed.group("list")))
        if len(keys) >= 2:
            return keys
    plural = _PLURAL_SECTION.match(t)
    if plural:
        rest = plural.group("rest")
        while _PARENTHESES.search(rest):
            rest = _PARENTHESES.sub(" ", rest)
        tokens = [tok for tok in _LETTER_SEPARATORS.split(rest) if tok]
        letters = [tok for tok in tokens if tok.lower() != "and"]
        if letters and all(_LETTER_RE.fullmatch(tok) for tok in letters):
            keys = _dedupe(_key(tok) for tok in letters)
            if len(keys) >= 2 and set(keys) != {"H1", "H2"}:
                return keys
        return None
    # Every combined title starts with "special", "social" or "health": skip the
    # rest for other ASCII starts (a non-ASCII one might case-fold to s or h).
    first = t[:1]
    if (first in "sShH" or not first.isascii()) and is_heading_like(t, max_words=20):
        for keys, pattern in _COMBINED_TITLES:
            if pattern.search(t):
                return keys
    return None


def split_grid_title(text: str) -> tuple[tuple[SectionKey, ...], str] | None:
    """A grid title at the start of a longer text, and the text after it.

    Markdown and text exports write a national-grid table's merged title row as
    one paragraph: "Special Educational Needs and Provision (B-F-E)
    Communication and interaction <guidance>". Returns the sections the title
    names and the rest of the text (where the area of need usually follows),
    or ``None`` when the text does not start with such a title.
    """
    t = normalise_heading(text)
    listed = _LETTER_LIST.search(t)
    if listed and _words(t[: listed.start()]) <= 10:
        found = match_combined_heading(t[: listed.end()])
        if found is not None:
            return found, t[listed.end():].lstrip(" :-").strip()
    for combined, pattern in _COMBINED_TITLES:
        m = pattern.search(t)
        if m:
            return combined, t[m.end():].lstrip(" :-").strip()
    first_line = normalise_heading(text.strip().split("\n", 1)[0])
    keys = match_combined_heading(first_line)
    if keys is not None:
        return keys, t[len(first_line):].strip()
    return None


def _dedupe(keys: Iterable[SectionKey]) -> tuple[SectionKey, ...]:
    out: list[SectionKey] = []
    for k in keys:
        if k not in out:
            out.append(k)
    return tuple(out)


# --------------------------------------------------------------------------- areas of need

_AREA_PATTERNS: tuple[tuple[AreaOfNeed, re.Pattern[str]], ...] = (
    (
        AreaOfNeed.COMMUNICATION_AND_INTERACTION,
        re.compile(
            r"communication\s*(?:and|&)\s*interaction|\bc\s*&\s*i\b|\bc\s+and\s+i\b"
            r"|speech,?\s*language\s*(?:and|&)\s*communication",
            re.IGNORECASE,
        ),
    ),
    (
        AreaOfNeed.COGNITION_AND_LEARNING,
        re.compile(r"cognition\s*(?:and|&)\s*learning|\bc\s*&\s*l\b|\bc\s+and\s+l\b", re.IGNORECASE),
    ),
    (
        AreaOfNeed.SOCIAL_EMOTIONAL_MENTAL_HEALTH,
        re.compile(
            r"social,?\s*emotional,?\s*(?:and|&)\s*mental\s*health|\bsemh\b", re.IGNORECASE
        ),
    ),
    (
        AreaOfNeed.SENSORY_AND_PHYSICAL,
        re.compile(
            r"sensory\s*(?:and\s*/\s*or|and|or|&|/)\s*physical"
            r"|physical\s*(?:and\s*/\s*or|and|or|&|/)\s*sensory",
            re.IGNORECASE,
        ),
    ),
)


def match_area_of_need(text: str, max_words: int = 20) -> AreaOfNeed | None:
    """The broad area of need a sub-heading or grid title names, or ``None``.

    Only short, heading-like text counts: a sentence that mentions
    "communication and interaction" is content, not a sub-heading. When a
    heading names several areas, the first one named wins.
    """
    t = normalise_heading(text)
    if not t or _words(t) > max_words or _TWO_SENTENCES.search(t):
        return None
    if t.isascii():
        lowered = t.lower()
        if not any(literal in lowered for literal in _AREA_LITERALS):
            return None
    m = _ANY_AREA.search(t)
    if m is None or m.lastgroup is None:
        return None
    return _AREA_PATTERNS[int(m.lastgroup[1:])][0]


#: Every alternative of the area patterns needs one of these (lower case, in a
#: normalised text whose only whitespace is single spaces): a text with none of
#: them names no area. Only used for ASCII text, where lower() and IGNORECASE agree.
_AREA_LITERALS: tuple[str, ...] = (
    "communication", "speech", "cognition", "social", "semh", "physical",
    "&", "c and i", "c and l",
)

#: The four areas' patterns as one alternation, in order: the leftmost match is
#: the area named first, and at one position the earlier pattern wins, exactly as
#: searching for each pattern and keeping the earliest start did.
_ANY_AREA = re.compile(
    "|".join(f"(?P<a{index}>{pattern.pattern})" for index, (_, pattern) in enumerate(_AREA_PATTERNS)),
    re.IGNORECASE,
)
