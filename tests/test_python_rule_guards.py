"""Structural guarantees behind the Python rules' speed (no timings: those live in benchmarks/).

Each test pins one shortcut a rule takes and shows it cannot change what the
rule reports:

* PRV009 reads (and parses) a unit only when it holds a generic word to judge
  ("staff", "a key adult", "small group"), and finds a sentence only for a word
  that nothing cheaper excuses (a role in another column of the row), and is
  not called for a unit holding none of its words' literals (its
  ``unit_prefilter``): the findings are those of the rule called for every unit.
* Term lists arranged so the regex engine can skip ahead (``checks._text.
  compile_grouped``: grouped by first letter, or the word-edge check moved after
  the first character) match exactly what the plain alternation matches, and
  keep its prefilter.
* The jargon finders' lists (LNG001) match what the plain lists match.
* ``may_hold_placeholder`` is False only for a text the placeholder pattern
  cannot match, so blanking placeholders skips most texts.
* ``is_nil_text`` remembers its answers in a bounded cache (several plan rules
  ask it of the same section texts): the same answers as working them out.
* MAI002 reads the plan for social-care signals only when D or H is empty or
  says "None", the only plans it can report on.
* The jargon rules ask whether a table is a glossary once per table header,
  and find the same glossary units as asking for every cell.
* PRV101 reads Section F for therapies only once G names one.
* ``Terms.occurs_in`` is False only for a text none of whose sentences holds a
  hit, so PRV102 skips a unit with one search instead of one per sentence.

All plans here are invented.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ehcp_lint import lexicons
from ehcp_lint.checks import _signals as signals_module
from ehcp_lint.checks import mai002_missing_social_care_input as mai002
from ehcp_lint.checks import prv101_therapy_only_in_health_provision as prv101
from ehcp_lint.checks._jargon import _curated, _glossary_units, jargon_entries
from ehcp_lint.checks._plan_text import Terms, is_nil_text, sentence_spans, term_pattern
from ehcp_lint.checks._signals import Signal
from ehcp_lint.checks._text import (
    PLACEHOLDER_RE,
    compile_grouped,
    is_acronym_like,
    may_hold_placeholder,
    strip_placeholders,
    term_prefilter,
    term_source,
)
from ehcp_lint.checks.prv009_unnamed_staff_or_group import UnnamedStaffOrGroup
from ehcp_lint.config import Config
from ehcp_lint.engine import runner
from ehcp_lint.engine import units as units_module
from ehcp_lint.engine.prefilter import Prefilter, may_contain, pattern_prefilter
from ehcp_lint.engine.registry import load_registry
from ehcp_lint.engine.rule import RuleContext, TextUnit
from ehcp_lint.engine.runner import Linter, RuleSet
from ehcp_lint.reading import load_plan, read_plan
from ehcp_lint.report import Finding


def _linter(codes: list[str]) -> Linter:
    rules = [r for r in load_registry() if r.code in codes]
    assert {r.code for r in rules} == set(codes)
    return Linter(Config(select=codes), ruleset=RuleSet(rules=rules))


def _lint_keeping_units(
    monkeypatch: pytest.MonkeyPatch, path: Path, codes: list[str]
) -> tuple[list[Finding], list[TextUnit]]:
    """Lint ``path`` with only ``codes`` and return the findings and the units the linter built."""
    seen: list[list[TextUnit]] = []
    real = units_module.plan_units

    def capturing(plan: object) -> list[TextUnit]:
        units = real(plan)  # type: ignore[arg-type]
        seen.append(units)
        return units

    monkeypatch.setattr(runner, "plan_units", capturing)
    report = _linter(codes).lint_plan(load_plan(path))
    return list(report.findings), seen[-1]


# --------------------------------------------------------------------------- PRV009


def _provision_plan(tmp_path: Path) -> Path:
    document = docx.Document()
    document.add_heading("Section F: Special educational provision", level=1)
    document.add_paragraph("A teaching assistant will read with Ola for 10 minutes every morning.")
    document.add_paragraph("A key adult will check in with Ola at the start of each day.")
    document.add_paragraph("Ola will take part in small group work on turn-taking twice a week.")
    table = document.add_table(rows=3, cols=3)
    rows = [
        ("Provision", "Who", "How often"),
        ("Support from staff to plan written work", "Teaching assistant", "Daily"),
        ("Movement breaks with an adult", "Staff", "Three times a day"),
    ]
    for row, texts in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    path = tmp_path / "ola.docx"
    document.save(str(path))
    return path


def test_prv009_parses_only_units_with_a_generic_word_nothing_cheaper_excuses(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    findings, units = _lint_keeping_units(monkeypatch, _provision_plan(tmp_path), ["PRV009"])
    got = sorted(f.match or "" for f in findings)
    assert got == ["A key adult", "Staff", "an adult", "small group"]

    parsed = {u.text for u in units if u.parsed is not None}
    # A unit with no generic word is never parsed.
    assert "A teaching assistant will read with Ola for 10 minutes every morning." not in parsed
    assert "Teaching assistant" not in parsed
    # "staff" excused by the "Who" column of its row: judged without finding its sentence.
    assert "Support from staff to plan written work" not in parsed
    # Words that only their sentence can excuse were judged by it.
    assert "A key adult will check in with Ola at the start of each day." in parsed
    assert "Ola will take part in small group work on turn-taking twice a week." in parsed


class _Prv009ReadsEveryUnit(UnnamedStaffOrGroup):
    """PRV009 as it was: called for every unit in its scope."""

    def unit_prefilter(self) -> Prefilter | None:
        return None


_PROVISION_WORDS = [
    "A key adult", "staff", "Staff", "an adult", "adults", "small group", "small-groups", "a teaching assistant",
    "the speech and language therapist", "in a group of four pupils", "training for class staff", "Who:",
    "Sam", "will", "work with", "every day", "for 20 minutes", "support", "school", "member of staff", ".", ";", "\n",
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PROVISION_WORDS), min_size=1, max_size=10).map(" ".join), min_size=1, max_size=5))
def test_prv009_skips_by_literal_only_units_it_would_not_flag(lines: list[str]) -> None:
    markdown = "# Section F: Special educational provision\n" + "\n".join(f"- {line}" for line in lines) + "\n"
    plan = read_plan(markdown, "md", source="<test>")
    config = Config(select=["PRV009"])

    def rows(rule: UnnamedStaffOrGroup) -> list[tuple[object, ...]]:
        report = Linter(config, ruleset=RuleSet(rules=[rule])).lint_plan(plan)
        return [(f.start, f.end, f.message, str(f.location)) for f in report.findings]

    assert UnnamedStaffOrGroup().unit_prefilter() is not None
    assert rows(UnnamedStaffOrGroup()) == rows(_Prv009ReadsEveryUnit())


# --------------------------------------------------------------------------- term lists by first letter

ROOT = Path(__file__).resolve().parent.parent
_EDGES = (r"(?<![\w])", r"(?![\w])"), (r"(?<![\w-])", r"(?![\w-])")


def _every_list() -> list[tuple[str, str, list[str]]]:
    names = sorted(p.stem for p in lexicons.lexicon_dir().glob("*.toml"))
    return [(name, key, words) for name in names for key, words in lexicons.load(name).items()]


LISTS = _every_list()


@cache
def _pair(index: int, builder: int, flags: int) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(plain, grouped) patterns for one lexicon list, as the rule helpers build them."""
    words = LISTS[index][2]
    source = (term_source, term_pattern)[builder]
    before, after = _EDGES[builder]
    ordered = sorted({w.strip() for w in words if w.strip()}, key=lambda t: (-len(t), t))
    pairs = [(t, source(t)) for t in ordered]
    plain = re.compile(f"{before}(?:{'|'.join(p for _, p in pairs)}){after}", flags)
    grouped = compile_grouped(pairs, before, after, flags)
    return plain, grouped


