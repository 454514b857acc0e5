"""Reading a text's sentences about the child for IDN002 (pronoun change).

A text (paragraph, table cell, bullet) is split into sentences and each sentence with a
gendered pronoun is read once: as about the child (its subject is the child, by name or by an
opening pronoun with nobody else in reach, or staff work with the child in it), as a slip
(both pronouns, only the child meant: :mod:`ehcp_lint.checks._pronoun_slips`), as tentative
(the child's only if everybody else in reach is of the other gender), or as nobody's. The
rule weighs what comes back over the whole plan.
"""

from __future__ import annotations

import re

from ehcp_lint.checks._identity import (
    Pronoun,
    is_same_person,
    not_names,
    titled_name,
)
from ehcp_lint.checks._plan_text import sentence_spans
from ehcp_lint.checks._pronoun_reach import (
    NOT_STAFF,
    SOMEBODY,
    names_nobody_else,
    the_one_role_beside_child,
    without_groups,
)
from ehcp_lint.checks._pronoun_sentence import (
    CAPITAL_WORD,
    CLAUSE_OPEN,
    FIRST_CLAUSE_PRONOUN,
    HER_AS_OBJECT,
    NEW_CLAUSE,
    OPENS_WITH_PRONOUN,
    QUOTE_MARKS,
    SUBJECT_LEAD,
    SUBJECT_PRONOUN,
    VERB_AFTER,
    PronounSentence,
    SentenceRead,
    SomeoneElse,
    TentativeRead,
    tied_to_staff,
)
from ehcp_lint.checks._pronoun_slips import (
    family_slip,
    fronted_clause_slips,
    mixed_slip,
    opening_pronoun_slips,
    opening_subject,
    purpose_pronoun_of_recipient,
)


def about_the_child_through_staff(here: PronounSentence) -> bool:
    """The sentence is about the child because of what staff do with them (see ``STAFF_AFTER``),
    and nobody else is in it: no family, friend or pet, no titled name, no other first name."""
    text, pronouns, sentence = here.text, here.pronouns, here.sentence
    own, names = here.own, here.names
    if not any(tied_to_staff(text, p) for p in pronouns):
        return False
    if NOT_STAFF.search(sentence) or titled_name().search(sentence) is not None:
        return False
    return not any(
        w in names and not is_same_person(w, own) for w in re.findall(r"\b[A-Z][a-z]+\b", sentence)
    )


def object_of_the_adult(here: PronounSentence) -> bool:
    """An object pronoun in a clause whose subject is the one adult in a sentence about the child.

    "Imogen's teaching assistant will go over the missed learning with him": 'him' cannot be the
    teaching assistant (that would be 'himself'), and the only other person in the sentence is
    the child, so it is the child's pronoun (missed on the eighth held-out set). Every pronoun in
    the sentence must be an object ('him', or 'her' read as one), the child must be named in it,
    exactly one role stand in it as the subject, and nobody else (family, a friend, a titled or
    other name) be in it or in the sentence before it.
    """
    text, start, end, previous = here.text, here.start, here.end, here.previous
    pronouns, own, names = here.pronouns, here.own, here.names
    for _, p_end, written, _male in pronouns:
        word = written.lower()
        if word != "him" and (word != "her" or HER_AS_OBJECT.match(text, p_end) is None):
            return False
    sentence = text[start:end]
    role = the_one_role_beside_child(sentence, own, previous)
    if role is None:
        return False
    capitals = CAPITAL_WORD.findall(sentence)
    role_start, role_end = start + role.start, start + role.end
    if role_end > pronouns[0][0]:
        return False
    opens = [m.end() for m in CLAUSE_OPEN.finditer(text, start, role_start)]
    if SUBJECT_LEAD.match(text, opens[-1] if opens else start, role_start) is None:
        return False
    if VERB_AFTER.match(text, role_end) is None or NEW_CLAUSE.search(
        text, role_end, pronouns[0][0]
    ):
        return False
    if titled_name().search(sentence) is not None or titled_name().search(previous) is not None:
        return False
    skip = not_names()
    first_word = re.match(r"\W*([A-Z][a-z]+)", sentence)
    for w in capitals:
        if is_same_person(w, own) or w in skip:
            continue
        if w in names or first_word is None or w != first_word.group(1):
            return False  # another name, or a capitalised word that may be one
    return not any(
        w in names and not is_same_person(w, own) for w in CAPITAL_WORD.findall(previous)
    )


