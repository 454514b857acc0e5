"""Personal details of a plan: who it is for, when it was issued, draft or final.

Rules need a few facts that every plan states somewhere near the top: the
child's name (to spot another child's name pasted in), the year group (Preparing
for Adulthood outcomes are due from Year 9), the plan and review dates (out of
date plans), draft or final, looked-after status (social-care input). Plans
state them as label/value tables (two or four columns), as "Label: value"
lines, or in the title ("DRAFT EHC Plan"). This module reads those forms and
nothing else; it never guesses a value from prose.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence

from ehcp_lint.checks._deferred import deferred
from ehcp_lint.model import Block, BlockKind, PlanMetadata, Section

__all__ = [
    "extract_metadata",
    "is_unfilled",
    "label_value_pairs",
    "parse_uk_date",
    "parse_year_group",
    "phase_for_year_group",
]

# --------------------------------------------------------------------------- values

_PLACEHOLDER = deferred(
    r"\{\{.*?\}\}|\{%.*?%\}|^\[[^\]]*\]$|^<[^>]*>$|\binsert\b|^x{2,}$|^_+$|^\.{3,}$"
    r"|^(?:dd|d)[/.-](?:mm|m)[/.-](?:yyyy|yy)$|^tbc$|^tba$|^n/?a$|^yes\s*/\s*no$|^-+$",
    re.IGNORECASE,
)


def is_unfilled(value: str) -> bool:
    """True for template residue that stands where a value should be.

    "{{ name }}", "[insert name]", "<date>", "dd/mm/yyyy", "TBC", "YES/ NO":
    the field is left empty rather than filled with the template's wording.
    """
    v = " ".join(value.split())
    return not v or bool(_PLACEHOLDER.search(v))


_MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_ISO = deferred(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b")
_NUMERIC = deferred(r"\b(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4}|\d{2})\b")
_DAY_MONTH = deferred(
    rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?[\s\-]+{_MONTH},?[\s\-]+(?P<y>\d{{4}})\b",
    re.IGNORECASE,
)
_MONTH_DAY = deferred(
    rf"\b{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b", re.IGNORECASE
)


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        # Two-digit years: children on plans were born this century; a plan dated
        # "3.4.98" is a pre-2000 statement conversion.
        year += 2000 if year < 70 else 1900
    return year


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_uk_date(text: str) -> dt.date | None:
    """The first full date in ``text``, read day-first as UK documents write it.

    "03/04/2015", "3.4.15", "3 April 2015", "3rd April 2015", "2015-04-03" → 3 April 2015.
    A month and year alone ("April 2015") is not a date: ``None``.
    """
    if is_unfilled(text) and "{{" in text:
        return None
    candidates: list[tuple[int, dt.date]] = []
    for pattern in (_ISO, _NUMERIC):
        for m in pattern.finditer(text):
            if pattern is _NUMERIC and m.start() > 0 and text[m.start() - 1] in "-/.":
                continue
            parsed = _date(_year(m.group("y")), int(m.group("m")), int(m.group("d")))
            if parsed is not None:
                candidates.append((m.start(), parsed))
                break
    for pattern in (_DAY_MONTH, _MONTH_DAY):
        for m in pattern.finditer(text):
            month = _MONTHS[m.group("month").lower().rstrip(".")]
            parsed = _date(_year(m.group("y")), month, int(m.group("d")))
            if parsed is not None:
                candidates.append((m.start(), parsed))
                break
    if not candidates:
        return None
    return min(candidates, key=lambda item: item[0])[1]


_YEAR_GROUP = deferred(
    r"\b(?:nc\s*|national curriculum\s*|school\s*)?(?:year|yr|y)\s*(?P<n>1[0-4]|[1-9])\b", re.IGNORECASE
)


def parse_year_group(text: str) -> str | None:
    """ "Year 5", "Y10", "NC Year 9", "Yr 7" → "Year N"; "Reception", "Nursery" as such."""
    v = " ".join(text.split())
    if is_unfilled(v):
        return None
    if re.search(r"\breception\b|^R$|\bfs2\b", v, re.IGNORECASE):
        return "Reception"
    if re.search(r"\bnursery\b|\bfs1\b|\bpre-?school\b", v, re.IGNORECASE):
        return "Nursery"
    m = _YEAR_GROUP.search(v)
    if m:
        return f"Year {int(m.group('n'))}"
    if re.fullmatch(r"1[0-4]|[1-9]", v):
        return f"Year {int(v)}"
    return None


def phase_for_year_group(year_group: str) -> str | None:
    """The phase of education a year group sits in (England's national curriculum)."""
    if year_group in ("Nursery", "Reception"):
        return "early years"
    m = re.fullmatch(r"Year (\d+)", year_group)
    if not m:
        return None
    n = int(m.group(1))
    if n <= 6:
        return "primary"
    if n <= 11:
        return "secondary"
    return "post-16"


def _parse_phase(text: str) -> str | None:
    v = text.lower()
    if is_unfilled(v):
        return None
    checks = (
        (r"further education|\bfe\b|college", "further education"),
        (r"post[- ]?16|sixth form|key stage 5|\bks ?5\b|post[- ]?19", "post-16"),
        (r"secondary|key stage [34]|\bks ?[34]\b", "secondary"),
        (r"primary|key stage [12]|\bks ?[12]\b|infant|junior", "primary"),
        (r"early years|eyfs|nursery|reception|pre-?school|foundation stage", "early years"),
    )
    for pattern, phase in checks:
        if re.search(pattern, v):
            return phase
    return None


def _parse_yes_no(text: str) -> bool | None:
    v = " ".join(text.lower().split())
    if is_unfilled(v) and not re.match(r"^(yes|no)\b", v):
        return None
    if re.match(r"^(yes|y|true|currently)\b", v):
        return True
    if re.match(r"^(no|n|false|not|none|never)\b", v):
        return False
    return None


# --------------------------------------------------------------------------- labels

_LABEL_FIELDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (field, re.compile(pattern))
    for field, pattern in (
        ("preferred_name", r"(?:preferred name|known as|name known by|preferred to be called)"),
        (
            "child_name",
            r"(?:(?:child(?:(?: or |/)young person)?'?s?|young person'?s?|cyp'?s?|pupil'?s?|student'?s?)"
            r" )?(?:full |legal )?name(?: of (?:the )?(?:child|young person|child(?: or |/)young person))?",
        ),
        ("date_of_birth", r"(?:date of birth|d\.?o\.?b\.?|birth date)"),
        ("year_group", r"(?:current )?(?:nc |national curriculum |school )?year(?: group)?(?: \(nc\))?"),
        ("phase", r"(?:(?:educational |education )?phase(?: of education)?|key stage|current key stage)"),
        (
            "plan_date",
            r"(?:date of (?:this )?plan|date (?:plan )?issued|date of issue|plan date|issue date"
            r"|date (?:plan )?finali[sz]ed|date of final plan|date of (?:this )?(?:ehc ?p|ehc plan)"
            r"|date (?:ehc ?p|ehc plan) issued|date of draft(?: plan)?)",
        ),
        (
            "last_review_date",
            r"(?:date of (?:the )?(?:last|latest|most recent) (?:annual )?review|last annual review"
            r"(?: date)?|(?:last |annual )?review date|date of (?:annual )?review|last reviewed)",
        ),
        ("status", r"(?:(?:plan )?status|draft or final|draft/final|final or draft|version status)"),
        (
            "looked_after",
            r"(?:(?:is the child |is the young person |currently (?:a )?)?looked after(?: child| status)?\??"
            r"|(?:currently (?:a )?)?child looked after|cla|lac|cla status|lac status)",
        ),
        ("known_to_social_care", r"known to social care"),
    )
)


