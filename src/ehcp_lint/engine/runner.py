"""Run the selected rules over a plan and produce its :class:`PlanReport`.

Each text unit some block rule will read gets the shared spaCy pipeline as its
parser; the parse is made the first time a rule asks for ``unit.doc`` and every
other rule reads that same parse. Most rules read plain text with regular
expressions, so most units are never parsed at all. Findings come out in plan
order, deterministically, and the same words are never reported twice under the
same category, however many rules notice them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from ehcp_lint.config import Config
from ehcp_lint.engine.data_rules import residue_rules
from ehcp_lint.engine.dispatch import Dispatch
from ehcp_lint.engine.gc_policy import after_start_up, collector_paused
from ehcp_lint.engine.plan_memos import forget_plan
from ehcp_lint.engine.prefilter import refresh_literal_index, scans_remembered
from ehcp_lint.engine.registry import Registry, load_registry
from ehcp_lint.engine.rule import Hit, Rule, RuleContext, TextUnit
from ehcp_lint.engine.selection import per_file_ignores, select_rules
from ehcp_lint.engine.units import plan_units
from ehcp_lint.model import SECTION_ORDER, Location, Plan
from ehcp_lint.report import Finding, PlanReport, PlanSummary, SectionSummary, Severity

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass
class RuleSet:
    """The rules one run uses, split by level."""

    rules: list[Rule]
    problems: list[str] = field(default_factory=list)

    @property
    def block_rules(self) -> list[Rule]:
        return [r for r in self.rules if r.scope.level == "block"]

    @property
    def plan_rules(self) -> list[Rule]:
        return [r for r in self.rules if r.scope.level == "plan"]

    @property
    def batch_rules(self) -> list[Rule]:
        return [r for r in self.rules if r.scope.level == "batch"]

    def for_path(self, path: str | None, config: Config) -> list[Rule]:
        extra = per_file_ignores(path, config.per_file_ignores)
        if not extra:
            return self.rules
        return select_rules(self.rules, ["ALL"], ignore=extra)


def build_ruleset(config: Config, registry: Registry | None = None) -> RuleSet:
    registry = registry or load_registry(config.rules_folders)
    rules = select_rules(registry, config.select, config.extend_select, config.ignore)
    return RuleSet(rules=rules, problems=list(registry.problems))


def parse_units(units: Sequence[TextUnit], model: str | None = None) -> None:
    """Parse every unit now (batched with ``nlp.pipe``), for callers that want all parses."""
    todo = [u for u in units if u.parsed is None]
    if not todo:
        return
    from ehcp_lint.engine.nlp import get_nlp

    nlp = get_nlp(model)
    for unit, doc in zip(todo, nlp.pipe(u.text for u in todo), strict=True):
        unit.doc = doc


def attach_parser(units: Iterable[TextUnit], model: str | None = None) -> None:
    """Let each unit parse itself on first use with the shared pipeline (at most once).

    The pipeline is looked up (and built, the first time in a process) only
    when some rule actually asks for a unit's ``doc``.
    """
    parser = partial(_parse, model)
    for unit in units:
        if unit.parsed is None:
            unit.parser = parser


def _parse(model: str | None, text: str) -> Doc:
    from ehcp_lint.engine.nlp import parse

    return parse(text, model)


class Linter:
    """Lints plans with one configuration; build once, reuse for many plans."""

    def __init__(self, config: Config | None = None, ruleset: RuleSet | None = None) -> None:
        self.config = config or Config()
        self.ruleset = ruleset or build_ruleset(self.config)
        #: The last plan's units, so that ``collect`` after ``lint_plan`` does not rebuild them.
        self._last_units: tuple[Plan, list[TextUnit]] | None = None
        #: The last dispatch built, reused while the rules and the literal index stay the same.
        self._dispatch: tuple[tuple[object, ...], Dispatch] | None = None
        #: The rules that judge template residue for the last rule list used (worked out once).
        self._residue: tuple[list[Rule], tuple[Rule, ...]] | None = None
        for rule in self.ruleset.rules:
            rule.prepare()
        after_start_up()  # in ehcp-lint's own processes: the collector never walks all this again

    # -- one plan ------------------------------------------------------------------
    def lint_plan(self, plan: Plan) -> PlanReport:
        # each text is scanned for literals once in this plan; no collection walks the plan meanwhile
        with scans_remembered(), collector_paused():
            return self._lint(plan)

    def _lint(self, plan: Plan) -> PlanReport:
        rules = self.ruleset.for_path(plan.source, self.config)
        block_rules = [r for r in rules if r.scope.level == "block"]
        plan_rules = [r for r in rules if r.scope.level == "plan"]
        units = self._units(plan)
        # literals registered since the last plan join the one scan; the dispatch follows
        dispatch = self._dispatch_for(block_rules, refresh_literal_index())
        wanted = [(u, scope) for u in units if (scope := dispatch.scope(u)) is not None]
        attach_parser((u for u, _ in wanted), self.config.nlp_model)
        ctx = RuleContext(
            plan=plan, config=self.config, units=units, residue_rules=self._residue_rules(rules)
        )
        order = {id(u): i for i, u in enumerate(units)}
        findings: list[tuple[tuple[float, int, str], Finding]] = []

        for unit, scope in wanted:
            # One scan of the unit for every rule's literals; a rule whose literals are
            # all absent cannot flag the unit and is not called (see engine.dispatch).
            for rule in dispatch.rules_for(unit, scope):
                ctx.rule_code = rule.code
                for hit in rule.check_unit(unit, ctx):
                    hit.unit = hit.unit or unit
                    findings.append(self._finding(rule, hit, plan, order))
        for rule in plan_rules:
            ctx.rule_code = rule.code
            for hit in rule.check_plan(plan, ctx):
                findings.append(self._finding(rule, hit, plan, order, units))
        return self._report(plan, _dedupe(findings))

    def collect(self, plan: Plan) -> dict[str, Any]:
        """What batch rules need from one plan (small and picklable), keyed by rule code."""
        rules = self.ruleset.for_path(plan.source, self.config)
        ctx = RuleContext(
            plan=plan,
            config=self.config,
            units=self._units(plan, reuse=True),
            residue_rules=self._residue_rules(rules),
        )
        out: dict[str, Any] = {}
        with scans_remembered():
            for rule in rules:
                if rule.scope.level == "batch":
                    out[rule.code] = rule.collect(plan, ctx)
        return out

    def plan_done(self) -> None:
        """The plan last linted and collected is done: let go of everything kept about it.

        Its units (kept for ``collect``) and the rules' per-plan memos
        (:func:`~ehcp_lint.engine.plan_memos.forget_plan`) would otherwise keep it
        alive until the next plan replaces them, and the batch's collection after
        each plan would walk it again. Only a shortcut is lost: linting the same
        plan again works it all out anew, with the same findings.
        """
        self._last_units = None
        forget_plan()

    # -- internals -----------------------------------------------------------------
    def _residue_rules(self, rules: list[Rule]) -> tuple[Rule, ...]:
        """The rules that judge template residue for this rule list (see ``RuleContext.template_residue``)."""
        known = self._residue
        if known is not None and known[0] is rules:
            return known[1]
        found = residue_rules(rules)
        self._residue = (rules, found)
        return found

    def _dispatch_for(self, block_rules: Sequence[Rule], generation: int) -> Dispatch:
        """The dispatch for these rules, their prefilters and this scanner generation (built once)."""
        key = (
            generation,
            *(id(r) for r in block_rules),
            *(id(r.unit_prefilter()) for r in block_rules),
        )
        known = self._dispatch
        if known is not None and known[0] == key:
            return known[1]
        dispatch = Dispatch(block_rules, generation)
        self._dispatch = (key, dispatch)
        return dispatch

    def _units(self, plan: Plan, *, reuse: bool = False) -> list[TextUnit]:
        """The plan's units; ``collect`` right after ``lint_plan`` of the same plan reuses them."""
        last, self._last_units = self._last_units, None
        if reuse and last is not None and last[0] is plan:
            return last[1]
        units = plan_units(plan)
        if not reuse:
            self._last_units = (plan, units)
        return units

    def _severity(self, rule: Rule, hit: Hit) -> Severity:
        override = self.config.severity.get(rule.code)
        if override is not None:
            return override
        return hit.severity or rule.severity

    def _finding(
        self,
        rule: Rule,
        hit: Hit,
        plan: Plan,
        order: dict[int, int],
        units: Sequence[TextUnit] = (),
    ) -> tuple[tuple[float, int, str], Finding]:
        unit = hit.unit
        if unit is None and hit.block is not None:
            unit = next((u for u in units if u.block is hit.block), None)
        if unit is not None:
            excerpt = unit.text
            start, end = hit.start, hit.end
            match = excerpt[start:end] if start is not None and end is not None else ""
            location = unit.location
            section = hit.section if hit.section is not None else unit.section_key
            anchor = float(order.get(id(unit), 0))
        else:
            excerpt, match, start, end = "", "", None, None
            section = hit.section
            sec = plan.section(section) if section else None
            location = sec.location if sec is not None else Location()
            anchor = _section_anchor(section, units, order)
        finding = Finding(
            code=rule.code,
            name=rule.name,
            category=rule.category,
            severity=self._severity(rule, hit),
            section=section,
            message=hit.message,
            suggestion=hit.suggestion,
            excerpt=excerpt,
            match=match,
            start=start,
            end=end,
            location=location,
            related=list(hit.related),
            order=anchor,
        )
        return (anchor, start if start is not None else -1, rule.code), finding

    def _report(
        self, plan: Plan, findings: list[tuple[tuple[float, int, str], Finding]]
    ) -> PlanReport:
        findings.sort(key=lambda pair: pair[0])
        ordered = [f for _, f in findings]
        return PlanReport(
            path=plan.source or "<plan>",
            format=plan.format,
            sections=section_summaries(plan),
            findings=ordered,
            summary=summarise(ordered),
        )


