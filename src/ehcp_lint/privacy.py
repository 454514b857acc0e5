"""Redaction: reports that show what to fix without showing who the plan is about.

A report quotes the plan (each finding's ``excerpt`` and ``match``) so that a
caseworker can find the words to change. With ``--redact`` the quotes keep
the words that matter to the finding and lose the personal data, so that a
report can go to a training session, a ticket or a supplier without a
child's details in it. Replaced, each with a placeholder:

=============================================  ===============
the child's name and preferred name            ``[CHILD]``
other people named in the personal details     ``[NAME]``
(parents, carers, professionals), and the
child's surname on its own
dates of birth                                 ``[DOB]``
NHS numbers (10 digits, usually 3-3-4)         ``[NHS NUMBER]``
unique pupil numbers (a letter and 12 digits)  ``[UPN]``
postcodes                                      ``[POSTCODE]``
street addresses                               ``[ADDRESS]``
UK phone numbers                               ``[PHONE]``
e-mail addresses                               ``[EMAIL]``
=============================================  ===============

Names come from the plan itself (:class:`PersonalData`, read from its
personal-details table by the worker that read the plan and carried back with
its results), so a name is found wherever the plan repeats it; the other
kinds are found by pattern in any plan. A finding's ``start``/``end`` are
moved so that they still mark its (redacted) ``match`` in its (redacted)
``excerpt``. Redaction is applied once, to the :class:`~ehcp_lint.report.Report`
(:func:`redact_report`), so every output format shows the same redacted text;
the HTML report's golden thread, which reads plans again, uses
:func:`redact_plan`.

Limits, stated in ``docs/privacy.md``: a name that the personal details do
not list (a sibling mentioned only in Section A) is not known to be a name,
and file paths are shown as given (name plan files by case reference, not by
the child's name).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ehcp_lint.metadata import parse_uk_date

if TYPE_CHECKING:
    from ehcp_lint.model import Block, Plan, PlanMetadata
    from ehcp_lint.report import Finding, Report

__all__ = [
    "PLACEHOLDERS",
    "PersonalData",
    "Redactor",
    "personal_data",
    "redact_plan",
    "redact_report",
    "redact_text",
]

CHILD = "[CHILD]"
NAME = "[NAME]"
DOB = "[DOB]"
NHS_NUMBER = "[NHS NUMBER]"
UPN = "[UPN]"
POSTCODE = "[POSTCODE]"
ADDRESS = "[ADDRESS]"
PHONE = "[PHONE]"
EMAIL = "[EMAIL]"

#: Every placeholder redaction writes.
PLACEHOLDERS: tuple[str, ...] = (CHILD, NAME, DOB, NHS_NUMBER, UPN, POSTCODE, ADDRESS, PHONE, EMAIL)


# --------------------------------------------------------------------------- what a plan says


@dataclass(frozen=True, slots=True)
class PersonalData:
    """What one plan says about whom it concerns: enough to redact its excerpts.

    Held in memory only, from the worker that read the plan to the report
    being redacted; never written anywhere.
    """

    #: The child's full name and preferred name, as the plan gives them.
    child_names: tuple[str, ...] = ()
    #: Other people named in the personal details: parents, carers, professionals.
    other_names: tuple[str, ...] = ()
    dates_of_birth: tuple[dt.date, ...] = ()
    #: Address lines and contact values from the personal details, as written.
    addresses: tuple[str, ...] = ()


def _words(text: str) -> list[str]:
    return text.split()


_TITLES = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "rev", "revd", "cllr"}
)
#: Capitalised words that are not names even when they stand where a name would.
_NOT_NAMES = frozenset(
    _words(
        "mother father mum dad parent parents carer carers guardian guardians foster grandmother "
        "grandfather grandparent grandparents aunt uncle sister brother stepmother stepfather "
        "both none not no yes unknown tbc tba n/a na given applicable known main contact "
        "male female child young person the of and or for to in on at by see other"
    )
)
#: Words that make a value an organisation or a place rather than a person.
_ORGANISATION_WORDS = frozenset(
    _words(
        "school academy college nursery primary secondary infant junior centre center clinic "
        "hospital surgery practice health service services team trust council borough county "
        "authority department unit nhs partnership group ltd limited cic charity church "
        "federation campus pupil referral pru community children's childrens family families"
    )
)
_PERSON_LABEL = re.compile(
    r"\b(?:name|parent|carer|mother|father|mum|dad|guardian|grand\w*|step\w*|foster|relative"
    r"|contact|gp|doctor|paediatrician|pediatrician|consultant|nurse|therapist|psychologist"
    r"|social worker|worker|officer|co-?ordinator|senco|teacher|headteacher|key ?worker"
    r"|professional|case|author|written by|signed|manager|advocate|interpreter|sibling"
    r"|brother|sister|lead)\b",
    re.IGNORECASE,
)
_NOT_PERSON_LABEL = re.compile(
    r"\b(?:school|setting|placement|provider|authority|council|service|nursery|college"
    r"|academy|language|ethnicity|relationship|religion|date|sex|gender|telephone|phone"
    r"|e-?mail|address|postcode|number|status|type|area)\b",
    re.IGNORECASE,
)
_ADDRESS_LABEL = re.compile(r"\b(?:address|postcode|post code|home)\b", re.IGNORECASE)
_NAME_TOKEN = re.compile(r"^[^\W\d_][\w'’\-]*$")
_PIECES = re.compile(r"\s*(?:[,;/]|\band\b|&|\s[-–—]\s)\s*")
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")


def _person_names(value: str) -> list[str]:
    """The people's names in one personal-details value ("Dr Aisha Rahman, Kingsford Health Centre")."""
    names: list[str] = []
    for piece in _PIECES.split(_BRACKETS.sub(" ", value)):
        tokens = piece.split()
        titled = bool(tokens) and tokens[0].lower().rstrip(".") in _TITLES
        if titled:
            tokens = tokens[1:]
        if not 1 <= len(tokens) <= 4 or (len(tokens) == 1 and not titled):
            continue
        lowered = {t.lower().strip("'’") for t in tokens}
        if lowered & _NOT_NAMES or lowered & _ORGANISATION_WORDS:
            continue
        if all(_NAME_TOKEN.match(t) and t[0].isupper() for t in tokens):
            names.append(" ".join(tokens))
    return names


