"""Typed loader for the labelled evaluation set in ``benchmarks/eval/``.

The evaluation set measures the rule set against labels a careful QA officer
would give; it is deliberately kept apart from the unit tests so that rules are
not written against the very examples they are scored on. This module only
reads and checks the data files (see ``README.md`` for the format and the
labelling rules). It never judges plan content itself.

Errors are :class:`EvalDataError`, one line naming the file, the line and what
is wrong, and never quoting the (invented, but plan-like) text.

Run ``python benchmarks/eval/load.py`` for a summary of the set.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, cast

from ehcp_lint.errors import EhcpLintError
from ehcp_lint.model import SECTION_TITLES, STATUTORY_SECTIONS
from ehcp_lint.report import CATEGORIES

__all__ = [
    "BLOCK_CATEGORIES",
    "EVAL_DIR",
    "PLAN_CATEGORIES",
    "SECTION_SCOPE",
    "EvalDataError",
    "EvalPlan",
    "Split",
    "Statement",
    "TableRow",
    "load_plans",
    "load_statements",
]

EVAL_DIR = Path(__file__).resolve().parent
STATEMENTS_FILE = EVAL_DIR / "statements.jsonl"
PLANS_DIR = EVAL_DIR / "plans"

Split = Literal["dev", "test"]
SPLITS: tuple[Split, ...] = ("dev", "test")

#: Categories a finding on one block (paragraph, list item, table row) can carry, and
#: categories judged on a whole plan: the block-level and plan-level groups of
#: :data:`ehcp_lint.report.CATEGORIES`, which lists categories by level (block, plan,
#: batch). ``boilerplate`` (batch level) is in neither set.
_FIRST_PLAN_CATEGORY = CATEGORIES.index("missing-section")
_FIRST_BATCH_CATEGORY = CATEGORIES.index("boilerplate")
BLOCK_CATEGORIES: tuple[str, ...] = CATEGORIES[:_FIRST_PLAN_CATEGORY]
PLAN_CATEGORIES: tuple[str, ...] = CATEGORIES[_FIRST_PLAN_CATEGORY:_FIRST_BATCH_CATEGORY]

#: Sections in which a block category can be raised at all; categories not listed
#: apply in every section. A label outside its scope is a data error.
SECTION_SCOPE: dict[str, frozenset[str]] = {
    "vague-provision": frozenset({"F", "G", "H1", "H2"}),
    "unquantified-provision": frozenset({"F", "G", "H1", "H2"}),
    "diagnostic-need": frozenset({"B", "C", "D"}),
    "non-smart-outcome": frozenset({"E"}),
}

AREAS: frozenset[str] = frozenset(
    {
        "communication and interaction",
        "cognition and learning",
        "social, emotional and mental health",
        "sensory and/or physical",
    }
)

_STATEMENT_KEYS = frozenset(
    {"id", "split", "section", "area", "text", "table", "expect", "hard_negative", "note"}
)
_PLAN_KEYS = frozenset({"reference_date", "expect", "absent", "note"})


class EvalDataError(EhcpLintError):
    """A data file of the evaluation set is malformed; ``str(err)`` is one line."""

    def __init__(self, where: str, problem: str) -> None:
        self.where = where
        self.problem = problem
        super().__init__(f"{where}: {problem}; fix the evaluation data (see benchmarks/eval/README.md)")


@dataclass(frozen=True, slots=True)
class TableRow:
    """One row of a provision table, read as a whole with its header."""

    header: tuple[str, ...]
    row: tuple[str, ...]

    def cells(self) -> list[tuple[str, str]]:
        """(column name, cell text) pairs, in column order."""
        return list(zip(self.header, self.row, strict=True))


@dataclass(frozen=True, slots=True)
class Statement:
    """One labelled block, linted on its own as if it were the only content of ``section``.

    ``expect`` is the exact set of block categories that must be raised on it;
    ``hard_negative`` names the categories it was written to tempt a rule into
    raising wrongly (they must not be raised either: anything outside ``expect``
    must not be).
    """

    id: str
    split: Split
    section: str
    area: str | None
    text: str | None
    table: TableRow | None
    expect: frozenset[str]
    hard_negative: frozenset[str]
    note: str

    @property
    def clean(self) -> bool:
        """True for good practice: no category should be raised."""
        return not self.expect

    @property
    def content(self) -> str:
        """The statement's words: the text, or a table row's cells joined with ' | '."""
        if self.table is not None:
            return " | ".join(c for c in self.table.row if c)
        return self.text or ""

    def as_markdown(self) -> str:
        """A minimal Markdown plan holding only this statement in its section.

        Lets an accuracy harness run the ordinary Markdown reader on one
        statement, so that it is judged exactly where the label says it sits.
        """
        title = SECTION_TITLES.get(self.section, "")
        lines = [f"# Section {self.section}: {title}", ""]
        if self.area:
            lines += [f"## {self.area[:1].upper()}{self.area[1:]}", ""]
        if self.table is not None:
            lines.append("| " + " | ".join(self.table.header) + " |")
            lines.append("|" + "---|" * len(self.table.header))
            lines.append("| " + " | ".join(self.table.row) + " |")
        else:
            lines.append(self.text or "")
        return "\n".join(lines) + "\n"


@dataclass(frozen=True, slots=True)
class EvalPlan:
    """A whole Markdown plan with the categories that must and must not be raised on it.

    Categories in neither ``expect`` nor ``absent`` are left undecided: the
    labeller was not sure, so they count neither way.
    """

    name: str
    path: Path
    expected_path: Path
    reference_date: dt.date
    expect: frozenset[str]
    absent: frozenset[str]
    note: str

    @property
    def clean(self) -> bool:
        """True for a good-practice plan: nothing must be raised."""
        return not self.expect

    @property
    def undecided(self) -> frozenset[str]:
        return frozenset(BLOCK_CATEGORIES + PLAN_CATEGORIES) - self.expect - self.absent

    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")


def _string_list(where: str, value: Any, field: str, allowed: tuple[str, ...]) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise EvalDataError(where, f"'{field}' must be a list of category names")
    unknown = sorted(set(value) - set(allowed))
    if unknown:
        raise EvalDataError(where, f"'{field}' has unknown categories {unknown}")
    if len(set(value)) != len(value):
        raise EvalDataError(where, f"'{field}' lists a category twice")
    return frozenset(value)


def _parse_table(where: str, value: Any) -> TableRow:
    if not isinstance(value, dict) or set(value) != {"header", "row"}:
        raise EvalDataError(where, "'table' must be an object with 'header' and 'row'")
    header, row = value["header"], value["row"]
    for field, cells in (("header", header), ("row", row)):
        if not isinstance(cells, list) or not all(isinstance(c, str) for c in cells):
            raise EvalDataError(where, f"'table.{field}' must be a list of strings")
    if len(header) != len(row) or len(header) < 2:
        raise EvalDataError(where, "'table.header' and 'table.row' need the same number (>= 2) of cells")
    return TableRow(tuple(header), tuple(row))


def _parse_statement(where: str, raw: Any) -> Statement:
    if not isinstance(raw, dict):
        raise EvalDataError(where, "each line must be one JSON object")
    data = cast(dict[str, Any], raw)
    missing = {"id", "split", "section", "area", "expect", "note"} - set(data)
    if missing:
        raise EvalDataError(where, f"missing fields {sorted(missing)}")
    extra = set(data) - _STATEMENT_KEYS
    if extra:
        raise EvalDataError(where, f"unknown fields {sorted(extra)}")
    sid, split, section, area, note = (data[k] for k in ("id", "split", "section", "area", "note"))
    if not isinstance(sid, str) or not sid:
        raise EvalDataError(where, "'id' must be a non-empty string")
    if split not in SPLITS:
        raise EvalDataError(where, f"'split' must be one of {list(SPLITS)}")
    if section not in STATUTORY_SECTIONS:
        raise EvalDataError(where, f"'section' must be one of {list(STATUTORY_SECTIONS)}")
    if not sid.startswith(f"{section}-"):
        raise EvalDataError(where, f"id {sid!r} must start with its section '{section}-'")
    if area is not None and area not in AREAS:
        raise EvalDataError(where, f"'area' must be null or one of {sorted(AREAS)}")
    if not isinstance(note, str):
        raise EvalDataError(where, "'note' must be a string")
    if ("text" in data) == ("table" in data):
        raise EvalDataError(where, "give exactly one of 'text' and 'table'")
    text: str | None = None
    table: TableRow | None = None
    if "text" in data:
        if not isinstance(data["text"], str) or not data["text"].strip():
            raise EvalDataError(where, "'text' must be a non-empty string")
        text = data["text"]
    else:
        table = _parse_table(where, data["table"])
    expect = _string_list(where, data["expect"], "expect", BLOCK_CATEGORIES)
    hard = _string_list(where, data.get("hard_negative", []), "hard_negative", BLOCK_CATEGORIES)
    if expect & hard:
        raise EvalDataError(where, f"{sorted(expect & hard)} is both expected and a hard negative")
    for category in expect:
        scope = SECTION_SCOPE.get(category)
        if scope is not None and section not in scope:
            raise EvalDataError(where, f"'{category}' cannot be raised in section {section}")
    return Statement(sid, cast(Split, split), section, area, text, table, expect, hard, note)


def load_statements(path: Path | None = None, split: Split | None = None) -> list[Statement]:
    """Every statement in file order (or only those of one split), checked for shape.

    Raises :class:`EvalDataError` on malformed JSON, unknown fields or
    categories, a category outside its sections, or a repeated id.
    """
    path = path or STATEMENTS_FILE
    out: list[Statement] = []
    seen: set[str] = set()
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            where = f"{path}:{number}"
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as exc:
                raise EvalDataError(where, f"not valid JSON ({exc.msg})") from None
            statement = _parse_statement(where, raw)
            if statement.id in seen:
                raise EvalDataError(where, f"id {statement.id!r} is used twice")
            seen.add(statement.id)
            out.append(statement)
    if split is not None:
        out = [s for s in out if s.split == split]
    return out


def _parse_expected(where: str, raw: Any) -> tuple[dt.date, frozenset[str], frozenset[str], str]:
    if not isinstance(raw, dict):
        raise EvalDataError(where, "must hold one JSON object")
    data = cast(dict[str, Any], raw)
    if set(data) != _PLAN_KEYS:
        raise EvalDataError(where, f"fields must be exactly {sorted(_PLAN_KEYS)}")
    try:
        reference = dt.date.fromisoformat(data["reference_date"])
    except (TypeError, ValueError):
        raise EvalDataError(where, "'reference_date' must be an ISO date (YYYY-MM-DD)") from None
    allowed = BLOCK_CATEGORIES + PLAN_CATEGORIES
    expect = _string_list(where, data["expect"], "expect", allowed)
    absent = _string_list(where, data["absent"], "absent", allowed)
    if expect & absent:
        raise EvalDataError(where, f"{sorted(expect & absent)} is both expected and absent")
    if not isinstance(data["note"], str) or not data["note"].strip():
        raise EvalDataError(where, "'note' must say what the plan tests")
    return reference, expect, absent, data["note"]


def load_plans(directory: Path | None = None) -> list[EvalPlan]:
    """Every ``<name>.md`` with its ``<name>.expected.json``, sorted by name.

    Raises :class:`EvalDataError` when a plan lacks its expectations (or the
    other way round) or an expectations file is malformed.
    """
    directory = directory or PLANS_DIR
    plans = {p.name.removesuffix(".md"): p for p in directory.glob("*.md")}
    expectations = {
        p.name.removesuffix(".expected.json"): p for p in directory.glob("*.expected.json")
    }
    for name in sorted(set(plans) ^ set(expectations)):
        lacking = "expected.json" if name in plans else "md"
        raise EvalDataError(str(directory / name), f"has no matching .{lacking} file")
    out: list[EvalPlan] = []
    for name in sorted(plans):
        expected_path = expectations[name]
        try:
            raw = json.loads(expected_path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise EvalDataError(str(expected_path), f"not valid JSON ({exc.msg})") from None
        reference, expect, absent, note = _parse_expected(str(expected_path), raw)
        out.append(EvalPlan(name, plans[name], expected_path, reference, expect, absent, note))
    return out


def _summary() -> str:
    """Counts per category and split, for the README and for a quick look."""
    statements = load_statements()
    plans = load_plans()
    lines = [f"{len(statements)} statements, {len(plans)} plans"]
    clean = sum(s.clean for s in statements)
    lines.append(f"clean statements: {clean} ({clean / len(statements):.0%})")
    splits = Counter(s.split for s in statements)
    lines.append("split: " + ", ".join(f"{k} {splits[k]}" for k in SPLITS))
    lines.append(f"{'category':26} {'pos dev/test':>13} {'hard-neg dev/test':>18}")
    for category in BLOCK_CATEGORIES:
        pos = Counter(s.split for s in statements if category in s.expect)
        neg = Counter(s.split for s in statements if category in s.hard_negative)
        lines.append(
            f"{category:26} {pos['dev']:>6}/{pos['test']:<6} {neg['dev']:>9}/{neg['test']:<8}"
        )
    lines.append(f"clean plans: {sum(p.clean for p in plans)} of {len(plans)}")
    for category in PLAN_CATEGORIES:
        raised = sum(category in p.expect for p in plans)
        not_raised = sum(category in p.absent for p in plans)
        lines.append(f"{category:28} expected in {raised:>2}, absent from {not_raised:>2}")
    return "\n".join(lines)


if __name__ == "__main__":
    print(_summary())
