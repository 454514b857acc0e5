"""Checks on the labelled evaluation set in ``benchmarks/eval/`` (data, not rules).

The evaluation set is what the rule set is scored on (precision and recall per
category), so its shape and balance matter as much as any code: a category
without hard negatives cannot show a precision problem, and a split without
positives cannot show a recall problem. These tests check the data and the
loader; they never run the rules.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import jsonschema  # type: ignore[import-untyped]
import pytest

from ehcp_lint.model import STATUTORY_SECTIONS
from ehcp_lint.report import CATEGORIES

ROOT = Path(__file__).resolve().parents[1]
EVAL_DIR = ROOT / "benchmarks" / "eval"


def _import_loader() -> ModuleType:
    """Import ``benchmarks/eval/load.py`` by path: ``benchmarks`` is not a package."""
    name = "ehcp_eval_load"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, EVAL_DIR / "load.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


load = _import_loader()
STATEMENTS = load.load_statements()
PLANS = load.load_plans()
BLOCK = load.BLOCK_CATEGORIES
PLAN_LEVEL = load.PLAN_CATEGORIES

_CATEGORY_LIST = {"type": "array", "items": {"enum": list(BLOCK)}, "uniqueItems": True}
STATEMENT_SCHEMA = {
    "type": "object",
    "required": ["id", "split", "section", "area", "expect", "note"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "pattern": r"^(A|B|C|D|E|F|G|H1|H2|I|J|K)-\d{3}$"},
        "split": {"enum": ["dev", "test"]},
        "section": {"enum": list(STATUTORY_SECTIONS)},
        "area": {
            "enum": [
                None,
                "communication and interaction",
                "cognition and learning",
                "social, emotional and mental health",
                "sensory and/or physical",
            ]
        },
        "text": {"type": "string", "minLength": 1},
        "table": {
            "type": "object",
            "required": ["header", "row"],
            "additionalProperties": False,
            "properties": {
                "header": {"type": "array", "items": {"type": "string"}, "minItems": 2},
                "row": {"type": "array", "items": {"type": "string"}, "minItems": 2},
            },
        },
        "expect": _CATEGORY_LIST,
        "hard_negative": _CATEGORY_LIST,
        "note": {"type": "string"},
    },
    "oneOf": [{"required": ["text"]}, {"required": ["table"]}],
}
EXPECTED_SCHEMA = {
    "type": "object",
    "required": ["reference_date", "expect", "absent", "note"],
    "additionalProperties": False,
    "properties": {
        "reference_date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "expect": {"type": "array", "items": {"enum": list(BLOCK + PLAN_LEVEL)}, "uniqueItems": True},
        "absent": {"type": "array", "items": {"enum": list(BLOCK + PLAN_LEVEL)}, "uniqueItems": True},
        "note": {"type": "string", "minLength": 10},
    },
}

SECTION_HEADING = re.compile(r"^# Section (A|B|C|D|E|F|G|H1|H2|H|I|J|K)\b", re.MULTILINE)


# ---------------------------------------------------------------- statements


def check_statement_lines(path: Path, count: int) -> None:
    """Every line of a statements file matches the schema, and there are ``count`` of them
    (as many as the loader read). Shared with the held-out set's tests."""
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == count
    shown = path.relative_to(ROOT / "benchmarks")
    for number, line in enumerate(lines, start=1):
        try:
            jsonschema.validate(json.loads(line), STATEMENT_SCHEMA)
        except jsonschema.ValidationError as exc:
            pytest.fail(f"{shown} line {number}: {exc.message}")


def test_every_statement_line_matches_the_schema() -> None:
    check_statement_lines(EVAL_DIR / "statements.jsonl", len(STATEMENTS))


def test_at_least_360_statements_with_unique_ids_prefixed_by_section() -> None:
    assert len(STATEMENTS) >= 360
    ids = [s.id for s in STATEMENTS]
    assert len(ids) == len(set(ids))
    for s in STATEMENTS:
        assert s.id.split("-")[0] == s.section, s.id


