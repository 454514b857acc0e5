"""``--redact``: every output format without the child's or anyone else's personal data.

The plan below puts names, a date of birth, an NHS number, a UPN, an address,
a postcode, phone numbers and an e-mail address inside the very sentences
rules flag, so every format quotes them, unless redacted. Each format is
checked for every one of them, with a control run showing they are there
without ``--redact``; JSON and JSONL are checked for offsets that still mark
the (redacted) match.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from badinputs.examples import docx_bytes, examples, plan_markdown, write
from ehcp_lint.cli import app
from ehcp_lint.model import PlanMetadata
from ehcp_lint.privacy import (
    PersonalData,
    Redactor,
    personal_data_from_metadata,
    redact_report,
    redact_text,
)

FORMATS = ("text", "json", "jsonl", "sarif", "csv", "github", "junit", "html")

#: An invented child whose names appear in no rule's documentation.
DETAILS = (
    ("Full name", "Elowen Tregear"),
    ("Preferred name", "Wenna"),
    ("Date of birth", "14 March 2016"),
    ("NHS number", "999 123 4567"),
    ("UPN", "H801200001234"),
    ("Home address", "12 Larch Mews, Anytown ZX3 4QT"),
    ("Parent or carer", "Morwenna Tregear (mother)"),
    ("Telephone number", "01632 960 418"),
    ("Email", "morwenna.tregear@example.org"),
    ("GP", "Dr Kasimir Okonjo, Brookside Surgery"),
    ("School or setting", "Brookfield Primary School"),
)

SECTIONS = {
    "A": ["Elowen (known as Wenna) was born on 14 March 2016 and lives at 12 Larch Mews, Anytown ZX3 4QT."],
    "B": ["Wenna has ASD and her mother Morwenna Tregear says she finds noise hard."],
    "E": ["By July 2027 Elowen will read a 50-word passage aloud to Dr Okonjo."],
    "F": [
        "Elowen will have access to speech and language therapy arranged by Dr Kasimir Okonjo "
        "(NHS number 999 123 4567, UPN H801200001234).",
        "Wenna Tregear will be supported by staff where possible; call Morwenna on 07700 900123 or 01632 960 418.",
        "From 14/03/2016 records, Elowen will have access to a key worker at 12 Larch Mews, ZX3 4QT; "
        "e-mail morwenna.tregear@example.org.",
    ],
}

#: Everything personal in the plan, as it is written there.
PERSONAL = (
    r"\bElowen\b", r"\bWenna\b", r"\bTregear\b", r"\bMorwenna\b", r"\bOkonjo\b", r"\bKasimir\b",
    r"14 March 2016", r"14/03/2016", r"999 123 4567", r"H801200001234", r"ZX3 4QT",
    r"12 Larch Mews", r"07700 900123", r"01632 960 418", r"morwenna\.tregear@example\.org",
)
LEAK = re.compile("|".join(PERSONAL))


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("redact")
    return {
        "md": write(folder / "case-0042.md", plan_markdown(SECTIONS, DETAILS)),
        "docx": write(folder / "case-0043.docx", docx_bytes(SECTIONS, DETAILS)),
    }


def _check(*args: str | Path) -> str:
    result = CliRunner().invoke(app, ["check", *map(str, args), "--jobs", "1"], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return result.stdout


@pytest.mark.parametrize("format_name", FORMATS)
@pytest.mark.parametrize("kind", ["md", "docx"])
def test_every_format_is_redacted(format_name: str, kind: str, plans: dict[str, Path]) -> None:
    plain = _check(plans[kind], "-f", format_name)
    assert LEAK.search(plain), "without --redact the report quotes personal data (the control)"
    redacted = _check(plans[kind], "-f", format_name, "--redact")
    leaks = sorted({m.group(0) for m in LEAK.finditer(redacted)})
    assert leaks == [], f"{format_name} leaks {leaks}"
    assert "[CHILD]" in redacted
    if format_name in ("json", "jsonl", "csv"):  # whole excerpts: every kind shows
        for placeholder in ("[NAME]", "[DOB]", "[NHS NUMBER]", "[UPN]", "[ADDRESS]", "[PHONE]", "[EMAIL]"):
            assert placeholder in redacted, (format_name, placeholder)


def _findings(stdout: str, format_name: str) -> list[dict[str, object]]:
    if format_name == "json":
        return [f for plan in json.loads(stdout)["plans"] for f in plan["findings"]]
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


@pytest.mark.parametrize("format_name", ["json", "jsonl"])
def test_offsets_still_mark_the_redacted_match(format_name: str, plans: dict[str, Path]) -> None:
    findings = _findings(_check(plans["md"], "-f", format_name, "--redact"), format_name)
    marked = [f for f in findings if f["start"] is not None]
    assert marked
    for f in marked:
        excerpt, start, end = str(f["excerpt"]), int(f["start"]), int(f["end"])  # type: ignore[call-overload]
        assert excerpt[start:end] == f["match"], f
    assert any("[CHILD] will have access to" in str(f["excerpt"]) for f in marked)


def test_personal_data_comes_back_from_worker_processes(plans: dict[str, Path]) -> None:
    stdout = _check(plans["md"], plans["docx"], "-f", "json", "--redact", "--jobs", "2")
    report = json.loads(stdout)
    assert len(report["plans"]) == 2
    assert not LEAK.search(stdout)


def test_the_html_golden_thread_is_redacted_too(plans: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "panel.html"
    _check(plans["docx"], "-f", "html", "-o", out, "--redact")
    page = out.read_text(encoding="utf-8")
    assert "Golden thread" in page and "[CHILD] has ASD and her mother [NAME] says" in page
    assert not LEAK.search(page)


# --------------------------------------------------------------------------- the redactor itself


def test_names_come_from_the_personal_details() -> None:
    meta = PlanMetadata(child_name="Elowen Tregear", preferred_name="Wenna", personal_details=dict(DETAILS))
    personal = personal_data_from_metadata(meta)
    assert personal.child_names == ("Elowen Tregear", "Wenna")
    assert personal.other_names == ("Morwenna Tregear", "Kasimir Okonjo")  # not the school, not "mother"
    assert "12 Larch Mews" in personal.addresses


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tomos Pryce likes trains.", "[CHILD] likes trains."),
        ("TOMOS reads; Tom's sister helps.", "[CHILD] reads; [CHILD]'s sister helps."),
        ("Mrs Pryce attended.", "Mrs [NAME] attended."),
        ("Dr Okafor and Megan agreed.", "Dr [NAME] and [NAME] agreed."),
        ("Born 14/03/2016, DOB: 1 April 2015.", "Born [DOB], DOB: [DOB]."),
        ("NHS 999 123 4567 or 9991234567.", "NHS [NHS NUMBER] or [NHS NUMBER]."),
        ("UPN H801200001234.", "UPN [UPN]."),
        ("Flat 3, 22 Station Road, Anytown ZX1 2QT.", "[ADDRESS], Anytown [POSTCODE]."),
        ("Ring 01632 960418, +44 7700 900123 or (01632) 960 999.", "Ring [PHONE], [PHONE] or [PHONE]."),
        ("Write to megan.pryce@example.org today.", "Write to [EMAIL] today."),
        ("Tomorrow Tomas will attend for 20 minutes a day in 2026.", "Tomorrow Tomas will attend for 20 minutes a day in 2026."),
    ],
)
def test_what_is_replaced(text: str, expected: str) -> None:
    personal = PersonalData(child_names=("Tomos Pryce", "Tom"), other_names=("Megan Pryce", "Idris Okafor"),
                            dates_of_birth=())
    assert Redactor(personal).redact(text) == expected


def test_the_date_of_birth_is_found_in_any_format() -> None:
    import datetime as dt

    personal = PersonalData(dates_of_birth=(dt.date(2016, 3, 14),))
    text = "Seen on 2016-03-14, 14.3.16 and 14th March 2016; reviewed 2 May 2024."
    assert redact_text(text, personal) == "Seen on [DOB], [DOB] and [DOB]; reviewed 2 May 2024."


_WORDS = st.sampled_from(["will", "have", "access", "to", "therapy", "each", "week", "staff", "and", "a"])
_PERSONAL_BITS = st.sampled_from(["Tomos", "Megan Pryce", "999 123 4567", "ZX3 4QT", "07700 900123", "megan@example.org"])


@settings(max_examples=examples(100), deadline=None)
@given(
    before=st.lists(_WORDS | _PERSONAL_BITS, max_size=8),
    match=st.lists(_WORDS, min_size=1, max_size=4),
    after=st.lists(_WORDS | _PERSONAL_BITS, max_size=8),
)
def test_offsets_follow_the_match_through_redaction(before: list[str], match: list[str], after: list[str]) -> None:
    left = " ".join(before) + (" " if before else "")
    flagged = " ".join(match)
    text = left + flagged + (" " + " ".join(after) if after else "")
    personal = PersonalData(child_names=("Tomos",), other_names=("Megan Pryce",))
    redacted, start, end = Redactor(personal).redact_marked(text, len(left), len(left) + len(flagged))
    assert start is not None and end is not None
    assert redacted[start:end] == flagged
    assert not re.search(r"Tomos|Megan|Pryce|999 123 4567|ZX3 4QT|07700 900123|megan@example", redacted)


def test_a_report_is_redacted_as_a_copy(plans: dict[str, Path]) -> None:
    import ehcp_lint

    report = ehcp_lint.lint(plans["md"])
    redacted = redact_report(report, {})
    assert any(LEAK.search(f.excerpt) for f in report.findings), "the original is untouched"
    assert len(redacted.findings) == len(report.findings)