def _fixture_texts() -> list[str]:
    paths = [*sorted((ROOT / "fixtures" / "plans").glob("*.md")), *sorted((ROOT / "fixtures" / "plans").glob("*.txt"))]
    paths += sorted((ROOT / "fixtures" / "good-practice").glob("*.md"))
    return [p.read_text(encoding="utf-8") for p in paths]


def _spans(rx: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in rx.finditer(text)]


@pytest.mark.parametrize("flags", [re.IGNORECASE, 0])
@pytest.mark.parametrize("builder", [0, 1])
def test_grouped_term_lists_match_what_the_plain_alternation_matches_on_the_fixture_plans(
    builder: int, flags: int
) -> None:
    texts = _fixture_texts()
    assert texts
    found = rearranged = 0
    for index in range(len(LISTS)):
        plain, grouped = _pair(index, builder, flags)
        rearranged += grouped.pattern != plain.pattern
        for text in texts:
            expected = _spans(plain, text)
            assert _spans(grouped, text) == expected, LISTS[index][:2]
            found += len(expected)
        # A grouped list keeps the plain list's prefilter (the parser would factor a group's
        # shared first letter out of its alternatives and leave shorter literals, or none).
        assert term_prefilter(grouped) == pattern_prefilter(plain), LISTS[index][:2]
    assert found > 100  # the comparison saw real matches
    if flags or builder == 0:  # case-sensitive term_pattern lists start "(?-i:" and stay plain
        assert rearranged > len(LISTS) // 2