def test_categories_come_from_the_fixed_list_and_fit_their_sections() -> None:
    assert set(BLOCK) | set(PLAN_LEVEL) <= set(CATEGORIES)
    assert "boilerplate" not in BLOCK + PLAN_LEVEL
    for s in STATEMENTS:
        assert s.section in STATUTORY_SECTIONS, s.id
        assert s.expect <= set(BLOCK), s.id
        assert not (s.expect & s.hard_negative), s.id
        for category in s.expect:
            scope = load.SECTION_SCOPE.get(category)
            assert scope is None or s.section in scope, f"{s.id}: {category} in {s.section}"


def test_about_forty_percent_of_statements_are_clean() -> None:
    share = sum(s.clean for s in STATEMENTS) / len(STATEMENTS)
    assert 0.35 <= share <= 0.47, f"{share:.0%} clean"


def test_both_splits_are_populated_and_roughly_equal() -> None:
    splits = Counter(s.split for s in STATEMENTS)
    assert set(splits) == {"dev", "test"}
    assert abs(splits["dev"] - splits["test"]) <= 0.1 * len(STATEMENTS)
    assert len(load.load_statements(split="test")) == splits["test"]


@pytest.mark.parametrize("category", BLOCK)
def test_each_block_category_has_positives_and_hard_negatives_in_both_splits(
    category: str,
) -> None:
    positives = [s for s in STATEMENTS if category in s.expect]
    hard = [s for s in STATEMENTS if category in s.hard_negative]
    assert len(positives) >= 15, f"{len(positives)} positives"
    assert len(hard) >= 15, f"{len(hard)} hard negatives"
    for split in ("dev", "test"):
        assert sum(s.split == split for s in positives) >= 5, f"{split} positives"
        assert sum(s.split == split for s in hard) >= 5, f"{split} hard negatives"


def test_statements_cover_every_section_most_in_needs_outcomes_and_provision() -> None:
    sections = Counter(s.section for s in STATEMENTS)
    assert set(sections) == set(STATUTORY_SECTIONS)
    core = sum(sections[k] for k in ("B", "C", "D", "E", "F", "G", "H1", "H2"))
    assert core >= 0.8 * len(STATEMENTS)
    assert sum(s.table is not None for s in STATEMENTS) >= 10
    for s in STATEMENTS:
        if s.table is not None:
            assert len(s.table.header) == len(s.table.row), s.id
            assert s.section in ("F", "G", "H1", "H2"), s.id


def test_statements_are_not_copied_from_unit_test_data() -> None:
    """The set must stay separate from the unit tests: no statement reused verbatim.

    Short stock template strings ("Click here to enter text.") are the same
    everywhere by nature, so only statements longer than 40 characters count.
    """
    unit_data = "\n".join(
        p.read_text(encoding="utf-8")
        for folder in (ROOT / "tests" / "rule_cases", ROOT / "rules")
        for p in folder.glob("*.toml")
    )
    copied = [s.id for s in STATEMENTS if len(s.content) > 40 and s.content in unit_data]
    assert not copied


def test_statement_renders_as_a_one_section_markdown_plan() -> None:
    table_row = next(s for s in STATEMENTS if s.table is not None)
    md = table_row.as_markdown()
    assert md.startswith(f"# Section {table_row.section}: ")
    assert "| " + " | ".join(table_row.table.header) + " |" in md
    text_one = next(s for s in STATEMENTS if s.text is not None and s.section == "E")
    assert text_one.as_markdown().rstrip().endswith(text_one.text)


# ---------------------------------------------------------------- whole plans


def test_every_plan_has_expectations_matching_the_schema() -> None:
    assert len(PLANS) >= 14
    for plan in PLANS:
        raw = json.loads(plan.expected_path.read_text(encoding="utf-8"))
        jsonschema.validate(raw, EXPECTED_SCHEMA)
        assert not (plan.expect & plan.absent), plan.name
        assert plan.reference_date.isoformat() == raw["reference_date"]


