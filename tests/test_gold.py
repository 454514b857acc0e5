"""Section-assignment accuracy of the readers, measured on the fixture plans.

Every ``fixtures/plans/<name>.gold.json`` lists the content the fixture writer
put in ``<name>.<ext>`` and the section each piece belongs to (derived from the
spec the writer wrote, not from reading the file). Here each plan is read with
the public :func:`ehcp_lint.reading.load_plan`, flattened into (section, text)
units, and each gold unit must be found in its gold section.

Matching is on normalised text (whitespace collapsed). A reader may keep a
Word cell whole or split it into its paragraphs, so a gold unit also matches a
run of consecutive plan lines that joins to it exactly. For PDFs, where lines,
cells and paragraphs can be cut and joined differently, the gold text must
appear (whitespace and hyphens ignored) within the section's text. At least
99% of units must sit in the right section, per plan and per layout.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from ehcp_lint.model import BlockKind, Plan

PLANS_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "plans"
GOLD_FILES = sorted(PLANS_DIR.glob("*.gold.json"))
THRESHOLD = 0.99
SECTION_KEYS = {"A", "B", "C", "D", "E", "F", "G", "H1", "H2", "H", "I", "J", "K"}
SHOW = 15  # misplaced units listed in a failure message

_SPACES = re.compile(r"\s+")
_SQUASH = re.compile(r"[\s\-\u00ad\u2010\u2011]+")


def normalise(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def squash(text: str) -> str:
    """PDF comparison form: compatibility-normalised, no whitespace, no hyphens."""
    return _SQUASH.sub("", unicodedata.normalize("NFKC", text))


# --------------------------------------------------------------------------- loading


def _gold_id(path: Path) -> str:
    return path.name.removesuffix(".gold.json")


@functools.cache
def load_gold(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def plan_file(gold_path: Path) -> Path:
    return gold_path.with_name(f"{_gold_id(gold_path)}.{load_gold(gold_path)['format']}")


@functools.cache
def load(gold_path: Path) -> Plan:
    """Read the fixture plan with the public reader API (imported here, not skipped)."""
    from ehcp_lint.reading import load_plan

    return load_plan(plan_file(gold_path))


def plan_units(plan: Plan) -> dict[str, list[str]]:
    """Section key (or "front") → texts in reading order.

    Paragraph, list-item and heading blocks give their text; table blocks give
    their header names and each cell's text. Section headings are not blocks,
    so they are not units.
    """
    units: dict[str, list[str]] = defaultdict(list)
    for section, block in plan.blocks():
        key = section.key if section is not None else "front"
        if block.kind is BlockKind.TABLE and block.table is not None:
            units[key] += [h for h in block.table.header if h]
            units[key] += [cell.text for row in block.table.rows for cell in row.cells if cell.text]
        elif block.text:
            units[key].append(block.text)
    return units


def _lines(texts: list[str]) -> list[str]:
    return [n for t in texts for n in (normalise(line) for line in t.split("\n")) if n]


# --------------------------------------------------------------------------- matching


class SectionIndex:
    """Answers "is this gold text in section S?" for one read plan."""

    def __init__(self, plan: Plan, fmt: str) -> None:
        self.fmt = fmt
        by_section = plan_units(plan)
        self.lines = {key: _lines(texts) for key, texts in by_section.items()}
        self.exact = {key: set(lines) | {normalise(t) for t in by_section[key]} for key, lines in self.lines.items()}
        self.squashed = {key: squash("".join(lines)) for key, lines in self.lines.items()}

    def contains(self, section: str, text: str) -> bool:
        if self.fmt == "pdf":
            return squash(text) in self.squashed.get(section, "")
        if text in self.exact.get(section, set()):
            return True
        return _joins(self.lines.get(section, []), text)

    def where(self, text: str) -> list[str]:
        return sorted(key for key in self.lines if self.contains(key, text))


def _joins(lines: list[str], text: str) -> bool:
    """True when consecutive lines join (with single spaces) to exactly ``text``."""
    for start, line in enumerate(lines):
        if not text.startswith(line):
            continue
        joined = line
        if joined == text:
            return True
        for nxt in lines[start + 1 :]:
            joined = f"{joined} {nxt}"
            if joined == text:
                return True
            if not text.startswith(joined):
                break
    return False


def misplaced(gold_path: Path) -> tuple[int, list[str]]:
    """(number of gold units, descriptions of the ones not in their gold section)."""
    gold = load_gold(gold_path)
    index = SectionIndex(load(gold_path), gold["format"])
    wrong: list[str] = []
    for unit in gold["units"]:
        text, section = unit["text"], unit["section"]
        if not index.contains(section, text):
            found = index.where(text)
            got = ", ".join(found) if found else "not found"
            wrong.append(f"[{section} expected, got {got}] {text[:90]}")
    return len(gold["units"]), wrong


def _report(label: str, total: int, wrong: list[str]) -> str:
    correct = total - len(wrong)
    head = f"{label}: {correct}/{total} units ({correct / total:.1%}) in their gold section; first misplaced:"
    return "\n  ".join([head, *wrong[:SHOW]])


# --------------------------------------------------------------------------- the gold files themselves


def test_gold_files_cover_the_fixture_set() -> None:
    """At least 12 plans across at least 6 layouts, each with its plan file beside it."""
    assert len(GOLD_FILES) >= 12
    layouts = {load_gold(p)["layout"] for p in GOLD_FILES}
    assert len(layouts) >= 6, layouts
    for path in GOLD_FILES:
        gold = load_gold(path)
        assert plan_file(path).is_file(), plan_file(path)
        assert gold["units"], path.name
        assert set(gold["sections_present"]) <= SECTION_KEYS, path.name
        assert {u["section"] for u in gold["units"]} <= set(gold["sections_present"]) | {"front"}
        assert all(u["text"] == normalise(u["text"]) and u["text"] for u in gold["units"])


# --------------------------------------------------------------------------- per plan


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=_gold_id)
def test_units_sit_in_their_gold_section(gold_path: Path) -> None:
    total, wrong = misplaced(gold_path)
    assert (total - len(wrong)) / total >= THRESHOLD, _report(_gold_id(gold_path), total, wrong)


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=_gold_id)
def test_sections_present_match(gold_path: Path) -> None:
    expected = set(load_gold(gold_path)["sections_present"])
    got = set(load(gold_path).keys)
    assert got == expected, f"missing {sorted(expected - got)}, unexpected {sorted(got - expected)}"


def _metadata_value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return normalise(value)
    return value


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=_gold_id)
def test_metadata_matches(gold_path: Path) -> None:
    expected: dict[str, Any] = load_gold(gold_path)["metadata"]
    metadata = load(gold_path).metadata
    got = {name: _metadata_value(getattr(metadata, name)) for name in expected}
    assert got == expected


# --------------------------------------------------------------------------- per layout


def _layout_groups() -> dict[str, list[Path]]:
    groups: dict[str, list[Path]] = defaultdict(list)
    for path in GOLD_FILES:
        gold = load_gold(path)
        groups[f"{gold['layout']}/{gold['format']}"].append(path)
    return dict(sorted(groups.items()))


LAYOUT_GROUPS = _layout_groups()


@pytest.mark.parametrize("layout", list(LAYOUT_GROUPS))
def test_units_per_layout(layout: str) -> None:
    total = 0
    wrong: list[str] = []
    for path in LAYOUT_GROUPS[layout]:
        n, bad = misplaced(path)
        total += n
        wrong += [f"{_gold_id(path)}: {w}" for w in bad]
    assert (total - len(wrong)) / total >= THRESHOLD, _report(layout, total, wrong)