_NOISE = ["", " ", "-", "'", "\u2019", "\n", "x", "9", "\u212a", "\u017f", "\u0130", "\u00e9"]


@st.composite
def _text_from_list(draw: st.DrawFn) -> tuple[int, str]:
    """A text made of one list's entries (in any case, cut short or not) and awkward joins."""
    index = draw(st.integers(0, len(LISTS) - 1))
    words = LISTS[index][2]
    pieces: list[str] = []
    for _ in range(draw(st.integers(1, 6))):
        word = draw(st.sampled_from(words))
        shape = draw(st.sampled_from(["as is", "upper", "lower", "title", "cut", "swap"]))
        if shape == "upper":
            word = word.upper()
        elif shape == "lower":
            word = word.lower()
        elif shape == "title":
            word = word.title()
        elif shape == "cut":
            word = word[: draw(st.integers(0, len(word)))]
        elif shape == "swap":
            word = word.swapcase()
        pieces.append(word)
        pieces.append(draw(st.sampled_from(_NOISE)))
    return index, "".join(pieces)


@settings(max_examples=400, deadline=None)
@given(case=_text_from_list(), builder=st.sampled_from([0, 1]), flags=st.sampled_from([re.IGNORECASE, 0]))
def test_grouped_term_lists_match_what_the_plain_alternation_matches_on_any_text(
    case: tuple[int, str], builder: int, flags: int
) -> None:
    index, text = case
    plain, grouped = _pair(index, builder, flags)
    spans = _spans(grouped, text)
    assert spans == _spans(plain, text)
    prefilter = term_prefilter(grouped)
    if spans and prefilter is not None:  # the grouped list's prefilter never skips a match
        assert may_contain(prefilter, text)


# --------------------------------------------------------------------------- one search per unit

_JOINS = [" ", ". ", "; ", "\n", ".\u201d ", "? ", "-", "", ", ", "! (", "'"]


@st.composite
def _terms_and_text(draw: st.DrawFn) -> tuple[Terms, str]:
    index = draw(st.integers(0, len(LISTS) - 1))
    words = LISTS[index][2]
    ignore = draw(st.lists(st.sampled_from(words), max_size=2))
    pieces = [draw(st.sampled_from([*words, "Sam", "will", "x", "the"])) for _ in range(draw(st.integers(1, 6)))]
    text = "".join(p + draw(st.sampled_from(_JOINS)) for p in pieces)
    return _terms(index, tuple(ignore)), text


@cache
def _terms(index: int, ignore: tuple[str, ...]) -> Terms:
    return Terms(LISTS[index][2], ignore)


@settings(max_examples=300, deadline=None)
@given(case=_terms_and_text())
def test_a_text_without_a_term_has_no_sentence_with_one(case: tuple[Terms, str]) -> None:
    terms, text = case
    hits = [h for s, e in sentence_spans(text) for h in terms.finditer(text[s:e])]
    if hits:
        assert terms.occurs_in(text)
    # The ignore list is read only when the list matched: the same hits as reading it first.
    skip = [m.span() for m in terms.ignore.finditer(text)] if terms.ignore is not None else []
    expected = [
        (m.start(), m.end())
        for m in terms.regex.finditer(text)
        if not any(m.start() < e and s < m.end() for s, e in skip)
    ]
    assert [(h.start, h.end) for h in terms.finditer(text)] == expected


