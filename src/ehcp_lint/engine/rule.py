"""What a rule is: metadata, documentation, scope, and the three ways to check.

One registry holds two kinds of rule with the same metadata: data rules
declared in TOML files under ``rules/`` (phrase lists and patterns a QA lead
can edit) and Python rules (subclasses of :class:`Rule`). Plugins add either
kind. A rule reads the :class:`~ehcp_lint.model.Plan` model only; it never
sees python-docx or pdfplumber objects.

A rule works at one of three levels:

* ``block`` — called once per text unit in scope (a paragraph, list item,
  heading, table cell or whole table row) with the unit's shared spaCy parse;
* ``plan`` — called once per plan, for facts about the whole plan;
* ``batch`` — called once per run with every plan, for cross-plan checks.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel

from ehcp_lint.engine.prefilter import Prefilter
from ehcp_lint.engine.residue_spans import deferral_end, filler_end, whole_note
from ehcp_lint.model import AreaOfNeed, Block, Cell, Location, Plan, Row, Section
from ehcp_lint.report import CATEGORIES, Category, Severity

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ehcp_lint.config import Config

RuleLevel = Literal["block", "plan", "batch"]
UnitKind = Literal["paragraph", "list_item", "heading", "table_cell", "table_row"]
UNIT_KINDS: tuple[UnitKind, ...] = ("paragraph", "list_item", "heading", "table_cell", "table_row")

_CODE_RE = re.compile(r"^[A-Z]{2,4}\d{3}$")
_NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


class Example(BaseModel):
    """A documented example: text placed in ``section`` (block rules) or a small plan.

    ``plan`` is Markdown of a whole (small) plan for plan-level rules; when it is
    given, ``text`` is ignored by the example meta-test. ``reference_date`` is the
    "today" a date rule judges the example by, so that an example of an up-to-date
    plan stays up to date.
    """

    text: str = ""
    section: str = "F"
    plan: str | None = None
    reference_date: dt.date | None = None


class RuleDoc(BaseModel):
    """Documentation every rule must carry (a meta-test enforces it)."""

    summary: str
    why: str
    source: str
    poor: Example
    better: Example


class Scope(BaseModel):
    """Where a block rule looks. ``sections=None`` means every section."""

    level: RuleLevel = "block"
    sections: tuple[str, ...] | None = None
    kinds: tuple[UnitKind, ...] = ("paragraph", "list_item", "table_cell")
    include_front_matter: bool = False


class Threshold(BaseModel):
    """A tunable number a rule declares; configuration may override it by name."""

    name: str
    default: float
    minimum: float | None = None
    maximum: float | None = None
    help: str = ""


@dataclass(slots=True)
class TextUnit:
    """One piece of text a block rule reads, with everything it may need to know.

    ``doc`` is the spaCy parse, shared by every rule that reads this unit. The
    engine gives each unit a parser, and the parse is made the first time a rule
    asks for ``doc`` and kept: a unit is parsed at most once, and a unit no rule
    parses (most rules read plain text with regular expressions) costs nothing.
    """

    kind: UnitKind
    text: str
    location: Location
    section: Section | None
    block: Block
    row: Row | None = None
    cell: Cell | None = None
    header: Sequence[str] = ()
    #: Character offsets of each cell's text inside a ``table_row`` unit's text.
    cell_spans: list[tuple[int, int]] = field(default_factory=list)
    #: The parse once made (or set by the caller); read it through ``doc``.
    parsed: Doc | None = field(default=None, repr=False, compare=False)
    #: Makes the parse on first use (the engine's shared pipeline); ``None`` for no parse.
    parser: Callable[[str], Doc] | None = field(default=None, repr=False, compare=False)

    @property
    def doc(self) -> Doc | None:
        """The spaCy parse of ``text``, made on first use; ``None`` when there is no parser."""
        if self.parsed is None and self.parser is not None:
            self.parsed = self.parser(self.text)
            self.parser = None
        return self.parsed

    @doc.setter
    def doc(self, value: Doc | None) -> None:
        self.parsed = value
        self.parser = None

    @property
    def section_key(self) -> str | None:
        return self.section.key if self.section is not None else None

    @property
    def area_of_need(self) -> AreaOfNeed | None:
        return self.block.area_of_need

    @property
    def column_name(self) -> str | None:
        if self.cell is not None:
            return self.cell.column_name
        return self.block.column_name


@dataclass(slots=True)
class Hit:
    """What a rule returns: a span of a unit's text (block level), or a plan-level fact.

    For a block rule, ``start``/``end`` index into the unit's ``text``.
    For a plan rule, give ``section`` (or ``None`` for the whole plan) and,
    optionally, the ``unit`` or ``block`` the finding is best anchored to.
    """

    message: str
    suggestion: str = ""
    start: int | None = None
    end: int | None = None
    section: str | None = None
    unit: TextUnit | None = None
    block: Block | None = None
    severity: Severity | None = None
    related: list[str] = field(default_factory=list)
    #: For batch hits: which plan (index into the batch) the finding belongs to,
    #: and the excerpt/location to show, since batch rules never hold whole plans.
    plan_index: int | None = None
    excerpt: str = ""
    location: Location | None = None
    #: For batch hits: the unit's position in plan order (``RuleContext.ordinal``).
    order: float | None = None


@dataclass(slots=True)
class RuleContext:
    """What a rule may consult besides the text: the plan, configuration, helpers."""

    plan: Plan
    config: Config
    units: list[TextUnit]
    rule_code: str = ""
    _ordinals: dict[int, int] | None = None
    #: The rules whose matches are template residue (category ``placeholder-text``); ``None``
    #: means the built-in ones. The runner passes the active ones (see :meth:`template_residue`).
    residue_rules: Sequence[Rule] | None = None
    _residue: dict[int, tuple[tuple[int, int], ...]] | None = None

    def threshold(self, rule: Rule, name: str) -> float:
        """A threshold's value: configuration ``thresholds."CODE.name"`` or the default."""
        return self.config.threshold_for(rule, name)

    @property
    def vocabulary(self) -> frozenset[str]:
        return self.config.vocabulary_set

    def ordinal(self, unit: TextUnit) -> int:
        """The unit's position in plan order (batch rules record it in ``collect``)."""
        index = self._ordinals
        if index is None:
            index = self._ordinals = {id(u): i for i, u in enumerate(self.units)}
        return index.get(id(unit), len(self.units))

    def units_in(self, *sections: str) -> Iterator[TextUnit]:
        for u in self.units:
            if u.section_key in sections:
                yield u

    def template_residue(self, unit: TextUnit) -> tuple[tuple[int, int], ...]:
        """The spans of ``unit.text`` the placeholder-text rules find to be template residue.

        One answer to "is this text left over from the template?" for every rule that
        must not also report residue as something else (an unquantified provision made
        of "Lorem ipsum ..." is placeholder text, not provision). The rules asked are
        ``residue_rules`` (the runner passes the active placeholder-text rules, plugins
        included, together with the built-in ones even when a user ignores them:
        ignoring a rule silences its reports, it does not make template residue real
        text). A note to the writer (a rule whose name says ``guidance``) is residue as
        a whole sentence or bracketed note, not just the words that gave it away.

        Worked out on demand, once per unit of the plan, so a plan no rule asks about
        costs nothing; spans are sorted, each once, and may overlap.
        """
        memo = self._residue
        if memo is None:
            memo = self._residue = {}
        key = id(unit)
        known = memo.get(key)
        if known is not None:
            return known
        rules = self.residue_rules
        if rules is None:
            from ehcp_lint.engine.data_rules import builtin_residue_rules

            rules = builtin_residue_rules()
        text = unit.text
        spans: list[tuple[int, int]] = []
        asking = self.rule_code
        try:
            for rule in rules:
                self.rule_code = rule.code
                note = "guidance" in rule.name
                for hit in rule.check_unit(unit, self):
                    if hit.start is None or hit.end is None:
                        continue
                    if note:
                        spans.append(whole_note(text, hit.start, hit.end))
                    elif text.startswith(("Lorem", "lorem", "LOREM"), hit.start):
                        spans.append((hit.start, filler_end(text, hit.end)))
                    else:
                        spans.append((hit.start, deferral_end(text, hit.start, hit.end)))
        finally:
            self.rule_code = asking
        found = memo[key] = tuple(sorted(set(spans)))
        return found


