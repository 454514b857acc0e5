"""Effective configuration: one validated pydantic model, strict about keys.

Configuration files use kebab-case keys (``extend-select``, ``fail-on``) as
ruff does; the model accepts those names and rejects anything unknown with a
message that names the key and the allowed ones (see :mod:`ehcp_lint.config_files`
for discovery and provenance).
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ehcp_lint.model import STATUTORY_SECTIONS
from ehcp_lint.report import Severity

if TYPE_CHECKING:
    from ehcp_lint.engine.rule import Rule

FailOn = Literal["error", "warning", "info", "never"]


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class Config(BaseModel):
    """Everything a run can be told. Field names are snake_case; files use kebab-case."""

    model_config = ConfigDict(
        extra="forbid", alias_generator=_kebab, populate_by_name=True, frozen=False
    )

    select: list[str] = Field(default_factory=lambda: ["ALL"])
    extend_select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict)
    severity: dict[str, Severity] = Field(default_factory=dict)
    fail_on: FailOn = "warning"
    heading_aliases: dict[str, list[str]] = Field(default_factory=dict)
    vocabulary: list[str] = Field(default_factory=list)
    reference_date: dt.date | None = None
    thresholds: dict[str, float] = Field(default_factory=dict)
    rules_folders: list[str] = Field(default_factory=list)
    nlp_model: str | None = None
    #: Per-file limits for batch runs (seconds, megabytes).
    file_timeout: float = 60.0
    file_memory_mb: int = 1024
    max_file_mb: int = 100
    #: Rating scheme overrides (see ehcp_lint.rating).
    rating: dict[str, dict[str, float]] = Field(default_factory=dict)
    #: Batch rule: how many plans must share a sentence before it is boilerplate.
    boilerplate_min_plans: int = 3

    @field_validator("heading_aliases")
    @classmethod
    def _known_sections(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        allowed = (*STATUTORY_SECTIONS, "H")
        for key in value:
            if key not in allowed:
                raise ValueError(
                    f"heading-aliases key {key!r} is not a section; allowed: {', '.join(allowed)}"
                )
        return value

    @field_validator("rating")
    @classmethod
    def _known_rating_tables(cls, value: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
        from ehcp_lint.rating import check_rating_tables

        check_rating_tables(value)
        return value

    @field_validator("file_timeout")
    @classmethod
    def _positive_timeout(cls, value: float) -> float:
        if value <= 0:
            raise ValueError("file-timeout must be a positive number of seconds")
        return value

    @cached_property
    def vocabulary_set(self) -> frozenset[str]:
        """Accepted terms, compared case-insensitively."""
        return frozenset(v.strip().lower() for v in self.vocabulary if v.strip())

    @property
    def today(self) -> dt.date:
        """The reference date for date rules (configuration, else today)."""
        return self.reference_date or dt.date.today()

    def threshold_for(self, rule: Rule, name: str) -> float:
        key = f"{rule.code}.{name}"
        if key in self.thresholds:
            return self.thresholds[key]
        for t in rule.thresholds:
            if t.name == name:
                return t.default
        raise KeyError(f"rule {rule.code} declares no threshold {name!r}")
