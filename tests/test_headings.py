"""Heading wording → section key, combined grid headings, areas of need."""

from __future__ import annotations

import pytest

from ehcp_lint.headings import (
    is_heading_like,
    match_area_of_need,
    match_combined_heading,
    match_section_heading,
)
from ehcp_lint.model import AreaOfNeed

POSITIVE: list[tuple[str, str]] = [
    # letter with "Section"/"Part"
    ("Section B: Special educational needs", "B"),
    ("Section B – SEN", "B"),
    ("Section B — Special Educational Needs", "B"),
    ("Part B", "B"),
    ("PART B:", "B"),
    ("SECTION B", "B"),
    ("SECTION B – SPECIAL EDUCATIONAL NEEDS", "B"),
    ("Section B Special educational needs", "B"),
    ("Section C (health needs)", "C"),
    ("Section H1", "H1"),
    ("Section H2: Other social care provision", "H2"),
    ("Section H: Social care provision", "H"),
    ("Sections H1 and H2: Social care provision", "H"),
    ("Section F – Cognition and learning", "F"),
    ("Section K: Advice and information", "K"),
    # numbered variants
    ("1. Section A", "A"),
    ("2) Section B", "B"),
    ("3 Section C", "C"),
    ("Section 2 (B)", "B"),
    # bare letters
    ("B – SEN", "B"),
    ("B - Special Educational Needs", "B"),
    ("B. Special Educational Needs", "B"),
    ("B) Special educational needs", "B"),
    ("H2 – Other social care provision", "H2"),
    ("H – Social care provision", "H"),
    ("I - Placement", "I"),
    ("J - Direct Payments", "J"),
    ("K - The advice and information gathered during the EHC needs assessment ", "K"),
    (" E – Outcomes", "E"),
    ("A1", "A"),
    ("A2", "A"),
    # the national template's long column headings
    ("C - Health care needs which relates to their special educational needs", "C"),
    (
        "G – Health Care Provision reasonably required by the learning difficulties or "
        "disabilities which result in the child or young person having special educational needs",
        "G",
    ),
    (
        "D – Social care needs which relate to the child or young person's special "
        "educational needs or to a disability.",
        "D",
    ),
    (
        "H1 – Any social care provision which must be made for a child or young person under 18 "
        "resulting from section 2 of the Chronically Sick and Disabled Persons Act 1970 ",
        "H1",
    ),
    (
        "A2 SUMMARY the views, interests and aspirations of the CHILD and their parent, or of "
        "the YOUNG PERSON",
        "A",
    ),
    # titles without a letter
    ("Special Educational Needs", "B"),
    ("Special educational needs (SEN)", "B"),
    ("Health care needs", "C"),
    ("Health needs related to SEN", "C"),
    ("Social care needs", "D"),
    ("Outcomes", "E"),
    ("Outcomes:", "E"),
    ("Intended Outcomes", "E"),
    ("Special educational provision", "F"),
    ("Health care provision", "G"),
    ("Health provision", "G"),
    ("Social care provision", "H"),
    ("Other social care provision", "H2"),
    ("Placement", "I"),
    ("Name and type of school", "I"),
    ("Personal budget", "J"),
    ("Direct payments", "J"),
    ("Advice and information", "K"),
    # local authority wordings
    ("All about me", "A"),
    ("About me", "A"),
    ("My views, interests and aspirations", "A"),
    ("The views, interests and aspirations of the child and their parents", "A"),
    ("Identified special educational need(s)", "B"),
    ("Identified Special Educational Need(s)", "B"),
    ("Provision relating to that need", "F"),
    ("Provision Relating to That Need", "F"),
]


@pytest.mark.parametrize(("text", "key"), POSITIVE)
def test_heading_variants_map_to_their_section(text: str, key: str) -> None:
    match = match_section_heading(text)
    assert match is not None, text
    assert match.key == key