def continues_with_other_pronoun(here: PronounSentence) -> bool:
    """A sentence carrying on from one whose subject is the child, its first clause led by a
    conjunction or a short phrase with a subject pronoun of the other gender, and nobody in reach:
    "Mia is quiet in the mornings. When he is tired he puts his head on the desk." The pronoun can
    only be the child's, so the sentence counts as one about the child (and is weighed over the
    whole plan as any other). Asked only when the gender differs from the sentence before's.

    Somebody in the sentence or the one before (a role, family, a friend, a title, another name,
    "a boy", "the adult") keeps it passing, as does quoted speech in either: "Mia's dad, Mr Ross,
    collects her. When he is late she waits in the office" is read elsewhere, never here. The
    failure mode (a fronted clause with no comma, after a sentence opening with the child's
    pronoun) was found on the twenty-eighth held-out set.
    """
    text, s, e, inside, previous = here.text, here.start, here.end, here.pronouns, here.previous
    mentions_someone_else = here.someone_else
    sentence = text[s:e]
    opener = FIRST_CLAUSE_PRONOUN.match(sentence)
    if (
        opener is None
        or s + opener.end() != inside[0][1]
        or inside[0][2].lower() not in SUBJECT_PRONOUN
    ):
        return False
    for context in (sentence, previous):
        if not context or any(c in QUOTE_MARKS for c in context):
            return False
        rest = without_groups(context)
        if (
            SOMEBODY.search(rest) is not None
            or NOT_STAFF.search(rest) is not None
            or mentions_someone_else(context, None)
        ):
            return False
    return True


def purpose_slip(here: PronounSentence) -> SentenceRead | None:
    """A sentence whose purpose clause's pronoun can only be the child's (see
    :func:`~ehcp_lint.checks._pronoun_slips.purpose_pronoun_of_recipient`) while its other pronouns
    are all of the other gender ("Her tutors will give Ola a card, in every lesson where she
    speaks, so that he can practise"): one of the two is a slip, which one decided over the whole
    plan as for ``mixed_slip``."""
    purpose = purpose_pronoun_of_recipient(here)
    if purpose is None:
        return None
    others = {p[3] for p in here.pronouns if p is not purpose}
    if others != {not purpose[3]}:
        return None
    return (here.start, here.end, "she" if purpose[3] else "he", purpose[0], purpose[1], "", True)