def _address_lines(value: str) -> list[str]:
    """The whole value and each comma-separated line that holds a number (a house, a flat)."""
    lines = [value.strip()] if value.strip() else []
    lines += [p.strip() for p in re.split(r"[,\n]", value) if re.search(r"\d", p) and p.strip()]
    return lines


def personal_data_from_metadata(meta: PlanMetadata) -> PersonalData:
    """The :class:`PersonalData` a plan's metadata (personal details) gives."""
    from ehcp_lint.metadata import field_for_label, is_unfilled

    child = [n for n in (meta.child_name, meta.preferred_name) if n and not is_unfilled(n)]
    others: list[str] = []
    addresses: list[str] = []
    dates = [meta.date_of_birth] if meta.date_of_birth else []
    for label, value in meta.personal_details.items():
        if not value or is_unfilled(value):
            continue
        field = field_for_label(label)
        if field in ("child_name", "preferred_name"):
            if value not in child:
                child.append(" ".join(value.split()))
            continue
        if field == "date_of_birth":
            parsed = parse_uk_date(value)
            if parsed is not None and parsed not in dates:
                dates.append(parsed)
            continue
        if _ADDRESS_LABEL.search(label):
            addresses += _address_lines(value)
        elif _PERSON_LABEL.search(label) and not _NOT_PERSON_LABEL.search(label):
            others += [n for n in _person_names(value) if n not in others]
    return PersonalData(
        child_names=tuple(child),
        other_names=tuple(n for n in others if n not in child),
        dates_of_birth=tuple(dates),
        addresses=tuple(dict.fromkeys(addresses)),
    )


def personal_data(plan: Plan) -> PersonalData:
    """What ``plan`` says about whom it concerns (from its personal details)."""
    return personal_data_from_metadata(plan.metadata)


