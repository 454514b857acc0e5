"""Who a plan is about: the child's names, other people's names, names used as subjects.

The identity rules look for copy-paste from another child's plan: a sentence
in B, E or F whose subject is "Ella" in Tom's plan, a "she" among "he"s, a
second date of birth. They share one reading of the plan:

* the child's names (personal details; otherwise the name most sentences are
  about, when one name clearly dominates);
* names that belong to somebody else the plan introduces: written next to a
  role ("his sister Ella", "Mrs Ella Jones, SENCO"), given in the personal
  details, or listed in Section K;
* capitalised words standing as the subject of a sentence ("Ella will…",
  "Ella's reading…").

Being conservative is the point: a wrong accusation of a copy-paste error in a
child's legal document costs the caseworker's trust in every other finding.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from ehcp_lint import lexicons
from ehcp_lint.checks._plan_text import Terms, blank_placeholders, child_names, reading_units
from ehcp_lint.engine.rule import RuleContext, TextUnit
from ehcp_lint.model import Plan

#: Sections whose sentences are about the child's needs, outcomes and provision.
CONTENT_SECTIONS: tuple[str, ...] = ("B", "C", "D", "E", "F", "G", "H1", "H2", "H")

_VERBS = (
    r"will|can|cannot|can't|could|would|should|may|might|must|finds|found|needs|needed|has|had|is|was|"
    r"does|did|doesn't|isn't|struggles|struggled|enjoys|enjoyed|likes|loves|uses|used|requires|benefits|"
    r"prefers|responds|becomes|gets|wants|reads|writes|attends|communicates|understands|shows|seems|"
    r"appears|tends|often|sometimes|usually|currently|already|also|still|continues|works|learns|plays|"
    r"says|said|told|knows|becomes|manages|copes|avoids|refuses|takes|makes|goes|sees|tries|shouts|"
    r"runs|hits|cries|sits|stays|remains|recognises|counts|speaks|talks|follows|listens|joins|asks|"
    r"loses|forgets|remembers|wears|walks|moves|eats|sleeps|engages|participates|completes|spells|"
    r"writes|draws|relies|lacks|gives|becomes|feels|worries|presents|demonstrates|achieved|achieves|"
    r"made|makes|has been|will be|is able|was able|lives|loved|liked|enjoyed|struggled|started|"
    r"joined|left|moved|attended|received|receives|currently"
)
#: A capitalised word standing as a subject: "Ella will", "Ella's reading".
SUBJECT = re.compile(rf"\b(?P<name>[A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?:['\u2019]s\b|\s+(?:{_VERBS})\b)")


@cache
def first_names() -> frozenset[str]:
    return frozenset(lexicons.words("first_names", "names"))


@cache
def role_terms() -> Terms:
    return Terms(lexicons.words("people", "roles"))


@cache
def _titles() -> re.Pattern[str]:
    titles = "|".join(re.escape(t) for t in lexicons.words("people", "titles"))
    return re.compile(rf"\b(?:{titles})\.?\s*$")


@dataclass(frozen=True, slots=True)
class Mention:
    """A capitalised word used as the subject of a sentence in one unit."""

    name: str
    unit: TextUnit
    start: int
    end: int


#: The last plan's answers: IDN001, IDN002 and IDN101 (when linting, then when collecting
#: for the batch) ask the same questions of the same plan. One plan only, never kept longer.
_LAST_MENTIONS: tuple[object, tuple[str, ...], list[Mention]] | None = None
_LAST_OTHERS: tuple[Plan, frozenset[str]] | None = None


def subject_mentions(ctx: RuleContext, keys: Iterable[str] = CONTENT_SECTIONS) -> Iterator[Mention]:
    """Every capitalised subject word in the given sections, in plan order."""
    global _LAST_MENTIONS
    wanted = tuple(keys)
    last = _LAST_MENTIONS
    if last is not None and last[0] is ctx.units and last[1] == wanted:
        return iter(last[2])
    found = list(_subject_mentions(ctx, wanted))
    _LAST_MENTIONS = (ctx.units, wanted, found)
    return iter(found)


def _subject_mentions(ctx: RuleContext, keys: tuple[str, ...]) -> Iterator[Mention]:
    for unit in reading_units(ctx, keys):
        text = blank_placeholders(unit.text)
        for m in SUBJECT.finditer(text):
            # "Ella Smith will…" is a full name: an adult or someone the plan introduces.
            before = text[max(0, m.start() - 25) : m.start()]
            if re.search(r"[A-Z][a-z]+\s+$", before) and not re.search(r"(?:^|[.!?:;]\s+)[A-Z][a-z]+\s+$", before):
                continue
            yield Mention(m.group("name"), unit, m.start("name"), m.end("name"))


def _has_role_nearby(text: str, start: int, end: int) -> bool:
    """ "his sister Ella", "Mrs Ella Jones", "Ella (sister)", "Ella, his key worker"."""
    before = text[max(0, start - 40) : start]
    if _titles().search(before):
        return True
    words_before = re.findall(r"[\w'\u2019-]+", before)[-2:]
    if words_before and role_terms().search(" ".join(words_before)) and not re.search(r"[,.;:]\s*$", before):
        return True
    after = text[end : end + 50]
    apposition = re.match(r"^(?:\s+[A-Z][a-z]+)?\s*(?:\(|,|\u2013|-)\s*((?:[\w'\u2019-]+\s*){1,4})", after)
    return bool(apposition and role_terms().search(apposition.group(1)))


def other_people(plan: Plan) -> set[str]:
    """First names the plan gives to somebody other than the child (worked out once per plan)."""
    global _LAST_OTHERS
    last = _LAST_OTHERS
    if last is not None and last[0] is plan:
        return set(last[1])
    names = _other_people(plan)
    _LAST_OTHERS = (plan, frozenset(names))
    return names


def _other_people(plan: Plan) -> set[str]:
    names: set[str] = set()
    word = re.compile(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b")
    own = set(child_names(plan))
    for label, value in plan.metadata.personal_details.items():
        if re.search(r"\bname\b", label, re.I) and re.search(r"child|young person|pupil|^name$|full name", label, re.I):
            continue
        names.update(w for w in word.findall(value) if w not in own)
    k = plan.section("K")
    if k is not None:
        names.update(word.findall(k.text))
    for _, block in plan.blocks():
        texts = [block.text]
        if block.table is not None:
            texts = [c.text for row in block.table.rows for c in row.cells]
        for text in texts:
            for m in word.finditer(text):
                if m.group(0) in own:
                    continue
                if _has_role_nearby(text, m.start(), m.end()):
                    names.add(m.group(0))
    return names


def child_identity(plan: Plan, mentions: list[Mention]) -> set[str]:
    """The names the child goes by: the personal details, else a clearly dominant subject name.

    Returns an empty set when neither tells who the plan is about.
    """
    names = set(child_names(plan))
    if names:
        return names
    counts = Counter(m.name for m in mentions if m.name in first_names())
    ranked = counts.most_common(2)
    if not ranked:
        return set()
    top, n = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    if n >= 3 and n >= 3 * max(runner_up, 1):
        return {top}
    return set()


def is_same_person(name: str, own: set[str]) -> bool:
    """A short form of the child's name ("Tom" for "Thomas", "Alex" for "Alexander")."""
    lowered = name.lower()
    return any(
        lowered == o.lower() or (len(name) >= 3 and (o.lower().startswith(lowered) or lowered.startswith(o.lower())))
        for o in own
    )
