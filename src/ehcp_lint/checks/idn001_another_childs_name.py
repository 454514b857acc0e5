"""IDN001 another-childs-name: a name that is not the child's is the subject of a need or provision."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from functools import cache, lru_cache

from ehcp_lint.checks._deferred import deferred
from ehcp_lint.checks._identity import (
    Mention,
    child_identity,
    first_names,
    introduced,
    is_same_person,
    plan_text,
    plausible_names,
    role_terms,
    same_person_as,
    subject_mentions,
)
from ehcp_lint.checks._plan_text import display_name, sentence_around
from ehcp_lint.engine.nlp import lemma_lookup
from ehcp_lint.engine.rule import Example, Hit, Rule, RuleContext, RuleDoc, Scope
from ehcp_lint.model import Plan
from ehcp_lint.report import Severity

_POOR = """| Name | Tom Avery |
|---|---|
| Year group | Year 4 |

# Section B: Special educational needs
Tom reads about two years below his age. Tom finds it hard to copy from the board.
# Section F: Special educational provision
A teaching assistant will read with Tom for 15 minutes every day. Ella will use a writing slope in every lesson.
"""

_BETTER = """| Name | Tom Avery |
|---|---|
| Year group | Year 4 |

# Section B: Special educational needs
Tom reads about two years below his age. Tom finds it hard to copy from the board.
# Section F: Special educational provision
A teaching assistant will read with Tom for 15 minutes every day. Tom will use a writing slope in every lesson.
"""


#: What must follow a name that is not in the first-names lexicon for it to be read as a child:
#: a possessive, or a verb about a child's needs, feelings or learning ("finds", "struggles",
#: "will need"). "Oakfield will provide…" (a school) and "Lexia will run…" do not count.
_PERSON_FOLLOWS = deferred(
    r"^(?:'s|finds|found|needs|needed|struggles|struggled|enjoys|enjoyed|likes|liked|loves|loved|wants|"
    r"feels|becomes|worries|cries|cannot|can't|reads|writes|speaks|talks|communicates|understands|"
    r"learns|plays|prefers|shouts|runs|hits|sits|copes|manages|avoids|refuses|forgets|remembers|"
    r"lives|recognises|counts|spells|draws|relies)$"
)


#: Sections where a name after a provision verb or preposition is the child the item is for.
_PROVISION_KEYS = ("E", "F", "G", "H1", "H2", "H")
#: A first name as the object of an item ("will scribe for Jessica", "work with Jessica", "support
#: Jessica"): in outcomes and provision that is who the item is for. Not a full name ("with Jessica
#: Hart", an adult) and not a possessive ("with Jessica's mother", someone else). Verbs of a
#: professional's visit count too ("observe Maisie in class", "monitor Maisie at lunch"): an item
#: from another child's plan left in a specialist teacher's row (missed on the thirteenth held-out set).
#: Verbs that grant the child something ("let Maisie leave early", "allow Maisie to stand", "ask
#: Maisie to choose") put the name where the child is too (missed on the twenty-seventh held-out set).
#: The capital comes first and ``(?<=\s.)`` restates the look-behind before it, so the regex engine
#: scans for a capital rather than trying the look-behind at every character (same matches).
_CAPITALISED = deferred(r"(?P<name>[A-Z](?<=\s.)[a-z]+(?:-[A-Z][a-z]+)?)\b(?!['\u2019]s\b|\s+[A-Z])")
_CAPITALISED_PLAIN = deferred(r"(?<=\s)(?P<name>[A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b(?!['\u2019]s\b|\s+[A-Z])")
_OBJECT_BEFORE = deferred(
    r"\b(?:for|with|to|beside|alongside|next to|support|supports|help|helps|give|gives|show|shows|teach|teaches"
    r"|prompt|prompts|remind|reminds|encourage|encourages|take|takes|meet|meets|see|sees|assess|assesses"
    r"|collect|collects|escort|escorts|supervise|supervises"
    r"|observe|observes|monitor|monitors|coach|coaches|praise|praises|reassure|reassures|greet|greets"
    r"|prepare|prepares|seat|seats|guide|guides"
    r"|let|lets|allow|allows|enable|enables|ask|asks|tell|tells|invite|invites|release|releases"
    r"|accompany|accompanies|walk|walks)\s+$"
)
#: Training, supervision or induction "for" a name is for an adult who works with the child
#: ("Training for Jodie on attention autism", "termly supervision for Sam from the educational
#: psychologist"): a name there is staff, not another child's. Only training that opens the
#: sentence or is staff's own ("staff", "refresher", "annual" …): "travel training for Mia",
#: "toilet training for Mia" are the child's and stay read as before.
_STAFF_LEARNING_BEFORE = deferred(
    r"(?:^|[.;:(•–-]\s*|\b(?:and|with|including|plus|staff|further|refresher|annual|termly|initial|specialist"
    r"|the)\s+)(?:training|supervision|induction|CPD)\s+(?:for|to)\s+$",
    re.IGNORECASE,
)


def _object_and_need_mentions(ctx: RuleContext, own: set[str]) -> tuple[list[Mention], list[Mention]]:
    """First names (from the lexicon only, not the child's own) that an outcome or provision item
    is for (``_OBJECT_BEFORE``), and that open a need sentence in B, C or D (``_NAME_THEN_VERB``).

    Capitalised words are found first and looked up in the lexicon; only another name is asked
    what stands before it, which keeps the scan of every B-H text cheap. Whether a lexicon name is
    the child's own is asked of the few names the plan writes, once each, not of the whole lexicon.
    One pass over the plan's units answers both questions (walking the units costs more than
    either scan).
    """
    lexicon = first_names()
    same = same_person_as(own)
    other: dict[str, bool] = {}

    def is_other(name: str) -> bool:
        known = other.get(name)
        if known is None:
            known = other[name] = name in lexicon and not same(name)
        return known

    objects: list[Mention] = []
    needs: list[Mention] = []
    found: dict[str, list[tuple[str, int, int]]] = {}  # a plan repeats many texts: each is read once
    found_needs: dict[str, list[tuple[str, int, int]]] = {}
    for unit in ctx.units:  # ``reading_units`` by hand: each unit's section is asked once
        if unit.kind not in _READ_KINDS:
            continue
        key = unit.section_key
        text = unit.text
        if key in _NEED_KEYS:
            spans = found_needs.get(text)
            if spans is None:
                spans = found_needs[text] = _need_subjects(text, is_other, same)
            if spans:
                needs.extend(Mention(name, unit, start, end, "verb") for name, start, end in spans)
            continue
        if key not in _PROVISION_KEYS:
            continue
        spans = found.get(text)
        if spans is None:
            spans = found[text] = [
                (m.group("name"), m.start(), m.end("name"))
                for m in _CAPITALISED.finditer(text)
                if is_other(m.group("name"))
                and _OBJECT_BEFORE.search(text, max(0, m.start() - 20), m.start())
                and not _STAFF_LEARNING_BEFORE.search(text, max(0, m.start() - 40), m.start())
            ]
        if spans:
            objects.extend(Mention(name, unit, start, end, "object") for name, start, end in spans)
    return objects, needs


#: Sections whose sentences describe the child's needs: a need sentence opens with the child's name.
_NEED_KEYS = ("B", "C", "D")
#: The unit kinds ``_plan_text.reading_units`` reads: each piece of text once.
_READ_KINDS = ("paragraph", "list_item", "table_cell")
#: A capitalised word standing first (nothing but space before it) and followed by a present-tense
#: verb ending in -s ("Maddie holds her pencil", "Ruby complains of"). ``(?<!\S.)`` after the
#: capital says the character before it is a space or the text's start, so the engine scans for
#: capitals. Whether the word opens a sentence is asked only of names in the lexicon.
_NAME_THEN_VERB = deferred(r"(?P<name>[A-Z](?<!\S.)[a-z]+(?:-[A-Z][a-z]+)?)[ \t]+[a-z]{2,}s\b")
_SENTENCE_ENDS = frozenset(".!?:;")


def _need_subjects(
    text: str, is_other: Callable[[str], bool], same: Callable[[str], bool]
) -> list[tuple[str, int, int]]:
    """First names (lexicon only, not the child's) opening a sentence of a need description as its
    subject with a present-tense verb ("Maddie holds her pencil in a fist grip").

    ``SUBJECT`` knows a fixed list of verbs ("finds", "needs", "will"); a need description may use
    any verb ("holds", "complains", "grips"), and where the child's name opens a sentence about
    their needs, another child's name there is pasted text all the same (missed on the fifteenth
    held-out set). A sentence that also names the child ("Maddie holds Bex's hand at break") is
    about somebody beside the child and does not count. Lexicon names only: a programme or a place
    opening a sentence ("Lexia helps", "Oakfield provides") is not a child.
    """
    spans: list[tuple[str, int, int]] = []
    for m in _NAME_THEN_VERB.finditer(text):
        name = m.group("name")
        if not is_other(name):
            continue
        start = m.start()
        before = text[:start].rstrip()
        if before and before[-1] not in _SENTENCE_ENDS:
            continue
        s, e = sentence_around(text, start)
        if any(same(w) for w in _WORD.findall(text, s, e) if w != name):
            continue
        spans.append((name, start, m.end("name")))
    return spans


def _name_uses(plan: Plan, own: set[str]) -> int:
    """How often the child's own single-word names appear anywhere in the plan.

    Subject mentions alone undercount a plan whose items name the child as the object ("teach
    Zain 1:1 phonics", "read questions to Zain"): a pasted-in name used twice then looked as
    common as the child's own (missed on the sixth held-out set).
    """
    words = sorted({o for o in own if " " not in o and len(o) >= 2}, key=len, reverse=True)
    if not words:
        return 0
    return len(_names_pattern(tuple(words)).findall(plan_text(plan)))


@lru_cache(maxsize=64)
def _names_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    r"""``\b(?:Reuben|Tregenza)\b`` for the whole plan's text, written so the regex engine scans for
    the names' first letters: a name opening with a word character gets ``(?<!\w.)`` after that
    letter for the ``\b`` before it (same matches; a leading ``\b`` is tried at every character)."""
    if all(_WORD_START.match(w) for w in words):
        body = "|".join(re.escape(w[0]) + r"(?<!\w.)" + re.escape(w[1:]) for w in words)
        return re.compile(r"(?:" + body + r")\b")
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")


_WORD_START = deferred(r"\w")


#: The words after a possessive that make its owner somebody in the child's life, not the child:
#: "Maria's family", "Ben's mum" (role words from the people lexicon, and a household).
_HOUSEHOLD_AFTER = deferred(r"\s+(?:family|household|home|house)\b", re.I)
_WORD = deferred(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?")


def _english_word(word: str) -> bool:
    """``word`` lower-cased is an ordinary English word (a form or a lemma in spaCy's lemma lookup
    table): "Employer's feedback", "Manager's report", "Coach finds" open a cell or a sentence with
    a common noun, not a child. Asked only of capitalised words outside the first-names lexicon
    written as a child is written (a possessive or a child's verb); the lexicon was built with the
    same filter (``tools/generate_first_names.py``), so a name the lexicon knows is never asked.
    A table-cell possessive of a common noun was taken for another child on the nineteenth
    held-out set."""
    return word.lower() in _english_words()


@cache
def _english_words() -> frozenset[str]:
    """Every form and lemma of the lemma lookup table, once per process (the table itself is
    already loaded by the shared pipeline); empty when the lookups data is missing."""
    try:
        table = lemma_lookup()
    except (KeyError, ValueError, OSError, ImportError):
        return frozenset()
    return frozenset(table) | frozenset(table.values())


def _owner_of_someone_else(m: Mention, own: set[str]) -> bool:
    """ "Maria's family look after Tom on Fridays": a possessive name owning a relation or role
    ("Maria's mum", "Maria's family") in a sentence that names the child as well is another person
    (a friend, a neighbour) beside the child, not the child under another name. Without the
    child's name in the sentence ("Maria's mum says she sleeps badly") it may still be pasted.
    """
    if m.follows not in ("'s", "\u2019s"):
        return False
    text = m.unit.text
    after = m.end + 2
    relation = _HOUSEHOLD_AFTER.match(text, after)
    if relation is None:
        hit = next(iter(role_terms().finditer(text[after : after + 30])), None)
        if hit is None or text[after : after + hit.start].strip():
            return False
    start, end = sentence_around(text, m.start)
    return any(is_same_person(w, own) for w in _WORD.findall(text[start:end]) if w != m.name)


def _beside_the_child(m: Mention, own: set[str]) -> bool:
    """ "Lizzie walks Freya to the lunch hall": a name acting on the child, in a sentence that
    names the child too, is somebody beside the child (a friend), not the child under another name.
    Possessives are left to ``_owner_of_someone_else`` ("Maria's spelling … Tom" may be pasted)."""
    if m.follows in ("'s", "\u2019s"):
        return False
    text = m.unit.text
    start, end = sentence_around(text, m.start)
    child_words = [w for w in _WORD.finditer(text, start, end) if w.group() != m.name and is_same_person(w.group(), own)]
    if not child_words:
        return False
    if m.unit.section_key in _PROVISION_KEYS and _RECEIVES.match(text, m.end):
        # the name receives the provision or achieves the outcome: only a child named beside it as
        # a fellow recipient or the object of the item makes it somebody beside the child
        return any(_alongside(text, w.start(), w.end()) for w in child_words)
    return True


#: A provision or outcome item whose subject receives it: "<name> will have", "will receive",
#: "will attend", "will be given", "will access". In E-H the one who receives is the child: a name
#: there that is not the child's, with the child named only later in the sentence ("… to look at
#: work <child> has finished"), is another child's (missed on the thirty-second held-out set).
_RECEIVES = deferred(
    r"\s+(?:will\s+(?:have|receive|attend|access|get|achieve|join|take\s+part|be\s+(?:given|offered|provided|"
    r"supported|taught|able|seen|assessed))|receives|attends|accesses|has\s+(?:a|an|\d+|daily|weekly)|"
    r"is\s+(?:given|offered|provided|supported|taught))\b"
)
#: What joins the child's name to another name as fellow recipient or as the item's object:
#: "Tom and Ella will have", "Ella will have lunch with Tom", "Ella will read to Tom".
_JOINED_BEFORE = deferred(r"(?:\band|&|,)\s+$")
_JOINED_AFTER = deferred(r"\s*(?:and\b|&|,)")


def _alongside(text: str, start: int, end: int) -> bool:
    """The child's name at ``start:end`` stands as a fellow recipient or the item's object."""
    return bool(
        _OBJECT_BEFORE.search(text, max(0, start - 20), start)
        or _JOINED_BEFORE.search(text, max(0, start - 6), start)
        or _JOINED_AFTER.match(text, end)
    )


def misplaced_names(plan: Plan, ctx: RuleContext) -> Iterator[Mention]:
    """Subject names that are neither the child's nor anyone the plan introduces.

    A name counts when it looks like a first name (``_identity.plausible_names``:
    the first-names lexicon, or a capitalised word the plan never uses as an
    ordinary word or a place); one outside the lexicon must also be written as
    a child is ("Kenzo's", "Kenzo finds"), not as a school or a programme
    ("Oakfield will provide"). Only when the child's own name is used at least
    twice as often, and never a name used more than five times (that is more
    likely a nickname the personal details do not give).
    """
    mentions = list(subject_mentions(ctx))
    own = child_identity(plan, mentions)
    if not own:
        return
    section_a = plan.section("A")
    in_a = section_a.text if section_a is not None else ""
    lexicon = first_names()
    maybe = [
        m
        for m in mentions
        if not is_same_person(m.name, own)
        and m.name not in in_a
        and (m.name in lexicon or (_PERSON_FOLLOWS.match(m.follows) is not None and not _english_word(m.name)))
        and not _owner_of_someone_else(m, own)
        and not _beside_the_child(m, own)
    ]
    # a name pasted in where the child is the object ("scribe for Jessica"), found on the fifth held-out set
    seen = {(id(m.unit), m.start) for m in maybe}
    objects, extra = _object_and_need_mentions(ctx, own)
    maybe += [
        m
        for m in objects
        if not is_same_person(m.name, own) and m.name not in in_a and (id(m.unit), m.start) not in seen
    ]
    # a name opening a need sentence with any verb ("Maddie holds …"), found on the fifteenth held-out set
    if extra:
        taken = {(id(m.unit), m.start) for m in mentions} | seen
        maybe += [m for m in extra if m.name not in in_a and (id(m.unit), m.start) not in taken]
    if not maybe:
        return  # nobody to report: the child's names need not be counted over the plan's whole text
    own_count = max(sum(1 for m in mentions if is_same_person(m.name, own)), _name_uses(plan, own))
    if own_count < 2:
        return
    maybe.sort(key=lambda m: (ctx.ordinal(m.unit), m.start))
    counts = Counter(m.name for m in maybe)
    names = {n for n, c in counts.items() if c <= 5 and own_count >= 2 * c}
    names &= plausible_names(names, plan_text(plan))
    if not names:
        return
    names -= introduced(plan, names)
    for m in maybe:
        if m.name in names:
            yield m


class AnotherChildsName(Rule):
    code = "IDN001"
    name = "another-childs-name"
    category = "inconsistent-identity"
    severity = Severity.ERROR
    scope = Scope(level="plan")
    doc = RuleDoc(
        summary="Another child's name appears as the subject of a need, outcome or provision.",
        why=(
            "A sentence about 'Ella' in Tom's plan is almost always text pasted from another "
            "child's plan: it discloses another child's personal data to this family (UK GDPR "
            "Art. 5(1)(f)) and leaves this child's plan describing someone else. QA panels list "
            "another child's name among copy-paste errors, with the wrong pronoun and repeated "
            "paragraphs; families lose trust in the whole plan when they find one."
        ),
        source="UK GDPR Art. 5(1)(d), 5(1)(f); SEND Code of Practice 0-25 (2015) 9.61 (plans specific to the child)",
        poor=Example(plan=_POOR),
        better=Example(plan=_BETTER),
    )

    def check_plan(self, plan: Plan, ctx: RuleContext) -> Iterable[Hit]:
        who = display_name(plan, "the child")
        for m in misplaced_names(plan, ctx):
            yield Hit(
                unit=m.unit,
                start=m.start,
                end=m.end,
                message=(
                    f"'{m.name}' is not {who}'s name and the plan does not introduce {m.name} as a "
                    "family member, friend or professional: is this sentence from another child's plan?"
                ),
                suggestion=(
                    f"Check the sentence: if it is about {who}, use {who}'s name; if it came from "
                    "another plan, rewrite it for this child and remove the other child's details."
                ),
            )
