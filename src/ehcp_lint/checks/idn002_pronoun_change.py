"""IDN002 pronoun-change: the child is "he" in most of the plan but "she" in a few sentences."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ehcp_lint.checks._identity import (
    SUBJECT,
    child_identity,
    first_names,
    is_same_person,
    role_terms,
    subject_mentions,
)
from ehcp_lint.checks._plan_text import (
    blank_placeholders,
    display_name,
    reading_units,
    sentence_spans,
)
from ehcp_lint.engine.rule import (
    Example,
    Hit,
    Rule,
    RuleContext,
    RuleDoc,
    Scope,
    TextUnit,
    Threshold,
)
from ehcp_lint.model import Plan
from ehcp_lint.report import Severity

_MALE = re.compile(r"\b(?:he|him|his|himself)\b", re.I)
_FEMALE = re.compile(r"\b(?:she|her|hers|herself)\b", re.I)

_POOR = """| Name | Archie Bell |
|---|---|

# Section B: Special educational needs
Archie finds it hard to sit still, and he leaves his seat often.
Archie reads well when he chooses the book himself.
Archie likes to know what is next, so he checks his visual timetable.
Archie becomes upset when she is rushed at the end of the day.
"""

_BETTER = """| Name | Archie Bell |
|---|---|

# Section B: Special educational needs
Archie finds it hard to sit still, and he leaves his seat often.
Archie reads well when he chooses the book himself.
Archie likes to know what is next, so he checks his visual timetable.
Archie becomes upset when he is rushed at the end of the day.
"""


@dataclass(frozen=True, slots=True)
class _Sentence:
    unit: TextUnit
    start: int
    end: int
    gender: str  # "he" or "she"
    pronoun_start: int
    pronoun_end: int


class PronounChange(Rule):
    code = "IDN002"
    name = "pronoun-change"
    category = "inconsistent-identity"
    severity = Severity.WARNING
    scope = Scope(level="plan")
    thresholds = (
        Threshold(name="min-majority", default=3, minimum=2, maximum=20,
                  help="Sentences with the usual pronoun needed before a different one is reported."),
        Threshold(name="majority-ratio", default=3, minimum=1, maximum=20,
                  help="How many times more often the usual pronoun must be used."),
    )
    doc = RuleDoc(
        summary="The child's pronoun changes: 'she' in a few sentences where most say 'he' (or the reverse).",
        why=(
            "A pronoun that changes in sentences about the child usually marks text pasted from "
            "another child's plan, which may also carry that child's needs and provision. The "
            "plan must describe this child accurately (SEND Code of Practice 9.61); families "
            "read a wrong pronoun as a sign the plan was not written for their child."
        ),
        source="SEND Code of Practice 0-25 (2015) 9.61; UK GDPR Art. 5(1)(d) (accuracy)",
        poor=Example(plan=_POOR),
        better=Example(plan=_BETTER),
    )

    def _sentences(self, plan: Plan, ctx: RuleContext, own: set[str]) -> list[_Sentence]:
        out: list[_Sentence] = []
        for unit in reading_units(ctx):
            text = blank_placeholders(unit.text)
            for s, e in sentence_spans(text):
                sentence = text[s:e]
                subjects = [m.group("name") for m in SUBJECT.finditer(sentence)]
                if not any(is_same_person(n, own) for n in subjects):
                    continue
                # Another person in the sentence may own the pronoun: leave it alone.
                if role_terms().search(sentence) or any(
                    w in first_names() and not is_same_person(w, own)
                    for w in re.findall(r"\b[A-Z][a-z]+\b", sentence)
                ):
                    continue
                male = list(_MALE.finditer(sentence))
                female = list(_FEMALE.finditer(sentence))
                if bool(male) == bool(female):
                    continue
                first = (male or female)[0]
                out.append(
                    _Sentence(unit, s, e, "he" if male else "she", s + first.start(), s + first.end())
                )
        return out

    def check_plan(self, plan: Plan, ctx: RuleContext) -> Iterable[Hit]:
        own = child_identity(plan, list(subject_mentions(ctx)))
        if not own:
            return
        sentences = self._sentences(plan, ctx, own)
        he = [s for s in sentences if s.gender == "he"]
        she = [s for s in sentences if s.gender == "she"]
        major, minor = (he, she) if len(he) >= len(she) else (she, he)
        if not minor or len(major) < ctx.threshold(self, "min-majority"):
            return
        if len(major) < ctx.threshold(self, "majority-ratio") * len(minor):
            return
        usual = "he/him/his" if major is he else "she/her"
        who = display_name(plan, "the child")
        for s in minor:
            word = s.unit.text[s.pronoun_start : s.pronoun_end]
            yield Hit(
                unit=s.unit,
                start=s.pronoun_start,
                end=s.pronoun_end,
                message=(
                    f"'{word}' refers to {who} here, but {len(major)} other sentences about {who} "
                    f"use {usual}."
                ),
                suggestion=(
                    f"Check the pronoun; if this sentence was copied from another child's plan, "
                    f"rewrite it from {who}'s own advice."
                ),
            )
