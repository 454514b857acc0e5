"""Batch rules over a real batch: Markdown plans written to disk and linted with ``lint_many``.

BAT001 (boilerplate) and IDN101 (a child's name from another plan of the batch)
see only what each plan's worker collected, so these tests go through the whole
path a QA panel's run takes: files, reader, workers, collect, check_batch, report.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import ehcp_lint
from ehcp_lint.config import Config
from ehcp_lint.report import Finding, Report

SHARED = "A teaching assistant will support {name} with a 20-minute phonics session every morning in a quiet room."
PAIR = "{name} will have a sensory circuit of ten minutes with a trained adult before the first lesson each day."


def _plan(name: str, surname: str, provision: list[str], outcomes: list[str], needs: str = "") -> str:
    lines = [
        f"| Name | {name} {surname} |",
        "|---|---|",
        "| Year group | Year 4 |",
        "",
        "# Section A: Views, interests and aspirations",
        "I like drawing and my dog.",
        "# Section B: Special educational needs",
        needs or f"{name} reads about two years below their age. {name} finds it hard to copy from the board.",
        "# Section E: Outcomes",
        *[f"- {o}" for o in outcomes],
        "# Section F: Special educational provision",
        *[f"- {p}" for p in provision],
        "",
    ]
    return "\n".join(lines)


def _write_batch(folder: Path) -> dict[str, Path]:
    plans = {
        "ella": _plan(
            "Ella", "Ward",
            [SHARED.format(name="Ella"), PAIR.format(name="Ella"), "Ella will use a coloured overlay for all reading."],
            ["By July 2027 Ella will read 50 common words on sight."],
        ),
        "tom": _plan(
            "Tom", "Avery",
            [SHARED.format(name="Tom"), PAIR.format(name="Tom"), "Anouk will use a writing slope in every lesson."],
            ["By July 2027 Tom will write three sentences with full stops."],
            needs="Tom reads about two years below his age. Tom finds it hard to copy from the board. Tom plays with his sister Maya.",
        ),
        "maya": _plan(
            "Maya", "Khan",
            [SHARED.format(name="Maya"), "Maya will sit near the teacher in every lesson to hear instructions."],
            ["By July 2027 Maya will follow a two-step instruction without a prompt."],
        ),
        "anouk": _plan(
            "Anouk", "Sterling",
            ["A speech and language therapist will see Anouk for 30 minutes once a week in school."],
            ["By July 2027 Anouk will use five new words in her own sentences each week."],
        ),
    }
    paths: dict[str, Path] = {}
    for key, text in plans.items():
        path = folder / f"{key}.md"
        path.write_text(text, encoding="utf-8")
        paths[key] = path
    return paths


def _findings(report: Report, path: Path, code: str) -> list[Finding]:
    plan = next(p for p in report.plans if Path(p.path).name == path.name)
    return [f for f in plan.findings if f.code == code]


@pytest.fixture()
def batch(tmp_path: Path) -> dict[str, Path]:
    return _write_batch(tmp_path)


def test_boilerplate_in_three_plans_is_reported_in_each(batch: dict[str, Path]) -> None:
    report = ehcp_lint.lint_many(sorted(batch.values()), config=Config(select=["BAT001"]), jobs=1)
    assert not report.errors
    for key in ("ella", "tom", "maya"):
        found = _findings(report, batch[key], "BAT001")
        assert len(found) == 1, (key, [f.match for f in found])
        f = found[0]
        name = {"ella": "Ella", "tom": "Tom", "maya": "Maya"}[key]
        assert f.match == SHARED.format(name=name)
        assert f.section == "F"
        assert f.category == "boilerplate"
        assert "3 plans" in f.message and "name changed" in f.message
        assert sorted(Path(r).name for r in f.related) == sorted(
            f"{k}.md" for k in ("ella", "tom", "maya") if k != key
        )
        assert f.location.line is not None
    # A sentence shared by two plans is below the default threshold of three.
    assert not any(PAIR.format(name="Ella") == f.match for f in _findings(report, batch["ella"], "BAT001"))
    assert not _findings(report, batch["anouk"], "BAT001")


def test_boilerplate_threshold_comes_from_configuration(batch: dict[str, Path]) -> None:
    config = Config(select=["BAT001"], boilerplate_min_plans=2)
    report = ehcp_lint.lint_many(sorted(batch.values()), config=config, jobs=1)
    matches = [f.match for f in _findings(report, batch["ella"], "BAT001")]
    assert PAIR.format(name="Ella") in matches and SHARED.format(name="Ella") in matches
    assert "Ella will use a coloured overlay for all reading." not in matches


def test_short_sentences_are_never_boilerplate(tmp_path: Path) -> None:
    for i, name in enumerate(("Ella", "Tom", "Maya")):
        (tmp_path / f"p{i}.md").write_text(
            _plan(name, "Lee", [f"{name} will have a daily check-in."], ["By July 2027 reading."]),
            encoding="utf-8",
        )
    report = ehcp_lint.lint_many([tmp_path], config=Config(select=["BAT001"]), jobs=1)
    assert not report.errors and len(report.plans) == 3
    assert not [f for p in report.plans for f in p.findings]


def test_name_of_another_plans_child_is_reported_with_that_plan(batch: dict[str, Path]) -> None:
    report = ehcp_lint.lint_many(sorted(batch.values()), config=Config(select=["IDN"]), jobs=1)
    found = _findings(report, batch["tom"], "IDN101")
    assert [f.match for f in found] == ["Anouk"]
    f = found[0]
    assert f.excerpt == "Anouk will use a writing slope in every lesson."
    assert [Path(r).name for r in f.related] == ["anouk.md"]
    assert "another plan of this batch" in f.message and f.section == "F"
    # "his sister Maya" introduces Maya: not a copy from Maya's plan.
    assert not any(f.match == "Maya" for f in _findings(report, batch["tom"], "IDN101"))
    for key in ("ella", "maya", "anouk"):
        assert not _findings(report, batch[key], "IDN101")


def test_cross_plan_name_is_not_reported_twice(tmp_path: Path) -> None:
    """A first name IDN001 already reports in the plan is left to IDN001; without it, IDN101 reports it."""
    (tmp_path / "ella.md").write_text(_plan("Ella", "Ward", ["Ella will use an overlay for reading."], ["By July 2027 Ella will read."]), encoding="utf-8")
    (tmp_path / "tom.md").write_text(
        _plan("Tom", "Avery", ["Ella will use a writing slope in every lesson."], ["By July 2027 Tom will write."]),
        encoding="utf-8",
    )
    both = ehcp_lint.lint_many([tmp_path], config=Config(select=["IDN"]), jobs=1)
    tom = _findings(both, tmp_path / "tom.md", "IDN001") + _findings(both, tmp_path / "tom.md", "IDN101")
    assert [(f.code, f.match) for f in tom] == [("IDN001", "Ella")]
    only_batch = ehcp_lint.lint_many([tmp_path], config=Config(select=["IDN101"]), jobs=1)
    assert [f.match for f in _findings(only_batch, tmp_path / "tom.md", "IDN101")] == ["Ella"]


def test_batch_rules_work_across_worker_processes(batch: dict[str, Path]) -> None:
    """What collect() returns crosses a process boundary: the results must not change."""
    config = Config(select=["BAT001", "IDN101"])
    one = ehcp_lint.lint_many(sorted(batch.values()), config=config, jobs=1)
    two = ehcp_lint.lint_many(sorted(batch.values()), config=config, jobs=2)
    key = lambda r: sorted((Path(p.path).name, f.code, f.match, f.message) for p in r.plans for f in p.findings)  # noqa: E731
    assert key(one) == key(two)
    assert any(code == "BAT001" for _, code, _, _ in key(two))


def test_batch_findings_join_plan_order(batch: dict[str, Path]) -> None:
    """Boilerplate in F sits after E's findings and before nothing earlier: plan order holds."""
    report = ehcp_lint.lint_many(list(batch.values()), config=Config(reference_date="2026-11-23"), jobs=1)
    plan = next(p for p in report.plans if Path(p.path).name == "tom.md")
    order = ["A", "B", "C", "D", "E", "F", "G", "H1", "H2", "H", "I", "J", "K"]
    sections = [f.section for f in plan.findings if f.section in order]
    assert any(f.code == "BAT001" for f in plan.findings)
    ranks = [order.index(s) for s in sections]
    # Missing-section findings for absent sections sit where the section would be, so the
    # sequence of section ranks never goes backwards.
    assert ranks == sorted(ranks), sections
    bat = [f for f in plan.findings if f.code == "BAT001"]
    assert all(f.excerpt[f.start : f.end] == f.match for f in bat if f.start is not None)
    assert all(f.match in f.excerpt and len(f.excerpt) >= len(f.match) for f in bat)
