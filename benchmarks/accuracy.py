"""Precision and recall of the rule set on the labelled evaluation set (``benchmarks/eval``).

Two measurements, as ``benchmarks/eval/README.md`` defines them:

* **Statements.** Each labelled block is placed alone in its section (text with
  :func:`~ehcp_lint.testing.plan_from_text`, a table row with
  :func:`~ehcp_lint.testing.plan_from_row`) and linted; the predicted categories
  are those of findings from block-level rules. For each category, a true
  positive is a statement whose ``expect`` holds it and on which it was raised, a
  false positive one raised where ``expect`` does not hold it, a false negative
  one expected but not raised. Reported for the dev split, the test split and both.
* **Whole plans.** Each Markdown plan is read with ``read_plan(md, "md")`` and
  linted with ``Config(reference_date=...)`` from its ``.expected.json``; every
  category raised counts. A category in ``expect`` is a true positive when
  raised and a false negative when not; one in ``absent`` is a false positive
  when raised; categories in neither list are not scored for that plan.

The target is precision >= 0.95 and recall >= 0.90 for every category; rows
that miss it are marked. The exit status is 0 whatever the scores (low scores
are a finding, not a failure) and 2 only on misuse (bad arguments, a missing or
malformed evaluation set) or when a shipped rule file does not load.

    python benchmarks/accuracy.py                 # tables
    python benchmarks/accuracy.py --show-errors   # plus every false positive / negative by id
    python benchmarks/accuracy.py --json          # for machines
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_EVAL_DIR = REPO / "benchmarks" / "eval"
TARGET_PRECISION = 0.95
TARGET_RECALL = 0.90
SPLITS = ("dev", "test", "all")


class UsageError(Exception):
    """Misuse: the message is one line saying what to fix."""


# --------------------------------------------------------------------------- scores


@dataclass
class Score:
    """Counts for one category (or for all of them together)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def meets_target(self) -> bool:
        """Undefined precision (nothing raised) or recall (nothing expected) does not fail."""
        p, r = self.precision, self.recall
        return (p is None or p >= TARGET_PRECISION) and (r is None or r >= TARGET_RECALL)

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": _round(self.precision),
            "recall": _round(self.recall),
            "meets_target": self.meets_target,
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


@dataclass(frozen=True)
class Miss:
    """One false positive or false negative, named by the item's id."""

    kind: str  # "false positive" | "false negative"
    item: str  # statement id or plan name
    category: str
    split: str
    detail: str = ""


@dataclass
class Table:
    """Scores per category for one group of items (a split, or the plans)."""

    name: str
    items: int
    categories: list[str]
    scores: dict[str, Score] = field(default_factory=dict)

    def score(self, category: str) -> Score:
        return self.scores.setdefault(category, Score())

    @property
    def overall(self) -> Score:
        total = Score()
        for category in self.categories:
            total.add(self.score(category))
        return total

    def as_dict(self) -> dict[str, Any]:
        return {
            "items": self.items,
            "categories": {c: self.score(c).as_dict() for c in self.categories},
            "overall": self.overall.as_dict(),
        }


def score_sets(
    expected: Collection[str],
    predicted: Collection[str],
    categories: Iterable[str],
    table: Table,
    absent: Collection[str] | None = None,
) -> list[tuple[str, str]]:
    """Add one item's outcome to ``table``; return its misses as (kind, category).

    With ``absent`` given (whole plans), only categories in ``expected`` or
    ``absent`` are scored; without it (statements), everything not expected
    counts as absent.
    """
    misses: list[tuple[str, str]] = []
    for category in categories:
        score = table.score(category)
        raised = category in predicted
        if category in expected:
            if raised:
                score.tp += 1
            else:
                score.fn += 1
                misses.append(("false negative", category))
        elif raised and (absent is None or category in absent):
            score.fp += 1
            misses.append(("false positive", category))
    return misses


# --------------------------------------------------------------------------- running


