"""The JSON report: the versioned contract other tools build on (docs/report-format.md).

It is the :class:`~ehcp_lint.report.Report` model itself, so ``ehcp-lint schema``
(the model's JSON Schema) always describes exactly what is written here.
"""

from __future__ import annotations

from ehcp_lint.formatters import FormatOptions
from ehcp_lint.report import Report

DESCRIPTION = "the whole report as one JSON document (schema: ehcp-lint schema)"


def render(report: Report, options: FormatOptions) -> str:
    return report.model_dump_json(indent=2) + "\n"
