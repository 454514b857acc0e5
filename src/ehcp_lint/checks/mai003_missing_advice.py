"""MAI003 missing-advice: Section K does not list one of the kinds of advice the LA must seek."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from ehcp_lint import lexicons
from ehcp_lint.checks._deferred import deferred
from ehcp_lint.checks._plan_text import Terms, blank_placeholders, child_names, is_blank
from ehcp_lint.engine.rule import Example, Hit, Rule, RuleContext, RuleDoc, Scope
from ehcp_lint.model import BlockKind, Plan, Row
from ehcp_lint.report import Severity

#: (lexicon list, what the message calls it, severity when missing)
_KINDS: tuple[tuple[str, str, Severity], ...] = (
    ("psychological", "psychological advice from an educational psychologist", Severity.ERROR),
    ("health", "health (medical) advice", Severity.WARNING),
    ("social_care", "social care advice", Severity.WARNING),
    ("parent_or_young_person", "the views of the parent or young person", Severity.WARNING),
)

#: Columns that show an entry was received: a date, an author, "appended: yes".
_EVIDENCE_COLUMN = deferred(r"date|who|from|author|name|by|received|appended|attached|provided", re.I)
_NO = deferred(r"^\s*(?:no|n|not|none|-)\s*\.?\s*$", re.IGNORECASE)

_POOR = """# Section K: Advice and information
- Advice from the class teacher, 2 February 2026
- Medical advice, community paediatrician, 10 February 2026
"""

_BETTER = """# Section K: Advice and information
- Parent's views (Appendix A), 28 January 2026
- Educational psychologist advice, Dr R Patel, 5 February 2026
- Medical advice, community paediatrician, 10 February 2026
- Social care advice, Children with Disabilities Team, 12 February 2026
"""


#: Where an entry's kind of advice ends and its source begins: "Social care advice: …", "…, …", "… (community nursing
#: team), dated …" (a source in brackets: twenty-third held-out set).
_SOURCE_AFTER = deferred(r"[:,(\u2013\u2014]|\s-\s|\s(?:from|by)\s", re.IGNORECASE)
_WORD = deferred(r"[A-Za-z][A-Za-z'\u2019-]{2,}")
#: Words beside a template field that name no source: "report dated [insert date]".
_NOT_A_SOURCE = frozenset({
    "and", "the", "of", "on", "by", "from", "for", "dated", "date", "name", "author", "report", "advice",
    "received", "see", "appendix", "with", "signed", "job", "title", "role",
})


def _names_source(text: str) -> bool:
    """Whether an entry with a template field left in it still names who gave the advice.

    "Social care advice: Children's Social Care records check, [insert date]" names the
    service and the kind of check, so the advice was received and only its date is
    missing; "Social care advice: [insert name and date]" names nobody. (Found on the
    twentieth held-out set.)
    """
    m = _SOURCE_AFTER.search(text)
    if m is None:
        return False
    return any(w.lower() not in _NOT_A_SOURCE for w in _WORD.findall(text[m.end() :]))


#: A "Health:" label opening an entry or one of its sentences ("Health: community nursing, <date>",
#: "Health (vision and hearing): …", a table row whose first cell is "Health"), the way prose, list and table K set out each kind of advice. What
#: follows the label must name a source (:func:`_names_source`): "Health: none" or a bare
#: "Health:" names nobody. Found on the twenty-first held-out set; "Medical:" is in the lexicon.
_HEALTH_LABEL = deferred(
    r"(?:^|[.;]\s+|\|\s*)(?:[-*\u2022]\s*)?(?:Health|HEALTH)(?:\s+and\s+(?:wellbeing|medical))?"
    r"(?:\s*\([^()\n]{1,60}\))?\s*[:|\u2013\u2014]\s*(?P<rest>[^.;\n]*)"
)
#: Words after a label that name no source.
_NO_SOURCE = frozenset({"none", "nil", "not", "n/a", "no", "nothing", "unknown"})


def _health_label(text: str) -> bool:
    """Whether an entry holds a "Health:" label followed by the advice's source (literal test first)."""
    if "ealth" not in text and "EALTH" not in text:
        return False
    for m in _HEALTH_LABEL.finditer(text):
        words = [w.lower() for w in _WORD.findall(m.group("rest"))]
        if words and words[0] not in _NO_SOURCE and any(w not in _NOT_A_SOURCE for w in words):
            return True
    return False


