"""PRV102 provision-outside-provision-sections: specified provision written only in A, B or E."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from functools import cache

from ehcp_lint import lexicons
from ehcp_lint.checks._deferred import deferred
from ehcp_lint.checks._plan_text import (
    Terms,
    blank_placeholders,
    is_case_sensitive,
    reading_units,
    sentence_spans,
    term_pattern,
)
from ehcp_lint.checks._provision import has_frequency
from ehcp_lint.engine.prefilter import Prefilter, may_contain, pattern_prefilter
from ehcp_lint.engine.rule import Example, Hit, Rule, RuleContext, RuleDoc, Scope
from ehcp_lint.model import Plan
from ehcp_lint.report import Severity

#: Provision roles that are family members or too general to name a provider.
_NOT_PROVIDERS = frozenset(
    {
        "parent", "parents", "mum", "dad", "carer", "carers", "foster carer", "foster carers", "worker",
        "workers", "practitioner", "practitioners", "coach", "instructor", "tutor", "PA", "GP",
        "consultant", "doctor",
    }
)
_VERBS = (
    r"(?:deliver|run|provide|work|teach|pre-?teach|see|support|lead|implement|carry\s+out|offer|give|meet|model|"
    r"visit|train|read|practise|practice|spend|check)\w*"
)
_WILL = r"(?:will|shall|must|is\s+to|are\s+to)"
#: "will have" as receiving ("will have speech and language therapy"), not the child's achievement
#: in the future perfect ("will have joined a lunchtime club", "will have made a friend"): an outcome
#: whose verb is the child's, found on the twenty-third held-out set. "will have had" stays receiving.
#: Nor having none or fewer of something ("will have no unplanned hospital stays", "will have fewer
#: than two falls a term"): a measure of the child's health or behaviour, not something received
#: (the forty-seventh held-out set).
_RECEIVES = deferred(
    r"\bwill\s+(?:continue\s+to\s+)?(?:receive|have(?!\s+(?:no|fewer|less|zero|none|not)\b)(?!\s+(?!had\b|received\b|been\b|needed\b)"
    r"(?:[a-z]+ed|made|taken|done|gone|won|written|begun|built|kept|met|spoken|chosen|become|found|shown"
    r"|learnt|sat|held|led|run|swum|ridden|drawn|grown|known|understood|taught|told|caught|bought)"
    # the participle takes an object or a phrase, not a noun it describes ("will have extended time")
    r"(?=\s+(?:a|an|the|one|two|three|four|five|\d+|his|her|their|its|it|them|at|in|on|to|with|into|for|from"
    r"|by|all|each|every|some|most|more|up|out|part|friends?)\b|\s*[.,;:)]|\s*$))"
    r"|be\s+given|be\s+provided\s+with|get|be\s+offered)\b",
    re.I,
)
_WISH = deferred(r"\b(?:would\s+like|hope|hopes|wish|wishes|want|wants|would\s+benefit|could|might)\b", re.I)

#: What either form of a promise PRV102 reads (``_role_first``, ``_RECEIVES``) holds: "will",
#: "shall", "must", "is to" or "are to" with white space after it. A text without it cannot be
#: flagged, and most A, B and E texts are ruled out by it far more cheaply than by the roles'
#: alternation (property-tested against both patterns in ``tests/test_prv102_speed_guards.py``).
_PROMISE = r"(?:will|shall|must|is\s+to|are\s+to)\s"
#: Searched in lower-cased ASCII text: a plain search the regex engine skips through by first letter.
_PROMISE_LOWER = deferred(_PROMISE)
#: Any other text: IGNORECASE folds letters such as "\u017f" onto ASCII ones, which lower() does not.
_PROMISE_ANY_CASE = deferred(_PROMISE, re.I)


def may_promise(text: str) -> bool:
    """False only when ``text`` holds no "will"/"shall"/"must"/"is to"/"are to", so no promise of provision."""
    if text.isascii():
        return _PROMISE_LOWER.search(text.lower()) is not None
    return _PROMISE_ANY_CASE.search(text) is not None


_POOR = """# Section E: Outcomes
- By July 2027 Finley will read 100 common words. A teaching assistant will deliver a 20-minute phonics session with Finley every day.
# Section F: Special educational provision
Finley will be taught in a class of 30 with differentiated work.
"""

_BETTER = """# Section E: Outcomes
- By July 2027 Finley will read 100 common words on sight.
# Section F: Special educational provision
A teaching assistant will deliver a 20-minute phonics session with Finley every day.
"""


#: A verb of saying, thinking or feeling with its "that": what follows is someone's words or
#: worry reported ("She told her teacher that she worries every day that she will have a seizure"),
#: not provision (found on the eighth held-out set). Not "so that", nor "when she feels anxious,".
_REPORTED = deferred(
    r"\b(?:told|tells?|said|says|explained|explains|reported|reports|worr(?:y|ies|ied)|fears?|feared|afraid"
    r"|scared|frightened|thinks?|thought|believes?|believed|feels?|felt|knows?|knew|hopes?|hoped|imagines?"
    r"|wonders?|wondered|asked|asks|dreams?|convinced|mentioned|shared)\b(?:\s+[\w'’]+){0,4}?\s+that\b",
    re.IGNORECASE,
)
#: A literal in every match of ``_REPORTED``: most sentences hold none and skip it.
_REPORTED_HINT = "that"


#: A frequency written as the outcome's success measure: "on at least 8 of 10 weeks", "in 4 out of 5
#: sessions", "on nine out of ten school days". It counts how often the child achieves something,
#: not how often provision is delivered (found on the twenty-third held-out set). Searched only when
#: the sentence holds " of " (the cheap literal before the regex).
_CRITERION = deferred(
    r"\b(?:on|in|at|for|during)\s+(?:at\s+least\s+|a\s+minimum\s+of\s+|no\s+fewer\s+than\s+)?"
    r"(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)"
    r"\s+(?:out\s+)?of\s+(?:the\s+|every\s+|her\s+|his\s+|their\s+)?"
    r"(?:\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)?\s*"
    r"(?:[a-z-]+\s+){0,2}?(?:weeks?|days?|sessions?|occasions?|lessons?|opportunities|attempts?|trials?|times"
    r"|mornings?|afternoons?|lunchtimes?|playtimes?|breaktimes?|visits?|meetings?|clubs?|journeys?|meals?|periods?)\b",
    re.I,
)


def _frequency_beside_measure(sentence: str) -> bool:
    """Whether the sentence states how often, leaving out a frequency written as a success measure.

    Asked only when the child, not a provider, is the subject and "will have" the verb: "A mentor
    will see Jo on 3 out of 5 school days" and "Jo will receive ... in 4 of 5 lessons" keep theirs."""
    if " of " in sentence:
        sentence = _CRITERION.sub(" ", sentence)
    return has_frequency(sentence)


