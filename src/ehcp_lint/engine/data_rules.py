"""Data rules: phrase lists and patterns in TOML files that a QA lead can edit.

One rule per file (``rules/PRV001-non-committal-provision.toml``), in the spirit
of proselint's checks-as-data and SQLFluff's one-rule-per-file. A file says
what to match and where; the engine compiles the phrases into spaCy
``PhraseMatcher``/``Matcher`` objects once per process and shares one parse of
each block between all rules. Example of the format::

    code = "PRV001"
    name = "non-committal-provision"
    category = "vague-provision"
    severity = "warning"
    sections = ["F", "G", "H1", "H2"]
    kinds = ["paragraph", "list_item", "table_cell"]
    message = "'{match}' does not commit to provision that can be enforced."
    suggestion = "Say exactly what will be provided, by whom and how often."

    [doc]
    summary = "..."
    why = "..."
    source = "SEND Code of Practice 9.69"
    poor = { section = "F", text = "Sam will have access to speech therapy." }
    better = { section = "F", text = "A speech and language therapist will ..." }

    [[match]]
    phrases = ["access to", "opportunities to"]   # whole words, any case
    suggestion = "Name the provision itself ..."   # optional, per group

    [[match]]
    pattern = [{ LOWER = "up" }, { LOWER = "to" }, { LIKE_NUM = true }]   # spaCy Matcher

    [[match]]
    regex = '\\b\\d+\\s*[-–]\\s*\\d+\\s*(minutes|times)\\b'

    [[ignore]]
    regex = '\\bregular\\s+(class|classroom)'   # drop hits this overlaps
    # within = "sentence"  drops hits in any sentence this regex matches
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ehcp_lint.engine.prefilter import (
    MIN_LITERAL,
    SHORT_LITERAL,
    Prefilter,
    StartGuard,
    TextLiterals,
    pattern_prefilter,
    prefilter_safe,
    start_guard,
    text_literals,
)
from ehcp_lint.engine.rule import (
    Hit,
    Rule,
    RuleContext,
    RuleDoc,
    Scope,
    TextUnit,
    UnitKind,
    validate_rule,
)
from ehcp_lint.errors import ConfigError
from ehcp_lint.report import Category, Severity

if TYPE_CHECKING:
    from spacy.matcher import Matcher, PhraseMatcher
    from spacy.tokens import Doc


_DEFAULT_KINDS: tuple[UnitKind, ...] = ("paragraph", "list_item", "table_cell")


class MatchSpec(BaseModel):
    """One group of things to match, with optional message/suggestion for the group."""

    model_config = ConfigDict(extra="forbid")

    phrases: list[str] = Field(default_factory=list)
    attr: Literal["LOWER", "LEMMA", "ORTH"] = "LOWER"
    pattern: list[dict[str, Any]] | None = None
    regex: str | None = None
    case_sensitive: bool = False
    #: The regex's required literal is short but rare in plan text ("XX"): prefilter on it
    #: anyway, so the rule is skipped for units without it (see ``prefilter.SHORT_LITERAL``).
    short_literals: bool = False
    message: str | None = None
    suggestion: str | None = None


class IgnoreSpec(BaseModel):
    """An exception: hits overlapped by (or in a sentence matched by) ``regex`` are dropped."""

    model_config = ConfigDict(extra="forbid")

    regex: str
    within: Literal["overlap", "sentence", "unit"] = "overlap"
    case_sensitive: bool = False


class DataRuleSpec(BaseModel):
    """The schema of a rule file. Unknown keys are errors (a typo must not pass silently)."""

    model_config = ConfigDict(extra="forbid")

    code: str
    name: str
    category: Category
    severity: Severity = Severity.WARNING
    sections: list[str] | None = None
    kinds: list[UnitKind] = Field(default_factory=lambda: list(_DEFAULT_KINDS))
    include_front_matter: bool = False
    message: str
    suggestion: str = ""
    doc: RuleDoc
    match: list[MatchSpec]
    ignore: list[IgnoreSpec] = Field(default_factory=list)


#: One exception (``[[ignore]]``): its pattern, where it applies, its start guard and its
#: literal prefilter (None when the guard already says where a match can begin, or when the
#: pattern spells no literal).
_Exception = tuple[
    re.Pattern[str], Literal["overlap", "sentence", "unit"], StartGuard | None, Prefilter | None
]


def _exception(rx: re.Pattern[str], within: Literal["overlap", "sentence", "unit"]) -> _Exception:
    """An exception compiled with what lets ``_ignored`` skip it without a search.

    A start guard is the sharper test (it also says where to look), so the literal
    prefilter is kept only for a pattern without one. Such a pattern is tried at every
    position of the unit, and some exceptions read a whole sentence from each position
    (PRV007's "as advised by <specialist> ... every week" looks ahead for the frequency
    from every word): about 0.2 ms a hit on a hundred-character cell, most of a data
    rule's time on a plan, although the words it needs ("as advised") were in none of
    the cells it was asked about.
    """
    guard = start_guard(rx)
    usable_guard = guard is not None and guard.regex is not None and not guard.at_start
    return rx, within, guard, None if usable_guard else pattern_prefilter(rx)


@dataclass(slots=True)
class _Compiled:
    """A rule file compiled once per process: matchers, patterns and their prefilters.

    Each phrase matcher and each regex carries a :class:`Prefilter` (literals one
    of which must appear for it to match; ``None`` when there is no such set), and
    ``prefilter`` joins them all: when it says no, the unit is skipped without
    running a pattern or parsing the unit (see :mod:`ehcp_lint.engine.prefilter`).
    """

    phrase_matchers: list[tuple[PhraseMatcher, int, Prefilter | None]]
    token_matcher: Matcher | None
    token_groups: dict[str, int]
    regexes: list[tuple[re.Pattern[str], int, Prefilter | None]]
    #: Each exception's pattern, where it applies, its start guard and, when it has no usable
    #: guard, the literals one of which its match must hold (see ``_ignored``).
    ignores: list[_Exception]
    prefilter: Prefilter | None
    groups: _GroupChoice


class _GroupChoice:
    """Which of a rule's phrase lists and regexes to run, from the literals a unit's scan found.

    Each group with a prefilter gets one bit and each of its literals maps to it, so
    a unit's literals choose the groups to run with a few dictionary look-ups instead
    of asking every group's prefilter in turn (TPL001 has fifteen groups); the choice
    per combination of bits is remembered. Groups without a prefilter always run. A
    scan older than the groups' prefilters (:attr:`generation`) is not used here: the
    rule then asks each prefilter itself, as before.

    Each chosen regex comes with its :class:`~ehcp_lint.engine.prefilter.StartGuard`
    (None when its matches could begin anywhere), so that it is tried only where a
    match can begin.
    """

    __slots__ = ("_bits", "_chosen", "always", "generation", "guards", "phrases", "regexes")

    #: Combinations of groups remembered (a rule sees a few dozen).
    MAX_CHOICES = 1024

    def __init__(
        self,
        phrases: list[tuple[PhraseMatcher, int, Prefilter | None]],
        regexes: list[tuple[re.Pattern[str], int, Prefilter | None]],
        guards: list[StartGuard | None] | None = None,
    ) -> None:
        self.phrases = phrases
        self.regexes = regexes
        self.guards: list[StartGuard | None] = (
            guards if guards is not None else [start_guard(rx) for rx, _, _ in regexes]
        )
        self._bits: dict[str, int] = {}
        self.generation = 0
        self.always = False
        for n, (_, _, prefilter) in enumerate([*phrases, *regexes]):
            if prefilter is None:
                self.always = True
                continue
            self.generation = max(self.generation, prefilter.generation)
            for literal in prefilter.literals:
                self._bits[literal] = self._bits.get(literal, 0) | 1 << n
        self._chosen: dict[int, _Chosen] = {}

    def chosen(self, found: tuple[str, ...]) -> _Chosen | None:
        """The phrase matchers and regexes that may match a text holding ``found`` (None: none)."""
        mask = 0
        bits = self._bits
        for literal in found:
            mask |= bits.get(literal, 0)
        if not mask and not self.always:
            return None
        known = self._chosen.get(mask)
        if known is None:
            if len(self._chosen) >= self.MAX_CHOICES:
                self._chosen.clear()
            n_phrases = len(self.phrases)
            known = self._chosen[mask] = (
                [
                    (pm, g)
                    for n, (pm, g, p) in enumerate(self.phrases)
                    if p is None or mask >> n & 1
                ],
                [
                    (rx, g, guard)
                    for n, ((rx, g, p), guard) in enumerate(
                        zip(self.regexes, self.guards, strict=True), n_phrases
                    )
                    if p is None or mask >> n & 1
                ],
            )
        return known


#: The phrase matchers and regexes to run for one unit, each with its group's index (and
#: each regex with its start guard).
_Chosen = tuple[
    list[tuple["PhraseMatcher", int]],
    list[tuple[re.Pattern[str], int, StartGuard | None]],
]


def _phrase_prefilter(docs: list[Doc], attr: str) -> Prefilter | None:
    """Literals for a phrase list: each phrase's longest token must be in the text."""
    if attr == "LEMMA":
        return None  # a lemma need not be spelt in the text
    literals = []
    for doc in docs:
        words = [t.text for t in doc if not t.is_space]
        if not words:
            return None
        literals.append(max(words, key=len).lower())
    return Prefilter.of(literals)


