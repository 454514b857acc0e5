"""The Markdown / plain-text reader: decoding, block structure, locations."""

from __future__ import annotations

import codecs
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ehcp_lint.errors import CorruptFileError, NoTextError
from ehcp_lint.readers.raw import RawBlock
from ehcp_lint.readers.text_reader import decode_text, read_text, strip_inline

# ----------------------------------------------------------------------------- decoding

SAMPLE = "Section B – Sam’s needs\nSam finds it hard to wait his turn; £5 dinner money.\n"


def test_utf8_with_and_without_bom() -> None:
    assert decode_text(SAMPLE.encode("utf-8"), "p.txt") == SAMPLE
    assert decode_text(codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "p.txt") == SAMPLE


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom(encoding: str) -> None:
    data = SAMPLE.encode(encoding)
    if encoding == "utf-16-le":
        data = codecs.BOM_UTF16_LE + data
    elif encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    assert decode_text(data, "p.txt") == SAMPLE


def test_cp1252_fallback_for_text_that_is_not_utf8() -> None:
    data = SAMPLE.encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert decode_text(data, "p.txt") == SAMPLE


def test_nul_bytes_are_stripped() -> None:
    data = b"Section A\x00\n\x00All about me\x00\n"
    assert decode_text(data, "p.txt") == "Section A\nAll about me\n"


def test_bomless_utf16_is_recognised() -> None:
    text = "Section A: All about me\nSam likes trains and buses.\n"
    assert decode_text(text.encode("utf-16-le"), "p.txt") == text


def test_binary_junk_is_reported_as_not_text() -> None:
    rng = random.Random(7)
    junk = bytes(rng.randrange(256) for _ in range(4000))
    with pytest.raises(CorruptFileError) as err:
        decode_text(junk, "plan.txt")
    message = str(err.value)
    assert message.startswith("plan.txt: ")
    assert "does not look like a text file" in message
    assert "\n" not in message


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n", b"\x00\x00\x00", codecs.BOM_UTF8])
def test_empty_or_blank_file(data: bytes) -> None:
    with pytest.raises(NoTextError) as err:
        decode_text(data, "empty.md")
    assert str(err.value).startswith("empty.md: ")
    assert "empty" in str(err.value)


# ----------------------------------------------------------------------------- inline markup


@pytest.mark.parametrize(
    ("markdown", "plain"),
    [
        ("**Section B**", "Section B"),
        ("__Section B__", "Section B"),
        ("Sam *really* likes _trains_", "Sam really likes trains"),
        ("Use `PECS` daily", "Use PECS daily"),
        ("See [the EP report](https://example.invalid/ep) for detail", "See the EP report for detail"),
        ("first<br>second", "first\nsecond"),
        ("snake_case_name stays", "snake_case_name stays"),
        ("2 * 3 * 4", "2 * 3 * 4"),
        (r"a literal \*star\*", "a literal *star*"),
        ("<u>Section F</u> <span class='x'>provision</span>", "Section F provision"),
        ("Ana will have <number> sessions a week", "Ana will have <number> sessions a week"),
        ("Placement: <name of school>", "Placement: <name of school>"),
    ],
)
def test_strip_inline(markdown: str, plain: str) -> None:
    assert strip_inline(markdown) == plain


# ----------------------------------------------------------------------------- Markdown

MARKDOWN = """\
# Education, Health and Care Plan

**Name:** Robin Example
**Date of birth:** 03/04/2015

Section A
=========

Robin likes *dinosaurs* and
building with Lego.

Views of parents
----------------

## Section B: Special educational needs

**Communication and interaction**

- Robin finds it hard to follow
  instructions with more than two steps.
* Robin talks to one friend at playtime.
+ Robin uses a visual timetable.
• Robin likes a quiet space.
1. First numbered item
b) Lettered item

| Provision | Who | How often |
|---|:---:|---|
| **1:1 reading** | Teaching assistant<br>trained in phonics | Daily, 20 minutes |
| Social skills group \\| lunch | SENCO | Weekly |

> Robin said: "I like the quiet room."

---

### Outcomes
"""


def _kinds(blocks: list[RawBlock]) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in blocks]