def _load_module(eval_dir: Path) -> ModuleType:
    """The evaluation set's own loader (``benchmarks/eval/load.py``)."""
    loader = DEFAULT_EVAL_DIR / "load.py"
    if not loader.is_file():
        raise UsageError(f"{loader}: the evaluation loader is missing; restore benchmarks/eval/load.py")
    spec = importlib.util.spec_from_file_location("ehcp_eval_load", loader)
    if spec is None or spec.loader is None:
        raise UsageError(f"{loader}: cannot be imported")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _block_codes() -> set[str]:
    from ehcp_lint.engine.registry import load_registry

    return {rule.code for rule in load_registry() if rule.scope.level == "block"}


def _statement_plan(statement: Any) -> Any:
    from ehcp_lint.testing import plan_from_row, plan_from_text

    if statement.table is not None:
        return plan_from_row(statement.section, statement.table.header, statement.table.row)
    return plan_from_text(statement.section, statement.text)


def run_statements(
    statements: Sequence[Any], block_categories: Sequence[str]
) -> tuple[dict[str, Table], list[Miss]]:
    from ehcp_lint.config import Config
    from ehcp_lint.engine.runner import Linter

    linter = Linter(Config())
    block_codes = _block_codes()
    tables = {
        split: Table(
            name=f"statements ({split})",
            items=sum(1 for s in statements if split == "all" or s.split == split),
            categories=list(block_categories),
        )
        for split in SPLITS
    }
    misses: list[Miss] = []
    for statement in statements:
        findings = linter.lint_plan(_statement_plan(statement)).findings
        block = [f for f in findings if f.code in block_codes and f.category in block_categories]
        predicted: set[str] = {f.category for f in block}
        for split in (statement.split, "all"):
            found = score_sets(statement.expect, predicted, block_categories, tables[split])
            if split != "all":
                for kind, category in found:
                    detail = ", ".join(
                        f"{f.code} '{f.match}'" if f.match else f.code
                        for f in block
                        if f.category == category
                    )
                    misses.append(Miss(kind, statement.id, category, statement.split, detail))
    return tables, misses


def run_plans(plans: Sequence[Any], categories: Sequence[str]) -> tuple[Table, list[Miss]]:
    from ehcp_lint.config import Config
    from ehcp_lint.engine.runner import Linter
    from ehcp_lint.reading import read_plan

    table = Table(name="whole plans", items=len(plans), categories=list(categories))
    misses: list[Miss] = []
    linters: dict[str, Linter] = {}
    for plan in plans:
        key = plan.reference_date.isoformat()
        linter = linters.get(key)
        if linter is None:
            linter = linters[key] = Linter(Config(reference_date=plan.reference_date))
        parsed = read_plan(plan.text(), "md", source=plan.name)
        findings = linter.lint_plan(parsed).findings
        predicted: set[str] = {f.category for f in findings}
        for kind, category in score_sets(plan.expect, predicted, categories, table, plan.absent):
            detail = ", ".join(sorted({f.code for f in findings if f.category == category}))
            misses.append(Miss(kind, plan.name, category, "plans", detail))
    return table, misses


# --------------------------------------------------------------------------- output


def _fmt(value: float | None) -> str:
    return "   –  " if value is None else f"{value:6.3f}"


def render_table(table: Table) -> str:
    lines = [
        f"{table.name}: {table.items} items",
        f"  {'category':28} {'TP':>4} {'FP':>4} {'FN':>4}  {'precision':>9}  {'recall':>6}  target",
    ]
    rows = [(c, table.score(c)) for c in table.categories]
    rows.append(("overall", table.overall))
    for category, score in rows:
        if category != "overall" and score.tp + score.fp + score.fn == 0:
            mark = "(not scored)"
        else:
            mark = "ok" if score.meets_target else "BELOW"
        lines.append(
            f"  {category:28} {score.tp:>4} {score.fp:>4} {score.fn:>4}  "
            f"{_fmt(score.precision):>9}  {_fmt(score.recall):>6}  {mark}"
        )
    return "\n".join(lines)


