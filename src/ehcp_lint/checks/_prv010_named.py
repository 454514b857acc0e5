"""Staff the plan names with a title and a role, for PRV010 (who delivers the provision).

A plan often gives a member of staff's role once ("her key person, Mrs Jo Pellow (an early years
practitioner)", "Mr Dale, his form tutor", or in Section K's advice list "Mrs Jo Pellow, key person,
<setting>") and then calls them by title and surname ("Mrs Pellow will stay with her ...", "led by
Mrs Pellow"). A QA officer reads the later item as delivered by that key person: the role given
elsewhere answers who, as a key adult defined once answers for "her key adult" (found on the
forty-first held-out set). A titled name the plan never gives a role ("Mrs Hart will support her")
still says nobody's role, qualification or training, so it does not answer who.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from ehcp_lint import lexicons
from ehcp_lint.checks._deferred import deferred
from ehcp_lint.checks._provision import has_role
from ehcp_lint.engine.plan_memos import OncePerPlan

#: Where a plan gives staff their roles: the provision sections and the list of advice in K.
_ROLE_SECTIONS = frozenset({"F", "G", "H1", "H2", "H", "K"})

#: Words that end a role written before a name: "set his targets with Mrs Pellow", "led by Mrs
#: Pellow", "the therapist will see Mrs Tull" name somebody, but not as the role before them.
_NOT_A_ROLE_WORD = frozenset(
    {
        "will", "would", "shall", "should", "can", "could", "may", "might", "must", "with", "and", "or", "by",
        "to", "for", "from", "of", "at", "in", "on", "is", "are", "was", "were", "be", "been", "has", "have",
        "had", "who", "that", "than", "as", "also", "then", "when", "if", "see", "sees", "meet", "meets",
        "visit", "visits", "tell", "tells", "ask", "asks", "give", "gives", "led", "run", "delivered",
    }
)

#: The words just before a name, up to four.
_WORDS_BEFORE = deferred(r"((?:[\w'’-]+\s+){0,3}[\w'’-]+)\s*[,(]?\s*$")
#: A role set off right after a name: "Mrs Tull (an early years practitioner)", "Mr Dale, his form
#: tutor", "Mrs Jo Pellow, key person, <setting>", "Ms Hollis – the learning mentor", "Mrs Kaur, who
#: is a teaching assistant".
_ROLE_AFTER = deferred(
    r"\s*(?:,|\(|–|—|\s-)\s*(?:who\s+is\s+|who\s+works\s+as\s+)?(?!\s*(?:and|or|with|will|who|to|by)\b)"
    r"([^,;.()\n|]{1,80})"
)


@cache
def _titled_name() -> re.Pattern[str]:
    """A title, an optional first name or initials, and the surname: "Mrs Pellow", "Mrs Jo Pellow",
    "Dr R. Iqbal". The surname is the group."""
    titles = "|".join(re.escape(t) for t in lexicons.words("people", "titles"))
    return re.compile(
        rf"\b(?:{titles})\.?\s+(?:[A-Z]\.\s*)*(?:[A-Z][a-z][\w'’-]*\s+(?=[A-Z]))?([A-Z][\w'’-]*[a-z][\w'’-]*)"
    )


def may_name_titled_person(text: str) -> bool:
    """Cheap literal test: whether ``text`` can hold a title before a name ("Mrs", "Mr", "Ms", "Dr")."""
    return "Mr" in text or "Ms" in text or "Dr" in text or "Miss" in text or "Mx" in text or "Prof" in text


def _role_before(text: str, start: int) -> bool:
    """Whether a role stands right before the name at ``start`` ("her key person, Mrs ...")."""
    m = _WORDS_BEFORE.search(text, max(0, start - 60), start)
    if m is None:
        return False
    words = m.group(1).split()
    for i in range(len(words) - 1, -1, -1):
        if words[i].lower() in _NOT_A_ROLE_WORD:
            words = words[i + 1 :]
            break
    return bool(words) and has_role(" ".join(words))


def _role_after(text: str, end: int) -> bool:
    """Whether a role is set off right after the name ending at ``end`` ("Mrs Tull (an early years
    practitioner)", "Mrs Jo Pellow, key person, ...")."""
    m = _ROLE_AFTER.match(text, end)
    return m is not None and has_role(" ".join(m.group(1).split()[:6]))


def surnames_with_roles(text: str) -> set[str]:
    """The surnames of titled people ``text`` gives a role beside their name."""
    found: set[str] = set()
    for m in _titled_name().finditer(text):
        if _role_after(text, m.end()) or _role_before(text, m.start()):
            found.add(m.group(1))
    return found


def _read_staff_with_roles(units: list[Any]) -> frozenset[str]:
    """The surnames of titled people the plan gives a role in F, G, H or K."""
    found: set[str] = set()
    for unit in units:
        if unit.section_key in _ROLE_SECTIONS and may_name_titled_person(unit.text):
            found |= surnames_with_roles(unit.text)
    return frozenset(found)


#: Worked out once per plan (see engine.plan_memos).
_staff_with_roles = OncePerPlan(_read_staff_with_roles)


def named_staff_answers_who(text: str, units: list[Any]) -> bool:
    """Whether ``text`` names by title and surname somebody the plan gives a role elsewhere ("Mrs
    Pellow will ..." after "her key person, Mrs Jo Pellow (an early years practitioner)"). Asked only
    of an item about to be reported for a missing who."""
    if not may_name_titled_person(text):
        return False
    named = {m.group(1) for m in _titled_name().finditer(text)}
    if not named:
        return False
    return not named.isdisjoint(_staff_with_roles(units))
