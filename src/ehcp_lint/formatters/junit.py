"""JUnit XML: one test case per plan, failing when it has findings at the fail-on level.

CI servers (Jenkins, GitLab, Azure DevOps) show JUnit results natively, so a
panel can see which plans "fail QA" at a glance. The failure lists every
finding of the plan; a plan that could not be read is a test case in error.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ehcp_lint.formatters import FormatOptions
from ehcp_lint.report import Finding, Report, Severity

DESCRIPTION = "JUnit XML, one test case per plan (for CI dashboards)"

# Characters XML 1.0 cannot hold at all (Word text can contain some of them).
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _INVALID_XML.sub("\ufffd", text)


def _fails(finding: Finding, fail_on: str) -> bool:
    if fail_on == "never":
        return False
    return finding.severity.rank >= Severity(fail_on).rank


def _describe(f: Finding) -> str:
    where = ", ".join(
        part
        for part in (f"Section {f.section}" if f.section else "", f.location.describe())
        if part and part != "unknown location"
    )
    text = f"{f.code} {f.severity.value}: {f.message}"
    if where:
        text += f" [{where}]"
    if f.match:
        text += f" «{f.match}»"
    return text


def render(report: Report, options: FormatOptions) -> str:
    suites = ET.Element("testsuites", name="ehcp-lint")
    suite = ET.SubElement(suites, "testsuite", name="ehcp-lint")
    failures = 0
    for plan in report.plans:
        case = ET.SubElement(suite, "testcase", classname="ehcp-lint", name=_clean(plan.path))
        failing = [f for f in plan.findings if _fails(f, options.fail_on)]
        listing = "\n".join(_clean(_describe(f)) for f in plan.findings)
        if failing:
            failures += 1
            failure = ET.SubElement(
                case,
                "failure",
                message=f"{len(failing)} finding(s) at or above {options.fail_on}",
                type="ehcp-lint",
            )
            failure.text = listing
        elif plan.findings:
            ET.SubElement(case, "system-out").text = listing
    for err in report.errors:
        case = ET.SubElement(suite, "testcase", classname="ehcp-lint", name=_clean(err.path))
        ET.SubElement(case, "error", message=_clean(err.message), type="unreadable-file")
    tests = len(report.plans) + len(report.errors)
    for element in (suites, suite):
        element.set("tests", str(tests))
        element.set("failures", str(failures))
        element.set("errors", str(len(report.errors)))
    ET.indent(suites)
    body = ET.tostring(suites, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
