"""The rating scheme: arithmetic a panel can redo by hand, configuration, explanations.

The fixture-plan tests recompute every rating from the findings list with the
documented numbers written out below (docs/ratings.md), independently of
``ehcp_lint.rating``, and compare.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from cli_support import run
from ehcp_lint.api import lint
from ehcp_lint.config import Config
from ehcp_lint.errors import ConfigError
from ehcp_lint.model import Location
from ehcp_lint.rating import (
    PlanRating,
    Rating,
    RatingScheme,
    apply_ratings,
    explain_rating,
    rate_plan,
)
from ehcp_lint.report import Finding, PlanReport, SectionSummary, Severity

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "plans"

# The documented defaults (docs/ratings.md), written out rather than imported.
CATEGORY_WEIGHT = {
    "vague-provision": 2, "unquantified-provision": 2, "diagnostic-need": 1,
    "non-smart-outcome": 2, "jargon": 0.5, "deficit-language": 1, "placeholder-text": 3,
    "missing-section": 4, "missing-health-input": 3, "missing-social-care-input": 3,
    "education-only-outcomes": 2, "missing-child-voice": 2, "needs-provision-gap": 3,
    "provision-in-wrong-section": 2, "missing-advice": 2, "out-of-date": 2,
    "inconsistent-identity": 4, "boilerplate": 1,
}
SEVERITY_WEIGHT = {"error": 3, "warning": 1, "info": 0.25}
CAP = {
    "missing-section": 2, "missing-health-input": 2, "missing-social-care-input": 2,
    "missing-advice": 2, "inconsistent-identity": 1,
}
POINTS = {"Outstanding": 4, "Good": 3, "Requires improvement": 2, "Inadequate": 1}
WORD = {points: word for word, points in POINTS.items()}
STATUTORY = ["A", "B", "C", "D", "E", "F", "G", "H1", "H2", "I", "J", "K"]


def word_for(score: float) -> str:
    """Thresholds: at most 0 Outstanding, at most 4 Good, at most 10 Requires improvement."""
    if score <= 0:
        return "Outstanding"
    if score <= 4:
        return "Good"
    if score <= 10:
        return "Requires improvement"
    return "Inadequate"


def by_hand(report: PlanReport) -> tuple[str, dict[str, str]]:
    """The documented arithmetic, step by step: (overall, {section: rating})."""
    merged = report.sections.get("H")
    rated = list(STATUTORY)
    if merged is not None and merged.present:
        h1, h2 = report.sections.get("H1"), report.sections.get("H2")
        if not (h1 and h1.present) and not (h2 and h2.present):
            rated = [k for k in STATUTORY if k not in ("H1", "H2")]
            rated.insert(STATUTORY.index("H1"), "H")
    scores = {key: 0.0 for key in rated}
    whole_plan = 0.0
    for f in report.findings:
        weight = CATEGORY_WEIGHT[f.category] * SEVERITY_WEIGHT[f.severity.value]
        if f.section in scores:
            scores[f.section] += weight
        else:
            whole_plan += weight
    sections = {key: word_for(score) for key, score in scores.items()}
    limits = []
    mean = sum(POINTS[w] for w in sections.values()) / len(sections)
    limits.append(math.floor(mean + 1e-9))  # typical section, rounded down
    limits.append(min(4, min(POINTS[w] for w in sections.values()) + 1))  # worst section + 1
    limits.append(POINTS[word_for(whole_plan)])  # findings about the plan as a whole
    for f in report.findings:  # caps
        if f.severity is Severity.ERROR and f.category in CAP:
            limits.append(CAP[f.category])
    return WORD[min(limits)], sections


@pytest.fixture(scope="module")
def fixture_reports() -> dict[str, PlanReport]:
    names = ["grid-ashdown.docx", "markdown-anytown.md", "pdf-heading-styles-riverside.pdf",
             "heading-styles-anytown.docx"]
    out: dict[str, PlanReport] = {}
    for name in names:
        report = lint(FIXTURES / name)
        assert not report.errors, report.errors
        out[name] = report.plans[0]
    return out


@pytest.mark.parametrize(
    "name",
    ["grid-ashdown.docx", "markdown-anytown.md", "pdf-heading-styles-riverside.pdf",
     "heading-styles-anytown.docx"],
)
def test_fixture_ratings_match_the_documented_arithmetic(
    name: str, fixture_reports: dict[str, PlanReport]
) -> None:
    report = fixture_reports[name]
    assert report.findings, "the fixture plans carry deliberate problems"
    overall, sections = by_hand(report)
    rating = rate_plan(report)
    assert {k: s.rating.value for k, s in rating.sections.items()} == sections
    assert rating.overall.value == overall
    assert rating.points == POINTS[overall]
    for key, section in rating.sections.items():
        expected = sum(
            CATEGORY_WEIGHT[f.category] * SEVERITY_WEIGHT[f.severity.value]
            for f in report.findings
            if f.section == key
        )
        assert section.score == pytest.approx(expected)


def test_merged_h_is_rated_in_place_of_h1_and_h2(fixture_reports: dict[str, PlanReport]) -> None:
    report = fixture_reports["heading-styles-anytown.docx"]
    assert report.sections["H"].present, "this fixture merges H1 and H2"
    rating = rate_plan(report)
    assert "H" in rating.sections
    assert "H1" not in rating.sections and "H2" not in rating.sections


def _finding(category: str, severity: str, section: str | None, code: str = "TST001") -> Finding:
    return Finding(
        code=code,
        name="test-rule",
        category=category,  # type: ignore[arg-type]
        severity=Severity(severity),
        section=section,
        message="Invented finding for the rating arithmetic.",
        location=Location(paragraph=3),
    )


def _report(findings: list[Finding], absent: tuple[str, ...] = ()) -> PlanReport:
    sections = {k: SectionSummary(present=k not in absent) for k in STATUTORY}
    return PlanReport(path="invented.docx", format="docx", sections=sections, findings=findings)


def test_worked_example_from_the_documentation() -> None:
    """docs/ratings.md's worked example, number by number."""
    report = _report(
        [
            _finding("vague-provision", "warning", "F"),  # 2 x 1 = 2
            _finding("vague-provision", "warning", "F"),  # 2 x 1 = 2
            _finding("unquantified-provision", "warning", "F"),  # 2 x 1 = 2 → F = 6
            _finding("non-smart-outcome", "warning", "E"),  # 2 x 1 = 2 → E = 2
            _finding("missing-section", "error", "J"),  # 4 x 3 = 12 → J = 12
        ],
        absent=("J",),
    )
    rating = rate_plan(report)
    assert rating.sections["F"].score == 6
    assert rating.sections["F"].rating is Rating.REQUIRES_IMPROVEMENT  # 4 < 6 <= 10
    assert rating.sections["E"].score == 2
    assert rating.sections["E"].rating is Rating.GOOD  # 0 < 2 <= 4
    assert rating.sections["J"].score == 12
    assert rating.sections["J"].rating is Rating.INADEQUATE  # 12 > 10
    assert rating.sections["J"].present is False
    # typical: (9 x 4 + 2 + 3 + 1) / 12 = 42 / 12 = 3.5 → 3 Good; worst J (1) + 1 = 2;
    # whole plan: nothing → 4; cap: missing-section error → 2.
    limits = {step.step: step.limit for step in rating.steps}
    assert limits["typical section"] is Rating.GOOD
    assert limits["worst section"] is Rating.REQUIRES_IMPROVEMENT
    assert limits["whole plan"] is Rating.OUTSTANDING
    assert limits["cap"] is Rating.REQUIRES_IMPROVEMENT
    assert rating.overall is Rating.REQUIRES_IMPROVEMENT
    assert rating.rag.value == "Amber"