def test_markdown_structure() -> None:
    doc = read_text(MARKDOWN, "md", "robin.md")
    assert doc.format == "md"
    assert doc.source == "robin.md"
    blocks = doc.blocks
    assert _kinds(blocks)[:6] == [
        ("heading", "Education, Health and Care Plan"),
        ("paragraph", "Name: Robin Example"),
        ("paragraph", "Date of birth: 03/04/2015"),
        ("heading", "Section A"),
        ("paragraph", "Robin likes dinosaurs and building with Lego."),
        ("heading", "Views of parents"),
    ]
    levels = {b.text: b.heading_level for b in blocks if b.kind == "heading"}
    assert levels == {
        "Education, Health and Care Plan": 1,
        "Section A": 1,
        "Views of parents": 2,
        "Section B: Special educational needs": 2,
        "Outcomes": 3,
    }
    bold = [b for b in blocks if b.bold]
    assert [b.text for b in bold] == ["Communication and interaction"]
    items = [b.text for b in blocks if b.kind == "list_item"]
    assert items == [
        "Robin finds it hard to follow instructions with more than two steps.",
        "Robin talks to one friend at playtime.",
        "Robin uses a visual timetable.",
        "Robin likes a quiet space.",
        "First numbered item",
        "Lettered item",
    ]
    quote = [b for b in blocks if b.text.startswith("Robin said")]
    assert quote and quote[0].kind == "paragraph"


def test_markdown_pipe_table() -> None:
    doc = read_text(MARKDOWN, "md")
    tables = [b for b in doc.blocks if b.kind == "table"]
    assert len(tables) == 1
    rows = tables[0].rows
    assert [[c.text for c in row] for row in rows] == [
        ["Provision", "Who", "How often"],
        ["1:1 reading", "Teaching assistant\ntrained in phonics", "Daily, 20 minutes"],
        ["Social skills group | lunch", "SENCO", "Weekly"],
    ]
    # the header row is marked bold so section detection takes it as column names
    assert all(p.bold for cell in rows[0] for p in cell.blocks)
    assert not any(p.bold for cell in rows[1] for p in cell.blocks)
    # a <br> gives two paragraphs inside the cell
    assert [p.text for p in rows[1][1].blocks] == ["Teaching assistant", "trained in phonics"]


def test_markdown_locations_are_start_lines() -> None:
    doc = read_text(MARKDOWN, "md")
    lines = MARKDOWN.split("\n")
    for block in doc.blocks:
        assert block.location.line is not None
        source_line = lines[block.location.line - 1]
        if block.kind == "table":
            assert source_line.startswith("| Provision")
            for row in block.rows:
                row_line = lines[row[0].location.line - 1]  # type: ignore[operator]
                assert row_line.startswith("|")
                assert all(c.location.line == row[0].location.line for c in row)
        elif block.text == "Section A":
            assert source_line == "Section A"  # a setext heading starts at its text line
        else:
            first_word = block.text.split()[0].strip("*:")
            assert first_word in source_line


def test_table_needs_a_separator_row() -> None:
    doc = read_text("Costs | are | shown\nin the | next | line\n", "md")
    assert [b.kind for b in doc.blocks] == ["paragraph"]


def test_fenced_code_is_kept_as_text() -> None:
    doc = read_text("```\n# not a heading\n```\n", "md")
    assert _kinds(doc.blocks) == [("paragraph", "# not a heading")]


def test_crlf_line_endings() -> None:
    doc = read_text("# Section A\r\n\r\nRobin likes trains.\r\n", "md")
    assert _kinds(doc.blocks) == [("heading", "Section A"), ("paragraph", "Robin likes trains.")]
    assert [b.location.line for b in doc.blocks] == [1, 3]


# ----------------------------------------------------------------------------- plain text

PLAIN = """\
EDUCATION, HEALTH AND CARE PLAN

Name: Robin Example
Date of birth: 3 April 2015
Year group: Year 4

Section A: All about me
Robin is a cheerful boy who likes dinosaurs
and building models with his brother.

Section B – Special educational needs

Robin finds it hard to concentrate
for more than five minutes.

- Robin needs instructions repeated.
- Robin uses a now-and-next board
  at the start of every lesson.

Thank you
"""


def test_plain_text_structure() -> None:
    doc = read_text(PLAIN, "txt", "robin.txt")
    assert _kinds(doc.blocks) == [
        ("heading", "EDUCATION, HEALTH AND CARE PLAN"),
        ("paragraph", "Name: Robin Example"),
        ("paragraph", "Date of birth: 3 April 2015"),
        ("paragraph", "Year group: Year 4"),
        ("heading", "Section A: All about me"),
        ("paragraph", "Robin is a cheerful boy who likes dinosaurs and building models with his brother."),
        ("heading", "Section B – Special educational needs"),
        ("paragraph", "Robin finds it hard to concentrate for more than five minutes."),
        ("list_item", "Robin needs instructions repeated."),
        ("list_item", "Robin uses a now-and-next board at the start of every lesson."),
        ("heading", "Thank you"),
    ]
    # plain-text heading candidates carry no level: their wording decides
    assert all(b.heading_level is None for b in doc.blocks)
    assert [b.location.line for b in doc.blocks][:5] == [1, 3, 4, 5, 7]


