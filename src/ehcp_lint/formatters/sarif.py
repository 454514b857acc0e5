"""SARIF 2.1.0, the static-analysis exchange format code-scanning services read.

Plans are not source code, so the mapping is stated here once:
``region.startLine`` is the line (text and Markdown), the paragraph (Word) or
the page (PDF); a Word table cell has no such number, so its table, row and
column go in the result's ``properties`` (with the flagged words as
``snippet``) and the result has no region. ``partialFingerprints`` carries the
baseline fingerprint so services can follow a finding across edits.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ehcp_lint.formatters import FormatOptions
from ehcp_lint.formatters._common import line_number
from ehcp_lint.report import Finding, Report, Severity

DESCRIPTION = "SARIF 2.1.0 for code-scanning services"

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(path: str) -> str:
    """A URI reference for a plan path: relative paths stay relative, absolute ones become file URIs."""
    p = Path(path)
    if p.is_absolute():
        return p.as_uri()
    return quote(p.as_posix(), safe="/")


def _flat(text: str) -> str:
    """Rule documentation is wrapped in its TOML file; SARIF viewers reflow text themselves."""
    return " ".join(text.split())


def _rule_descriptor(code: str, options: FormatOptions, finding: Finding | None) -> dict[str, Any]:
    rule = options.rules.get(code)
    if rule is None:
        name = finding.name if finding is not None else code
        return {"id": code, "name": name, "shortDescription": {"text": name}}
    doc = rule.doc
    why, source = _flat(doc.why), _flat(doc.source)
    help_text = f"{why}\n\nSource: {source}"
    help_md = (
        f"{why}\n\n**Source:** {source}\n\n"
        f"**Poor:** {_flat(doc.poor.text) or '(see the example plan in docs/rules.md)'}\n\n"
        f"**Better:** {_flat(doc.better.text) or '(see the example plan in docs/rules.md)'}"
    )
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": _flat(doc.summary)},
        "fullDescription": {"text": why},
        "help": {"text": help_text, "markdown": help_md},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"category": rule.category, "tags": [rule.category]},
    }


def _result(finding: Finding, uri: str, index: int) -> dict[str, Any]:
    loc = finding.location
    properties: dict[str, Any] = {"category": finding.category}
    if finding.section is not None:
        properties["section"] = finding.section
    if finding.suggestion:
        properties["suggestion"] = finding.suggestion
    for key in ("page", "paragraph", "table", "row", "column", "line"):
        value = getattr(loc, key)
        if value is not None:
            properties[key] = value
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri}}
    start = line_number(loc)
    if start is not None:
        region: dict[str, Any] = {"startLine": start}
        if finding.match:
            region["snippet"] = {"text": finding.match}
        physical["region"] = region
    elif finding.match:
        properties["snippet"] = finding.match
    text = finding.message
    if finding.suggestion:
        text += f" {finding.suggestion}"
    return {
        "ruleId": finding.code,
        "ruleIndex": index,
        "level": _LEVEL[finding.severity],
        "message": {"text": text},
        "locations": [{"physicalLocation": physical}],
        "partialFingerprints": {"ehcpLintFingerprint/v1": finding.fingerprint()},
        "properties": properties,
    }


def build(report: Report, options: FormatOptions) -> dict[str, Any]:
    """The SARIF log as a dict (``render`` serialises it)."""
    codes = sorted(set(options.rules) | {f.code for f in report.findings})
    first: dict[str, Finding] = {}
    for f in report.findings:
        first.setdefault(f.code, f)
    rules = [_rule_descriptor(code, options, first.get(code)) for code in codes]
    index = {code: i for i, code in enumerate(codes)}
    results = [
        _result(f, artifact_uri(plan.path), index[f.code])
        for plan in report.plans
        for f in plan.findings
    ]
    notifications = [
        {
            "level": "error",
            "message": {"text": err.message},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(err.path)}}}],
        }
        for err in report.errors
    ]
    invocation: dict[str, Any] = {"executionSuccessful": not report.errors}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": report.tool.name,
                        "version": report.tool.version,
                        "semanticVersion": report.tool.version,
                        "rules": rules,
                    }
                },
                "invocations": [invocation],
                "results": results,
            }
        ],
    }


def render(report: Report, options: FormatOptions) -> str:
    return json.dumps(build(report, options), indent=2, ensure_ascii=False) + "\n"
