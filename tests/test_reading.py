"""load_plan / read_plan: dispatch by extension and content, and one-line errors for bad input."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from pydantic import ValidationError

import ehcp_lint
from ehcp_lint.errors import (
    CorruptFileError,
    NoSectionsError,
    NoTextError,
    PlanReadError,
    ProtectedFileError,
    UnsafeFileError,
    UnsupportedFormatError,
)
from ehcp_lint.reading import ReadOptions, load_plan, read_plan

#: Invented content: a test fails if this ever shows up in an error message.
SECRET = "Quillon Zephyrine"

MARKDOWN_PLAN = f"""\
# Education, Health and Care Plan

Name: {SECRET}
Date of birth: 14/02/2016

## Section A: All about me

{SECRET} loves trains.

## Section B: Special educational needs

{SECRET} finds it hard to wait.
"""


def _docx_bytes(*paragraphs: tuple[str, int | None]) -> bytes:
    d = docx.Document()
    for text, level in paragraphs:
        if level is None:
            d.add_paragraph(text)
        else:
            d.add_heading(text, level)
    buffer = io.BytesIO()
    d.save(buffer)
    return buffer.getvalue()


def _assert_one_line(err: PlanReadError, name: str) -> str:
    message = str(err)
    assert "\n" not in message
    assert name in message
    assert SECRET not in message
    assert "Traceback" not in message
    return message


# ----------------------------------------------------------------------------- happy paths


def test_load_markdown_plan(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_text(MARKDOWN_PLAN, encoding="utf-8")
    plan = load_plan(path)
    assert plan.format == "md"
    assert plan.source == str(path)
    assert plan.keys == ["A", "B"]
    assert plan.metadata.child_name == SECRET


@pytest.mark.parametrize("suffix", [".markdown", ".MD", ".txt"])
def test_other_text_extensions(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"plan{suffix}"
    path.write_bytes(MARKDOWN_PLAN.encode("cp1252"))
    plan = load_plan(str(path))
    assert plan.format == ("txt" if suffix == ".txt" else "md")
    assert "A" in plan.keys and "B" in plan.keys


def test_load_docx_plan_and_file_is_unchanged(tmp_path: Path) -> None:
    data = _docx_bytes(("Section A", 1), (f"{SECRET} likes music.", None), ("Section K", 1))
    path = tmp_path / "plan.docx"
    path.write_bytes(data)
    before = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
    plan = load_plan(path)
    after = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
    assert before == after
    assert plan.format == "docx"
    assert plan.keys == ["A", "K"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.docx"]


def test_content_decides_when_the_extension_lies(tmp_path: Path) -> None:
    data = _docx_bytes(("Section A", 1), ("Words.", None))
    as_doc = tmp_path / "plan.doc"
    as_doc.write_bytes(data)
    assert load_plan(as_doc).format == "docx"
    as_md = tmp_path / "plan.md"
    as_md.write_bytes(data)
    assert load_plan(as_md).format == "docx"


def test_read_plan_from_text_and_bytes() -> None:
    plan = read_plan(MARKDOWN_PLAN, "md", source="upload-17")
    assert plan.source == "upload-17" and plan.keys == ["A", "B"]
    plan = read_plan(MARKDOWN_PLAN.encode("utf-16"), "txt")
    assert plan.format == "txt" and plan.keys == ["A", "B"]
    plan = read_plan(_docx_bytes(("Section E: Outcomes", 1), ("By July.", None)), "docx")
    assert plan.keys == ["E"]


def test_read_plan_aliases() -> None:
    text = "## My story\n\nA tale.\n\n## What support I will get\n\nA buddy.\n"
    options = ReadOptions(heading_aliases={"a": ["My story"], "F": ["What support I will get"]})
    plan = read_plan(text, "md", options=options)
    assert plan.keys == ["A", "F"]


def test_read_options_rejects_unknown_section() -> None:
    with pytest.raises(ValidationError) as err:
        ReadOptions(heading_aliases={"Z": ["Zed"]})
    assert "'Z' is not a section" in str(err.value)
    with pytest.raises(ValidationError):
        ReadOptions(max_file_bytes=0)


def test_read_options_is_exported_lazily() -> None:
    assert ehcp_lint.ReadOptions is ReadOptions
    assert ehcp_lint.load_plan is load_plan


# ----------------------------------------------------------------------------- bad inputs


def test_unsupported_extension(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"PK\x03\x04 whatever")
    with pytest.raises(UnsupportedFormatError) as err:
        load_plan(path)
    assert str(err.value) == (
        f"{path}: not a plan file ehcp-lint reads (.docx, .pdf, .md, .txt); save the plan as .docx or PDF"
    )


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.docx"
    with pytest.raises(PlanReadError) as err:
        load_plan(path)
    message = _assert_one_line(err.value, "nowhere.docx")
    assert "no such file" in message


def test_directory(tmp_path: Path) -> None:
    folder = tmp_path / "plans.docx"
    folder.mkdir()
    with pytest.raises(PlanReadError) as err:
        load_plan(folder)
    assert "is a folder" in _assert_one_line(err.value, "plans.docx")


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read any file"
)
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "locked.md"
    path.write_text(MARKDOWN_PLAN, encoding="utf-8")
    path.chmod(0)
    try:
        with pytest.raises(PlanReadError) as err:
            load_plan(path)
        assert "permission denied" in _assert_one_line(err.value, "locked.md")
    finally:
        path.chmod(0o600)


@pytest.mark.parametrize("suffix", [".docx", ".md", ".txt", ".pdf"])
def test_empty_file(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(b"")
    with pytest.raises(NoTextError) as err:
        load_plan(path)
    assert "is empty" in _assert_one_line(err.value, path.name)


def test_plan_without_sections_lists_expected_headings(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text(f"# Meeting notes\n\n{SECRET} came to the meeting.\n", encoding="utf-8")
    with pytest.raises(NoSectionsError) as err:
        load_plan(path)
    message = _assert_one_line(err.value, "notes.md")
    assert "no EHCP section headings found" in message
    assert "'Section A'" in message and "'Part F'" in message
    assert "heading aliases" in message


def test_binary_junk_in_a_txt(tmp_path: Path) -> None:
    path = tmp_path / "junk.txt"
    path.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(CorruptFileError) as err:
        load_plan(path)
    assert "does not look like a text file" in _assert_one_line(err.value, "junk.txt")


def test_legacy_doc_extension(tmp_path: Path) -> None:
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2048)
    with pytest.raises(UnsupportedFormatError) as err:
        load_plan(path)
    assert str(err.value) == f"{path}: is a legacy Word .doc file; open it in Word and save it as .docx"


def test_legacy_doc_renamed_docx(tmp_path: Path) -> None:
    path = tmp_path / "renamed.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2048)
    with pytest.raises(UnsupportedFormatError) as err:
        load_plan(path)
    message = _assert_one_line(err.value, "renamed.docx")
    assert ".doc" in message and "save it as .docx" in message


def test_spreadsheet_renamed_txt_is_reported_truthfully(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
    path = tmp_path / "budget.txt"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(PlanReadError) as err:
        load_plan(path)
    assert "spreadsheet" in _assert_one_line(err.value, "budget.txt")


def test_truncated_docx(tmp_path: Path) -> None:
    data = _docx_bytes(("Section A", 1), (f"{SECRET} likes music.", None))
    path = tmp_path / "cut.docx"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(CorruptFileError) as err:
        load_plan(path)
    _assert_one_line(err.value, "cut.docx")


def test_unexpected_reader_failure_becomes_corrupt_file_error(tmp_path: Path) -> None:
    """A well-formed zip whose main part is not WordprocessingML trips python-docx."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        )
        z.writestr("word/document.xml", f"<plan>{SECRET}</plan>")
    path = tmp_path / "odd.docx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(CorruptFileError) as err:
        load_plan(path)
    message = _assert_one_line(err.value, "odd.docx")
    assert message.endswith("try again")
    assert err.value.__cause__ is None and err.value.__suppress_context__


