"""OUT101 education-only-outcomes: every outcome in E is academic or classroom-bound."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ehcp_lint.checks._deferred import deferred
from ehcp_lint.checks._outcome_themes import (
    early_years_terms,
    health_words_in_c,
    is_coming_in_outcome,
    is_early_years,
    is_early_years_group_outcome,
    is_mobility_outcome,
    is_physical_activity_outcome,
    is_routine_outcome,
    is_self_feeling_outcome,
    is_transition_outcome,
    names_anxiety,
    names_semh_need,
    outcomes,
    takes_up_health_need,
    wider_terms,
    without_course_names,
)
from ehcp_lint.checks._plan_text import is_resolved_condition_text, section_state
from ehcp_lint.checks._text import strip_placeholders
from ehcp_lint.engine.rule import Example, Hit, Rule, RuleContext, RuleDoc, Scope
from ehcp_lint.model import Plan
from ehcp_lint.report import Severity

_POOR = """# Section C: Health needs
Zara has a nut allergy and carries an adrenaline auto-injector.
# Section E: Outcomes
- By July 2027 Zara will read a 100-word passage aloud with 95% accuracy.
- By July 2027 Zara will add and subtract numbers to 20 without counters.
- By the end of Year 4 Zara will write three sentences with capital letters and full stops.
"""

_BETTER = """# Section C: Health needs
Zara has a nut allergy and carries an adrenaline auto-injector.
# Section E: Outcomes
- By July 2027 Zara will read a 100-word passage aloud with 95% accuracy.
- By July 2027 Zara will tell an adult when she feels unwell and show where her auto-injector is kept.
- By the end of Year 4 Zara will join a lunchtime club with two friends at least once a week.
"""


#: Nothing real after "will" once the template fields are taken out: the action is still a field
#: ("By [date], <child> will [outcome].").
_NO_ACTION = deferred(r"\bwill\W*$", re.IGNORECASE)


def _unwritten(text: str) -> bool:
    """An outcome line whose action is still a template field says nothing yet about learning or
    anything else, so it is not counted as an academic outcome: the placeholder rules report it,
    and "All 3 outcomes are about learning" would count a blank. A plan whose every outcome is
    unwritten has no outcome for this rule to judge."""
    return _NO_ACTION.search(strip_placeholders(text)) is not None


def _only_resolved(plan: Plan, key: str) -> bool:
    """Section C tells only of a treated condition now normal and checked in case it returns: no
    health need for an outcome to take up (see :func:`is_resolved_condition_text`)."""
    section = plan.section(key)
    return key == "C" and section is not None and is_resolved_condition_text(section.text)


class EducationOnlyOutcomes(Rule):
    code = "OUT101"
    name = "education-only-outcomes"
    category = "education-only-outcomes"
    severity = Severity.WARNING
    scope = Scope(level="plan")
    doc = RuleDoc(
        summary="Every outcome in Section E is academic or classroom-bound; none for health, care or independence.",
        why=(
            "Outcomes should span education, health and care: an EHC plan secures the best "
            "possible outcomes across education, health and social care and prepares the child "
            "for adulthood (SEND Code of Practice 9.61, 9.64-9.69; Children and Families Act 2014 "
            "s.19(d)). Outcomes that are all reading, writing, maths and classroom behaviour make "
            "an education-only plan, a weakness Ofsted/CQC inspections keep finding. An outcome "
            "about the child's confidence or her own view of herself (labelled so, or measured by "
            "her own rating scale or her choosing to take part in front of others) counts as "
            "emotional wellbeing when Section B names a social, emotional and mental health need; "
            "'will confidently read ... with 95% accuracy' stays academic. An outcome about the "
            "move to the next school (visiting it, naming the adults there to go to) prepares for "
            "the next phase and is not classroom learning; a visit to a room of the present school is. "
            "Managing a worry about a routine of the day beyond lessons (home time, who collects the "
            "child, a change to the day) is emotional wellbeing when Section B or C names the worry."
        ),
        source="SEND Code of Practice 0-25 (2015) 9.61, 9.64-9.69; Children and Families Act 2014 s.19",
        poor=Example(plan=_POOR),
        better=Example(plan=_BETTER),
    )

    def check_plan(self, plan: Plan, ctx: RuleContext) -> Iterable[Hit]:
        # Outcomes are read one at a time: the first that reaches beyond the classroom settles
        # it, and reading an outcome asks whether its text says "None" (a sentence-by-sentence
        # reading), so most plans stop after a few.
        terms = wider_terms()
        young: bool | None = None  # decided at the first outcome that needs it
        words_in_c: frozenset[str] | None = None  # Section C's health words, read once if needed
        anxious: bool | None = None  # whether B or C names anxiety, read once if needed
        semh: bool | None = None  # whether B names a social, emotional or mental health need, read once if needed
        count = 0
        for outcome in outcomes(plan):
            # a course's name is its subject: "Level 2 Health and Social Care" is still academic
            if _unwritten(outcome.text):
                continue
            text = without_course_names(outcome.text)
            if terms.search(text) or terms.search(outcome.heading) or is_mobility_outcome(text):
                return
            # taking part in PE or physical activity is physical health, not classroom learning
            if is_physical_activity_outcome(outcome.text):
                return
            # visiting the next school, or naming the adults there to go to, is the move to the next phase
            if is_transition_outcome(text):
                return
            # coming into class, when B or C names the child's anxiety about it, is emotional wellbeing
            # so is a routine of the day beyond lessons (home time, who collects him, a change to the day)
            if is_coming_in_outcome(outcome.text) or is_routine_outcome(outcome.text):
                if anxious is None:
                    anxious = names_anxiety(plan)
                if anxious:
                    return
            # confidence or a self-rating, when B names an emotional need, is emotional wellbeing
            if is_self_feeling_outcome(text):
                if semh is None:
                    semh = names_semh_need(plan)
                if semh:
                    return
            # under 5, walking, climbing, eating and dressing are physical and self-care development
            if young is None:
                young = is_early_years(plan, ctx.config.today)
            if young and (early_years_terms().search(text) or is_early_years_group_outcome(text)):
                return
            # an outcome taking up a health need C names ("bring his glasses", "drink more water")
            if words_in_c is None:
                words_in_c = health_words_in_c(plan)
            if takes_up_health_need(text, words_in_c):
                return
            count += 1
        if not count:
            return
        needs = [k for k in ("C", "D") if section_state(plan, k) == "content" and not _only_resolved(plan, k)]
        several = count > 1
        subject = f"All {count} outcomes" if several else "The only outcome"
        verb = "are" if several else "is"
        message = f"{subject} in Section E {verb} about learning in school; none covers health, care, independence or community."
        if needs:
            what = {"C": "health needs", "D": "social care needs"}
            described = " and ".join(f"Section {k} describes {what[k]}" for k in needs)
            message += f" {described}, but no outcome addresses them."
        yield Hit(
            section="E",
            severity=None if needs else Severity.INFO,
            message=message,
            suggestion=(
                "Add outcomes from the child's aspirations beyond the classroom, each with a time "
                "frame and a measure: health (for example 'tell an adult when she feels unwell'), "
                "independence and self-care, friendships and the community."
            ),
        )
