"""PRV010 unquantified-provision: a provision item that does not say how often, how long or who.

A provision item is a paragraph or list item in F, G, H1 or H2, or one row of a
provision table read as a whole (a "How often" or "Who" column answers for the
row), or a block of a short title and its "What: / Who: / How often: / Review:" lines, read as
a whole in the same way. Headings, "None", lead-ins ending in a colon, bare template placeholders,
guidance notes and sentences that only state an aim or describe the child are
not provision items.
"""

from __future__ import annotations

from collections.abc import Iterable

from ehcp_lint.checks._provision import (
    ProvisionFacts,
    facts_for_row,
    facts_for_text,
    hedges_how_often,
    is_field_line,
    key_adult_answers_who,
    prompted_fields,
)
from ehcp_lint.checks._prv010_context import (
    NO_FACTS,
    SAME_AS_ABOVE,
    Above,
    above_table,
    block_title,
    either,
    fields_below,
    item_before,
    lead_in_over_own_items,
    part_of_block_above,
    read_above,
    row_before,
    same_time,
    told_after,
    when_before,
    with_context,
)
from ehcp_lint.checks._prv010_is_provision import is_provision_text
from ehcp_lint.checks._prv010_items import (
    CHECKS_PROGRESS,
    CONTINUES,
    NEW_SUBJECT_CLAUSE,
    NEXT_SENTENCE,
    anchor_for_text,
    inner_list,
    to_sentence_end,
)
from ehcp_lint.checks._prv010_kinds import answered_by_kind
from ehcp_lint.checks._prv010_named import named_staff_answers_who
from ehcp_lint.checks._prv010_residue import (
    count_words,
    item_owes_quantity,
    named_provision_awaits_details,
    quantity_left_open,
    residue_in_a_slot,
    residue_left,
    without_guidance,
)
from ehcp_lint.checks._prv010_rows import (
    anchor_for_row,
    row_is_provision,
    timed_by_column,
    unless_left_open,
)
from ehcp_lint.checks._prv010_who import names_provider
from ehcp_lint.checks._text import row_cells
from ehcp_lint.engine.rule import Example, Hit, Rule, RuleContext, RuleDoc, Scope, TextUnit
from ehcp_lint.report import Severity

#: Sections where a named service or team counts as who delivers (health and social care provision).
_SERVICE_SECTIONS = frozenset({"G", "H", "H1", "H2"})


def _wholly_residue(unit: TextUnit, ctx: RuleContext) -> bool:
    """Whether the placeholder rules find nothing but template residue here ("Lorem ipsum dolor sit
    amet ...", "Section H1 - Please complete if ... (delete this guidance ...)"): a block that is
    wholly residue carries only placeholder-text, so this rule defers to their judgement
    (``ctx.template_residue``: the active placeholder-text rules, plugins included, and the built-in
    ones even when ignored). What is left once their spans are blanked is residue too when it is a
    lead-in, a label, a tag or a note to the writer with no provision in it. Asked only of an item
    about to be reported."""
    spans = ctx.template_residue(unit)
    if not spans:
        return False
    text = unit.text
    first = min(spans)[0]
    if first and residue_in_a_slot(text, first):
        return False  # "Continence check by XX.": an item whose who (or when) is residue
    if first and named_provision_awaits_details(text):
        return False  # "Nurture group: TBC": a real item whose every detail is residue
    if first and item_owes_quantity(text, first):
        return False  # "<review>: [frequency TBC]": a real item whose how often is residue
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    blanked = "".join(chars)
    if residue_left(blanked) >= 2:
        return False
    if unit.kind == "table_row":
        # "Physiotherapy | TBC | TBC | TBC" (found on the tenth held-out set): the answers are residue,
        # but a provision named in its own cell is real, so the row is an item owed its answers
        start, end = anchor_for_row(unit)
        return residue_left(blanked[start:end]) == 0
    return True


