"""Who a plan is about: the child's names, other people's names, names used as subjects.

The identity rules look for copy-paste from another child's plan: a sentence
in B, E or F whose subject is "Ella" in Tom's plan, a "she" among "he"s, a
second date of birth. They share one reading of the plan:

* the child's names: the personal details; otherwise the plan's title or
  Section A ("Education, Health and Care Plan for Ayesha Khan", "Ayesha's
  views"); otherwise the name most sentences are about, when one name clearly
  dominates;
* names that belong to somebody else the plan introduces: written next to a
  role ("his sister Ella", "Mrs Ella Jones, SENCO"), given in the personal
  details, or listed in Section K;
* capitalised words standing as the subject of a sentence ("Ella will…",
  "Ella's reading…"), and whether such a word looks like a first name: it is
  in ``rules/lexicons/first_names.toml``, or it is not a known non-name word
  (``people.not_names``), the plan never writes it in lower case, and the plan
  never uses it for a school or place ("Oakfield Primary").

Answers are worked out once per plan: the three identity rules (and IDN101)
share them, and the expensive part (who else the plan introduces) is asked
only about the few names that could be another child's.

Being conservative is the point: a wrong accusation of a copy-paste error in a
child's legal document costs the caseworker's trust in every other finding.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from ehcp_lint import lexicons
from ehcp_lint.checks._deferred import deferred
from ehcp_lint.checks._plan_text import Terms, blank_placeholders, child_names, reading_units
from ehcp_lint.engine.plan_memos import per_plan_memo
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
#: A capitalised word standing as a subject: "Ella will", "Ella's reading". The capital comes
#: first and ``(?<!\w.)`` restates the ``\b`` before it, so the engine scans for a capital
#: rather than trying the pattern at every character (same matches, ~35% less time).
SUBJECT = re.compile(rf"(?P<name>[A-Z](?<!\w.)[a-z]+(?:-[A-Z][a-z]+)?)(?:['\u2019]s\b|\s+(?:{_VERBS})\b)")


@cache
def first_names() -> frozenset[str]:
    """The first-names lexicon: the hand list (``names``) and the generated list (``common``,
    ~7,600 names from ``tools/generate_first_names.py``: a hand list always misses the next
    spelling, "Maisy" beside "Maisie", found on the sixteenth held-out set). Loaded on the first
    identity question of a process, never by ``rules`` or ``--help``."""
    return frozenset(lexicons.words("first_names", "names")) | frozenset(lexicons.words("first_names", "common"))


@cache
def role_terms() -> Terms:
    return Terms(lexicons.words("people", "roles"))


@cache
def _titles() -> re.Pattern[str]:
    titles = "|".join(re.escape(t) for t in lexicons.words("people", "titles"))
    return re.compile(rf"\b(?:{titles})\.?\s*$")


@cache
def titled_name() -> re.Pattern[str]:
    """A title before a name anywhere in a text: "Mrs Dunn", "Dr. Shah"."""
    titles = "|".join(re.escape(t) for t in lexicons.words("people", "titles"))
    return re.compile(rf"\b(?:{titles})\.?\s+[A-Z]")


@cache
def not_names() -> frozenset[str]:
    return frozenset(lexicons.words("people", "not_names"))


#: Words after a name that make it a school, a place or a team rather than a person.
_PLACE_AFTER = deferred(
    r"\s+(?:Primary|Infant|Junior|Secondary|High|Academy|College|School|Nursery|Centre|Center|"
    r"Hospital|Clinic|Council|Trust|Road|Street|Lane|Park|House|Court|Hall|Farm|Surgery|Health|"
    r"Children's|Community|Family|Learning|Specialist|Special|Sixth|Campus|Service|Services|Team|"
    r"Unit|Base|Hub|Village|Town|City|District|County|Borough|Region|Church|Mosque|Library|Leisure|"
    r"Sports|FC|United)\b"
)


def names_a_place(ctx: RuleContext, plan: Plan, word: str) -> bool:
    """``word`` is not a first name and the plan uses it for a school, place or team ("Brookfield"
    beside "Brookfield Academy" in the personal details or Section I), so it is not a person.

    Asked by IDN002 of the few capitalised words inside sentences about the child that would
    otherwise be taken for somebody else (a failure mode found on the ninth held-out set: "Callum
    is worried about the crowds at Brookfield … if she misses the bell"). Each word is looked up
    once per plan (remembered in the plan's :class:`IdentityReading`), in the few texts where a
    plan names its school or setting in full: the personal details, the text before Section A and
    Section I (the placement).
    """
    if word in first_names():
        return False
    places = identity_reading(ctx).places
    found = places.get(word)
    if found is None:
        texts = [*plan.metadata.personal_details.values(), *(b.text for b in plan.front_matter)]
        placement = plan.section("I")
        if placement is not None:
            texts.append(placement.text)
        found = places[word] = any(word in t and _followed_by_place(t, word) for t in texts)
    return found


def _followed_by_place(text: str, word: str) -> bool:
    """``word`` stands as a whole word before a place word somewhere in ``text``. Found with
    ``str.find`` and the compiled ``_PLACE_AFTER`` at each occurrence: no pattern is compiled
    per word (compiling one with the place words costs more than the search)."""
    at = text.find(word)
    while at != -1:
        end = at + len(word)
        if (at == 0 or not text[at - 1].isalnum()) and _PLACE_AFTER.match(text, end) is not None:
            return True
        at = text.find(word, end)
    return False


def plausible_names(words: Iterable[str], text: str) -> set[str]:
    """The ``words`` that may be a person's first name in a plan whose text is ``text``.

    A word in the first-names lexicon always may. Any other capitalised word
    may when it is not a known non-name word, is at least three letters, is
    never written in lower case in the plan ("Reading" beside "reading") and is
    never followed by a place word ("Oakfield Primary", "Brook House").
    One pass over the text answers all the words at once.
    """
    known = first_names()
    out = {w for w in words if w in known}
    rest = {w for w in words if w not in known and w not in not_names() and len(w) >= 3 and not w.isupper()}
    if not rest:
        return out
    alternation = "|".join(sorted((re.escape(w) for w in rest), key=len, reverse=True))
    lower = "|".join(sorted((re.escape(w.lower()) for w in rest), key=len, reverse=True))
    seen_lower = {m.group(0) for m in re.finditer(rf"(?<![\w-])(?:{lower})(?![\w-])", text)}
    places = {m.group(1) for m in re.finditer(rf"\b({alternation})(?={_PLACE_AFTER.pattern})", text)}
    out.update(w for w in rest if w.lower() not in seen_lower and w not in places)
    return out


@dataclass(frozen=True, slots=True)
class Mention:
    """A capitalised word used as the subject of a sentence in one unit."""

    name: str
    unit: TextUnit
    start: int
    end: int
    #: What follows the name: "'s" or the verb ("will", "finds").
    follows: str = ""


#: A gendered pronoun in a text: its span, the word as written, and whether it is "he"/"him"/"his".
Pronoun = tuple[int, int, str, bool]
#: A capitalised subject word: the name, where it starts and ends, and the word after it ("'s", "will").
Subject = tuple[str, int, int, str]

#: "he", "him", "his", "himself", "she", "her", "hers", "herself" as whole words; group "male"
#: is set for the first four (only whether it is set counts). The word's first letter comes first
#: so that the engine scans for it (a pattern opening with ``\b`` is tried at every character);
#: ``(?<!\w.)`` restates that ``\b`` and ``(?<=h)`` / ``(?<=s)`` pick the words of each letter.
PRONOUN = deferred(r"[hs](?<!\w.)(?:(?<=h)(?P<male>e|im|is|imself)|(?<=s)he|(?<=h)(?:er|ers|erself))\b", re.I)
_FULL_NAME_BEFORE = deferred(r"[A-Z][a-z]+\s+$")
_SENTENCE_START_NAME_BEFORE = deferred(r"(?:^|[.!?:;]\s+)[A-Z][a-z]+\s+$")


class IdentityReading:
    """What the identity rules read in a plan's texts, each distinct text once.

    A plan repeats many texts (a grid's cells, a row read again for a list below
    it: ~800 texts to read, ~300 distinct on the 26-page plan), and IDN001,
    IDN002 and IDN101 each read them for the same things: placeholders blanked,
    capitalised subject words, gendered pronouns. Every answer here is a function
    of the text alone, so each is worked out the first time any rule asks and
    shared for the rest of the plan (:func:`identity_reading`).
    """

    __slots__ = ("_blanked", "_pronouns", "_raw_subjects", "_subjects", "places", "units")

    def __init__(self, units: object) -> None:
        self.units = units
        #: :func:`names_a_place`'s answers, word by word.
        self.places: dict[str, bool] = {}
        self._blanked: dict[str, str] = {}
        self._subjects: dict[str, tuple[Subject, ...]] = {}
        self._raw_subjects: dict[str, tuple[tuple[str, int], ...]] = {}
        self._pronouns: dict[str, tuple[Pronoun, ...]] = {}

    def blanked(self, text: str) -> str:
        """``text`` with template fields blanked (``_plan_text.blank_placeholders``)."""
        found = self._blanked.get(text)
        if found is None:
            found = self._blanked[text] = blank_placeholders(text) if may_hold_field(text) else text
        return found

    def subjects(self, blanked: str) -> tuple[Subject, ...]:
        """Capitalised subject words in a blanked text, full names ("Ella Smith will") left out."""
        found = self._subjects.get(blanked)
        if found is None:
            found = self._subjects[blanked] = tuple(_subjects(blanked))
        return found

    def subject_starts(self, blanked: str) -> tuple[tuple[str, int], ...]:
        """Every ``SUBJECT`` match in a blanked text, full names included: (name, start)."""
        found = self._raw_subjects.get(blanked)
        if found is None:
            found = self._raw_subjects[blanked] = tuple(
                (m.group("name"), m.start()) for m in SUBJECT.finditer(blanked)
            )
        return found

    def pronouns(self, blanked: str) -> tuple[Pronoun, ...]:
        """The gendered pronouns in a blanked text, in order."""
        found = self._pronouns.get(blanked)
        if found is None:
            found = self._pronouns[blanked] = tuple(
                (m.start(), m.end(), m.group(), m.group("male") is not None) for m in PRONOUN.finditer(blanked)
            )
        return found


#: What every template field ``blank_placeholders`` blanks holds, lower-cased: "{{ }}"/"{% %}",
#: "[insert ...]", "<name>", "xxx", "YES/NO". Most texts hold none of them.
_FIELD_HINTS = ("{", "[", "<", "xxx", "yes")


def may_hold_field(text: str) -> bool:
    """False only when ``blank_placeholders`` would return ``text`` unchanged.

    Asked with ``in`` on the lower-cased text when it is ASCII; any other text is
    blanked as before (case-insensitive matching folds letters such as the long s
    onto ASCII ones, which lower-casing does not).
    """
    if not text.isascii():
        return True
    lowered = text.lower()
    return any(hint in lowered for hint in _FIELD_HINTS)


def _subjects(text: str) -> Iterator[Subject]:
    for m in SUBJECT.finditer(text):
        # "Ella Smith will…" is a full name: an adult or someone the plan introduces.
        before = text[max(0, m.start() - 25) : m.start()]
        if _FULL_NAME_BEFORE.search(before) and not _SENTENCE_START_NAME_BEFORE.search(before):
            continue
        follows = text[m.end("name") : m.end()].strip().lower().replace("\u2019", "'")
        yield m.group("name"), m.start("name"), m.end("name"), follows


#: The last plan's answers: IDN001, IDN002 and IDN101 (when linting, then when collecting
#: for the batch) ask the same questions of the same plan. One plan only, never kept longer.
_LAST_MENTIONS: tuple[object, tuple[str, ...], list[Mention]] | None = None
_LAST_OTHERS: tuple[Plan, frozenset[str]] | None = None
_LAST_READING: IdentityReading | None = None


def identity_reading(ctx: RuleContext) -> IdentityReading:
    """The plan's :class:`IdentityReading`, made when a rule first asks (one plan at a time)."""
    global _LAST_READING
    reading = _LAST_READING
    if reading is None or reading.units is not ctx.units:
        reading = _LAST_READING = IdentityReading(ctx.units)
    return reading


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
    reading = identity_reading(ctx)
    for unit in reading_units(ctx, keys):
        for name, start, end, follows in reading.subjects(reading.blanked(unit.text)):
            yield Mention(name, unit, start, end, follows)


_WORD_BEFORE = deferred(r"[\w'\u2019-]+")
_CLAUSE_ENDS = deferred(r"[,.;:]\s*$")
_APPOSITION = deferred(r"^(?:\s+[A-Z][a-z]+)?\s*(?:\(|,|\u2013|-)\s*((?:[\w'\u2019-]+\s*){1,4})")


def _has_role_nearby(text: str, start: int, end: int) -> bool:
    """ "his sister Ella", "Mrs Ella Jones", "Ella (sister)", "Ella, his key worker"."""
    before = text[max(0, start - 40) : start]
    if _titles().search(before):
        return True
    words_before = _WORD_BEFORE.findall(before)[-2:]
    if words_before and role_terms().search(" ".join(words_before)):
        if not _CLAUSE_ENDS.search(before):
            return True
        # "his younger sister, Anika, aged 9": a name set off by commas right after a role is that
        # person (a sister named in B, met again in H2, was taken for a pasted name on the
        # sixteenth round); "with his sister, Ella will…" (no closing comma) still is not.
        if before.rstrip().endswith(",") and text[end : end + 1] in (",", ")"):
            return True
    after = text[end : end + 50]
    apposition = _APPOSITION.match(after)
    return bool(apposition and role_terms().search(apposition.group(1)))


@lru_cache(maxsize=4096)
def _named_with_a_role(text: str) -> frozenset[str]:
    """Every capitalised word of ``text`` that has a role or title beside it.

    Remembered per text: a plan repeats many texts (a row's cells, headings) and a batch
    repeats a template's across plans, and IDN101 asks this of every block of every plan.
    """
    return frozenset(
        m.group(0) for m in _WORD.finditer(text) if _has_role_nearby(text, m.start(), m.end())
    )


def other_people(plan: Plan) -> set[str]:
    """First names the plan gives to somebody other than the child (worked out once per plan)."""
    global _LAST_OTHERS
    last = _LAST_OTHERS
    if last is not None and last[0] is plan:
        return set(last[1])
    names = _other_people(plan, None)
    _LAST_OTHERS = (plan, frozenset(names))
    return names


def introduced(plan: Plan, names: Iterable[str]) -> set[str]:
    """Which of ``names`` the plan gives to somebody other than the child.

    The same answer as ``other_people(plan) & names``, but only the texts that
    hold one of ``names`` are read closely: IDN001 asks about a handful of
    names, while a plan has thousands of capitalised words.
    """
    wanted = frozenset(names)
    if not wanted:
        return set()
    last = _LAST_OTHERS
    if last is not None and last[0] is plan:
        return set(last[1] & wanted)
    return _other_people(plan, wanted)


_WORD = deferred(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b")


def _other_people(plan: Plan, wanted: frozenset[str] | None) -> set[str]:
    names: set[str] = set()
    own = set(child_names(plan))

    def keep(word: str) -> bool:
        return wanted is None or word in wanted

    for label, value in plan.metadata.personal_details.items():
        if re.search(r"\bname\b", label, re.I) and re.search(r"child|young person|pupil|^name$|full name", label, re.I):
            continue
        names.update(w for w in _WORD.findall(value) if w not in own and keep(w))
    k = plan.section("K")
    if k is not None:
        names.update(w for w in _WORD.findall(k.text) if keep(w))
    finder = _WORD
    if wanted is not None:
        finder = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, wanted), key=len, reverse=True)) + r")\b")
    for _, block in plan.blocks():
        texts = [block.text]
        if block.table is not None:
            texts = [c.text for row in block.table.rows for c in row.cells]
        for text in texts:
            if wanted is None:
                names.update(_named_with_a_role(text) - own)
                continue
            for m in finder.finditer(text):
                if m.group(0) in own:
                    continue
                if _has_role_nearby(text, m.start(), m.end()):
                    names.add(m.group(0))
    return names


