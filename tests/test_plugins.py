"""Third-party rules through real entry points, and local rules folders.

The example package in ``tests/plugin_example`` is installed into a temporary
folder as an installer would lay it out: the package itself plus a
``<name>.dist-info`` folder with ``METADATA`` and ``entry_points.txt`` written
from the package's own ``pyproject.toml``. (``pip install --target`` would need
the hatchling build backend, which the test environment does not have offline.)
The command line then runs in a subprocess with that folder on ``PYTHONPATH``,
so discovery goes through :mod:`importlib.metadata` exactly as for a plugin
installed with pip, and this test process's rule registry is left untouched.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from cli_support import run, write_plan

PLUGIN = Path(__file__).parent / "plugin_example"
EHCP_LINT = Path(sys.executable).parent / "ehcp-lint"


def install_plugin(target: Path) -> None:
    """Lay the example plugin out in ``target`` as an installed distribution."""
    project = tomllib.loads((PLUGIN / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    package = PLUGIN / "src" / "ehcp_lint_plugin_example"
    shutil.copytree(package, target / package.name, ignore=shutil.ignore_patterns("__pycache__"))
    dist = target / f"{package.name}-{project['version']}.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(
        "Metadata-Version: 2.1\n"
        f"Name: {project['name']}\n"
        f"Version: {project['version']}\n"
        f"Summary: {project['description']}\n"
        f"Requires-Python: {project['requires-python']}\n",
        encoding="utf-8",
    )
    groups = [
        f"[{group}]\n" + "".join(f"{name} = {value}\n" for name, value in eps.items())
        for group, eps in project["entry-points"].items()
    ]
    (dist / "entry_points.txt").write_text("\n".join(groups), encoding="utf-8")
    (dist / "INSTALLER").write_text("ehcp-lint-tests\n", encoding="utf-8")
    files = sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file())
    (dist / "RECORD").write_text("".join(f"{f},,\n" for f in files), encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site-packages")
    install_plugin(target)
    return target


def ehcp_lint(site: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "FORCE_COLOR")}
    env["PYTHONPATH"] = str(site)
    env["NO_COLOR"] = "1"
    return subprocess.run(
        [str(EHCP_LINT), *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=600
    )


def _broken_warnings(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "'broken'" in line]


def test_rules_lists_the_plugin_rules_and_reports_the_broken_entry_point(site: Path, tmp_path: Path) -> None:
    result = ehcp_lint(site, tmp_path, "rules", "--format", "json")
    assert result.returncode == 0, result.stderr
    rules = {r["code"]: r for r in json.loads(result.stdout)}
    assert rules["EXA001"]["name"] == "as-and-when-provision"
    assert rules["EXA001"]["origin"] == "plugin:example-data"
    assert rules["EXA002"]["origin"] == "plugin:example-python"
    assert "PRV001" in rules  # built-in rules are still there
    warnings = _broken_warnings(result.stderr)
    assert len(warnings) == 1
    assert warnings[0].startswith(
        "warning: plugin 'broken' (ehcp_lint_plugin_example.broken:RULES) failed to load: ImportError"
    )
    table = ehcp_lint(site, tmp_path, "rules")
    assert "EXA001" in table.stdout and "unexplained-la" in table.stdout


def test_plugin_rules_produce_findings_and_the_run_continues(site: Path, tmp_path: Path) -> None:
    write_plan(tmp_path, "p1.md", F=["Ali will see the speech therapist as and when needed.", "The LA will fund transport."])
    write_plan(tmp_path, "p2.md", F=["The LA will fund a laptop as and when required."])
    result = ehcp_lint(site, tmp_path, "p1.md", "p2.md", "--select", "EXA", "-f", "json", "--jobs", "2")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    found = [(p["path"], f["code"], f["match"], f["severity"]) for p in report["plans"] for f in p["findings"]]
    assert found == [
        ("p1.md", "EXA001", "as and when", "warning"),
        ("p1.md", "EXA002", "LA", "info"),
        ("p2.md", "EXA002", "LA", "info"),
        ("p2.md", "EXA001", "as and when", "warning"),
    ]
    assert len(_broken_warnings(result.stderr)) == 1  # once, not once per worker


def test_plugin_format_appears_automatically(site: Path, tmp_path: Path) -> None:
    write_plan(tmp_path, "p1.md", F=["Ali will see the speech therapist as and when needed."])
    helped = ehcp_lint(site, tmp_path, "check", "--help")
    assert "example-count" in helped.stdout
    result = ehcp_lint(site, tmp_path, "p1.md", "--select", "EXA", "-f", "example-count")
    assert result.stdout == "p1.md\t1\n"


def test_explain_a_plugin_rule(site: Path, tmp_path: Path) -> None:
    result = ehcp_lint(site, tmp_path, "explain", "EXA002")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("EXA002 unexplained-la")
    assert "Comes from: plugin:example-python" in result.stdout
    assert "«LA»" in result.stdout


def test_markdown_reference_is_built_in_rules_unless_asked(site: Path, tmp_path: Path) -> None:
    default = ehcp_lint(site, tmp_path, "rules", "--markdown").stdout
    assert "## PRV001 non-committal-provision" in default and "EXA001" not in default
    everything = ehcp_lint(site, tmp_path, "rules", "--markdown", "--all").stdout
    assert "## EXA001 as-and-when-provision" in everything


# -- local rules folders --------------------------------------------------------------------
LOCAL_TOML = '''
code = "LOC001"
name = "named-school-placeholder"
category = "placeholder-text"
severity = "error"
sections = ["I"]
message = "'{match}' is a placeholder, not a named school."
suggestion = "Name the school or type of school."

[doc]
summary = "Section I names no school, only a placeholder such as 'school to be named'."
why = "Section I must name the school or other institution, or the type of institution, so that the family knows where provision will be delivered and can appeal against it."
source = "Children and Families Act 2014 s.39; SEND Code of Practice 9.78"
poor = { section = "I", text = "School to be named." }
better = { section = "I", text = "Brookfield Primary School." }

[[match]]
phrases = ["school to be named"]
'''

LOCAL_PY = '''
from ehcp_lint.engine.rule import Example, Hit, Rule, RuleDoc, Scope
from ehcp_lint.report import Severity


class NoSectionK(Rule):
    code = "LOC002"
    name = "empty-advice-list"
    category = "missing-advice"
    severity = Severity.WARNING
    scope = Scope(level="plan")
    doc = RuleDoc(
        summary="Section K lists fewer than two pieces of advice.",
        why="A plan must list the advice and information it was based on; one item alone usually means the health or social-care advice was never sought, which a panel should query.",
        source="SEND Regulations 2014 reg. 12(1)(k)",
        poor=Example(plan="# Section K: Advice and information\\nEP advice.\\n"),
        better=Example(plan="# Section K: Advice and information\\nEP advice.\\n\\nHealth advice.\\n"),
    )

    def check_plan(self, plan, ctx):
        section = plan.section("K")
        if section is not None and len(list(section.content_blocks())) < 2:
            yield Hit(section="K", message="Section K lists only one piece of advice.")
'''


def test_local_rules_folder_with_a_toml_rule_and_a_python_rule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "qa" / "local-rules"
    folder.mkdir(parents=True)
    (folder / "LOC001-named-school.toml").write_text(LOCAL_TOML, encoding="utf-8")
    (folder / "advice_rules.py").write_text(LOCAL_PY, encoding="utf-8")
    (tmp_path / "qa" / "ehcp-lint.toml").write_text('rules-folders = ["local-rules"]\n', encoding="utf-8")
    plans = tmp_path / "qa" / "plans"
    plans.mkdir()
    write_plan(plans, "p.md", I=["School to be named."])
    monkeypatch.chdir(plans)  # the folder is found relative to the configuration file
    listed = {r["code"]: r for r in json.loads(run(["rules", "--format", "json"]).stdout)}
    assert listed["LOC001"]["origin"] == "local:LOC001-named-school.toml"
    assert listed["LOC002"]["origin"].startswith("local:") and listed["LOC002"]["origin"].endswith("advice_rules.py")
    result = run(["p.md", "--select", "LOC", "-f", "json"])
    found = [(f["code"], f["section"], f["match"]) for f in json.loads(result.stdout)["plans"][0]["findings"]]
    assert found == [("LOC001", "I", "School to be named"), ("LOC002", "K", "")]
    assert result.exit_code == 1
    explained = run(["explain", "LOC001"])
    assert "«School to be named»" in explained.stdout
