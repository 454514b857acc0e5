"""Structural guarantees behind the outcome and need rules' speed (no timings: see benchmarks/).

* OUT002 looks for a vague word before working out whether the outcome has a
  measure, and skips the vague-word pattern for a text holding none of its
  literals: the prefilter never says "no" to a text the pattern matches, and
  the rule reports what it reported when the measure came first.
* ``may_hold_placeholder`` is one search for the placeholder literals; it
  answers as looking for each literal in turn did.

Texts come from the fixture plans, the evaluation plans and the 1x benchmark
plan (all invented), plus generated text built from the rules' own wordings.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ehcp_lint.checks import _smart_outcome as smart
from ehcp_lint.checks import mai003_missing_advice as mai003
from ehcp_lint.checks import ned001_diagnostic_need as ned001
from ehcp_lint.checks import ned101_needs_provision_gap as ned101
from ehcp_lint.checks import out002_unobservable_outcome as out002
from ehcp_lint.checks import out101_education_only_outcomes as out101
from ehcp_lint.checks._outcome_themes import Outcome, outcomes, wider_terms
from ehcp_lint.checks._plan_text import blank_placeholders, is_blank, is_nil_text
from ehcp_lint.checks._smart_outcome import has_measure, is_outcome_text
from ehcp_lint.checks._text import (
    _PLACEHOLDER_LITERALS,
    PLACEHOLDER_RE,
    any_term,
    lexicon_patterns,
    may_hold_placeholder,
    strip_placeholders,
)
from ehcp_lint.config import Config
from ehcp_lint.engine.rule import RuleContext, TextUnit
from ehcp_lint.engine.units import plan_units
from ehcp_lint.model import AreaOfNeed, Block, BlockKind, Plan, Section
from ehcp_lint.reading import load_plan

_ROOT = Path(__file__).resolve().parents[1]


def _plan_paths() -> list[Path]:
    paths = sorted((_ROOT / "fixtures" / "plans").glob("*.md"))
    paths += sorted((_ROOT / "fixtures" / "plans").glob("*.docx"))
    paths += sorted((_ROOT / "benchmarks" / "eval" / "plans").glob("*.md"))
    one_x = _ROOT / "benchmarks" / "corpus" / "sizes" / "plan-1x.docx"
    if one_x.exists():
        paths.append(one_x)
    return paths


@cache
def _corpus_units() -> tuple[TextUnit, ...]:
    units: list[TextUnit] = []
    for path in _plan_paths():
        units.extend(plan_units(load_plan(path)))
    return tuple(units)


def _section_units(*keys: str) -> Iterator[TextUnit]:
    for unit in _corpus_units():
        if unit.section_key in keys and unit.kind in ("paragraph", "list_item", "table_cell"):
            yield unit


def test_the_corpus_has_outcomes_with_and_without_vague_words() -> None:
    outcomes = [u for u in _section_units("E") if is_outcome_text(u.text)]
    assert len(outcomes) > 50
    assert any(out002._VAGUE.search(u.text) for u in outcomes)
    assert any(not out002._VAGUE.search(u.text) for u in outcomes)


# --------------------------------------------------------------------------- OUT002

_VAGUE_WORDINGS = [
    "improve", "improved", "development", "developing", "understands", "be more aware",
    "become aware", "awareness", "make good progress", "making expected progress",
    "achieve her full potential", "reach their potential", "continue to access", "accessing",
    "increase his confidence", "increased independence", "more confident", "less settled",
    "feel safe", "be calmer", "self-esteem", "enjoys", "engage with", "cope better",
    "manage her emotions", "learn about", "know when", "tolerates", "less often",
    "more frequently", "appreciate", "build on his", "work towards", "be ready for",
    "participate fully", "a wide range of", "a variety of", "such as", "etc.", "neatly",
    "appropriately", "effectively", "successfully", "consistently", "continue to read",
]
_FILLER = ["Sam", "will", "read", "by", "July", "2027", "with", "the", "class", "three", "times",
           "as", "recorded", "by", "her", "teacher", ",", ".", "IMPROVE", "Develops", "know-how"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_VAGUE_WORDINGS + _FILLER), min_size=1, max_size=14))
def test_the_vague_word_prefilter_never_refuses_a_text_the_pattern_matches(words: list[str]) -> None:
    prefilter = out002._VAGUE_PREFILTER
    assert prefilter is not None
    text = " ".join(words)
    if out002._VAGUE.search(text):
        assert prefilter.may_match(text.lower())


def test_the_vague_word_prefilter_admits_every_corpus_text_the_pattern_matches() -> None:
    prefilter = out002._VAGUE_PREFILTER
    assert prefilter is not None
    matched = [u.text for u in _corpus_units() if out002._VAGUE.search(u.text)]
    assert matched
    assert all(prefilter.may_match(t.lower()) for t in matched)


def _measure_first(unit: TextUnit) -> list[tuple[int, int, str]]:
    """OUT002's reading of a non-placeholder outcome as it was: measure first, then the vague word."""
    if not is_outcome_text(unit.text) or has_measure(unit):
        return []
    m = out002._VAGUE.search(unit.text)
    return [] if m is None else [(m.start(), m.end(), m.group(0))]


