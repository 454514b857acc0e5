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
  collector back on with its usual thresholds. Plan readers make reference
  cycles (python-docx parts point at their parents); collecting them promptly
  keeps a worker's memory flat over a 20,000-plan batch. (Raising the
  thresholds instead was measured: a worker grew by about 6 MB a plan.)

The library API never changes the collector of the application that imports
it: :func:`after_start_up` does nothing unless :func:`start_up` was called.
"""

from __future__ import annotations

import gc

_STARTING = False


def start_up() -> None:
    """This process is ehcp-lint's own and is starting: pause the collector until it is ready."""
    global _STARTING
    _STARTING = True
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


__all__ = ["after_start_up", "start_up"]