class DataRule(Rule):
    """A rule whose behaviour comes entirely from a :class:`DataRuleSpec`."""

    _cache: ClassVar[dict[str, _Compiled]] = {}

    def __init__(self, spec: DataRuleSpec, origin: str) -> None:
        super().__init__()
        self.spec = spec
        self.code = spec.code
        self.name = spec.name
        self.category = spec.category
        self.severity = spec.severity
        self.scope = Scope(
            level="block",
            sections=tuple(spec.sections) if spec.sections else None,
            kinds=tuple(spec.kinds),
            include_front_matter=spec.include_front_matter,
        )
        self.doc = spec.doc
        self.origin = origin
        self._own: _Compiled | None = None

    # -- compilation -------------------------------------------------------------
    def prepare(self) -> None:
        self._compiled()

    def _compiled(self) -> _Compiled:
        compiled = self._own
        if compiled is not None:
            return compiled
        key = f"{self.origin}:{self.code}"
        compiled = DataRule._cache.get(key)
        if compiled is None:
            compiled = self._compile()
            DataRule._cache[key] = compiled
        self._own = compiled
        return compiled

    def _compile(self) -> _Compiled:
        from spacy.matcher import Matcher, PhraseMatcher

        from ehcp_lint.engine.nlp import get_nlp

        nlp = get_nlp()
        phrase_matchers: list[tuple[PhraseMatcher, int, Prefilter | None]] = []
        token_matcher: Matcher | None = None
        token_groups: dict[str, int] = {}
        regexes: list[tuple[re.Pattern[str], int, Prefilter | None]] = []
        guards: list[StartGuard | None] = []
        for i, group in enumerate(self.spec.match):
            if group.phrases:
                pm = PhraseMatcher(nlp.vocab, attr=group.attr)
                # make_doc is enough for LOWER/ORTH; LEMMA needs the pipeline.
                maker = nlp if group.attr == "LEMMA" else nlp.make_doc
                docs = [maker(p) for p in group.phrases]
                pm.add(f"{self.code}-{i}", docs)
                phrase_matchers.append((pm, i, _phrase_prefilter(docs, group.attr)))
            if group.pattern:
                if token_matcher is None:
                    token_matcher = Matcher(nlp.vocab)
                label = f"{self.code}-p{i}"
                token_matcher.add(label, [group.pattern])
                token_groups[label] = i
            if group.regex:
                flags = 0 if group.case_sensitive else re.IGNORECASE
                rx = re.compile(group.regex, flags)
                floor = SHORT_LITERAL if group.short_literals else MIN_LITERAL
                regexes.append((rx, i, pattern_prefilter(rx, min_weight=floor)))
                guards.append(start_guard(rx))  # right after: the pattern is parsed once
        ignores = []
        for ig in self.spec.ignore:
            ignore_rx = re.compile(ig.regex, 0 if ig.case_sensitive else re.IGNORECASE)
            ignores.append(_exception(ignore_rx, ig.within))
        prefilter = None
        if token_matcher is None:  # token patterns (LIKE_NUM, LEMMA...) spell no literal
            prefilter = Prefilter.union(
                [p for _, _, p in phrase_matchers] + [p for _, _, p in regexes]
            )
        return _Compiled(
            phrase_matchers,
            token_matcher,
            token_groups,
            regexes,
            ignores,
            prefilter,
            _GroupChoice(phrase_matchers, regexes, guards),
        )

    # -- checking ----------------------------------------------------------------
    def unit_prefilter(self) -> Prefilter | None:
        return self._compiled().prefilter

    def check_unit(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Hit]:
        compiled = self._compiled()
        present = text_literals(unit.text)  # the runner's scan of this text, remembered
        if (
            present is not None
            and compiled.token_matcher is None
            and present.generation >= compiled.groups.generation
        ):
            # The common case: the scan says which groups may match, usually none.
            chosen = compiled.groups.chosen(present.found)
            if chosen is None:
                return ()
            spans = self._chosen_spans(unit, chosen, present.lowered)
            if not spans:
                return ()
            return self._outside_residue(unit, ctx, list(self._hits_from(unit, compiled, spans)))
        prefilter = compiled.prefilter
        if present is not None and prefilter is not None and not present.admits(prefilter):
            return ()  # nothing here, found without a pattern or a parse
        return self._outside_residue(unit, ctx, list(self._hits(unit, compiled, present)))

    def _outside_residue(self, unit: TextUnit, ctx: RuleContext, hits: list[Hit]) -> list[Hit]:
        """``hits`` less those lying wholly inside template residue, for a block category that
        judges real text (vague or unquantified provision, outcomes, language, needs).

        Words inside a template's prompt ("[How often - e.g. weekly]") are the template's, not the
        plan writer's: under the labelling conventions residue carries only placeholder-text, which
        the placeholder rules report. The residue is asked for only once a hit is found (it is
        remembered per unit), so a plan with no hits pays nothing. Found on the twenty-fifth
        held-out set (an open-list 'e.g.' inside a bracketed frequency prompt).
        """
        if not hits or self.category not in _REAL_TEXT_CATEGORIES or not _may_hold_worded_residue(unit.text):
            return hits
        residue = ctx.template_residue(unit)
        if not residue:
            return hits
        return [
            hit
            for hit in hits
            if hit.start is None
            or hit.end is None
            or not any(s <= hit.start and hit.end <= e for s, e in residue)
        ]

    @staticmethod
    def _chosen_spans(
        unit: TextUnit, chosen: _Chosen, lowered: str | None = None
    ) -> list[tuple[int, int, int]]:
        """:meth:`_raw_spans` for the groups the scan chose (same spans, same order).

        ``lowered`` is the scan's lower-cased text (worked out here when not given): a
        regex with a start guard is tried only where the guard finds a place its match
        can begin (usually nowhere). A text the scan would not lower-case runs every regex.
        """
        if lowered is None and prefilter_safe(unit.text):
            lowered = unit.text.lower()
        phrase_matchers, regexes = chosen
        spans: list[tuple[int, int, int]] = []
        if phrase_matchers:
            doc = unit.doc  # parsed here, on first use, only when a matcher may match
            if doc is not None:
                for pm, group_index in phrase_matchers:
                    for _, s, e in pm(doc):
                        span = doc[s:e]
                        spans.append((span.start_char, span.end_char, group_index))
        text = unit.text
        for rx, group_index, guard in regexes:
            if guard is not None and lowered is not None:
                regex = guard.regex
                if regex is not None and not guard.at_start and regex.search(lowered) is None:
                    continue  # nowhere for a match to begin: the usual answer, without a call
                spans.extend(
                    (start, end, group_index) for start, end in guard.spans(rx, text, lowered)
                )
                continue
            for m in rx.finditer(text):
                start, end = m.span()
                if end > start:
                    spans.append((start, end, group_index))
        return spans

    def _hits(
        self, unit: TextUnit, compiled: _Compiled, present: TextLiterals | None
    ) -> Iterator[Hit]:
        spans = list(self._raw_spans(unit, compiled, present))
        if spans:
            yield from self._hits_from(unit, compiled, spans)

    def _hits_from(
        self, unit: TextUnit, compiled: _Compiled, spans: list[tuple[int, int, int]]
    ) -> Iterator[Hit]:
        if len(spans) > 1:
            spans = _longest_first(spans)
        for start, end, group_index in spans:
            if compiled.ignores and self._ignored(unit, compiled, start, end):
                continue
            group = self.spec.match[group_index]
            matched = unit.text[start:end]
            message = (group.message or self.spec.message).format(match=matched)
            suggestion = (group.suggestion or self.spec.suggestion).format(match=matched)
            yield Hit(message=message, suggestion=suggestion, start=start, end=end)

    def _raw_spans(
        self, unit: TextUnit, compiled: _Compiled, present: TextLiterals | None
    ) -> Iterator[tuple[int, int, int]]:
        def wanted(prefilter: Prefilter | None) -> bool:
            return present is None or prefilter is None or present.admits(prefilter)

        phrase_matchers = [(pm, g) for pm, g, p in compiled.phrase_matchers if wanted(p)]
        if phrase_matchers or compiled.token_matcher is not None:
            doc = unit.doc  # parsed here, on first use, only when a matcher may match
            if doc is not None:
                for pm, group_index in phrase_matchers:
                    for _, s, e in pm(doc):
                        span = doc[s:e]
                        yield span.start_char, span.end_char, group_index
                if compiled.token_matcher is not None:
                    vocab_strings = doc.vocab.strings
                    for match_id, s, e in compiled.token_matcher(doc):
                        span = doc[s:e]
                        label = vocab_strings[match_id]
                        yield span.start_char, span.end_char, compiled.token_groups[label]
        for rx, group_index, prefilter in compiled.regexes:
            if not wanted(prefilter):
                continue
            for m in rx.finditer(unit.text):
                if m.end() > m.start():
                    yield m.start(), m.end(), group_index

    def _ignored(self, unit: TextUnit, compiled: _Compiled, start: int, end: int) -> bool:
        text = unit.text
        lowered = text.lower() if prefilter_safe(text) else None
        for rx, within, guard, literals in compiled.ignores:
            if literals is not None and lowered is not None and not literals.may_match(lowered):
                continue  # none of the words its match needs is in the unit
            if guard is not None and lowered is not None:
                regex = guard.regex
                if regex is not None and not guard.at_start and regex.search(lowered) is None:
                    # Nowhere in the unit can this exception's match begin, so it matches in
                    # no sentence either: skipped without a search (or a parse for the sentence).
                    continue
            if within == "unit":
                if rx.search(unit.text):
                    return True
                continue
            if within == "sentence":
                s0, s1 = _sentence_bounds(unit, start)
                if rx.search(unit.text, s0, s1):
                    return True
                continue
            for m in rx.finditer(unit.text):
                if m.start() < end and start < m.end():
                    return True
        return False