def test_occurs_in_can_say_no() -> None:
    roles = Terms(["teaching assistant", "speech and language therapist"])
    assert roles.occurs_in("A speech and\nlanguage therapist will visit.")
    assert not roles.occurs_in("Sam's teacher will visit. An assistant head will call.")


# --------------------------------------------------------------------------- jargon and placeholders


def test_the_jargon_lists_match_what_the_plain_lists_match() -> None:
    exact_rx, loose_rx, _ = _curated()
    variants = [v for entry in jargon_entries() for v in entry.variants]
    exact = sorted({v for v in variants if is_acronym_like(v)}, key=len, reverse=True)
    loose = sorted({v for v in variants if not is_acronym_like(v)}, key=len, reverse=True)
    plain_exact = re.compile(r"(?<![\w&])(?:" + "|".join(map(re.escape, exact)) + r")(?![\w&])")
    plain_loose = re.compile(r"\b(?:" + "|".join(map(re.escape, loose)) + r")\b", re.I)
    assert loose_rx is not None and exact_rx.pattern != plain_exact.pattern
    texts = [*_fixture_texts(), " ".join(exact), "x".join(exact), " ".join(v.lower() for v in loose)]
    found = 0
    for text in texts:
        assert _spans(exact_rx, text) == _spans(plain_exact, text)
        assert _spans(loose_rx, text) == _spans(plain_loose, text)
        found += len(_spans(exact_rx, text))
    assert found > 50


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["[", "]", "{{", "}}", "«", "»", "<<", ">>", "XXX", "X", "TBC", "TB", "tbc", "TBA", "Click here to enter text.",
             "Click or tap here to enter a date", "Choose an item.", "name", " ", "Sam", "x", "\n"]
        ),
        max_size=8,
    ).map("".join)
)
def test_a_text_without_a_placeholder_literal_holds_no_placeholder(text: str) -> None:
    if PLACEHOLDER_RE.search(text):
        assert may_hold_placeholder(text)
    assert strip_placeholders(text) == PLACEHOLDER_RE.sub(" ", text)


# --------------------------------------------------------------------------- remembered answers


def test_is_nil_text_remembers_what_it_works_out_within_a_bound() -> None:
    maxsize = is_nil_text.cache_parameters()["maxsize"]
    assert maxsize is not None and maxsize <= 16384  # bounded: a batch never grows it
    texts = [
        "None.", "No social care needs have been identified.", "Kobi has asthma.",
        "He has no other health needs.", "N/A", "Amara lives with her mum and dad. None.",
        *(line for text in _fixture_texts() for line in text.splitlines() if line.strip()),
    ]
    is_nil_text.cache_clear()
    first = [is_nil_text(t) for t in texts]
    assert first == [is_nil_text.__wrapped__(t) for t in texts]
    assert first == [is_nil_text(t) for t in texts]  # answered from the cache
    assert is_nil_text.cache_info().hits >= len(texts)
    assert True in first and False in first


# --------------------------------------------------------------------------- MAI002

_SOCIAL_PLAN = """# Section B: Special educational needs
Noor is a looked after child and her social worker visits every month.
# Section D: Social care needs
{d}
# Section H1: Social care provision (CSDPA s.2)
{h}
# Section H2: Other social care provision
{h}
"""


@pytest.mark.parametrize(
    ("d", "h", "reads", "reported"),
    [
        ("Noor needs help to dress and wash.", "Short breaks one weekend a month.", False, False),
        ("None.", "None.", True, True),
        ("Noor needs help to dress and wash.", "None.", True, True),
    ],
)
def test_mai002_reads_for_signals_only_when_it_can_report(
    monkeypatch: pytest.MonkeyPatch, d: str, h: str, reads: bool, reported: bool
) -> None:
    calls: list[int] = []
    real = signals_module.social_care_signals

    def counting(ctx: RuleContext) -> list[Signal]:
        calls.append(1)
        return real(ctx)

    monkeypatch.setattr(mai002, "social_care_signals", counting)
    plan = read_plan(_SOCIAL_PLAN.format(d=d, h=h), "md", source="<test>")
    report = _linter(["MAI002"]).lint_plan(plan)
    assert bool(calls) is reads
    assert bool(report.findings) is reported
    if reported:
        assert all(f.severity.value == "error" for f in report.findings)  # looked after: read and used


