"""Checks on the held-out evaluation sets in ``benchmarks/eval-holdout*/`` (data, not rules).

A held-out set is measured once to give honest figures, so it must have the
same shape as the main set (``benchmarks/eval/``), be read by the same loader,
and stay separate from it, from the unit tests and from every other held-out
set. Each check runs once per held-out folder (parametrised), so a new blind
set is validated by adding its folder to :data:`HOLDOUT_DIRS`, not by copying
tests. The schemas and the per-plan front-matter check are imported from
``test_eval_data`` rather than copied, so the sets cannot drift apart in
format. These tests never run the rules: running them on a set is what
``benchmarks/accuracy.py`` does.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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

#: Every blind held-out set, oldest first. Each was written without reading the
#: rules and is measured once; see the README in each folder.
HOLDOUT_DIRS: tuple[Path, ...] = (
    ROOT / "benchmarks" / "eval-holdout",
    ROOT / "benchmarks" / "eval-holdout-2",
    ROOT / "benchmarks" / "eval-holdout-3",
    ROOT / "benchmarks" / "eval-holdout-4",
    ROOT / "benchmarks" / "eval-holdout-5",
    ROOT / "benchmarks" / "eval-holdout-6",
    ROOT / "benchmarks" / "eval-holdout-7",
    ROOT / "benchmarks" / "eval-holdout-8",
    ROOT / "benchmarks" / "eval-holdout-9",
    ROOT / "benchmarks" / "eval-holdout-10",
    ROOT / "benchmarks" / "eval-holdout-11",
    ROOT / "benchmarks" / "eval-holdout-12",
    ROOT / "benchmarks" / "eval-holdout-13",
    ROOT / "benchmarks" / "eval-holdout-14",
    ROOT / "benchmarks" / "eval-holdout-15",
    ROOT / "benchmarks" / "eval-holdout-16",
    ROOT / "benchmarks" / "eval-holdout-17",
    ROOT / "benchmarks" / "eval-holdout-18",
    ROOT / "benchmarks" / "eval-holdout-19",
    ROOT / "benchmarks" / "eval-holdout-20",
    ROOT / "benchmarks" / "eval-holdout-21",
    ROOT / "benchmarks" / "eval-holdout-22",
    ROOT / "benchmarks" / "eval-holdout-23",
    ROOT / "benchmarks" / "eval-holdout-24",
    ROOT / "benchmarks" / "eval-holdout-25",
    ROOT / "benchmarks" / "eval-holdout-26",
    ROOT / "benchmarks" / "eval-holdout-27",
    ROOT / "benchmarks" / "eval-holdout-28",
    ROOT / "benchmarks" / "eval-holdout-29",
    ROOT / "benchmarks" / "eval-holdout-30",
    ROOT / "benchmarks" / "eval-holdout-31",
    ROOT / "benchmarks" / "eval-holdout-32",
    ROOT / "benchmarks" / "eval-holdout-33",
    ROOT / "benchmarks" / "eval-holdout-34",
    ROOT / "benchmarks" / "eval-holdout-35",
    ROOT / "benchmarks" / "eval-holdout-36",
    ROOT / "benchmarks" / "eval-holdout-37",
    ROOT / "benchmarks" / "eval-holdout-38",
    ROOT / "benchmarks" / "eval-holdout-39",
    ROOT / "benchmarks" / "eval-holdout-40",
    ROOT / "benchmarks" / "eval-holdout-41",
    ROOT / "benchmarks" / "eval-holdout-42",
    ROOT / "benchmarks" / "eval-holdout-43",
    ROOT / "benchmarks" / "eval-holdout-44",
    ROOT / "benchmarks" / "eval-holdout-45",
    ROOT / "benchmarks" / "eval-holdout-46",
    ROOT / "benchmarks" / "eval-holdout-47",
    ROOT / "benchmarks" / "eval-holdout-48",
    ROOT / "benchmarks" / "eval-holdout-49",
    ROOT / "benchmarks" / "eval-holdout-50",
    ROOT / "benchmarks" / "eval-holdout-51",
)
#: The "today" the whole plans of a set were labelled against (``out-of-date``
#: depends on it). Most sets were written on 2026-11-23; a set written on another
#: day is listed by folder name, so its plans are checked against its own date.
REFERENCE_DATE = "2026-11-23"
REFERENCE_DATE_BY_SET: dict[str, str] = {
    "eval-holdout-8": "2026-11-24",
    "eval-holdout-9": "2026-11-24",
    "eval-holdout-10": "2026-11-24",
    "eval-holdout-11": "2026-11-24",
    "eval-holdout-12": "2026-11-24",
    "eval-holdout-13": "2026-11-24",
    "eval-holdout-14": "2026-11-24",
    "eval-holdout-15": "2026-11-24",
    "eval-holdout-16": "2026-11-24",
    "eval-holdout-17": "2026-11-24",
    "eval-holdout-18": "2026-11-24",
    "eval-holdout-19": "2026-11-24",
    "eval-holdout-20": "2026-11-24",
    "eval-holdout-21": "2026-11-24",
    "eval-holdout-22": "2026-11-24",
    "eval-holdout-23": "2026-11-24",
    "eval-holdout-24": "2026-11-24",
    "eval-holdout-25": "2026-11-24",
    "eval-holdout-26": "2026-11-24",
    "eval-holdout-27": "2026-11-24",
    "eval-holdout-28": "2026-11-24",
    "eval-holdout-29": "2026-11-24",
    "eval-holdout-30": "2026-11-24",
    "eval-holdout-31": "2026-11-24",
    "eval-holdout-32": "2026-11-24",
    "eval-holdout-33": "2026-11-24",
    "eval-holdout-34": "2026-11-24",
    "eval-holdout-35": "2026-11-24",
    "eval-holdout-36": "2026-11-24",
    "eval-holdout-37": "2026-11-24",
    "eval-holdout-38": "2026-11-24",
    "eval-holdout-39": "2026-11-24",
    "eval-holdout-40": "2026-11-24",
    "eval-holdout-41": "2026-11-24",
    "eval-holdout-42": "2026-11-24",
    "eval-holdout-43": "2026-11-25",
    "eval-holdout-44": "2026-11-25",
    "eval-holdout-45": "2026-11-25",
    "eval-holdout-46": "2026-11-25",
    "eval-holdout-47": "2026-11-25",
    "eval-holdout-48": "2026-11-25",
    "eval-holdout-49": "2026-11-25",
    "eval-holdout-50": "2026-11-25",
    "eval-holdout-51": "2026-11-25",
}


@dataclass(frozen=True)
class HoldoutSet:
    """One held-out folder, loaded once: its statements and its whole plans."""

    folder: Path
    statements: list[Any]
    plans: list[Any]

    @property
    def name(self) -> str:
        return self.folder.name

    @property
    def reference_date(self) -> str:
        """The date every plan of this set names as its ``reference_date``."""
        return REFERENCE_DATE_BY_SET.get(self.name, REFERENCE_DATE)


HOLDOUTS: tuple[HoldoutSet, ...] = tuple(
    HoldoutSet(
        folder,
        load.load_statements(folder / "statements.jsonl"),
        load.load_plans(folder / "plans"),
    )
    for folder in HOLDOUT_DIRS
)
ALL_HOLDOUT_PLANS = [(h, p) for h in HOLDOUTS for p in h.plans]

by_set = pytest.mark.parametrize("holdout", HOLDOUTS, ids=lambda h: h.name)


# ---------------------------------------------------------------- statements


@by_set
def test_every_statement_line_matches_the_main_sets_schema(holdout: HoldoutSet) -> None:
    check_statement_lines(holdout.folder / "statements.jsonl", len(holdout.statements))


@by_set
def test_at_least_120_statements_all_in_the_test_split(holdout: HoldoutSet) -> None:
    assert len(holdout.statements) >= 120
    assert {s.split for s in holdout.statements} == {"test"}
    ids = [s.id for s in holdout.statements]
    assert len(ids) == len(set(ids))


@by_set
def test_categories_fit_their_sections(holdout: HoldoutSet) -> None:
    for s in holdout.statements:
        assert not (s.expect & s.hard_negative), s.id
        for category in s.expect:
            scope = load.SECTION_SCOPE.get(category)
            assert scope is None or s.section in scope, f"{s.id}: {category} in {s.section}"


@by_set
def test_about_forty_percent_of_statements_are_clean(holdout: HoldoutSet) -> None:
    share = sum(s.clean for s in holdout.statements) / len(holdout.statements)
    assert 0.35 <= share <= 0.50, f"{share:.0%} clean"


@by_set
@pytest.mark.parametrize("category", BLOCK)
def test_each_block_category_has_positives_and_hard_negatives(
    holdout: HoldoutSet, category: str
) -> None:
    assert sum(category in s.expect for s in holdout.statements) >= 8
    assert sum(category in s.hard_negative for s in holdout.statements) >= 8


@by_set
def test_statements_cover_every_section_and_include_table_rows(holdout: HoldoutSet) -> None:
    sections = Counter(s.section for s in holdout.statements)
    assert set(sections) == set(STATUTORY_SECTIONS)
    tables = [s for s in holdout.statements if s.table is not None]
    assert len(tables) >= 10
    assert all(s.section in ("F", "G", "H1", "H2") for s in tables)


@by_set
def test_no_statement_is_copied_from_the_main_set_the_unit_test_data_or_another_holdout(
    holdout: HoldoutSet,
) -> None:
    """Held out means new text: nothing longer than a stock prompt may be reused verbatim."""
    seen = {s.content for s in STATEMENTS}
    seen |= {s.content for other in HOLDOUTS if other is not holdout for s in other.statements}
    unit_data = "\n".join(
        p.read_text(encoding="utf-8")
        for folder in (ROOT / "tests" / "rule_cases", ROOT / "rules")
        for p in folder.glob("*.toml")
    )
    long_ones = [s for s in holdout.statements if len(s.content) > 40]
    assert not [s.id for s in long_ones if s.content in seen]
    assert not [s.id for s in long_ones if s.content in unit_data]


# ---------------------------------------------------------------- whole plans


@by_set
def test_at_least_eight_plans_with_expectations_matching_the_schema(holdout: HoldoutSet) -> None:
    assert len(holdout.plans) >= 8
    for plan in holdout.plans:
        raw = json.loads(plan.expected_path.read_text(encoding="utf-8"))
        jsonschema.validate(raw, EXPECTED_SCHEMA)
        assert raw["reference_date"] == holdout.reference_date, plan.name


@by_set
def test_about_forty_percent_of_plans_are_good_practice_and_list_everything_absent(
    holdout: HoldoutSet,
) -> None:
    clean = [p for p in holdout.plans if p.clean]
    assert 0.35 <= len(clean) / len(holdout.plans) <= 0.5
    for plan in clean:
        assert plan.absent == set(BLOCK + PLAN_LEVEL), plan.name


@by_set
@pytest.mark.parametrize("category", PLAN_LEVEL)
def test_each_plan_level_category_is_expected_somewhere_and_absent_elsewhere(
    holdout: HoldoutSet, category: str
) -> None:
    assert sum(category in p.expect for p in holdout.plans) >= 1
    assert sum(category in p.absent for p in holdout.plans) >= 4


@pytest.mark.parametrize(
    "plan",
    [p for _, p in ALL_HOLDOUT_PLANS],
    ids=[f"{h.name}/{p.name}" for h, p in ALL_HOLDOUT_PLANS],
)
def test_plan_has_personal_details_and_section_headings(plan: object) -> None:
    check_front_matter_and_headings(plan)


@by_set
def test_plan_names_differ_from_the_main_sets_and_the_other_holdouts(holdout: HoldoutSet) -> None:
    taken = {p.name for p in load.load_plans()}
    taken |= {p.name for other in HOLDOUTS if other is not holdout for p in other.plans}
    assert not {p.name for p in holdout.plans} & taken
