"""Cheap "can this pattern possibly match here?" tests, worked out from the patterns themselves.

Most rules are regular expressions that start ``\\b(?:...)``, and Python's
``re`` cannot skip ahead for a pattern that starts with a word boundary: it
tries every alternative at every character. A plan has about a thousand text
units and each data rule scans each one, so that scanning was the largest
single cost of linting a plan, although almost every unit matches nothing.

Every match of ``\\bregular(ly)?\\b`` contains the letters "regular"; every
match of ``(high|significant) level of`` contains "level". This module reads a
compiled pattern's syntax tree and finds such a set of *required literals*: one
of them appears (ignoring case) in any text the pattern can match. Searching
for plain literals is many times faster than running the pattern, so a rule
first asks :meth:`Prefilter.may_match` and runs its real pattern only when the
answer is yes. The test is exact in one direction only, which is the one that
matters: a "no" is always right; a "yes" just means "run the pattern".

Case: the unit text is lower-cased once and literals are lower-cased. That is
safe for ASCII and for caseless characters (quotes, dashes, £); a text with a
cased non-ASCII letter ("Zoë", a Turkish dotted I) is never prefiltered, so
Unicode case-folding subtleties cannot make a "no" wrong.

One scan per text, not one search per rule: about forty rules ask about each of
a plan's thousand units, and each search ran over the whole unit (almost every
answer is "no"). Every prefilter registers its literals in one process-wide
index; :func:`text_literals` scans a text once for *all* of them (one
trie-shaped regular expression, remembered per text while a plan is linted)
and each rule's question becomes a set intersection. The runner uses the same scan to call a rule only
for units that hold one of its literals (:meth:`Rule.unit_prefilter`).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

#: Lighter literals (see :func:`_weight`) filter too little to pay for the search.
MIN_LITERAL = 3

#: The floor for a pattern whose rule file vouches that its short literal is rare in plan text
#: (``short_literals = true``: "XX" for a placeholder). Two letters like "in" or "to" would let
#: almost every unit through, so this is never the default; soundness does not depend on it
#: (the literals still come from the pattern itself), only the cost of the scan does.
SHORT_LITERAL = 2

_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_Requirement = frozenset[str]

#: The standard library's regex parser and its op codes (private modules, stable since 3.11;
#: anything unexpected in them only means "do not prefilter").
_PARSER: Any = importlib.import_module("re._parser")
_OPS: Any = importlib.import_module("re._constants")


def prefilter_safe(text: str) -> bool:
    """True when lower-casing ``text`` cannot hide a case-insensitive match."""
    if text.isascii():
        return True
    return all(ch.lower() == ch == ch.upper() for ch in set(_NON_ASCII.findall(text)))


def _literal_char(code: int) -> str | None:
    """The character as it goes into a literal run, or None when it must break the run."""
    ch = chr(code)
    if ch.isascii():
        return ch.lower()
    return ch if ch.lower() == ch == ch.upper() else None


def _weight(literal: str) -> float:
    """How selective a literal is, roughly its length: punctuation ("[", "{{", "£") is rare in
    prose and counts three times, a space half."""
    return sum(0.5 if ch.isspace() else 1.0 if ch.isalnum() else 3.0 for ch in literal)


def _best(candidates: list[_Requirement]) -> _Requirement | None:
    """The most selective requirement: heaviest lightest literal, then fewest literals."""
    if not candidates:
        return None
    return max(candidates, key=lambda req: (min(_weight(x) for x in req), -len(req)))


def _sequence(items: Iterable[tuple[Any, Any]]) -> _Requirement | None:
    """A requirement of a sequence of regex items: any one required part will do."""
    c = _OPS
    candidates: list[_Requirement] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            candidates.append(frozenset(["".join(run)]))
            run.clear()

    for op, av in items:
        if op is c.LITERAL:
            ch = _literal_char(av)
            if ch is not None:
                run.append(ch)
                continue
            flush()
            continue
        if op not in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            flush()
        found: _Requirement | None = None
        if op is c.SUBPATTERN:
            found = _sequence(av[3])
        elif op is c.ATOMIC_GROUP:
            found = _sequence(av)
        elif op is c.BRANCH:
            alternatives = [_sequence(branch) for branch in av[1]]
            if alternatives and all(alternatives):
                found = frozenset(lit for alt in alternatives if alt for lit in alt)
        elif op is c.ASSERT:
            # A positive look-ahead or look-behind must match too, inside the same text:
            # "(?=\\s*(times|sessions?))" requires "times" or "session" somewhere.
            found = _sequence(av[1])
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            low, high, body = av
            single = list(body)
            if low >= 1 and len(single) == 1 and single[0][0] is c.LITERAL:
                ch = _literal_char(single[0][1])
                if ch is not None:  # "X{3,}", "x+": the run goes on with ``low`` copies
                    run.extend(ch * low)
                    if high == low:
                        continue
                    flush()
                    continue
            flush()  # any other repeat ends the run of literal characters
            if low >= 1:
                found = _sequence(body)
        # Anything else (classes, anchors, negative look-arounds, back-references)
        # requires no particular literal and ends the current run of literal characters.
        if found:
            candidates.append(found)
    flush()
    return _best(candidates)


#: The last pattern parsed and its syntax tree: a data rule asks for a pattern's required
#: literals and then its start guard, and parsing is most of the cost of either (~0.15 ms a
#: pattern, ~120 patterns at start-up). One entry, so no tree outlives the next parse.
_LAST_PARSED: tuple[tuple[str, int], Any] | None = None


def _parse_tree(pattern: re.Pattern[str]) -> Any:
    """``pattern``'s syntax tree from the standard library's parser (read, never changed)."""
    global _LAST_PARSED
    key = (pattern.pattern, pattern.flags)
    last = _LAST_PARSED
    if last is not None and last[0] == key:
        return last[1]
    tree = _PARSER.parse(pattern.pattern, pattern.flags)
    _LAST_PARSED = (key, tree)
    return tree


def required_literals(
    pattern: re.Pattern[str], *, min_weight: float = MIN_LITERAL
) -> frozenset[str] | None:
    """Lower-case literals one of which occurs in every match, or None when there are none.

    Literals that contain another literal of the set are dropped (the shorter
    one is found wherever the longer is). ``None`` also when the shortest
    literal is lighter than ``min_weight`` (:data:`MIN_LITERAL` unless a rule file
    vouches for a short literal, :data:`SHORT_LITERAL`).
    """
    try:
        tree = _parse_tree(pattern)
    except Exception:  # an unexpected syntax tree: simply do not prefilter
        return None
    try:
        found = _sequence(tree)
    except (TypeError, ValueError, IndexError):
        return None
    return _usable(found, min_weight)


def _usable(
    literals: Iterable[str] | None, min_weight: float = MIN_LITERAL
) -> frozenset[str] | None:
    if not literals:
        return None
    kept: list[str] = []
    for lit in sorted(set(literals), key=len):
        if not any(k in lit for k in kept):
            kept.append(lit)
    if not kept or min(_weight(k) for k in kept) < min_weight:
        return None
    return frozenset(kept)


@dataclass(frozen=True)
class Prefilter:
    """A search for any of a set of literals in lower-cased text.

    Creating one registers its literals with the process-wide index that
    :func:`text_literals` scans for; ``generation`` says from which index on
    they are covered (an older scan falls back to ``regex``).
    """

    literals: frozenset[str]
    regex: re.Pattern[str]
    generation: int = field(init=False, compare=False, repr=False, default=0)
    #: The lightest literal allowed (see :data:`SHORT_LITERAL`); a union keeps the lowest.
    min_weight: float = field(compare=False, repr=False, default=MIN_LITERAL)

    def __post_init__(self) -> None:
        object.__setattr__(self, "generation", _INDEX.register(self.literals))

    @classmethod
    def of(
        cls, literals: Iterable[str] | None, *, min_weight: float = MIN_LITERAL
    ) -> Prefilter | None:
        usable = _usable(literals, min_weight)
        if usable is None:
            return None
        return cls(usable, re.compile(_trie_pattern(usable)), min_weight=min_weight)

    @classmethod
    def union(cls, parts: Iterable[Prefilter | None]) -> Prefilter | None:
        """One prefilter for several: None when any part has none (it may match anything)."""
        literals: set[str] = set()
        min_weight: float = MIN_LITERAL
        for part in parts:
            if part is None:
                return None
            literals |= part.literals
            min_weight = min(min_weight, part.min_weight)
        return cls.of(literals, min_weight=min_weight)

    def may_match(self, lowered: str) -> bool:
        """False only when no pattern behind this prefilter can match ``lowered``'s original."""
        return self.regex.search(lowered) is not None


