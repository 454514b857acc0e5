"""``RuleContext.template_residue``: one answer to "is this text left over from the template?".

PRV010 (unquantified-provision) leaves a block that is wholly template residue to the
placeholder-text rules. The residue is what the run's placeholder-text rules match — a team's own
rule (a local rules folder, as a plugin would add one) included — together with the built-in
ones even when a user ignores them. Checked on a real Markdown plan read by the real reader.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ehcp_lint.config import Config
from ehcp_lint.engine.data_rules import builtin_residue_rules, residue_rules
from ehcp_lint.engine.rule import RuleContext
from ehcp_lint.engine.runner import Linter
from ehcp_lint.engine.units import plan_units
from ehcp_lint.testing import plan_from_markdown

#: A team's own placeholder rule: references to its paragraph bank left in ("standard paragraph SP-7").
_TEAM_RULE = '''
code = "XTP001"
name = "paragraph-bank-reference"
category = "placeholder-text"
severity = "error"
kinds = ["paragraph", "list_item", "table_cell"]
message = "A paragraph-bank reference was left in: '{match}'."
suggestion = "Replace it with the child's own provision."

[doc]
summary = "A reference to the team's paragraph bank left where the plan's own text goes."
why = "The plan must set out the child's own provision (Code of Practice 9.69)."
source = "SEND Code of Practice 0-25 (2015) 9.69"
poor = { section = "F", text = "Standard paragraph SP-3 from the Ashdown provision library." }
better = { section = "F", text = "Leo will have a 20-minute phonics session with his TA every morning." }

[[match]]
regex = '\\bstandard paragraph SP-\\d+(?: from the [A-Z]\\w+ provision library)?'
'''

_PLAN = """# Education, Health and Care Plan

## Section F: Special educational provision

### Communication and interaction

- Standard paragraph SP-12 from the Thornbury provision library.
- Lorem ipsum dolor sit amet, consectetur adipiscing elit.
- Thornbury standard paragraph SP-12: adult support with reading.
- Priya will have a 30-minute speech and language session with her teaching assistant three times a week.
"""


@pytest.fixture()
def team_rules(tmp_path: Path) -> Path:
    (tmp_path / "XTP001-paragraph-bank-reference.toml").write_text(_TEAM_RULE, encoding="utf-8")
    return tmp_path


def _findings(config: Config) -> list[tuple[str, str]]:
    report = Linter(config).lint_plan(plan_from_markdown(_PLAN))
    return [(f.code, f.match) for f in report.findings if f.code in {"PRV010", "XTP001", "TPL001"}]


def test_team_placeholder_rule_makes_its_matches_residue(team_rules: Path) -> None:
    found = _findings(Config(rules_folders=[str(team_rules)]))
    flagged = {m for code, m in found if code == "PRV010"}
    # the bank reference alone is residue: reported by the team's rule, not as unquantified provision
    assert ("XTP001", "Standard paragraph SP-12 from the Thornbury provision library") in found
    assert not any(m.startswith("Standard paragraph SP-12") for m in flagged)
    # beside real provision words it is not the whole item: the item is still owed its frequency
    assert any(m.startswith("Thornbury standard paragraph") for m in flagged)
    # lorem ipsum is residue by the built-in rules; a quantified item is never flagged
    assert not any(m.startswith("Lorem ipsum") for m in flagged)
    assert not any(m.startswith("Priya") for m in flagged)


def test_without_the_team_rule_the_bank_reference_reads_as_provision() -> None:
    flagged = {m for code, m in _findings(Config()) if code == "PRV010"}
    assert any(m.startswith("Standard paragraph SP-12") for m in flagged)


def test_ignoring_the_builtin_placeholder_rules_keeps_residue_residue() -> None:
    found = _findings(Config(ignore=["TPL001", "TPL002", "TPL003"]))
    assert not any(code == "TPL001" for code, _ in found)
    assert not any(code == "PRV010" and m.startswith("Lorem ipsum") for code, m in found)


def test_residue_rules_put_the_active_ones_first_and_add_the_builtin_ones(team_rules: Path) -> None:
    linter = Linter(Config(rules_folders=[str(team_rules)], ignore=["TPL002"]))
    codes = [r.code for r in residue_rules(linter.ruleset.rules)]
    assert codes[0] in {"TPL001", "TPL003", "XTP001"}
    assert set(codes) == {"TPL001", "TPL002", "TPL003", "XTP001"}
    assert codes.index("TPL002") > codes.index("XTP001")  # the ignored built-in one comes last
    assert {r.code for r in builtin_residue_rules()} == {"TPL001", "TPL002", "TPL003"}


def test_spans_are_worked_out_once_per_unit_and_notes_count_whole() -> None:
    plan = plan_from_markdown(
        "# EHCP\n\n## Section F: Special educational provision\n\n"
        "Maya will have a weekly art session. (Delete this guidance note before issuing the plan.)\n"
    )
    units = [u for u in plan_units(plan) if u.section_key == "F" and u.kind == "paragraph"]
    ctx = RuleContext(plan=plan, config=Config(), units=units)
    unit = units[0]
    spans = ctx.template_residue(unit)
    note = unit.text.index("(Delete")
    assert spans == ((note, len(unit.text)),)  # the whole bracketed note, not only "delete this guidance"
    assert ctx.template_residue(unit) is spans
    assert ctx.rule_code == ""