#: "Education, Health and Care Plan for Ayesha Khan", "EHC plan: Ayesha Khan", "About Ayesha",
#: "Ayesha's views", "All about me - Ayesha".
_TITLE_NAME = deferred(
    r"\b(?:plan|EHCP)\s*(?:for|of|[:\-\u2013])\s*(?P<a>[A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b"
    r"|^\s*(?:all\s+)?about\s+(?:me\s*[:\-\u2013]\s*)?(?P<b>[A-Z][a-z]+(?:-[A-Z][a-z]+)?)\s*$"
    r"|^\s*(?P<c>[A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?:\s+[A-Z][a-z]+)?['\u2019]s?\s+(?:views|plan|story|voice|"
    r"profile|one[- ]page profile|interests|aspirations|hopes|wishes|own words|history)\b",
    re.IGNORECASE,
)


def title_names(plan: Plan) -> set[str]:
    """The child's first name as the plan's title or Section A's headings give it."""
    texts = [b.text for b in plan.front_matter[:6]]
    texts += [s.title for s in plan.sections]
    a = plan.section("A")
    if a is not None:
        texts += [b.text for b in a.blocks[:12] if len(b.text) < 120]
    found: set[str] = set()
    for text in texts:
        for line in text.splitlines()[:3]:
            m = _TITLE_NAME.search(line)
            if m is None:
                continue
            name = m.group("a") or m.group("b") or m.group("c")
            if name and name[0].isupper() and name not in not_names() and name.lower() not in _TITLE_STOP:
                found.add(name)
    if len(found) == 1:
        return found
    return set()


