"""PRV010 on a Section F written as provision blocks: a short title over one-per-line "Label:
value" lines ("What:", "Who:", "How often:", "Review:"). Each block is one provision item read as a
whole, as a table row is, so a finding names the block's title once, and a "Review:" line is never
an item of its own (the forty-eighth held-out set's post-16 plan). All names are invented."""

from __future__ import annotations

from ehcp_lint.config import Config
from ehcp_lint.engine.runner import Linter
from ehcp_lint.testing import plan_from_markdown

_PLAN = """
# Section F: Special educational provision

Support in practical lessons
What: in-class help to follow safety steps and check each stage of the task
Who: a learning support assistant trained by the college's autism team
How often: every workshop lesson, 9 hours a week
Review: at each termly progress review

Coursework planning
What: 1:1 session to break each assignment into weekly steps
Who: specialist study skills tutor
How often: once a week
Review: at each termly progress review

What: a check-in with his personal tutor about his week
Who: personal tutor
How often: every Monday, 15 minutes
Where: the learning support base
Review: each term

Exam arrangements: 25% extra time and a laptop in every timed assessment, arranged by the college's exams officer.

# Section G: Health provision

Odhran's asthma will be reviewed once a year by the practice nurse at Fellgate Surgery in a 20-minute appointment.
"""


def test_each_block_is_one_item_reported_on_its_title() -> None:
    plan = plan_from_markdown(_PLAN)
    findings = [f for f in Linter(Config()).lint_plan(plan).findings if f.code == "PRV010"]
    assert [(f.match, f.message) for f in findings] == [
        ("Coursework planning", "This provision does not say for how long.")
    ]
