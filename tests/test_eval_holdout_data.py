"""Checks on the held-out evaluation set in ``benchmarks/eval-holdout/`` (data, not rules).

The held-out set is measured once to give honest figures, so it must have the
same shape as the main set (``benchmarks/eval/``), be read by the same loader,
and stay separate from it and from the unit tests. The schemas and the
per-plan front-matter check are imported from ``test_eval_data`` rather than
copied, so the two sets cannot drift apart in format. These tests never run the
rules: running them on this set is what ``benchmarks/accuracy.py`` does.
"""

from __future__ import annotations

import json
from collections import Counter

import jsonschema  # type: ignore[import-untyped]
import pytest

from ehcp_lint.model import STATUTORY_SECTIONS
from test_eval_data import (
    BLOCK,
    EXPECTED_SCHEMA,
    PLAN_LEVEL,
    ROOT,
    STATEMENTS,
    check_statement_lines,
    load,
)
from test_eval_data import (
    test_plan_has_personal_details_and_section_headings as check_front_matter_and_headings,
)

HOLDOUT_DIR = ROOT / "benchmarks" / "eval-holdout"
HOLDOUT = load.load_statements(HOLDOUT_DIR / "statements.jsonl")
HOLDOUT_PLANS = load.load_plans(HOLDOUT_DIR / "plans")
REFERENCE_DATE = "2026-11-23"


# ---------------------------------------------------------------- statements


def test_every_statement_line_matches_the_main_sets_schema() -> None:
    check_statement_lines(HOLDOUT_DIR / "statements.jsonl", len(HOLDOUT))


def test_at_least_120_statements_all_in_the_test_split() -> None:
    assert len(HOLDOUT) >= 120
    assert {s.split for s in HOLDOUT} == {"test"}
    ids = [s.id for s in HOLDOUT]
    assert len(ids) == len(set(ids))


def test_categories_fit_their_sections() -> None:
    for s in HOLDOUT:
        assert not (s.expect & s.hard_negative), s.id
        for category in s.expect:
            scope = load.SECTION_SCOPE.get(category)
            assert scope is None or s.section in scope, f"{s.id}: {category} in {s.section}"


def test_about_forty_percent_of_statements_are_clean() -> None:
    share = sum(s.clean for s in HOLDOUT) / len(HOLDOUT)
    assert 0.35 <= share <= 0.50, f"{share:.0%} clean"


@pytest.mark.parametrize("category", BLOCK)
def test_each_block_category_has_positives_and_hard_negatives(category: str) -> None:
    assert sum(category in s.expect for s in HOLDOUT) >= 8
    assert sum(category in s.hard_negative for s in HOLDOUT) >= 8


def test_statements_cover_every_section_and_include_table_rows() -> None:
    sections = Counter(s.section for s in HOLDOUT)
    assert set(sections) == set(STATUTORY_SECTIONS)
    tables = [s for s in HOLDOUT if s.table is not None]
    assert len(tables) >= 10
    assert all(s.section in ("F", "G", "H1", "H2") for s in tables)


def test_no_statement_is_copied_from_the_main_set_or_the_unit_test_data() -> None:
    """Held out means new text: nothing longer than a stock prompt may be reused verbatim."""
    seen = {s.content for s in STATEMENTS}
    unit_data = "\n".join(
        p.read_text(encoding="utf-8")
        for folder in (ROOT / "tests" / "rule_cases", ROOT / "rules")
        for p in folder.glob("*.toml")
    )
    long_ones = [s for s in HOLDOUT if len(s.content) > 40]
    assert not [s.id for s in long_ones if s.content in seen]
    assert not [s.id for s in long_ones if s.content in unit_data]


# ---------------------------------------------------------------- whole plans


def test_at_least_eight_plans_with_expectations_matching_the_schema() -> None:
    assert len(HOLDOUT_PLANS) >= 8
    for plan in HOLDOUT_PLANS:
        raw = json.loads(plan.expected_path.read_text(encoding="utf-8"))
        jsonschema.validate(raw, EXPECTED_SCHEMA)
        assert raw["reference_date"] == REFERENCE_DATE, plan.name


def test_about_forty_percent_of_plans_are_good_practice_and_list_everything_absent() -> None:
    clean = [p for p in HOLDOUT_PLANS if p.clean]
    assert 0.35 <= len(clean) / len(HOLDOUT_PLANS) <= 0.5
    for plan in clean:
        assert plan.absent == set(BLOCK + PLAN_LEVEL), plan.name


@pytest.mark.parametrize("category", PLAN_LEVEL)
def test_each_plan_level_category_is_expected_somewhere_and_absent_elsewhere(
    category: str,
) -> None:
    assert sum(category in p.expect for p in HOLDOUT_PLANS) >= 1
    assert sum(category in p.absent for p in HOLDOUT_PLANS) >= 4


@pytest.mark.parametrize("plan", HOLDOUT_PLANS, ids=lambda p: p.name)
def test_plan_has_personal_details_and_section_headings(plan: object) -> None:
    check_front_matter_and_headings(plan)


def test_plan_names_differ_from_the_main_sets() -> None:
    assert not {p.name for p in HOLDOUT_PLANS} & {p.name for p in load.load_plans()}