#: Words the title patterns may catch that are not a name ("Plan for Education", "My views").
_TITLE_STOP = frozenset(
    {"the", "a", "an", "my", "our", "your", "child", "children", "young", "person", "pupil", "parent",
     "parents", "family", "education", "health", "care", "special", "review", "annual", "me",
     "section", "learner", "student", "name", "his", "her", "their"}
)


def child_identity(plan: Plan, mentions: list[Mention]) -> set[str]:
    """The names the child goes by: the personal details, else the plan's title or Section A's
    headings, else a clearly dominant subject name.

    Returns an empty set when none of them tells who the plan is about.
    """
    names = set(child_names(plan))
    if names:
        return names
    titled = title_names(plan)
    if titled:
        return titled
    counts = Counter(m.name for m in mentions)
    if not counts:
        return set()
    plausible = plausible_names([n for n, c in counts.items() if c >= 3], _plan_text(plan))
    ranked = [(n, c) for n, c in counts.most_common() if n in plausible][:1]
    if not ranked:
        return set()
    top, n = ranked[0]
    rivals = plausible | first_names()
    runner_up = max((c for name, c in counts.items() if name != top and name in rivals), default=0)
    if n >= 3 and n >= 3 * max(runner_up, 1):
        return {top}
    return set()


_LAST_TEXT: tuple[Plan, str] | None = None


