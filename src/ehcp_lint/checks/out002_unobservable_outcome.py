"""OUT002 unobservable-outcome: 'improve', 'develop', 'understand' with nothing to observe or count."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from ehcp_lint.checks._deferred import deferred
from ehcp_lint.checks._smart_outcome import (
    action_placeholder,
    has_measure,
    has_time_frame,
    is_outcome_text,
    residue_quantity,
)
from ehcp_lint.engine.prefilter import may_contain, prefilter_for
from ehcp_lint.engine.rule import Example, Hit, Rule, RuleContext, RuleDoc, Scope, TextUnit
from ehcp_lint.report import Severity

#: Words that name a hoped-for change without saying what anyone would see.
_VAGUE = deferred(
    r"\b(?:improve[sd]?|improving|improvement|develop(?:s|ed|ing)?|understand(?:s|ing)?|be (?:more )?aware"
    r"|become (?:more )?aware|awareness|make (?:good |expected |better |further |continued |some )?progress"
    r"|making (?:good |expected )?progress"
    # "achieve his potential", "fulfil her full potential", "reach their potential", "realise his
    # potential", "to the best of her ability": a hope with nothing to observe (thirteenth held-out set)
    r"|(?:achiev|reach|fulfil|fulfill|realis|realiz)\w* (?:his |her |their |its |the |a )?(?:full |true "
    r"|maximum |highest |academic )?potential|(?:to )?the best of (?:his|her|their) (?:ability|abilities)"
    r"|(?:continue to )?access(?:es|ing)?"
    r"|increase[sd]? (?:his |her |their )?(?:confidence|self-esteem|independence|resilience|engagement)"
    r"|(?:more|less|better) (?:confident|independent|resilient|settled|able|aware|engaged|focused|motivated)"
    r"|(?:be|feel) (?:happy|happier|safe|safer|confident|settled|included|valued|calm|calmer)"
    # "will feel better about school", "feel more positive", "feel less worried", "be more positive":
    # a feeling with nothing said about how anyone would know (eighteenth held-out set); a count
    # still measures it ("will say she feels safe in 4 of 5 weekly check-ins")
    r"|feel(?:s|ing)? (?:better|good|positive|comfortable|relaxed|secure|(?:more|less) [\w-]+)"
    r"|be (?:better|more positive|more comfortable|more relaxed|more secure|less anxious|less worried)"
    r"|self-esteem|confidence|enjoy(?:s|ing)?|engage (?:more|better|with)|cope (?:better|with)"
    r"|manage (?:his|her|their) (?:own )?[\w-]+|learn (?:about|more)"
    # "will learn to swim", "learn how to tie his laces", "is learning to touch type": a skill
    # being learned with nothing saying how well counts as learned (twenty-sixth held-out set);
    # a criterion still measures it ("at 20 words a minute", "independently", "on 4 of 5 days")
    r"|learn(?:s|ing)? (?:how )?to"
    # a vague activity with no count, frequency or criterion: "use her SALT strategies", "use calming
    # techniques", "participate in lessons", "engage in group work" (fourteenth held-out set); a
    # measure still makes them observable ("on 4 out of 5 occasions")
    r"|us(?:e|es|ing) (?:[\w'-]+ ){0,3}?(?:strateg(?:y|ies)|techniques)|participat(?:e|es|ing) in|engag(?:e|es|ing) in"
    # a negative state: "will not be defiant", "won't be rude", "will no longer be anxious" (fourteenth
    # held-out set); a count still measures it ("will not be late more than once a term")
    r"|(?:will not|won't|will no longer|no longer) (?:be|feel|become|appear|display|show|present as) [\w-]+"
    r"|know (?:how|about|more|what|when|where|who|which|that)"
    # "will know his timetable", "will also know the fire drill": knowing, with nothing the child
    # says or does to show it (forty-fourth held-out set); only as the outcome's own verb, not "an
    # adult who does not know him", and a count or a shown act still measures it (see
    # ``_knowledge_shown``)
    r"|know(?:(?<=\bwill know)|(?<=\bwill also know))\b|tolerat(?:e[sd]?|ing)|(?:less|more) (?:often|frequently)"
    r"|appreciate|build (?:on )?(?:his|her|their)|work towards"
    r"|be ready for|participate (?:fully|more)|a (?:wide |broad )?(?:range|variety) of|such as|etc\.?"
    r"|neatly|appropriately|effectively|successfully|consistently|continue to \w+"
    # "will stop being defiant", "be less rude", "behave better" (seventh held-out set)
    r"|stop being \w+|be less \w+|behave (?:better|well|more \w+)|(?:his|her|their) behaviou?r will improve"
    # effort words: "will work harder", "try harder", "concentrate more", "make more effort" say what
    # an adult wants, not what anyone would see (tenth held-out set); a count or a length still
    # measures them ("will work for 10 minutes without a prompt")
    r"|work (?:harder|hard|better)|try (?:harder|hard|his best|her best|their best)"
    r"|concentrat(?:e|es|ing) (?:more|better|harder)|focus (?:more|better|harder)|be better behaved"
    r"|(?:make|makes|put in|puts in|show|shows) (?:more|greater|a greater|extra|a bigger|better|an?) effort"
    r"|pay (?:more|better|closer) attention|listen (?:more|better)"
    # a bare comparative with nothing to compare against: "will write for longer", "read more
    # smoothly", "sit still for longer periods", "work faster" (twenty-first held-out set); a
    # number, a baseline or a criterion still measures it ("for longer, from 4 to 12 minutes")
    r"|for longer(?: periods?)?(?: of time)?|(?:more|less) (?!than\b)[a-z]{3,}ly|faster|quicker|calmer"
    r"|be (?:more )?(?:focused|attentive|sensible|mature|responsible|well-behaved)"
    # a difficulty that "will reduce" with nothing to count it by: "his behaviour will reduce by July
    # 2027", "her anxiety will decrease" (forty-ninth held-out set); a count or a baseline still
    # measures it ("outbursts will fall from five a week to one")
    r"|(?:behaviou?rs?|anxiety|outbursts?|meltdowns?|incidents?|refusals?|absences?|lateness|aggression"
    r"|worries|distress|dysregulation|episodes?|tantrums?)(?: (?:at|in|during|on|around|before|after) [\w-]+){0,2}"
    r" will (?:reduce|decrease|lessen|diminish|decline"
    r"|fall|drop|go down|be reduced))\b",
    re.IGNORECASE,
)
#: Literals one of which is in every match of ``_VAGUE``: most outcomes hold none of them, and the
#: plan's one literal scan answers that without running the pattern.
_VAGUE_PREFILTER = prefilter_for(_VAGUE)

class UnobservableOutcome(Rule):
    code = "OUT002"
    name = "unobservable-outcome"
    category = "non-smart-outcome"
    severity = Severity.WARNING
    scope = Scope(level="block", sections=("E",), kinds=("paragraph", "list_item", "table_cell"))
    doc = RuleDoc(
        summary="An outcome like 'improve', 'develop' or 'understand' with no measure anyone could observe.",
        why=(
            "An outcome is the difference provision makes, and the annual review has to be able "
            "to tell whether it happened. 'Will develop her social skills' or 'will understand "
            "his emotions' names a hope, not something anyone can see or count; SMART outcomes "
            "say what the child will do, how well and how it will be checked."
        ),
        source="SEND Code of Practice 0-25 (2015) 9.66 and 9.69",
        poor=Example(section="E", text="By July 2027 Maya will develop her social communication skills."),
        better=Example(
            section="E",
            text=(
                "By July 2027 Maya will start a conversation with a classmate at lunchtime on 3 "
                "days out of 5, as recorded by her teaching assistant."
            ),
        ),
    )

    def check_unit(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Hit]:
        hole = action_placeholder(unit.text)
        if hole is not None:
            if not has_time_frame(unit, ctx):
                # "Outcome: By [date], Ella will [outcome].": the whole line is an unfilled template
                # line, reported as placeholder-text only (fourteenth held-out set)
                return
            # "By the end of Year 11, Sana will Choose an item.": the outcome has a time frame and a
            # child, but what the child will do was never written, so nothing can be measured.
            yield Hit(
                message="What the child will do is a template placeholder: nothing can be observed or measured.",
                suggestion=(
                    "Replace the placeholder with what the child will do, how well or how often, and how "
                    "it will be checked, e.g. 'will read a 100-word passage aloud with no more than three "
                    "errors, as recorded by the class teacher'."
                ),
                start=hole[0],
                end=hole[1],
            )
            return
        if not is_outcome_text(unit.text):
            return
        quantity = residue_quantity(unit, ctx)
        if quantity is not None:
            # "will read XX high-frequency words", "for [insert number] sessions": the number that
            # would measure it was never written, whatever else the outcome measures
            start, end = quantity
            yield Hit(
                message=(
                    f"The measure is a template placeholder ('{unit.text[start:end]}'): nothing says how "
                    "much or how often counts as achieved."
                ),
                suggestion=(
                    "Write the number the review will check, e.g. 'will read 45 of the first 100 "
                    "high-frequency words' or 'on 4 out of 5 occasions'."
                ),
                start=start,
                end=end,
            )
            return
        # The vague word first, the measure only for an outcome that has one: both are pure, so
        # the order changes no finding, and most outcomes name no vague word while working out
        # a measure takes two substitutions over the whole text.
        vague = _vague_word(unit.text)
        if vague is None or has_measure(unit):
            return
        start, end = vague
        yield Hit(
            message=f"'{unit.text[start:end]}' is not something anyone can observe or measure at a review.",
            suggestion=(
                "Say what the child will do that shows it, how well or how often, and how it will "
                "be checked, e.g. 'will start a conversation with a classmate on 3 days out of 5, "
                "as recorded by the teaching assistant'."
            ),
            start=start,
            end=end,
        )


#: Feelings the child can report: "enjoy", "feel better", "be confident", "confidence" ...
_FEELING_STARTS = ("enjoy", "feel", "be ", "confiden", "self-esteem", "more ", "less ")
#: A report of the feeling just before it: "say she enjoys", "tell an adult that he feels
#: better", "report that she is more settled", "rate his confidence". What the child says, tells,
#: reports or rates is recorded at set times, so the feeling is observed through the report; the
#: words between the report and the feeling may name who is told and who feels, but no second
#: clause ("say hello to a friend and feel happier" is still a bare feeling).
_REPORTED_BEFORE = deferred(
    r"\b(?:say|says|saying|tell|tells|telling|report|reports|reporting|rate|rates|rating|score|scores"
    r"|scoring|indicate|indicates|point to|points to)"
    r"(?: (?!(?:and|or|but|then|will|so|because|while|before|after)\b)[\w'-]+){0,5} $",
    re.IGNORECASE,
)
#: "access" as a noun or a modifier in a compound: "the access arrangements room", "his access
#: card", "wheelchair access", "the access ramp". Not the hedge "have access to", nor the verb
#: "access the library" / "access lessons".
_ACCESS_NOUN_BEFORE = deferred(
    r"\b(?:the|a|an|his|her|their|its|wheelchair|step-free|level|ramped|disabled|exam|building|site|door)\s+$",
    re.IGNORECASE,
)
_ACCESS_COMPOUND_AFTER = deferred(
    r"\s+(?:arrangements?|ramps?|cards?|routes?|points?|codes?|lifts?|doors?|fobs?|badges?|keys?|paths?"
    r"|entrances?|toilets?)\b",
    re.IGNORECASE,
)


#: Words of change that a result clause can make observable: "develop her handwriting so that she
#: writes ...", "improve his stamina enough to walk ...".
_CHANGE_STARTS = ("develop", "improv", "increas", "build", "strengthen", "extend")
#: A result clause straight after the thing to change, in the same sentence: "so that she ...",
#: "so he can ...", "to the point where they ...", "enough to ...", then the act it names.
_RESULT_CLAUSE = deferred(
    r"[^.;:!?]{0,60}?\b(?:(?:so that|so|to the point (?:where|that)|such that)\s+"
    r"(?:he|she|they|(?-i:[A-Z][a-z]+)|(?:his|her|their) [\w-]+)\s+"
    r"(?:(?:can|will|could|is able to|are able to|is then able to)\s+)?|enough to\s+)"
    r"(?P<act>[a-z][\w-]*)(?P<rest>[^.;!?]*)",
    re.IGNORECASE,
)
#: What a result clause may not open on: a state, a feeling or another hope ("so that she feels
#: happier", "so that he is more confident", "so that she understands ...").
_UNOBSERVABLE_ACTS = frozenset(
    {"is", "are", "be", "becomes", "become", "feels", "feel", "seems", "seem", "appears", "appear",
     "understands", "understand", "knows", "know", "enjoys", "enjoy", "has", "have", "gets", "get",
     "improves", "improve", "develops", "develop", "learns", "learn", "thinks", "think", "believes",
     "likes", "like", "wants", "want", "cares", "trusts", "copes", "cope", "manages", "manage",
     "makes", "make", "continues", "continue", "grows", "grow", "remains", "stays", "achieves",
     "achieve", "reaches", "reach", "progresses", "progress", "engages", "engage", "participates",
     "participate", "accesses", "access", "works", "work", "tries", "try", "does", "do"}
)


def _result_clause_names_act(text: str, end: int) -> bool:
    """A result clause after the word of change names something the child will be seen to do
    ("will develop her handwriting so that she writes her address legibly"): the clause is the
    outcome's measure, not a second hope. A clause that is itself a state, a feeling or a vague
    activity ("so that she feels happier", "so he can engage in lessons") rescues nothing (found
    on the twenty-eighth held-out set). Literal tests first: most outcomes have no such clause."""
    tail = text[end : end + 200].lower()
    if " so " not in tail and "enough to" not in tail and "to the point" not in tail and "such that" not in tail:
        return False
    clause = _RESULT_CLAUSE.match(text, end)
    if clause is None or clause.group("act").lower() in _UNOBSERVABLE_ACTS:
        return False
    act = clause.start("act")
    found = _VAGUE.search(text, act, clause.end())
    return found is None and len(clause.group("rest").split()) >= 2


#: What the child says or does, joined to the knowing in the same sentence ("and say it when
#: asked", ", naming each one", "and then point to it"): the act the review can watch for.
_JOINED_ACT = deferred(r"(?:\band (?:then )?|,\s*)(?P<act>[a-z]+)\b", re.IGNORECASE)
#: Acts that show knowing: saying, naming, pointing, reading, using, answering, walking the route.
#: A list, not any word after "and": "his timetable and his teacher's name" joins a second thing
#: to know, not an act.
_SHOWING_ACTS = frozenset(
    {"say", "says", "saying", "name", "names", "naming", "point", "points", "pointing", "read", "reads",
     "reading", "write", "writes", "writing", "tell", "tells", "telling", "show", "shows", "showing",
     "use", "uses", "using", "answer", "answers", "answering", "sign", "signs", "signing", "spell",
     "spells", "spelling", "count", "counts", "counting", "explain", "explains", "explaining",
     "describe", "describes", "describing", "list", "lists", "listing", "match", "matches", "matching",
     "find", "finds", "finding", "follow", "follows", "following", "choose", "chooses", "choosing",
     "recite", "recites", "reciting", "type", "types", "typing", "identify", "identifies",
     "identifying", "recall", "recalls", "recalling", "check", "checks", "checking", "go", "goes",
     "going", "walk", "walks", "walking", "ask", "asks", "asking", "give", "gives", "giving"}
)


_SENTENCE_STOP = deferred(r"[.;:!?]")


def _knowledge_shown(text: str, end: int) -> bool:
    """'Know' as the outcome's only verb is a hope ("By July 2027, Sam will know his timetable"):
    nobody can see knowing, only what the child says or does with it. An act the review can watch
    for, joined to it in the same sentence, shows it ("will know his address and say it when
    asked", "will know the route, walking it with one prompt"). A count is a measure already
    (``has_measure``: "will know 20 signs")."""
    sentence = _SENTENCE_STOP.split(text[end : end + 160], maxsplit=1)[0]
    return any(m.group("act").lower() in _SHOWING_ACTS for m in _JOINED_ACT.finditer(sentence))


def _excused(text: str, start: int, end: int) -> bool:
    """A vague word that is not a hope here: a feeling the child reports, 'access' naming a
    thing (found on the twenty-fifth held-out set), a word of change whose result clause
    names an observable act, or knowing shown by what the child says or does. Literal tests first: most matches are none of them, and they pay
    nothing for the patterns."""
    word = text[start:end].lower()
    if word == "know":
        return _knowledge_shown(text, end)
    if word.startswith(_CHANGE_STARTS):
        return _result_clause_names_act(text, end)
    if word == "access":
        if _ACCESS_NOUN_BEFORE.search(text[max(0, start - 20) : start]):
            return True
        return _ACCESS_COMPOUND_AFTER.match(text, end) is not None
    if word.startswith(_FEELING_STARTS):
        return bool(_REPORTED_BEFORE.search(text[max(0, start - 80) : start]))
    return False


@lru_cache(maxsize=1024)
def _vague_word(text: str) -> tuple[int, int] | None:
    """Where the first vague word is that is not excused (remembered per text, bounded: the
    pattern cannot skip ahead, and Section E repeats its texts); the plan's literal scan rules
    most texts out."""
    if _VAGUE_PREFILTER is not None and not may_contain(_VAGUE_PREFILTER, text):
        return None
    for m in _VAGUE.finditer(text):
        if not _excused(text, m.start(), m.end()):
            return (m.start(), m.end())
    return None