def _trie_pattern(literals: Iterable[str]) -> str:
    """An alternation of ``literals`` shared by common prefixes ("l(?:evel|ots)").

    Python's regex engine tries each alternative of an alternation in turn at
    every position; sharing prefixes means it tries one branch per first
    character instead of one per literal (about a quarter faster here).
    """
    trie: dict[str, Any] = {}
    for literal in literals:
        node = trie
        for ch in literal:
            node = node.setdefault(ch, {})
        node[""] = {}

    def render(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + render(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        if len(branches) == 1 and "" not in node:
            return branches[0]
        body = "(?:" + "|".join(branches) + ")"
        return body + "?" if "" in node else body

    return render(trie)


def pattern_prefilter(
    pattern: re.Pattern[str], *, min_weight: float = MIN_LITERAL
) -> Prefilter | None:
    """The prefilter for one compiled pattern (``None``: it may match anything).

    ``min_weight``: :data:`SHORT_LITERAL` for a pattern whose short literal its rule
    file vouches is rare in plan text; the literals are still the pattern's own.
    """
    return Prefilter.of(required_literals(pattern, min_weight=min_weight), min_weight=min_weight)


def may_contain(prefilter: Prefilter, text: str) -> bool:
    """False only when no pattern behind ``prefilter`` can match ``text`` (original case)."""
    if _PLAN_SCANS.get() is None:  # outside a plan: one search costs less than a full scan
        return not prefilter_safe(text) or prefilter.may_match(text.lower())
    found = text_literals(text)
    return found is None or found.admits(prefilter)


# --------------------------------------------------------------------------- where a match can start


#: A start guard with more alternatives than this is not worth its search (or its compile).
_MAX_START_FRAGMENTS = 64

#: A class admitting more letters than this (``[A-Za-z]``) stops almost everywhere: no guard.
_MAX_CLASS_LETTERS = 8

#: What :func:`_starts` learns of a sequence of regex items: regex fragments one of which
#: (over lower-cased text) begins at every match's first character, whether a match may also
#: start only at the very beginning of the text (``^``), and whether the sequence can match
#: without consuming a character (then whatever follows it may start the match).
_Starts = tuple[frozenset[str], bool, bool]


def _class_fragment(items: Iterable[tuple[Any, Any]]) -> str | None:
    """A character class for lower-cased text admitting every character ``items`` admits."""
    c = _OPS
    chars: set[str] = set()
    categories: list[str] = []
    for op, av in items:
        if op is c.LITERAL:
            ch = _literal_char(av)
            if ch is None:
                return None
            chars.add(ch)
        elif op is c.RANGE and av[1] < 128 and av[1] - av[0] < 32:
            chars.update(chr(code).lower() for code in range(av[0], av[1] + 1))
        elif op is c.CATEGORY and av is c.CATEGORY_DIGIT:
            categories.append(r"\d")  # digits have no case: lower-casing keeps them as they are
        else:  # negated classes, letters' and spaces' categories: admits too much to guard
            return None
    if (not chars and not categories) or sum(ch.isalpha() for ch in chars) > _MAX_CLASS_LETTERS:
        return None
    return "[" + "".join(re.escape(ch) for ch in sorted(chars)) + "".join(categories) + "]"


def _starts(items: Iterable[tuple[Any, Any]], multiline: bool) -> _Starts | None:
    """How a match of this sequence begins (see :data:`_Starts`), or None when it could be anything."""
    c = _OPS
    seq = list(items)
    fragments: set[str] = set()
    at_start = False
    i = 0
    while i < len(seq):
        op, av = seq[i]
        if op is c.AT:
            if av is c.AT_BEGINNING_STRING or (av is c.AT_BEGINNING and not multiline):
                return frozenset(fragments), True, False  # this way matches at 0 or not at all
            i += 1  # \b, \B, $: zero width, they only narrow where a match starts
            continue
        if op in (c.ASSERT, c.ASSERT_NOT):
            i += 1  # look-arounds consume nothing either
            continue
        if op is c.LITERAL:
            run: list[str] = []
            while i < len(seq) and seq[i][0] is c.LITERAL:
                ch = _literal_char(seq[i][1])
                if ch is None:
                    break
                run.append(ch)
                i += 1
            if not run:
                return None
            prefix = re.escape("".join(run))
            # The parser factors out common prefixes ("may|might" is "m(?:ay|ight)"): carry the
            # run on into a following group that always consumes, for a more selective guard.
            after = _starts(seq[i : i + 1], multiline) if i < len(seq) else None
            if after is not None and not after[1] and not after[2] and after[0]:
                fragments.update(prefix + more for more in after[0])
            else:
                fragments.add(prefix)
            return frozenset(fragments), at_start, False
        if op is c.IN:
            fragment = _class_fragment(av)
            if fragment is None:
                return None
            fragments.add(fragment)
            return frozenset(fragments), at_start, False
        if op is c.BRANCH:
            nullable = False
            for branch in av[1]:
                found = _starts(branch, multiline)
                if found is None:
                    return None
                fragments |= found[0]
                at_start |= found[1]
                nullable |= found[2]
        elif op in (c.SUBPATTERN, c.ATOMIC_GROUP, c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            if op is c.SUBPATTERN:
                body, low = av[3], 1
            elif op is c.ATOMIC_GROUP:
                body, low = av, 1
            else:
                low, _, body = av
            found = _starts(body, multiline)
            if found is None:
                return None
            fragments |= found[0]
            at_start |= found[1]
            nullable = found[2] or low == 0
        else:  # any character, a negated literal, a back-reference: could start anywhere
            return None
        if len(fragments) > _MAX_START_FRAGMENTS:
            return None
        if not nullable:
            return frozenset(fragments), at_start, False
        i += 1
    return frozenset(fragments), at_start, True


@dataclass(frozen=True, slots=True)
class StartGuard:
    """Where a pattern's matches can begin, read from its syntax tree: a search that skips the rest.

    Python's ``re`` tries a pattern that starts with ``\\b``, a look-behind or a
    case-insensitive word at every character of a text. Every match of
    ``\\b(may|might)\\s+...`` begins with "may" or "might", every match of
    ``^\\s*(please )?describe`` at the start of the text: a plain search of the
    lower-cased text for those beginnings (``regex``; ``at_start`` for the start
    of the text) finds every place a match can start, and the pattern itself is
    tried only there (:meth:`spans`). The places found are a superset of the
    real starts, never fewer, so the matches are exactly ``finditer``'s.
    """

    #: Matches (in the lower-cased text) wherever a match may begin; None: only at the start.
    regex: re.Pattern[str] | None
    at_start: bool

    #: Candidate starts the pattern is tried at one by one; after that it scans the rest itself
    #: (a text full of candidates, e.g. digits, is faster left to ``finditer``).
    MAX_TRIES = 4

    def spans(self, pattern: re.Pattern[str], text: str, lowered: str) -> list[tuple[int, int]]:
        """``(start, end)`` of each non-empty match of ``pattern.finditer(text)``, in order.

        ``lowered`` is ``text.lower()`` for a text :func:`prefilter_safe` admits (the same
        length, character for character).
        """
        out: list[tuple[int, int]] = []
        match = pattern.match
        tries = self.MAX_TRIES
        pos = 0
        if self.at_start:
            tries -= 1
            found = match(text, 0)
            if found is not None and found.end() > 0:
                out.append(found.span())
                pos = found.end()
        if self.regex is None:
            return out
        search = self.regex.search
        while True:
            candidate = search(lowered, pos)
            if candidate is None:
                return out
            start = candidate.start()
            if not tries:
                out.extend(m.span() for m in pattern.finditer(text, start) if m.end() > m.start())
                return out
            tries -= 1
            found = match(text, start)
            if found is None or found.end() == start:
                pos = start + 1
            else:
                out.append(found.span())
                pos = found.end()


def start_guard(pattern: re.Pattern[str]) -> StartGuard | None:
    """The :class:`StartGuard` of ``pattern``, or None when its matches could begin anywhere.

    None too for a pattern that can match the empty string, or one that may begin
    with a letter class or a space (a guard that stops almost everywhere saves nothing).
    """
    try:
        tree = _parse_tree(pattern)
        if tree.getwidth()[0] == 0:
            return None
        found = _starts(tree, bool(pattern.flags & re.MULTILINE))
    except Exception:  # an unexpected syntax tree: simply run the pattern everywhere
        return None
    if found is None or found[2]:
        return None
    fragments, at_start, _ = found
    if not fragments and not at_start:
        return None
    regex = re.compile("|".join(sorted(fragments))) if fragments else None
    return StartGuard(regex, at_start)


# --------------------------------------------------------------------------- one scan per text


class _LiteralIndex:
    """Every literal any prefilter of this process asks about, and a scanner for them all.

    Prefilters are made at start-up (data rules, built-in term lists) and a few
    on first use (lexicon lists a rule reads lazily). A new literal bumps the
    generation; the scanner is rebuilt only by :meth:`current` when asked to
    catch up (the runner does so before each plan), so that a prefilter made
    half-way through a plan costs a fallback search, not a recompilation.
    """

    #: Catching up recompiles the scanner (~8 ms for ~700 literals). Prefilters are made at
    #: start-up and on first use, so a process catches up a few times; should a rule ever
    #: make prefilters from each plan's own text, catching up stops here and such
    #: prefilters answer with their own search, as every prefilter once did.
    MAX_REBUILDS = 32

    def __init__(self) -> None:
        self.literals: set[str] = set()
        self.generation = 0
        self._scanner: _Scanner | None = None
        self._builds = 0

    def register(self, literals: frozenset[str]) -> int:
        if not literals <= self.literals:
            self.literals |= literals
            self.generation += 1
        return self.generation

    def current(self, *, catch_up: bool = False) -> _Scanner:
        scanner = self._scanner
        if scanner is None or (
            catch_up and scanner.generation != self.generation and self._builds < self.MAX_REBUILDS
        ):
            scanner = self._scanner = _Scanner(frozenset(self.literals), self.generation)
            self._builds += 1
        return scanner


def _automaton(literals: frozenset[str]) -> Any:
    """An Aho-Corasick automaton of ``literals`` (``pyahocorasick``), or None without the library.

    One pass over a text finds every occurrence of every literal, overlapping and
    nested ones included, in C: about five times faster than the regex scan below on
    a plan's texts (3.0 -> 0.65 ms a plan), and built in a few milliseconds where the
    regex took ~8 ms to compile.
    """
    try:
        ahocorasick = importlib.import_module("ahocorasick")
    except ImportError:  # a source checkout without the wheel: the regex scan, same answers
        return None
    automaton = ahocorasick.Automaton()
    for literal in literals:
        automaton.add_word(literal, literal)
    automaton.make_automaton()
    return automaton


class _Scanner:
    """Finds every literal of a fixed set that occurs in a lower-cased text, in one pass.

    With ``pyahocorasick`` (a dependency) the automaton reports every occurrence of
    every literal. Without it, the trie-shaped alternation finds the longest literal
    starting at a position; the search resumes one character later, so overlapping
    literals are found too, and the literals inside a found one ("level" in "high
    level") are added from ``_inside``. Exact either way: a literal is reported if
    and only if it occurs in the text.
    """

    def __init__(
        self, literals: frozenset[str], generation: int, *, automaton: bool = True
    ) -> None:
        self.literals = literals
        self.generation = generation
        self._automaton = _automaton(literals) if automaton and literals else None
        self.regex = (
            re.compile(_trie_pattern(literals)) if literals and self._automaton is None else None
        )
        self._inside: dict[str, frozenset[str]] = {}

    def scan(self, lowered: str) -> tuple[str, ...]:
        automaton = self._automaton
        if automaton is not None:
            return tuple({literal for _, literal in automaton.iter(lowered)})
        regex = self.regex
        if regex is None:
            return ()
        found: set[str] = set()
        search = regex.search
        match = search(lowered)
        while match is not None:
            found |= self._literals_inside(match.group())
            match = search(lowered, match.start() + 1)
        return tuple(found)

    def _literals_inside(self, literal: str) -> frozenset[str]:
        inside = self._inside.get(literal)
        if inside is None:
            inside = self._inside[literal] = frozenset(x for x in self.literals if x in literal)
        return inside


_INDEX = _LiteralIndex()


@dataclass(frozen=True, slots=True)
class TextLiterals:
    """Which registered literals a text holds: the answer to every prefilter at once.

    ``found`` is a tuple (a handful of literals): a tuple of strings costs the
    garbage collector nothing, a set would be one more object to walk.
    """

    lowered: str
    found: tuple[str, ...]
    generation: int

    def admits(self, prefilter: Prefilter) -> bool:
        """:meth:`Prefilter.may_match` for this text, from the scan when it covers the prefilter."""
        if prefilter.generation <= self.generation:
            return not prefilter.literals.isdisjoint(self.found)
        return prefilter.may_match(self.lowered)


#: The scans made while one plan is linted (see :func:`scans_remembered`); None outside.
_PLAN_SCANS: ContextVar[dict[str, TextLiterals | None] | None] = ContextVar(
    "ehcp_lint_plan_scans", default=None
)


@contextmanager
def scans_remembered() -> Iterator[None]:
    """Remember each text's scan while one plan is linted, and forget them all afterwards.

    The runner and many rules ask about the same texts of a plan, so within a
    plan each text is scanned once. Across plans a process-wide cache would
    gain little (a plan's texts are mostly its own) and cost a long batch
    dearly: every full garbage collection in a worker walked its ~16,000
    remembered scans again (measured: +2 to 5 ms a plan).
    """
    token = _PLAN_SCANS.set({})
    try:
        yield
    finally:
        _PLAN_SCANS.reset(token)


def text_literals(text: str) -> TextLiterals | None:
    """The registered literals in ``text`` (lower-cased), or None when it must not be prefiltered.

    Within :func:`scans_remembered` (the runner lints each plan in it) a text
    is scanned once however many rules ask.
    """
    memo = _PLAN_SCANS.get()
    if memo is None:
        return _scan_text(text, _INDEX.current())
    try:
        return memo[text]
    except KeyError:
        found = memo[text] = _scan_text(text, _INDEX.current())
        return found


def refresh_literal_index() -> int:
    """Include literals registered since the last scan in the next scans (cheap when none were).

    Returns the scanner's generation: prefilters of this generation or older are answered by
    every scan made from now on (:attr:`TextLiterals.generation`).
    """
    return _INDEX.current(catch_up=True).generation


def _scan_text(text: str, scanner: _Scanner) -> TextLiterals | None:
    if not prefilter_safe(text):
        return None
    lowered = text.lower()
    return TextLiterals(lowered, scanner.scan(lowered), scanner.generation)


#: Keyed by ``id``: hashing a compiled pattern hashes its whole program, every time.
#: The pattern is kept in the value, so an id is never mistaken for a later object's.
_BY_PATTERN: dict[int, tuple[re.Pattern[str], Prefilter | None]] = {}


def prefilter_for(pattern: re.Pattern[str]) -> Prefilter | None:
    """:func:`pattern_prefilter`, worked out once per pattern per process."""
    known = _BY_PATTERN.get(id(pattern))
    if known is not None and known[0] is pattern:
        return known[1]
    found = pattern_prefilter(pattern)
    _BY_PATTERN[id(pattern)] = (pattern, found)
    return found


__all__ = [
    "MIN_LITERAL",
    "SHORT_LITERAL",
    "Prefilter",
    "StartGuard",
    "TextLiterals",
    "may_contain",
    "pattern_prefilter",
    "prefilter_for",
    "prefilter_safe",
    "refresh_literal_index",
    "required_literals",
    "scans_remembered",
    "start_guard",
    "text_literals",
]