def test_thresholds_are_inclusive_upper_limits() -> None:
    two = [_finding("vague-provision", "warning", "F")] * 2  # 4: exactly the Good limit
    assert rate_plan(_report(two)).sections["F"].rating is Rating.GOOD
    five = [_finding("vague-provision", "warning", "F")] * 5  # 10: exactly the RI limit
    assert rate_plan(_report(five)).sections["F"].rating is Rating.REQUIRES_IMPROVEMENT
    six = [_finding("vague-provision", "warning", "F")] * 6  # 12
    assert rate_plan(_report(six)).sections["F"].rating is Rating.INADEQUATE


def test_no_findings_is_outstanding_and_green() -> None:
    rating = rate_plan(_report([]))
    assert rating.overall is Rating.OUTSTANDING
    assert rating.rag.value == "Green"
    assert all(s.rating is Rating.OUTSTANDING for s in rating.sections.values())


def test_wrong_child_caps_the_plan_at_inadequate() -> None:
    # One wrong-name finding about the whole plan scores 4 x 3 = 12 (Inadequate), and the
    # inconsistent-identity cap holds the plan at Inadequate whatever the other sections.
    report = _report([_finding("inconsistent-identity", "error", None)])
    rating = rate_plan(report)
    assert rating.whole_plan.score == 12
    assert rating.overall is Rating.INADEQUATE
    assert [s.step for s in rating.steps if s.limit is Rating.INADEQUATE] == ["whole plan", "cap"]