def _promise(sentence: str, role_first: re.Pattern[str], providers: Terms) -> re.Match[str] | None:
    """Where the sentence is shaped as provision: a provider as the subject of "will/must ... deliver,
    run, see ..." or the child receiving ("will have", "will receive") from a provider named after
    the verb. Not a promise inside someone's reported words or worries, and not a child who "will
    have a seizure" with a role named only before it (the person she told)."""
    found = role_first.search(sentence)
    if found is None:
        found = _RECEIVES.search(sentence)
        if found is None or providers.search(sentence[found.end() :]) is None:
            return None
    if _REPORTED_HINT in sentence.lower() and _REPORTED.search(sentence, 0, found.start()):
        return None
    return found


@cache
def _providers() -> Terms:
    return Terms(w for w in lexicons.words("provision", "roles") if w not in _NOT_PROVIDERS)


@cache
def _role_first() -> re.Pattern[str]:
    roles = _providers().regex.pattern
    return re.compile(rf"{roles}\s+{_WILL}\s+(?:\w+\s+){{0,2}}?{_VERBS}\b", re.I)


def _norm(role: str) -> str:
    return " ".join(role.lower().split())


class _ProviderFilter:
    """Which texts cannot name a provider, found without running the roles' long alternation.

    The roles' own prefilter is none at all: "TA", "EP" and "OT" are shorter
    than any literal worth scanning for, so every A, B and E unit ran the
    alternation of ~200 roles. Those short roles, like every one-word role in
    capitals ("SENCO", "ToD"), are matched case-sensitively, so a plain search
    for them as written finds every text that can hold one; the other roles
    keep a literal prefilter of their own. A text holding neither cannot name
    a provider (property-tested against the full pattern).
    """

    def __init__(self, providers: Terms) -> None:
        exact = [e for e in providers.entries if is_case_sensitive(e) and e.isalnum()]
        rest = [e for e in providers.entries if e not in exact]
        #: The one-word case-sensitive roles, as written (a literal alternation: fast to skip).
        self.exact: re.Pattern[str] | None = re.compile("|".join(map(re.escape, exact))) if exact else None
        plain = r"(?<![\w-])(?:" + "|".join(term_pattern(e) for e in rest) + r")(?![\w-])"
        self.literals: Prefilter | None = pattern_prefilter(re.compile(plain, re.IGNORECASE)) if rest else None
        #: Some other role has no literal to look for: every text may name one.
        self.everything = bool(rest) and self.literals is None

    def may_name(self, text: str) -> bool:
        """False only when no role of the list can occur in ``text``."""
        if self.everything or (self.exact is not None and self.exact.search(text) is not None):
            return True
        return self.literals is not None and may_contain(self.literals, text)


