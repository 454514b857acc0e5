"""A data rule runs only the match groups the unit's literal scan chose, with the same hits.

``DataRule.check_unit`` picks the phrase lists and regexes to run from the
literals one scan found in the unit's text (``_GroupChoice``) instead of asking
each group's prefilter. A group is only safe to leave out when its prefilter
says no, so the spans and hits are compared with the rule's own group-by-group
path (``_raw_spans`` and ``_hits``) on every unit of real plans and on text made
of the rules' literals.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from ehcp_lint.config import Config
from ehcp_lint.engine.data_rules import DataRule
from ehcp_lint.engine.prefilter import refresh_literal_index, scans_remembered, text_literals
from ehcp_lint.engine.registry import load_registry
from ehcp_lint.engine.rule import RuleContext, TextUnit
from ehcp_lint.engine.units import plan_units
from ehcp_lint.model import Block, BlockKind, Location, Plan
from ehcp_lint.reading import load_plan

ROOT = Path(__file__).resolve().parent.parent
PLANS = [
    ROOT / "fixtures" / "plans" / "grid-ashdown.docx",
    ROOT / "fixtures" / "plans" / "heading-styles-northshire.docx",
    ROOT / "fixtures" / "plans" / "markdown-anytown.md",
    *sorted((ROOT / "benchmarks" / "eval" / "plans").glob("*.md"))[:6],
]


@cache
def data_rules() -> list[DataRule]:
    rules = [r for r in load_registry() if isinstance(r, DataRule)]
    for rule in rules:
        rule.prepare()
    refresh_literal_index()
    return rules


def _hit_rows(hits: object) -> list[tuple[object, ...]]:
    return [(h.start, h.end, h.message, h.suggestion) for h in hits]  # type: ignore[attr-defined]


def _compare(rule: DataRule, unit: TextUnit, ctx: RuleContext) -> int:
    """Spans and hits of the chosen groups against the group-by-group path; returns #spans."""
    compiled = rule._compiled()
    present = text_literals(unit.text)
    old_spans = list(rule._raw_spans(unit, compiled, present))
    old_hits = _hit_rows(rule._hits(unit, compiled, present))
    if present is not None and compiled.token_matcher is None:
        chosen = compiled.groups.chosen(present.found)
        new_spans = [] if chosen is None else rule._chosen_spans(unit, chosen)
        assert new_spans == old_spans, (rule.code, unit.text[:60])
    assert _hit_rows(rule.check_unit(unit, ctx)) == old_hits, (rule.code, unit.text[:60])
    return len(old_spans)


def test_chosen_groups_give_the_same_spans_and_hits_on_real_plans() -> None:
    rules = data_rules()
    spans = 0
    for path in PLANS:
        plan = load_plan(path)
        units = plan_units(plan)
        ctx = RuleContext(plan=plan, config=Config(), units=units)
        with scans_remembered():
            for unit in units:
                for rule in rules:
                    spans += _compare(rule, unit, ctx)
    assert spans > 50  # groups really matched, not only skipped


@cache
def group_literals() -> list[str]:
    found: set[str] = set()
    for rule in data_rules():
        compiled = rule._compiled()
        for _, _, prefilter in [*compiled.regexes, *compiled.phrase_matchers]:
            if prefilter is not None:
                found |= prefilter.literals
    return sorted(found)


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_chosen_groups_give_the_same_hits_on_generated_text(data: st.DataObject) -> None:
    literals = group_literals()
    words = data.draw(
        st.lists(
            st.one_of(
                st.sampled_from(literals),
                st.sampled_from(literals).map(str.upper),
                st.sampled_from(["will", "may", "be", "2", "10", "hours", "(", ")", "xx", ":"]),
            ),
            min_size=1,
            max_size=8,
        )
    )
    text = " ".join(words)
    block = Block(kind=BlockKind.PARAGRAPH, text=text, location=Location())
    unit = TextUnit(kind="paragraph", text=text, location=Location(), section=None, block=block)
    ctx = RuleContext(plan=Plan(format="txt"), config=Config(), units=[unit])
    with scans_remembered():
        for rule in data_rules():
            _compare(rule, unit, ctx)
