"""Section detection on real Word files (built with python-docx), Markdown and hand-built streams."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from docx.document import Document as DocumentObject
from docx.table import Table as DocxTable
from hypothesis import given, settings
from hypothesis import strategies as st

from ehcp_lint.errors import NoSectionsError
from ehcp_lint.model import AreaOfNeed, Block, BlockKind, Location, Plan
from ehcp_lint.readers.docx_reader import read_docx
from ehcp_lint.readers.raw import RawBlock, RawCell, RawDocument
from ehcp_lint.readers.text_reader import read_text
from ehcp_lint.reading import ReadOptions
from ehcp_lint.sections import NO_SECTIONS_PROBLEM, build_plan

TEMPLATE = Path("/work/shared/real-world/change-programme-template.docx")
AI_DRAFT = Path("/work/shared/real-world/ai-draft-sections/needs-provision-outcomes.md")

C_AND_I = AreaOfNeed.COMMUNICATION_AND_INTERACTION
C_AND_L = AreaOfNeed.COGNITION_AND_LEARNING


def _plan_from_docx(document: DocumentObject, options: ReadOptions | None = None) -> Plan:
    buffer = io.BytesIO()
    document.save(buffer)
    return build_plan(read_docx(buffer.getvalue(), "built.docx"), options)


def _bold(document: DocumentObject, text: str) -> None:
    document.add_paragraph().add_run(text).bold = True


def _texts(plan: Plan, key: str) -> list[str]:
    section = plan.section(key)
    assert section is not None, f"section {key} missing; have {plan.keys}"
    return [b.text for b in section.blocks]


def _where(plan: Plan, text: str) -> list[str]:
    """Every place (section key or "front") a block or table cell with this text sits."""
    found: list[str] = []
    for section, block in plan.blocks():
        place = section.key if section is not None else "front"
        if block.text == text:
            found.append(place)
        elif block.table is not None:
            cells = [c.text for row in block.table.rows for c in row.cells] + block.table.header
            found.extend(place for c in cells if c == text)
    return found


# ----------------------------------------------------------------------------- heading styles


def _heading_style_plan() -> DocumentObject:
    d = docx.Document()
    d.add_heading("Education, Health and Care Plan", level=0)
    d.add_paragraph("Northshire County Council")
    d.add_heading("Section A: The views, interests and aspirations of Robin and his parents", 1)
    d.add_paragraph("Robin loves dinosaurs and wants to be a palaeontologist.")
    d.add_heading("Section B: Special educational needs", 1)
    d.add_heading("Communication and interaction", 2)
    d.add_paragraph("Robin finds it hard to follow instructions with more than two steps.")
    d.add_paragraph("Robin repeats questions when he is anxious.", style="List Bullet")
    d.add_heading("Cognition and learning", 2)
    d.add_paragraph("Robin reads at about the level expected two years younger.")
    d.add_heading("Section E: Outcomes", 1)
    d.add_paragraph("By July 2026 Robin will follow a three-step instruction in class.")
    d.add_heading("Section F: Special educational provision", 1)
    d.add_heading("Communication and interaction", 2)
    d.add_paragraph("A speech and language therapist will see Robin weekly for 30 minutes.")
    table = d.add_table(rows=3, cols=4)
    for cell, text in zip(table.rows[0].cells, ["Support", "Who", "How often", "How long"], strict=True):
        cell.text = text
    for cell, text in zip(
        table.rows[1].cells,
        ["1:1 language group", "Teaching assistant", "Three times a week", "20 minutes"],
        strict=True,
    ):
        cell.text = text
    for cell, text in zip(
        table.rows[2].cells, ["Visual timetable", "Class teacher", "Daily", "All day"], strict=True
    ):
        cell.text = text
    d.add_heading("Section F – Cognition and learning", 1)
    d.add_paragraph("Precision teaching of spellings for 10 minutes every day.")
    d.add_heading("Section H: Social care provision", 1)
    d.add_paragraph("Two overnight short breaks each month at Maple House.")
    d.add_heading("Section I: Placement", 1)
    d.add_paragraph("Oakfield Primary School (mainstream maintained).")
    return d


def test_heading_styles_layout() -> None:
    plan = _plan_from_docx(_heading_style_plan())
    assert plan.keys == ["A", "B", "E", "F", "H", "I"]
    assert plan.format == "docx"
    assert [b.text for b in plan.front_matter] == [
        "Education, Health and Care Plan",
        "Northshire County Council",
    ]
    a = plan.section("A")
    assert a is not None
    assert a.title.startswith("Section A: The views")
    assert a.location.paragraph is not None
    assert _texts(plan, "A") == ["Robin loves dinosaurs and wants to be a palaeontologist."]
    assert _texts(plan, "E") == ["By July 2026 Robin will follow a three-step instruction in class."]
    assert _where(plan, "Two overnight short breaks each month at Maple House.") == ["H"]
    # absent sections stay absent
    assert plan.section("C") is None and plan.section("J") is None


def test_area_of_need_from_sub_headings() -> None:
    plan = _plan_from_docx(_heading_style_plan())
    b = plan.section("B")
    assert b is not None
    areas = {blk.text: blk.area_of_need for blk in b.blocks}
    assert areas["Robin finds it hard to follow instructions with more than two steps."] is C_AND_I
    assert areas["Robin repeats questions when he is anxious."] is C_AND_I
    assert areas["Robin reads at about the level expected two years younger."] is C_AND_L
    kinds = {blk.text: blk.kind for blk in b.blocks}
    assert kinds["Communication and interaction"] is BlockKind.HEADING
    assert kinds["Robin repeats questions when he is anxious."] is BlockKind.LIST_ITEM
    # a new section ends the area of need
    e = plan.section("E")
    assert e is not None and all(blk.area_of_need is None for blk in e.blocks)


def test_section_split_by_area_is_appended_to_one_section() -> None:
    plan = _plan_from_docx(_heading_style_plan())
    assert plan.keys.count("F") == 1
    f = plan.section("F")
    assert f is not None
    assert f.title == "Section F: Special educational provision"
    texts = [b.text for b in f.blocks]
    assert "Precision teaching of spellings for 10 minutes every day." in texts
    # the later heading stays visible as a sub-heading and names the area
    split = next(b for b in f.blocks if b.text == "Section F – Cognition and learning")
    assert split.kind is BlockKind.HEADING
    precision = next(b for b in f.blocks if b.text.startswith("Precision teaching"))
    assert precision.area_of_need is C_AND_L


def test_provision_table_keeps_header_and_column_names() -> None:
    plan = _plan_from_docx(_heading_style_plan())
    f = plan.section("F")
    assert f is not None
    tables = [b for b in f.blocks if b.kind is BlockKind.TABLE]
    assert len(tables) == 1
    block = tables[0]
    assert block.table is not None
    assert block.table.header == ["Support", "Who", "How often", "How long"]
    assert [[c.text for c in r.cells] for r in block.table.rows] == [
        ["1:1 language group", "Teaching assistant", "Three times a week", "20 minutes"],
        ["Visual timetable", "Class teacher", "Daily", "All day"],
    ]
    assert [c.column_name for c in block.table.rows[0].cells] == ["Support", "Who", "How often", "How long"]
    assert block.text == (
        "1:1 language group | Teaching assistant | Three times a week | 20 minutes\n"
        "Visual timetable | Class teacher | Daily | All day"
    )
    assert block.area_of_need is C_AND_I
    assert block.table.rows[1].cells[2].location.row == 3


def test_merged_h_gives_key_h() -> None:
    plan = _plan_from_docx(_heading_style_plan())
    assert "H" in plan.keys and "H1" not in plan.keys and "H2" not in plan.keys


# ----------------------------------------------------------------------------- bold headings


def test_bold_paragraph_headings() -> None:
    d = docx.Document()
    _bold(d, "EDUCATION, HEALTH AND CARE PLAN")
    d.add_paragraph("Name: Jamie Invented")
    _bold(d, "SECTION A – ALL ABOUT ME")
    d.add_paragraph("Jamie likes swimming.")
    _bold(d, "SECTION B – SPECIAL EDUCATIONAL NEEDS")
    d.add_paragraph("Section B describes what Jamie finds hard.")
    _bold(d, "Social, emotional and mental health")
    d.add_paragraph("Jamie worries about changes to routine.")
    _bold(d, "C")
    d.add_paragraph("Jamie has asthma and uses an inhaler before PE.")
    _bold(d, "Outcomes")
    d.add_paragraph("Jamie will tell an adult when he feels worried, by Easter 2025.")
    d.add_paragraph("Outcomes will be reviewed every term.")
    plan = _plan_from_docx(d)
    assert plan.keys == ["A", "B", "C", "E"]
    assert _texts(plan, "B") == [
        "Section B describes what Jamie finds hard.",
        "Social, emotional and mental health",
        "Jamie worries about changes to routine.",
    ]
    b = plan.section("B")
    assert b is not None
    assert b.blocks[2].area_of_need is AreaOfNeed.SOCIAL_EMOTIONAL_MENTAL_HEALTH
    assert b.blocks[1].kind is BlockKind.HEADING
    assert _texts(plan, "E") == [
        "Jamie will tell an adult when he feels worried, by Easter 2025.",
        "Outcomes will be reviewed every term.",
    ]
    assert plan.metadata.child_name == "Jamie Invented"


def test_bare_letter_needs_heading_layout() -> None:
    d = docx.Document()
    d.add_heading("Section A", 1)
    d.add_paragraph("I")  # a plain one-letter paragraph is not a section heading
    d.add_paragraph("A. Smith will attend the review")
    plan = _plan_from_docx(d)
    assert plan.keys == ["A"]
    assert _texts(plan, "A") == ["I", "A. Smith will attend the review"]


# ----------------------------------------------------------------------------- table per section


def test_table_per_section_layout() -> None:
    d = docx.Document()
    d.add_paragraph("Education, Health and Care Plan for Taylor Madeup")
    a = d.add_table(rows=1, cols=2)
    a.rows[0].cells[0].text = "A"
    a.rows[0].cells[1].text = "Taylor enjoys drawing and wants to work with animals."
    b = d.add_table(rows=1, cols=2)
    b.rows[0].cells[0].text = "Section B: Special educational needs"
    cell = b.rows[0].cells[1]
    cell.text = "Taylor finds it hard to start writing tasks."
    cell.add_paragraph("Taylor needs movement breaks to stay regulated.")
    f = d.add_table(rows=4, cols=3)
    merged = f.rows[0].cells[0].merge(f.rows[0].cells[2])
    merged.text = "Section F – Special educational provision"
    for row, values in zip(
        f.rows[1:],
        [
            ["Provision", "Who", "How often"],
            ["Writing frame for every written task", "Class teacher", "Every lesson"],
            ["Movement break", "Teaching assistant", "Twice each morning"],
        ],
        strict=True,
    ):
        for c, text in zip(row.cells, values, strict=True):
            c.text = text
    e = d.add_table(rows=2, cols=1)
    e.rows[0].cells[0].text = "E"
    e.rows[1].cells[0].text = "By July 2025 Taylor will write three sentences independently."
    plan = _plan_from_docx(d)
    assert plan.keys == ["A", "B", "F", "E"]
    assert plan.section("B") is not None
    assert plan.section("B").title == "Section B: Special educational needs"  # type: ignore[union-attr]
    assert plan.section("B").location.table == 2  # type: ignore[union-attr]
    assert _texts(plan, "A") == ["Taylor enjoys drawing and wants to work with animals."]
    assert _texts(plan, "B") == [
        "Taylor finds it hard to start writing tasks.",
        "Taylor needs movement breaks to stay regulated.",
    ]
    assert _texts(plan, "E") == ["By July 2025 Taylor will write three sentences independently."]
    # the section's table below a spanning heading row stays a table
    f_blocks = plan.section("F").blocks  # type: ignore[union-attr]
    assert len(f_blocks) == 1 and f_blocks[0].table is not None
    assert f_blocks[0].table.header == ["Provision", "Who", "How often"]
    assert len(f_blocks[0].table.rows) == 2
    # heading cells never become content
    for heading in ("A", "E", "Section B: Special educational needs"):
        assert _where(plan, heading) == []


def test_column_header_first_cell_does_not_start_a_section() -> None:
    d = docx.Document()
    d.add_heading("Section F", 1)
    t = d.add_table(rows=2, cols=2)
    t.rows[0].cells[0].text = "Outcomes"
    t.rows[0].cells[1].text = "Provision"
    t.rows[1].cells[0].text = "Read 20 words"
    t.rows[1].cells[1].text = "Daily reading"
    plan = _plan_from_docx(d)
    assert plan.keys == ["F"]


# ----------------------------------------------------------------------------- national grid


def _grid_table(d: DocumentObject, title: str | None, header: list[str], rows: list[list[str]]) -> DocxTable:
    width = len(header)
    extra = 3 if title else 2
    table = d.add_table(rows=extra + 1 + len(rows), cols=width)
    r = 0
    if title:
        table.rows[0].cells[0].merge(table.rows[0].cells[width - 1]).text = title
        r = 1
    table.rows[r].cells[0].merge(table.rows[r].cells[width - 1]).text = "Strengths"
    table.rows[r + 1].cells[0].merge(table.rows[r + 1].cells[width - 1]).text = (
        "Robin is curious and asks good questions."
    )
    for cell, text in zip(table.rows[r + 2].cells, header, strict=True):
        cell.text = text
    for row, values in zip(table.rows[r + 3:], rows, strict=True):
        for cell, text in zip(row.cells, values, strict=True):
            cell.text = text
    return table


def _grid_plan() -> DocumentObject:
    d = docx.Document()
    d.add_heading("EHC Plan", 0)
    personal = d.add_table(rows=3, cols=4)
    personal.rows[0].cells[0].merge(personal.rows[0].cells[3]).text = "Child or young person’s personal details"
    for c, text in zip(personal.rows[1].cells, ["Name:", "Robin Example", "Preferred name:", "Rob"], strict=True):
        c.text = text
    personal.rows[2].cells[0].text = "Date of Birth:"
    personal.rows[2].cells[1].merge(personal.rows[2].cells[3]).text = "03/04/2015"
    d.add_heading("A - Views, interests and aspirations", 2)
    d.add_paragraph("Robin wants to be a vet.")
    _grid_table(
        d,
        "Special Educational Needs and Provision: Communication and Interaction",
        ["B – Special Educational Needs", "F – Special Educational Provision", "E – Outcomes"],
        [
            ["Robin cannot yet say how he feels.", "Weekly ELSA session, 30 minutes.", "Robin will name three feelings by July."],
            ["Robin struggles in noisy rooms.", "Ear defenders in assembly.", "Robin will attend assembly weekly."],
        ],
    )
    d.add_heading(
        "Sections C (The child or young person’s health care needs which relate to their SEN) "
        "and G (Health Care Provision relating to those needs)",
        2,
    )
    _grid_table(
        d,
        None,
        ["C - Health care needs", "G – Health Care Provision", "E – Outcomes"],
        [["Robin has eczema that itches.", "Emollient applied at lunch by a trained TA.", "Robin's skin stays comfortable."]],
    )
    d.add_heading("Sections D (Social care needs) and H1 and H2 (Social care provision)", 2)
    _grid_table(
        d,
        None,
        ["D – Social care needs", "H1 – Provision under section 2 of the CSDPA", "H2 - Other social care provision", "E – Outcomes"],
        [["Robin's mother needs a break.", "Two short breaks a month.", "Saturday club.", "Robin will enjoy a club."]],
    )
    d.add_heading("I - Placement", 2)
    d.add_paragraph("Oakfield Primary School")
    return d


def test_grid_cells_go_to_their_column_sections() -> None:
    plan = _plan_from_docx(_grid_plan())
    assert plan.keys == ["A", "B", "F", "E", "C", "G", "D", "H1", "H2", "I"]
    expected = {
        "Robin cannot yet say how he feels.": "B",
        "Weekly ELSA session, 30 minutes.": "F",
        "Robin will name three feelings by July.": "E",
        "Robin struggles in noisy rooms.": "B",
        "Ear defenders in assembly.": "F",
        "Robin will attend assembly weekly.": "E",
        "Robin has eczema that itches.": "C",
        "Emollient applied at lunch by a trained TA.": "G",
        "Robin's skin stays comfortable.": "E",
        "Robin's mother needs a break.": "D",
        "Two short breaks a month.": "H1",
        "Saturday club.": "H2",
        "Robin will enjoy a club.": "E",
        "Oakfield Primary School": "I",
    }
    for text, key in expected.items():
        assert _where(plan, text) == [key], text


def test_grid_strengths_title_and_header_cells() -> None:
    plan = _plan_from_docx(_grid_plan())
    # strengths (merged across the table) go once to the first column's section
    assert _where(plan, "Robin is curious and asks good questions.") == ["B", "C", "D"]
    assert _where(plan, "Strengths") == ["B", "C", "D"]
    # the title row is a heading block, not content
    title = "Special Educational Needs and Provision: Communication and Interaction"
    assert _where(plan, title) == ["B"]
    b = plan.section("B")
    assert b is not None
    title_block = next(blk for blk in b.blocks if blk.text == title)
    assert title_block.kind is BlockKind.HEADING
    # header cells head sections, they are not content
    assert _where(plan, "F – Special Educational Provision") == []
    f = plan.section("F")
    assert f is not None and f.title == "F – Special Educational Provision"
    assert f.location.table is not None and f.location.column == 2


def test_grid_rows_are_linked_and_named() -> None:
    plan = _plan_from_docx(_grid_plan())
    by_text = {blk.text: blk for _, blk in plan.blocks()}
    need = by_text["Robin cannot yet say how he feels."]
    provision = by_text["Weekly ELSA session, 30 minutes."]
    outcome = by_text["Robin will name three feelings by July."]
    assert need.link is not None
    assert need.link == provision.link == outcome.link
    assert need.link != by_text["Robin struggles in noisy rooms."].link
    assert need.link == f"t{need.location.table}r{need.location.row}"
    assert provision.column_name == "F – Special Educational Provision"
    assert (need.location.column, provision.location.column, outcome.location.column) == (1, 2, 3)
    # area of need from the title row, for every column of that table only
    assert {need.area_of_need, provision.area_of_need, outcome.area_of_need} == {C_AND_I}
    assert by_text["Robin has eczema that itches."].area_of_need is None
    # the combined heading is not a section of its own
    c = plan.section("C")
    assert c is not None and c.title.startswith("Sections C (")


def test_grid_never_emits_a_cell_twice() -> None:
    plan = _plan_from_docx(_grid_plan())
    seen: set[tuple[str, int | None, int | None, int | None, str]] = set()
    for section, blk in plan.blocks():
        loc = blk.location
        if loc.table is None or blk.kind is BlockKind.TABLE:
            continue
        key = (section.key if section else "front", loc.table, loc.row, loc.column, blk.text)
        assert key not in seen, key
        seen.add(key)


def test_metadata_from_grid_plan_personal_details() -> None:
    plan = _plan_from_docx(_grid_plan())
    assert plan.metadata.child_name == "Robin Example"
    assert plan.metadata.preferred_name == "Rob"
    assert plan.metadata.date_of_birth is not None
    assert plan.metadata.date_of_birth.isoformat() == "2015-04-03"


@pytest.fixture(scope="module")
def template_plan() -> Plan:
    return build_plan(read_docx(TEMPLATE.read_bytes(), TEMPLATE.name))


def test_real_template_sections(template_plan: Plan) -> None:
    assert template_plan.keys == ["A", "B", "F", "E", "C", "G", "D", "H1", "H2", "I", "J", "K"]
    assert template_plan.front_matter[0].text == "EHCP template for testing in Change Programme Areas"
    assert [b.kind for b in template_plan.front_matter[1:]] == [BlockKind.TABLE, BlockKind.TABLE]


def test_real_template_every_grid_cell_in_its_column(template_plan: Plan) -> None:
    prefixes = {
        "communication_interaction_need_": "B",
        "communication_interaction_provision_": "F",
        "communication_interaction_outcome_": "E",
        "cognition_learning_need_": "B",
        "semh_provision_": "F",
        "sensory_physical_outcome_": "E",
        "health_care_need_": "C",
        "health_care_provision_": "G",
        "health_care_outcome_": "E",
        "social_care_need_": "D",
        "h1_provision_": "H1",
        "h2_provision_": "H2",
        "social_care_outcome_": "E",
    }
    for prefix, key in prefixes.items():
        for n in range(1, 11):
            text = "{{ " + prefix + f"{n}" + " }}"
            assert _where(template_plan, text) == [key], text


def test_real_template_strengths_links_and_areas(template_plan: Plan) -> None:
    for placeholder, key in [
        ("{{ communication_interaction_strengths }}", "B"),
        ("{{ semh_strengths }}", "B"),
        ("{{ health_care_strengths }}", "C"),
        ("{{ social_care_strengths }}", "D"),
    ]:
        assert _where(template_plan, placeholder) == [key]  # merged cell: once
    by_text = {blk.text: blk for _, blk in template_plan.blocks()}
    row = [
        by_text["{{ h1_provision_3 }}"],
        by_text["{{ h2_provision_3 }}"],
        by_text["{{ social_care_need_3 }}"],
        by_text["{{ social_care_outcome_3 }}"],
    ]
    assert len({blk.link for blk in row}) == 1 and row[0].link is not None
    areas = {
        "{{ communication_interaction_need_1 }}": AreaOfNeed.COMMUNICATION_AND_INTERACTION,
        "{{ cognition_learning_outcome_4 }}": AreaOfNeed.COGNITION_AND_LEARNING,
        "{{ semh_provision_2 }}": AreaOfNeed.SOCIAL_EMOTIONAL_MENTAL_HEALTH,
        "{{ sensory_physical_need_9 }}": AreaOfNeed.SENSORY_AND_PHYSICAL,
        "{{ health_care_need_1 }}": None,
    }
    for text, area in areas.items():
        assert by_text[text].area_of_need is area, text
    b = template_plan.section("B")
    assert b is not None
    # each title row is one heading block, its paragraphs on separate lines
    titles = [blk for blk in b.blocks if blk.text.startswith("Special Educational Needs and Provision (B-F-E)")]
    assert [t.text.split("\n")[1] for t in titles] == [
        "Communication and interaction",
        "Cognition and learning",
        "Social, emotional and mental health difficulties",
        "Sensory and/or physical needs",
    ]
    assert all(t.kind is BlockKind.HEADING for t in titles)


def test_real_template_a_and_k(template_plan: Plan) -> None:
    a_texts = _texts(template_plan, "A")
    assert "{{ history }}" in a_texts and "{{ aspirations }}" in a_texts
    assert "A1" not in a_texts  # the heading cell
    k = template_plan.section("K")
    assert k is not None
    table = next(blk for blk in k.blocks if blk.kind is BlockKind.TABLE)
    assert table.table is not None
    assert table.table.header[:3] == ["Advice and information requested:", "Date received", "Who from"]
    assert template_plan.metadata.child_name is None  # "{{ name }}" is not a name
    assert template_plan.metadata.personal_details["Name"] == "{{ name }}"


# ----------------------------------------------------------------------------- Markdown and text


def test_real_ai_drafted_markdown() -> None:
    plan = build_plan(read_text(AI_DRAFT.read_text(encoding="utf-8"), "md", AI_DRAFT.name))
    assert plan.keys == ["B", "F", "E"]
    b_items = [blk for blk in plan.section("B").blocks if blk.kind is BlockKind.LIST_ITEM]  # type: ignore[union-attr]
    assert len(b_items) == 16
    assert b_items[0].text.startswith("Selective/situational mutism")
    assert b_items[0].area_of_need is C_AND_I
    assert b_items[-1].area_of_need is AreaOfNeed.SENSORY_AND_PHYSICAL
    f_tables = [blk for blk in plan.section("F").blocks if blk.kind is BlockKind.TABLE]  # type: ignore[union-attr]
    assert len(f_tables) == 4
    assert f_tables[0].table is not None
    assert f_tables[0].table.header[1] == "Support Required"
    assert f_tables[0].table.rows[0].cells[4].column_name == "How Often"
    assert [t.area_of_need for t in f_tables] == [
        C_AND_I,
        C_AND_L,
        AreaOfNeed.SOCIAL_EMOTIONAL_MENTAL_HEALTH,
        AreaOfNeed.SENSORY_AND_PHYSICAL,
    ]
    e_items = [blk for blk in plan.section("E").blocks if blk.kind is BlockKind.LIST_ITEM]  # type: ignore[union-attr]
    assert len(e_items) == 12
    assert all(item.text.split()[0] in {"By", "Within", "Over"} for item in e_items)


def test_plain_text_plan() -> None:
    text = (
        "EHC PLAN - DRAFT\n\nName: Sky Invented\nDate of birth: 01/02/2014\n\n"
        "SECTION A\nSky likes horses.\n\n"
        "Special educational needs\n\nSky finds maths hard.\n\n"
        "Outcomes\n\nSky will count to 100 by July 2025.\n"
    )
    plan = build_plan(read_text(text, "txt", "sky.txt"))
    assert plan.keys == ["A", "B", "E"]
    assert _texts(plan, "A") == ["Sky likes horses."]
    assert _texts(plan, "B") == ["Sky finds maths hard."]
    assert plan.metadata.status == "draft"
    assert plan.metadata.child_name == "Sky Invented"


# ----------------------------------------------------------------------------- hand-built streams


def _raw(*blocks: RawBlock, fmt: str = "pdf") -> RawDocument:
    return RawDocument(format=fmt, blocks=list(blocks), source="hand.pdf")  # type: ignore[arg-type]


def _p(text: str, page: int = 1, **kw: object) -> RawBlock:
    return RawBlock(kind=kw.pop("kind", "paragraph"), text=text, location=Location(page=page), **kw)  # type: ignore[arg-type]


def test_pdf_style_stream_without_table_columns() -> None:
    """PDF cells carry only a page; columns come from order and spans."""
    def cell(text: str, spans: int = 1) -> RawCell:
        return RawCell(text=text, location=Location(page=2), spans=spans)

    grid = RawBlock(
        kind="table",
        text="",
        location=Location(page=2),
        rows=[
            [cell("Special Educational Needs and Provision: Cognition and Learning", spans=3)],
            [cell("B – Special Educational Needs"), cell("F – Special Educational Provision"), cell("E – Outcomes")],
            [cell("Needs 1", spans=2), cell("Outcome 1")],
            [cell("Need 2"), cell("Provision 2"), cell("Outcome 2")],
        ],
    )
    plan = build_plan(_raw(_p("Section A", kind="heading", heading_level=1), _p("About Ash."), grid))
    assert plan.keys == ["A", "B", "F", "E"]
    assert _where(plan, "Needs 1") == ["B"]  # a cell spanning B and F belongs to B
    assert _where(plan, "Outcome 1") == ["E"]
    assert _where(plan, "Provision 2") == ["F"]
    by_text = {blk.text: blk for _, blk in plan.blocks()}
    assert by_text["Need 2"].link == by_text["Outcome 2"].link == "t1r4"
    assert by_text["Need 2"].area_of_need is C_AND_L


def test_area_of_need_ends_at_same_level_heading() -> None:
    plan = build_plan(
        _raw(
            _p("Section B", kind="heading", heading_level=1),
            _p("Communication and interaction", kind="heading", heading_level=2),
            _p("Ash talks to adults."),
            _p("Strengths", kind="heading", heading_level=3),
            _p("Ash is kind."),
            _p("Other needs", kind="heading", heading_level=2),
            _p("Ash is often tired."),
        )
    )
    areas = [(blk.text, blk.area_of_need) for blk in plan.section("B").blocks]  # type: ignore[union-attr]
    assert areas == [
        ("Communication and interaction", C_AND_I),
        ("Ash talks to adults.", C_AND_I),
        ("Strengths", C_AND_I),
        ("Ash is kind.", C_AND_I),
        ("Other needs", None),
        ("Ash is often tired.", None),
    ]


def test_heading_aliases_from_options() -> None:
    raw = _raw(
        _p("My story", bold=True),
        _p("Ash moved here last year."),
        _p("What support I will get", bold=True),
        _p("Ash will have a reading buddy every day."),
    )
    with pytest.raises(NoSectionsError):
        build_plan(raw)
    plan = build_plan(raw, ReadOptions(heading_aliases={"A": ["My story"], "F": ["What support I will get"]}))
    assert plan.keys == ["A", "F"]
    assert _texts(plan, "F") == ["Ash will have a reading buddy every day."]


def test_no_sections_error_lists_what_was_expected() -> None:
    raw = _raw(_p("Ash Secretname likes football and drawing."), _p("Nothing here is a heading."))
    with pytest.raises(NoSectionsError) as err:
        build_plan(raw)
    message = str(err.value)
    assert message == f"hand.pdf: {NO_SECTIONS_PROBLEM}"
    assert "'Section B: Special educational needs'" in message and "'Part F'" in message
    assert "heading aliases" in message
    assert "Secretname" not in message
    assert "\n" not in message


def test_front_matter_blocks_keep_order_and_kinds() -> None:
    plan = build_plan(
        _raw(
            _p("Education, Health and Care Plan", kind="heading", heading_level=0),
            _p("Anytown Borough Council"),
            _p("Section A", kind="heading", heading_level=1),
            _p("Ash likes cats."),
        )
    )
    assert [(b.kind, b.text) for b in plan.front_matter] == [
        (BlockKind.HEADING, "Education, Health and Care Plan"),
        (BlockKind.PARAGRAPH, "Anytown Borough Council"),
    ]
    assert all(isinstance(b, Block) for b in plan.front_matter)


def test_equal_neighbouring_cells_without_columns_are_both_kept() -> None:
    """PDF cells have no column numbers: two cells saying "Daily" are still two cells."""
    def cell(text: str) -> RawCell:
        return RawCell(text=text, location=Location(page=1))

    table = RawBlock(
        kind="table",
        text="",
        location=Location(page=1),
        rows=[
            [cell("Support"), cell("How often"), cell("Reviewed")],
            [cell("Reading"), cell("Daily"), cell("Daily")],
        ],
    )
    plan = build_plan(_raw(_p("Section F", kind="heading", heading_level=1), table))
    block = plan.section("F").blocks[0]  # type: ignore[union-attr]
    assert block.table is not None
    assert [(c.text, c.column_name) for c in block.table.rows[0].cells] == [
        ("Reading", "Support"),
        ("Daily", "How often"),
        ("Daily", "Reviewed"),
    ]


def test_markdown_grid_title_and_strengths_above_the_table_join_the_grid() -> None:
    """Markdown cannot merge cells: the grid's title and strengths come as paragraphs."""
    text = (
        "## Section A: All about me\n\nAsh likes kites.\n\n"
        "Special Educational Needs and Provision (B-F-E) Cognition and learning "
        "Guidance about this area. See the Code of Practice.\n\n"
        "Strengths\n\nAsh remembers facts about planets.\n\n"
        "| B – Special Educational Needs | F – Special Educational Provision | E – Outcomes |\n"
        "|---|---|---|\n"
        "| Ash reads slowly. | Daily reading for 15 minutes with a trained TA. | Ash will read 80 words a minute by July. |\n"
    )
    plan = build_plan(read_text(text, "md", "ash.md"))
    assert plan.keys == ["A", "B", "F", "E"]
    assert _texts(plan, "A") == ["Ash likes kites."]
    b = plan.section("B")
    assert b is not None
    assert [(blk.kind, blk.text) for blk in b.blocks] == [
        (
            BlockKind.HEADING,
            "Special Educational Needs and Provision (B-F-E) Cognition and learning "
            "Guidance about this area. See the Code of Practice.",
        ),
        (BlockKind.HEADING, "Strengths"),
        (BlockKind.PARAGRAPH, "Ash remembers facts about planets."),
        (BlockKind.PARAGRAPH, "Ash reads slowly."),
    ]
    assert all(blk.area_of_need is C_AND_L for blk in b.blocks)
    by_text = {blk.text: blk for _, blk in plan.blocks()}
    assert by_text["Ash will read 80 words a minute by July."].area_of_need is C_AND_L
    assert by_text["Ash reads slowly."].link == by_text["Daily reading for 15 minutes with a trained TA."].link


