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
