"""Meta-tests: every rule is documented, and its documented examples behave as documented."""

from __future__ import annotations

import pytest

from ehcp_lint.engine.registry import load_registry
from ehcp_lint.engine.rule import Rule, validate_rule
from ehcp_lint.testing import lint_example

RULES = list(load_registry())


def test_registry_loads_cleanly() -> None:
    assert not load_registry().problems
    assert len(RULES) >= 3


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_is_documented(rule: Rule) -> None:
    assert not validate_rule(rule)
    doc = rule.doc
    assert len(doc.summary) > 15 and len(doc.summary) < 120
    assert len(doc.why) > 80, "say why it matters"
    assert doc.source.strip(), "name the Code of Practice paragraph, regulation or case"
    assert doc.poor.text or doc.poor.plan
    assert doc.better.text or doc.better.plan


@pytest.mark.parametrize("rule", [r for r in RULES if r.scope.level != "batch"], ids=lambda r: r.code)
def test_documented_examples_behave(rule: Rule) -> None:
    poor = [f for f in lint_example(rule.doc.poor, select=[rule.code]) if f.code == rule.code]
    better = [f for f in lint_example(rule.doc.better, select=[rule.code]) if f.code == rule.code]
    assert poor, f"{rule.code}: the poor example is not flagged"
    assert not better, f"{rule.code}: the better example is flagged: {[f.message for f in better]}"
