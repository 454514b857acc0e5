"""Patterns are compiled when a linter needs them, not when rules are listed.

``ehcp-lint rules`` only reads each rule's code, name and documentation, so the
registry no longer compiles the shipped data rules' regular expressions while
loading them (a linter compiles them in ``DataRule.prepare``). What that relies on:
every shipped pattern compiles, with the flags its rule uses (checked here rather
than at every start-up), and a QA team's own rules are still checked when loaded,
so a broken pattern is reported naming its file.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

from ehcp_lint.engine.data_rules import load_rule_folder
from ehcp_lint.engine.registry import builtin_rules_dir, load_registry

ROOT = Path(__file__).resolve().parent.parent


def test_every_shipped_data_rule_pattern_compiles_with_its_flags() -> None:
    rules, problems = load_rule_folder(builtin_rules_dir(), check_patterns=True)
    assert problems == []
    patterns = 0
    for rule in rules:
        for group in rule.spec.match:
            if group.regex:
                re.compile(group.regex, 0 if group.case_sensitive else re.IGNORECASE)
                patterns += 1
        for ignore in rule.spec.ignore:
            re.compile(ignore.regex, 0 if ignore.case_sensitive else re.IGNORECASE)
    assert patterns > 20  # the folder really holds the pattern rules


def _broken_copy(folder: Path) -> Path:
    """A team's own copy of a shipped pattern rule under a new code, its first pattern broken."""
    source = (builtin_rules_dir() / "DAT002-old-statement-wording.toml").read_text(encoding="utf-8")
    text = source.replace('code = "DAT002"', 'code = "LOC901"', 1)
    start = text.index("regex = '") + len("regex = '")
    text = text[:start] + "(unclosed " + text[start:]
    path = folder / "LOC901-broken.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_local_rule_with_a_broken_pattern_is_reported_when_loaded(tmp_path: Path) -> None:
    path = _broken_copy(tmp_path)
    registry = load_registry([tmp_path])
    assert registry.get("LOC901") is None
    assert any(str(path) in p and "not a valid pattern" in p for p in registry.problems)


def test_loading_the_registry_compiles_no_shipped_data_rule_pattern() -> None:
    probe = textwrap.dedent(
        """
        import json, re
        compiled = []
        real = re._compile
        def spy(pattern, flags):
            compiled.append(str(pattern))
            return real(pattern, flags)
        re._compile = spy
        from ehcp_lint.engine.registry import load_registry
        registry = load_registry()
        re._compile = real
        print(json.dumps({"rules": len(registry), "compiled": compiled}))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    )
    out = json.loads(done.stdout.strip().splitlines()[-1])
    rules, _ = load_rule_folder(builtin_rules_dir(), check_patterns=False)
    shipped = {g.regex for r in rules for g in r.spec.match if g.regex}
    assert out["rules"] > len(rules)
    assert shipped and not shipped & set(out["compiled"])
