"""ehcp-lint: quality assurance for English Education, Health and Care Plans.

The public API is imported lazily so that ``import ehcp_lint`` (and the
``--version``/``--help`` paths of the command line) stay fast: spaCy and
pdfplumber are loaded only when a plan is actually read or linted.

    >>> import ehcp_lint
    >>> plan = ehcp_lint.load_plan("plan.docx")       # doctest: +SKIP
    >>> report = ehcp_lint.lint(plan)                 # doctest: +SKIP
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_LAZY: dict[str, str] = {
    "Plan": "ehcp_lint.model",
    "PlanMetadata": "ehcp_lint.model",
    "Section": "ehcp_lint.model",
    "Block": "ehcp_lint.model",
    "BlockKind": "ehcp_lint.model",
    "Location": "ehcp_lint.model",
    "AreaOfNeed": "ehcp_lint.model",
    "load_plan": "ehcp_lint.reading",
    "read_plan": "ehcp_lint.reading",
    "ReadOptions": "ehcp_lint.reading",
    "Finding": "ehcp_lint.report",
    "Report": "ehcp_lint.report",
    "PlanReport": "ehcp_lint.report",
    "lint": "ehcp_lint.api",
    "lint_many": "ehcp_lint.api",
    "Config": "ehcp_lint.config",
    "Rule": "ehcp_lint.engine.rule",
    "PlanReadError": "ehcp_lint.errors",
}

__all__ = [
    "AreaOfNeed",
    "Block",
    "BlockKind",
    "Config",
    "Finding",
    "Location",
    "Plan",
    "PlanMetadata",
    "PlanReadError",
    "PlanReport",
    "ReadOptions",
    "Report",
    "Rule",
    "Section",
    "__version__",
    "lint",
    "lint_many",
    "load_plan",
    "read_plan",
]

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from ehcp_lint.api import lint, lint_many
    from ehcp_lint.config import Config
    from ehcp_lint.engine.rule import Rule
    from ehcp_lint.errors import PlanReadError
    from ehcp_lint.model import (
        AreaOfNeed,
        Block,
        BlockKind,
        Location,
        Plan,
        PlanMetadata,
        Section,
    )
    from ehcp_lint.reading import ReadOptions, load_plan, read_plan
    from ehcp_lint.report import Finding, PlanReport, Report


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'ehcp_lint' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
