"""benchmarks/accuracy.py computes precision and recall correctly, on a tiny invented set.

The set below is written for this test (never taken from benchmarks/eval): a few
statements whose labels are deliberately right or wrong, so that every kind of
count (true positive, false positive, false negative, categories left
undecided on a plan) is exercised with the real rules and the real loader.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "accuracy.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ehcp_accuracy_script", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


accuracy = _script()

STATEMENTS: list[dict[str, Any]] = [
    # Correctly labelled: both provision categories are raised and expected.
    {"id": "F-001", "split": "dev", "section": "F", "area": None,
     "text": "Milo will have access to speech therapy.",
     "expect": ["vague-provision", "unquantified-provision"], "note": "hedged and unquantified"},
    # Mislabelled on purpose: good provision labelled vague -> a false negative for vague-provision.
    {"id": "F-002", "split": "dev", "section": "F", "area": None,
     "text": "A teaching assistant will read with Milo for 10 minutes every day.",
     "expect": ["vague-provision"], "note": "deliberately wrong label"},
    # Clean need description.
    {"id": "B-001", "split": "dev", "section": "B", "area": None,
     "text": "Milo finds it hard to sit still for more than five minutes on the carpet.",
     "expect": [], "note": "clean"},
    # A clean table row read as a whole.
    {"id": "F-003", "split": "dev", "section": "F", "area": None,
     "table": {"header": ["Provision", "Who", "How often", "How long"],
               "row": ["Phonics practice", "Teaching assistant", "Daily", "15 minutes"]},
     "expect": [], "note": "clean row"},
    # Mislabelled on purpose: vague provision labelled clean -> two false positives in test.
    {"id": "F-004", "split": "test", "section": "F", "area": None,
     "text": "Regular movement breaks.",
     "expect": [], "note": "deliberately wrong label"},
    {"id": "E-001", "split": "test", "section": "E", "area": None,
     "text": "By July 2027 Milo will read 40 common words on sight in a weekly check.",
     "expect": [], "note": "clean outcome"},
]

PLAN = """# Section A: Views, interests and aspirations
I like dinosaurs and football. [Insert more views here]
# Section B: Special educational needs
Milo finds it hard to sit still for more than five minutes on the carpet.
# Section F: Special educational provision
Milo will have access to speech therapy.
"""

EXPECTED = {
    "reference_date": "2026-11-23",
    "expect": ["vague-provision"],
    "absent": ["placeholder-text", "jargon"],
    "note": "vague provision expected; the placeholder is labelled absent on purpose",
}


def _write_set(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(s) for s in STATEMENTS]
    (root / "statements.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    plans = root / "plans"
    plans.mkdir()
    (plans / "milo.md").write_text(PLAN, encoding="utf-8")
    (plans / "milo.expected.json").write_text(json.dumps(EXPECTED), encoding="utf-8")
    return root


def _run_json(root: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> dict[str, Any]:
    status = accuracy.main(["--eval-dir", str(root), "--json", "--show-errors", *extra])
    assert status == 0
    document: dict[str, Any] = json.loads(capsys.readouterr().out)
    return document


def test_statement_counts_precision_and_recall(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = _run_json(_write_set(tmp_path / "eval"), capsys)
    dev = document["statements"]["dev"]["categories"]
    test = document["statements"]["test"]["categories"]
    both = document["statements"]["all"]["categories"]

    assert dev["vague-provision"] == {
        "tp": 1, "fp": 0, "fn": 1, "precision": 1.0, "recall": 0.5, "meets_target": False,
    }
    assert (dev["unquantified-provision"]["tp"], dev["unquantified-provision"]["fp"]) == (1, 0)
    assert (test["vague-provision"]["tp"], test["vague-provision"]["fp"], test["vague-provision"]["fn"]) == (0, 1, 0)
    assert test["vague-provision"]["precision"] == 0.0
    assert test["vague-provision"]["recall"] is None  # nothing expected: recall undefined
    assert both["vague-provision"]["precision"] == 0.5 and both["vague-provision"]["recall"] == 0.5
    assert both["unquantified-provision"]["precision"] == 0.5
    assert both["unquantified-provision"]["recall"] == 1.0
    # Only block categories are scored on statements, whatever plan-level rules say about
    # a one-section plan.
    assert set(dev) == {
        "vague-provision", "unquantified-provision", "diagnostic-need", "non-smart-outcome",
        "jargon", "deficit-language", "placeholder-text",
    }
    assert document["statements"]["dev"]["items"] == 4
    assert document["statements"]["test"]["items"] == 2


def test_overall_row_sums_the_categories(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = _run_json(_write_set(tmp_path / "eval"), capsys)
    table = document["statements"]["all"]
    total = {k: sum(c[k] for c in table["categories"].values()) for k in ("tp", "fp", "fn")}
    assert {k: table["overall"][k] for k in ("tp", "fp", "fn")} == total
    assert table["overall"]["precision"] == round(total["tp"] / (total["tp"] + total["fp"]), 4)


def test_whole_plan_scores_only_expected_and_absent(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = _run_json(_write_set(tmp_path / "eval"), capsys)
    plans = document["plans"]["categories"]
    assert plans["vague-provision"]["tp"] == 1
    assert plans["placeholder-text"]["fp"] == 1  # raised, but labelled absent
    assert plans["jargon"] == {**plans["jargon"], "tp": 0, "fp": 0, "fn": 0}
    # Undecided categories never count, even when a plan-level rule raises them
    # (this three-section plan is missing most sections).
    assert plans["missing-section"]["tp"] + plans["missing-section"]["fp"] == 0


def test_show_errors_lists_misses_by_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = _run_json(_write_set(tmp_path / "eval"), capsys)
    misses = {(e["item"], e["category"], e["kind"]) for e in document["errors"]}
    assert ("F-002", "vague-provision", "false negative") in misses
    assert ("F-004", "vague-provision", "false positive") in misses
    assert ("milo", "placeholder-text", "false positive") in misses
    assert not any(item == "B-001" for item, _, _ in misses)


def test_table_output_marks_rows_below_target(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = accuracy.main(["--eval-dir", str(_write_set(tmp_path / "eval")), "--show-errors"])
    out = capsys.readouterr().out
    assert status == 0, "low scores are reported, not turned into a failing exit status"
    assert "statements (dev): 4 items" in out
    assert "BELOW" in out
    assert "F-002" in out and "false negative" in out


def test_misuse_exits_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert accuracy.main(["--eval-dir", str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "no such folder" in err

    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "statements.jsonl").write_text('{"id": "F-1", "split": "dev"}\n', encoding="utf-8")
    assert accuracy.main(["--eval-dir", str(broken)]) == 2
    err = capsys.readouterr().err.strip()
    assert "missing fields" in err and err.count("\n") == 0


def test_a_rule_file_that_does_not_load_is_named_not_skipped(tmp_path: Path) -> None:
    """A shipped rule file broken while editing must stop the figures, not silently drop its rule."""
    from ehcp_lint.engine.registry import builtin_rules_dir

    assert accuracy.broken_rule_files() == []  # the shipped folder loads, every pattern compiles
    for source in builtin_rules_dir().glob("PRV00*.toml"):
        (tmp_path / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    assert accuracy.broken_rule_files(tmp_path) == []
    target = next(iter(sorted(tmp_path.glob("PRV008*.toml"))))
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("[[match]]", "[[match]\n", 1), encoding="utf-8")  # a TOML slip
    problems = accuracy.broken_rule_files(tmp_path)
    assert len(problems) == 1 and target.name in problems[0]


def test_score_arithmetic() -> None:
    table = accuracy.Table(name="t", items=3, categories=["jargon", "deficit-language"])
    accuracy.score_sets({"jargon"}, {"jargon", "deficit-language"}, table.categories, table)
    accuracy.score_sets({"jargon"}, set(), table.categories, table)
    accuracy.score_sets(set(), set(), table.categories, table)
    jargon, deficit = table.score("jargon"), table.score("deficit-language")
    assert (jargon.tp, jargon.fp, jargon.fn) == (1, 0, 1)
    assert (deficit.tp, deficit.fp, deficit.fn) == (0, 1, 0)
    assert jargon.precision == 1.0 and jargon.recall == 0.5
    assert deficit.precision == 0.0 and deficit.recall is None
    assert not jargon.meets_target and not deficit.meets_target
    # With an 'absent' list (whole plans), a raised category in neither list is not scored.
    plan_table = accuracy.Table(name="p", items=1, categories=["jargon", "deficit-language"])
    accuracy.score_sets(set(), {"jargon", "deficit-language"}, plan_table.categories, plan_table, absent={"jargon"})
    assert plan_table.score("jargon").fp == 1
    assert plan_table.score("deficit-language").fp == 0