def test_plain_text_does_not_split_wrapped_sentences() -> None:
    text = "Robin finds reading hard and\nneeds a reading partner.\n"
    doc = read_text(text, "txt")
    assert _kinds(doc.blocks) == [("paragraph", "Robin finds reading hard and needs a reading partner.")]


def test_plain_text_keeps_markdown_symbols() -> None:
    doc = read_text("Use **PECS** and 2 * 3 grouping.\n", "txt")
    assert doc.blocks[0].text == "Use **PECS** and 2 * 3 grouping."


def test_plain_text_form_lines_stay_apart() -> None:
    """Details pasted from a form: one fact a line, no colons, no blank lines."""
    text = (
        "Personal details\nFull name Robin Example\nDate of birth 03/04/2015\n"
        "Provision\tWho\tHow often\nReading\tTeaching assistant\tDaily\n"
    )
    doc = read_text(text, "txt")
    assert _kinds(doc.blocks) == [
        ("heading", "Personal details"),
        ("heading", "Full name Robin Example"),
        ("heading", "Date of birth 03/04/2015"),
        ("paragraph", "Provision Who How often"),
        ("paragraph", "Reading Teaching assistant Daily"),
    ]
    assert [b.location.line for b in doc.blocks] == [1, 2, 3, 4, 5]


def test_markdown_label_lines_under_a_title_stay_apart() -> None:
    """ "Personal details" with its "Label: value" lines and no blank line between them:
    each fact is its own block, so the plan date and date of birth can be read."""
    text = "Child's details\nName: Robin Example\nDate of birth: 3 April 2021\nDate of plan: 9 May 2026\n\nRobin likes sand.\nHe plays outside.\n"
    doc = read_text(text, "md")
    assert _kinds(doc.blocks) == [
        ("paragraph", "Child's details"),
        ("paragraph", "Name: Robin Example"),
        ("paragraph", "Date of birth: 3 April 2021"),
        ("paragraph", "Date of plan: 9 May 2026"),
        ("paragraph", "Robin likes sand. He plays outside."),
    ]


def test_markdown_wrapped_sentence_with_colons_is_one_paragraph() -> None:
    """A short first line over colon lines that are not all facts stays one paragraph."""
    text = "Robin's day\nMorning: phonics with the class.\nand then he goes out to play\n"
    doc = read_text(text, "md")
    assert len(doc.blocks) == 1


def test_plain_text_hash_headings() -> None:
    doc = read_text("## Section A\n\nRobin likes trains.\n", "txt")
    assert [(b.kind, b.text, b.heading_level) for b in doc.blocks] == [
        ("heading", "Section A", 2),
        ("paragraph", "Robin likes trains.", None),
    ]


# ----------------------------------------------------------------------------- properties


_LINES = st.lists(
    st.one_of(
        st.sampled_from(
            ["", "# Section A", "Section B: Special educational needs", "**Outcomes**", "- a bullet",
             "1. numbered", "| a | b |", "|---|---|", "===", "---", "```", "> quoted", "Name: Robin",
             "plain words here.", "ALL CAPS LINE", "\tindented", "  * nested"]
        ),
        st.text(max_size=40),
    ),
    max_size=40,
)


@settings(max_examples=150, deadline=None)
@given(_LINES, st.sampled_from(["md", "txt"]))
def test_any_text_reads_without_error(lines: list[str], fmt: str) -> None:
    text = "\n".join(lines)
    doc = read_text(text, fmt, "fuzz")  # type: ignore[arg-type]
    total = text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
    for block in doc.blocks:
        assert block.text.strip()
        assert block.location.line is not None and 1 <= block.location.line <= total


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=600))
def test_any_bytes_decode_or_fail_cleanly(data: bytes) -> None:
    try:
        text = decode_text(data, "fuzz.txt")
    except (CorruptFileError, NoTextError) as err:
        assert str(err).startswith("fuzz.txt: ") and "\n" not in str(err)
    else:
        assert text.strip() and "\x00" not in text