def test_looked_after_child_without_social_care_input_caps_at_requires_improvement() -> None:
    report = _report([_finding("missing-social-care-input", "error", "D")])
    rating = rate_plan(report)
    # D: 3 x 3 = 9 → Requires improvement; mean (11 x 4 + 2) / 12 = 3.83 → Good; cap → RI.
    assert rating.sections["D"].rating is Rating.REQUIRES_IMPROVEMENT
    assert rating.overall is Rating.REQUIRES_IMPROVEMENT
    # The same category as a warning is weighed but does not cap.
    warning = rate_plan(_report([_finding("missing-social-care-input", "warning", "D")]))
    assert warning.sections["D"].score == 3
    assert warning.overall is Rating.GOOD


def test_findings_outside_rated_sections_count_for_the_whole_plan() -> None:
    report = _report([_finding("jargon", "warning", None), _finding("jargon", "warning", "Z")])
    rating = rate_plan(report)
    assert rating.whole_plan.score == 1.0
    assert [w.index for w in rating.whole_plan.findings] == [0, 1]


def test_configured_weights_thresholds_and_caps_change_the_arithmetic() -> None:
    scheme = RatingScheme.from_config(
        Config(
            rating={
                "category-weights": {"vague-provision": 5},
                "severity-weights": {"warning": 2},
                "thresholds": {"good": 10, "requires-improvement": 30},
                "caps": {"missing-section": 3},
            }
        )
    )
    report = _report(
        [_finding("vague-provision", "warning", "F"), _finding("missing-section", "error", "J")]
    )
    rating = rate_plan(report, scheme)
    assert rating.sections["F"].score == 10  # 5 x 2
    assert rating.sections["F"].rating is Rating.GOOD  # <= 10 now
    assert rating.sections["J"].score == 12  # 4 x 3, unchanged defaults
    assert rating.sections["J"].rating is Rating.REQUIRES_IMPROVEMENT  # <= 30 now
    cap = next(s for s in rating.steps if s.step == "cap")
    assert cap.limit is Rating.GOOD


@pytest.mark.parametrize(
    ("tables", "message"),
    [
        ({"colours": {"good": 1}}, r"^configuration: rating: 'colours' is not a rating table; use one of: category-weights, severity-weights, thresholds, caps$"),
        ({"category-weights": {"vauge-provision": 1}}, r"^configuration: rating: category-weights: 'vauge-provision' is not allowed \(did you mean 'vague-provision'\?\); use one of: vague-provision, "),
        ({"severity-weights": {"critical": 5}}, r"^configuration: rating: severity-weights: 'critical' is not allowed; use one of: error, warning, info$"),
        ({"thresholds": {"excellent": 1}}, r"^configuration: rating: thresholds: 'excellent' is not allowed; use one of: outstanding, good, requires-improvement$"),
        ({"thresholds": {"good": 20, "requires-improvement": 5}}, r"^configuration: rating: thresholds must not decrease"),
        ({"category-weights": {"jargon": -1}}, r"^configuration: rating: category-weights.jargon must not be negative, not -1$"),
        ({"caps": {"missing-section": 2.5}}, r"^configuration: rating: caps.missing-section must be 1 \(Inadequate\)"),
    ],
)
def test_bad_rating_configuration_is_a_one_line_error(
    tables: dict[str, dict[str, float]], message: str
) -> None:
    with pytest.raises(ConfigError, match=message) as caught:
        RatingScheme.from_tables(tables)
    assert "\n" not in str(caught.value)