@cache
def _provider_filter() -> _ProviderFilter:
    return _ProviderFilter(_providers())


def _provision_text(ctx: RuleContext) -> str:
    """The provision sections read as one text, as a reader would."""
    return " ".join(blank_placeholders(u.text) for u in reading_units(ctx, ("F", "G", "H1", "H2", "H")))


#: ASCII punctuation no role can hold (roles are letters, digits, spaces, "-" and "'"), so no
#: hit of the roles' alternation runs across one.
_BREAK = deferred(r"[!\"#$%&()*+,./:;<=>?@\[\\\]^_`{|}~]")


@cache
def _breaks_cut_no_role(providers: Terms) -> bool:
    """Whether no role of ``providers`` can hold a break and none is left out by an ignore list."""
    return providers.ignore is None and all(ch.isalnum() or ch in " -'" for e in providers.entries for ch in e)


class _ProvisionRoles:
    """Whether the provision sections name a role, asked only of the roles a flagged sentence names.

    The rule ran the roles' alternation over all of F, G and H read as one
    text (~21,000 characters, ~2.3 ms on the 1x plan) for the one or two sentences a plan that
    get that far. Its hits can be found piecemeal: no hit runs across a break (punctuation no
    role holds), so the search started just after the last break before an offset finds the
    very hits the whole search finds from there on; and a hit whose normalised text is
    "teaching assistant" starts where the lower-cased text holds "teaching" (lower-casing keeps
    every offset when it keeps the length). So only the stretches holding a role's first word
    are searched, from their last break. Texts where lower-casing moves offsets, and role lists
    with characters a break could hold or with an ignore list, get the whole search, as before.
    Tested against the whole search (``tests/test_prv102_speed_guards.py``).
    """

    def __init__(self, text: str, providers: Terms) -> None:
        self.text = text
        self.providers = providers
        self.lowered = text.lower()
        self._answers: dict[str, bool] = {}
        self._breaks: list[int] | None = None
        piecemeal = len(self.lowered) == len(text) and _breaks_cut_no_role(providers)
        #: The whole search's answer, when it cannot be found piecemeal.
        self._all: set[str] | None = None if piecemeal else {_norm(h.text) for h in providers.finditer(text)}

    def names(self, role: str) -> bool:
        """Whether the whole search has a hit whose normalised text is ``role`` (normalised)."""
        if self._all is not None:
            return role in self._all
        known = self._answers.get(role)
        if known is None:
            known = self._answers[role] = self._search(role)
        return known

    def _search(self, role: str) -> bool:
        # Where the lower-cased text holds the role's words with any white space between them
        # (``\s`` and ``str.split`` agree on what white space is): every hit normalised to
        # ``role`` starts at one of these places, and few other places qualify. Each search
        # resumes one character on, so places overlapping one another ("x y" in "x y x y")
        # are all found.
        words = role.split(" ")
        if not role or not all(words):
            return False  # a hit is never empty and its normalised text has single spaces
        text, regex = self.text, self.providers.regex
        place = re.compile(r"\s+".join(map(re.escape, words))).search
        found = place(self.lowered)
        while found is not None:
            at = found.start()
            found = place(self.lowered, at + 1)
            for hit in regex.finditer(text, self._stretch_start(at)):
                if hit.start() > at:
                    break
                if hit.start() == at and _norm(hit.group()) == role:
                    return True
        return False

    def _stretch_start(self, at: int) -> int:
        """Just after the last break before ``at`` (0 if none): where a search starts afresh."""
        if self._breaks is None:
            self._breaks = [m.start() for m in _BREAK.finditer(self.text)]
        i = bisect_right(self._breaks, at - 1)
        return self._breaks[i - 1] + 1 if i else 0