class Rule:
    """Base class for Python rules; data rules are instances of a subclass too.

    Subclasses set the class attributes and override one of :meth:`check_unit`,
    :meth:`check_plan` or :meth:`check_batch`, matching ``scope.level``.
    """

    code: str = ""
    name: str = ""
    category: Category
    severity: Severity = Severity.WARNING
    scope: Scope = Scope()
    doc: RuleDoc
    thresholds: tuple[Threshold, ...] = ()
    #: Where the rule came from: "builtin", "data:<file>", "plugin:<entry point>", "local:<path>".
    origin: str = "builtin"

    # Data rules set these per instance; Python rules use the class attributes.
    def __init__(self) -> None:
        pass

    @property
    def family(self) -> str:
        return re.sub(r"\d+$", "", self.code)

    def check_unit(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Hit]:
        """Block level: findings in one unit of text."""
        return ()

    def check_plan(self, plan: Plan, ctx: RuleContext) -> Iterable[Hit]:
        """Plan level: findings about the plan as a whole."""
        return ()

    def unit_prefilter(self) -> Prefilter | None:
        """Literals one of which is in the lower-cased text of every unit this rule can flag.

        The runner scans each unit once for the literals of every rule and calls
        :meth:`check_unit` only where one of the rule's literals occurs. ``None``
        (the default) promises nothing: the rule reads every unit in its scope.
        A rule that returns a prefilter must never flag a unit without one of
        its literals (:func:`ehcp_lint.engine.prefilter.pattern_prefilter` works
        such literals out of a regular expression).
        """
        return None

    def collect(self, plan: Plan, ctx: RuleContext) -> Any:
        """Batch level, in the worker: the small, picklable facts this rule needs from a plan.

        Batch rules never hold whole plans, so that a run over 20,000 plans keeps
        memory flat.
        """
        return None

    def check_batch(self, collected: Sequence[tuple[str, Any]], config: Config) -> Iterable[Hit]:
        """Batch level, in the parent: findings across every plan of one run.

        ``collected`` holds ``(plan path, what collect() returned)`` per plan in
        batch order; set ``Hit.plan_index`` to the index of the plan the finding is for.
        """
        return ()

    def prepare(self) -> None:
        """Compile matchers etc. Called once per process before the first check."""

    def metadata(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "category": self.category,
            "severity": self.severity.value,
            "level": self.scope.level,
            "sections": list(self.scope.sections) if self.scope.sections else None,
            "kinds": list(self.scope.kinds),
            "summary": self.doc.summary,
            "origin": self.origin,
        }

    def __repr__(self) -> str:
        return f"<Rule {self.code} {self.name}>"


