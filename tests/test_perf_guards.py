"""Structural guarantees behind ehcp-lint's speed (no timings: those live in benchmarks/).

* The quick commands (``--version``, ``--help``, ``rules``) and ``import
  ehcp_lint`` / ``ehcp_lint.cli`` never import spaCy or pdfplumber.
* The linter parses a text at most once, however many rules (and units with
  that same text) read its parse, and never parses for rules that only use
  regular expressions.
* Batch workers start once and build the spaCy pipeline once each, whatever
  the number of plans.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from ehcp_lint.config import Config
from ehcp_lint.engine import nlp as nlp_module
from ehcp_lint.engine import runner
from ehcp_lint.engine.batch import iter_results
from ehcp_lint.engine.registry import load_registry
from ehcp_lint.engine.rule import Example, Hit, Rule, RuleContext, RuleDoc, Scope, TextUnit
from ehcp_lint.engine.runner import Linter, RuleSet
from ehcp_lint.engine.units import plan_units
from ehcp_lint.reading import load_plan
from ehcp_lint.report import Severity

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "fixtures" / "sample" / "sample-plan.docx"
PLANS = ROOT / "fixtures" / "plans"

_HEAVY = ("spacy", "pdfplumber")


def _modules_after(code: str) -> list[str]:
    """Run ``code`` in a fresh interpreter; which heavy libraries did it import?"""
    heavy = f"sorted(m for m in sys.modules if m.split('.')[0] in {_HEAVY!r})"
    probe = "\n".join(["import json, sys", textwrap.dedent(code), f"print(json.dumps({heavy}))"])
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return list(json.loads(done.stdout.strip().splitlines()[-1]))


def test_importing_the_package_and_the_command_line_loads_neither_spacy_nor_pdfplumber() -> None:
    assert _modules_after("import ehcp_lint, ehcp_lint.cli, ehcp_lint.api") == []


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["rules"]])
def test_quick_commands_load_neither_spacy_nor_pdfplumber(args: list[str]) -> None:
    code = textwrap.dedent(
        f"""
        import contextlib, io
        from ehcp_lint.cli import main
        sys.argv = ["ehcp-lint", *{args!r}]
        with contextlib.redirect_stdout(io.StringIO()):
            try:
                main()
            except SystemExit as stop:
                assert stop.code in (0, None), stop.code
        """
    )
    assert _modules_after(code) == []


def test_the_command_line_check_does_load_spacy() -> None:
    """The probe above can fail: checking a plan does import spaCy."""
    code = textwrap.dedent(
        f"""
        import contextlib, io
        from ehcp_lint.cli import main
        sys.argv = ["ehcp-lint", "--exit-zero", "--jobs", "1", {str(SAMPLE)!r}]
        with contextlib.redirect_stdout(io.StringIO()):
            try:
                main()
            except SystemExit:
                pass
        """
    )
    assert "spacy" in _modules_after(code)


# --------------------------------------------------------------------------- parsing


class _ParseCounter:
    """Stands in for the shared pipeline and records the text of every parse made with it.

    Counts every way a parse can be made (``nlp(text)``, ``nlp.pipe(texts)`` and
    ``nlp.make_doc(text)`` followed by the components, as ``nlp.parse`` does), so
    that neither lazy nor eager parsing escapes it. Parses remembered from
    earlier tests are forgotten first.
    """

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.texts: list[str] = []
        real_get_nlp = nlp_module.get_nlp
        counter = self
        nlp_module._parse.cache_clear()

        class Counting:
            def __init__(self, nlp: Any) -> None:
                self._nlp = nlp

            def __call__(self, text: str) -> Any:
                counter.texts.append(text)
                return self._nlp(text)

            def make_doc(self, text: str) -> Any:
                counter.texts.append(text)
                return self._nlp.make_doc(text)

            def pipe(self, texts: Iterable[str], **kwargs: Any) -> Iterator[Any]:
                for doc in self._nlp.pipe(texts, **kwargs):
                    counter.texts.append(doc.text)
                    yield doc

            def __getattr__(self, name: str) -> Any:
                return getattr(self._nlp, name)

        monkeypatch.setattr(nlp_module, "get_nlp", lambda model=None: Counting(real_get_nlp(model)))


class _Units:
    """Captures the units the linter builds for each plan."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.seen: list[list[TextUnit]] = []
        real = runner.plan_units  # type: ignore[attr-defined]  # patched where the runner reads it

        def capturing(plan: object) -> list[TextUnit]:
            units = real(plan)  # type: ignore[arg-type]
            self.seen.append(units)
            return units

        monkeypatch.setattr(runner, "plan_units", capturing)