NEGATIVE = [
    "Section B describes the needs Sam has at school.",
    "As set out in Section B, Sam needs help with reading.",
    "Section B of this plan sets out the needs",
    "Outcomes will be reviewed every term.",
    "The outcomes below were agreed with Sam and his parents.",
    "Sam needs help to achieve his outcomes",
    "Sam's placement at Oakfield School is working well and he is happy there.",
    "Placement history",
    "Health",
    "I like trains",
    "A. Smith will attend the review meeting with the family and the school.",
    "Part 2",
    "Special educational needs are described in detail in the advice from the school, which was received in May.",
    "",
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_body_sentences_are_not_section_headings(text: str) -> None:
    assert match_section_heading(text) is None


def test_match_kind_separates_strong_from_layout_dependent_matches() -> None:
    strong = match_section_heading("Section B: Special educational needs")
    titled = match_section_heading("B – Special Educational Needs")
    free = match_section_heading("H1 – Any social care provision which must be made")
    alone = match_section_heading("B")
    wording = match_section_heading("Outcomes")
    assert strong is not None and strong.kind == "section-word" and strong.strong
    assert titled is not None and titled.kind == "letter-title" and titled.strong
    assert free is not None and free.kind == "letter-free" and not free.strong
    assert alone is not None and alone.kind == "letter-alone" and not alone.strong
    assert wording is not None and wording.kind == "title" and not wording.strong


def test_wording_keeps_the_heading_as_written() -> None:
    match = match_section_heading("Section B – SEN")
    assert match is not None
    assert match.wording == "Section B - SEN"


def test_aliases_match_case_insensitively_at_the_start() -> None:
    aliases = {"A": ["My story"], "F": ["What support I will get"]}
    story = match_section_heading("MY STORY so far", aliases)
    support = match_section_heading("What support I will get at school", aliases)
    assert story is not None and (story.key, story.kind) == ("A", "alias")
    assert support is not None and support.key == "F"
    assert match_section_heading("My story", {}) is None
    # an alias is a heading wording, not any sentence that starts with it
    assert match_section_heading("My story is that I moved to a new school last year and found it hard.", aliases) is None
    assert match_section_heading("My storybook", aliases) is None


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        (
            "Sections C (The child or young person’s health care needs which relate to their SEN) "
            "and G (Health Care Provision relating to those needs)",
            ("C", "G"),
        ),
        ("Section D and H1/H2", ("D", "H1", "H2")),
        (
            "Sections D (Social care needs which relate to the SEN) and H1 and H2 (Social care provision) ",
            ("D", "H1", "H2"),
        ),
        ("Special Educational Needs and Provision (B-F-E)", ("B", "F", "E")),
        ("Special Educational Needs and Provision", ("B", "F")),
        ("Special Educational Needs and Provision: Communication and Interaction", ("B", "F")),
    ],
)
def test_combined_headings_name_several_sections(text: str, keys: tuple[str, ...]) -> None:
    assert match_combined_heading(text) == keys
    # they introduce a grid and are not a section themselves
    assert match_section_heading(text) is None


@pytest.mark.parametrize(
    "text",
    ["Section B: Special educational needs", "Sections H1 and H2", "Outcomes", "Section C (health needs)"],
)
def test_single_section_headings_are_not_combined(text: str) -> None:
    assert match_combined_heading(text) is None


AREAS: list[tuple[str, AreaOfNeed]] = [
    ("Communication and interaction", AreaOfNeed.COMMUNICATION_AND_INTERACTION),
    ("C&I", AreaOfNeed.COMMUNICATION_AND_INTERACTION),
    ("Cognition and learning", AreaOfNeed.COGNITION_AND_LEARNING),
    ("C & L", AreaOfNeed.COGNITION_AND_LEARNING),
    ("Social, emotional and mental health", AreaOfNeed.SOCIAL_EMOTIONAL_MENTAL_HEALTH),
    ("SEMH", AreaOfNeed.SOCIAL_EMOTIONAL_MENTAL_HEALTH),
    ("Social, Emotional and Mental Health Difficulties", AreaOfNeed.SOCIAL_EMOTIONAL_MENTAL_HEALTH),
    ("Sensory and/or physical", AreaOfNeed.SENSORY_AND_PHYSICAL),
    ("Physical and sensory", AreaOfNeed.SENSORY_AND_PHYSICAL),
    ("Sensory and physical needs", AreaOfNeed.SENSORY_AND_PHYSICAL),
    (
        "Special Educational Needs and Provision: Communication and Interaction",
        AreaOfNeed.COMMUNICATION_AND_INTERACTION,
    ),
    ("Section F – Cognition and learning", AreaOfNeed.COGNITION_AND_LEARNING),
]


@pytest.mark.parametrize(("text", "area"), AREAS)
def test_area_of_need_headings(text: str, area: AreaOfNeed) -> None:
    assert match_area_of_need(text) is area


@pytest.mark.parametrize(
    "text",
    [
        "Sam's needs in communication and interaction are described below. They affect every lesson.",
        "Outcomes",
        "Section B: Special educational needs",
        "Accidental cat & lion drawing",
    ],
)
def test_area_of_need_ignores_other_text(text: str) -> None:
    assert match_area_of_need(text) is None


def test_heading_like() -> None:
    assert is_heading_like("Outcomes for Sam")
    assert not is_heading_like("Sam will read ten words.")
    assert not is_heading_like("Outcomes. These were agreed")
    assert not is_heading_like(" ".join(["word"] * 15))


def test_a_sentence_starting_with_the_article_a_is_not_section_a() -> None:
    """'A personal budget of…' names J's subject but is a sentence, not a Section A heading."""
    from ehcp_lint.headings import match_section_heading

    assert match_section_heading("A personal budget of £1,200 a year for short breaks") is None
    assert match_section_heading("A personal budget") is None
    match = match_section_heading("J Personal budget")
    assert match is not None and match.key == "J"
    match = match_section_heading("A – Views, interests and aspirations")
    assert match is not None and match.key == "A"
