"""Small text helpers shared by the Python rules: word lists as regexes, sentences, tables.

Word lists live in ``rules/lexicons/*.toml`` so that a QA lead can extend them;
this module turns them into compiled regular expressions once per process. One
convention holds for every list: an entry with no lower-case letters, or an
acronym with capitals inside it ("SpLD", "SaLT", "QToD"), is matched
case-sensitively, because "ADD", "ODD" or "TA" are also ordinary words or parts
of them; every other entry is matched case-insensitively. Entries always match
whole words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import cache

from ehcp_lint.checks._deferred import deferred
from ehcp_lint.engine.plan_memos import per_plan_memo
from ehcp_lint.engine.prefilter import Prefilter, may_contain, pattern_prefilter, prefilter_for
from ehcp_lint.engine.rule import RuleContext, TextUnit

#: Characters that may not touch either end of a matched word.
_EDGE_BEFORE = r"(?<![\w])"
_EDGE_AFTER = r"(?![\w])"

#: What a placeholder left in a template looks like; text inside one never counts as content.
PLACEHOLDER_RE = re.compile(
    r"\[[^\[\]]{0,120}\]|\{\{[^{}]{0,80}\}\}|«[^»]{0,60}»|<<[^<>]{0,60}>>|\bXXX+\b|\bTB[CA]\b|\btbc\b"
    r"|Click (or tap )?here to enter (a )?(text|date)\.?|Choose an item\.?",
)


def is_acronym_like(term: str) -> bool:
    """True for entries matched case-sensitively (see the module docstring)."""
    letters = [c for c in term if c.isalpha()]
    if not letters:
        return False
    if not any(c.islower() for c in letters):
        return True
    uppers = sum(1 for c in letters if c.isupper())
    return " " not in term and uppers >= 2


def by_first_letter(alternatives: Sequence[tuple[str, str]]) -> str:
    """One alternation of ``(term, pattern)`` pairs, the patterns grouped by the term's first letter.

    Python's regex engine tries every alternative of a long alternation at every
    word start, and with IGNORECASE it cannot even skip an alternative on its
    first character. Grouping the alternatives behind a look-ahead for their
    first letter ("(?=[sS])(?:staff|speech...)|(?=[tT])(?:teacher|...)") tries
    one cheap test per letter and then only that letter's terms: about three
    times faster on a list of 200 roles.

    The matches are exactly those of the plain alternation in the same order:
    within a group the order is kept; a look-ahead admits every character its
    group's first letters can match, with or without IGNORECASE; and two groups
    never both match at one place because their letters differ ignoring case.
    That argument needs every first character to be ASCII: a non-ASCII one may
    fold onto an ASCII letter (the Kelvin sign onto "k"), so such a list is left
    as the plain alternation.
    """
    if any(not term[:1].isascii() for term, _ in alternatives):
        return "|".join(pattern for _, pattern in alternatives)
    groups: dict[str, list[str]] = {}
    for term, pattern in alternatives:
        first = term[:1]
        groups.setdefault(first.lower() if first.isalpha() else "", []).append(pattern)
    parts = [
        f"(?=[{letter}{letter.upper()}])(?:{'|'.join(patterns)})" if letter else "|".join(patterns)
        for letter, patterns in groups.items()
    ]
    return "|".join(parts)


def term_source(term: str) -> str:
    """The regex source for one entry; one space in a phrase matches any run of whitespace or a hyphen."""
    return re.escape(term).replace(r"\ ", r"[\s\-]+")


#: Prefilters of grouped term lists, worked out from the plain alternation (keyed by ``id``;
#: the pattern is kept in the value so an id is never mistaken for a later object's).
_PREFILTERS: dict[int, tuple[re.Pattern[str], Prefilter | None]] = {}


_LOOKBEHIND = deferred(r"\(\?<!(\[[^\[\]]+\])\)")


def edge_after_first(alternatives: Sequence[tuple[str, str]], before: str) -> str | None:
    """A case-sensitive alternation with the word-edge check moved after each first character.

    ``(?<![\\w])(?:SENCO|CAMHS|...)`` starts with a look-behind, so Python's
    regex engine tries every alternative at every position.
    ``(?:S(?<![\\w]S)ENCO|C(?<![\\w]C)AMHS|...)`` starts with the literal first
    characters, so the engine skips straight to positions holding one of them
    (about four times faster on the jargon acronyms). Same matches: once the
    first character has matched, "not after a word character" asks exactly
    what it asked before it. ``None`` when ``before`` is not a one-class
    negative look-behind or a pattern does not start with its escaped first
    character.
    """
    edge = _LOOKBEHIND.fullmatch(before)
    if edge is None or not alternatives:
        return None
    parts = []
    for term, pattern in alternatives:
        first = re.escape(term[:1])
        if not term or not pattern.startswith(first):
            return None
        parts.append(f"{first}(?<!{edge.group(1)}{first}){pattern[len(first):]}")
    return "|".join(parts)


def compile_grouped(alternatives: Sequence[tuple[str, str]], before: str, after: str, flags: int = 0) -> re.Pattern[str]:
    """``before(?:alternatives)after``, arranged so that Python's regex engine can skip ahead.

    Case-insensitive lists are grouped by first letter (:func:`by_first_letter`);
    case-sensitive ones check the word edge after the first character
    (:func:`edge_after_first`), which lets the engine skip to those characters.
    Either way the matches are the plain alternation's. Its prefilter
    (:func:`term_prefilter`) is read from the plain alternation: the regex
    parser would factor a group's shared first letter out of its alternatives
    and leave the prefilter shorter literals ("ad" for "dad") or none at all.
    """
    plain = f"{before}(?:{'|'.join(pattern for _, pattern in alternatives)}){after}"
    source = plain
    if flags & re.IGNORECASE:
        source = f"{before}(?:{by_first_letter(alternatives)}){after}"
    else:
        moved = edge_after_first(alternatives, before)
        if moved is not None:
            source = f"(?:{moved}){after}"
    rx = re.compile(source, flags)
    if source != plain:
        _PREFILTERS[id(rx)] = (rx, pattern_prefilter(re.compile(plain, flags)))
    return rx


def term_prefilter(rx: re.Pattern[str]) -> Prefilter | None:
    """The prefilter of a term-list pattern: the plain list's for a grouped one, else its own."""
    known = _PREFILTERS.get(id(rx))
    if known is not None and known[0] is rx:
        return known[1]
    return prefilter_for(rx)


