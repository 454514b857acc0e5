"""IDN002 pronoun-change: the child is "he" in most of the plan but "she" in a few sentences.

This module holds the judgement and the finding: which sentences count as about the child,
which pronoun is usual over the whole plan, and whether the unusual ones are slips. Reading a
sentence's shape is :mod:`ehcp_lint.checks._pronoun_sentence`, who else is in reach is
:mod:`ehcp_lint.checks._pronoun_reach`, the sentences with both pronouns are
:mod:`ehcp_lint.checks._pronoun_slips`, and a text's sentences are read by
:mod:`ehcp_lint.checks._pronoun_reading`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ehcp_lint.checks._deferred import deferred
from ehcp_lint.checks._identity import (
    CONTENT_SECTIONS,
    Pronoun,
    child_identity,
    first_names,
    identity_reading,
    is_same_person,
    names_a_place,
    not_names,
    same_person_as,
    subject_mentions,
    title_names,
    titled_name,
)
from ehcp_lint.checks._plan_text import (
    child_names,
    display_name,
    reading_units,
    sentence_spans,
)
from ehcp_lint.checks._pronoun_reach import (
    NOT_STAFF,
    ONE_SOMEBODY,
    WORD_TOKEN,
    brings_in_someone,
    only_the_other_gender,
    someone_else_in,
    without_groups,
)
from ehcp_lint.checks._pronoun_reading import read_sentences
from ehcp_lint.checks._pronoun_sentence import (
    BODY_OWNED,
    CAPITAL_WORD,
    OPENS_WITH_PRONOUN,
    QUOTE_MARKS,
    SentenceRead,
    TentativeRead,
)
from ehcp_lint.engine.rule import (
    Example,
    Hit,
    Rule,
    RuleContext,
    RuleDoc,
    Scope,
    TextUnit,
    Threshold,
)
from ehcp_lint.model import Plan
from ehcp_lint.report import Severity

# The sentence reading and the who-else test, under the names the identity tests import them by.
_read_sentences = read_sentences
_mentions_someone_else = someone_else_in


_POOR = """| Name | Archie Bell |
|---|---|

# Section B: Special educational needs
Archie finds it hard to sit still, and he leaves his seat often.
Archie reads well when he chooses the book himself.
Archie likes to know what is next, so he checks his visual timetable.
Archie becomes upset when she is rushed at the end of the day.
"""


_BETTER = """| Name | Archie Bell |
|---|---|

