"""Garbage-collector settings for ehcp-lint's own processes: the command line and batch workers.

Start-up builds long-lived objects only: spaCy's vocabulary and tokenizer,
compiled rules and term lists, the registry. With Python's default thresholds
the cyclic collector walks all of them again and again while they are being
built (full collections included), finds nothing to free, and then keeps
walking them during a long batch. Measured on a cold ``ehcp-lint plan.docx``
that was about a fifth of the whole run.

So a process that belongs to ehcp-lint (:func:`own_process`: the command line
calls it first thing, a batch worker when it starts):

* collects less often (higher thresholds; collections still run, because plan
  readers do make reference cycles that must be freed over a 20,000-plan batch);
* once its rules and pipeline are built (:func:`after_start_up`), moves every
  object that exists into the permanent generation (``gc.freeze``), so that no
  later collection walks them again.

The library API never changes the collector of the application that imports it:
:func:`after_start_up` does nothing unless :func:`own_process` was called.
"""

from __future__ import annotations

import gc

#: Allocations between young-generation collections (Python's default is 700).
YOUNG_THRESHOLD = 50_000

_OWN = False


def own_process() -> None:
    """This process is ehcp-lint's own (command line, worker): tune the collector for it."""
    global _OWN
    _OWN = True
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)


def after_start_up() -> None:
    """Rules and pipeline are built: never walk them again (only in ehcp-lint's own processes)."""
    if _OWN:
        gc.freeze()  # start-up leaves little garbage; collecting it first would cost a full walk


__all__ = ["YOUNG_THRESHOLD", "after_start_up", "own_process"]
