"""Reading one sentence for IDN002 (pronoun change): the pronoun and the shapes around it.

A pronoun in a plan is only the child's when the sentence's shape ties it to the child: it
opens the sentence ("She needs a quiet space"), follows a fronted clause ("When anxious, he
..."), is the object of the one adult in the sentence ("will go over it with him"), or owns
the child's family, body or staff ("his mum", "her knee", "his class teacher"). The patterns
for those shapes live here, each beside the held-out set whose failure it mends, with
:class:`PronounSentence`, the one sentence with what is in reach of it that every reading in
:mod:`ehcp_lint.checks._pronoun_slips` and :mod:`ehcp_lint.checks._pronoun_reading` asks about.
Who else is in reach (a role, a title, family, another name) is
:mod:`ehcp_lint.checks._pronoun_reach`'s job; the judgement over the whole plan is the rule's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ehcp_lint.checks._deferred import deferred
from ehcp_lint.checks._identity import Pronoun

#: Whether a text brings in somebody a pronoun of the given gender (or of either, ``None``) may
#: stand for other than the child: asked of each sentence and the one before it, answered once.
SomeoneElse = Callable[[str, str | None], bool]


@dataclass(frozen=True, slots=True)
class PronounSentence:
    """One sentence of a text with gendered pronouns in it, and what is in reach of them.

    Every slip reading asks the same things: where the sentence stands in its text, which
    pronouns it holds, the sentence before it, the child's own names, the first names the
    plan might use for somebody else, and whether a text brings in somebody else. Carrying
    them together keeps each reading's signature to what is special about it. Built only for
    the few sentences a reading is asked about.
    """

    #: The whole text (paragraph, cell or bullet) the sentence is in.
    text: str
    start: int
    end: int
    #: The pronouns inside the sentence, in order: (start, end, as written, male).
    pronouns: list[Pronoun]
    #: The sentence before it in the same section ("" at the section's start).
    previous: str
    #: The child's own names (first name, surname, what the plan calls them).
    own: set[str]
    #: The first names ehcp-lint knows: a capitalised word among them may be somebody else.
    names: frozenset[str]
    someone_else: SomeoneElse

    @property
    def sentence(self) -> str:
        return self.text[self.start : self.end]

    @property
    def paragraph_before(self) -> str:
        """The text before the sentence in its paragraph, cell or bullet."""
        return self.text[: self.start]


#: A sentence that opens with a pronoun, or with a short adverbial clause and then the pronoun ("When
#: anxious, he stays in the toilets", "In busy corridors, she covers her ears"): the pronoun is the
#: sentence's subject all the same (the leading clause was missed on the seventh held-out set).
OPENS_WITH_PRONOUN = deferred(
    r"^\W*(?:(?:when|whenever|if|once|after|before|while|whilst|during|at|in|on|by|since|because|as"
    r"|although|though|sometimes|often|usually|now|today|recently|with|without|outside|unlike|like|for)"
    r"\b[^,.;:!?]{1,60},\s+)?(?:he|she|his|her)\b",
    re.I,
)


#: School staff who work with the child ("his teaching assistant", "her class teacher").
STAFF = (
    r"(?:class teacher|teacher|teaching assistant|TA|form tutor|tutor|key worker|keyworker|key adult|mentor"
    r"|learning support assistant|LSA|HLTA|support assistant|SENCO|SENCo|speech and language therapist"
    r"|occupational therapist|physiotherapist|therapist)"
)


#: A sentence tied to the child by the work staff do with them: a pronoun owning a member of staff
#: ("His class teacher will plan his maths work"), or the object of a teaching verb ("will teach
#: him", "to practise with her"). A member of staff owns neither in an EHCP. Both are asked at a
#: pronoun already found, so only the few characters beside it are read.
STAFF_AFTER = deferred(r"\s+(?:1:1\s+)?" + STAFF + r"\b")
TAUGHT_BEFORE = deferred(
    r"\b(?:teach(?:es)?|support(?:s)?|help(?:s)?|prompt(?:s)?|remind(?:s)?|encourage(?:s)?"
    r"|(?:work|works|practise|practice|read|reads|sit|sits|play|plays) with)\s+$"
)


def tied_to_staff(text: str, pronoun: Pronoun) -> bool:
    """Whether ``pronoun`` owns a member of staff or is taught by one (see ``STAFF_AFTER``): staff
    own neither in an EHCP, so the pronoun is the child's."""
    start, end, written, _ = pronoun
    word = written.lower()
    if word in ("his", "her") and STAFF_AFTER.match(text, end):
        return True
    return (
        word in ("him", "her") and TAUGHT_BEFORE.search(text, max(0, start - 30), start) is not None
    )


