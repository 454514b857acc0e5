"""Tasks for testing :class:`ehcp_lint.engine.limits.WorkerPool` on its own.

Worker processes import these by name, so they live in an importable module,
not in a test file. Each task's item says what the worker should do, so a
test can mix well-behaved files with ones that hang, crash or eat memory.
"""

from __future__ import annotations

import os
import signal
import time

STARTS: list[int] = []


def start_worker(tag: str) -> None:
    """The initializer: remembers it ran (per process)."""
    STARTS.append(os.getpid())


def fail_to_start(tag: str) -> None:
    from ehcp_lint.errors import ConfigError

    raise ConfigError(f"nlp-model {tag!r} is not installed; remove nlp-model from the configuration")


def run(item: str) -> str:
    """``ok:x`` → ``"done:x"``; ``mark:path``; ``sleep:s``; ``exit:n``; ``signal:NAME``; ``grow:mb``; ``raise``."""
    kind, _, value = item.partition(":")
    if kind == "mark":  # leaves a file behind, so a test can see the task has started
        with open(value, "w", encoding="utf-8") as marker:
            marker.write(str(os.getpid()))
    elif kind == "sleep":
        time.sleep(float(value))
    elif kind == "exit":
        os._exit(int(value))
    elif kind == "signal":
        os.kill(os.getpid(), getattr(signal, value))
        time.sleep(5)
    elif kind == "grow":
        hold = [bytearray(1024 * 1024) for _ in range(int(value))]  # touched, so resident
        time.sleep(0.5)
        return f"grew:{len(hold)}"
    elif kind == "raise":
        raise ValueError("a message that quotes the plan: Tomos Pryce")
    return f"done:{value}:{os.getpid()}"


def failure(item: str, message: str) -> str:
    return f"failed:{message}"
