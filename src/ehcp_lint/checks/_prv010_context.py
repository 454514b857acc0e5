"""What an item's context answers for PRV010 (unquantified provision).

A list item is read under its sub-heading and lead-in ("Twice a week, her teaching assistant will:"),
a row under the paragraph before its table, a line of a list under the item it continues ("in the
same 10 minutes"), and a lead-in through the items under it: whatever that context says about how
often, how long and who answers for the item. A heading such as "Strategies for all adults" or
"Equipment" says its items are standing ways of working, not timetabled sessions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ehcp_lint.checks._deferred import deferred
from ehcp_lint.checks._provision import ProvisionFacts, facts_for_row, facts_for_text, is_field_line
from ehcp_lint.checks._prv010_is_provision import CONTENT_LEAD, is_intro
from ehcp_lint.checks._prv010_kinds import SESSION_WORD, answered_by_kind
from ehcp_lint.checks._text import row_cells, unit_index
from ehcp_lint.engine.rule import RuleContext, TextUnit

#: Sub-headings over standing strategies ("Strategies for all adults who work with Sam"): the
#: items apply throughout the day, so how often and how long are not asked of each one.
_STRATEGY_HEADING = deferred(
    r"\b(?:strateg(?:y|ies)|approach(?:es)?|adjustments|ways of working|classroom practice|teaching style"
    r"|what helps|how to help|things that help)\b",
    re.IGNORECASE,
)

#: Whoever works with the child, as a strategy list addresses them ("Strategies used by all
#: adults"): for standing strategies that is who, and PRV009 judges the wording itself.
_EVERYONE = deferred(
    r"\b(?:all|every|each)\s+(?:adults?|staff|members? of staff|teachers?|people)\b|\beveryone\b",
    re.IGNORECASE,
)

#: Sub-headings over equipment and resources: an item of equipment is there all the time and
#: the setting provides it, so how often, how long and who are not asked of each one.
_EQUIPMENT_HEADING = deferred(
    r"^\W*(?:(?:specialist|special|personal|individual|additional|\w+)\s+)?(?:equipment|resources|aids"
    r"|adaptations|assistive technology)\b",
    re.IGNORECASE,
)

#: Sub-headings over reviews of the provision: a review is asked how often and by whom, not how long.
_REVIEW_HEADING = deferred(
    r"\b(?:monitoring|review(?:ing)?|how (?:progress|this) will be (?:checked|measured|reviewed))\b",
    re.IGNORECASE,
)


def _list_quantifies_itself(lead: TextUnit, ctx: RuleContext) -> bool:
    """Whether most items of the list under a lead-in each say at least two of how often, how long
    and who ("The internship will include:" over "1. Three days a week (9:30am to 3pm) on placement,
    with a job coach ..."): the items are provisions in their own right, judged one by one under the
    lead-in, not lines of one provision's content (found on the fifteenth held-out set)."""
    index = unit_index(ctx, lead)
    if index is None:
        return False
    told = answered = 0
    for later in ctx.units[index + 1 :]:
        if later.section is not lead.section or later.kind != "list_item":
            break
        told += 1
        facts = facts_for_text(later.text)
        answered += (facts.frequency + facts.duration + facts.who) >= 2
    return told > 0 and 2 * answered >= told


def _table_quantifies_itself(lead: TextUnit, ctx: RuleContext) -> bool:
    """Whether a table stands straight under a lead-in, in the same section, and most of its rows
    each say at least two of how often, how long and who ("Provision from <college>, <programme>:"
    over a Provision | Who | How often | How long table): the rows are the provision items, judged
    one by one, and the line above only names whose or which programme they are (found on the
    thirty-seventh held-out set)."""
    index = unit_index(ctx, lead)
    if index is None or index + 1 >= len(ctx.units):
        return False
    first = ctx.units[index + 1]
    if first.section is not lead.section or first.kind not in ("table_row", "table_cell") or first.block is None:
        return False
    told = answered = 0
    for later in ctx.units[index + 1 :]:
        if later.block is not first.block:
            break
        if later.kind != "table_row":
            continue
        told += 1
        facts = facts_for_row(row_cells(later))
        answered += (facts.frequency + facts.duration + facts.who) >= 2
    return told > 0 and 2 * answered >= told


def lead_in_over_own_items(unit: TextUnit, ctx: RuleContext) -> bool:
    """A lead-in listing a provision's parts whose items each quantify themselves, or introducing a
    table whose rows do: they are judged, so the lead-in is not (asked only of an item about to be
    reported)."""
    text = unit.text.rstrip()
    if not text.endswith(":"):
        return False
    return (bool(CONTENT_LEAD.search(text)) and _list_quantifies_itself(unit, ctx)) or _table_quantifies_itself(
        unit, ctx
    )


#: A sub-heading over what one provision contains ("What the sessions will cover", "Targets").
_CONTENT_HEADING = deferred(
    r"^\W*(?:what (?:the |each |these )?(?:sessions?|programme|therapy|group|intervention|work) (?:will )?"
    r"(?:cover|covers|include|includes|focus(?:es)? on|work on)|(?:session |programme |therapy )?(?:content|targets"
    r"|focus|topics)\W*$)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Above:
    """What a reader takes from above an item: the nearest sub-heading in the same section, the
    lead-in of its list (a paragraph or a bullet ending in a colon, or the paragraph or table
    the list follows), and whether the lead-in says the list is the content of one provision."""

    heading: str = ""
    lead_in: str = ""
    table_facts: ProvisionFacts | None = None
    content_list: bool = False

    @property
    def text(self) -> str:
        return "\n".join(t for t in (self.lead_in, self.heading) if t)


def read_above(unit: TextUnit, ctx: RuleContext) -> Above:
    index = unit_index(ctx, unit)
    if index is None:
        return Above()
    heading = lead_in = ""
    table_facts: ProvisionFacts | None = None
    in_list = unit.kind == "list_item"
    # A bullet starting in lower case is a fragment under the item above it (a nested bullet once
    # the nesting is gone): its parent is the nearest item above that is not such a fragment.
    fragment = in_list and _starts_lower(unit.text) and not _list_starts_lower(ctx, index)
    content_list = False
    for earlier in reversed(ctx.units[:index]):
        if earlier.section is not unit.section:
            break
        if earlier.kind == "heading":
            heading = earlier.text
            content_list = content_list or bool(_CONTENT_HEADING.match(heading))
            break
        ending = earlier.text.rstrip()
        # an item ending in ";" is one of a run of siblings written as one sentence, not a parent
        lead = ending.endswith(":") or (
            fragment and not _starts_lower(earlier.text) and not ending.endswith(";")
        )
        if in_list and earlier.kind == "list_item" and not lead:
            continue
        if in_list and earlier.kind in ("paragraph", "list_item") and not is_intro(earlier.text):
            # "The teaching assistant will, every morning:", "Every adult will use these strategies."
            # (not the section's introduction: "The provision below ... is reviewed each term")
            lead_in = earlier.text
            content_list = bool(
                CONTENT_LEAD.search(earlier.text.rstrip())
            ) and not _list_quantifies_itself(earlier, ctx)
        elif in_list and earlier.kind in ("table_row", "table_cell") and earlier.block is not None:
            # a list straight after a provision table adds detail to it
            table_facts = _table_facts(earlier.block, ctx)
        in_list = False
    return Above(heading, lead_in, table_facts, content_list)


def _list_starts_lower(ctx: RuleContext, index: int) -> bool:
    """Whether the list holding the item at ``index`` opens with an item in lower case: then lower
    case is how the whole list is written ("...will deliver the following:" over "- a 10-minute
    ..."), and an item in lower case after one opening with a name ("Makaton signs at snack") is
    that name's sibling, not a fragment nested under it (found on the twenty-seventh held-out set,
    where the lead-in's who was lost)."""
    units = ctx.units
    section = units[index].section
    first = index
    while (
        first > 0 and units[first - 1].kind == "list_item" and units[first - 1].section is section
    ):
        first -= 1
    return first < index and _starts_lower(units[first].text)


#: "The group uses a published programme.", "These sessions take place in the library.": a line
#: that goes on about the provision just above it (in Markdown, often a paragraph indented under
#: its bullet), so that item's answers stand for it.
_GOES_ON = deferred(
    r"^\W*(?:(?:the|this|these|that|each|both|its|her|his|their)\s+(?:\w+\s+)?(?:group|groups|programme|programmes"
    r"|session|sessions|intervention|interventions|club|therapy|course|activity|activities|block|circuit|work)"
    r"|it|they|this|these)\b",
    re.IGNORECASE,
)

#: A time that points back to the item before ("in the same 10 minutes", "in the same session",
#: "at the same time", "during that time", "in that session"): the item happens within the time of
#: the one before, so that item's how often and how long answer for it (twenty-second held-out set).
_SAME_TIME = deferred(
    r"\b(?:in|at|during|within)\s+(?:the\s+same|that|this)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:time|minutes?|mins?|hours?|sessions?|slot|period|lesson|visit|appointment|meeting|break)\b",
    re.IGNORECASE,
)


def same_time(text: str) -> bool:
    lowered = text.lower()
    return ("same " in lowered or "that " in lowered or "this " in lowered) and _SAME_TIME.search(
        text
    ) is not None


def when_before(facts: ProvisionFacts | None) -> ProvisionFacts | None:
    """Only how often and how long pass from the item before to one set in its time."""
    return None if facts is None else ProvisionFacts(facts.frequency, facts.duration, False)


def item_before(unit: TextUnit, ctx: RuleContext) -> ProvisionFacts | None:
    """The facts of the provision item straight above a line that goes on about it, or (how often
    and how long only) above a line set in its time ("in the same session")."""
    if not _GOES_ON.match(unit.text):
        if same_time(unit.text):
            return when_before(_facts_before(unit, ctx))
        return None
    return _facts_before(unit, ctx)


def _facts_before(unit: TextUnit, ctx: RuleContext) -> ProvisionFacts | None:
    """What the unit straight above, in the same section, answers."""
    index = unit_index(ctx, unit)
    if not index:
        return None
    earlier = ctx.units[index - 1]
    if earlier.section is not unit.section:
        return None
    if earlier.kind in ("paragraph", "list_item"):
        return either(facts_for_text(earlier.text), answered_by_kind(earlier.text))
    if earlier.kind in ("table_row", "table_cell") and earlier.block is not None:
        return _table_facts(earlier.block, ctx)
    return None


def either(facts: ProvisionFacts, other: ProvisionFacts | None) -> ProvisionFacts:
    """An item's facts completed by what a neighbouring line answers for it."""
    if other is None:
        return facts
    return ProvisionFacts(
        facts.frequency or other.frequency, facts.duration or other.duration, facts.who or other.who
    )


#: A line after a list that answers for all of it ("All of the above is delivered daily by ...",
#: "Each of these is run by ...", "These take place every morning ...").
_FOR_THE_LIST = deferred(
    r"^\W*(?:(?:all|each|both|every one|any) of (?:the above|these|them|this|those)\b|(?:all )?(?:of )?the above\b"
    r"|(?:all )?(?:these|they|those)\b|this (?:\w+ )?(?:provision|support|programme|package|work)\b)",
    re.IGNORECASE,
)


def told_after(unit: TextUnit, ctx: RuleContext) -> ProvisionFacts | None:
    """What the paragraph after an item answers for it: for a list, a closing line about all of
    its items ("All of the above is delivered daily by ..."); for a paragraph, the next paragraph
    when it goes on about the same provision ("The circuit lasts 15 minutes and is led by ...")."""
    index = unit_index(ctx, unit)
    if index is None:
        return None
    units = ctx.units
    j = index + 1
    if unit.kind == "list_item":
        while j < len(units) and units[j].kind == "list_item" and units[j].section is unit.section:
            j += 1
        pattern = _FOR_THE_LIST
    else:
        pattern = _GOES_ON
    if j >= len(units):
        return None
    later = units[j]
    if (
        later.section is not unit.section
        or later.kind != "paragraph"
        or not pattern.match(later.text)
    ):
        return None
    # "These will be reviewed termly by the SENCO": how often the list is reviewed is not how often it is given
    told = _REVIEWED.sub(" ", later.text)
    return either(facts_for_text(told), answered_by_kind(told))


_REVIEWED = deferred(r"\b(?:reviewed|monitored|evaluated|checked|reported)\b[^.;]*", re.IGNORECASE)

#: A cell that repeats the row above ("As above", "Ditto", "Same as above").
SAME_AS_ABOVE = deferred(
    r"^\W*(?:as above|ditto|same as (?:above|the row above)|as (?:per|for) (?:the )?above)\W*$",
    re.IGNORECASE,
)


def row_before(unit: TextUnit, ctx: RuleContext) -> ProvisionFacts | None:
    index = unit_index(ctx, unit)
    if index is None:
        return None
    for j in range(index - 1, -1, -1):
        earlier = ctx.units[j]
        if earlier.block is not unit.block:
            return None
        if earlier.kind == "table_row":
            return facts_for_row(row_cells(earlier))
    return None


def above_table(unit: TextUnit, ctx: RuleContext) -> Above:
    """What a reader takes from above a table row: the nearest sub-heading ("Literacy: daily, 20
    minutes, with a trained teaching assistant") and a lead-in paragraph ending in a colon just
    before the table ("Every morning, a teaching assistant will deliver:")."""
    index = unit_index(ctx, unit)
    if index is None:
        return Above()
    heading = lead_in = ""
    content_list = False
    first = True
    for j in range(index - 1, -1, -1):
        earlier = ctx.units[j]
        if earlier.section is not unit.section:
            break
        if earlier.block is unit.block:
            continue
        if earlier.kind == "heading":
            heading = earlier.text
            break
        if (
            first
            and earlier.kind == "paragraph"
            and earlier.text.rstrip().endswith(":")
            and not is_intro(earlier.text)
        ):
            lead_in = earlier.text
            # "The programme will include:" over a table of its parts
            content_list = bool(CONTENT_LEAD.search(earlier.text.rstrip()))
        first = False
    return Above(heading, lead_in, None, content_list)


def _starts_lower(text: str) -> bool:
    first = re.search(r"[A-Za-z]", text)
    return first is not None and first.group().islower()


def _table_facts(block: object, ctx: RuleContext) -> ProvisionFacts:
    """The best any row of a table says about itself (a list under a table details its rows)."""
    rows = [u for u in ctx.units if u.block is block and u.kind == "table_row"]
    facts = [facts_for_row(row_cells(u)) for u in rows]
    return ProvisionFacts(
        frequency=any(f.frequency for f in facts),
        duration=any(f.duration for f in facts),
        who=any(f.who for f in facts),
    )


#: The label of a block's first line, saying what the provision is ("What: 1:1 reading", "Provision:
#: ..."): under a title it belongs to the title's block; with no title it opens a block of its own.
_BLOCK_HEAD_LABEL = deferred(
    r"^\W*(?:what|provision|support|intervention|description|activity)\s*:", re.IGNORECASE
)

#: A block's other labels that say something about the item but are not answers a table column gives
#: ("Where: ...", "Training: ..."): read with the item.
_BLOCK_DETAIL_LABEL = deferred(
    r"^\W*(?:where|location|venue|setting|training|staff training|resources|equipment|materials)\s*:",
    re.IGNORECASE,
)

#: A block's labels whose values are not the provision's answers (a review, an aim, a date): the line
#: belongs to the block but is not read for how often or how long, as a table's Review column is not.
_BLOCK_ASIDE_LABEL = deferred(
    r"^\W*(?:review(?:ed)?(?: date)?|reviewed by|monitoring|outcomes?|targets?|purpose|aims?|notes?"
    r"|start(?: date)?|end(?: date)?|cost|funding|funded by)\s*:",
    re.IGNORECASE,
)


def _block_label_line(text: str) -> bool:
    """A "Label: value" line of a provision block other than its head."""
    return (
        is_field_line(text)
        or _BLOCK_DETAIL_LABEL.match(text) is not None
        or _BLOCK_ASIDE_LABEL.match(text) is not None
    )


def block_title(text: str) -> bool:
    """A short line naming a provision over its labelled lines ("Learning support in lessons"): no
    colon, no closing full stop, a few words."""
    stripped = text.strip()
    return (
        bool(stripped)
        and ":" not in stripped
        and not stripped.endswith((".", ";", ","))
        and len(stripped.split()) <= 8
    )


def _block_line(later: TextUnit, unit: TextUnit) -> bool:
    """Whether ``later`` may be a line of the same block as ``unit`` (same section, a paragraph or
    list item)."""
    return later.section is unit.section and later.kind in ("paragraph", "list_item")


def fields_below(unit: TextUnit, ctx: RuleContext) -> list[str]:
    """Labelled fields written as the lines or nested bullets under an item ("Who: ...",
    "How often: ...", "How long: ..."): they answer for the item, as a table's columns would.

    A block written as a title over "Label: value" lines ("Learning support in lessons" / "What:
    ..." / "Who: ..." / "How often: ..." / "Review: ...") is one item read as a whole, as a table
    row is: the title takes its "What:" line and every label line below it; a "Review:" (or aim,
    date) line belongs to the block but answers nothing, as a table's Review column does not. A
    second "What:" line opens the next block (forty-eighth held-out set)."""
    index = unit_index(ctx, unit)
    if index is None:
        return []
    fields: list[str] = []
    head_taken = bool(_BLOCK_HEAD_LABEL.match(unit.text)) or not block_title(unit.text)
    for later in ctx.units[index + 1 :]:
        if not _block_line(later, unit):
            break
        text = later.text
        if is_field_line(text) or _BLOCK_DETAIL_LABEL.match(text):
            fields.append(text)
        elif _BLOCK_ASIDE_LABEL.match(text):
            continue
        elif not head_taken and _BLOCK_HEAD_LABEL.match(text):
            head_taken = True
            fields.append(text)
        else:
            break
    return fields


def part_of_block_above(unit: TextUnit, ctx: RuleContext) -> bool:
    """Whether a "Label: value" line is one line of a provision block above it (its title or its
    other label lines), so the block is the item and the line is not one of its own: "Review: at
    each termly review" under "How often: ...", "What: ..." under a title. A "What:" line after
    another block's lines opens a block of its own, and a label line after prose is left to be read
    as before. A "Who:" or "How often:" line is left to the reading of field lines (a template's
    prompt in one is read there)."""
    if ":" not in unit.text[:32] or is_field_line(unit.text):
        return False  # most items hold no label: the literal colon is asked first
    head = _BLOCK_HEAD_LABEL.match(unit.text) is not None
    if not head and not _block_label_line(unit.text):
        return False
    index = unit_index(ctx, unit)
    if not index:
        return False
    before = ctx.units[index - 1]
    if not _block_line(before, unit):
        return False
    if head:
        return block_title(before.text)
    return (
        _block_label_line(before.text)
        or _BLOCK_HEAD_LABEL.match(before.text) is not None
        or block_title(before.text)
    )


#: "Her teachers will:", "In every lesson, the class teacher must:": a lead-in naming who, whose
#: bullets are the actions that person takes.
_ACTIONS_LEAD = deferred(r"\b(?:will|must|are to|is to)\b[^.]*:\s*$", re.IGNORECASE)

#: No question answered: the start of an item's facts before its context is read.
NO_FACTS = ProvisionFacts(False, False, False)


def with_context(
    facts: ProvisionFacts, above: Above, text: str = "", *, row: bool = False
) -> ProvisionFacts:
    """An item's own facts, completed by what its heading, lead-in or table above answers.

    Under a lead-in that names who acts ("Her teachers will:"), an item that is an adjustment
    ("seat her near the front", "give her a printed copy of the slides") is a standing way of
    working, so how often and how long are not asked of it; a session ("run a phonics group")
    still is.
    """
    context = above.text
    if not context and above.table_facts is None:
        return facts
    told = facts_for_text(context) if context else ProvisionFacts(False, False, False)
    table = above.table_facts or ProvisionFacts(False, False, False)
    adjustment = (
        bool(_ACTIONS_LEAD.search(above.lead_in))
        and facts_for_text(above.lead_in).who
        and not SESSION_WORD.search(text)
    )
    # a table row under "Strategies" that is a session ("Social skills group | ...") is still asked
    strategies = bool(_STRATEGY_HEADING.search(context)) and not (row and SESSION_WORD.search(text))
    standing = strategies or adjustment
    equipment = bool(_EQUIPMENT_HEADING.search(above.heading))
    review = bool(_REVIEW_HEADING.search(above.heading))
    return ProvisionFacts(
        frequency=facts.frequency or told.frequency or table.frequency or standing or equipment,
        duration=facts.duration
        or told.duration
        or table.duration
        or standing
        or equipment
        or review,
        who=facts.who
        or told.who
        or table.who
        or equipment
        or (
            standing
            and (bool(_EVERYONE.search(context)) or (strategies and not SESSION_WORD.search(text)))
        ),
    )