def test_grid_without_preamble_leaves_earlier_blocks_alone() -> None:
    text = (
        "## Section B\n\n### Strengths\n\nAsh is kind.\n\n"
        "| B – Special Educational Needs | F – Special Educational Provision |\n|---|---|\n| Need. | Provision. |\n\n"
        "| B – Special Educational Needs | F – Special Educational Provision |\n|---|---|\n| Need 2. | Provision 2. |\n"
    )
    plan = build_plan(read_text(text, "md"))
    b = plan.section("B")
    assert b is not None
    assert [blk.text for blk in b.blocks] == ["Strengths", "Ash is kind.", "Need.", "Need 2."]
    assert [blk.link for blk in b.blocks][2:] == ["t1r2", "t2r2"]


def _cells(page: int, *texts: str) -> list[RawCell]:
    return [RawCell(text=t, location=Location(page=page)) for t in texts]


def test_grid_split_by_a_page_break_continues_in_its_columns() -> None:
    """A PDF reader may hand over the rest of a grid as a new table on the next page."""
    first_part = RawBlock(
        kind="table",
        text="",
        location=Location(page=2),
        rows=[
            [RawCell(text="Special Educational Needs and Provision: Communication and Interaction", location=Location(page=2), spans=3)],
            _cells(2, "B – Special Educational Needs", "F – Special Educational Provision", "E – Outcomes"),
            _cells(2, "Need on page two.", "Provision on page two.", "Outcome on page two."),
        ],
    )
    rest = RawBlock(
        kind="table",
        text="",
        location=Location(page=3),
        rows=[_cells(3, "Need on page three.", "Provision on page three.", "Outcome on page three.")],
    )
    plan = build_plan(
        _raw(
            _p("Section A", kind="heading", heading_level=1),
            _p("Ash likes kites."),
            first_part,
            _p("Northshire County Council Page 2 of 9", page=2),
            rest,
            _p("Section I", page=3, kind="heading", heading_level=1),
            RawBlock(kind="table", text="", location=Location(page=4), rows=[_cells(4, "School", "Oakfield", "Mainstream")]),
        )
    )
    assert _where(plan, "Need on page three.") == ["B"]
    assert _where(plan, "Provision on page three.") == ["F"]
    assert _where(plan, "Outcome on page three.") == ["E"]
    by_text = {blk.text: blk for _, blk in plan.blocks()}
    assert by_text["Provision on page three."].area_of_need is C_AND_I
    assert by_text["Provision on page three."].column_name == "F – Special Educational Provision"
    # after a heading, a three-column table is an ordinary table of that section
    assert _where(plan, "Oakfield") == ["I"]