class ReadsEveryParse(Rule):
    """A test-only rule that asks for every unit's parse, three times."""

    code = "TST950"
    name = "reads-every-parse"
    category = "jargon"
    severity = Severity.INFO
    scope = Scope(
        level="block",
        kinds=("paragraph", "list_item", "heading", "table_cell", "table_row"),
        include_front_matter=True,
    )
    doc = RuleDoc(
        summary="Test only.", why="Test only.", source="Test only.",
        poor=Example(text="x"), better=Example(text="y"),
    )

    def check_unit(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Hit]:
        for _ in range(3):
            assert unit.doc is not None and unit.doc.text == unit.text
        return ()


def _linter(extra: list[Rule], select: list[str] | None = None) -> Linter:
    config = Config(select=select or ["ALL"])
    chosen = [r for r in load_registry() if select is None or r.code in select]
    return Linter(config, ruleset=RuleSet(rules=[*chosen, *extra]))


def test_each_unit_is_parsed_at_most_once_however_many_rules_read_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    parses, units = _ParseCounter(monkeypatch), _Units(monkeypatch)
    linter = _linter([ReadsEveryParse(), ReadsEveryParse()])
    parses.texts.clear()  # phrase lists are tokenised when the rules are compiled
    plan = load_plan(SAMPLE)
    linter.lint_plan(plan)
    assert units.seen, "the linter built no units"
    parsed = [u for u in units.seen[-1] if u.parsed is not None]
    # Every unit was read (by the probes); each distinct text was parsed exactly once
    # and units with the same text (a one-cell row and its cell) read the same parse.
    texts = {u.text for u in parsed}
    assert len(parsed) == len(units.seen[-1]) > 50
    assert len(texts) < len(parsed)  # the sample plan does repeat itself
    assert sorted(parses.texts) == sorted(texts)
    assert len({id(u.parsed) for u in parsed}) == len(texts)
    by_text = {u.text: u.parsed for u in parsed}
    assert all(u.parsed is by_text[u.text] for u in parsed)


def test_rules_that_only_use_regular_expressions_parse_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    parses = _ParseCounter(monkeypatch)
    linter = _linter([], select=["PRV002", "PRV004", "TPL001", "LNG003", "OUT001"])
    parses.texts.clear()
    report = linter.lint_plan(load_plan(SAMPLE))
    assert report.findings, "the selected rules found nothing in the sample plan"
    assert parses.texts == []


def test_a_unit_is_parsed_only_when_a_rule_asks_for_it(monkeypatch: pytest.MonkeyPatch) -> None:
    parses, units = _ParseCounter(monkeypatch), _Units(monkeypatch)
    linter = _linter([])
    parses.texts.clear()  # phrase lists are tokenised when the rules are compiled
    linter.lint_plan(load_plan(SAMPLE))
    parsed = [u for u in units.seen[-1] if u.parsed is not None]
    assert 0 < len(parses.texts) == len({u.text for u in parsed})
    assert len(parsed) < len(units.seen[-1])


def test_the_shortcut_parse_equals_the_pipelines_own() -> None:
    """``nlp.parse`` runs the components itself: same tokens, lemmas and sentences."""
    pipeline = nlp_module.get_nlp()
    for text in [u.text for u in plan_units(load_plan(SAMPLE))][:200]:
        ours, theirs = nlp_module.parse(text), pipeline(text)
        assert ours.to_json() == theirs.to_json()
        assert [t.lemma_ for t in ours] == [t.lemma_ for t in theirs]
        assert [s.text for s in ours.sents] == [s.text for s in theirs.sents]


# --------------------------------------------------------------------------- workers

_PROBE_RULE = '''
import os

from ehcp_lint.engine.rule import Example, Rule, RuleDoc, Scope
from ehcp_lint.report import Severity


class WorkerProbe(Rule):
    """Test only: reports, from inside the worker, its process and how many pipelines it built."""

    code = "TST951"
    name = "worker-probe"
    category = "boilerplate"
    severity = Severity.INFO
    scope = Scope(level="batch")
    doc = RuleDoc(
        summary="Test only.", why="Test only.", source="Test only.",
        poor=Example(text="x"), better=Example(text="y"),
    )

    def collect(self, plan, ctx):
        from ehcp_lint.engine.nlp import pipelines_built

        return {"pid": os.getpid(), "pipelines": pipelines_built()}
'''


def test_workers_start_once_and_build_the_pipeline_once_each(tmp_path: Path) -> None:
    rules = tmp_path / "qa-rules"
    rules.mkdir()
    (rules / "probe.py").write_text(_PROBE_RULE, encoding="utf-8")
    files = sorted(PLANS.glob("*.docx")) + sorted(PLANS.glob("*.md")) + [SAMPLE]
    assert len(files) >= 8
    config = Config(rules_folders=[str(rules)], select=["TST951", "PRV001", "PRV009"])
    probes = []
    for result in iter_results(files, config, jobs=2):
        assert result.report is not None, result.error
        probes.append(result.batch_data["TST951"])
    assert len(probes) == len(files)
    workers = {p["pid"] for p in probes}
    assert os.getpid() not in workers
    assert 1 <= len(workers) <= 2
    assert {p["pipelines"] for p in probes} == {1}