# --------------------------------------------------------------------------- patterns

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = (
    r"(?:\d{4}-\d{1,2}-\d{1,2}"
    r"|\d{1,2}\s?[/.\-]\s?\d{1,2}\s?[/.\-]\s?(?:\d{4}|\d{2})(?!\d)"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?(?:\s+of)?[\s\-]+{_MONTH},?[\s\-]+\d{{4}}"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
)
_ANY_DATE = re.compile(rf"(?<![\w/.\-]){_DATE}(?!\w)", re.IGNORECASE)
_DOB_CUE = re.compile(
    rf"(?:date\s+of\s+birth|\bd\.?o\.?b\b\.?|\bborn(?:\s+on)?)\s*[:\-–]?\s*(?P<date>{_DATE})(?!\w)",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[\w.+'\-]+@[\w\-]+(?:\.[\w\-]+)+")
_PHONE = re.compile(
    r"(?<![\w+])(?:\+44\s?(?:\(0\)\s?)?|\(?0)\d{2,5}\)?(?:[\s\-]?\d){5,8}(?!\d)"
)
_NHS = re.compile(r"(?<![\w])\d{3}[ \-]?\d{3}[ \-]?\d{4}(?![\w])")
_UPN = re.compile(r"(?<![\w])[A-Za-z]\d{11}[\dA-Za-z](?![\w])")
_POSTCODE = re.compile(
    r"(?<![\w])(?:[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}|GIR\s?0AA)(?![\w])", re.IGNORECASE
)
_STREET = (
    r"(?:Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Drive|Way|Crescent|Court|Ct|Place|Gardens"
    r"|Grove|Terrace|Hill|Park|Row|Square|Walk|Mews|View|Rise|Green|Parade|Boulevard|Wharf)"
)
_ADDRESS = re.compile(
    r"(?<![\w])(?:(?:Flat|Apartment|Unit)\s+\d+[A-Za-z]?,?\s+)?\d{1,4}[A-Za-z]?,?\s+"
    rf"(?:[A-Z][\w'’\-]*\s+){{1,3}}{_STREET}\b\.?",
)


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def _is_phone(text: str) -> bool:
    digits = _digits(text.replace("+44", "0", 1) if text.startswith("+44") else text)
    return 10 <= digits <= 11 or (text.startswith("+44") and 10 <= digits <= 12)


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    placeholder: str


def _literal(text: str, *, case_insensitive: bool) -> str:
    """A pattern for ``text`` as whole words, any whitespace between its words."""
    body = r"\s+".join(re.escape(word) for word in text.split())
    if case_insensitive:
        body = f"(?i:{body})"
    return rf"(?<![\w]){body}(?![\w])"


def _alternation(sources: Iterable[str]) -> re.Pattern[str] | None:
    unique = sorted(set(sources), key=len, reverse=True)
    return re.compile("|".join(unique)) if unique else None


def _name_patterns(names: Iterable[str], keep_surname: bool) -> tuple[list[str], list[str]]:
    """(patterns for the names themselves, patterns for surnames on their own)."""
    whole: list[str] = []
    surnames: list[str] = []
    for name in names:
        tokens = [t for t in name.split() if t.lower().rstrip(".") not in _TITLES]
        if not tokens:
            continue
        whole.append(_literal(" ".join(tokens), case_insensitive=True))
        given = tokens[:-1] if len(tokens) > 1 and keep_surname else tokens
        for token in given:
            if len(token) >= 2 and token.lower() not in _NOT_NAMES:
                whole += [_literal(token, case_insensitive=False), _literal(token.upper(), case_insensitive=False)]
        if len(tokens) > 1 and keep_surname and len(tokens[-1]) >= 2:
            surname = tokens[-1]
            surnames += [_literal(surname, case_insensitive=False), _literal(surname.upper(), case_insensitive=False)]
    return whole, surnames


# --------------------------------------------------------------------------- the redactor


class Redactor:
    """Finds personal data in text and replaces it with placeholders.

    Without :class:`PersonalData` only the patterns that need no knowledge of
    the plan apply (dates given as a date of birth, NHS numbers, UPNs,
    postcodes, addresses, phone numbers, e-mail addresses).
    """

    def __init__(self, personal: PersonalData | None = None) -> None:
        self.personal = personal or PersonalData()
        child, child_surnames = _name_patterns(self.personal.child_names, keep_surname=True)
        others, other_surnames = _name_patterns(self.personal.other_names, keep_surname=False)
        self._child = _alternation(child)
        self._others = _alternation(others + other_surnames + child_surnames)
        self._addresses = _alternation(
            _literal(a, case_insensitive=True) for a in self.personal.addresses if len(a) >= 4
        )

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """``(start, end, placeholder)`` of every piece of personal data, in order, not overlapping."""
        return [(s.start, s.end, s.placeholder) for s in self._spans(text)]

    def _spans(self, text: str) -> list[_Span]:
        found: list[_Span] = []

        def add(pattern: re.Pattern[str] | None, placeholder: str, group: str | int = 0) -> None:
            if pattern is None:
                return
            for m in pattern.finditer(text):
                if m.end(group) > m.start(group):
                    found.append(_Span(m.start(group), m.end(group), placeholder))

        add(_EMAIL, EMAIL)
        add(self._addresses, ADDRESS)
        add(_ADDRESS, ADDRESS)
        add(_POSTCODE, POSTCODE)
        add(_DOB_CUE, DOB, "date")
        if self.personal.dates_of_birth:
            births = set(self.personal.dates_of_birth)
            for m in _ANY_DATE.finditer(text):
                if parse_uk_date(m.group(0)) in births:
                    found.append(_Span(m.start(), m.end(), DOB))
        for m in _PHONE.finditer(text):
            if _is_phone(m.group(0)):
                found.append(_Span(m.start(), m.end(), PHONE))
        add(_UPN, UPN)
        add(_NHS, NHS_NUMBER)
        add(self._child, CHILD)
        add(self._others, NAME)
        return _without_overlaps(found)

    def redact(self, text: str) -> str:
        """``text`` with every piece of personal data replaced by its placeholder."""
        if not text:
            return text
        return _rewrite(text, self._spans(text))[0]

    def redact_marked(
        self, text: str, start: int | None, end: int | None
    ) -> tuple[str, int | None, int | None]:
        """``text`` redacted, with ``[start, end)`` moved to mark the same words in it.

        A mark that begins or ends inside a redacted name widens to take in
        the whole placeholder.
        """
        new_text, pieces = _rewrite(text, self._spans(text))
        if start is None or end is None or not 0 <= start <= end <= len(text):
            return new_text, start, end
        return new_text, _moved(start, pieces, at_end=False), _moved(end, pieces, at_end=True)

    def finding(self, finding: Finding) -> Finding:
        """A copy of ``finding`` whose quoted text (excerpt, match, message, suggestion) is redacted."""
        excerpt, start, end = self.redact_marked(finding.excerpt, finding.start, finding.end)
        if start is not None and end is not None and 0 <= start <= end <= len(excerpt):
            match = excerpt[start:end]
        else:
            match = self.redact(finding.match)
        return finding.model_copy(
            update={
                "excerpt": excerpt,
                "match": match,
                "start": start,
                "end": end,
                "message": self.redact(finding.message),
                "suggestion": self.redact(finding.suggestion),
            }
        )


def _without_overlaps(spans: list[_Span]) -> list[_Span]:
    """Earliest first, longest first where two start together; later overlapping spans dropped."""
    kept: list[_Span] = []
    reach = -1
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if span.start >= reach:
            kept.append(span)
            reach = span.end
    return kept


#: (old start, old end, new start, new end) of each replaced piece.
_Piece = tuple[int, int, int, int]


def _rewrite(text: str, spans: list[_Span]) -> tuple[str, list[_Piece]]:
    out: list[str] = []
    pieces: list[_Piece] = []
    cursor = 0
    length = 0
    for span in spans:
        out.append(text[cursor : span.start])
        length += span.start - cursor
        out.append(span.placeholder)
        pieces.append((span.start, span.end, length, length + len(span.placeholder)))
        length += len(span.placeholder)
        cursor = span.end
    out.append(text[cursor:])
    return "".join(out), pieces


def _moved(position: int, pieces: list[_Piece], *, at_end: bool) -> int:
    """Where ``position`` of the original text lands in the redacted text."""
    shift = 0
    for old_start, old_end, new_start, new_end in pieces:
        if position <= old_start:
            break
        if position < old_end:  # inside a replaced piece: take in all of the placeholder
            return new_end if at_end else new_start
        shift = new_end - old_end
    return position + shift


# --------------------------------------------------------------------------- whole reports and plans


def redact_text(text: str, personal: PersonalData | None = None) -> str:
    """``text`` with personal data replaced (names only when ``personal`` lists them)."""
    return Redactor(personal).redact(text)


def redact_report(report: Report, personal: Mapping[str, PersonalData] | None = None) -> Report:
    """A copy of ``report`` with every quoted piece of plan text redacted.

    ``personal`` maps each plan's path (as in ``PlanReport.path``) to what
    that plan says about whom it concerns; plans without an entry get the
    pattern-based redaction only. Errors name files and problems, never plan
    text, so they are kept as they are.
    """
    people = personal or {}
    redacted = report.model_copy(deep=True)
    for plan in redacted.plans:
        redactor = Redactor(people.get(plan.path))
        plan.findings = [redactor.finding(f) for f in plan.findings]
    return redacted


def _redact_block(block: Block, redactor: Redactor) -> None:
    block.text = redactor.redact(block.text)
    block.column_name = redactor.redact(block.column_name) if block.column_name else block.column_name
    block.boxes = []
    if block.table is not None:
        block.table.header = [redactor.redact(h) for h in block.table.header]
        for row in block.table.rows:
            for cell in row.cells:
                cell.text = redactor.redact(cell.text)
                cell.boxes = []


def redact_plan(plan: Plan) -> Plan:
    """A copy of ``plan`` with its text redacted (for outputs that show plan text beyond findings).

    Personal details keep their labels; their values and the name and date
    fields are replaced. PDF word positions are dropped (they describe the
    original text).
    """
    redactor = Redactor(personal_data(plan))
    copy = plan.model_copy(deep=True)
    for _, block in copy.blocks():
        _redact_block(block, redactor)
    for section in copy.sections:
        section.title = redactor.redact(section.title)
    meta = copy.metadata
    meta.child_name = CHILD if meta.child_name else None
    meta.preferred_name = CHILD if meta.preferred_name else None
    meta.date_of_birth = None
    meta.personal_details = {
        label: redactor.redact(value) for label, value in meta.personal_details.items()
    }
    return copy
