"""EXA002: the abbreviation "LA" used without being spelled out first."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ehcp_lint.engine.rule import Example, Hit, Rule, RuleContext, RuleDoc, Scope, TextUnit
from ehcp_lint.report import Severity

_LA = re.compile(r"\bLA\b")
_SPELLED_OUT = re.compile(r"local authority", re.IGNORECASE)


class UnexplainedLA(Rule):
    code = "EXA002"
    name = "unexplained-la"
    category = "jargon"
    severity = Severity.INFO
    scope = Scope(level="block", kinds=("paragraph", "list_item", "table_cell"))
    doc = RuleDoc(
        summary="The abbreviation 'LA' is used without saying 'local authority'.",
        why=(
            "Plans are written for the child and the family, who may not know the "
            "abbreviations professionals use every day. Spelling out 'local authority' "
            "keeps the plan readable by the people it belongs to."
        ),
        source="SEND Code of Practice 0-25 (2015) 9.61",
        poor=Example(section="F", text="The LA will fund transport to school."),
        better=Example(section="F", text="The local authority will fund transport to school."),
    )

    def check_unit(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Hit]:
        if _SPELLED_OUT.search(unit.text):
            return
        for m in _LA.finditer(unit.text):
            yield Hit(
                message="'LA' is not spelled out.",
                suggestion="Write 'the local authority'.",
                start=m.start(),
                end=m.end(),
            )
