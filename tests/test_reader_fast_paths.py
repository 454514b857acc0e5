"""The reader's and section detection's fast paths give exactly what the plain forms gave.

Reading a Word plan was made faster by skipping work that cannot change the
answer: tidying only lines that have spaces to collapse, normalising ASCII
headings without the Unicode substitutions, trying title wordings and areas of
need as one alternation, skipping area searches for texts with none of the
areas' words, reading styles on demand and looking up a first child by tag
instead of with ``find``. Each test here holds one of those shortcuts to the
slow, obvious form it replaced, on generated texts and on real Word files built
with python-docx. Every text is invented.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from hypothesis import given, settings
from hypothesis import strategies as st

from ehcp_lint import headings
from ehcp_lint.model import AreaOfNeed, Location
from ehcp_lint.readers import docx_reader
from ehcp_lint.readers.docx_reader import read_docx, tidy_text
from ehcp_lint.readers.raw import RawCell
from ehcp_lint.sections import _unique_cells

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

#: Characters that matter to tidying and normalising, mixed with ordinary letters.
_AWKWARD = (
    " \t\n\r\u00a0\u2002\u2003\u2009\u200a\u202f\u3000\x1c\x1f\u2028"
    "-\u2010\u2013\u2014\u2212\uff0d'\u2018\u2019\u201b\u2032`*_.!?:;&/()"
    "aAbBcCiIlLsS\u017f\u212aeé1"
)
awkward_text = st.text(alphabet=st.sampled_from(_AWKWARD), max_size=40)


# --- reference forms (the code as it was before the fast paths) ---------------------------

_SPACES = re.compile(r"[ \t\u00a0\u2002-\u200a\u202f\u3000]+")


def reference_tidy_text(raw: str) -> str:
    lines: list[str] = []
    for line in raw.split("\n"):
        cleaned = _SPACES.sub(" ", line).strip()
        if cleaned or (lines and lines[-1]):
            lines.append(cleaned)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def reference_normalise(text: str) -> str:
    text = re.sub(r"[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]", "-", text)
    text = re.sub(r"[\u2018\u2019\u201B\u2032`]", "'", text)
    text = text.replace("\u00a0", " ").replace("*", " ").replace("_", " ")
    return re.sub(r"\s+", " ", text).strip()


def reference_title_key(text: str) -> tuple[str, str] | None:
    for key, pattern in headings._COMPILED_TITLES:
        if pattern.fullmatch(text):
            return key, text
    return None


def reference_area(text: str, max_words: int = 20) -> AreaOfNeed | None:
    t = reference_normalise(text)
    if not t or len(t.split()) > max_words or re.search(r"[.!?]\s+[A-Z]", t):
        return None
    best: tuple[int, AreaOfNeed] | None = None
    for area, pattern in headings._AREA_PATTERNS:
        m = pattern.search(t)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), area)
    return best[1] if best else None


def reference_unique_cells(row: Sequence[RawCell]) -> list[tuple[int, RawCell]]:
    out: list[tuple[int, RawCell]] = []
    seen_ids: set[int] = set()
    seen_positions: set[tuple[int | None, int | None, int | None]] = set()
    column = 1
    for cell in row:
        start = cell.location.column if cell.location.column is not None else column
        column = start + max(cell.spans, 1)
        position = (cell.location.table, cell.location.row, cell.location.column)
        if id(cell) in seen_ids:
            continue
        if cell.location.column is not None and position in seen_positions:
            continue
        seen_ids.add(id(cell))
        seen_positions.add(position)
        out.append((start, cell))
    return out


# --- text -------------------------------------------------------------------------------


@given(awkward_text)
def test_tidying_skips_only_lines_with_nothing_to_collapse(raw: str) -> None:
    assert docx_reader._tidy_line(raw) == _SPACES.sub(" ", raw).strip()
    assert tidy_text(raw) == reference_tidy_text(raw)


@given(awkward_text)
def test_normalising_a_heading_matches_the_substitutions(text: str) -> None:
    headings.normalise_heading.cache_clear()
    assert headings.normalise_heading(text) == reference_normalise(text)


#: Wordings the title patterns know, and near misses, to build heading-like texts from.
_WORDING_PIECES = [
    "About me", "All about me", "My views", "Views, interests and aspirations",
    "Special educational needs", "SEN", "Educational needs", "Health needs",
    "Health care needs", "Social care needs", "Outcomes", "Long-term outcomes",
    "Special educational provision", "SEN provision", "Health provision",
    "Social care provision", "Other social care provision",
    "Social care provision under section 2", "Placement", "School placement",
    "Name and type of school", "Personal budget", "Direct payments",
    "Advice and information", "Advice received", "One page profile",
    "Provision", "Who will provide it", "How often", "Teaching assistant",
    "for Sam", "which relate to", ":", " - ", "(", "and", "Speech and language",
]


@settings(max_examples=300)
@given(st.lists(st.sampled_from(_WORDING_PIECES), min_size=1, max_size=3))
def test_title_alternation_picks_the_first_pattern_that_matches(pieces: list[str]) -> None:
    text = " ".join(pieces)
    headings._title_key.cache_clear()
    assert headings._title_key(text) == reference_title_key(text)


_AREA_PIECES = [
    "Communication and interaction", "communication & interaction", "C & I", "C and I",
    "c  and  l", "Cognition and learning", "Speech, language and communication",
    "Social, emotional and mental health", "SEMH", "\u017fEMH", "\u017focial, emotional and "
    "mental health", "Sensory and/or physical", "physical or sensory", "PHYSICAL & SENSORY",
    "Outcomes", "Provision", "needs", "Sam.", "He likes", "and", "&", "/", "-",
]


@settings(max_examples=300)
@given(st.lists(st.sampled_from(_AREA_PIECES), min_size=1, max_size=4), st.sampled_from([10, 20]))
def test_area_prefilter_and_alternation_name_the_same_area(pieces: list[str], limit: int) -> None:
    text = " ".join(pieces)
    headings.normalise_heading.cache_clear()
    assert headings.match_area_of_need(text, max_words=limit) == reference_area(text, limit)


@given(awkward_text, st.sampled_from([10, 20]))
def test_area_of_need_on_awkward_text(text: str, limit: int) -> None:
    headings.normalise_heading.cache_clear()
    assert headings.match_area_of_need(text, max_words=limit) == reference_area(text, limit)


def test_remembered_heading_answers_do_not_depend_on_aliases() -> None:
    """With aliases the answer is worked out afresh; without, it may be remembered."""
    assert headings.match_section_heading("My story") is None
    found = headings.match_section_heading("My story", {"A": ["My story"]})
    assert found is not None and found.key == "A" and found.kind == "alias"
    assert headings.match_section_heading("My story") is None


# --- cells ------------------------------------------------------------------------------

_cell = st.builds(
    lambda text, column, spans, row: RawCell(
        text=text, location=Location(table=1, row=row, column=column), spans=spans
    ),
    st.sampled_from(["", "Need", "Provision"]),
    st.one_of(st.none(), st.integers(1, 5)),
    st.integers(0, 3),
    st.sampled_from([1, 2]),
)


@given(st.lists(_cell, max_size=6), st.lists(st.integers(0, 5), max_size=3))
def test_unique_cells_matches_the_plain_form(cells: list[RawCell], repeats: list[int]) -> None:
    row = list(cells)
    for index in repeats:  # a reader repeating the same cell object
        if index < len(cells):
            row.append(cells[index])
    assert _unique_cells(row) == reference_unique_cells(row)


# --- Word files -------------------------------------------------------------------------


def _read(document: Any, tmp_path: Path) -> list[tuple[str, str, int | None, bool]]:
    path = tmp_path / "plan.docx"
    document.save(str(path))
    raw = read_docx(path.read_bytes(), path.name)
    return [(b.kind, b.text, b.heading_level, b.bold) for b in raw.blocks]


def _append(document: Any, xml: str) -> None:
    body = document.element.body
    body.find(qn("w:sectPr")).addprevious(parse_xml(xml))


def test_first_property_of_each_kind_wins_as_find_gave(tmp_path: Path) -> None:
    """One pass over w:pPr / w:rPr / w:tcPr keeps the first of each, like find() did."""
    document = docx.Document()
    _append(
        document,
        f'<w:p {W}><w:pPr><w:pStyle w:val="Heading2"/><w:pStyle w:val="Normal"/>'
        '<w:outlineLvl w:val="9"/><w:outlineLvl w:val="0"/></w:pPr>'
        '<w:r><w:rPr><w:b/></w:rPr><w:rPr><w:b w:val="0"/></w:rPr>'
        "<w:t>Section B: Special educational needs</w:t></w:r></w:p>",
    )
    _append(
        document,
        f'<w:tbl {W}><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/><w:gridSpan w:val="1"/>'
        "</w:tcPr><w:p><w:r><w:t>Need</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:t>Outcome</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
    )
    path = tmp_path / "plan.docx"
    document.save(str(path))
    raw = read_docx(path.read_bytes(), path.name)
    heading = next(b for b in raw.blocks if b.kind != "table")
    # outline level 9 (body text) comes first, so it overrides the style's heading level
    assert (heading.kind, heading.heading_level, heading.bold) == ("paragraph", None, True)
    table = next(b for b in raw.blocks if b.kind == "table")
    assert [(c.text, c.location.column, c.spans) for c in table.rows[0]] == [
        ("Need", 1, 2),
        ("Outcome", 3, 1),
    ]


def test_styles_read_on_demand_follow_based_on_chains_and_duplicates(tmp_path: Path) -> None:
    """A style used only through basedOn, and a duplicated style id (the later one wins)."""
    document = docx.Document()
    styles = document.styles.element
    styles.append(
        parse_xml(
            f'<w:style {W} w:type="paragraph" w:styleId="LaSection"><w:name w:val="LA section"/>'
            '<w:basedOn w:val="LaBase"/></w:style>'
        )
    )
    styles.append(
        parse_xml(
            f'<w:style {W} w:type="paragraph" w:styleId="LaBase"><w:name w:val="LA base"/>'
            '<w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>'
        )
    )
    styles.append(
        parse_xml(
            f'<w:style {W} w:type="paragraph" w:styleId="LaBase"><w:name w:val="LA base"/>'
            '<w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>'
        )
    )
    document.add_paragraph("Outcomes", style=None)._p.get_or_add_pPr().append(
        parse_xml(f'<w:pStyle {W} w:val="LaSection"/>')
    )
    document.add_paragraph("Sam enjoys music.")
    assert _read(document, tmp_path) == [
        ("heading", "Outcomes", 1, True),
        ("paragraph", "Sam enjoys music.", None, False),
    ]


@pytest.mark.parametrize(
    "tag", [docx_reader._PPR, docx_reader._RPR, docx_reader._TCPR, docx_reader._TRPR, docx_reader.T]
)
def test_first_child_by_tag_is_what_find_returns(tag: str) -> None:
    document = docx.Document(str(Path(__file__).parent.parent / "fixtures" / "sample" / "sample-plan.docx"))
    for element in document.element.body.iter():
        if isinstance(element.tag, str):
            assert docx_reader._child(element, tag) is element.find(tag)


@pytest.mark.parametrize(
    "text",
    [
        "Section C (health needs) and G (health provision)",
        "Sections D and H1/H2",
        "Special Educational Needs and Provision (B-F-E)",
        "Part B and F",
    ],
)
def test_combined_headings_still_veto_a_single_section(text: str) -> None:
    """The combined-heading test now runs only after a wording matched; it must still veto."""
    headings._match_without_aliases.cache_clear()
    assert headings.match_combined_heading(headings.normalise_heading(text)) is not None
    assert headings.match_section_heading(text) is None
    assert headings.match_section_heading(text, {"K": ["Nothing like it"]}) is None


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("Special educational needs and provision", ("B", "F")),
        ("health care needs & provision", ("C", "G")),
        ("SOCIAL CARE NEEDS AND PROVISION", ("D", "H")),
        ("\u017fpecial educational needs and provision", ("B", "F")),  # long s folds to s
        ("Educational needs and provision", None),
    ],
)
def test_combined_titles_are_found_whatever_the_first_letter_check(
    text: str, keys: tuple[str, ...] | None
) -> None:
    """Only ASCII starts other than s/h skip the combined-title patterns."""
    headings.match_combined_heading.cache_clear()
    assert headings.match_combined_heading(text) == keys
