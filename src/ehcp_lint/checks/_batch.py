"""Small helpers for batch rules: what the worker keeps, and whether a plan rule is on.

Batch rules run in two halves. In the worker, ``collect`` keeps only small,
picklable facts about one plan (hashes, short sentences, locations), so that a
run over thousands of plans keeps the parent's memory flat. In the parent,
``check_batch`` compares those facts across plans and returns hits that carry
their own excerpt and location, since the plan itself is long gone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ehcp_lint.config import Config
from ehcp_lint.engine.rule import Hit, RuleContext, TextUnit
from ehcp_lint.model import Location

#: The most other plans a finding lists in ``related`` (a report stays readable).
MAX_RELATED = 25


@dataclass(frozen=True, slots=True)
class Occurrence:
    """Where something was found in one plan: enough to show it without the plan."""

    section: str | None
    location: Location
    excerpt: str
    start: int
    end: int
    #: The unit's position in its plan's reading order (``RuleContext.ordinal``).
    order: float = 0.0

    @classmethod
    def in_unit(cls, unit: TextUnit, start: int, end: int, ctx: RuleContext) -> Occurrence:
        """The span ``start:end`` of ``unit``, kept with the unit's text and place in the plan."""
        return cls(unit.section_key, unit.location, unit.text, start, end, ctx.ordinal(unit))

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # A batch parent unpickles every plan's occurrences (BAT001: ~200 a plan, read twice).
        # The default for a slotted dataclass goes field by field through dataclasses.fields()
        # and pydantic's own __setstate__ for the Location; plain values and the Location's
        # validator rebuild the same objects several times faster.
        fields = self.location.model_dump(exclude_unset=True)
        return rebuild_occurrence, (self.section, fields, self.excerpt, self.start, self.end, self.order)

    def hit(self, plan_index: int, related: list[str], message: str, suggestion: str) -> Hit:
        """A batch finding shown at this place of plan ``plan_index`` (the plan itself is gone)."""
        return Hit(
            plan_index=plan_index,
            section=self.section,
            excerpt=self.excerpt,
            start=self.start,
            end=self.end,
            location=self.location,
            order=self.order,
            related=related,
            message=message,
            suggestion=suggestion,
        )


#: ``Location(**fields)`` through its validator alone: the same instance, fields set included.
_location: Callable[[dict[str, int]], Location] = Location.__pydantic_validator__.validate_python


def rebuild_occurrence(
    section: str | None, location: dict[str, int], excerpt: str, start: int, end: int, order: float
) -> Occurrence:
    """An :class:`Occurrence` from plain values: how one is unpickled (``Occurrence.__reduce__``)
    and how a batch rule that ships plain values builds one only when it reports it."""
    return Occurrence(section, _location(location), excerpt, start, end, order)


#: Locations already built, by their fields (see :func:`shared_location`).
KnownLocations = dict[tuple[tuple[str, int], ...], Location]


def shared_location(fields: dict[str, int], known: KnownLocations) -> Location:
    """``Location(**fields)``, one instance per distinct place among ``known``.

    A location is frozen, so the findings of a batch may share one: plans made
    from one template put their boilerplate at the same paragraphs and cells,
    and a batch rule reporting thousands of sentences builds each place once.
    """
    key = tuple(fields.items())
    location = known.get(key)
    if location is None:
        location = known[key] = _location(fields)
    return location


def rule_active(code: str, config: Config, path: str | None) -> bool:
    """Whether the rule ``code`` runs for the plan at ``path`` under ``config``."""
    from ehcp_lint.engine.registry import load_registry
    from ehcp_lint.engine.selection import is_selected, per_file_ignores

    rule = load_registry(config.rules_folders).get(code)
    if rule is None:
        return False
    ignore = [*config.ignore, *per_file_ignores(path, config.per_file_ignores)]
    return is_selected(rule, [*config.select, *config.extend_select], ignore)


def first_related(paths: Sequence[str], exclude: int, ordered: Sequence[int]) -> list[str]:
    """:func:`related_paths` for indexes already in batch order, each once: stops at the cap.

    A sentence shared by thousands of plans costs :data:`MAX_RELATED` steps per
    finding here, not thousands (which made a large batch quadratic).
    """
    seen: list[str] = []
    have: set[str] = set()
    for i in ordered:
        if i != exclude:
            path = paths[i]
            if path not in have:
                have.add(path)
                seen.append(path)
                if len(seen) == MAX_RELATED:
                    break
    return seen


def first_related_of_all(paths: Sequence[str], ordered: Sequence[int]) -> tuple[list[str], int]:
    """:func:`first_related` excluding no plan, and the last index the scan read.

    For a plan whose index comes after that last index (``ordered`` ascending),
    leaving it out changes nothing the scan read, so its related plans are these:
    a rule can work them out once per shared fact instead of once per plan.
    """
    seen: list[str] = []
    last = -1
    for i in ordered:
        last = i
        if paths[i] not in seen:
            seen.append(paths[i])
            if len(seen) == MAX_RELATED:
                break
    return seen, last


def related_paths(paths: Sequence[str], exclude: int, indexes: Sequence[int]) -> list[str]:
    """The other plans' paths (batch order, without duplicates), capped at :data:`MAX_RELATED`."""
    seen: list[str] = []
    for i in sorted(set(indexes)):
        if i != exclude and paths[i] not in seen:
            seen.append(paths[i])
    return seen[:MAX_RELATED]


def name_pattern(names: Sequence[str]) -> re.Pattern[str] | None:
    """A whole-word pattern for the child's names, longest first (``None`` when there are none)."""
    ordered = sorted({n for n in names if n}, key=len, reverse=True)
    if not ordered:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in ordered) + r")(?:['\u2019]s)?\b", re.I)