def render_misses(misses: Sequence[Miss]) -> str:
    if not misses:
        return "No false positives or false negatives."
    lines = ["False positives and false negatives:"]
    for m in sorted(misses, key=lambda m: (m.split, m.category, m.kind, m.item)):
        tail = f"  [{m.detail}]" if m.detail else ""
        lines.append(f"  {m.split:5} {m.category:28} {m.kind:15} {m.item}{tail}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- main


def broken_rule_files(folder: Path | None = None) -> list[str]:
    """Problems loading the shipped data rules (or those in ``folder``), patterns compiled.

    The rule loader reports a file it cannot read as a problem and goes on without that rule,
    which is right for a team's own folder in a lint run (a warning, the rest still runs) but
    would let a figure here be measured silently without a shipped rule.
    """
    from ehcp_lint.engine.data_rules import load_rule_folder
    from ehcp_lint.engine.registry import builtin_rules_dir

    _, problems = load_rule_folder(folder or builtin_rules_dir(), check_patterns=True)
    return problems


def evaluate(eval_dir: Path, *, plans: bool = True) -> tuple[list[Table], list[Miss]]:
    """Score the rule set on the set in ``eval_dir``; raises :class:`UsageError` on misuse."""
    broken = broken_rule_files()
    if broken:
        raise UsageError(f"a shipped rule file does not load, so no figure would be right: {broken[0]}")
    if not eval_dir.is_dir():
        raise UsageError(f"{eval_dir}: no such folder; give --eval-dir the folder holding statements.jsonl")
    statements_file = eval_dir / "statements.jsonl"
    if not statements_file.is_file():
        raise UsageError(f"{statements_file}: missing; the evaluation folder needs statements.jsonl")
    loader = _load_module(eval_dir)
    try:
        statements = loader.load_statements(statements_file)
        whole = loader.load_plans(eval_dir / "plans") if plans and (eval_dir / "plans").is_dir() else []
    except loader.EvalDataError as exc:
        raise UsageError(str(exc)) from exc
    block_categories = list(loader.BLOCK_CATEGORIES)
    tables_by_split, misses = run_statements(statements, block_categories)
    tables = [tables_by_split[s] for s in SPLITS]
    if whole:
        plan_table, plan_misses = run_plans(whole, block_categories + list(loader.PLAN_CATEGORIES))
        tables.append(plan_table)
        misses += plan_misses
    return tables, misses


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="accuracy.py",
        description="Precision and recall of ehcp-lint's rules on the labelled evaluation set.",
    )
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR,
                        help="folder with statements.jsonl and plans/ (default: benchmarks/eval)")
    parser.add_argument("--json", action="store_true", help="print one JSON document instead of tables")
    parser.add_argument("--show-errors", action="store_true",
                        help="list every false positive and false negative by id")
    parser.add_argument("--no-plans", action="store_true", help="score the statements only")
    args = parser.parse_args(argv)
    try:
        tables, misses = evaluate(args.eval_dir, plans=not args.no_plans)
    except UsageError as exc:
        print(f"accuracy.py: {exc}", file=sys.stderr)
        return 2
    if args.json:
        document: dict[str, Any] = {
            "targets": {"precision": TARGET_PRECISION, "recall": TARGET_RECALL},
            "statements": {s: t.as_dict() for s, t in zip(SPLITS, tables[:3], strict=True)},
        }
        if len(tables) > 3:
            document["plans"] = tables[3].as_dict()
        if args.show_errors:
            document["errors"] = [m.__dict__ for m in misses]
        print(json.dumps(document, indent=2))
        return 0
    print(f"Target: precision >= {TARGET_PRECISION:.2f} and recall >= {TARGET_RECALL:.2f} for every category.\n")
    print("\n\n".join(render_table(t) for t in tables))
    if args.show_errors:
        print()
        print(render_misses(misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
