"""The garbage-collector policy of ehcp-lint's own processes (``engine/gc_policy.py``).

What it relies on, checked in fresh interpreters so this test process's own
collector is never touched: a library caller's collector is left exactly as it
was; in ehcp-lint's own processes the collector is paused while a plan is in
hand, a young collection runs after each plan and the older generations on
CPython's schedule counted in plans; and what a real Word plan leaves in
reference cycles (python-docx's package and parts) is freed between plans, so a
batch worker's memory cannot pile up.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "fixtures" / "sample" / "sample-plan.docx"


def _run(code: str) -> dict[str, object]:
    """Run ``code`` in a fresh interpreter; it prints one JSON object on its last line."""
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


_COUNT_COLLECTIONS = """
import gc, json
generations = []
gc.callbacks.append(lambda phase, info: phase == "start" and generations.append(info["generation"]))
"""


def test_a_library_callers_collector_is_left_alone() -> None:
    out = _run(
        _COUNT_COLLECTIONS
        + f"""
from ehcp_lint.engine.batch import lint_file
from ehcp_lint.engine.runner import Linter
gc.set_threshold(500, 7, 9)
linter = Linter()
enabled_after_linter = gc.isenabled()
frozen = gc.get_freeze_count()
generations.clear()
gc.disable()  # a caller's own choice: ehcp-lint must not turn the collector back on
result = lint_file(linter, {str(SAMPLE)!r})
print(json.dumps({{
    "enabled_after_linter": enabled_after_linter,
    "frozen": frozen,
    "enabled_after_plan": gc.isenabled(),
    "thresholds": gc.get_threshold(),
    "collections": generations,
    "linted": result.report is not None,
}}))
"""
    )
    assert out == {
        "enabled_after_linter": True,
        "frozen": 0,
        "enabled_after_plan": False,
        "thresholds": [500, 7, 9],
        "collections": [],
        "linted": True,
    }


def test_own_process_pauses_the_collector_during_a_plan_and_collects_between_plans() -> None:
    out = _run(
        _COUNT_COLLECTIONS
        + f"""
from ehcp_lint.engine import gc_policy
gc_policy.start_up()
from ehcp_lint.engine.batch import lint_file
from ehcp_lint.engine.runner import Linter
import ehcp_lint.engine.batch as batch
linter = Linter()
seen_inside = []
real = batch._read_and_lint
def spy(linter, path):
    seen_inside.append(gc.isenabled())
    return real(linter, path)
batch._read_and_lint = spy
gc.collect(1)  # start the count of young collections from zero, whatever start-up ran
generations.clear()
for _ in range(12):
    result = lint_file(linter, {str(SAMPLE)!r})
    assert result.report is not None
print(json.dumps({{
    "own": gc_policy.own_process(),
    "enabled_inside": sorted(set(seen_inside)),
    "enabled_between": gc.isenabled(),
    "frozen": gc.get_freeze_count() > 0,
    "collections": generations,
}}))
"""
    )
    assert out["own"] is True
    assert out["enabled_inside"] == [False]
    assert out["enabled_between"] is True
    assert out["frozen"] is True
    # one collection a plan, and nothing else while the plans were in hand:
    # young ones, and the middle generation on the 11th plan (threshold 10)
    assert out["collections"] == [0] * 10 + [1, 0]


def test_what_a_word_plan_leaves_in_cycles_is_freed_between_plans() -> None:
    out = _run(
        f"""
import gc, json
from ehcp_lint.engine import gc_policy
gc_policy.start_up()
from docx.package import Package
from ehcp_lint.engine.batch import lint_file
from ehcp_lint.engine.runner import Linter
linter = Linter()
alive = []
for _ in range(25):
    lint_file(linter, {str(SAMPLE)!r})
    alive.append(sum(type(o) is Package for o in gc.get_objects()))
print(json.dumps({{"alive": alive}}))
"""
    )
    assert out["alive"] == [0] * 25


def test_a_library_call_pauses_collection_for_one_plan_and_restores_it() -> None:
    """In a caller's process, reading and linting a plan set off no collection; the collector is on after.

    With a threshold of 1 a collection starts on nearly every allocation of a
    container (the control: a thousand small lists set off hundreds), so a
    plan's tens of thousands of objects would set off thousands; paused, only
    the few allocations before and after the paused part of each call may. The
    collector must be on again after each call, also after one that raised, and
    stay off for a caller who turned it off.
    """
    out = _run(
        _COUNT_COLLECTIONS
        + f"""
from ehcp_lint.engine.runner import Linter
from ehcp_lint.errors import PlanReadError
from ehcp_lint.reading import load_plan
linter = Linter()
gc.set_threshold(1, 10, 10)
generations.clear()
control = [[i] for i in range(1000)]
unpaused = len(generations)
generations.clear()
plan = load_plan({str(SAMPLE)!r})
during_read = len(generations)
on_after_read = gc.isenabled()
generations.clear()
report = linter.lint_plan(plan)
during_lint = len(generations)
on_after_lint = gc.isenabled()
try:
    load_plan("no-such-plan.docx")
except PlanReadError:
    pass
on_after_error = gc.isenabled()
gc.disable()
linter.lint_plan(plan)
off_stays_off = not gc.isenabled()
gc.set_threshold(700, 10, 10)
print(json.dumps({{
    "during_read": during_read,
    "during_lint": during_lint,
    "on_after_read": on_after_read,
    "on_after_lint": on_after_lint,
    "on_after_error": on_after_error,
    "off_stays_off": off_stays_off,
    "findings": len(report.findings),
    "unpaused": unpaused,
}}))
"""
    )
    assert out["findings"]
    assert int(str(out["unpaused"])) > 100
    assert int(str(out["during_read"])) <= 10 and int(str(out["during_lint"])) <= 10
    assert out["on_after_read"] and out["on_after_lint"] and out["on_after_error"]
    assert out["off_stays_off"]