def test_about_forty_percent_of_plans_are_good_practice() -> None:
    clean = [p for p in PLANS if p.clean]
    assert 0.35 <= len(clean) / len(PLANS) <= 0.5
    everything = set(BLOCK + PLAN_LEVEL)
    for plan in clean:
        assert plan.absent == everything, f"{plan.name} must list every category as absent"


@pytest.mark.parametrize("category", PLAN_LEVEL)
def test_each_plan_level_category_has_two_positive_and_several_negative_plans(
    category: str,
) -> None:
    assert sum(category in p.expect for p in PLANS) >= 2
    assert sum(category in p.absent for p in PLANS) >= 5


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.name)
def test_plan_has_personal_details_and_section_headings(plan: object) -> None:
    assert isinstance(plan, load.EvalPlan)
    text = plan.text()
    front, _, _ = text.partition("\n# Section ")
    for label in ("Name", "Date of birth", "Year group", "Plan date", "Status"):
        assert re.search(rf"^(\| )?{label}\b", front, re.MULTILINE), f"{plan.name}: {label}"
    keys = SECTION_HEADING.findall(text)
    statutory = set(STATUTORY_SECTIONS)
    if "missing-section" in plan.absent:
        assert statutory <= set(keys), f"{plan.name} lacks {sorted(statutory - set(keys))}"
    if "missing-section" in plan.expect:
        assert not statutory <= set(keys) or "H" in keys, plan.name


# ---------------------------------------------------------------- loader errors


def test_loader_error_names_file_and_line_without_quoting_the_text(tmp_path: Path) -> None:
    secret = "Zebedee Quartermain has a private medical history"
    bad = tmp_path / "statements.jsonl"
    good: dict[str, object] = {"id": "B-001", "split": "dev", "section": "B", "area": None, "text": "Fine.",
            "expect": [], "note": ""}
    wrong = dict(good, id="B-002", text=secret, expect=["vague-provision"])
    bad.write_text(json.dumps(good) + "\n" + json.dumps(wrong) + "\n", encoding="utf-8")
    with pytest.raises(load.EvalDataError) as info:
        load.load_statements(bad)
    message = str(info.value)
    assert f"{bad}:2:" in message
    assert "vague-provision" in message and "section B" in message
    assert "Zebedee" not in message and "\n" not in message


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"expect": ["boilerplate"]}, "unknown categories"),
        ({"split": "train"}, "'split'"),
        ({"id": "F-001"}, "must start with its section"),
        ({"table": {"header": ["Provision", "Who"], "row": ["x"]}}, "same number"),
        ({"hard_negative": ["jargon"], "expect": ["jargon"]}, "both expected"),
    ],
)
def test_loader_rejects_malformed_statements(
    tmp_path: Path, change: dict[str, object], problem: str
) -> None:
    record: dict[str, object] = {"id": "B-001", "split": "dev", "section": "B", "area": None,
                                 "text": "Kai reads 20 words.", "expect": [], "note": ""}
    record.update(change)
    if "table" in change:
        del record["text"]
    path = tmp_path / "statements.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    with pytest.raises(load.EvalDataError, match=re.escape(problem)):
        load.load_statements(path)


def test_loader_rejects_a_repeated_id_and_a_plan_without_expectations(tmp_path: Path) -> None:
    record: dict[str, object] = {"id": "K-001", "split": "test", "section": "K", "area": None,
              "text": "Advice list.", "expect": [], "note": ""}
    path = tmp_path / "statements.jsonl"
    path.write_text((json.dumps(record) + "\n") * 2, encoding="utf-8")
    with pytest.raises(load.EvalDataError, match="used twice"):
        load.load_statements(path)
    (tmp_path / "lonely.md").write_text("# Section A: Views\n", encoding="utf-8")
    with pytest.raises(load.EvalDataError, match=r"lonely: has no matching \.expected\.json"):
        load.load_plans(tmp_path)
