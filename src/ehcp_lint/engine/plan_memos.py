"""Per-plan memos that rules keep while a plan is linted, released when the plan is done.

Some rule helpers remember what they worked out about the plan being linted
(the jargon rules' reading of every unit, the units' positions, who the other
people in the plan are), so that each rule asking again gets the same answer
without the work. Each such memo holds one plan and is replaced when the next
plan comes. Replaced, not released: between plans it keeps the previous plan's
text and units alive, and in a batch worker the one young-generation collection
after each plan (see :mod:`ehcp_lint.engine.gc_policy`) walks all of it again
before promoting it (see ``docs/performance.md`` for what that costs).

A module that keeps such a memo registers a function that empties it
(:func:`per_plan_memo`); :func:`forget_plan` calls them all, and the batch's
``lint_file`` calls it when a file's plan has been read, linted and collected.
Forgetting never changes an answer: a memo is only ever a shortcut to work a
rule can repeat, and each memo already checks that it belongs to the plan in
hand before it is used.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

_RELEASERS: list[Callable[[], None]] = []

T = TypeVar("T")


def per_plan_memo(release: Callable[[], None]) -> Callable[[], None]:
    """Register ``release`` (it empties one module's per-plan memo); usable as a decorator."""
    if release not in _RELEASERS:
        _RELEASERS.append(release)
    return release


def forget_plan() -> None:
    """Empty every registered per-plan memo: the plan they describe is done."""
    for release in _RELEASERS:
        release()


class OncePerPlan(Generic[T]):
    """One answer worked out from a plan's units, kept while that plan is linted.

    Several rules ask the same whole-plan question of every item ("has the plan said by role who
    the key adult is?"); the answer is worked out on the first call for a plan's units and handed
    back for the same list after that. It is keyed on the list's identity, so the next plan's
    units always get a fresh answer, and released by :func:`forget_plan` like every other memo.
    """

    def __init__(self, compute: Callable[[list[Any]], T]) -> None:
        self._compute = compute
        self._units: list[Any] | None = None
        self._answer: T | None = None
        per_plan_memo(self.forget)

    def __call__(self, units: list[Any]) -> T:
        if self._units is units:
            return self._answer  # type: ignore[return-value]  # set together with _units
        answer = self._compute(units)
        self._units, self._answer = units, answer
        return answer

    def forget(self) -> None:
        """The plan is done: let its answer (and its units) go."""
        self._units = self._answer = None


__all__ = ["OncePerPlan", "forget_plan", "per_plan_memo"]
