"""Garbage-collector settings for ehcp-lint's own processes: the command line and batch workers.

Start-up builds long-lived objects only: spaCy's vocabulary and tokenizer,
compiled rules and term lists, the registry. With the collector running, each
full collection during start-up walks all of them again and finds nothing to
free; on a cold ``ehcp-lint plan.docx`` that was about a fifth of the run. And
afterwards every full collection in a long batch walks them once more.

So a process that belongs to ehcp-lint (the command line, a batch worker):

* pauses the collector while it starts up (:func:`start_up`): nothing built
  then is garbage;
* once its rules and pipeline are built (:func:`after_start_up`, called when a
  :class:`~ehcp_lint.engine.runner.Linter` is ready and when a batch starts its
  workers), moves every object that exists into the permanent generation
  (``gc.freeze``), so that no later collection walks them, and turns the
  collector back on with its usual thresholds;
* pauses the collector again while it reads and lints a plan
  (:func:`plan_in_hand`) and collects once when the plan is done. Reading and
  linting a plan makes tens of thousands of container objects that live until
  the plan is done, so with the collector running every ~700 allocations it
  walked the same plan again and again (about 9 ms of a worker's plan), and
  each full collection walked the rules' bounded text caches as well. Between
  plans one young-generation collection frees what the plan left in cycles
  (python-docx parts point at their parents: about a hundred objects holding
  the document's XML tree), and the older generations are collected on
  CPython's own schedule counted in plans instead of allocations (the middle
  one every 10 plans, the oldest every 100), so a worker's memory stays flat
  over a 20,000-plan batch. (Raising the thresholds alone was measured: the
  cycles piled up and a worker grew by about 6 MB a plan.)

The library API never changes the collector settings of the application that
imports it: :func:`after_start_up` and :func:`plan_in_hand` do nothing unless
:func:`start_up` was called in this process. It only pauses automatic
collection for the length of one call that reads or lints a plan
(:func:`collector_paused`), and turns it back on as it was when the call
returns or raises. Without that, a long plan read in an application's process
(16 times the usual text: about 100,000 pydantic objects, most of them alive
until the plan is done) set off three full collections that each walked every
object in the process, spaCy's included: about 570 ms of a 1.5 s lint, and the
reason cost grew faster than the text. What a paused call leaves in cycles is
collected by the application's next automatic collection, as usual. (A
multi-threaded application's other threads are not collected during the call
either; the pause lasts one plan.)
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_STARTING = False
_OWN_PROCESS = False


def start_up() -> None:
    """This process is ehcp-lint's own and is starting: pause the collector until it is ready."""
    global _STARTING, _OWN_PROCESS
    _STARTING = True
    _OWN_PROCESS = True
    gc.disable()


def after_start_up() -> None:
    """Start-up is over: freeze what it built and collect as usual from now on.

    Does nothing in a process that did not call :func:`start_up`.
    """
    global _STARTING
    if _STARTING:
        _STARTING = False
        gc.freeze()  # start-up leaves little garbage; collecting it first would cost a full walk
        gc.enable()


def own_process() -> bool:
    """Whether this process is ehcp-lint's own (it called :func:`start_up`), not a library caller's."""
    return _OWN_PROCESS


def generation_due() -> int:
    """The oldest generation CPython would collect next, counting plans instead of allocations.

    ``gc.get_count()[1]`` counts young collections since the last middle one and
    ``[2]`` middle collections since the last full one; CPython collects an older
    generation once its count passes its threshold (10 and 10 by default).
    """
    counts = gc.get_count()
    thresholds = gc.get_threshold()
    if counts[2] >= thresholds[2]:
        return 2
    if counts[1] >= thresholds[1]:
        return 1
    return 0


@contextmanager
def plan_in_hand() -> Iterator[None]:
    """Read and lint one plan with the collector paused, then collect what it left.

    In a library caller's process (no :func:`start_up`) this changes nothing.
    """
    if not _OWN_PROCESS or _STARTING or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        # not collector_paused(): its exit would allocate after enable() and set off an
        # automatic collection before this one
        gc.enable()
        gc.collect(generation_due())


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause automatic collection for one library call on one plan, then restore it as it was.

    A no-op when the collector is already off (an ehcp-lint process inside
    :func:`plan_in_hand`, or an application that turned it off itself).
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


__all__ = [
    "after_start_up",
    "collector_paused",
    "generation_due",
    "own_process",
    "plan_in_hand",
    "start_up",
]