def test_out002_reports_what_it_reported_when_the_measure_came_first() -> None:
    rule = out002.UnobservableOutcome()
    units = list(_corpus_units())
    ctx = RuleContext(plan=None, config=Config(), units=units)  # type: ignore[arg-type]
    compared = 0
    flagged = 0
    for unit in _section_units("E"):
        hits = list(rule.check_unit(unit, ctx))
        if hits and hits[0].message.startswith("What the child will do is a template placeholder"):
            continue  # the placeholder branch runs first and is unchanged
        got = [(h.start, h.end, unit.text[h.start : h.end]) for h in hits]
        assert got == _measure_first(unit), unit.text
        compared += 1
        flagged += bool(got)
    assert compared > 50 and flagged > 5


# --------------------------------------------------------------------------- placeholders


def _each_literal(text: str) -> bool:
    return any(literal in text for literal in _PLACEHOLDER_LITERALS)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([*_PLACEHOLDER_LITERALS, "T", "B", "C", "lick", "hoose", "{", "<", "x",
                                 "X", "XX", "t", "bc", " ", "Choo", "Clic", "[insert]", "«name»", "é"]),
                max_size=12))
def test_may_hold_placeholder_answers_as_each_literal_in_turn(parts: list[str]) -> None:
    text = "".join(parts)
    assert may_hold_placeholder(text) == _each_literal(text)
    if PLACEHOLDER_RE.search(text):
        assert may_hold_placeholder(text)


@pytest.mark.parametrize("attr", ["text"])
def test_may_hold_placeholder_on_the_corpus(attr: str) -> None:
    texts = [getattr(u, attr) for u in _corpus_units()]
    assert any(may_hold_placeholder(t) for t in texts)
    for text in texts:
        assert may_hold_placeholder(text) == _each_literal(text)
        assert strip_placeholders(text) == (PLACEHOLDER_RE.sub(" ", text) if _each_literal(text) else text)


# --------------------------------------------------------------------------- NED001


def test_ned001_remembered_answers_are_those_worked_out_afresh() -> None:
    texts = {u.text for u in _section_units("B", "C", "D")}
    assert any(ned001._names_a_label(t) for t in texts)
    for text in sorted(texts):
        names = any_term(lexicon_patterns("diagnoses", "labels"), text) or any_term(
            lexicon_patterns("diagnoses", "label_verbs"), text
        )
        assert ned001._names_a_label(text) == names
        for start, end in [(0, len(text)), *_sentences(text)]:
            part = text[start:end]
            stripped = ned001._GENERIC_NEED.sub(" ", part)
            fresh = bool(ned001.FUNCTIONAL_RE.search(part) or ned001._CHILD_CLAUSE.search(part)) and (
                not ned001._GENERIC_NEED.search(part)
                or bool(ned001.FUNCTIONAL_RE.search(stripped) or ned001._CHILD_CLAUSE.search(stripped))
            )
            assert ned001.describes_function(text, start, end) == fresh
            assert ned001.describes_function(text, start, end) == fresh  # and when remembered


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for i, ch in enumerate(text):
        if ch in ".;":
            spans.append((pos, i + 1))
            pos = i + 1
    return spans


