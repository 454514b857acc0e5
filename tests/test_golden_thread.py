"""Golden thread: each need linked to outcomes and provision by row, area of need or shared words.

Plans are invented: built as Plan models (to control rows and areas exactly),
read from Markdown with the real reader, and one national-grid Word fixture.
"""

from __future__ import annotations

from pathlib import Path

from ehcp_lint.golden_thread import content_words, follow_golden_thread
from ehcp_lint.model import (
    AreaOfNeed,
    Block,
    BlockKind,
    Location,
    Plan,
    PlanMetadata,
    Section,
)
from ehcp_lint.reading import load_plan, read_plan

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "plans"
CI = AreaOfNeed.COMMUNICATION_AND_INTERACTION
CL = AreaOfNeed.COGNITION_AND_LEARNING


def _block(text: str, line: int, *, link: str | None = None, area: AreaOfNeed | None = None) -> Block:
    return Block(kind=BlockKind.PARAGRAPH, text=text, location=Location(line=line), link=link, area_of_need=area)


def _plan(sections: dict[str, list[Block]], child: str | None = None) -> Plan:
    return Plan(
        source="invented.md",
        format="md",
        metadata=PlanMetadata(child_name=child),
        sections=[
            Section(key=key, title=f"Section {key}", location=Location(line=1), blocks=blocks)  # type: ignore[arg-type]
            for key, blocks in sections.items()
        ],
    )


def test_grid_rows_link_need_outcome_and_provision() -> None:
    plan = _plan(
        {
            "B": [
                _block("Ffion struggles to follow spoken instructions longer than two steps.", 2, link="t1r2"),
                _block("Ffion reads single words but not yet sentences.", 3, link="t1r3"),
            ],
            "E": [
                _block("By July 2027 Ffion will follow three-step instructions in class.", 4, link="t1r2"),
                _block("By July 2027 Ffion will read a 50-word passage aloud.", 5, link="t1r3"),
            ],
            "F": [
                _block("A teaching assistant gives instructions one step at a time with a visual.", 6, link="t1r2"),
                _block("Daily 20-minute phonics with a trained teaching assistant.", 7, link="t1r3"),
            ],
        }
    )
    thread = follow_golden_thread(plan)
    assert [t.need.location.line for t in thread.threads] == [2, 3]
    first, second = thread.threads
    assert [link.item.location.line for link in first.outcomes] == [4]
    assert [link.item.location.line for link in first.provision] == [6]
    assert [link.item.location.line for link in second.outcomes] == [5]
    assert [link.item.location.line for link in second.provision] == [7]
    assert {link.how for t in thread.threads for link in [*t.outcomes, *t.provision]} == {"same row"}
    assert first.outcomes[0].reason == "the same table row"
    assert thread.unlinked_needs == []
    assert thread.unlinked_provision == []


def test_area_of_need_links_when_there_is_no_row() -> None:
    plan = _plan(
        {
            "B": [_block("Ffion finds it hard to join in conversations with other children.", 2, area=CI)],
            "E": [
                _block("By July 2027 Ffion will take turns in a game with two friends.", 3, area=CI),
                _block("By July 2027 Ffion will add numbers to 20 mentally.", 4, area=CL),
            ],
            "F": [
                _block("Weekly social skills group of four run by the speech and language therapist.", 5, area=CI),
                _block("Daily maths catch-up with a teaching assistant.", 6, area=CL),
            ],
        }
    )
    [need] = follow_golden_thread(plan).threads
    assert [link.item.location.line for link in need.outcomes] == [3]
    assert [link.item.location.line for link in need.provision] == [5]
    assert need.outcomes[0].how == "same area of need"
    assert need.outcomes[0].reason == "the same area of need (communication and interaction)"


def test_shared_words_link_and_say_which_words() -> None:
    markdown = """# Section B: Special educational needs
Tomos finds reading aloud hard and loses his place in longer texts.

Tomos is anxious about swimming lessons and will not change with others.

# Section E: Outcomes
By July 2027 Tomos will read a short text aloud without losing his place.

By July 2027 Tomos will make two friends he plays with at break.

# Section F: Special educational provision
A teaching assistant will hear Tomos read aloud for 15 minutes daily, using a reading ruler to keep his place.

A lunchtime club twice a week for friendship games, run by the learning mentor.
"""
    plan = read_plan(markdown, "md", source="invented.md")
    plan.metadata.child_name = "Tomos Pryce"
    thread = follow_golden_thread(plan)
    reading, swimming = thread.threads
    assert [link.item.text[:30] for link in reading.outcomes] == ["By July 2027 Tomos will read a"]
    outcome = reading.outcomes[0]
    assert outcome.how == "shared words"
    assert set(outcome.shared_words) >= {"reading", "aloud", "place"}
    assert "tomos" not in outcome.shared_words, "the child's name links everything, so it is ignored"
    assert outcome.reason.startswith(f"{len(outcome.shared_words)} shared words (")
    assert [link.item.text[:20] for link in reading.provision] == ["A teaching assistant"]
    # Nothing in the plan answers the swimming need.
    assert not swimming.linked
    assert [n.text for n in thread.unlinked_needs] == [swimming.need.text]
    assert [p.text[:17] for p in thread.unlinked_provision] == ["A lunchtime club "]


def test_health_and_social_care_needs_look_in_their_own_provision_sections() -> None:
    plan = _plan(
        {
            "C": [_block("Nia has epilepsy controlled by daily medication given at home.", 2)],
            "D": [_block("Nia needs overnight short breaks so her family can rest.", 3)],
            "F": [_block("Staff trained in epilepsy medication awareness by the school nurse.", 4)],
            "G": [_block("Epilepsy nurse reviews medication every six months.", 5)],
            "H2": [_block("Two overnight short breaks a month at Oak House.", 6)],
        }
    )
    health, social = follow_golden_thread(plan).threads
    assert {link.item.section for link in health.provision} <= {"G", "F"}
    assert "G" in {link.item.section for link in health.provision}
    assert [link.item.section for link in social.provision] == ["H2"]


def test_labels_and_none_are_not_needs() -> None:
    plan = _plan({"B": [_block("None.", 2), _block("See below.", 3)], "F": [_block("Not applicable here.", 4)]})
    thread = follow_golden_thread(plan)
    assert thread.threads == []
    assert [p.text for p in thread.unlinked_provision] == ["Not applicable here."]


def test_content_words_drop_grammar_plan_words_and_names() -> None:
    words = content_words("Tomos will have support with reading and writing every week.", ["Tomos"])
    assert set(words) == {"read", "writ"}
    assert words["read"] == "reading"


def test_national_grid_fixture_links_by_row() -> None:
    plan = load_plan(FIXTURES / "grid-ashdown.docx")
    thread = follow_golden_thread(plan)
    rows = [t for t in thread.threads if t.need.link is not None]
    assert len(rows) >= 4
    for t in rows:
        for link in [*t.outcomes, *t.provision]:
            assert link.how == "same row"
            assert link.item.link == t.need.link
    assert sum(1 for t in rows if t.outcomes and t.provision) >= 4
