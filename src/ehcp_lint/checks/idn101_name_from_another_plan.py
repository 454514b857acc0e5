"""IDN101 name-from-another-plan: the child of another plan in the batch is named in this one."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ehcp_lint.checks._batch import Occurrence, related_paths, rule_active
from ehcp_lint.checks._identity import is_same_person, other_people, subject_mentions
from ehcp_lint.checks._plan_text import child_names, display_name
from ehcp_lint.checks.idn001_another_childs_name import misplaced_names
from ehcp_lint.config import Config
from ehcp_lint.engine.rule import Example, Hit, Rule, RuleContext, RuleDoc, Scope
from ehcp_lint.model import Plan
from ehcp_lint.report import Severity

#: Occurrences kept per name and plan: enough to point at, small enough to keep.
_PER_NAME = 3

_POOR = """| Name | Tom Avery |
|---|---|

# Section F: Special educational provision
Ella will use a writing slope in every lesson.
"""

_BETTER = """| Name | Tom Avery |
|---|---|

# Section F: Special educational provision
Tom will use a writing slope in every lesson.
"""


@dataclass(frozen=True, slots=True)
class _Collected:
    """One plan's own first names and the other names it uses as subjects."""

    own: tuple[str, ...]
    display: str
    mentions: dict[str, list[Occurrence]]


def _first_names(plan: Plan) -> tuple[str, ...]:
    meta = plan.metadata
    out: list[str] = []
    for raw in (meta.child_name, meta.preferred_name):
        if raw:
            first = re.split(r"[\s,]+", raw.strip())[0]
            if first and first[0].isupper() and first not in out:
                out.append(first)
    return tuple(out)


class NameFromAnotherPlan(Rule):
    code = "IDN101"
    name = "name-from-another-plan"
    category = "inconsistent-identity"
    severity = Severity.ERROR
    scope = Scope(level="batch")
    doc = RuleDoc(
        summary="The child of another plan in the same batch is named as a subject in this plan.",
        why=(
            "When a batch holds Ella's plan and Tom's, a sentence in Tom's plan about 'Ella' was "
            "almost certainly pasted from Ella's plan: it discloses Ella's personal data to Tom's "
            "family (UK GDPR Art. 5(1)(f)) and describes the wrong child. Names the plan introduces "
            "as family, friends or professionals are not reported."
        ),
        source="UK GDPR Art. 5(1)(d), 5(1)(f); SEND Code of Practice 0-25 (2015) 9.61",
        poor=Example(plan=_POOR),
        better=Example(plan=_BETTER),
    )

    def collect(self, plan: Plan, ctx: RuleContext) -> Any:
        own = set(child_names(plan))
        others = other_people(plan)
        section_a = plan.section("A")
        in_a = section_a.text if section_a is not None else ""
        # What IDN001 already reports in this plan is not reported twice.
        already: set[tuple[int, int, int]] = set()
        if rule_active("IDN001", ctx.config, plan.source):
            already = {(id(m.unit), m.start, m.end) for m in misplaced_names(plan, ctx)}
        mentions: dict[str, list[Occurrence]] = defaultdict(list)
        for m in subject_mentions(ctx):
            if (own and is_same_person(m.name, own)) or m.name in others or m.name in in_a:
                continue
            if (id(m.unit), m.start, m.end) in already or len(mentions[m.name]) >= _PER_NAME:
                continue
            mentions[m.name].append(Occurrence.in_unit(m.unit, m.start, m.end, ctx))
        return _Collected(_first_names(plan), display_name(plan, "this child"), dict(mentions))

    def check_batch(self, collected: Sequence[tuple[str, Any]], config: Config) -> Iterable[Hit]:
        owners: dict[str, list[int]] = defaultdict(list)
        for index, (_, data) in enumerate(collected):
            if data is None:
                continue
            for name in data.own:
                owners[name].append(index)
        paths = [path for path, _ in collected]
        for index, (_, data) in enumerate(collected):
            if data is None:
                continue
            for name, occurrences in data.mentions.items():
                theirs = [j for j in owners.get(name, []) if j != index]
                if not theirs or name in data.own:
                    continue
                related = related_paths(paths, index, theirs)
                for where in occurrences:
                    yield where.hit(
                        index,
                        related,
                        message=(
                            f"'{name}' is the child in another plan of this batch ({related[0]}), "
                            f"not {data.display}: is this sentence from that plan?"
                        ),
                        suggestion=(
                            f"Rewrite the sentence for {data.display} from this plan's own advice "
                            f"and remove {name}'s details."
                        ),
                    )
