"""The one report model every output format is produced from.

JSON output is a contract that other tools build on: ``schema_version`` is
bumped on any incompatible change and ``ehcp-lint schema`` prints the JSON
Schema generated from these models.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ehcp_lint.model import Location, PlanFormat

SCHEMA_VERSION = 1

#: The fixed list of finding categories. Other tools and reports depend on these names.
CATEGORIES: tuple[str, ...] = (
    # block level
    "vague-provision",
    "unquantified-provision",
    "diagnostic-need",
    "non-smart-outcome",
    "jargon",
    "deficit-language",
    "placeholder-text",
    # plan level
    "missing-section",
    "missing-health-input",
    "missing-social-care-input",
    "education-only-outcomes",
    "missing-child-voice",
    "needs-provision-gap",
    "provision-in-wrong-section",
    "missing-advice",
    "out-of-date",
    "inconsistent-identity",
    # batch level
    "boilerplate",
)

Category = Literal[
    "vague-provision",
    "unquantified-provision",
    "diagnostic-need",
    "non-smart-outcome",
    "jargon",
    "deficit-language",
    "placeholder-text",
    "missing-section",
    "missing-health-input",
    "missing-social-care-input",
    "education-only-outcomes",
    "missing-child-voice",
    "needs-provision-gap",
    "provision-in-wrong-section",
    "missing-advice",
    "out-of-date",
    "inconsistent-identity",
    "boilerplate",
]


class Severity(StrEnum):
    """Ordered: ``Severity.ERROR.rank > Severity.WARNING.rank > Severity.INFO.rank``."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


class Finding(BaseModel):
    """One problem found in one plan.

    ``excerpt`` is the text of the block (or table cell) the finding sits in;
    ``match`` the flagged words exactly as they stand in the plan, found at
    ``excerpt[start:end]``. Plan-level findings have an empty ``match`` and
    ``start``/``end`` of ``None``; ``section`` is ``None`` for a finding about
    the whole plan.
    """

    model_config = ConfigDict(frozen=False)

    code: str
    name: str
    category: Category
    severity: Severity
    section: str | None = None
    message: str
    suggestion: str = ""
    excerpt: str = ""
    match: str = ""
    start: int | None = None
    end: int | None = None
    location: Location = Field(default_factory=Location)
    #: Other plans involved (batch rules such as boilerplate), as paths.
    related: list[str] = Field(default_factory=list)
    #: Position in plan order (internal: lets batch findings join per-plan ones in order).
    order: float = Field(default=0.0, exclude=True, repr=False)

    def fingerprint(self) -> str:
        """Stable identity for baselines: code + section + normalised matched text.

        Deliberately excludes locations so that edits elsewhere in the plan do
        not invalidate a baseline entry.
        """
        import hashlib

        basis = self.match or self.message
        norm = " ".join(basis.lower().split())
        raw = f"{self.code}\x1f{self.section or ''}\x1f{norm}"
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:20]


class SectionSummary(BaseModel):
    present: bool
    blocks: int = 0
    words: int = 0


class PlanSummary(BaseModel):
    findings: int = 0
    by_severity: dict[str, int] = Field(default_factory=dict)
    by_category: dict[str, int] = Field(default_factory=dict)


class PlanReport(BaseModel):
    """Findings for one plan, in plan order."""

    path: str
    format: PlanFormat
    sections: dict[str, SectionSummary] = Field(default_factory=dict)
    findings: list[Finding] = Field(default_factory=list)
    summary: PlanSummary = Field(default_factory=PlanSummary)
    #: Filled by the rating scheme (panel reports); free-form to allow schemes to evolve.
    ratings: dict[str, Any] | None = None


class FileError(BaseModel):
    """A file that could not be read; ``message`` is the one-line error."""

    path: str
    message: str


class ToolInfo(BaseModel):
    name: str = "ehcp-lint"
    version: str


class Report(BaseModel):
    schema_version: int = SCHEMA_VERSION
    tool: ToolInfo
    plans: list[PlanReport] = Field(default_factory=list)
    errors: list[FileError] = Field(default_factory=list)
    #: Baseline entries that no longer match any finding (only with ``--baseline``).
    stale_baseline: list[str] = Field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        return [f for p in self.plans for f in p.findings]
