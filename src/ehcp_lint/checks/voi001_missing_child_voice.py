"""VOI001 missing-child-voice: Section A holds no views in the child's own words."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from ehcp_lint import lexicons
from ehcp_lint.checks._deferred import deferred
from ehcp_lint.checks._identity import SUBJECT
from ehcp_lint.checks._plan_text import (
    Terms,
    blank_placeholders,
    child_names,
    display_name,
    sentence_spans,
)
from ehcp_lint.engine.rule import Example, Hit, Rule, RuleContext, RuleDoc, Scope
from ehcp_lint.model import BlockKind, Plan, Section
from ehcp_lint.report import Severity

_FIRST_PERSON = deferred(
    r"\b(?-i:I)\b|\b(?:I'm|I've|I'd|I'll|I\u2019m|my|me|mine|myself)\b", re.I
)
_THIRD_PERSON = deferred(r"\b(?:he|she|his|her|him|hers|himself|herself)\b", re.I)
_LEADING_LABEL = deferred(r"^[^.:?!]{1,60}[:?]\s*")
_QUOTE = deferred(
    r"[\"\u201c]([^\"\u201d]{3,})[\"\u201d]|(?<!\w)['\u2018]([^'\u2019]{3,}?)['\u2019](?!\w)"
)
_GATHERED = deferred(
    r"\bviews?\b[^.]{0,80}?\b(?:were|was|have\s+been|has\s+been)?\s*(?:gathered|collected|obtained|"
    r"sought|captured|recorded)\b|\b(?:gathered|collected|obtained|sought|captured)\b[^.]{0,50}?\bviews?\b"
    r"|\b(?:in|using)\s+(?:his|her|their|my)\s+own\s+words\b|\bown\s+words\b"
    r"|\bhow\s+we\s+(?:found\s+out|asked|listened|learned|learnt|gathered)\b|\bfound\s+out\s+what\s+\w+\s+"
    r"(?:thinks|likes|wants|feels)\b",
    re.IGNORECASE,
)

#: A way of finding out a child's views without words: watching the child over a stated time
#: ("observed her across three sessions"), photographing or noting what the child picked ("took
#: photos of what she went to"), "through his choices", "by observing". A non-speaking child's
#: views gathered this way count (eval README: observation or photos; twenty-seventh held-out set).
_OBSERVED_HINTS = ("watch", "observ", "photo", "picture", "video", "not", "record", "logged", "choices")
_CHILD_REF = r"(?:him|her|them|(?-i:[A-Z][a-z]+))"
_CHOICE_VERB = (
    r"(?:chose|chooses|picked|picks|went|goes|reached|reaches|liked|likes|enjoyed|enjoys|"
    r"played|plays|returned|returns|pointed|points|smiled|smiles)"
)
_OBSERVED_OVER_TIME = deferred(
    rf"\b(?:watched|observed|watching|observing)\s+{_CHILD_REF}\b[^.;]{{0,40}}?\b(?:over|across|for|"
    r"during)\s+(?:[\w-]+\s+){0,3}?(?:weeks?|days?|months?|sessions?|mornings?|afternoons?|visits?|"
    r"terms?)\b",
    re.IGNORECASE,
)
_OBSERVED_CHOICES = deferred(
    r"\b(?:(?:photo(?:graph)?s?|pictures|videos?|noted|noticed|recorded|logged|wrote\s+down)\s+"
    r"(?:of\s+)?(?:(?:what|which\s+\w+|where)\s+|the\s+(?:\w+\s+){1,2}?)|(?:watched|observed)\s+"
    r"(?:what|which\s+\w+|where)\s+)"
    rf"(?:he|she|they|(?-i:[A-Z][a-z]+))\s+(?:most\s+often\s+)?{_CHOICE_VERB}\b"
    r"|\bthrough\s+(?:his|her|their|(?-i:[A-Z][a-z]+)'s)\s+(?:own\s+)?choices\b"
    rf"|\bby\s+observing\b|\bby\s+watching\s+(?:what|how|{_CHILD_REF})\b"
    r"|\bthrough\s+(?:\w+\s+)?observations?\b",
    re.IGNORECASE,
)
#: "has observed him over the term and feels he is ready": the observer's own opinion.
_OBSERVER_OPINION = deferred(
    r"\b(?:feels?|thinks?|believes?|worri(?:es|ed)|is\s+concerned|reports?|says?)\b", re.IGNORECASE
)


def _views_observed(sentence: str) -> bool:
    """Whether the sentence says the child's views were found by watching what the child does or
    picks (cheap literal test first: most Section A sentences have none of these words)."""
    low = sentence.lower()
    if not any(h in low for h in _OBSERVED_HINTS):
        return False
    if _OBSERVED_CHOICES.search(sentence):
        return True
    return (
        _OBSERVED_OVER_TIME.search(sentence) is not None
        and _OBSERVER_OPINION.search(sentence) is None
    )


_POOR = """# Section A: Views, interests and aspirations
Sam likes trains and playing outside. He is a kind boy who enjoys helping in the garden.
# Section B: Special educational needs
Sam reads single words but not yet sentences.
"""

_BETTER = """# Section A: Views, interests and aspirations
Sam told us using picture symbols: "I like trains. I want to drive a train when I am big."
# Section B: Special educational needs
Sam reads single words but not yet sentences.
"""


@cache
def _others() -> Terms:
    return Terms(lexicons.words("voice", "other_speakers"))


@cache
def _parent_first_person() -> Terms:
    return Terms(lexicons.words("voice", "parent_first_person"))


@cache
def _methods() -> Terms:
    return Terms(lexicons.words("voice", "methods"))


@cache
def _roles_before_name() -> frozenset[str]:
    """A person's role written straight before their name ("her foster carer Jo said")."""
    return frozenset(w.lower() for w in lexicons.words("voice", "roles_before_name"))