def test_file_too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.md"
    path.write_text(MARKDOWN_PLAN, encoding="utf-8")
    with pytest.raises(UnsafeFileError) as err:
        load_plan(path, ReadOptions(max_file_bytes=64))
    assert "larger than" in _assert_one_line(err.value, "big.md")
    with pytest.raises(UnsafeFileError):
        read_plan(MARKDOWN_PLAN.encode(), "md", source="big.md", options=ReadOptions(max_file_bytes=64))


def test_zip_bomb_limit_is_passed_to_the_word_reader(tmp_path: Path) -> None:
    data = _docx_bytes(("Section A", 1), ("x " * 20000, None))
    path = tmp_path / "bomb.docx"
    path.write_bytes(data)
    with pytest.raises(UnsafeFileError) as err:
        load_plan(path, ReadOptions(max_uncompressed_bytes=10_000))
    _assert_one_line(err.value, "bomb.docx")


def test_read_plan_bad_arguments() -> None:
    with pytest.raises(UnsupportedFormatError) as err:
        read_plan(b"data", "rtf", source="x.rtf")
    assert "x.rtf" in str(err.value) and "\n" not in str(err.value)
    with pytest.raises(TypeError):
        read_plan("text", "docx")
    with pytest.raises(NoTextError):
        read_plan("  \n", "md", source="blank")