def _sentence_bounds(unit: TextUnit, offset: int) -> tuple[int, int]:
    doc = unit.doc
    if doc is None:
        return 0, len(unit.text)
    for sent in doc.sents:
        if sent.start_char <= offset < sent.end_char:
            return sent.start_char, sent.end_char
    return 0, len(unit.text)


def _longest_first(spans: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Drop spans overlapped by a longer one, keep text order (like ``filter_spans``)."""
    chosen: list[tuple[int, int, int]] = []
    for span in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        if all(span[1] <= c[0] or span[0] >= c[1] for c in chosen):
            chosen.append(span)
    return sorted(chosen)


def load_data_rule(
    path: Path, origin_prefix: str = "data", *, check_patterns: bool = True
) -> DataRule:
    """Read and validate one rule file; errors name the file and the bad key.

    ``check_patterns`` compiles each ``match.regex`` now, so a broken pattern in a
    QA team's own rule is reported when the rules are loaded, naming the file. The
    rules shipped with ehcp-lint are checked by the test suite instead
    (``tests/test_lazy_compile.py``): compiling their ~70 patterns at every start-up
    cost ``ehcp-lint rules`` about 11 ms for nothing, and a linter compiles them on
    first use anyway (:meth:`DataRule.prepare`).
    """
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read rule file ({exc.__class__.__name__})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    try:
        spec = DataRuleSpec.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"{path}: {where}: {first['msg']}") from exc
    rule = DataRule(spec, origin=f"{origin_prefix}:{path.name}")
    problems = validate_rule(rule)
    if problems:
        raise ConfigError(f"{path}: {problems[0]}")
    for group in spec.match if check_patterns else ():
        if group.regex:
            try:  # with the flags the rule compiles it with: re's own cache then serves that compile
                re.compile(group.regex, 0 if group.case_sensitive else re.IGNORECASE)
            except re.error as exc:
                raise ConfigError(f"{path}: match.regex is not a valid pattern: {exc}") from exc
    return rule


def load_rule_folder(
    folder: Path, origin_prefix: str = "data", *, check_patterns: bool = True
) -> tuple[list[DataRule], list[str]]:
    """Every ``*.toml`` rule in ``folder`` (sorted); per-file problems are returned, not raised."""
    rules: list[DataRule] = []
    problems: list[str] = []
    for path in sorted(folder.glob("*.toml")):
        try:
            rules.append(load_data_rule(path, origin_prefix, check_patterns=check_patterns))
        except ConfigError as exc:
            problems.append(str(exc))
    return rules, problems


#: The category whose rules say what is template residue (``RuleContext.template_residue``).
RESIDUE_CATEGORY = "placeholder-text"

#: Marks of residue that can hold words another rule matches (a bracketed or merge-field prompt,
#: dummy text, a note to the writer); cheap literals asked before the placeholder rules are run.
_WORDED_RESIDUE_MARKS = ("[", "{", "<")
_WORDED_RESIDUE_WORDS = ("lorem", "click", "guidance", "delete", "insert", "enter", "template")


def _may_hold_worded_residue(text: str) -> bool:
    if any(mark in text for mark in _WORDED_RESIDUE_MARKS):
        return True
    lowered = text.lower()
    return any(word in lowered for word in _WORDED_RESIDUE_WORDS)


#: Block categories about the plan writer's own words, whose hits inside template residue are
#: dropped (see ``DataRule._outside_residue``). Out-of-date statement wording is not among them:
#: an old template's prompt ("[Part 3 ...]") still shows an old template.
_REAL_TEXT_CATEGORIES = frozenset(
    {
        "vague-provision",
        "unquantified-provision",
        "non-smart-outcome",
        "deficit-language",
        "jargon",
        "diagnostic-need",
    }
)


@cache
def builtin_residue_rules() -> tuple[DataRule, ...]:
    """The shipped placeholder-text rules (fields and prompts, guidance, choices not made), loaded once.

    Their patterns compile on first use, like any data rule's.
    """
    from ehcp_lint.engine.registry import builtin_rules_dir

    rules, _ = load_rule_folder(builtin_rules_dir(), check_patterns=False)
    return tuple(r for r in rules if r.category == RESIDUE_CATEGORY and r.scope.level == "block")


def residue_rules(active: Iterable[Rule]) -> tuple[Rule, ...]:
    """What judges template residue for a run: its active placeholder-text block rules (plugins and a
    team's own rules included), then every built-in one it does not have by code.

    The built-in ones count even when a user ignores them: ``--ignore TPL001`` asks not to be told
    about placeholders, not for "Lorem ipsum ..." to be read as a provision owed its frequency.
    """
    mine = tuple(r for r in active if r.category == RESIDUE_CATEGORY and r.scope.level == "block")
    codes = {r.code for r in mine}
    return mine + tuple(r for r in builtin_residue_rules() if r.code not in codes)