# --------------------------------------------------------------------------- NED101


def _old_content(section: Section | None) -> list[Block]:
    if section is None:
        return []
    return [b for b in section.blocks if b.kind is not BlockKind.HEADING and ned101._has_content(b)]


def _old_grid_rows(plan: Plan, need_key: str, provision_keys: tuple[str, ...]) -> list[tuple[int, int, int, bool]]:
    """NED101's grid rows as they were read: every block's content first, then its link."""
    provided: set[str] = set()
    for key in provision_keys:
        for block in _old_content(plan.section(key)):
            if block.link:
                provided.add(block.link)
    seen: set[str] = set()
    rows = []
    for block in _old_content(plan.section(need_key)):
        link = block.link
        m = ned101._LINK.match(link or "")
        if m is None or link in seen:
            continue
        seen.add(link or "")
        rows.append((int(m.group(1)), int(m.group(2)), id(block), link in provided))
    return rows


def _old_areas(plan: Plan) -> list[tuple[int, str]]:
    provision = _old_content(plan.section("F"))
    if not any(b.area_of_need for b in provision):
        return []
    provided = {b.area_of_need for b in provision if b.area_of_need}
    done: set[AreaOfNeed] = set()
    out = []
    for block in _old_content(plan.section("B")):
        area = block.area_of_need
        if area is None or area in provided or area in done:
            continue
        done.add(area)
        out.append((id(block), area.value))
    return out


def _grid_plan(tmp_path: Path) -> Path:
    """A national-grid plan: need | provision rows, one provision cell empty, one saying None."""
    document = docx.Document()
    document.add_heading("Section B and F: Needs and provision", level=1)
    table = document.add_table(rows=4, cols=2)
    rows = [
        ("Special educational needs (B)", "Special educational provision (F)"),
        ("Tom finds it hard to follow two-step instructions.", "Visual prompt cards in every lesson."),
        ("Tom cannot yet write his name unaided.", ""),
        ("Tom tires after ten minutes of writing.", "None"),
    ]
    for row, texts in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    path = tmp_path / "tom-grid.docx"
    document.save(str(path))
    return path


def test_ned101_reads_links_and_areas_before_content_with_the_same_result(tmp_path: Path) -> None:
    paths = [*_plan_paths(), _grid_plan(tmp_path)]
    rule = ned101.NeedsProvisionGap()
    grid_rows = areas = 0
    for path in paths:
        plan = load_plan(path)
        for need_key, provision_keys in ned101._THREADS:
            new = [(r.table, r.row, id(r.need), r.has_provision)
                   for r in ned101._grid_rows(plan, need_key, provision_keys)]
            assert new == _old_grid_rows(plan, need_key, provision_keys), path.name
            grid_rows += len(new)
        ctx = RuleContext(plan=plan, config=Config(), units=plan_units(plan))
        new_areas = [(id(hit.unit.block) if hit.unit else 0, area.value) for hit, area in rule._areas(plan, ctx)]
        assert new_areas == _old_areas(plan), path.name
        areas += len(new_areas)
    assert grid_rows > 0 and areas > 0


# --------------------------------------------------------------------------- OUT101


def _old_outcomes(plan: Plan, min_words: int = 4) -> list[Outcome]:
    """Section E's outcomes read as they were: the nil reading before the word count."""
    section = plan.section("E")
    if section is None:
        return []
    heading, found = "", []
    for block in section.blocks:
        if block.kind is BlockKind.HEADING:
            heading = block.text
            continue
        texts = [block.text]
        if block.kind is BlockKind.TABLE and block.table is not None:
            texts = [c.text for row in block.table.rows for c in row.cells]
        for text in texts:
            cleaned = blank_placeholders(text).strip()
            if is_blank(cleaned) or is_nil_text(cleaned) or len(cleaned.split()) < min_words:
                continue
            found.append(Outcome(cleaned, heading))
    return found