#: "her" read as an object ("with her for", "give her a summary", "with her."), not as an owner
#: ("her folder"): what follows it is punctuation or a small word that cannot be owned.
HER_AS_OBJECT = deferred(
    r"\s*(?:[.,;:!?)]|$)|\s+(?:for|to|with|in|at|on|before|after|during|about|through|until|when|if|and|or"
    r"|so|each|every|again|back|up|down|out|over|how|what|a|an|the|one|two|three|four|five|twice|once"
    r"|daily|weekly|individually|first|too|by|from|into)\b",
    re.I,
)


#: Where the adult's clause may open: the sentence's start or a comma after a leading clause.
CLAUSE_OPEN = deferred(r"[,;:]\s*")


#: What may stand before the adult as the subject: "Imogen's", "a trained", "the class" …
SUBJECT_LEAD = deferred(
    r"\W*(?:(?:the|a|an|[A-Z][a-z]+(?:-[A-Z][a-z]+)?['\u2019]s)\s+)?(?:[a-z0-9:-]+\s+){0,2}$"
)


#: The adult followed by a verb: a modal, or a present or past tense ("will go over", "reads").
VERB_AFTER = deferred(
    r"(?:\s*\([^()]{1,60}\))?\s+(?:will|shall|can|could|would|must|should|may|might|is|are|has|have|does"
    r"|then|also|always|[a-z]{2,}s|[a-z]{2,}ed)\b"
)