def _normalise_label(label: str) -> str:
    label = label.replace("\u2019", "'").replace("\u2018", "'")
    label = re.sub(r"[*_]", "", label)
    label = re.sub(r"(?<=\w)-(?=\w)", " ", label)  # "Looked-after child"
    label = " ".join(label.split()).strip().rstrip(":").strip().lower()
    return label.rstrip("?").strip()


def field_for_label(label: str) -> str | None:
    """The metadata field a label names, or ``None``."""
    norm = _normalise_label(label)
    if not norm or re.match(r"^(has been|previously|was|former)", norm):
        return None
    for field, pattern in _LABEL_FIELDS:
        if pattern.fullmatch(norm):
            return field
    return None


# --------------------------------------------------------------------------- pairs

_INLINE_PAIR = deferred(r"^(?P<label>[^:\n]{1,60}?)\s*:\s*(?P<value>\S.*)$")
_PAIR_SPLIT = deferred(r"\t+| {3,}")


def _looks_like_label(text: str) -> bool:
    """A table cell that names a field: "Date of birth:", "Known to social care"."""
    t = " ".join(text.split())
    if not t or len(t.split()) > 12 or len(t) > 90 or is_unfilled(t):
        return False
    if t.endswith(":") or field_for_label(t) is not None:
        return True
    return not t.endswith((".", "!")) and len(t.split()) <= 10 and not re.search(r"\d", t)