def test_word_table_after_a_grid_is_not_a_continuation() -> None:
    d = docx.Document()
    d.add_heading("Section A", 1)
    grid = d.add_table(rows=2, cols=2)
    for cell, text in zip(grid.rows[0].cells, ["B – Special Educational Needs", "F – Special Educational Provision"], strict=True):
        cell.text = text
    for cell, text in zip(grid.rows[1].cells, ["A need.", "A provision."], strict=True):
        cell.text = text
    d.add_paragraph("A note.")
    other = d.add_table(rows=1, cols=2)
    other.rows[0].cells[0].text = "Left"
    other.rows[0].cells[1].text = "Right"
    plan = _plan_from_docx(d)
    assert _where(plan, "Left") == ["B"] and _where(plan, "Right") == ["B"]


# ----------------------------------------------------------------------------- properties


_TEXTS = st.one_of(
    st.sampled_from(
        ["Section A", "Section B: Special educational needs", "Outcomes", "B", "Communication and interaction",
         "Sections C (health) and G (health provision)", "Sam likes trains.", "Strengths", "I - Placement",
         "Special Educational Needs and Provision (B-F-E)"]
    ),
    st.text(min_size=1, max_size=30),
)
_RAW_BLOCKS = st.lists(
    st.builds(
        lambda kind, text, level, bold: RawBlock(
            kind=kind, text=text, location=Location(paragraph=1), heading_level=level if kind == "heading" else None, bold=bold
        ),
        st.sampled_from(["heading", "paragraph", "list_item"]),
        _TEXTS,
        st.one_of(st.none(), st.integers(min_value=0, max_value=4)),
        st.booleans(),
    ),
    max_size=30,
)


@settings(max_examples=200, deadline=None)
@given(_RAW_BLOCKS)
def test_every_paragraph_is_kept_or_heads_a_section(blocks: list[RawBlock]) -> None:
    raw = RawDocument(format="docx", blocks=blocks, source="fuzz.docx")
    try:
        plan = build_plan(raw)
    except NoSectionsError:
        return
    kept = [b.text for _, b in plan.blocks()] + [s.title for s in plan.sections]
    for block in blocks:
        if block.text.strip():
            assert block.text.strip() in kept or " ".join(block.text.split()) in kept
    assert len(plan.keys) == len(set(plan.keys))