def _old_out101(plan: Plan) -> int | None:
    """How many outcomes OUT101 reported as all academic, reading every outcome first (or None)."""
    found = _old_outcomes(plan)
    if not found:
        return None
    terms = wider_terms()
    if any(terms.search(o.text) or terms.search(o.heading) for o in found):
        return None
    return len(found)


def test_out101_reading_outcomes_one_at_a_time_reports_the_same(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Section E: Outcomes", level=1)
    for line in ("By July 2027 Zara will read a 100-word passage aloud with 95% accuracy.",
                 "By July 2027", "None.",
                 "By the end of Year 4 Zara will write three sentences with capital letters."):
        document.add_paragraph(line)
    academic = tmp_path / "zara.docx"
    document.save(str(academic))
    rule = out101.EducationOnlyOutcomes()
    reported = 0
    for path in [*_plan_paths(), academic]:
        plan = load_plan(path)
        assert list(outcomes(plan)) == _old_outcomes(plan), path.name
        ctx = RuleContext(plan=plan, config=Config(), units=plan_units(plan))
        hits = list(rule.check_plan(plan, ctx))
        expected = _old_out101(plan)
        assert len(hits) == (expected is not None), path.name
        if hits:
            assert hits[0].message.startswith(f"All {expected} outcomes" if expected != 1 else "The only outcome")
            reported += 1
    assert reported > 0


# --------------------------------------------------------------------------- OUT001 / OUT002 memos


def test_outcome_answers_remembered_per_text_are_those_worked_out_afresh() -> None:
    texts = sorted({u.text for u in _section_units("E")} | {"By XX/XX/2027 Ola will [insert outcome].",
                                                             "Ola will improve her reading by July 2027."})
    for text in texts:
        for _ in range(2):  # worked out, then remembered
            assert smart.is_outcome_text(text) == smart.is_outcome_text.__wrapped__(text)
            stripped = strip_placeholders(text)
            undated = smart._PLACEHOLDER_DATE.sub(" ", stripped) if "x" in stripped.lower() else stripped
            assert smart._states_time_frame(text) == bool(smart.TIME_FRAME_RE.search(undated))
            measured = smart._CALENDAR_RE.sub(" ", smart.TIME_FRAME_RE.sub(" ", stripped))
            assert smart._states_measure(text) == bool(smart.MEASURE_RE.search(measured))
            m = out002._VAGUE.search(text)
            assert out002._vague_word(text) == (None if m is None else (m.start(), m.end()))


# --------------------------------------------------------------------------- MAI003


def _old_mai003(plan: Plan) -> list[str]:
    """MAI003's messages as it worked them out: every entry naming each kind listed first."""
    if not plan.has("K"):
        return []
    entries = list(mai003.advice_entries(plan))
    terms = mai003._kind_terms()
    messages = []
    for kind, label, _ in mai003._KINDS:
        named = [e for e in entries if terms[kind].search(e.text)]
        if any(e.received for e in named):
            continue
        messages.append(f"names {label}" if named else f"does not list {label}")
    return messages


def test_mai003_stopping_at_the_first_received_entry_reports_the_same(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Section K: Advice and information", level=1)
    table = document.add_table(rows=5, cols=2)
    rows = [("Advice", "Date received"), ("Educational psychologist advice", "Not received"),
            ("Medical advice, community paediatrician", "10 February 2026"),
            ("Social care advice", "No"), ("Parent's views", "")]
    for row, texts in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    generated = tmp_path / "ben-advice.docx"
    document.save(str(generated))
    rule = mai003.MissingAdvice()
    named_not_received = 0
    for path in [*_plan_paths(), generated]:
        plan = load_plan(path)
        ctx = RuleContext(plan=plan, config=Config(), units=plan_units(plan))
        got = [h.message for h in rule.check_plan(plan, ctx)]
        expected = _old_mai003(plan)
        assert len(got) == len(expected), path.name
        for message, summary in zip(got, expected, strict=True):
            assert summary in message, path.name
        named_not_received += sum(s.startswith("names") for s in expected)
    assert named_not_received > 0