@cache
def _speech_verbs() -> str:
    return "|".join(re.escape(v) for v in lexicons.words("voice", "speech_verbs"))


def _child_subject(names: list[str]) -> re.Pattern[str]:
    """ "Sam told", "he said", "she chose": the child reporting their own views.

    Any capitalised first word counts as a name when the plan's personal details
    do not give one; sentences naming another speaker ("Mum said") are skipped
    before this is asked.
    """
    subjects = [re.escape(n) for n in names] + ["he", "she", "they", "(?-i:[A-Z][a-z]+)"]
    return re.compile(
        rf"\b(?P<who>{'|'.join(subjects)})\s+(?:(?:has|had|then|also)\s+)?(?:{_speech_verbs()})\b",
        re.I,
    )


# "Ms Hendry says", "Dr Shah said": a titled name is an adult, never the child.
_TITLE_BEFORE = deferred(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?\s+$")


def _reporter_is_other(text: str, start: int, who: str, names: Sequence[str] = ()) -> bool:
    """True when the subject of a speech verb is another person: a role ("Mum said"), a titled
    name ("Ms Hendry says"), a name placed straight after a role ("her foster carer Jo says"),
    or, when the plan names the child, another person's full name ("Jo Hendry says").

    A view another person reports ("Ms Hendry says Kacey loves animals") is that person's view;
    the child's view needs the child as the source.
    """
    if _others().search(who) is not None:
        return True
    if not who[:1].isupper() or who.lower() in {"he", "she", "they"}:
        return False
    before = text[max(0, start - 40) : start]
    if _TITLE_BEFORE.search(before):
        return True
    # "foster carer Jo says": a role word right before the name, with no comma ("At school Sam
    # said" and "With his teacher, Sam said" keep the child as the speaker).
    if not before[-1:].isspace() or before.rstrip()[-1:] in {",", ";", ":"}:
        return False
    words = before.split()
    if not words:
        return False
    if words[-1].lower() in _roles_before_name():
        return True
    # "Jo Hendry says" mid-sentence: a first name and a surname, neither of them the child's
    return (
        len(words) >= 2
        and bool(names)
        and words[-1][:1].isupper()
        and who not in names
        and words[-1] not in names
    )


def _child_is_object(text: str, end: int, names: Sequence[str]) -> bool:
    """Whether the child is the object of the speech verb ending at ``end``: "Nursery describes
    Tiago as gentle", "Staff describe him as…" — somebody else describing the child, whatever
    the capitalised subject is (found on the sixteenth held-out set)."""
    after = text[end : end + 40].lstrip()
    word = re.match(r"[A-Za-z'’]+", after)
    if word is None:
        return False
    token = word.group(0)
    if token in {"him", "her", "them"}:  # "describes her as…", not "shows her drawings"
        return after[word.end() :].lstrip().startswith("as ")
    return token in names


#: After a pronoun's speech verb, the child named as the one described or reported on: "She
#: describes Evie as…", "She told us that Evie…", "He says his daughter…". Optional "us" / "me" and
#: "that" are skipped; the name is read from the next word (a possessive counts: "said Evie's…").
_REPORTED_ON = deferred(
    r"\s*(?:(?:us|me)\s+)?(?:that\s+)?(?:(?P<kin>(?:his|her|their)\s+(?:son|daughter|child|grandson|"
    r"granddaughter|foster\s+(?:son|daughter|child))\b)|(?P<word>[A-Za-z]+)(?:['\u2019]s)?\b)",
    re.IGNORECASE,
)


def _pronoun_reports_on_child(text: str, end: int, names: Sequence[str]) -> bool:
    """Whether a speech verb with a pronoun subject ("she describes", "he said") is followed by the
    child's own name or "her son / his daughter": the pronoun is then somebody else, a parent or
    a professional named in the sentence before ("Evie's mum, Sarah, was interviewed. She describes
    Evie as…": thirty-ninth held-out set), since a child giving their own views says "I", not their
    own name. "She describes her as kind" stays the child's (her sister, a friend)."""
    m = _REPORTED_ON.match(text, end)
    if m is None:
        return False
    if m.group("kin"):
        return True
    return m.group("word") in names


#: "understand what Imogen says", "repeat how he said it": the child's speech as the topic of
#: somebody else's sentence, not a report of the child's views (seventeenth held-out set).
_SPEECH_AS_TOPIC = deferred(r"\b(?:what|whatever|how)\s+$", re.IGNORECASE)


def _speech_as_topic(text: str, start: int) -> bool:
    """Whether the child's speech verb at ``start`` sits in a "what she says" clause (cheap first)."""
    return start > 0 and _SPEECH_AS_TOPIC.search(text, max(0, start - 10), start) is not None


def _someone_describes_child(text: str, who: str, end: int, names: Sequence[str]) -> bool:
    """Whether the speech verb ending at ``end`` has the child as what is described or reported
    on, so its subject ``who`` is somebody else: "Nursery describes Tiago as…" (a capitalised
    subject that is not the child), "She describes Evie as…" (a pronoun followed by the child's
    name)."""
    if who in names:
        return False
    if who.lower() in {"he", "she", "they"}:
        return _pronoun_reports_on_child(text, end, names)
    return _child_is_object(text, end, names)


def _they_are_others(who: str, preceding: str) -> bool:
    """Whether a "they" subject picks up other people just named: "Her parents would like… They
    told the caseworker…", "met his social worker and his teacher, and they wrote down…". A child
    who is "they" is named or is "they" throughout; after parents, staff or a professional in the
    sentence before or earlier in the same sentence, "they" are those adults (forty-fifth held-out
    set)."""
    return who.lower() == "they" and bool(preceding) and _others().search(preceding) is not None


def _child_reports(
    pattern: re.Pattern[str], text: str, names: Sequence[str] = (), preceding: str = ""
) -> bool:
    """A speech verb whose subject is the child, not "Mum said", "The teacher told", "Ms Hendry
    says", "Nursery describes Tiago as…", "She describes Tiago as…", "understand what Imogen
    says" or "they" after other people named in ``preceding`` (the sentence before) or earlier in
    the sentence."""
    return any(
        not _reporter_is_other(text, m.start("who"), m.group("who"), names)
        and not _they_are_others(m.group("who"), preceding + " " + text[: m.start("who")])
        and not _speech_as_topic(text, m.start("who"))
        and not _someone_describes_child(text, m.group("who"), m.end(), names)
        for m in pattern.finditer(text)
    )


@dataclass(frozen=True, slots=True)
class _Said:
    """A piece of Section A: its text, whether it is given to another speaker, and
    whether it answers a first-person prompt ("What I like", "My views")."""

    text: str
    other_speaker: bool
    first_person_prompt: bool


def _is_other(label: str) -> bool:
    return _others().search(label) is not None and not re.search(
        r"\b(?:child|young person|pupil|me|my|I)\b", label, re.I
    )


def _is_first_person_prompt(label: str) -> bool:
    return bool(label.strip()) and _FIRST_PERSON.search(label) is not None and not _is_other(label)


def _blocks_with_speaker(section: Section) -> Iterator[_Said]:
    """Each content text of A with who is speaking, as its heading, column or row label says."""
    heading = ""
    for block in section.blocks:
        if block.kind is BlockKind.HEADING:
            heading = block.text
            continue
        heading_other = _is_other(heading)
        if block.kind is BlockKind.TABLE and block.table is not None:
            for row in block.table.rows:
                cells = row.cells
                label = cells[0].text if len(cells) > 1 and len(cells[0].text.split()) <= 12 else ""
                for i, cell in enumerate(cells):
                    if label and i == 0:
                        continue  # a row label such as "What is important to me"
                    column = cell.column_name or ""
                    # A column header names a speaker only when it is short ("Parent's views");
                    # a two-column details table's first row is data, not a header.
                    column_other = len(column.split()) <= 5 and _is_other(column)
                    other = heading_other or column_other or (bool(label) and _is_other(label))
                    prompt = any(_is_first_person_prompt(t) for t in (heading, column, label))
                    yield _Said(cell.text, other, prompt and not other)
            continue
        yield _Said(
            block.text, heading_other, _is_first_person_prompt(heading) and not heading_other
        )


def has_child_voice(plan: Plan, section: Section) -> bool:
    """True when A quotes the child, speaks as the child, or says how their views were gathered."""
    names = child_names(plan)
    child_speaks = _child_subject(names)
    for i, block in enumerate(section.blocks):
        # A heading such as "How we found out what Poppy thinks", with something under it.
        if (
            block.kind is BlockKind.HEADING
            and _GATHERED.search(block.text)
            and any(
                b.kind is not BlockKind.HEADING and b.text.strip() for b in section.blocks[i + 1 :]
            )
        ):
            return True
    for said in _blocks_with_speaker(section):
        if said.other_speaker:
            continue
        text = blank_placeholders(said.text)
        previous = ""
        for s, e in sentence_spans(text):
            preceding, previous = previous, text[s:e]
            label = _LEADING_LABEL.match(text[s:e])
            sentence = text[s:e][label.end() :] if label else text[s:e]
            if not sentence.strip():
                continue
            if (
                label
                and _is_other(label.group())
                and not _child_reports(child_speaks, label.group(), names)
            ):
                continue  # 'Her mum said: "... I worry about her seizures."': another speaker's words
            if label and _child_reports(child_speaks, label.group(), names):
                return True  # 'Ali told us, using his symbols: "Buses!"': the child's words, however short
            if _GATHERED.search(sentence) and not re.search(
                r"\b(?:parents?'?s?|family)\s+views\b", sentence, re.I
            ):
                return True
            if _views_observed(sentence):
                return True
            if _child_reports(child_speaks, sentence, names, preceding):
                return True
            for m in _QUOTE.finditer(sentence):
                quoted = m.group(1) or m.group(2) or ""
                outside = sentence[: m.start()] + sentence[m.end() :]
                if _others().search(outside) and not _child_reports(child_speaks, outside, names):
                    continue
                if _FIRST_PERSON.search(quoted) or _child_reports(child_speaks, outside, names):
                    return True
            if _parent_first_person().search(sentence):
                continue
            if (
                said.first_person_prompt
                and not _THIRD_PERSON.search(sentence)
                and not any(re.search(rf"\b{re.escape(n)}\b", sentence) for n in names)
                and not SUBJECT.match(sentence.strip())
            ):
                return True  # the child's own answer under "What I like"
            if _FIRST_PERSON.search(sentence) and not _THIRD_PERSON.search(sentence):
                mentions_child = any(
                    re.search(rf"\b{re.escape(n)}\b", sentence) for n in names
                ) and not re.search(r"\b(?:my name is|I am|I'm|call me)\b", sentence, re.I)
                if not mentions_child:
                    return True
    return False


class MissingChildVoice(Rule):
    code = "VOI001"
    name = "missing-child-voice"
    category = "missing-child-voice"
    severity = Severity.WARNING
    scope = Scope(level="plan")
    doc = RuleDoc(
        summary="Section A has no views in the child's own words and does not say how they were gathered.",
        why=(
            "Section A must record the views, interests and aspirations of the child and their "
            "parents, or of the young person (SEND Regulations 2014 reg. 12(1)(a)), and local "
            "authorities must have regard to them (Children and Families Act 2014 s.19). A Section "
            "A written only about the child ('Sam likes trains') shows the adults' view; first-"
            "person words, quotes, or a note of how the child was asked (symbols, Talking Mats) "
            "show the child was heard (SEND Code of Practice 1.1-1.7, 9.62)."
        ),
        source="Children and Families Act 2014 s.19; SEND Regulations 2014 reg. 12(1)(a); SEND Code of Practice 0-25 (2015) 1.1-1.7, 9.62",
        poor=Example(plan=_POOR),
        better=Example(plan=_BETTER),
    )

    def check_plan(self, plan: Plan, ctx: RuleContext) -> Iterable[Hit]:
        section = plan.section("A")
        if section is None:
            return  # a missing Section A is missing-section's finding
        if has_child_voice(plan, section):
            return
        who = display_name(plan)
        yield Hit(
            section="A",
            message=(
                f"Section A gives no views in {who}'s own words (no first-person views or quotes) "
                "and does not say how their views were gathered."
            ),
            suggestion=(
                "Ask the child or young person, in the way they communicate best, and record their "
                "words: 'I like…', 'I want…', or a quote; say how the views were gathered (for "
                "example 'Sam told his teaching assistant using picture symbols')."
            ),
        )