#: A new clause between the adult and the pronoun may bring in a new subject.
NEW_CLAUSE = deferred(
    r"[;:]|\b(?:who|whom|which|that|when|while|whilst|because|if|until|unless|so|but)\b", re.I
)
CAPITAL_WORD = deferred(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b")


#: A sentence read as about the child: start, end, gender, the pronoun's span, the sentence before,
#: and whether it mixes the pronouns (see ``mixed_slip``: then the span is the other gender's
#: subject pronoun and the gender is the child's in the sentence).
SentenceRead = tuple[int, int, str, int, int, str, bool]


#: A sentence that may be about the child (see the rule's ``_Sentence.tentative``): start, end, gender, the
#: pronoun's span and the sentence before it within reach.
TentativeRead = tuple[int, int, str, int, int, str]


#: A subject pronoun ("she understands"): a slip when the sentence's owner pronoun is the other one.
SUBJECT_PRONOUN = frozenset({"he", "she"})


#: A short phrase of time or place before the sentence's first pronoun, without a comma ("At these
#: times she ...", "In lessons he ..."): the pronoun still opens the sentence as its subject.
LEADING_PHRASE = deferred(
    r"\W*(?:at|in|on|during|after|before|sometimes|often|usually|now|recently|then)"
    r"(?:\s+[a-z]+){0,3}\s+(?:he|she)\b",
    re.I,
)


#: An object pronoun in a relative clause whose subject is the adult before it: "the mentor on
#: duty, who helps her", "his tutor, who will remind him", "who then gives her". The pronoun is
#: matched in the few characters before it.
WHO_DOES_BEFORE = deferred(
    r",?\s+who\s+(?:(?:will|can|may|would|should|must|then|also|always|usually|quietly|gently)\s+){0,2}"
    r"[a-z]{2,}\s+$"
)


#: Verbs whose object is followed by what it does ("helps her calm down", "lets her choose"):
#: 'her' before a bare verb there is an object, not an owner.
LETS_DO_BEFORE = deferred(r"\b(?:helps?|lets?|makes?|watch(?:es)?|hears?|sees?)\s+$")
BARE_VERB_AFTER = deferred(
    r"\s+(?!(?:class|group|team|own|colleagues?|friends?|pupils?|students?|children|family|work|shift|desk"
    r"|room|office|lesson|lessons)\b)[a-z]+\b"
)


#: Between the adult and ", who": at most a few lower-case words ("on duty", "in the base").
ROLE_TO_WHO = deferred(r"(?:\s+[a-z]+){0,3}$")


#: A coordinator right before a subject pronoun: the pronoun opens a clause joined to the one before
#: ("... have teased him and she has ...", "..., but he ...", "...; she ...").
COORDINATOR_BEFORE = deferred(r"(?:,?\s+(?:and|but|so|then|and then|and so)|[;,])\s+$", re.I)


def coordinated_subject(text: str, first: Pronoun, inside: list[Pronoun]) -> bool:
    """A sentence not opening with a pronoun whose first pronoun ('him', 'his') comes before a
    subject pronoun of the other gender opening a coordinated clause: "Some older pupils have
    laughed at his lisp and she has shouted at one of them." With nobody in reach but groups (see
    ``mixed_slip``), both pronouns can only be the child's, so one is a slip, decided over the
    plan. The failure mode (a second clause after a first whose subject is other people) was
    found on the twenty-ninth held-out set. Only the few characters before each pronoun are read.
    """
    return any(
        male != first[3]
        and written.lower() in SUBJECT_PRONOUN
        and p_start > first[0]
        and COORDINATOR_BEFORE.search(text, max(0, p_start - 12), p_start) is not None
        for p_start, _p_end, written, male in inside
    )


#: A passive first clause ("her legs are stretched", "his splints were fitted", "is given"): an
#: agent is implied, whom a later 'he' or 'she' may stand for.
PASSIVE = deferred(
    r"\b(?:is|are|was|were|be|been|being|gets?|got|getting)\s+(?:[a-z]+ly\s+)?"
    r"[a-z]+(?:ed|en|wn|ght|nt|lt|pt|ung|ade|id|one)\b",
    re.I,
)


#: A subordinate clause fronted before the main one with 'he' or 'she' as its subject ("Because he
#: reads slowly, ...", "When she is tired, ...", "As he ..."): the pronoun stands for whoever the
#: sentence before was about, as the main clause's subject does.
FRONTED_SUBORDINATE = deferred(
    r"\W*(?:because|since|as|when|whenever|if|once|although|though|while|whilst|until|unless)\s+(?:he|she)\b",
    re.I,
)


#: A pronoun owning a member of the family ("his mum", "her older brother", "his step-dad"): in a
#: sentence that names the child, the family is the child's. Professionals' families do not appear
#: in plans, and a friend or partner is left out (they may be anybody's).
FAMILY_OWNED = deferred(
    r"\b(?P<owner>his|her)\s+(?:(?:older|younger|elder|eldest|youngest|little|big|baby|twin|foster|birth"
    r"|own)\s+)?(?:mum|mummy|mam|mom|mother|dad|daddy|father|parents?|carers?|guardians?|family|step-?(?:mum"
    r"|dad|mother|father|sister|brother)s?|sisters?|brothers?|siblings?|twin|half-(?:sister|brother)s?"
    r"|grand(?:ma|mother|pa|father|parents?|ad|dad)s?|gran|granny|nan|nana|nanna|aunt(?:ie|y)?|uncle"
    r"|cousins?|niece|nephew)\b",
    re.I,
)


#: A pronoun owning a part of the body or a feeling ("his chest", "her tummy", "his hands", "her
#: worries"): in a sentence whose subject is the child, the body is the child's, whoever else is
#: there (``family_slip`` with ``body=True``).
BODY_OWNED = deferred(
    r"\b(?P<owner>his|her)\s+(?:(?:left|right|own|whole|upper|lower)\s+)?(?:chest|tummy|stomach|belly"
    r"|head|hands?|fingers?|thumbs?|arms?|legs?|feet|foot|toes?|knees?|back|neck|throat|eyes?|ears?|skin"
    r"|mouth|teeth|tooth|nose|body|breathing|breath|heart|heartbeat|muscles?|joints?|wrists?|hips?|ankles?"
    r"|shoulders?|feelings?|emotions?|worries|temper|pain)\b",
    re.I,
)


#: A sentence whose first clause is led by a conjunction or a short phrase and has 'he' or 'she' as
#: its subject, with no comma after the clause ("When she is tired she ...", "At break he ..."):
#: the pronoun is the subject of the sentence's first clause all the same.
FIRST_CLAUSE_PRONOUN = deferred(
    r"\W*(?:(?:when|whenever|if|once|after|before|while|whilst|because|although|though|until|unless|as soon as)"
    r"|(?:at|in|on|during|after|before|sometimes|often|usually|now|recently|then)(?:\s+[a-z]+){0,3})"
    r"\s+(?:he|she)\b",
    re.I,
)
QUOTE_MARKS = frozenset('"\u201c\u201d')
