"""Baselines: write, hide, survive edits elsewhere, count duplicates, report stale entries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_support import DEFAULT_TEXT, STABLE, run, write_plan
from ehcp_lint import __version__
from ehcp_lint.baseline import (
    BaselineError,
    apply_baseline,
    build_baseline,
    load_baseline,
)


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plans").mkdir()
    write_plan(tmp_path / "plans", "amira.md")
    write_plan(tmp_path / "plans", "ben.md", F=["Ben will be offered a place at a social skills group."])
    return tmp_path


def _run(args: list[str]):  # type: ignore[no-untyped-def]
    """In-process, one worker: these tests are about baselines, not parallelism."""
    return run([*args, "--jobs", "1"])


def _findings(args: list[str]) -> list[dict]:  # type: ignore[type-arg]
    result = _run([*args, "-f", "json"])
    return [f for p in json.loads(result.stdout)["plans"] for f in p["findings"]]


def test_write_baseline_records_every_finding_and_exits_0(here: Path) -> None:
    result = _run(["plans", "--select", STABLE, "--write-baseline", "baseline.json"])
    assert result.exit_code == 0
    assert result.stdout == ""
    data = json.loads((here / "baseline.json").read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert data["tool"] == {"name": "ehcp-lint", "version": __version__}
    current = _findings(["plans", "--select", STABLE])
    assert len(data["entries"]) == len(current) == 4
    entry = next(e for e in data["entries"] if e["code"] == "PRV001" and e["path"] == "plans/amira.md")
    assert entry == {
        "fingerprint": entry["fingerprint"],
        "code": "PRV001",
        "path": "plans/amira.md",  # relative to the baseline's folder
        "section": "F",
        "match": "have access to",
    }
    assert f"wrote {len(current)} baseline entries to baseline.json" in result.stderr


def test_round_trip_hides_everything(here: Path) -> None:
    _run(["plans", "--select", STABLE, "--write-baseline", "baseline.json"])
    result = _run(["plans", "--select", STABLE, "--baseline", "baseline.json"])
    assert result.exit_code == 0
    assert result.stdout.strip().endswith("2 plans, no findings")
    assert "4 findings hidden by the baseline baseline.json" in result.stderr


def test_edits_elsewhere_do_not_invalidate_entries(here: Path) -> None:
    _run(["plans", "--select", STABLE, "--write-baseline", "baseline.json"])
    # New paragraphs before Section F move every later finding to other lines.
    write_plan(
        here / "plans",
        "amira.md",
        A=["I like trains.", "I also like swimming on Saturdays with my dad.", "I want to be a vet."],
        B=["Amira reads single words.", "She finds busy rooms hard and covers her ears."],
    )
    before = _findings(["plans/amira.md", "--select", STABLE])
    assert {f["code"] for f in before} == {"PRV001", "TPL001"}
    result = _run(["plans", "--select", STABLE, "--baseline", "baseline.json", "-f", "json"])
    report = json.loads(result.stdout)
    assert report["stale_baseline"] == []
    assert [f for p in report["plans"] for f in p["findings"]] == []
    assert result.exit_code == 0


def test_new_findings_show_and_duplicates_count(here: Path) -> None:
    _run(["plans", "--select", STABLE, "--write-baseline", "baseline.json"])
    write_plan(
        here / "plans",
        "amira.md",
        F=[*DEFAULT_TEXT["F"], "Amira will have access to a quiet room at lunchtime.", "Lunch TBC."],
    )
    result = _run(["plans", "--select", STABLE, "--baseline", "baseline.json", "-f", "json"])
    shown = [f for p in json.loads(result.stdout)["plans"] for f in p["findings"]]
    # The second 'have access to' in F is new (the baseline held one), as is the TBC in F.
    assert sorted((f["code"], f["section"], f["match"]) for f in shown) == [
        ("PRV001", "F", "have access to"),
        ("TPL001", "F", "TBC"),
    ]
    assert result.exit_code == 1


def test_fixed_findings_are_reported_as_stale(here: Path) -> None:
    _run(["plans", "--select", STABLE, "--write-baseline", "baseline.json"])
    write_plan(here / "plans", "amira.md", F=["A speech and language therapist will see Amira weekly."])
    as_json = json.loads(_run(["plans", "--select", STABLE, "--baseline", "baseline.json", "-f", "json"]).stdout)
    assert len(as_json["stale_baseline"]) == 1
    assert as_json["stale_baseline"][0].startswith("plans/amira.md: PRV001 in section F (")
    text = _run(["plans", "--select", STABLE, "--baseline", "baseline.json"]).stdout
    assert "Baseline entries that no longer match a finding:" in text
    assert "  plans/amira.md: PRV001 in section F (" in text
    assert text.strip().endswith("2 plans, no findings, 1 baseline entry no longer matches")


def test_plans_not_in_the_run_are_not_stale(here: Path) -> None:
    _run(["plans", "--select", STABLE, "--write-baseline", "baseline.json"])
    report = json.loads(_run(["plans/ben.md", "--select", STABLE, "--baseline", "baseline.json", "-f", "json"]).stdout)
    assert report["stale_baseline"] == []


def test_baseline_works_from_another_folder(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _run(["plans", "--select", STABLE, "--write-baseline", "baseline.json"])
    monkeypatch.chdir(here / "plans")
    result = _run([".", "--select", STABLE, "--baseline", "../baseline.json", "-f", "json"])
    report = json.loads(result.stdout)
    assert [f for p in report["plans"] for f in p["findings"]] == []
    assert report["stale_baseline"] == []


def test_library_functions(here: Path) -> None:
    import ehcp_lint
    from ehcp_lint.config import Config

    report = ehcp_lint.lint_many(["plans"], config=Config(select=STABLE.split(",")), jobs=1)
    baseline = build_baseline(report, here)
    assert {e.path for e in baseline.entries} == {"plans/amira.md", "plans/ben.md"}
    fresh = ehcp_lint.lint_many(["plans"], config=Config(select=STABLE.split(",")), jobs=1)
    hidden = apply_baseline(fresh, baseline, here)
    assert hidden == len(baseline.entries)
    assert fresh.findings == []
    assert all(p.summary.findings == 0 for p in fresh.plans)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "missing.json: baseline file not found; create it with --write-baseline missing.json"),
        ("{not json", "missing.json: not a readable baseline (JSONDecodeError); write a new one with --write-baseline"),
        ('{"entries": 3}', "missing.json: not a baseline written by ehcp-lint --write-baseline; write a new one"),
        ('{"version": 9, "tool": {"version": "9"}, "entries": []}', "missing.json: baseline version 9 is not supported"),
    ],
)
def test_bad_baseline_files(here: Path, content: str | None, message: str) -> None:
    if content is not None:
        (here / "missing.json").write_text(content, encoding="utf-8")
    with pytest.raises(BaselineError) as caught:
        load_baseline("missing.json")
    assert str(caught.value).startswith(message)
    result = _run(["plans", "--baseline", "missing.json"])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {message}")
    assert len(result.stderr.strip().splitlines()) == 1