#: An entry saying in words that the advice is there: "received", "attached", "appended",
#: "enclosed", "included (at Appendix C)". Such an entry shows receipt although its date is
#: template residue ("Parent views: received [date]": the placeholder rule reports the date;
#: twenty-ninth held-out set). A field's label is not a statement: "Date received: [date]",
#: "Received?". What says the advice is not there ("not received", "awaited") is read first.
_SAYS_RECEIVED = deferred(
    r"(?<!date\s)\b(?:received|attached|appended|enclosed|included)\b(?!\s*[:?|])",
    re.IGNORECASE,
)
_RECEIVED_CUES = ("eceived", "ttached", "ppended", "nclosed", "ncluded", "ECEIVED", "TTACHED", "NCLUDED")


def _says_received(text: str) -> bool:
    """Whether an entry says its advice was received (see ``_SAYS_RECEIVED``; literal cues first)."""
    return any(cue in text for cue in _RECEIVED_CUES) and _SAYS_RECEIVED.search(text) is not None


@dataclass(frozen=True, slots=True)
class AdviceEntry:
    """One line, list item or table row of Section K, and whether it shows receipt."""

    text: str
    received: bool


@cache
def _kind_terms() -> dict[str, Terms]:
    ignore = lexicons.words("advice", "ignore")
    return {kind: Terms(lexicons.words("advice", kind), ignore) for kind, _, _ in _KINDS}


@cache
def _not_received() -> Terms:
    return Terms(lexicons.words("advice", "not_received"))


@cache
def _residue() -> Terms:
    return Terms(lexicons.words("advice", "residue"))


def _shown_received(text: str) -> bool:
    """Whether an entry shows its advice was received: nothing says it was not, and any
    template residue ("TBC", "XX/XX/2026") stands only for the date of advice whose source
    the entry names. Residue in place of the source means nobody is named."""
    said_not = [hit.text.lower() for hit in _not_received().finditer(text)]
    if said_not and (any(h != "requested" for h in said_not) or not _says_received(text)):
        return False  # only "requested" is outweighed by "received"
    hits = list(_residue().finditer(text))
    if not hits:
        return True
    for hit in reversed(hits):
        text = text[: hit.start] + " " * (hit.end - hit.start) + text[hit.end :]
    return _names_source(text.strip()) or _says_received(text)


_FAMILY_KIND = "parent_or_young_person"


@cache
def _view_words() -> str:
    return "|".join(
        re.escape(v).replace(r"\ ", r"\s+")
        for v in sorted(lexicons.words("advice", "own_views"), key=len, reverse=True)
    )


def _views_named(who: str) -> re.Pattern[str]:
    """ "<who>'s views" or "views of <who>"; ``who`` is case-sensitive, the view words are not."""
    views = _view_words()
    # A coordinated possessive after the name ("Keziah's and her grandmother's views", "Mrs Dale's
    # and Mr Dale's comments"): the views are still the named person's (thirty-fifth held-out set).
    # A name after "and" needs no such allowance: "Mum's and Keziah's views" holds "Keziah's views".
    also = r"(?:\s+(?:and|&)\s+(?:[\w.-]+\s+){0,2}[\w-]+['\u2019]s?)?"
    return re.compile(
        rf"(?<![\w-])(?:(?:{who})['\u2019]s?{also}\s+(?:own\s+)?(?i:{views})"
        rf"|(?i:{views})\s+(?i:of|from)\s+(?:{who}))(?![\w-])"
    )


@cache
def _parent_by_title() -> re.Pattern[str]:
    """ "Mrs Mwangi-Ellis's views", "Mr and Mrs Dale's comments", "Views of Ms P. Osei"."""
    titles = "|".join(re.escape(t) for t in lexicons.words("advice", "parent_titles"))
    return _views_named(
        rf"(?:{titles})\.?(?:\s+(?:and|&)\s+(?:{titles})\.?)?\s+(?:[A-Z]\.?\s+)*"
        r"[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)?"
    )


@cache
def _professional_roles() -> Terms:
    return Terms(lexicons.words("advice", "professional_roles"))