def test_bad_rating_key_in_a_configuration_file_stops_the_command_line(tmp_path: Path) -> None:
    plan = FIXTURES / "markdown-anytown.md"
    (tmp_path / "ehcp-lint.toml").write_text(
        "[rating.severity-weights]\nwarnning = 2\n", encoding="utf-8"
    )
    result = run(["--config", tmp_path / "ehcp-lint.toml", plan])
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1
    assert "rating: severity-weights: 'warnning' is not allowed (did you mean 'warning'?)" in lines[0]


def test_explanation_lists_every_weight_sum_and_limit() -> None:
    report = _report(
        [
            _finding("vague-provision", "warning", "F", "PRV001"),
            _finding("missing-section", "error", "J", "STR001"),
        ],
        absent=("J",),
    )
    text = explain_rating(report)
    assert text.splitlines()[0] == "invented.docx: overall Requires improvement (Amber)"
    assert "    PRV001 vague-provision warning: 2 x 1 = 2 (paragraph 3)" in text
    assert "    STR001 missing-section error: 4 x 3 = 12 (paragraph 3)" in text
    assert "Section J: Personal budget [absent]: Inadequate (Red), score 12" in text
    assert "score 12 > Requires improvement limit 10" in text
    assert "score 2 > Outstanding limit 0, <= Good limit 4" in text
    assert "1. typical section: Good: mean of 12 section ratings" in text
    assert "2. worst section: Requires improvement" in text
    assert "cap: Requires improvement: finding 2: STR001 missing-section (error) in Section J" in text
    assert text.splitlines()[-1] == "  = Requires improvement (Amber)"
    # Plan text never appears: the explanation names codes, weights and locations only.
    assert "Invented finding" not in text


def test_explain_rating_command_on_a_fixture_plan() -> None:
    plan = FIXTURES / "grid-ashdown.docx"
    result = run(["explain-rating", plan])
    assert result.exit_code == 0, result.stderr
    report = lint(plan).plans[0]
    overall, _ = by_hand(report)
    assert result.stdout.splitlines()[0].endswith(f"overall {overall} ({Rating(overall).rag.value})")
    for finding in report.findings:
        weight = CATEGORY_WEIGHT[finding.category] * SEVERITY_WEIGHT[finding.severity.value]
        assert f"{finding.code} {finding.category} {finding.severity.value}: " in result.stdout
        assert f"= {weight:g}" in result.stdout


def test_explain_rating_of_an_unreadable_file_is_one_line(tmp_path: Path) -> None:
    result = run(["explain-rating", tmp_path / "missing.docx"])
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0
    assert "missing.docx" in result.stderr


def test_ratings_go_into_the_json_report_in_the_documented_shape() -> None:
    result = run([FIXTURES / "markdown-anytown.md", "--format", "json", "--exit-zero"])
    data = json.loads(result.stdout)
    ratings = data["plans"][0]["ratings"]
    assert set(ratings) == {"scheme", "overall", "rag", "points", "sections", "whole_plan", "steps"}
    assert ratings["overall"] in POINTS
    assert ratings["rag"] in ("Green", "Amber", "Red")
    section_f = ratings["sections"]["F"]
    assert set(section_f) == {"section", "title", "present", "score", "rating", "rag", "reason", "findings"}
    for item in section_f["findings"]:
        finding = data["plans"][0]["findings"][item["index"]]
        assert finding["code"] == item["code"]
        assert item["weight"] == item["category_weight"] * item["severity_weight"]
    # The stored shape validates back into the model.
    assert PlanRating.model_validate(ratings).overall.value == ratings["overall"]


def test_apply_ratings_fills_every_plan() -> None:
    report = lint(FIXTURES / "markdown-anytown.md")
    assert report.plans[0].ratings is None
    apply_ratings(report)
    assert report.plans[0].ratings is not None
    assert report.plans[0].ratings["overall"] == by_hand(report.plans[0])[0]
