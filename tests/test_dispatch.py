"""The runner's dispatch calls exactly the rules whose prefilter lets a unit through.

``engine.dispatch`` chooses the block rules to call for a unit from the literals
one scan found in its text, instead of asking each rule's prefilter in turn.
Skipping a rule is only safe when its prefilter would have said no, so the
choice is checked against asking every rule one by one, on every unit of real
plans, on generated text, on text that must not be prefiltered and for a
prefilter registered after the dispatch was built.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from ehcp_lint.engine.dispatch import Dispatch, in_scope
from ehcp_lint.engine.prefilter import (
    Prefilter,
    refresh_literal_index,
    scans_remembered,
    text_literals,
)
from ehcp_lint.engine.rule import Hit, Rule, RuleContext, Scope, TextUnit
from ehcp_lint.engine.runner import Linter
from ehcp_lint.engine.units import plan_units
from ehcp_lint.model import Block, BlockKind, Location
from ehcp_lint.reading import load_plan

ROOT = Path(__file__).resolve().parent.parent
PLANS = [
    ROOT / "fixtures" / "plans" / "grid-ashdown.docx",
    ROOT / "fixtures" / "plans" / "heading-styles-northshire.docx",
    ROOT / "fixtures" / "plans" / "markdown-anytown.md",
]


@cache
def block_rules() -> list[Rule]:
    return [r for r in Linter().ruleset.rules if r.scope.level == "block"]


def one_by_one(rules: Iterable[Rule], unit: TextUnit) -> list[str]:
    """What the runner did before: every rule in scope asks its own prefilter."""
    present = text_literals(unit.text)
    chosen = []
    for rule in rules:
        if not in_scope(rule, unit.kind, unit.section_key):
            continue
        prefilter = rule.unit_prefilter()
        if prefilter is None or present is None or present.admits(prefilter):
            chosen.append(rule.code)
    return chosen


def dispatched(dispatch: Dispatch, unit: TextUnit) -> list[str]:
    scope = dispatch.scope(unit)
    return [] if scope is None else [r.code for r in dispatch.rules_for(unit, scope)]


def test_the_dispatch_chooses_exactly_the_rules_each_prefilter_admits_on_real_plans() -> None:
    rules = block_rules()
    skipped = called = 0
    for path in PLANS:
        units = plan_units(load_plan(path))
        with scans_remembered():
            dispatch = Dispatch(rules, refresh_literal_index())
            for unit in units:
                expected = one_by_one(rules, unit)
                assert dispatched(dispatch, unit) == expected, (path.name, unit.location)
                called += len(expected)
                in_scope_count = sum(in_scope(r, unit.kind, unit.section_key) for r in rules)
                skipped += in_scope_count - len(expected)
    assert called > 500 and skipped > 1000  # both directions really exercised


def _unit(text: str, kind: str = "paragraph") -> TextUnit:
    block = Block(kind=BlockKind.PARAGRAPH, text=text, location=Location())
    return TextUnit(kind=kind, text=text, location=Location(), section=None, block=block)  # type: ignore[arg-type]


@cache
def rule_literals() -> list[str]:
    found: set[str] = set()
    for rule in block_rules():
        prefilter = rule.unit_prefilter()
        if prefilter is not None:
            found |= prefilter.literals
    return sorted(found)


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_the_dispatch_agrees_with_the_prefilters_on_generated_text(data: st.DataObject) -> None:
    """Text made of the rules' own literals (any case, with filler), in every kind of unit."""
    literals = rule_literals()
    parts = data.draw(
        st.lists(
            st.one_of(
                st.sampled_from(literals).map(lambda s: s.upper() if len(s) % 2 else s.title()),
                st.sampled_from(literals),
                st.text(alphabet="abc XYZ.,()", max_size=6),
            ),
            max_size=6,
        )
    )
    kind = data.draw(st.sampled_from(["paragraph", "list_item", "table_cell", "table_row"]))
    unit = _unit(" ".join(parts), kind)
    rules = block_rules()
    with scans_remembered():
        dispatch = Dispatch(rules, refresh_literal_index())
        assert dispatched(dispatch, unit) == one_by_one(rules, unit)


def test_text_that_must_not_be_prefiltered_calls_every_rule_in_scope() -> None:
    rules = block_rules()
    unit = _unit("Zoë will have regular sessions")  # a cased accented letter
    with scans_remembered():
        dispatch = Dispatch(rules, refresh_literal_index())
        assert text_literals(unit.text) is None
        expected = [r.code for r in rules if in_scope(r, unit.kind, unit.section_key)]
        assert dispatched(dispatch, unit) == expected


class _LateRule(Rule):
    """A rule whose prefilter is made after the dispatch (a lexicon read lazily)."""

    code = "TST901"
    name = "late-prefilter"
    category = "jargon"
    scope = Scope(level="block", sections=None, kinds=("paragraph",), include_front_matter=True)

    def __init__(self) -> None:
        super().__init__()
        self.prefilter: Prefilter | None = None

    def unit_prefilter(self) -> Prefilter | None:
        return self.prefilter

    def check_unit(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Hit]:
        return ()


def test_a_prefilter_newer_than_the_dispatch_is_asked_itself() -> None:
    late = _LateRule()
    late.prefilter = Prefilter.of(["quokkalike wording"])  # registered now: newer than any scan
    with scans_remembered():
        dispatch = Dispatch([late], refresh_literal_index() - 1)  # as if built before it
        assert dispatched(dispatch, _unit("plain text about sessions")) == []
        assert dispatched(dispatch, _unit("some QUOKKALIKE wording here")) == ["TST901"]