# --------------------------------------------------------------------------- glossary


def _glossary_cell_by_cell(units: list[TextUnit]) -> set[int]:
    """The glossary units as the jargon rules first found them: every cell asks its header."""
    title = re.compile(
        r"\b(?:glossary|abbreviations?|acronyms?|jargon buster|key terms?|terms? used|what the words mean"
        r"|what (?:it|this) means|meaning)\b",
        re.I,
    )
    inside: set[int] = set()
    in_glossary, section = False, None
    for i, u in enumerate(units):
        if u.section is not section:
            section, in_glossary = u.section, False
        if u.kind == "heading":
            in_glossary = bool(title.search(u.text))
            continue
        if in_glossary or (u.kind in ("table_cell", "table_row") and title.search(" ".join(u.header))):
            inside.add(i)
    return inside


def test_glossary_units_are_those_found_cell_by_cell(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Section F: Special educational provision", level=1)
    document.add_paragraph("The TA will read with Ola every morning for 10 minutes.")
    for header, rows in [
        (("Abbreviation", "Meaning"), [("TA", "teaching assistant"), ("EP", "educational psychologist")]),
        (("Provision", "Who"), [("Reading practice", "TA"), ("Phonics", "Class teacher")]),
    ]:
        table = document.add_table(rows=len(rows) + 1, cols=2)
        for n, (row, texts) in enumerate(zip(table.rows, [header, *rows], strict=True)):
            for cell, text in zip(row.cells, texts, strict=True):
                cell.paragraphs[0].add_run(text).bold = n == 0  # a bold first row is the header
    document.add_heading("Glossary", level=2)
    document.add_paragraph("SENCO: special educational needs co-ordinator")
    document.add_heading("Section G: Health provision", level=1)
    document.add_paragraph("None.")
    path = tmp_path / "glossary.docx"
    document.save(str(path))

    units = units_module.plan_units(load_plan(path))
    found = _glossary_units(units)
    assert found == _glossary_cell_by_cell(units)
    in_glossary = {units[i].text for i in found}
    assert "teaching assistant" in in_glossary
    assert "SENCO: special educational needs co-ordinator" in in_glossary
    assert "Reading practice" not in in_glossary and "None." not in in_glossary


# --------------------------------------------------------------------------- PRV101

_THERAPY_PLAN = """# Section F: Special educational provision
A teaching assistant will read with Tom for 15 minutes every day.
{f}
# Section G: Health provision
{g}
"""


@pytest.mark.parametrize(
    ("f", "g", "reads_f", "reported"),
    [
        ("", "The community paediatrician will review Tom's medication every six months.", False, False),
        ("", "An occupational therapist will run a fine-motor programme with Tom in school every week.", True, True),
        (
            "The occupational therapist will train Tom's teaching assistant every half term.",
            "An occupational therapist will run a fine-motor programme with Tom in school every week.",
            True,
            False,
        ),
    ],
)
def test_prv101_reads_section_f_only_once_g_names_a_therapy(
    monkeypatch: pytest.MonkeyPatch, f: str, g: str, reads_f: bool, reported: bool
) -> None:
    calls: list[int] = []
    real = prv101._named_in_f

    def counting(ctx: RuleContext, terms: dict[str, Terms]) -> set[str]:
        calls.append(1)
        return real(ctx, terms)

    monkeypatch.setattr(prv101, "_named_in_f", counting)
    plan = read_plan(_THERAPY_PLAN.format(f=f, g=g), "md", source="<test>")
    report = _linter(["PRV101"]).lint_plan(plan)
    assert bool(calls) is reads_f
    assert [found.match for found in report.findings] == (["occupational therapist"] if reported else [])
