"""Who is in reach of a pronoun for IDN002 (pronoun change): which people of which gender.

A 'she' in a boy's plan is only a slip when nobody else it could stand for is near it: no
role ("the speech and language therapist"), no title ("Mrs Lowe"), no family member or friend
of that gender, no other first name, no singular somebody ("an adult", "a girl in his class").
These readings answer that question for a sentence, the paragraph before it or the sentence
before, and know which people fix a gender (a title, "mum", "brother") and which cannot be a
singular pronoun at all ("staff", "other pupils"). How a sentence is shaped around its pronoun
is :mod:`ehcp_lint.checks._pronoun_sentence`'s job.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ehcp_lint.checks._deferred import deferred
from ehcp_lint.checks._identity import (
    is_same_person,
    not_names,
    role_terms,
    titled_name,
)
from ehcp_lint.checks._plan_text import TermHit
from ehcp_lint.checks._pronoun_sentence import CAPITAL_WORD, SomeoneElse

#: A capitalised word inside a sentence (not its first word): maybe another person.
INNER_CAPITAL = deferred(r"(?<=[a-z,;:)]\s)[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b")


#: Anybody but staff: family, friends, pets. With one of these the pronoun may be theirs.
NOT_STAFF = deferred(
    r"\b(?:mum|mummy|mam|mom|mother|dad|daddy|father|parents?|step-?(?:mum|dad|mother|father|sister|brother)"
    r"|sisters?|brothers?|siblings?|twin|half-(?:sister|brother)|grand(?:ma|mother|pa|father|parents?|ad|dad)"
    r"|gran|granny|nan|nana|nanna|aunt(?:ie|y)?|uncle|cousins?|niece|nephew|carers?|guardian"
    r"|partner|girlfriend|boyfriend|friends?|classmates?|peers?|pupils?|baby|dog|cat|pet|pony|horse)\b",
    re.I,
)


def one_other_person(previous: str) -> bool:
    """Whether the sentence before brings in one person an object 'him' or 'her' may stand for: a
    family member, a friend, a pupil, a pet. A plural ("with three other pupils", "her parents")
    cannot be 'him' or 'her' (a plural next to the adult's sentence hid a slip on the twelfth
    held-out set)."""
    return any(not m.group(0).lower().endswith("s") for m in NOT_STAFF.finditer(previous))


def the_one_role_beside_child(sentence: str, own: set[str], previous: str) -> TermHit | None:
    """The one role in a sentence that names the child, with no group of staff in it and nobody
    else in the sentence before; None otherwise. Both object-pronoun readings ask this first:
    only then can a pronoun the role's clause governs be the child's."""
    if not any(is_same_person(w, own) for w in CAPITAL_WORD.findall(sentence)):
        return None
    roles = list(role_terms().finditer(sentence))
    if len(roles) != 1 or NOT_STAFF.search(sentence) is not None or one_other_person(previous):
        return None
    return roles[0]


#: A role owned by a pronoun ("his paediatrician", "her class teacher"): the owner is the child.
OWNED_BY_PRONOUN = deferred(r"\b(?P<owner>his|her)\s+(?:[a-z-]+\s+){0,2}$", re.I)


#: "head" as a part of the body: owned by a pronoun and followed by a preposition or the clause's
#: end ("puts his head on the desk", "holds her head in her hands"), never "his head of year".
HEAD_AS_BODY_BEFORE = deferred(r"\b(?:his|her|their|its)\s+$", re.I)
HEAD_AS_BODY_AFTER = deferred(
    r"\s*[,.;:!?)]|\s*$|\s+(?:on|onto|down|in|into|against|under|up|away|back|forward|and|when|while|if"
    r"|with|hurts?|aches?)\b",
    re.I,
)


def names_a_role(sentence: str, gender: str | None) -> bool:
    """A role word in the sentence that may be another person the pronoun stands for ("head" as a
    part of the body is none: it hid a slip on the twenty-ninth held-out set).

    A role owned by a pronoun of ``gender`` ("his paediatrician" beside "he")
    is the child's professional: a pronoun of that gender is the child's, so
    the role does not count. Owned by the other gender it still does ("Dev sees
    his paediatrician. She is pleased ...": 'she' may be the paediatrician).
    """
    for m in role_terms().finditer(sentence):
        if (
            m.text.lower() == "head"
            and HEAD_AS_BODY_AFTER.match(sentence, m.end) is not None
            and (HEAD_AS_BODY_BEFORE.search(sentence, max(0, m.start - 8), m.start) is not None)
        ):
            continue  # "puts his head on the desk": a part of the body, not a head teacher
        owned = OWNED_BY_PRONOUN.search(sentence, max(0, m.start - 40), m.start) if gender else None
        if owned is None or ("he" if owned.group("owner").lower() == "his" else "she") != gender:
            return True
    return False


def someone_else_in(
    sentence: str,
    own: set[str],
    names: frozenset[str],
    gender: str | None = None,
    place: Callable[[str], bool] | None = None,
) -> bool:
    """A role word, a title, or a name other than the child's: the pronoun may be theirs.

    Capitalised words inside the sentence count unless they are known not to be
    names ("English", "Lexia", "March") or ``place`` says the plan uses them for
    a school or place ("the size of Brookfield" beside "Brookfield Academy");
    the first word counts when it is a first name. A role owned by a pronoun of
    ``gender`` does not count (see ``names_a_role``).
    """
    if titled_name().search(sentence) is not None or names_a_role(sentence, gender):
        return True
    first = re.match(r"\W*([A-Z][a-z]+)", sentence)
    if first and first.group(1) in names and not is_same_person(first.group(1), own):
        return True
    skip = not_names()
    return any(
        not is_same_person(w, own) and w not in skip and (place is None or not place(w))
        for w in INNER_CAPITAL.findall(sentence)
    )


#: Somebody the sentence before brings in whom a pronoun of each gender may stand for: a family
#: member of that gender or of either (lower-cased words), or a title of that gender or of either
#: before a capitalised word.
# fmt: off
FAMILY_EITHER = frozenset({
    "parent", "parents", "carer", "carers", "guardian", "guardians", "sibling", "siblings", "twin",
    "cousin", "cousins", "friend", "friends", "baby", "partner",
})
FAMILY_OF_GENDER = {
    "she": FAMILY_EITHER | {
        "mum", "mummy", "mam", "mom", "mother", "step-mum", "stepmum", "stepmother", "step-mother",
        "stepsister", "step-sister", "half-sister", "sister", "sisters", "grandma", "grandmother",
        "gran", "granny", "nan", "nana", "nanna", "aunt", "auntie", "aunty", "niece", "girlfriend",
        "daughter", "wife",
    },
    "he": FAMILY_EITHER | {
        "dad", "daddy", "father", "step-dad", "stepdad", "stepfather", "step-father", "stepbrother",
        "step-brother", "half-brother", "brother", "brothers", "grandad", "granddad", "grandpa",
        "grandfather", "uncle", "nephew", "boyfriend", "son", "husband",
    },
}
# fmt: on
TITLES_OF_GENDER = {
    "she": frozenset({"Mrs", "Ms", "Miss", "Mx", "Dr", "Prof"}),
    "he": frozenset({"Mr", "Mx", "Dr", "Prof"}),
}
WORD_TOKEN = deferred(r"[A-Za-z]+(?:-[A-Za-z]+)?")


def brings_in_someone(
    previous: str, gender: str, own: set[str], names: frozenset[str], ungendered: bool = True
) -> bool:
    """The sentence before names somebody a pronoun of ``gender`` may stand for: a family member
    or title of that gender ("His sister Maisie started at Brookfield last year.") or another first
    name. A role alone ("His teacher counted the seizures") gives no gender and does not count.
    ``ungendered=False`` leaves out the family words of either gender ("friend", "parent"): asked
    for a pronoun owning the child's body, which a friend of no stated gender does not make theirs.
    One pass over the sentence's words with set look-ups."""
    family, titles = FAMILY_OF_GENDER[gender], TITLES_OF_GENDER[gender]
    if not ungendered:
        family = family - FAMILY_EITHER
    words = WORD_TOKEN.findall(previous)
    for i, w in enumerate(words):
        if w.lower() in family:
            return True
        if w in titles:
            if i + 1 < len(words) and words[i + 1][:1].isupper():
                return True
        elif w in names and not is_same_person(w, own):
            return True
    return False


#: Somebody generic a pronoun may stand for ("a girl in his class", "the adult", "someone").
SOMEBODY = deferred(
    r"\b(?:girls?|boys?|wom[ae]n|lady|ladies|m[ae]n|someone|somebody|anyone|anybody|child|children|students?"
    r"|person|people|adults?|staff|visitors?|speaker|stranger|others?|everyone|nobody|team|group|class)\b",
    re.I,
)


#: People a singular 'he' or 'she' cannot stand for: plurals and groups ("shouts at teachers",
#: "told staff", "the class", "nobody"). In a mixed sentence they leave the child as the only one
#: the pronoun can mean ("she has told staff he feels ...", missed on the thirteenth held-out set).
#: Family and friends, even plural, stay as somebody (one of "her brothers" may be "he"). "other"
#: before a group ("other pupils") goes with it, so it is not read as a singular "the other".
GROUP_OF_PEOPLE = deferred(
    r"\b(?:other\s+)?(?:staff|adults|teachers|(?:teaching |support )?assistants|therapists|pupils|peers|classmates"
    r"|children|students|people|others|everyone|everybody|nobody|the (?:whole )?(?:class|group))\b",
    re.I,
)


def without_groups(context: str) -> str:
    """``context`` with the groups of people a singular pronoun cannot stand for left out."""
    return GROUP_OF_PEOPLE.sub(" ", context) if context else context


def brings_in_anybody(context: str, mentions_someone_else: SomeoneElse) -> bool:
    """Somebody in ``context`` a pronoun of either gender may stand for: a role, family, a friend,
    a title, another name, "a girl", "the adult" (groups a singular pronoun cannot mean left out)."""
    if not context:
        return False
    rest = without_groups(context)
    return (
        SOMEBODY.search(rest) is not None
        or NOT_STAFF.search(rest) is not None
        or mentions_someone_else(rest, None)
    )


#: One somebody a singular pronoun may stand for, in a provision or outcome cell: "someone", or a
#: determiner and a person ("an adult", "the same adult", "another child"). A person word used to
#: name a thing ("the student services door", "the child development centre") is nobody.
ONE_SOMEBODY = deferred(
    r"\b(?:someone|somebody|anyone|anybody|(?:a|an|the|another|each|one|this|that|any)\s+(?:[a-z-]+\s+){0,2}?"
    r"(?:girl|boy|woman|lady|man|child|student|person|adult|visitor|speaker|stranger|other|member of staff))\b"
    r"(?!\s+(?:services?|room|council|entrance|door|area|toilets?|centre|center|led|voice|support|reception"
    r"|office|lounge|desk|hub|base|union|planner|development|health|protection)\b)",
    re.I,
)


def names_nobody_else(text: str, gender: str, mentions_someone_else: SomeoneElse) -> bool:
    """A provision or outcome cell or bullet that brings in nobody a pronoun could stand for: no
    role, family word, friend, title, other name or singular somebody ("an adult", "the person").

    Such a cell is about the child, so its pronoun is the child's: "A quiet start in the library so
    that she can settle before her first lesson" with the officer named only in the row's Who cell
    (missed on the sixteenth held-out set; the Who cell is its own unit and is not read here).
    Groups a singular pronoun cannot stand for ("a group of four pupils", "staff") are no one, nor
    is a person word naming a thing ("the student services door").
    A cell naming somebody keeps passing, however likely the child is meant: "The mentor will
    meet her parents so that she can ..." may mean the mentor, so it is not counted.
    """
    rest = without_groups(text)
    return (
        ONE_SOMEBODY.search(rest) is None
        and NOT_STAFF.search(rest) is None
        and not mentions_someone_else(text, gender)
    )


#: A title and the name after it ("Mrs Lowe", "Mr O'Neill"): the title fixes the person's gender.
TITLED = deferred(
    r"\b(?P<title>Mrs|Ms|Miss|Mr|Mx|Dr|Prof)\.?\s+(?P<name>[A-Z][a-z]+(?:[-'\u2019][A-Z]?[a-z]+)?)"
)
#: Between a role and a titled name standing in apposition: "the pastoral lead, Mrs Lowe" or
#: "Mrs Lowe, a trained mentor", "Mr Shah (the SENCo)".
ROLE_TO_TITLE = deferred(r"\s*[,(]?\s*$")
TITLE_TO_ROLE = deferred(r"\s*[,(]\s*(?:(?:a|an|the|our|their)\s+)?(?:[a-z-]+\s+){0,2}$")
GENDER_OF_TITLE = {"Mrs": "she", "Ms": "she", "Miss": "she", "Mr": "he"}
ALL_FAMILY = FAMILY_OF_GENDER["he"] | FAMILY_OF_GENDER["she"]
#: Somebody whose gender is fixed as the other one than the pronoun's (the key): a title or a family
#: word. One search rules out most sentences before ``only_the_other_gender`` reads them closely.
OTHER_GENDER_MARK = {
    gender: deferred(
        r"\b(?:"
        + "|".join(sorted(titles))
        + r")\.?\s+[A-Z]|(?i:\b(?:"
        + "|".join(sorted(FAMILY_OF_GENDER[other] - FAMILY_EITHER))
        + r")\b)"
    )
    for gender, other, titles in (("he", "she", ("Mrs", "Ms", "Miss")), ("she", "he", ("Mr",)))
}


#: A word owned by a pronoun ("his dad", "her mum"): that person is the owner's, not the pronoun.
OWNER_BEFORE = deferred(r"\b(?P<owner>his|her|their)\s+(?:[a-z-]+\s+){0,1}$", re.I)


def only_the_other_gender(
    sentence: str,
    previous: str,
    gender: str,
    own: set[str],
    names: frozenset[str],
    need_other: bool = True,
) -> bool:
    """Every other person in reach is fixed as the other gender, or is a group: the pronoun of
    ``gender`` can only be the child's.

    "... with the pastoral lead, Mrs Lowe, a trained mentor; in these sessions he will plan his
    week and talk about visits to his grandad": 'Mrs Lowe' cannot be 'he', the roles beside her
    are her, and 'his grandad' is owned by the pronoun, so 'he' is the child (the failure mode was
    found on the seventeenth held-out set). A title (Mr, Mrs, Ms, Miss) or a family word (mum, dad, sister ...)
    fixes a gender; at least one person of the other gender must be in reach. Anybody of
    the pronoun's gender, or of unknown gender (a role with no title beside it, "the counsellor", a
    parent or friend, another first name, "Dr Shah", "an adult"), in the sentence or the one before
    keeps it passing. Asked only of a sentence no other reading has tied to the child.
    ``need_other=False`` (the general reading, ``_general_slips``) also answers True when nobody
    else is in reach at all.
    """
    mark = OTHER_GENDER_MARK[gender]
    if (
        need_other
        and mark.search(sentence) is None
        and (not previous or mark.search(previous) is None)
    ):
        return False
    other = "she" if gender == "he" else "he"
    other_family = FAMILY_OF_GENDER[other] - FAMILY_EITHER
    own_family = FAMILY_OF_GENDER[gender]
    own_owner = "his" if gender == "he" else "her"
    skip = not_names()
    found_other = False
    for text in (sentence, previous):
        if not text:
            continue
        titled = [
            (m.start(), m.end(), GENDER_OF_TITLE.get(m.group("title")), m.group("name"))
            for m in TITLED.finditer(text)
        ]
        surnames = {t[3] for t in titled}
        for _start, _end, title_gender, _name in titled:
            if title_gender != other:
                return False
            found_other = True
        beside_title: list[tuple[int, int]] = []
        for role in role_terms().finditer(text):
            if text[role.start : role.end].lower() in ALL_FAMILY:
                continue  # a family word: weighed by its gender below
            owner = OWNER_BEFORE.search(text, max(0, role.start - 40), role.start)
            if owner is not None and owner.group("owner").lower() == own_owner:
                continue  # "his paediatrician" beside "he": the child's professional (``names_a_role``)
            beside = any(
                (
                    ROLE_TO_TITLE.match(text[role.end : t_start]) is not None
                    and t_start - role.end <= 3
                )
                or (
                    TITLE_TO_ROLE.match(text[t_end : role.start]) is not None
                    and 0 <= role.start - t_end <= 40
                )
                for t_start, t_end, _g, _n in titled
            )
            if not beside:
                return False
            beside_title.append(
                (role.start, role.end)
            )  # "the foster carer, Mrs Hale": she, not a carer of either
        for m in WORD_TOKEN.finditer(text):
            word = m.group(0)
            lower = word.lower()
            if any(r_start <= m.start() < r_end for r_start, r_end in beside_title):
                continue
            if lower in other_family:
                found_other = True
            elif lower in own_family and not lower.endswith("s"):
                # Somebody of the pronoun's gender, or of either, unless owned by the pronoun
                # itself ("he ... his dad": the dad is his, not 'he').
                owner = OWNER_BEFORE.search(text, max(0, m.start() - 30), m.start())
                if owner is None or owner.group("owner").lower() != own_owner:
                    return False
        for word in INNER_CAPITAL.findall(text):
            if word in surnames or word in skip or word in GENDER_OF_TITLE:
                continue
            if not is_same_person(word, own):
                return False  # another name, or a capitalised word that may be one
        first = re.match(r"\W*([A-Z][a-z]+)", text)
        if first and first.group(1) in names and not is_same_person(first.group(1), own):
            return False
        if ONE_SOMEBODY.search(without_groups(text)) is not None:
            return False
    return found_other or not need_other