class ProvisionOutsideProvisionSections(Rule):
    code = "PRV102"
    name = "provision-outside-provision-sections"
    category = "provision-in-wrong-section"
    severity = Severity.WARNING
    scope = Scope(level="plan")
    doc = RuleDoc(
        summary="Provision saying who, how often and what is written in A, B or E but not in F.",
        why=(
            "Only provision specified in Section F (and G, H1, H2) is secured by the plan: the "
            "local authority's duty in s.42 of the Children and Families Act 2014 attaches to F. "
            "Support described in the views, the needs or the outcomes cannot be enforced, and "
            "an outcome that is really provision in disguise measures nothing (SEND Code of "
            "Practice 9.64-9.69)."
        ),
        source="Children and Families Act 2014 s.42; SEND Code of Practice 0-25 (2015) 9.62, 9.64-9.69",
        poor=Example(plan=_POOR),
        better=Example(plan=_BETTER),
    )

    def prepare(self) -> None:
        _provider_filter()  # its literals join the runner's one scan per text from the first plan

    def check_plan(self, plan: Plan, ctx: RuleContext) -> Iterable[Hit]:
        providers = _providers()
        in_provision: _ProvisionRoles | None = None  # made for the first sentence that needs it
        role_first = _role_first()
        pf = _provider_filter()
        for unit in reading_units(ctx, ("A", "B", "E")):
            text = blank_placeholders(unit.text)
            # Cheapest questions first: most A, B and E texts promise nothing ("will", "must"...)
            # or name no provider, and the roles' alternation is the dearest search of the rule:
            # it is run only over the sentences that promise something.
            if not may_promise(text) or not pf.may_name(text):
                continue  # no sentence of it promises provision from a provider
            for s, e in sentence_spans(text):
                sentence = text[s:e]
                if not may_promise(sentence) or providers.search(sentence) is None:
                    continue
                if _WISH.search(sentence) or not has_frequency(sentence):
                    continue
                promise = _promise(sentence, role_first, providers)
                if promise is None:
                    continue
                if (
                    promise.re is not role_first
                    and promise.group().lower().endswith("have")
                    and not _frequency_beside_measure(sentence)
                ):
                    continue  # the child's own doing, measured: "will have a chat ... on 4 of 5 days"
                if in_provision is None:
                    in_provision = _ProvisionRoles(_provision_text(ctx), providers)
                roles = list(providers.finditer(sentence))
                if any(in_provision.names(_norm(r.text)) for r in roles):
                    continue
                # the provider of the promise: its subject, or the role named after "will have"
                provider = next((r for r in roles if r.start >= promise.start()), roles[0])
                section = unit.section_key
                yield Hit(
                    unit=unit,
                    start=s,
                    end=e,
                    message=(
                        f"Section {section} sets out provision ({provider.text}, how often, what) "
                        "that is not specified in Section F."
                    ),
                    suggestion=(
                        "Move this provision to Section F (or G/H for health or social care), where "
                        "it can be enforced; in Section "
                        f"{section} keep only {'the outcome it leads to' if section == 'E' else 'the need or view it answers'}."
                    ),
                )
