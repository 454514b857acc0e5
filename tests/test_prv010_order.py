"""What PRV010's order of questions relies on, checked on real plans.

PRV010 asks of a paragraph or list item what its context (heading, lead-in, table above)
answers before what the item itself says, and both before whether the item is provision at
all. That is only safe because

* the context completes an item's facts by "or": ``with_context(facts, above, text)`` is the
  item's own facts or'ed with what the context alone answers, whatever the own facts are; and
* every question is pure, so the findings are the ones the old order (provision first, own
  facts, then context) gives.

Both are checked on every paragraph and list item of F, G, H1 and H2 in the fixture plans, the
development evaluation plans, the 1x benchmark plan and the rule's own cases; all are invented.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Iterator
from functools import cache
from itertools import product
from pathlib import Path

from ehcp_lint.checks._provision import (
    ProvisionFacts,
    facts_for_text,
    hedges_how_often,
    is_field_line,
    key_adult_answers_who,
    prompted_fields,
)
from ehcp_lint.checks._prv010_context import (
    block_title,
    either,
    fields_below,
    item_before,
    lead_in_over_own_items,
    part_of_block_above,
    read_above,
    told_after,
    with_context,
)
from ehcp_lint.checks._prv010_is_provision import is_provision_text
from ehcp_lint.checks._prv010_items import NEXT_SENTENCE, anchor_for_text, inner_list
from ehcp_lint.checks._prv010_kinds import answered_by_kind
from ehcp_lint.checks._prv010_named import named_staff_answers_who
from ehcp_lint.checks._prv010_residue import count_words, quantity_left_open, without_guidance
from ehcp_lint.checks._prv010_who import names_provider
from ehcp_lint.checks.prv010_unquantified_provision import (
    _SERVICE_SECTIONS,
    UnquantifiedProvision,
    _describe,
    _wholly_residue,
)
from ehcp_lint.config import Config
from ehcp_lint.engine.rule import Hit, RuleContext, TextUnit
from ehcp_lint.engine.units import plan_units
from ehcp_lint.reading import load_plan
from ehcp_lint.testing import plan_from_markdown, plan_from_text

ROOT = Path(__file__).resolve().parent.parent
_PROVISION_SECTIONS = {"F", "G", "H1", "H2"}


@cache
def _contexts() -> tuple[RuleContext, ...]:
    files = sorted((ROOT / "fixtures" / "plans").glob("*.docx"))
    files += sorted((ROOT / "benchmarks" / "eval" / "plans").glob("*.md"))
    files += sorted((ROOT / "fixtures" / "sample").glob("*.docx"))
    # the benchmark plan (git-ignored; built by `make bench`) when it is there
    one_x = ROOT / "benchmarks" / "corpus" / "sizes" / "plan-1x.docx"
    if one_x.exists():
        files.append(one_x)
    assert files, "no plans to check against"
    plans = [load_plan(path) for path in files]
    # and every PRV010 rule case (flagged and passed), as the rule-case tests build them
    cases = tomllib.loads(
        (ROOT / "tests" / "rule_cases" / "PRV010.toml").read_text(encoding="utf-8")
    )
    for case in [case for kind in cases.values() for case in kind]:
        if "plan" in case:
            plans.append(plan_from_markdown(case["plan"]))
        elif "text" in case:
            plans.append(plan_from_text(case.get("section", "F"), case["text"]))
    return tuple(RuleContext(plan=plan, config=Config(), units=plan_units(plan)) for plan in plans)


def _items() -> Iterator[tuple[TextUnit, RuleContext]]:
    for ctx in _contexts():
        for unit in ctx.units:
            if (
                unit.kind in ("paragraph", "list_item")
                and unit.section is not None
                and unit.section.key in _PROVISION_SECTIONS
            ):
                yield unit, ctx


def _old_order(unit: TextUnit, ctx: RuleContext) -> Iterable[Hit]:
    """PRV010 on a paragraph or list item as it was written before: provision first, then the
    item's own facts, then its context. A lead-in and bullets inside one paragraph are judged
    bullet by bullet, as the rule does."""
    prompted = prompted_fields(unit.text)
    # a field line is skipped unless a field left as a prompt opens a real item ("Frequency: Enter
    # text. A carer will ..."), which is judged on the rest, its prompted questions unanswered
    field_line = is_field_line(unit.text) and (prompted is None or count_words(prompted.rest) < 2)
    inner = inner_list(unit.text) if not is_field_line(unit.text) else None
    if inner is not None:
        yield from UnquantifiedProvision()._check_inner_list(unit, ctx, *inner)
        return
    own = without_guidance(unit.text if prompted is None else prompted.rest)
    # a line of a block under its title ("Review: ..."), and a title read with its block's lines
    below = fields_below(unit, ctx)
    provision = is_provision_text(own, list_item=unit.kind == "list_item") or bool(
        below and block_title(own) and is_provision_text("\n".join([own, *below]))
    )
    if field_line or (not is_field_line(unit.text) and part_of_block_above(unit, ctx)) or not provision:
        return
    above = read_above(unit, ctx)
    if above.content_list:
        return
    facts = with_context(facts_for_text("\n".join([own, *below])), above, own)
    if facts.missing():
        facts = either(facts, item_before(unit, ctx))
    if facts.missing():
        facts = either(facts, told_after(unit, ctx))
    if facts.missing():
        facts = either(facts, answered_by_kind(unit.text))
    if prompted is not None:
        facts = prompted.withhold(facts)
    else:
        # a placeholder in the how often or how long slot answers neither ("for XX weeks")
        often, long = quantity_left_open(own)
        facts = ProvisionFacts(facts.frequency and not often, facts.duration and not long, facts.who)
    if not facts.missing():
        # a later sentence of a quantified block that opens a provision of its own is read alone
        if prompted is None:
            yield from UnquantifiedProvision()._check_later_sentences(unit, ctx, own, above)
            # ... and, when no later sentence hedges, a clause with a subject of its own likewise
            if not (hedges_how_often(own) and NEXT_SENTENCE.search(own)):
                yield from UnquantifiedProvision()._check_own_clauses(unit, ctx, own, above)
        return
    start, end = anchor_for_text(unit)
    missing = facts.missing()
    if not missing or _wholly_residue(unit, ctx):
        return
    if lead_in_over_own_items(unit, ctx):
        return
    who_left_open = prompted is not None and prompted.who
    if (
        not facts.who
        and not who_left_open
        and unit.section is not None
        and unit.section.key in _SERVICE_SECTIONS
        and names_provider(unit.text, unit.section.key)
    ):
        facts = ProvisionFacts(facts.frequency, facts.duration, True)
        missing = facts.missing()
        if not missing:
            return
    if (
        not facts.who
        and not who_left_open
        and (
            key_adult_answers_who(unit.text, ctx.units, unit.section_key)
            or named_staff_answers_who(unit.text, ctx.units)
        )
    ):
        facts = ProvisionFacts(facts.frequency, facts.duration, True)
        missing = facts.missing()
        if not missing:
            return
    yield Hit(message=f"This provision does not say {_describe(missing)}.", start=start, end=end)


def test_there_are_items_and_findings_to_compare() -> None:
    units = list(_items())
    assert len(units) > 200
    rule = UnquantifiedProvision()
    assert sum(1 for unit, ctx in units if list(rule.check_unit(unit, ctx))) > 40


def test_context_completes_own_facts_by_or() -> None:
    """For every item and every possible set of own facts, the context adds the same answers."""
    every = [ProvisionFacts(*bits) for bits in product((False, True), repeat=3)]
    for unit, ctx in _items():
        above = read_above(unit, ctx)
        own = without_guidance(unit.text)
        alone = with_context(ProvisionFacts(False, False, False), above, own)
        for facts in every:
            assert with_context(facts, above, own) == either(facts, alone), unit.text[:40]


def test_findings_are_those_of_the_old_order() -> None:
    rule = UnquantifiedProvision()
    compared = 0
    for unit, ctx in _items():
        now = [(h.message, h.start, h.end) for h in rule.check_unit(unit, ctx)]
        before = [(h.message, h.start, h.end) for h in _old_order(unit, ctx)]
        assert now == before, unit.text[:40]
        compared += 1
    assert compared > 200


def test_every_generic_actor_holds_a_word_the_who_cell_check_reads_first() -> None:
    """``names_generic_actor_only`` reads a "Who" cell's terms only when it holds one of
    ``_GENERIC_ACTOR_WORDS``: a lexicon term holding none of them would never be found."""
    from ehcp_lint import lexicons
    from ehcp_lint.checks._provision import _GENERIC_ACTOR_WORDS, names_generic_actor_only

    for term in lexicons.words("provision", "generic_actors"):
        assert any(word in term.lower() for word in _GENERIC_ACTOR_WORDS), term
        assert names_generic_actor_only(term[:1].upper() + term[1:]), term
    assert not names_generic_actor_only("A member of staff trained in Lego-based therapy")
    assert not names_generic_actor_only("Youth worker")
