"""Real texts the speed guards check their shortcuts against.

A speed change must give the same answers as the slow way; the guards ask both over every unit
text of the fixture and evaluation plans (all invented) and, for the provision rules, every string
in the rule cases. Gathered once per test process.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from ehcp_lint.engine.units import plan_units
from ehcp_lint.model import Plan
from ehcp_lint.reading import load_plan

ROOT = Path(__file__).resolve().parent.parent


@cache
def guard_plans() -> tuple[Plan, ...]:
    """The fixture Word plans and the development evaluation plans."""
    files = sorted((ROOT / "fixtures" / "plans").glob("*.docx"))
    files += sorted((ROOT / "benchmarks" / "eval" / "plans").glob("*.md"))
    assert files, "no plans to check against"
    return tuple(load_plan(f) for f in files)


@cache
def plan_texts() -> tuple[str, ...]:
    """Every distinct unit text of :func:`guard_plans`, sorted."""
    return tuple(sorted({u.text for plan in guard_plans() for u in plan_units(plan)}))


def strings(value: object) -> list[str]:
    """Every string inside a parsed TOML value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


@cache
def rule_case_strings() -> tuple[str, ...]:
    """Every string in ``tests/rule_cases/*.toml`` (texts, cells, plans, notes)."""
    found: list[str] = []
    for case_file in sorted((ROOT / "tests" / "rule_cases").glob("*.toml")):
        found.extend(strings(tomllib.loads(case_file.read_text(encoding="utf-8"))))
    return tuple(found)


@cache
def plan_and_case_texts() -> tuple[str, ...]:
    """:func:`plan_texts` followed by :func:`rule_case_strings`."""
    return plan_texts() + rule_case_strings()