def _describe(missing: list[str]) -> str:
    if len(missing) == 1:
        return missing[0]
    return ", ".join(missing[:-1]) + " or " + missing[-1]


_EXAMPLES = {
    "how often": "how often (e.g. 'three times a week', 'every morning')",
    "for how long": "for how long (e.g. '30 minutes a session', 'for 10 weeks')",
    "who delivers it": (
        "who delivers it (a role, qualification or training, e.g. 'a teaching assistant trained in "
        "Precision Teaching')"
    ),
}


def _unquantified(missing: list[str], start: int, end: int) -> Hit:
    """The finding for an item that leaves ``missing`` unanswered, with an example for each."""
    return Hit(
        message=f"This provision does not say {_describe(missing)}.",
        suggestion="Add " + "; ".join(_EXAMPLES[m] for m in missing) + ".",
        start=start,
        end=end,
    )


class UnquantifiedProvision(Rule):
    code = "PRV010"
    name = "unquantified-provision"
    category = "unquantified-provision"
    severity = Severity.WARNING
    scope = Scope(
        level="block",
        sections=("F", "G", "H1", "H2"),
        kinds=("paragraph", "list_item", "table_row"),
    )
    doc = RuleDoc(
        summary="Provision that does not say how often, for how long, or who delivers it.",
        why=(
            "Provision must be specified and quantified so that everyone knows what the child will "
            "get and the local authority can be held to it: how often, for how long, and by whom "
            "(role, qualification or training). Courts and tribunals have held that provision "
            "which leaves these open is not specific enough, and that therapy which educates "
            "belongs in Section F with the same detail. A table row is read as a whole, so a "
            "'How often' or 'Who' column answers for the row."
        ),
        source=(
            "SEND Code of Practice 0-25 (2015) 9.69; L v Clarke and Somerset CC [1998] ELR 129; "
            "East Sussex CC v TW [2016] UKUT 528 (AAC)"
        ),
        poor=Example(section="F", text="Sam will have speech and language therapy."),
        better=Example(
            section="F",
            text=(
                "A speech and language therapist will see Sam 1:1 for 30 minutes once a week in "
                "school."
            ),
        ),
    )

    def check_unit(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Hit]:
        facts: ProvisionFacts
        prompted = None
        if unit.kind == "table_row":
            # Most rows answer all three questions in their own columns; asking that first spares
            # them the reading of whether the row is provision at all (both are pure and either
            # one alone means no finding, so the order does not change what is reported).
            cells = row_cells(unit)
            facts = facts_for_row(cells)
            if not facts.missing() or not row_is_provision(unit):
                return
            if any(SAME_AS_ABOVE.match(text) for _, text in cells[1:]):
                facts = either(facts, row_before(unit, ctx))  # "Lego therapy | As above"
            above = above_table(unit, ctx)
            if above.content_list:
                return
            facts = with_context(facts, above, " ".join(text for _, text in cells), row=True)
            if facts.missing():
                kind = answered_by_kind(" ".join(text for _, text in cells), timed_by_column(cells))
                if kind.frequency or kind.duration or kind.who:
                    kind = unless_left_open(kind, cells)
                facts = either(facts, kind)
            start, end = anchor_for_row(unit)
        else:
            # What the item's context answers is asked before what the item itself says, and both
            # before whether it is provision at all: a list under "Strategies for all adults" is
            # answered by its heading, so its items' own wording and their provision reading are
            # never needed. Every question here is pure and any one answer that completes the
            # facts, or says the item is not provision, means no finding, so the order does not
            # change what is reported (tests/test_prv010_order.py).
            # "Frequency: Enter text. A carer will sit with ...": a field answered by a template's
            # prompt leaves its question open, whatever the rest says (sixteenth held-out set)
            prompted = prompted_fields(unit.text)
            if is_field_line(unit.text) and (prompted is None or count_words(prompted.rest) < 2):
                return
            if part_of_block_above(unit, ctx):
                return  # "Review: ..." under a block's title and lines: the block is the item
            if "\n" in unit.text:
                inner = inner_list(unit.text)
                if inner is not None:
                    yield from self._check_inner_list(unit, ctx, *inner)
                    return
            above = read_above(unit, ctx)
            if above.content_list:
                return  # a line of what the provision above contains; the lead-in is the item
            own = without_guidance(unit.text if prompted is None else prompted.rest)
            facts = with_context(NO_FACTS, above, own)
            below: list[str] = []
            if facts.missing():
                below = fields_below(unit, ctx)
                facts = either(facts, facts_for_text("\n".join([own, *below])))
            if facts.missing():
                facts = either(facts, item_before(unit, ctx))
            if facts.missing():
                facts = either(facts, told_after(unit, ctx))
            if facts.missing():
                facts = either(facts, answered_by_kind(unit.text))
            if prompted is not None:
                facts = prompted.withhold(facts)
            elif facts.frequency or facts.duration:
                # "for TBC weeks", "[frequency TBC]": a placeholder in the how often or how long
                # slot is no answer, whatever else the item says (thirty-sixth held-out set)
                often, long = quantity_left_open(own)
                if often or long:
                    facts = ProvisionFacts(facts.frequency and not often, facts.duration and not long, facts.who)
            if not facts.missing():
                if (
                    prompted is None
                    and hedges_how_often(own)  # cheap words first: most blocks hold no hedge
                    and NEXT_SENTENCE.search(own)
                    and is_provision_text(own, list_item=unit.kind == "list_item")
                ):
                    yield from self._check_later_sentences(unit, ctx, own, above)
                elif prompted is None and ", and " in own and NEW_SUBJECT_CLAUSE.search(own):
                    yield from self._check_own_clauses(unit, ctx, own, above)
                return
            if not is_provision_text(own, list_item=unit.kind == "list_item") and not (
                below and block_title(own) and is_provision_text("\n".join([own, *below]))
            ):
                return  # a title over "What: ..." lines is read with them, as one item
            start, end = anchor_for_text(unit)
        missing = facts.missing()
        if not missing or _wholly_residue(unit, ctx):
            return
        if unit.kind != "table_row" and lead_in_over_own_items(unit, ctx):
            return  # "The programme will include:" over items that each say how often, how long, who
        who_left_open = prompted is not None and prompted.who
        if (
            not facts.who
            and not who_left_open
            and unit.section is not None
            and unit.section.key in _SERVICE_SECTIONS
            and names_provider(unit.text, unit.section.key)
        ):
            # "CAMHS appointments fortnightly, 50 minutes": in G and H a named service answers who
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
            # "her key adult" once the plan has said who the key adult is (found on the sixteenth
            # held-out set), "Mrs Pellow" once the plan has given Mrs Pellow's role (forty-first): the
            # role given there answers who
            facts = ProvisionFacts(facts.frequency, facts.duration, True)
            missing = facts.missing()
            if not missing:
                return
        yield _unquantified(missing, start, end)

    def _check_later_sentences(
        self, unit: TextUnit, ctx: RuleContext, own: str, above: Above
    ) -> Iterable[Hit]:
        """A block whose sentences are different provisions ("<child> will be taught in a class of
        eight all day, every day. Sessions with <therapist> as and when needed."): the first
        sentence's answers are not the second's (found on the thirty-fourth held-out set). Only a
        later sentence that opens a provision of its own is read alone, and only when its own how
        often is a hedge ("as and when needed"), so a sentence that continues the one before ("The
        same assistant ...", "These sessions ...") still borrows its answers."""
        for match in NEXT_SENTENCE.finditer(own):
            sentence = to_sentence_end(own, match.end())
            if CONTINUES.match(sentence) or not hedges_how_often(sentence):
                continue
            facts = either(with_context(NO_FACTS, above, sentence), facts_for_text(sentence))
            if facts.missing():
                facts = either(facts, answered_by_kind(sentence))
            if not facts.missing() or not is_provision_text(sentence):
                continue
            hit = self._read_alone(unit, ctx, sentence, facts, sentence.rstrip())
            if hit is not None:
                yield hit

    def _read_alone(
        self, unit: TextUnit, ctx: RuleContext, piece: str, facts: ProvisionFacts, shown: str
    ) -> Hit | None:
        """The finding for one provision read alone inside a block (a later sentence, a clause with
        a subject of its own), once a named service, the plan's key adult or staff the plan names
        with a role has answered who: None when nothing is missing or the block is wholly template
        residue. ``shown`` is the part of ``piece`` the finding covers."""
        if not facts.who and (
            (
                unit.section is not None
                and unit.section.key in _SERVICE_SECTIONS
                and names_provider(piece, unit.section.key)
            )
            or key_adult_answers_who(piece, ctx.units, unit.section_key)
            or named_staff_answers_who(piece, ctx.units)
        ):
            facts = ProvisionFacts(facts.frequency, facts.duration, True)
        missing = facts.missing()
        if not missing or _wholly_residue(unit, ctx):
            return None
        at = unit.text.find(piece)
        if at < 0:
            return None
        return _unquantified(missing, at, at + len(shown))

    def _check_own_clauses(
        self, unit: TextUnit, ctx: RuleContext, own: str, above: Above
    ) -> Iterable[Hit]:
        """A sentence that joins two provisions with ", and" where the second has a subject and a
        finite verb of its own ("<therapist> will see him weekly for 30 minutes, and <a different
        role> will chair his review every term"): the second is a provision of its own, read alone
        as a later sentence is, so the first clause's length is not lent to it (found on the
        thirty-fifth held-out set). A clause that goes on with the same provider ("..., and will
        also ...", "..., and she will ...") has no subject of its own here and still borrows. Only
        a clause that says its own how often and leaves how long open is reported."""
        for match in NEW_SUBJECT_CLAUSE.finditer(own):
            clause = to_sentence_end(own, match.start("clause"))
            facts = either(with_context(NO_FACTS, above, clause), facts_for_text(clause))
            if (
                not facts.frequency
                or facts.duration
                or CHECKS_PROGRESS.search(clause)
                or not is_provision_text(clause)
            ):
                continue
            hit = self._read_alone(unit, ctx, clause, facts, clause.rstrip().rstrip("."))
            if hit is not None:
                yield hit

    def _check_inner_list(
        self, unit: TextUnit, ctx: RuleContext, lead_in: str, items: list[tuple[int, int]]
    ) -> Iterable[Hit]:
        """A lead-in and its bullets written inside one paragraph ("Marnie will have:\\n- phonics
        ...;\\n- regular reading with an adult."), as a soft line break or a pasted list leaves
        them: each bullet is judged as a list item under the lead-in, which answers only the
        questions it answers itself (found on the ninth held-out set, where the first bullet's
        answers covered for the second). Unlike a list the reader split, a lead-in naming who
        acts ("Her teaching assistant will:") does not make its bullets standing adjustments:
        the eighth held-out set labels such a paragraph unquantified."""
        above = Above(heading=read_above(unit, ctx).heading)
        told = facts_for_text(lead_in)
        before: ProvisionFacts | None = None
        for start, end in items:
            item = unit.text[start:end]
            facts = either(with_context(NO_FACTS, above, item), told)
            if facts.missing():
                facts = either(facts, facts_for_text(item))
            if facts.missing():
                facts = either(facts, answered_by_kind(item))
            if facts.missing() and before is not None and same_time(item):
                facts = either(facts, when_before(before))  # "in the same 10 minutes"
            before = facts
            missing = facts.missing()
            if not missing or not is_provision_text(item, list_item=True):
                continue
            if (
                unit.section is not None
                and unit.section.key in _SERVICE_SECTIONS
                and names_provider(item, unit.section.key)
            ):
                missing = [m for m in missing if m != "who delivers it"]
                if not missing:
                    continue
            yield _unquantified(missing, start, end)