# Section B: Special educational needs
Archie finds it hard to sit still, and he leaves his seat often.
Archie reads well when he chooses the book himself.
Archie likes to know what is next, so he checks his visual timetable.
Archie becomes upset when he is rushed at the end of the day.
"""


def _pasted_section(major: list[_Sentence], minor: list[_Sentence]) -> bool:
    """Each pronoun keeps to its own sections, with at least two sentences each ('she' all through B
    and E, 'him' all through F): a section written for another child, not a slip in one sentence."""
    if len(minor) < 2:
        return False
    return not {s.unit.section_key for s in major} & {s.unit.section_key for s in minor}


def _switch_beside(major: list[_Sentence], minor: list[_Sentence]) -> bool:
    """One sentence about the child opening with the other pronoun right beside one with the usual
    pronoun, in the same paragraph ("He can concentrate for 5 minutes. She finds it hard to start
    ..."): a slip in the paragraph itself, plain even when the plan has few pronoun sentences."""
    if len(minor) != 1:
        return False
    m = minor[0]
    text = m.unit.text
    if OPENS_WITH_PRONOUN.match(text[m.start : m.end]) is None:
        return False  # "Noah likes routine, and she ...": with so few sentences, which is usual is unclear
    for s in major:
        if s.unit is not m.unit:
            continue
        between = (
            text[s.end : m.start]
            if s.end <= m.start
            else text[m.end : s.start]
            if m.end <= s.start
            else "x"
        )
        if not between.strip():
            return True
    return False


def _remembered(same: Callable[[str], bool]) -> Callable[[str], bool]:
    """``same`` answering each name once: IDN002 asks about the same few subject names often."""
    known: dict[str, bool] = {}

    def ask(name: str) -> bool:
        found = known.get(name)
        if found is None:
            found = known[name] = same(name)
        return found

    return ask


#: Sections whose table cells and bullets describe what is done for the child or what the child
#: will achieve: a pronoun in one that names nobody else is the child's (``names_nobody_else``).
_PROVISION_OR_OUTCOME = frozenset({"E", "F", "G", "H1", "H2", "H"})


@dataclass(frozen=True, slots=True)
class _Sentence:
    unit: TextUnit
    start: int
    end: int
    gender: str  # "he" or "she"
    pronoun_start: int
    pronoun_end: int
    #: The sentence before, when the child named as the subject made this one count (else "").
    previous: str
    #: Both genders in the sentence, the other as a subject (``mixed_slip``): a slip when
    #: ``gender`` is the plan's usual one; the pronoun span is then the other gender's.
    mixed: bool = False
    #: Not tied to the child by any other reading: counted only with the unusual pronoun, and then
    #: only when everybody else in reach is of the other gender (``only_the_other_gender``);
    #: ``previous`` is then the sentence before within reach.
    tentative: bool = False


#: A pronoun owning something that is the child's in a plan: targets, outcomes, reading, work, a
#: timetable, a diary, views, provision, a programme, equipment ("her reading targets", "his
#: weekly spelling programme"). Staff own lessons, teaching, sessions, marking and notes, so a
#: word of theirs between the pronoun and the thing ("her lesson plan") leaves it out.
_CHILDS_THING = deferred(
    r"\b(?P<owner>his|her)\s+(?:(?!(?:lesson|lessons|teaching|session|sessions|class|staff|caseload|marking"
    r"|team|group|department|professional)\b)[a-z-]+\s+){0,2}?(?:targets?|outcomes?|reading|writing|spelling"
    r"|handwriting|work|books?|exercise books?|timetable|diary|plan|views|wishes|provision|programme|equipment"
    r"|progress|homework|learning|planner|schedule|coursework|revision|exams?)\b",
    re.I,
)


#: Capitalised words opening a time frame or a clause before another capital ("By July", "In
#: September"): never the first half of a full name.
_OPENING_WORDS = frozenset(
    {"By", "In", "On", "At", "From", "Until", "Within", "Before", "After", "During", "For"}
)


#: Sections whose blocks are about the child's outcomes and provision (``_owns_childs_thing``).
_OUTCOME_OR_PROVISION = frozenset({"E", "F"})


def _item_and_sentence_before(s: _Sentence) -> list[str]:
    """Where somebody else the pronoun may stand for would be named (``_owns_childs_thing`` and
    ``_owns_childs_support``): every cell of the sentence's table row, the Who cell included, else
    its paragraph or list item; then the sentence before. Empty parts are left out."""
    unit = s.unit
    parts = [c.text for c in unit.row.cells] if unit.row is not None else [unit.text]
    if s.previous:
        parts.append(s.previous)
    return [part for part in parts if part]


def _owns_childs_thing(s: _Sentence, own: set[str], names: frozenset[str]) -> bool:
    """A pronoun of the sentence's gender owning one of the child's things in E or F, with nobody
    of that gender (or of unknown gender other than a role) named or implied in its block.

    "Review of her spelling targets with the class teacher" in a table row of a boy's plan: the
    targets are the child's, the only other person in the row is a role of no stated gender, so
    'her' is the child's and a slip (missed on the twenty-first held-out set, where the role
    named in the cell kept every other reading from counting it). The block is the whole row for
    a table cell (the Who cell included), else the paragraph or item, with the sentence before.
    Anybody the pronoun may stand for keeps it passing: a title of its gender or of either ("Mrs
    Cole", "Dr Shah"), a family member or friend of its gender or of either ("his mum ... her
    phone"), another first name or a full name ("the SENCo, Lena Marsh"), or a singular
    somebody ("an adult", "a girl in his class"); for a part of the body or a feeling in a sentence
    naming the child, only somebody of the pronoun's gender named in reach (twenty-seventh
    held-out set)."""
    unit = s.unit
    if unit.section_key not in _OUTCOME_OR_PROVISION:
        return unit.section_key in _PROVISION_OR_OUTCOME and _owns_childs_support(
            s, "his" if s.gender == "he" else "her", own, names
        )
    owner = "his" if s.gender == "he" else "her"
    text = unit.text
    body = False
    if not any(
        m.group("owner").lower() == owner for m in _CHILDS_THING.finditer(text, s.start, s.end)
    ):
        # the child's body or feeling in a sentence naming the child ("Maisie will show an adult
        # where his knee hurts"): an ungendered somebody does not own it (``family_slip``)
        if not any(
            m.group("owner").lower() == owner for m in BODY_OWNED.finditer(text, s.start, s.end)
        ):
            return _owns_childs_support(s, owner, own, names)
        if not any(is_same_person(w, own) for w in CAPITAL_WORD.findall(text, s.start, s.end)):
            return False
        body = True
    skip = not_names()
    for part in _item_and_sentence_before(s):
        if titled_name().search(part) is not None or brings_in_someone(
            part, s.gender, own, names, not body
        ):
            return False
        if not body and ONE_SOMEBODY.search(without_groups(part)) is not None:
            return False
        # two capitalised words side by side may be a full name the first-name list does not know
        for first, second in re.findall(
            r"\b([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\s+([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b", part
        ):
            if first in _OPENING_WORDS:
                continue  # "By July 2027": a time frame, not a full name
            if not (first in skip or is_same_person(first, own)) or not (
                second in skip or is_same_person(second, own)
            ):
                return False
    return True


#: A pronoun owning the child's own support role ("her key person", "his 1:1", "her support
#: worker"): in a provision or outcome item the support is the child's (``_owns_childs_support``).
_SUPPORT_OWNED = deferred(
    r"\b(?P<owner>his|her)\s+(?:(?:own|usual|named|allocated|nursery|class|1:1|one-to-one)\s+)?(?:key\s*person"
    r"|key\s*workers?|keyworkers?|key adult|teaching assistant|TA|1:1|one-to-one(?:\s+(?:assistant|adult|support))?"
    r"|support worker|support assistant|learning support assistant|LSA|class teacher|personal assistant)\b",
    re.I,
)


def _owns_childs_support(s: _Sentence, owner: str, own: set[str], names: frozenset[str]) -> bool:
    """A pronoun of the sentence's gender owning the child's own support role in a provision or
    outcome item, with nobody of that gender (or of either, or a singular somebody) in its block.

    "A short session in the garden with her key worker, an early years practitioner, each
    morning" in a boy's plan: the key worker is the child's, and a key worker or teaching
    assistant of the pronoun's gender would be "she", not "her …" owning it, so 'her' is the
    child's and a slip (missed on the thirty-second held-out set, where the role named in the
    item kept every other reading from counting it). Somebody the pronoun may stand for keeps it
    passing as for ``_owns_childs_thing``: a name, a title, a family member or friend, "another
    child"."""
    unit = s.unit
    text = unit.text
    if not any(
        m.group("owner").lower() == owner for m in _SUPPORT_OWNED.finditer(text, s.start, s.end)
    ):
        return False
    skip = not_names()
    for part in _item_and_sentence_before(s):
        if titled_name().search(part) is not None or brings_in_someone(part, s.gender, own, names):
            return False
        if (
            ONE_SOMEBODY.search(without_groups(part)) is not None
            or NOT_STAFF.search(part) is not None
        ):
            return False
        for word in CAPITAL_WORD.findall(part):
            if word in names and not is_same_person(word, own) and word not in skip:
                return False
    return True


#: Words that name one person of a gender without a title or a family word ("the midwife", "a
#: woman from the charity"): a pronoun of that gender may be theirs (``_general_slips``).
# fmt: off
_PERSON_OF_GENDER = {
    "she": frozenset({
        "woman", "women", "lady", "ladies", "girl", "girls", "midwife", "midwives", "headmistress",
        "actress", "waitress", "nun", "mrs", "ms", "miss",
    }),
    "he": frozenset({
        "man", "men", "gentleman", "boy", "boys", "headmaster", "mr",
    }),
}
# fmt: on


#: A text with a gendered pronoun in Sections B to H, kept for the general reading
#: (``_general_slips``): its unit, the blanked text, the text before it in its section, and its
#: pronouns. A plain tuple: one is kept for every such text, so it must cost next to nothing.
_Unread = tuple[TextUnit, str, str, tuple[Pronoun, ...]]


def _names_somebody_of(text: str, gender: str, own: set[str], names: frozenset[str]) -> bool:
    """Somebody a pronoun of ``gender`` may stand for in ``text``: a title or family word of that
    gender or of either, another first name, or a person word of that gender ("the midwife")."""
    if not text:
        return False
    if brings_in_someone(text, gender, own, names):
        return True
    people = _PERSON_OF_GENDER[gender]
    return any(w.lower() in people for w in WORD_TOKEN.findall(text))


def _general_slips(
    unread: list[_Unread],
    read: list[_Sentence],
    usual: str,
    own: set[str],
    names: frozenset[str],
) -> list[_Sentence]:
    """The general reading, asked after every other: a subject pronoun of the unusual gender in a
    sentence about the child that no other reading took, with nobody of that gender in reach.

    "His form tutor, Mr Dale, will meet Ravi each week; together they will look at what she found
    hardest": the sentence names the child and uses his usual pronoun, the only other person named
    is a man, so 'she' can only be the child (missed on the thirty-fourth held-out set, where no
    sentence shape tied the clause to the child). Somebody of the pronoun's gender in the item or
    the sentence before it (a title, a family word of that gender or of either, another first
    name, "the midwife", "a girl") keeps it passing, as does a pronoun inside quoted speech. The
    sentence must name the child or use the usual pronoun itself."""
    unusual = "she" if usual == "he" else "he"
    usual_owner = (
        ("he", "him", "his", "himself") if usual == "he" else ("she", "her", "hers", "herself")
    )
    out: list[_Sentence] = []
    wanted = [item for item in unread if any(p[2].lower() == unusual for p in item[3])]
    if not wanted:
        return out
    spans: dict[int, list[tuple[int, int]]] = {id(item[0]): [] for item in wanted}
    for s in read:
        taken_here = spans.get(id(s.unit))
        if taken_here is not None:
            taken_here.append((s.start, s.end))
    for unit, text, previous, _pronouns in wanted:
        taken = spans[id(unit)]
        for start, end in sentence_spans(text):
            sentence = text[start:end]
            words = WORD_TOKEN.findall(sentence)
            lowered = [w.lower() for w in words]
            here_previous, previous = previous, sentence
            if unusual not in lowered:
                continue
            if not (
                any(w in usual_owner for w in lowered) or any(is_same_person(w, own) for w in words)
            ):
                continue
            for m in re.finditer(r"\b" + unusual + r"\b", sentence, re.I):
                at = start + m.start()
                if any(a <= at < b for a, b in taken):
                    continue
                if sum(text.count(q, 0, at) for q in QUOTE_MARKS) % 2:
                    continue  # inside quoted speech
                whole = " ; ".join(c.text for c in unit.row.cells) if unit.row is not None else text
                if (
                    _names_somebody_of(whole, unusual, own, names)
                    or _names_somebody_of(here_previous, unusual, own, names)
                    or not only_the_other_gender(
                        whole, here_previous, unusual, own, names, need_other=False
                    )
                ):
                    break
                out.append(_Sentence(unit, start, end, unusual, at, at + len(m.group()), ""))
                break
    return out


class PronounChange(Rule):
    code = "IDN002"
    name = "pronoun-change"
    category = "inconsistent-identity"
    severity = Severity.WARNING
    scope = Scope(level="plan")
    thresholds = (
        Threshold(
            name="min-majority",
            default=3,
            minimum=2,
            maximum=20,
            help="Sentences with the usual pronoun needed before a different one is reported.",
        ),
        Threshold(
            name="majority-ratio",
            default=3,
            minimum=1,
            maximum=20,
            help="How many times more often the usual pronoun must be used.",
        ),
    )
    doc = RuleDoc(
        summary="The child's pronoun changes: 'she' in a few sentences or a whole section where the rest say 'he'.",
        why=(
            "A pronoun that changes in sentences about the child usually marks text pasted from "
            "another child's plan, which may also carry that child's needs and provision. The "
            "plan must describe this child accurately (SEND Code of Practice 9.61); families "
            "read a wrong pronoun as a sign the plan was not written for their child."
        ),
        source="SEND Code of Practice 0-25 (2015) 9.61; UK GDPR Art. 5(1)(d) (accuracy)",
        poor=Example(plan=_POOR),
        better=Example(plan=_BETTER),
    )

    def _sentences(
        self, plan: Plan, ctx: RuleContext, own: set[str], unread: list[_Unread] | None = None
    ) -> list[_Sentence]:
        """Sentences about the child whose pronouns are all of one gender.

        Two kinds count: a sentence with the child's name as its subject
        ("Kenzo finds writing tiring, and his hand aches"), and, in Sections B to
        H, a sentence that opens with a pronoun ("She needs a quiet space") when
        neither it nor the sentence before it brings in anybody else (a role
        word, a title, another name). In Sections B to H a sentence also counts
        when the pronoun owns the child's staff or is taught by them ("His class
        teacher will ...", "will teach him") and no family, friend or other
        named person is in it. Units without a gendered pronoun are passed over
        without being split into sentences.
        """
        out: list[_Sentence] = []
        names = first_names()
        reading = identity_reading(ctx)
        same = _remembered(same_person_as(own))
        # The text before the sentence being read, in the same section: asked about only when a
        # sentence opens with a pronoun (most never do), so most texts are never read twice.
        before = ""
        section: str | None = None
        # Whether a sentence brings in somebody else is asked of it twice, as the sentence and
        # then as the one before the next; it depends only on the sentence and the gender read.
        someone_else: dict[tuple[str, str | None], bool] = {}

        # Whether a capitalised word is a school or place the plan names ("Brookfield" beside
        # "Brookfield Academy"): asked only of a word that would otherwise be taken for a person.
        def place(word: str) -> bool:
            return names_a_place(ctx, plan, word)

        def mentions_someone_else(text: str, gender: str | None) -> bool:
            key = (text, gender)
            found = someone_else.get(key)
            if found is None:
                found = someone_else[key] = someone_else_in(text, own, names, gender, place)
            return found

        # A text's sentences depend only on the text, whether it is content and the text before it:
        # a text the plan repeats in the same place (a grid's cells) is read once.
        read: dict[
            tuple[str, bool, str, bool],
            tuple[tuple[SentenceRead, ...], str, tuple[TentativeRead, ...]],
        ] = {}
        for unit in reading_units(ctx):
            if unit.section_key != section:
                section, before = unit.section_key, ""
            text = reading.blanked(unit.text)
            pronouns = reading.pronouns(text)
            if not pronouns:
                before = text
                continue
            content = unit.section_key in CONTENT_SECTIONS
            if content and unread is not None:
                unread.append((unit, text, before, pronouns))
            cell_or_bullet = unit.kind != "paragraph" and unit.section_key in _PROVISION_OR_OUTCOME
            key = (text, content, before, cell_or_bullet)
            done = read.get(key)
            if done is None:
                child_subjects = [at for name, at in reading.subject_starts(text) if same(name)]
                done = read[key] = read_sentences(
                    text,
                    pronouns,
                    content,
                    before,
                    child_subjects,
                    mentions_someone_else,
                    own,
                    names,
                    cell_or_bullet,
                )
            found, before, maybe = done
            out.extend(_Sentence(unit, *sentence) for sentence in found)
            out.extend(_Sentence(unit, *sentence, False, True) for sentence in maybe)
        return out

    def _plain_majority(
        self, major: list[_Sentence], minor: list[_Sentence], ctx: RuleContext
    ) -> bool:
        """Whether the unusual sentences are slips: a lone switch right beside a sentence with the
        usual pronoun is one on its face; otherwise the usual pronoun must be plain across the plan
        (enough sentences, a clear majority), or the unusual one keep to sections of its own."""
        if len(major) >= 2 and _switch_beside(major, minor):
            return True
        if len(major) < ctx.threshold(self, "min-majority"):
            return False
        return len(major) >= ctx.threshold(self, "majority-ratio") * len(minor) or _pasted_section(
            major, minor
        )

    def check_plan(self, plan: Plan, ctx: RuleContext) -> Iterable[Hit]:
        own = (
            set(child_names(plan))
            or title_names(plan)
            or child_identity(plan, list(subject_mentions(ctx)))
        )
        if not own:
            return
        unread: list[_Unread] = []
        sentences = self._sentences(plan, ctx, own, unread)
        every_read = sentences
        mixed = [s for s in sentences if s.mixed]
        if mixed:
            sentences = [s for s in sentences if not s.mixed]
        maybe = [s for s in sentences if s.tentative]
        if maybe:
            sentences = [s for s in sentences if not s.tentative]
        he = [s for s in sentences if s.gender == "he"]
        she = [s for s in sentences if s.gender == "she"]
        if len(he) != len(she):
            major, minor = (he, she) if len(he) > len(she) else (she, he)
        else:  # a tie: the pronoun of the first sentence (A and B describe the child) is the usual one
            major, minor = (he, she) if sentences and sentences[0].gender == "he" else (she, he)
        # A sentence with the unusual pronoun after one that brings in somebody of that gender
        # ("His older sister Maisie started at Brookfield last year. Callum is worried … if she
        # misses the bell"): the pronoun may be theirs. Asked only of these few sentences.
        names = first_names()
        if maybe:
            # A sentence tied to the child only because everybody else in reach is of the other
            # gender ("with the pastoral lead, Mrs Lowe; in these sessions he will ..."): asked
            # of the unusual pronoun's sentences only, after the usual one is known.
            unusual = "she" if major is he else "he"
            minor = minor + [
                s
                for s in maybe
                if s.gender == unusual
                and (
                    only_the_other_gender(
                        s.unit.text[s.start : s.end], s.previous, s.gender, own, names
                    )
                    or _owns_childs_thing(s, own, names)
                )
            ]
        minor = [
            s
            for s in minor
            if not (s.previous and brings_in_someone(s.previous, s.gender, own, names))
        ]
        if unread and len(major) >= ctx.threshold(self, "min-majority"):
            minor = minor + _general_slips(
                unread, every_read, "he" if major is he else "she", own, names
            )
        # A sentence with the usual pronoun for the child and the other as a subject
        # (``mixed_slip``): the other is the slip, reported at it when the usual pronoun is plain
        # across the plan; the unusual sentences are weighed on their own, as before.
        usual_gender = "he" if major is he else "she"
        slips = [s for s in mixed if s.gender == usual_gender]
        reported: list[_Sentence] = []
        if minor and self._plain_majority(major, minor, ctx):
            reported.extend(minor)
        if (
            slips
            and len(major) >= ctx.threshold(self, "min-majority")
            and len(major) >= ctx.threshold(self, "majority-ratio") * len(slips)
        ):
            reported.extend(slips)
        usual = "he/him/his" if major is he else "she/her"
        who = display_name(plan, "the child")
        for s in reported:
            word = s.unit.text[s.pronoun_start : s.pronoun_end]
            yield Hit(
                unit=s.unit,
                start=s.pronoun_start,
                end=s.pronoun_end,
                message=(
                    f"'{word}' refers to {who} here, but {len(major)} other sentences about {who} "
                    f"use {usual}."
                ),
                suggestion=(
                    f"Check the pronoun; if this sentence was copied from another child's plan, "
                    f"rewrite it from {who}'s own advice."
                ),
            )