def _section_anchor(section: str | None, units: Sequence[TextUnit], order: dict[int, int]) -> float:
    """Plan-level findings sit just before the first unit of their section (or first of all)."""
    if section is None:
        return -1.0
    for u in units:
        if u.section_key == section:
            return order.get(id(u), 0) - 0.5
    # An absent section: place it where it would have been in statutory order.
    rank = SECTION_ORDER.index(section) if section in SECTION_ORDER else len(SECTION_ORDER)
    for u in units:
        key = u.section_key
        if key in SECTION_ORDER and SECTION_ORDER.index(key) > rank:
            return order.get(id(u), 0) - 0.75
    return float(len(units))


def _dedupe(
    findings: list[tuple[tuple[float, int, str], Finding]],
) -> list[tuple[tuple[float, int, str], Finding]]:
    """One finding per category for the same words: keep the most severe, then the longest."""
    ranked = sorted(
        findings,
        key=lambda p: (
            -p[1].severity.rank,
            -((p[1].end or 0) - (p[1].start or 0)),
            p[1].code,
        ),
    )
    kept: list[tuple[tuple[float, int, str], Finding]] = []
    seen: dict[tuple[str, str | None, Location, str], list[tuple[int, int]]] = {}
    for pair in ranked:
        f = pair[1]
        if f.start is None or f.end is None:
            key = (f.category, f.section, f.location, f.message)
            if key in seen:
                continue
            seen[key] = []
            kept.append(pair)
            continue
        key = (f.category, f.section, f.location, f.excerpt)
        spans = seen.setdefault(key, [])
        if any(f.start < e and s < f.end for s, e in spans):
            continue
        spans.append((f.start, f.end))
        kept.append(pair)
    return kept


def section_summaries(plan: Plan) -> dict[str, SectionSummary]:
    out: dict[str, SectionSummary] = {}
    for key in SECTION_ORDER:
        sec = plan.section(key)
        if sec is None:
            if key != "H":
                out[key] = SectionSummary(present=False)
            continue
        out[key] = SectionSummary(present=True, blocks=len(sec.blocks), words=sec.words)
    return out


def summarise(findings: Iterable[Finding]) -> PlanSummary:
    items = list(findings)
    return PlanSummary(
        findings=len(items),
        by_severity=dict(Counter(f.severity.value for f in items)),
        by_category=dict(Counter(f.category for f in items)),
    )