def _looks_like_label_only(text: str) -> bool:
    t = " ".join(text.split())
    return t.endswith(":") and len(t.split()) <= 8


def _inline_pairs(text: str) -> Iterator[tuple[str, str]]:
    """ "Label: value" pieces of a text (several per line when tab-separated).

    A line with no colon still gives a pair when it starts with a known label
    ("Date of birth 3 April 2015", as details read once pasted into plain text).
    """
    for line in text.split("\n"):
        for piece in _PAIR_SPLIT.split(line):
            piece = piece.strip()
            m = _INLINE_PAIR.match(piece)
            if m and len(m.group("label").split()) <= 8:
                yield m.group("label").strip(), m.group("value").strip()
            elif m is None:
                pair = _prefix_pair(piece)
                if pair is not None:
                    yield pair


_PREFIX_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(rf"(?P<label>{pattern.pattern})\s+(?P<value>\S.*)") for _, pattern in _LABEL_FIELDS
)


def _prefix_pair(line: str) -> tuple[str, str] | None:
    """ "Full name Robin Example" → ("Full name", "Robin Example") for known labels only."""
    if not line or len(line.split()) > 12 or line.endswith("."):
        return None
    # Same length as ``line``, so spans found in it are spans of ``line``.
    folded = re.sub(r"(?<=\w)-(?=\w)", " ", line.replace("\u2019", "'").replace("\u2018", "'")).lower()
    for pattern in _PREFIX_PATTERNS:
        m = pattern.fullmatch(folded)
        if m:
            label = line[: m.end("label")].strip()
            return label, line[m.start("value"):].strip()
    return None


def _clean_label(label: str) -> str:
    return " ".join(label.split()).rstrip(":").strip()


def _row_pairs(cells: Sequence[str]) -> Iterator[tuple[str, str]]:
    """Label/value pairs of one table row: | label | value | (label | value | …)."""
    i = 0
    while i < len(cells):
        cell = cells[i]
        if (
            i + 1 < len(cells)
            and _looks_like_label(cell)
            and not _looks_like_label_only(cells[i + 1])
        ):
            yield _clean_label(cell), cells[i + 1].strip()
            i += 2
            continue
        yield from _inline_pairs(cell)
        i += 1


def _table_pairs(header: Sequence[str], rows: Sequence[Sequence[str]]) -> Iterator[tuple[str, str]]:
    explicit = any(h.strip().endswith(":") for h in header[0::2])
    if header and not explicit and len(header) != 2:
        # A header of column names over records (| Name | Role | Phone |): only a
        # single record is read, column by column.
        if len(rows) == 1:
            for label, value in zip(header, rows[0], strict=False):
                if label.strip():
                    yield _clean_label(label), value.strip()
        return
    for row in ([list(header)] if header else []) + [list(r) for r in rows]:
        yield from _row_pairs(row)