def test_import_does_not_load_heavy_libraries(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_text(MARKDOWN_PLAN, encoding="utf-8")
    code = (
        "import sys, ehcp_lint\n"
        "assert 'spacy' not in sys.modules and 'pdfplumber' not in sys.modules\n"
        f"plan = ehcp_lint.load_plan({str(path)!r})\n"
        "heavy = [m for m in ('spacy', 'pdfplumber', 'docx') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
        "print(plan.keys)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['A', 'B']"


def _pdf_bytes() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build(
        [
            Paragraph("Section A: All about me", styles["Heading1"]),
            Paragraph(f"{SECRET} likes trains and buses.", styles["Normal"]),
            Paragraph("Section B: Special educational needs", styles["Heading1"]),
            Paragraph(f"{SECRET} finds waiting hard.", styles["Normal"]),
        ]
    )
    return buffer.getvalue()


def test_pdf_saved_with_a_docx_name_is_read_as_pdf(tmp_path: Path) -> None:
    path = tmp_path / "export.docx"
    path.write_bytes(_pdf_bytes())
    plan = load_plan(path)
    assert plan.format == "pdf"
    assert plan.keys == ["A", "B"]
    assert plan.section("B") is not None
    assert plan.section("B").text == f"{SECRET} finds waiting hard."  # type: ignore[union-attr]


def test_load_pdf_plan(tmp_path: Path) -> None:
    path = tmp_path / "plan.pdf"
    path.write_bytes(_pdf_bytes())
    plan = load_plan(path)
    assert plan.format == "pdf" and plan.keys == ["A", "B"]
    block = plan.section("A").blocks[0]  # type: ignore[union-attr]
    assert block.location.page == 1


def test_text_file_named_pdf_is_reported_as_damaged(tmp_path: Path) -> None:
    path = tmp_path / "fake.pdf"
    path.write_text(MARKDOWN_PLAN, encoding="utf-8")
    with pytest.raises(CorruptFileError) as err:
        load_plan(path)
    _assert_one_line(err.value, "fake.pdf")


def test_password_protected_word_file(tmp_path: Path) -> None:
    path = tmp_path / "locked.docx"
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 512
    path.write_bytes(ole)
    with pytest.raises(ProtectedFileError) as err:
        load_plan(path)
    assert "password" in _assert_one_line(err.value, "locked.docx")


def test_password_protected_pdf(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "locked.pdf"
    pdf = canvas.Canvas(str(path), encrypt="secret-pw")
    pdf.drawString(72, 720, f"Section A {SECRET}")
    pdf.save()
    with pytest.raises(ProtectedFileError) as err:
        load_plan(path)
    assert "password" in _assert_one_line(err.value, "locked.pdf")