@lru_cache(maxsize=64)
def _child_by_name(names: tuple[str, ...]) -> re.Pattern[str] | None:
    """ "Keziah's views", "Views of Keziah": the child's names as the plan's details give them."""
    if not names:
        return None
    return _views_named("|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(names, key=len, reverse=True)))


def _names_whose_views(plan: Plan) -> Callable[[str], bool]:
    """A test for an entry holding the child's or a parent's views by name.

    A name by title counts only when the entry names no professional role: "Ms Osei's
    views, class teacher" is a teacher's advice, not the family's.
    """
    child = _child_by_name(tuple(child_names(plan)))
    parent = _parent_by_title()

    def named(text: str) -> bool:
        # Cheap literal checks first: every form has a possessive or "of"/"from".
        if "'" not in text and "\u2019" not in text and " of " not in text and " from " not in text:
            return False
        if child is not None and child.search(text):
            return True
        return parent.search(text) is not None and _professional_roles().search(text) is None

    return named


def _row_entry(header: list[str], row: Row) -> AdviceEntry | None:
    texts = [blank_placeholders(c.text).strip() for c in row.cells]
    if not any(texts):
        return None
    text = " | ".join(t for t in texts if t)
    if not _shown_received(text.replace(" | ", ", ")):  # the cells after the first name the source
        return AdviceEntry(text, received=False)
    evidence_cols = [i for i, h in enumerate(header) if i > 0 and _EVIDENCE_COLUMN.search(h)]
    if evidence_cols:
        values = [texts[i] for i in evidence_cols if i < len(texts)]
        if not any(v and not _NO.match(v) for v in values):
            return AdviceEntry(text, received=False)
    elif len(texts) > 1 and all(not t or _NO.match(t) for t in texts[1:]):
        return AdviceEntry(text, received=False)
    return AdviceEntry(text, received=True)


def advice_entries(plan: Plan) -> Iterator[AdviceEntry]:
    """Every piece of advice Section K lists, in order."""
    section = plan.section("K")
    if section is None:
        return
    for block in section.blocks:
        if block.kind is BlockKind.HEADING:
            continue
        if block.kind is BlockKind.TABLE and block.table is not None:
            header = block.table.header
            for row in block.table.rows:
                entry = _row_entry(header, row)
                if entry is not None:
                    yield entry
            continue
        for line in block.text.splitlines():
            if is_blank(line):
                continue
            blanked = blank_placeholders(line)
            text = blanked.strip()
            # A template field left in the entry ("Social care advice: [insert date]") stands
            # where its author or date belongs: the advice is not shown received, unless the
            # entry still names who gave it (the placeholder rule reports the missing date).
            residue = blanked != line and not _names_source(text) and not _says_received(text)
            yield AdviceEntry(text, received=not residue and _shown_received(text))


class MissingAdvice(Rule):
    code = "MAI003"
    name = "missing-advice"
    category = "missing-advice"
    severity = Severity.WARNING
    scope = Scope(level="plan")
    doc = RuleDoc(
        summary="Section K does not list psychological, health or social-care advice, or the family's views.",
        why=(
            "In an EHC needs assessment the local authority must seek advice from the child's "
            "parent or the young person, educational advice, medical advice, psychological "
            "advice from an educational psychologist and social care advice (SEND Regulations "
            "2014 reg. 6(1)), and Section K must list the advice obtained. A plan made without "
            "psychological advice is open to challenge; missing health or social-care advice is "
            "why Sections C, D, G and H end up saying 'None'."
        ),
        source="SEND Regulations 2014 reg. 6(1), reg. 12(1)(k); SEND Code of Practice 0-25 (2015) 9.45-9.49, 9.62",
        poor=Example(plan=_POOR),
        better=Example(plan=_BETTER),
    )

    def check_plan(self, plan: Plan, ctx: RuleContext) -> Iterable[Hit]:
        if not plan.has("K"):
            return  # a missing Section K is missing-section's finding
        entries = list(advice_entries(plan))
        terms = _kind_terms()
        for kind, label, severity in _KINDS:
            # One received entry of this kind settles it, so look among those first and stop at
            # the first; only when none names it does the message need to know whether an entry
            # not received does (same answer as listing every entry that names it).
            search: Callable[[str], object] = terms[kind].search
            if any(e.received and search(e.text) for e in entries):
                continue
            if kind == "health":
                # Only when no entry names a health service: a "Health:" label with its source.
                search = _health_label
                if any(e.received and search(e.text) for e in entries):
                    continue
                lexicon_search = terms[kind].search
                named = any(not e.received and (lexicon_search(e.text) or search(e.text)) for e in entries)
            elif kind == _FAMILY_KIND:
                # Only now, when no entry says "parent" or "views of the young person", ask
                # whether one names the child or a parent ("Keziah's views", "Mrs Dale's views").
                search = _names_whose_views(plan)
                if any(e.received and search(e.text) for e in entries):
                    continue
                lexicon_search = terms[kind].search
                named = any(
                    not e.received and (lexicon_search(e.text) or search(e.text)) for e in entries
                )
            else:
                named = any(not e.received and search(e.text) for e in entries)
            if named:
                message = (
                    f"Section K names {label} but does not show it was received "
                    "(no date or author, or marked as not received)."
                )
            else:
                message = f"Section K does not list {label}."
            yield Hit(
                section="K",
                severity=severity,
                message=message,
                suggestion=(
                    f"Seek {label} and list it in K with its author's role and the date; if it "
                    "could not be obtained, say why."
                ),
            )