def label_value_pairs(blocks: Iterable[Block]) -> Iterator[tuple[str, str]]:
    """Every label/value pair in these blocks, in reading order."""
    for block in blocks:
        if block.kind is BlockKind.TABLE and block.table is not None:
            rows = [[c.text for c in row.cells] for row in block.table.rows]
            yield from _table_pairs(block.table.header, rows)
        elif block.text:
            yield from _inline_pairs(block.text)


# --------------------------------------------------------------------------- the extractor

_DRAFT = deferred(r"\bDRAFT\b")
_DRAFT_ANY_CASE = deferred(r"\bdraft\b", re.IGNORECASE)
_FINAL = deferred(r"\bfinal\b", re.IGNORECASE)


def _set_value(meta: PlanMetadata, field: str, value: str) -> None:
    """Fill ``field`` from ``value`` unless it is already filled or the value is unfilled."""
    if is_unfilled(value) and field not in ("looked_after",):
        return
    if field == "child_name" and meta.child_name is None:
        name = " ".join(value.split())
        if name and len(name.split()) <= 6 and not re.search(r"\d", name):
            meta.child_name = name
    elif field == "preferred_name" and meta.preferred_name is None:
        name = " ".join(value.split())
        if name and len(name.split()) <= 4:
            meta.preferred_name = name
    elif field == "date_of_birth" and meta.date_of_birth is None:
        meta.date_of_birth = parse_uk_date(value)
    elif field == "plan_date" and meta.plan_date is None:
        meta.plan_date = parse_uk_date(value)
    elif field == "last_review_date" and meta.last_review_date is None:
        meta.last_review_date = parse_uk_date(value)
    elif field == "year_group" and meta.year_group is None:
        meta.year_group = parse_year_group(value)
    elif field == "phase" and meta.phase is None:
        meta.phase = _parse_phase(value)
    elif field == "status" and meta.status is None:
        if _DRAFT_ANY_CASE.search(value):
            meta.status = "draft"
        elif _FINAL.search(value):
            meta.status = "final"
    elif field == "looked_after" and meta.looked_after is None:
        meta.looked_after = _parse_yes_no(value)
    elif field == "known_to_social_care" and meta.looked_after is None:
        # "Known to social care: Yes – looked after" states looked-after status;
        # a plain "Yes" (child in need, short breaks…) does not.
        v = value.lower()
        if _parse_yes_no(v) is True and re.search(r"looked after|\bcla\b|\blac\b|in care", v):
            meta.looked_after = True


def _apply_pairs(meta: PlanMetadata, pairs: Iterable[tuple[str, str]], keep: bool) -> None:
    for label, value in pairs:
        if keep and label and label not in meta.personal_details:
            meta.personal_details[label] = value
        field = field_for_label(label)
        if field is not None:
            _set_value(meta, field, value)


def _title_text(front_matter: Sequence[Block]) -> str:
    for block in front_matter:
        if block.kind is BlockKind.HEADING or (block.kind is BlockKind.PARAGRAPH and block.text):
            return block.text
    return ""


def extract_metadata(front_matter: Sequence[Block], sections: Sequence[Section]) -> PlanMetadata:
    """Read the plan's personal details from its front matter (and Section A as a fallback).

    ``personal_details`` keeps every label/value pair of the front matter as
    written, placeholders included; the typed fields hold only real values.
    """
    meta = PlanMetadata()
    _apply_pairs(meta, label_value_pairs(front_matter), keep=True)

    section_a = next((s for s in sections if s.key == "A"), None)
    if section_a is not None:
        _apply_pairs(meta, label_value_pairs(section_a.blocks), keep=False)

    if meta.status is None:
        title = _title_text(front_matter)
        texts = [b.text for b in front_matter if b.kind is not BlockKind.TABLE]
        if _DRAFT.search(title) or _DRAFT_ANY_CASE.search(title) or any(_DRAFT.search(t) for t in texts):
            meta.status = "draft"
        elif _FINAL.search(title) and not re.search(r"finali[sz]ed", title, re.IGNORECASE):
            meta.status = "final"

    if meta.phase is None and meta.year_group is not None:
        meta.phase = phase_for_year_group(meta.year_group)
    return meta
