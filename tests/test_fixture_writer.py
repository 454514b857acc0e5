"""The fixture writer itself: any spec, any layout, every gold unit really written.

The readers are scored against gold files derived from specs, so the writer
must put each gold unit in the file where the gold says. These tests read the
written Word files at the XML level (python-docx paragraphs, nested tables
included), not through ehcp-lint's readers, so a reader bug cannot hide a
writer bug or the other way round.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.plan_spec import (
    DOCX_LAYOUTS,
    Continuation,
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
from fixtures.plan_writer import gold_units, write_docx, write_markdown, write_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


def docx_paragraph_texts(path: Path) -> tuple[list[str], list[str]]:
    """(every paragraph's text, every table cell's text), nested tables included."""
    import docx
    from docx.oxml.ns import qn

    body = docx.Document(str(path)).element.body

    def text_of(p: object) -> str:
        parts: list[str] = []
        for node in p.iter(qn("w:t"), qn("w:br")):  # type: ignore[attr-defined]
            parts.append(" " if node.tag == qn("w:br") else node.text or "")
        return normalise("".join(parts))

    paragraphs = [text_of(p) for p in body.iter(qn("w:p"))]
    cells = [
        normalise(" ".join(text_of(p) for p in tc.findall(qn("w:p"))))
        for tc in body.iter(qn("w:tc"))
    ]
    return paragraphs, cells


# --------------------------------------------------------------------------- strategies

_words = st.sampled_from(
    ["Sam", "reads", "with", "a", "teaching", "assistant", "each", "morning", "for",
     "20", "minutes", "speech", "therapy", "weekly", "outcome", "by", "July", "2026", "–", "and"]
)
_text = st.lists(_words, min_size=1, max_size=12).map(lambda ws: " ".join(ws) + ".")
_short = st.lists(_words, min_size=1, max_size=4).map(" ".join)
_keys = st.sampled_from(["A", "B", "C", "D", "E", "F", "G", "H1", "H2", "I", "J", "K"])


@st.composite
def _items(draw: st.DrawFn) -> list[Item]:
    out: list[Item] = []
    for kind in draw(st.lists(st.sampled_from(["h", "p", "l", "t", "c"]), max_size=6)):
        if kind == "h":
            out.append(Heading(draw(_short), level=draw(st.integers(2, 4))))
        elif kind == "p":
            out.append(Paragraph(draw(_text)))
        elif kind == "l":
            out.append(ListItem(draw(_text)))
        elif kind == "c":
            out.append(Continuation(draw(_short), label=draw(st.none() | st.just("A2"))))
        else:
            width = draw(st.integers(1, 4))
            header = tuple(draw(st.lists(_short, min_size=width, max_size=width)))
            rows = draw(
                st.lists(
                    st.lists(_text | st.just(""), min_size=width, max_size=width).map(tuple),
                    max_size=3,
                )
            )
            out.append(TableSpec(header if draw(st.booleans()) else (), tuple(rows)))
    return out


@st.composite
def plan_specs(draw: st.DrawFn) -> PlanSpec:
    parts: list[Part] = []
    for key in draw(st.lists(_keys, min_size=1, max_size=5, unique=True)):
        if draw(st.integers(0, 4)) == 0:
            columns = (GridColumn("B", "B – Needs"), GridColumn("F", "F – Provision"), GridColumn("E", "E – Outcomes"))
            rows = draw(st.lists(st.lists(_text, min_size=3, max_size=3).map(tuple), max_size=3))
            parts.append(
                GridGroup(
                    columns=columns,
                    rows=tuple(rows),
                    title=tuple(draw(st.lists(_short, max_size=2))),
                    strengths_label=draw(st.none() | st.just("Strengths")),
                    strengths=tuple(draw(st.lists(_text, max_size=1))),
                    lead=draw(st.none() | st.just("Sections B and F")),
                )
            )
            continue
        parts.append(
            SectionSpec(
                key=key,  # type: ignore[arg-type]
                heading=f"Section {key}: {draw(_short)}",
                items=tuple(draw(_items())),
                label=draw(st.none() | st.just(key)),
                boxed=draw(st.none() | st.booleans()),
            )
        )
    pairs = tuple(draw(st.lists(st.tuples(_short | st.just(""), _short), max_size=5)))
    return PlanSpec(
        name="property",
        title="Education, Health and Care Plan",
        parts=tuple(parts),
        front=(DetailsTable(pairs, columns=draw(st.sampled_from([2, 4])), title=draw(st.none() | _short)),),
        landscape=draw(st.booleans()),
        keep_rows_together=draw(st.booleans()),
    )


# --------------------------------------------------------------------------- tests


@pytest.mark.parametrize("layout", DOCX_LAYOUTS)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spec=plan_specs())
def test_every_gold_unit_is_written_to_word(tmp_path: Path, layout: str, spec: PlanSpec) -> None:
    path = tmp_path / f"{layout}.docx"
    write_docx(spec, path, layout)  # type: ignore[arg-type]
    paragraphs, cells = docx_paragraph_texts(path)
    written = set(paragraphs) | set(cells)
    missing = [u.text for u in gold_units(spec, "docx") if u.text not in written]
    assert not missing


@settings(max_examples=25, deadline=None)
@given(spec=plan_specs())
def test_every_gold_unit_is_written_to_markdown_and_text(spec: PlanSpec) -> None:
    markdown = normalise(write_markdown(spec))
    text = normalise(write_text(spec))
    assert all(u.text in markdown for u in gold_units(spec, "md"))
    assert all(u.text in text for u in gold_units(spec, "txt"))


def test_section_headings_are_not_gold_units(tmp_path: Path) -> None:
    spec = PlanSpec(
        name="headings",
        title="Education, Health and Care Plan",
        parts=(
            SectionSpec("B", "Section B: Special Educational Needs", (Heading("Cognition and learning"), Paragraph("Sam reads slowly."))),
            SectionSpec("A", "A1 History", (Paragraph("Sam moved here."), Continuation("A2 Views"), Paragraph("Sam likes Lego."))),
        ),
    )
    units = [(u.section, u.text) for u in gold_units(spec, "docx")]
    assert units == [
        ("front", "Education, Health and Care Plan"),
        ("B", "Cognition and learning"),
        ("B", "Sam reads slowly."),
        ("A", "Sam moved here."),
        ("A", "Sam likes Lego."),
    ]


def test_grid_cells_belong_to_their_column_and_merged_rows_to_the_first(tmp_path: Path) -> None:
    group = GridGroup(
        columns=(GridColumn("C", "C - Health"), GridColumn("G", "G - Health provision"), GridColumn("E", "E - Outcomes")),
        rows=(("Sam has asthma.", "Inhaler plan.", "Sam uses his inhaler."),),
        title=("Health",),
        strengths_label="Strengths",
        strengths=("Sam swims.",),
        lead="Sections C and G",
    )
    spec = PlanSpec(name="grid", title="Plan", parts=(group,))
    assert [(u.section, u.text) for u in gold_units(spec, "docx")][1:] == [
        ("C", "Health"),
        ("C", "Strengths"),
        ("C", "Sam swims."),
        ("C", "Sam has asthma."),
        ("G", "Inhaler plan."),
        ("E", "Sam uses his inhaler."),
    ]
    write_docx(spec, tmp_path / "grid.docx", "grid")
    paragraphs, _ = docx_paragraph_texts(tmp_path / "grid.docx")
    assert "Sections C and G" in paragraphs and "C - Health" in paragraphs


@pytest.mark.parametrize("layout", DOCX_LAYOUTS)
def test_word_output_is_byte_for_byte_reproducible(tmp_path: Path, layout: str) -> None:
    from fixtures.content import sample_plan

    spec = sample_plan()
    write_docx(spec, tmp_path / "one.docx", layout)  # type: ignore[arg-type]
    write_docx(spec, tmp_path / "two.docx", layout)  # type: ignore[arg-type]
    assert (tmp_path / "one.docx").read_bytes() == (tmp_path / "two.docx").read_bytes()


def test_committed_fixtures_match_the_generator() -> None:
    """The committed gold, Markdown and text fixtures are what the generator writes now."""
    import json

    from fixtures.build_fixtures import PLANS, gold_document, targets

    for target in targets():
        gold = json.loads((PLANS / f"{target.name}.gold.json").read_text(encoding="utf-8"))
        assert gold == gold_document(target), target.name
        if target.fmt == "md":
            assert (PLANS / f"{target.name}.md").read_text(encoding="utf-8") == write_markdown(target.spec)
        elif target.fmt == "txt":
            assert (PLANS / f"{target.name}.txt").read_text(encoding="utf-8") == write_text(target.spec)