def validate_rule(rule: Rule) -> list[str]:
    """Problems with a rule's metadata; an empty list means the rule is well formed."""
    problems: list[str] = []
    if not _CODE_RE.match(rule.code or ""):
        problems.append(f"code {rule.code!r} must be 2-4 capital letters and 3 digits, e.g. PRV001")
    if not _NAME_RE.match(rule.name or ""):
        problems.append(f"name {rule.name!r} must be kebab-case, e.g. vague-provision-wording")
    if getattr(rule, "category", None) not in CATEGORIES:
        problems.append(
            f"category {getattr(rule, 'category', None)!r} is not one of: {', '.join(CATEGORIES)}"
        )
    if not isinstance(rule.severity, Severity):
        problems.append("severity must be error, warning or info")
    doc = getattr(rule, "doc", None)
    if not isinstance(doc, RuleDoc):
        problems.append("doc (summary, why, source, poor and better examples) is missing")
    for kind in rule.scope.kinds:
        if kind not in UNIT_KINDS:
            problems.append(f"scope kind {kind!r} is not one of {', '.join(UNIT_KINDS)}")
    return problems


__all__ = [
    "UNIT_KINDS",
    "Example",
    "Hit",
    "Rule",
    "RuleContext",
    "RuleDoc",
    "RuleLevel",
    "Scope",
    "TextUnit",
    "Threshold",
    "UnitKind",
    "validate_rule",
]
