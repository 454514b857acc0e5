"""Fuzzing the Word and text readers: whatever the bytes, a Plan or a one-line PlanReadError.

Hypothesis mutates small valid plans: raw bytes of a .docx (most mutations
break the zip and must be reported as damage), the XML parts inside a .docx
re-zipped with correct checksums (so python-docx and the reader itself see
the damage), and the bytes of a Markdown plan. Any other exception, or a
read that hangs, fails the test. Each read runs under the in-process
watchdog, so a hang is reported instead of stalling the suite.

The budget is bounded for CI (a few hundred examples, well under a minute);
``EHCP_LINT_HYPOTHESIS_SCALE=20`` fuzzes twenty times as long locally.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from badinputs.corpus import build_zip, good_docx, good_markdown, parts_of
from badinputs.examples import examples
from ehcp_lint.engine.limits import FileLimits, call_with_limits
from ehcp_lint.errors import PlanReadError
from ehcp_lint.model import Plan

SEED_DOCX = good_docx()
SEED_PARTS = parts_of(SEED_DOCX)
XML_PARTS = sorted(name for name in SEED_PARTS if name.endswith((".xml", ".rels")))
SEED_MARKDOWN = good_markdown().encode("utf-8")
HUNG = "hung"
_LIMITS = FileLimits(timeout=20, memory_mb=1024)


@st.composite
def mutations(draw: st.DrawFn, seed: bytes) -> bytes:
    """``seed`` after one to eight byte-level edits: flip, overwrite, insert, delete, repeat, cut."""
    data = bytearray(seed)
    interesting = st.sampled_from([b"\x00", b"\xff", b"<", b">", b"&", b'"', b"</w:p>", b"<w:tbl>", b"#", b"|", b"\n"])
    for _ in range(draw(st.integers(1, 8))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        op = draw(st.sampled_from(["flip", "set", "insert", "delete", "repeat", "cut"]))
        if op == "flip":
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif op == "set":
            data[at] = draw(st.integers(0, 255))
        elif op == "insert":
            data[at:at] = draw(interesting | st.binary(min_size=1, max_size=16))
        elif op == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        elif op == "repeat":
            data[at:at] = data[at : at + draw(st.integers(1, 256))] * draw(st.integers(1, 4))
        else:
            del data[at:]
    return bytes(data)


def _read(data: bytes, fmt: str) -> Plan | PlanReadError | str:
    """Read under the watchdog: a Plan, the PlanReadError, or ``HUNG``."""
    from ehcp_lint.reading import read_plan

    def attempt(source: str) -> Plan | PlanReadError:
        try:
            return read_plan(data, fmt, source=source)
        except PlanReadError as err:
            return err

    return call_with_limits(attempt, f"fuzz.{fmt}", _LIMITS, lambda item, message: HUNG)


def _check(outcome: Plan | PlanReadError | str, fmt: str) -> None:
    assert outcome != HUNG, "the reader passed the time or memory limit"
    if isinstance(outcome, PlanReadError):
        message = str(outcome)
        assert message.startswith(f"fuzz.{fmt}: ") and "\n" not in message, message
    else:
        assert isinstance(outcome, Plan)


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=mutations(SEED_DOCX))
def test_mutated_word_bytes(data: bytes) -> None:
    _check(_read(data, "docx"), "docx")


@settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(part=st.sampled_from(XML_PARTS), data=st.data())
def test_mutated_xml_inside_a_valid_zip(part: str, data: st.DataObject) -> None:
    parts = dict(SEED_PARTS)
    parts[part] = data.draw(mutations(SEED_PARTS[part]), label=part)
    _check(_read(build_zip(parts), "docx"), "docx")


@settings(max_examples=examples(200), deadline=None)
@given(data=mutations(SEED_MARKDOWN), fmt=st.sampled_from(["md", "txt"]))
def test_mutated_text_bytes(data: bytes, fmt: str) -> None:
    _check(_read(data, fmt), fmt)


def test_the_seeds_read() -> None:
    """The fuzzing starts from plans that read, so mutations explore near real plans."""
    assert isinstance(_read(SEED_DOCX, "docx"), Plan)
    assert isinstance(_read(SEED_MARKDOWN, "md"), Plan)
    with zipfile.ZipFile(io.BytesIO(SEED_DOCX)) as archive:
        assert "word/document.xml" in archive.namelist()


@pytest.mark.parametrize("part", ["word/document.xml", "word/styles.xml", "[Content_Types].xml"])
def test_a_part_cut_short_anywhere_is_handled(part: str) -> None:
    """Cut a part at 40 points along its length: each prefix is damage or a plan, never a crash."""
    parts = dict(SEED_PARTS)
    original = parts[part]
    for end in range(0, len(original), max(1, len(original) // 40)):
        parts[part] = original[:end]
        _check(_read(build_zip(parts), "docx"), "docx")
