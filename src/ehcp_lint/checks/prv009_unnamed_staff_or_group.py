"""PRV009 unnamed-staff-or-group: 'key adult', 'staff', 'small group' with no role or size."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from functools import cache, lru_cache

from ehcp_lint import lexicons
from ehcp_lint.checks._deferred import deferred
from ehcp_lint.checks._provision import (
    NOT_A_PLACE,
    column_roles,
    has_group_size,
    has_role,
    inline_fields,
    refers_to_defined_key_adult,
)
from ehcp_lint.checks._text import find_terms, lexicon_patterns, sentence_spans, term_prefilter
from ehcp_lint.engine.prefilter import Prefilter
from ehcp_lint.engine.rule import Example, Hit, Rule, RuleContext, RuleDoc, Scope, TextUnit
from ehcp_lint.report import Severity

#: A small group, teaching group or class whose size is not given: "small class" says no more than
#: "small group" does (found on the eighteenth held-out set); "classroom" is a place, not a group.
_SMALL_GROUP = deferred(
    r"\bsmall[- ](?:(?:teaching|learning|tutor|nurture|class)[- ])?(?:groups?|class(?:es)?)\b", re.IGNORECASE
)
_WHO_LABEL = deferred(r"who|provider|provided by|delivered by|by whom|staff", re.IGNORECASE)
#: Staff who receive the provision (training, advice, consultation) rather than deliver it.
_RECIPIENT = deferred(
    r"\b(?:train(?:s|ing|ed)?|training for|advi(?:ce|se|ses|sing)(?: to| for)?|consult(?:s|ing|ation)? with"
    r"|liais(?:e|es|ing) with|meet(?:s|ing)? with|support for|guidance (?:to|for)|programme for|modelling for"
    r"|work(?:s|ing)? (?:together )?with|collaborat\w* with|joint(?:ly)? with|shared with)"
    r"\s+(?:the\s+|all\s+|class\s+|school\s+|his\s+|her\s+|their\s+|other\s+)*$",
    re.IGNORECASE,
)


#: Generic staff made the subject of their own training ("Staff will be trained in ...", "all staff
#: to receive training on ..."): the training is what they are given, so it does not say which staff
#: deliver the provision, unlike "staff trained in ... will" or "staff who teach her will attend ..."
#: (found on the eighteenth held-out set). Read right after the generic word.
_TRAINED_THEMSELVES = deferred(
    r"\s+(?:(?:will|shall|must|should|are to|need to|needs to|to|are|is)\s+)?(?:all\s+|also\s+|each\s+|then\s+)?"
    r"(?:(?:be|been|have been|has been)\s+(?:fully\s+|further\s+)?(?:trained|given\s+training|offered\s+training)"
    r"|(?:receive|attend|undertake|complete|have|access|get|do)\s+(?:[\w-]+\s+){0,2}?training)\b",
    re.IGNORECASE,
)


def _sentence_of(spans: list[tuple[int, int]], start: int, length: int) -> tuple[int, int]:
    """The sentence holding ``start`` (spans are computed once per unit, in order)."""
    i = bisect_right(spans, (start, length + 1)) - 1
    if i >= 0 and spans[i][0] <= start < spans[i][1]:
        return spans[i]
    return 0, length


#: Words one of which every generic actor holds ("key adult", "member of staff", "suitably
#: qualified"), and the one every "small group" holds. The literals read off the patterns
#: themselves took the heaviest word of each phrase ("support", "school", "member",
#: "relevant"), which let ~95 provision units a plan through where ~30 hold a term.
_ACTOR_WORDS = ("adult", "staff", "professional", "suitably", "appropriately")
_GROUP_WORD = "small"


@cache
def _literals() -> Prefilter | None:
    """Literals of the words this rule judges: a unit without one is never read.

    A term's words match as written (case aside), so a term holding one of
    :data:`_ACTOR_WORDS` is found only in a text holding it; texts whose
    lower-casing could hide a match are never prefiltered. Should the lexicon
    gain a term holding none of them, the literals are read off the patterns.
    """
    if _SMALL_GROUP.pattern.startswith(r"\b" + _GROUP_WORD) and all(
        any(word in term.lower() for word in _ACTOR_WORDS) for term in lexicons.words("provision", "generic_actors")
    ):
        return Prefilter.of([*_ACTOR_WORDS, _GROUP_WORD])
    patterns = [*lexicon_patterns("provision", "generic_actors"), _SMALL_GROUP]
    return Prefilter.union(term_prefilter(p) for p in patterns)


def _outside(text: str, start: int, end: int) -> str:
    """The text with one span blanked out, so a term cannot vouch for itself."""
    return text[:start] + " " * (end - start) + text[end:]


@lru_cache(maxsize=4096)
def _words_to_judge(text: str) -> tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]:
    """The generic actors and the "small group"s of ``text``, as spans.

    Remembered per text (bounded): a grid's provision cells are read twice, once per
    way the plan lays them out, and these searches are most of what the rule costs.
    """
    actors = tuple(find_terms(lexicon_patterns("provision", "generic_actors"), text))
    return actors, tuple(m.span() for m in _SMALL_GROUP.finditer(text))


@lru_cache(maxsize=4096)
def _roles_and_who_fields(text: str) -> tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...], bool]:
    """What in ``text`` itself may excuse a generic actor: the roles, the "Who:" fields, a role named there.

    Remembered per text (bounded), like :func:`_words_to_judge`; the row's other cells and
    the sentence are read per unit.
    """
    roles = tuple(find_terms(lexicon_patterns("provision", "roles"), text))
    who_fields = tuple((s, e) for label, value, s, e in inline_fields(text) if _WHO_LABEL.match(label))
    return roles, who_fields, any(has_role(text[s:e]) for s, e in who_fields)


#: Where the generic actors belong ("Staff at the youth club", "adults from the holiday club"): the
#: place is not a role, so "club" or "service" there does not say who they are (found on the fifth
#: held-out set).
_THEIR_PLACE = deferred(
    r"\s+(?:at|from|of|in)\s+(?:the\s+|a\s+|an\s+|his\s+|her\s+|their\s+)?(?:[\w'’-]+\s+){0,3}?"
    r"(?:club|clubs|unit|team|service|services|agency|home|centre|setting|provision)\b",
    re.IGNORECASE,
)


#: A role word naming a document or a programme ("the OT report", "the physiotherapist's advice",
#: "SALT targets", "OT programme to be delivered by school staff"): the role wrote it, it does
#: not deliver the provision, so it does not say who the generic actor is (found on the tenth
#: held-out set).
_DOCUMENT_AFTER_ROLE = deferred(
    r"(?:'s|’s|s'|’)?\s+(?:reports?|advice|recommendations?|programmes?|programs?|targets?|assessments?"
    r"|strateg(?:y|ies)|care plans?)\b",
    re.IGNORECASE,
)
#: One of these is in every text ``_DOCUMENT_AFTER_ROLE`` can change: most sentences hold none.
_DOCUMENT_HINTS = ("report", "advice", "recommend", "program", "target", "assessment", "strateg", "care plan")


def _without_authoring_roles(text: str) -> str:
    """The text with every role that only names a document's or programme's author blanked out."""
    lowered = text.lower()
    if not any(hint in lowered for hint in _DOCUMENT_HINTS):
        return text
    for start, end in reversed(find_terms(lexicon_patterns("provision", "roles"), text)):
        if _DOCUMENT_AFTER_ROLE.match(text, end):
            text = text[:start] + " " * (end - start) + text[end:]
    return text


#: A generic word named as a thing that changes or is missing, not as whoever delivers: "any change
#: to her timetable or staff", "a change of staff", "new staff", "staff absence" (found on the
#: seventeenth held-out set). Read just before and just after the word.
_THING_BEFORE = deferred(
    r"(?:\bchang(?:e|es|ed|ing)\s+(?:to|of|in)\s+(?:[\w'’-]+\s+){0,4}?|\b(?P<new>new|unfamiliar|different)\s+)$",
    re.IGNORECASE,
)
#: "New staff will support him": the subject after all, so "new" does not make it a thing.
_ACTS_AFTER = deferred(
    r"\s+(?:will|shall|to|should|can|could|must|may|might|would|are|is|who|working|work|works|deliver\w*"
    r"|support\w*|run\w*|lead\w*|teach\w*)\b",
    re.IGNORECASE,
)
_THING_AFTER = deferred(
    r"\s*(?:absences?|changes?|turnover|illness|sickness|rotas?|room|toilets?|photos?|photographs?)\b",
    re.IGNORECASE,
)
#: One of these (lower case) is in the text before every match of ``_THING_BEFORE``.
_THING_HINTS = ("chang", "new ", "unfamiliar ", "different ")


#: "Adults" naming whom a service is for, inside its name: "Cindervale Occupational Therapy (Adults
#: and Children)", "the Children and Adults Disability Team", "Adult Social Care", "adults'
#: services" (the forty-eighth held-out set): the service is who delivers, and adults are its clients.
_CLIENT_GROUP_AFTER = deferred(
    r"(?:\s+and\s+(?:children|young\s+people|families)\b|['’]?s?\s+(?:social\s+care|services?|team)\b)",
    re.IGNORECASE,
)
_CLIENT_GROUP_BEFORE = deferred(r"\b(?:children|young\s+people|families)(?:['’]s)?\s+and\s+$", re.IGNORECASE)


def _names_clients(text: str, start: int, end: int) -> bool:
    """Whether "adult(s)" here says whom a named service is for, not who delivers."""
    if not text[start:end].lower().startswith("adult"):
        return False
    return _CLIENT_GROUP_AFTER.match(text, end) is not None or (
        _CLIENT_GROUP_BEFORE.search(text[max(0, start - 30) : start]) is not None
    )


def _named_as_thing(text: str, start: int, end: int) -> bool:
    """The generic word is what changes or is missing, not the deliverer ("a change of staff"),
    or whom a service is for ("Occupational Therapy (Adults and Children)")."""
    if _THING_AFTER.match(text, end) or _names_clients(text, start, end):
        return True
    before = text[max(0, start - 60) : start]
    lowered = before.lower()
    if not any(hint in lowered for hint in _THING_HINTS):
        return False
    m = _THING_BEFORE.search(before)
    return m is not None and (m.group("new") is None or _ACTS_AFTER.match(text, end) is None)


def _in_who_column(unit: TextUnit) -> bool:
    """A table cell under a "Who"/"Provider" column."""
    name = unit.column_name
    return name is not None and column_roles(name).who


def _without_their_place(text: str, end: int) -> str:
    """The text with the place named right after a generic actor blanked out."""
    m = _THEIR_PLACE.match(text, end)
    return text if m is None else text[: m.start()] + " " * (m.end() - m.start()) + text[m.end() :]


#: A club or unit named as where the child goes or the provision happens ("go to the Saturday youth
#: club, where staff will help him", "staff will support her at the lunchtime club", "adults in the
#: nurture unit"): the setting, not who delivers, so it no more says which of its staff help than
#: "staff at the youth club" does (found on the forty-third held-out set; every tuned item pairing a
#: club with generic staff is labelled vague). A club that runs something ("run by the club") still
#: answers who. Only the place word is blanked: a role named on the way there still counts.
_SETTING_NAMED_AS_PLACE = deferred(
    r"\b(?:at|to|in|into|attend(?:s|ed|ing)?|join(?:s|ed|ing)?)\s+(?:[\w'’-]+\s+){0,4}?(club|unit)\b",
    re.IGNORECASE,
)
#: One of these (lower case) is in every text ``_SETTING_NAMED_AS_PLACE`` can change.
_SETTING_HINTS = ("club", "unit")


def _without_settings_named_as_place(text: str) -> str:
    """The text with every club or unit named only as where the provision happens blanked out."""
    lowered = text.lower()
    if not any(hint in lowered for hint in _SETTING_HINTS):
        return text
    for m in reversed(list(_SETTING_NAMED_AS_PLACE.finditer(text))):
        start, end = m.span(1)
        text = text[:start] + " " * (end - start) + text[end:]
    return text


#: Staff "at", "from" or "of" a Title-Case name: the staff of a named home, service or centre.
_OF_NAMED_PLACE = deferred(r"\s+(?:at|from|of)\s+(?:the\s+)?([A-Z][\w'’-]*)")


def _of_named_place(text: str, end: int) -> bool:
    """Whether the generic word ending at ``end`` is followed by the named place it works at."""
    m = _OF_NAMED_PLACE.match(text, end)
    return m is not None and m.group(1).lower() not in NOT_A_PLACE and not m.group(1).endswith(("'s", "’s"))


class UnnamedStaffOrGroup(Rule):
    code = "PRV009"
    name = "unnamed-staff-or-group"
    category = "vague-provision"
    severity = Severity.WARNING
    scope = Scope(
        level="block",
        sections=("F", "G", "H1", "H2"),
        kinds=("paragraph", "list_item", "table_cell"),
    )
    doc = RuleDoc(
        summary="Provision by 'staff', 'adults' or a 'key adult' with no role, or a 'small group' with no size.",
        why=(
            "Who delivers provision, and with how many other children, decides what the child "
            "actually gets: a trained teaching assistant working with two pupils is different "
            "provision from 'adult support' in a 'small group'. The Code of Practice asks for "
            "provision that says who will deliver it, with what expertise, and the staffing ratio; "
            "without them the plan cannot be checked or enforced. A generic word is accepted when the "
            "same sentence (or another column of the same table row) names the role, training or size."
        ),
        source="SEND Code of Practice 0-25 (2015) 9.69; L v Clarke and Somerset CC [1998] ELR 129",
        poor=Example(section="F", text="A key adult will run small group sessions on turn-taking."),
        better=Example(
            section="F",
            text=(
                "A teaching assistant trained in Lego-based therapy will run a group of Sam and "
                "three peers for 30 minutes twice a week."
            ),
        ),
    )

    def unit_prefilter(self) -> Prefilter | None:
        # Every finding sits on a generic word or "small group": a unit holding none of
        # their literals is not passed to check_unit at all.
        return _literals()

    def check_unit(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Hit]:
        # Only a unit with a word to judge is read further: most provision units name a role
        # or nothing generic, and the row, role and field questions below cost far more than
        # these two searches.
        actors, groups = _words_to_judge(unit.text)
        if not actors and not groups:
            return
        residue: tuple[tuple[int, int], ...] | None = None
        for hit in self._judge(unit, ctx, actors, groups):
            # A note to the writer ("Note to writer: … give the staff member's role") is template
            # residue, reported by the placeholder rules, not provision whose deliverer is unnamed
            # (asked only of a term about to be reported).
            if residue is None:
                residue = ctx.template_residue(unit)
            if hit.start is not None and any(s <= hit.start < e for s, e in residue):
                continue
            yield hit

    def _judge(
        self,
        unit: TextUnit,
        ctx: RuleContext,
        actors: tuple[tuple[int, int], ...],
        groups: tuple[tuple[int, int], ...],
    ) -> Iterator[Hit]:
        text = unit.text
        if actors:
            # "her key adult" once the plan has said who the key adult is (a teaching assistant
            # trained in ...): that person, not an unnamed adult (found on the sixteenth held-out set)
            actors = tuple(
                (s, e)
                for s, e in actors
                if not refers_to_defined_key_adult(text, s, e, ctx.units, unit.section_key)
            )
            if not actors and not groups:
                return
        if actors and (unit.section_key or "").startswith(("G", "H")):
            # "care staff at Willow House": in health and social care provision the named home or
            # service is who delivers it, as PRV010 reads it (left for a bare "care staff" when that
            # became a generic actor on the twenty-first held-out set)
            actors = tuple((s, e) for s, e in actors if not _of_named_place(unit.text, e))
            if not actors and not groups:
                return
        others = [c.text for c in unit.row.cells if c is not unit.cell] if unit.row is not None else []
        if others and actors and _in_who_column(unit):
            # The row's "Who" column is where it answers who: "Staff" there is not made a role by
            # "1:1 support" in the provision's name (found on the eleventh held-out set; PRV010
            # reads the row the same way). Its size still comes from the whole row.
            yield from self._generic_actors(text, actors, [], lambda pos: (0, len(text)))
            actors = ()
        spans: list[tuple[int, int]] | None = None

        def sentence_at(pos: int) -> tuple[int, int]:
            nonlocal spans
            if spans is None:  # split (and parse) only a unit that has a term to judge
                spans = sentence_spans(unit)
            return _sentence_of(spans, pos, len(text))

        if actors:
            yield from self._generic_actors(text, actors, others, sentence_at)
        if groups:
            row_has_size = any(has_group_size(t) for t in others)
            yield from self._small_groups(groups, row_has_size, text, sentence_at)

    def _generic_actors(
        self,
        text: str,
        actors: tuple[tuple[int, int], ...],
        others: list[str],
        sentence_at: Callable[[int], tuple[int, int]],
    ) -> Iterator[Hit]:
        row_has_role: bool | None = None  # asked only for a term nothing else excuses
        roles, who_fields, inline_role = _roles_and_who_fields(text)
        for start, end in actors:
            # Excuses that need no sentence come first: finding the sentence may parse the unit.
            if any(rs <= start and end <= re_ for rs, re_ in roles):
                continue  # "care staff", "teaching staff": part of a role
            if _named_as_thing(text, start, end):
                continue  # "any change to her timetable or staff": staff as the thing that changes
            in_who_field = any(s <= start < e for s, e in who_fields)
            if inline_role and not in_who_field:
                continue  # "Who: Educational psychologist." answers for the paragraph
            if row_has_role is None:
                row_has_role = any(has_role(t) for t in others)
            if row_has_role:
                continue
            s0, s1 = sentence_at(start)
            # Only the sentence is read around each term: a whole long paragraph per term
            # made this rule quadratic.
            if _RECIPIENT.search(text, s0, start) and re.search(r"staff", text[start:end], re.I):
                continue  # "training for class staff": staff receive, not deliver
            sentence = _without_settings_named_as_place(
                _without_their_place(_outside(text[s0:s1], start - s0, end - s0), end - s0)
            )
            if has_role(sentence) and has_role(_without_authoring_roles(sentence)):
                trained = _TRAINED_THEMSELVES.match(text, end)
                if trained is None:
                    continue
                # the training they receive is not a role; a role named beside it still is
                # ("... trained by the speech and language therapist")
                if has_role(_outside(sentence, trained.start() - s0, trained.end() - s0).replace("train", "     ")):
                    continue
            match = text[start:end]
            yield Hit(
                message=f"'{match}' does not say who will deliver the provision.",
                suggestion=(
                    f"Name the role and any training instead of '{match}', e.g. 'a teaching "
                    "assistant trained in emotion coaching' or 'the class teacher'."
                ),
                start=start,
                end=end,
            )

    def _small_groups(
        self,
        groups: tuple[tuple[int, int], ...],
        row_has_size: bool,
        text: str,
        sentence_at: Callable[[int], tuple[int, int]],
    ) -> Iterator[Hit]:
        for start, end in groups:
            if row_has_size:
                continue
            s0, s1 = sentence_at(start)
            if has_group_size(text[s0:s1]):
                continue
            match = text[start:end]
            noun = "class" if "class" in match.lower() and "group" not in match.lower() else "group"
            yield Hit(
                message=f"'{match}' does not say how many children are in the {noun}.",
                suggestion=(
                    "Give the group size or staffing ratio, e.g. 'in a group of no more than four "
                    "pupils with one teaching assistant (1:4)'."
                ),
                start=start,
                end=end,
            )
