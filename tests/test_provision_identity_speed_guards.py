"""What the speed work on PRV010 and IDN002 relies on, checked on real plans.

* ``facts_for_text`` and ``facts_for_row`` remember their answers (a heading or lead-in is
  read for every item under it, a row again for the row below saying "As above"): a
  remembered answer is the one working it out afresh gives.
* ``facts_for_text`` asks whether an item is a one-off only when it states no length: the
  same facts as asking both every time.
* PRV010 reads a row's facts before asking whether the row is provision at all: both
  answers are the same whichever is asked first (neither depends on the other having run).
* IDN002 asks once per sentence and gender whether somebody else is in the sentence: the
  answer does not depend on which sentences were asked about before.

The plans are the fixture plans and the evaluation plans; all are invented.
"""

from __future__ import annotations

import pytest

from ehcp_lint.checks import _provision
from ehcp_lint.checks._identity import first_names
from ehcp_lint.checks._plan_text import blank_placeholders, child_names, sentence_spans
from ehcp_lint.checks._provision import (
    _CLINICAL_TASK,
    _DOSE,
    _ONE_OFF,
    ProvisionFacts,
    _recurring,
    facts_for_row,
    facts_for_text,
    has_duration,
    has_frequency,
    has_role,
    inline_fields,
)
from ehcp_lint.checks._prv010_rows import row_is_provision
from ehcp_lint.checks._text import row_cells
from ehcp_lint.checks.idn002_pronoun_change import _mentions_someone_else
from ehcp_lint.engine.rule import TextUnit
from ehcp_lint.engine.units import plan_units
from guard_texts import guard_plans

_PROVISION_SECTIONS = {"F", "G", "H1", "H2"}


def _provision_units() -> list[TextUnit]:
    out = []
    for plan in guard_plans():
        for unit in plan_units(plan):
            if unit.section is not None and unit.section.key in _PROVISION_SECTIONS:
                out.append(unit)
    return out


def _clear() -> None:
    for fn in (facts_for_text, _provision._facts_for_cells, has_frequency, has_duration, has_role):
        fn.cache_clear()


def _one_off_first(text: str) -> ProvisionFacts:
    """``facts_for_text`` as it was written before: the one-off question asked of every item."""
    fields = inline_fields(text)
    if fields:
        lead = text[: fields[0][2]]
        return facts_for_row([("", lead), *((label, value) for label, value, _, _ in fields)])
    one_off = bool(_ONE_OFF.search(text)) and not _recurring(text)
    return ProvisionFacts(
        has_frequency(text),
        has_duration(text) or one_off or bool(_DOSE.search(text) or _CLINICAL_TASK.search(text)),
        has_role(text),
    )


def test_remembered_text_facts_are_the_facts_worked_out_afresh() -> None:
    units = [u for u in _provision_units() if u.kind != "table_row"]
    assert len(units) > 50
    _clear()
    remembered = [facts_for_text(u.text) for u in units]
    again = [facts_for_text(u.text) for u in units]  # answered from the cache
    fresh = []
    for u in units:
        _clear()
        fresh.append(facts_for_text.__wrapped__(u.text))
    assert remembered == again == fresh
    assert [_one_off_first(u.text) for u in units] == fresh
    # the one-off reading matters somewhere in these plans, so the comparison is not idle
    assert any(_ONE_OFF.search(u.text) for u in units)


def test_remembered_row_facts_are_the_facts_worked_out_afresh() -> None:
    rows = [u for u in _provision_units() if u.kind == "table_row"]
    assert len(rows) > 50
    _clear()
    remembered = [facts_for_row(row_cells(u)) for u in rows]
    again = [facts_for_row(row_cells(u)) for u in rows]
    fresh = []
    for u in rows:
        _clear()
        fresh.append(_provision._facts_for_cells.__wrapped__(tuple(row_cells(u))))
    assert remembered == again == fresh
    assert any(f.missing() for f in fresh) and any(not f.missing() for f in fresh)


def test_row_questions_answer_the_same_in_either_order() -> None:
    rows = [u for u in _provision_units() if u.kind == "table_row"]
    _clear()
    provision_first = [(row_is_provision(u), facts_for_row(row_cells(u))) for u in rows]
    _clear()
    facts_first = [(facts_for_row(row_cells(u)), row_is_provision(u)) for u in rows]
    assert provision_first == [(p, f) for f, p in facts_first]


@pytest.mark.parametrize("gender", ["he", "she"])
def test_someone_else_in_a_sentence_does_not_depend_on_what_was_asked_before(gender: str) -> None:
    names = first_names()
    asked: list[tuple[set[str], str]] = []
    for plan in guard_plans():
        own = set(child_names(plan))
        for unit in plan_units(plan):
            text = blank_placeholders(unit.text)
            asked += [(own, text[s:e]) for s, e in sentence_spans(text)]
    assert len(asked) > 200
    in_order = [_mentions_someone_else(sentence, own, names, gender) for own, sentence in asked]
    backwards = [_mentions_someone_else(sentence, own, names, gender) for own, sentence in reversed(asked)]
    assert in_order == backwards[::-1]
    assert any(in_order) and not all(in_order)


def test_same_person_for_many_names_agrees_with_asking_one_at_a_time() -> None:
    """IDN001 filters the whole first-names lexicon against the child's names with one prepared test."""
    from ehcp_lint.checks._identity import is_same_person, same_person_as

    lexicon = sorted(first_names())
    for own in ({"Thomas"}, {"Al", "Alexander", "Smith"}, {"Jo"}, set(), {"Mary-Jane", "Jane"}):
        same = same_person_as(own)
        answers = [same(n) for n in [*lexicon, "Al", "Jo", "J", "", "Tom", "THOMAS", "thomasina", "jane"]]
        expected = [
            any(
                n.lower() == o.lower() or (len(n) >= 3 and (o.lower().startswith(n.lower()) or n.lower().startswith(o.lower())))
                for o in own
            )
            for n in [*lexicon, "Al", "Jo", "J", "", "Tom", "THOMAS", "thomasina", "jane"]
        ]
        assert answers == expected
        assert answers == [is_same_person(n, own) for n in [*lexicon, "Al", "Jo", "J", "", "Tom", "THOMAS", "thomasina", "jane"]]
        if own:
            assert any(answers)