@per_plan_memo
def _forget_plan() -> None:
    """The plan is done: let its mentions, other people, text and reading go (see engine.plan_memos)."""
    global _LAST_MENTIONS, _LAST_OTHERS, _LAST_TEXT, _LAST_READING
    _LAST_MENTIONS = _LAST_OTHERS = _LAST_TEXT = _LAST_READING = None


def _plan_text(plan: Plan) -> str:
    """The plan's whole text, joined once per plan."""
    global _LAST_TEXT
    last = _LAST_TEXT
    if last is not None and last[0] is plan:
        return last[1]
    text = plan.text
    _LAST_TEXT = (plan, text)
    return text


def plan_text(plan: Plan) -> str:
    return _plan_text(plan)


def is_same_person(name: str, own: set[str]) -> bool:
    """A short form of the child's name ("Tom" for "Thomas", "Alex" for "Alexander")."""
    lowered = name.lower()
    if len(name) >= 3:
        for o in own:
            form = o.lower()
            if lowered == form or form.startswith(lowered) or lowered.startswith(form):
                return True
        return False
    return any(lowered == o.lower() for o in own)


def same_person_as(own: Iterable[str]) -> Callable[[str], bool]:
    """:func:`is_same_person` for one set of the child's names, asked of many names (a whole
    first-names lexicon): the child's names are lower-cased once, not once per name asked."""
    forms = tuple(o.lower() for o in own)

    def same(name: str) -> bool:
        lowered = name.lower()
        if len(name) >= 3:
            return any(lowered == o or o.startswith(lowered) or lowered.startswith(o) for o in forms)
        return lowered in forms

    return same
