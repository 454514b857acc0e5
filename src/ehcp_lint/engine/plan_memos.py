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

_RELEASERS: list[Callable[[], None]] = []


def per_plan_memo(release: Callable[[], None]) -> Callable[[], None]:
    """Register ``release`` (it empties one module's per-plan memo); usable as a decorator."""
    if release not in _RELEASERS:
        _RELEASERS.append(release)
    return release


def forget_plan() -> None:
    """Empty every registered per-plan memo: the plan they describe is done."""
    for release in _RELEASERS:
        release()


__all__ = ["forget_plan", "per_plan_memo"]
