"""Properties that must hold for any plan, not only the ones we thought of.

* A plan built from random sections and blocks, written to Word in any of the
  four layouts by the fixture writer, reads back with every piece of content
  in the section it was written in.
* Linting never raises on arbitrary Unicode text, in any section, and reading
  arbitrary text as Markdown or plain text gives a plan or a one-line
  :class:`~ehcp_lint.errors.PlanReadError`, nothing else.
* Findings are identical from run to run, and whatever ``--jobs`` says.

Example counts are modest so the suite stays fast (see
:func:`badinputs.examples.examples`; ``EHCP_LINT_HYPOTHESIS_SCALE=10`` runs
ten times as many locally). ``deadline=None``: a slow machine is not a failure.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest
from fixtures.plan_spec import (
    DOCX_LAYOUTS,
    DetailsTable,
    GridColumn,
    GridGroup,
    Heading,
    Item,
    ListItem,
    Paragraph,
    Part,
    PlanSpec,
    SectionSpec,
    TableSpec,
    normalise,
)
from fixtures.plan_writer import gold_units, write_docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from badinputs.examples import examples
from ehcp_lint.errors import PlanReadError
from ehcp_lint.model import BlockKind, Plan

ORDER = ("A", "B", "C", "D", "E", "F", "G", "H1", "H2", "I", "J", "K")

# --------------------------------------------------------------------------- strategies

#: A safe vocabulary: plan-like words, none of them a section heading's.
_WORDS = st.sampled_from(
    ["Sam", "reads", "with", "a", "teaching", "assistant", "each", "morning", "for", "20",
     "minutes", "speech", "therapy", "weekly", "goal", "by", "July", "2026", "and", "calm",
     "café", "naïve", "Zoë", "Łukasz", "ffrind", "diolch"]
)
_SENTENCE = st.lists(_WORDS, min_size=2, max_size=12).map(lambda ws: " ".join(ws).capitalize() + ".")
#: A sub-heading or column name. A lone letter "A" to "K" is how plans label sections, so not that.
_LABEL = (
    st.lists(_WORDS, min_size=1, max_size=3)
    .map(lambda ws: " ".join(ws).capitalize())
    .filter(lambda label: label.upper() not in ORDER)
)


@st.composite
def _items(draw: st.DrawFn) -> list[Item]:
    out: list[Item] = [Paragraph(draw(_SENTENCE))]
    for kind in draw(st.lists(st.sampled_from(["h", "p", "l", "t"]), max_size=5)):
        if kind == "h":
            out.append(Heading(draw(_LABEL), level=draw(st.integers(2, 3))))
        elif kind == "p":
            out.append(Paragraph(draw(_SENTENCE)))
        elif kind == "l":
            out.append(ListItem(draw(_SENTENCE)))
        else:
            width = draw(st.integers(2, 3))
            header = tuple(draw(st.lists(_LABEL, min_size=width, max_size=width, unique=True)))
            rows = draw(st.lists(st.lists(_SENTENCE, min_size=width, max_size=width).map(tuple), min_size=1, max_size=3))
            out.append(TableSpec(header, tuple(rows)))
    return out


_TITLES = {"A": "Views, interests and aspirations", "B": "Special educational needs", "C": "Health needs",
           "D": "Social care needs", "E": "Outcomes", "F": "Special educational provision",
           "G": "Health provision", "H1": "Social care provision", "H2": "Other social care provision",
           "I": "Placement", "J": "Personal budget", "K": "Advice and information"}


@st.composite
def plan_specs(draw: st.DrawFn) -> PlanSpec:
    keys = sorted(draw(st.sets(st.sampled_from(ORDER), min_size=1, max_size=6)), key=ORDER.index)
    parts: list[Part] = []
    for key in keys:
        if key == "B" and draw(st.integers(0, 3)) == 0:
            columns = (GridColumn("B", "B – Special educational needs"), GridColumn("F", "F – Special educational provision"),
                       GridColumn("E", "E – Outcomes"))
            rows = draw(st.lists(st.lists(_SENTENCE, min_size=3, max_size=3).map(tuple), min_size=1, max_size=3))
            parts.append(GridGroup(columns=columns, rows=tuple(rows), lead="Sections B, F and E"))
            continue
        parts.append(SectionSpec(key=key, heading=f"Section {key}: {_TITLES[key]}", items=tuple(draw(_items()))))  # type: ignore[arg-type]
    details = DetailsTable((("Full name", "Sam Example"), ("Date of birth", "3 April 2016")), columns=2)
    return PlanSpec(name="property", title="Education, Health and Care Plan", parts=tuple(parts), front=(details,))


# --------------------------------------------------------------------------- matching (as tests/test_gold.py does)


def _section_lines(plan: Plan) -> dict[str, list[str]]:
    lines: dict[str, list[str]] = defaultdict(list)
    for section, block in plan.blocks():
        key = section.key if section is not None else "front"
        if block.kind is BlockKind.TABLE and block.table is not None:
            texts = [h for h in block.table.header if h] + [c.text for r in block.table.rows for c in r.cells if c.text]
        else:
            texts = [block.text] if block.text else []
        for text in texts:
            whole = normalise(text)
            lines[key] += [whole] + [n for n in (normalise(t) for t in text.split("\n")) if n and n != whole]
    return lines


def _found(lines: list[str], text: str) -> bool:
    if text in lines:
        return True
    for start, line in enumerate(lines):  # a unit a reader split into consecutive lines
        joined = line
        for nxt in lines[start + 1 :]:
            if not text.startswith(joined):
                break
            joined = f"{joined} {nxt}"
            if joined == text:
                return True
    return False


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("properties")


@pytest.mark.parametrize("layout", DOCX_LAYOUTS)
@settings(max_examples=examples(12), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spec=plan_specs())
def test_random_plans_round_trip_through_word_with_the_same_sections(layout: str, spec: PlanSpec, folder: Path) -> None:
    from ehcp_lint.reading import load_plan

    path = folder / f"{layout}.docx"
    write_docx(spec, path, layout)  # type: ignore[arg-type]
    plan = load_plan(path)
    lines = _section_lines(plan)
    wrong = [
        f"[{u.section}] {u.text} (found in: {[k for k in lines if _found(lines[k], u.text)] or 'nowhere'})"
        for u in gold_units(spec, "docx")
        if u.section != "front" and not _found(lines.get(u.section, []), u.text)
    ]
    assert not wrong, "\n".join(wrong)


# --------------------------------------------------------------------------- never raises

_SECTION_KEYS = st.sampled_from(["A", "B", "C", "D", "E", "F", "G", "H1", "H2", "H", "I", "J", "K"])


@settings(max_examples=examples(60), deadline=None)
@given(section=_SECTION_KEYS, text=st.text(max_size=400))
def test_linting_never_raises_on_arbitrary_text(section: str, text: str) -> None:
    from ehcp_lint.testing import lint_text

    for finding in lint_text(section, text):
        if finding.start is not None and finding.end is not None:
            assert finding.excerpt[finding.start : finding.end] == finding.match


@settings(max_examples=examples(60), deadline=None)
@given(
    text=st.text(max_size=300)
    | st.lists(st.text(max_size=60) | st.sampled_from(["# Section B: Needs", "Section F", "| a | b |", "- item", "\x00"]))
    .map("\n".join),
    fmt=st.sampled_from(["md", "txt"]),
)
def test_reading_arbitrary_text_gives_a_plan_or_a_one_line_error(text: str, fmt: str) -> None:
    from ehcp_lint.reading import read_plan

    try:
        plan = read_plan(text, fmt, source="arbitrary.md")
    except PlanReadError as err:
        assert "\n" not in str(err) and str(err).startswith("arbitrary.md: ")
    else:
        assert plan.sections


# --------------------------------------------------------------------------- deterministic


def _as_json(findings: list[object]) -> str:
    return json.dumps([f.model_dump(mode="json") for f in findings], sort_keys=True)  # type: ignore[attr-defined]


@settings(max_examples=examples(20), deadline=None)
@given(spec=plan_specs())
def test_findings_are_identical_from_run_to_run(spec: PlanSpec) -> None:
    from fixtures.plan_writer import write_markdown

    from ehcp_lint.reading import read_plan
    from ehcp_lint.testing import lint_plan

    text = write_markdown(spec)
    first = lint_plan(read_plan(text, "md", source="p.md"))
    second = lint_plan(read_plan(text, "md", source="p.md"))
    assert _as_json(first) == _as_json(second)  # type: ignore[arg-type]


@settings(max_examples=examples(2), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(specs=st.lists(plan_specs(), min_size=3, max_size=4))
def test_findings_do_not_depend_on_the_number_of_workers(specs: list[PlanSpec], folder: Path) -> None:
    """In this process, in one worker (``--jobs 1``) and in two: the same report, byte for byte."""
    from fixtures.plan_writer import write_markdown

    from ehcp_lint.api import assemble_report
    from ehcp_lint.config import Config
    from ehcp_lint.engine.batch import iter_results

    paths = []
    for i, spec in enumerate(specs):
        path = folder / f"jobs-{i}.md"
        path.write_text(write_markdown(spec), encoding="utf-8")
        paths.append(path)
    config = Config()
    runs = [
        assemble_report(iter_results(paths, config, jobs=1, isolate=False), config),
        assemble_report(iter_results(paths, config, jobs=1), config),
        assemble_report(iter_results(paths, config, jobs=2), config),
    ]
    dumps = [r.model_dump_json() for r in runs]
    assert dumps[0] == dumps[1] == dumps[2]