def _alternatives(terms: Iterable[str]) -> list[tuple[str, str]]:
    ordered = sorted({t.strip() for t in terms if t.strip()}, key=len, reverse=True)
    return [(t, term_source(t)) for t in ordered]


def compile_terms(terms: Sequence[str]) -> list[re.Pattern[str]]:
    """Regexes matching any of ``terms`` as whole words, honouring the case convention."""
    exact = [t for t in terms if is_acronym_like(t)]
    loose = [t for t in terms if not is_acronym_like(t)]
    out: list[re.Pattern[str]] = []
    if exact:
        out.append(compile_grouped(_alternatives(exact), _EDGE_BEFORE, _EDGE_AFTER))
    if loose:
        out.append(compile_grouped(_alternatives(loose), _EDGE_BEFORE, _EDGE_AFTER, re.IGNORECASE))
    return out


def _may_match(rx: re.Pattern[str], text: str) -> bool:
    """False when ``rx`` cannot match ``text`` (a cheap literal test; see engine.prefilter)."""
    prefilter = term_prefilter(rx)
    return prefilter is None or may_contain(prefilter, text)


def find_terms(patterns: Sequence[re.Pattern[str]], text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Non-overlapping spans of every match, longest first where they overlap, in text order."""
    stop = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    for rx in patterns:
        if not _may_match(rx, text):
            continue
        spans.extend((m.start(), m.end()) for m in rx.finditer(text, start, stop) if m.end() > m.start())
    chosen: list[tuple[int, int]] = []
    for s, e in sorted(spans, key=lambda p: (-(p[1] - p[0]), p[0])):
        if all(e <= cs or s >= ce for cs, ce in chosen):
            chosen.append((s, e))
    return sorted(chosen)


def any_term(patterns: Sequence[re.Pattern[str]], text: str) -> bool:
    return any(_may_match(rx, text) and rx.search(text) for rx in patterns)


@cache
def lexicon_patterns(name: str, key: str) -> tuple[re.Pattern[str], ...]:
    """Compiled patterns for one lexicon list (once per process)."""
    from ehcp_lint.lexicons import words

    return tuple(compile_terms(words(name, key)))


_SENTENCE_END = deferred(r"(?<=[.!?;])\s+(?=[A-Z0-9\"'‘“(])|\n+")


def sentence_spans(unit: TextUnit) -> list[tuple[int, int]]:
    """Sentence boundaries of a unit: spaCy's when parsed, else a simple splitter.

    Semicolons also end a "sentence" here: plans string separate facts together
    with them ("Type 1 diabetes; uses an insulin pump").
    """
    text = unit.text
    spans: list[tuple[int, int]] = []
    if unit.doc is not None:
        for sent in unit.doc.sents:
            spans.extend(_split_semicolons(text, sent.start_char, sent.end_char))
    else:
        pos = 0
        for m in _SENTENCE_END.finditer(text):
            spans.extend(_split_semicolons(text, pos, m.start()))
            pos = m.end()
        spans.extend(_split_semicolons(text, pos, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _split_semicolons(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    pos = start
    for m in re.finditer(r";\s*", text[start:end]):
        yield pos, start + m.start() + 1
        pos = start + m.end()
    yield pos, end


#: One of these is in every match of PLACEHOLDER_RE (which is case-sensitive): a text without
#: any of them has no placeholder, found by a few substring searches instead of the pattern.
_PLACEHOLDER_LITERALS = ("[", "{{", "«", "<<", "XXX", "TB", "tbc", "Click", "Choose")

#: The literals as one search: rules ask this of ~1,800 texts a plan, and one pass over a text
#: costs about half of nine substring tests driven from a generator.
_PLACEHOLDER_HINT = deferred("|".join(re.escape(literal) for literal in _PLACEHOLDER_LITERALS))


def may_hold_placeholder(text: str) -> bool:
    """False only when :data:`PLACEHOLDER_RE` cannot match ``text`` (none of its literals is in it)."""
    return _PLACEHOLDER_HINT.search(text) is not None


def strip_placeholders(text: str) -> str:
    """The text with template placeholders removed (what is left is real content)."""
    return PLACEHOLDER_RE.sub(" ", text) if may_hold_placeholder(text) else text


def row_cells(unit: TextUnit) -> list[tuple[str, str]]:
    """(column name, cell text) for every cell of the unit's table row, in order."""
    if unit.row is None:
        return []
    out: list[tuple[str, str]] = []
    for i, cell in enumerate(unit.row.cells):
        name = cell.column_name or (unit.header[i] if i < len(unit.header) else "")
        out.append((name or "", cell.text))
    return out


_INDEX: dict[int, tuple[list[TextUnit], dict[int, int]]] = {}


def unit_index(ctx: RuleContext, unit: TextUnit) -> int | None:
    """Position of ``unit`` in the plan's units, computed once per plan (not once per unit)."""
    units = ctx.units
    cached = _INDEX.get(id(units))
    if cached is None or cached[0] is not units:
        _INDEX.clear()  # one plan at a time
        cached = (units, {id(u): i for i, u in enumerate(units)})
        _INDEX[id(units)] = cached
    return cached[1].get(id(unit))


@per_plan_memo
def _forget_plan() -> None:
    """The plan is done: let its unit index go (see engine.plan_memos)."""
    _INDEX.clear()