def read_sentences(
    text: str,
    pronouns: tuple[Pronoun, ...],
    content: bool,
    before: str,
    child_subjects: list[int],
    mentions_someone_else: SomeoneElse,
    own: set[str],
    names: frozenset[str],
    cell_or_bullet: bool = False,
) -> tuple[tuple[SentenceRead, ...], str, tuple[TentativeRead, ...]]:
    """The sentences of one text about the child (start, end, gender, pronoun span, and the
    sentence before it when only the child as subject made it count), and its last sentence (the
    text before the next). See ``PronounChange._sentences``. ``cell_or_bullet``: the text is a
    provision or outcome table cell or bullet, whose sentences count when it names nobody else."""
    out: list[SentenceRead] = []
    tentative: list[TentativeRead] = []
    alone: dict[str, bool] = {}
    next_pronoun = 0
    names_child = previous_names_child = False
    # The gender of the sentence before when its subject was the child (named, or a pronoun opening
    # it with nobody else in reach), in this text: see ``continues_with_other_pronoun``.
    subject_gender: str | None = None
    # The gender of the sentence before when it named the child as its subject, whoever else it
    # brings in ("Noor takes her tablets from the nurse."): see ``role_aside_before``.
    named_gender: str | None = None
    for s, e in sentence_spans(text):
        sentence = text[s:e]
        previous, before = before, sentence
        previous_subject, subject_gender = subject_gender, None
        previous_named, named_gender = named_gender, None
        previous_names_child, names_child = names_child, any(s <= at < e for at in child_subjects)
        while next_pronoun < len(pronouns) and pronouns[next_pronoun][0] < s:
            next_pronoun += 1
        inside: list[Pronoun] = []
        while next_pronoun < len(pronouns) and pronouns[next_pronoun][0] < e:
            inside.append(pronouns[next_pronoun])
            next_pronoun += 1
        genders = {"he" if p[3] else "she" for p in inside}
        if len(genders) != 1:
            if genders and content:
                here = PronounSentence(
                    text, s, e, inside, previous, own, names, mentions_someone_else
                )
                slip = mixed_slip(here, names_child, previous_subject or previous_named)
                if (previous_names_child or previous_subject is not None) and not names_child:
                    fronted = fronted_clause_slips(here, slip)
                    if fronted:
                        out.extend(fronted)
                        continue
                if slip is None:
                    slip = family_slip(here)
                if slip is None and names_child:
                    slip = family_slip(here, body=True)
                if slip is None:
                    slip = purpose_slip(here)
                if slip is not None:
                    out.append(slip)
                    continue
                slips: tuple[SentenceRead, ...] = ()
                if previous_names_child and not names_child:
                    slips = opening_pronoun_slips(here)
                    out.extend(slips)
                if not slips and not names_child:
                    opening = opening_subject(here)
                    if opening is not None:
                        out.append(opening)
            continue
        gender = genders.pop()
        kept_previous = ""
        if names_child:
            # The child named as the subject: anybody else in the sentence may own the pronoun (a
            # school or place is nobody: see ``someone_else_in``). Somebody of the pronoun's
            # gender in the sentence before may own it too ("His sister Daisy …"): that is asked
            # later, of the few sentences with the unusual pronoun only, so the sentence before is
            # kept with it.
            about_the_child = not mentions_someone_else(sentence, gender)
            kept_previous = previous
        else:
            # Opening with the pronoun: its person was named before it, in the sentence before or
            # in the words leading up to it. Somebody brought in after it ("he stays in the toilets
            # until a member of staff fetches him") cannot be who it stands for.
            opener = OPENS_WITH_PRONOUN.match(sentence) if content else None
            about_the_child = (
                opener is not None
                and not (previous and mentions_someone_else(previous, gender))
                and not mentions_someone_else(sentence[: opener.end()], gender)
            )
            if (
                opener is None
                and content
                and previous_subject is not None
                and previous_subject != gender
                and continues_with_other_pronoun(
                    PronounSentence(text, s, e, inside, previous, own, names, mentions_someone_else)
                )
            ):
                about_the_child = True
                opener = FIRST_CLAUSE_PRONOUN.match(sentence)
        if about_the_child and (names_child or opener is not None):
            subject_gender = gender
        if names_child:
            named_gender = gender
        if not about_the_child and not (
            content
            and (
                about_the_child_through_staff(
                    here := PronounSentence(
                        text, s, e, inside, previous, own, names, mentions_someone_else
                    )
                )
                or object_of_the_adult(here)
                or purpose_pronoun_of_recipient(here) is not None
            )
        ):
            nobody = False
            if cell_or_bullet:
                known = alone.get(gender)
                if known is None:
                    known = alone[gender] = names_nobody_else(text, gender, mentions_someone_else)
                nobody = known
            if not nobody:
                if content:
                    # Maybe the child's when everybody else in reach is of the other gender: asked
                    # later, of the unusual pronoun's sentences only (``only_the_other_gender``).
                    tentative.append(
                        (
                            s,
                            e,
                            gender,
                            inside[0][0],
                            inside[0][1],
                            previous if (s > 0 or not cell_or_bullet) else "",
                        )
                    )
                continue
        first = inside[0]
        out.append((s, e, gender, first[0], first[1], kept_previous, False))
    return tuple(out), before, tuple(tentative)
