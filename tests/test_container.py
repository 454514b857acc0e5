"""Bad, disguised and hostile Word files: each gives the right one-line error, never a traceback.

Every input is built here, by python-docx or by hand with :mod:`zipfile`, and is
small: zip bombs are tested with a low ``max_uncompressed_bytes`` or with the
compression-ratio guard, never by inflating hundreds of megabytes.
"""

from __future__ import annotations

import io
import random
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from badinputs.corpus import OLE_MAGIC, W_NS, build_zip, document_xml, parts_of, with_part
from ehcp_lint.errors import (
    CorruptFileError,
    NoTextError,
    PlanReadError,
    ProtectedFileError,
    UnsafeFileError,
    UnsupportedFormatError,
)
from ehcp_lint.readers import container
from ehcp_lint.readers.container import check_docx_container, sniff_format
from ehcp_lint.readers.docx_reader import read_docx

NAME = "jo-bloggs-plan.docx"
#: Invented plan text; it must never appear in an error message.
SECRET = "Jo Example has epilepsy and sees the paediatrician monthly"

MAIN_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


# --- builders ------------------------------------------------------------------------------


def valid_docx() -> bytes:
    document = docx.Document()
    document.add_heading("Section C: Health needs", level=1)
    document.add_paragraph(SECRET)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def with_parts(data: bytes, **changes: bytes) -> bytes:
    """A copy of a docx with parts replaced or added (keyword = part name, '__' for '/')."""
    parts = parts_of(data)
    for key, content in changes.items():
        parts[key.replace("__", "/")] = content
    return build_zip(parts)


def minimal_xlsx() -> bytes:
    return build_zip(
        {
            "[Content_Types].xml": (
                b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                b'package/2006/content-types"><Default Extension="xml" ContentType='
                b'"application/xml"/></Types>'
            ),
            "_rels/.rels": b'<?xml version="1.0"?><Relationships/>',
            "xl/workbook.xml": b'<?xml version="1.0"?><workbook/>',
            "xl/worksheets/sheet1.xml": b'<?xml version="1.0"?><worksheet/>',
        }
    )


def fake_ole(*stream_names: str) -> bytes:
    """An OLE2 compound-file header, padding and directory entry names (UTF-16LE)."""
    directory = b"".join(name.encode("utf-16-le").ljust(64, b"\x00") for name in stream_names)
    return OLE_MAGIC + bytes(504) + directory + bytes(2048)


BILLION_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
)


def assert_one_line_error(error: PlanReadError, name: str = NAME) -> None:
    message = str(error)
    assert "\n" not in message
    assert message.startswith(f"{name}: ")
    assert SECRET not in message
    assert "Jo Example" not in message


# --- the bad inputs of the brief, through read_docx -----------------------------------------


def _truncated() -> bytes:
    data = valid_docx()
    return data[: len(data) // 2]


def _bit_flipped_document_part() -> bytes:
    """Flip a byte in the middle of word/document.xml's compressed data (CRC or inflate error)."""
    data = bytearray(valid_docx())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("word/document.xml")
    name_length, extra_length = struct.unpack_from("<HH", data, info.header_offset + 26)
    start = info.header_offset + 30 + name_length + extra_length
    data[start + info.compress_size // 2] ^= 0xFF
    return bytes(data)


def _random_bytes() -> bytes:
    return random.Random(20251123).randbytes(8192)


def _bomb_declared() -> bytes:
    padding = " " * (3 * 1024 * 1024)
    return with_part(
        valid_docx(), "word/document.xml", document_xml(f"<w:p/>{padding}<w:p/>")
    )


def _billion_laughs() -> bytes:
    return with_part(
        valid_docx(),
        "word/document.xml",
        document_xml("<w:p><w:r><w:t>&lol3;</w:t></w:r></w:p>", prolog=BILLION_LAUGHS),
    )


BAD_INPUTS: list[tuple[str, Callable[[], bytes], type[PlanReadError], str, int | None]] = [
    ("empty", lambda: b"", NoTextError, "is empty", None),
    ("truncated", _truncated, CorruptFileError, "damaged or incomplete", None),
    ("bit-flipped", _bit_flipped_document_part, CorruptFileError, "damaged or incomplete", None),
    ("random-bytes", _random_bytes, CorruptFileError, "is not a Word document", None),
    ("renamed-xlsx", minimal_xlsx, UnsupportedFormatError, "is a spreadsheet, not a Word document", None),
    ("legacy-doc", lambda: fake_ole("Root Entry", "WordDocument"), UnsupportedFormatError,
     "legacy Word .doc file; open it in Word and save it as .docx", None),
    ("encrypted", lambda: fake_ole("Root Entry", "EncryptionInfo", "EncryptedPackage"),
     ProtectedFileError, "is password-protected; remove the password in Word", None),
    ("zip-bomb", _bomb_declared, UnsafeFileError, "would inflate to more than 1 MB", 1024 * 1024),
    ("billion-laughs", _billion_laughs, UnsafeFileError,
     "contains XML entity declarations, which ehcp-lint never resolves; re-save the document from Word",
     None),
]


@pytest.mark.parametrize(
    ("build", "error_class", "wording", "limit"),
    [case[1:] for case in BAD_INPUTS],
    ids=[case[0] for case in BAD_INPUTS],
)
def test_bad_inputs_raise_one_line_errors(
    tmp_path: Path,
    build: Callable[[], bytes],
    error_class: type[PlanReadError],
    wording: str,
    limit: int | None,
) -> None:
    path = tmp_path / NAME
    path.write_bytes(build())
    data = path.read_bytes()
    kwargs = {} if limit is None else {"max_uncompressed_bytes": limit}
    with pytest.raises(PlanReadError) as caught:
        read_docx(data, path.name, **kwargs)
    assert type(caught.value) is error_class
    assert wording in str(caught.value)
    assert_one_line_error(caught.value)
    assert path.read_bytes() == data  # the bad file is left exactly as it was


# --- zip bombs --------------------------------------------------------------------------------


def test_compression_ratio_guard_catches_a_bomb_under_the_size_limit() -> None:
    with pytest.raises(UnsafeFileError, match="compressed far more than any Word document"):
        check_docx_container(_bomb_declared(), NAME)


def test_declared_size_limit_is_the_sum_of_all_parts() -> None:
    data = valid_docx()
    declared = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist())
    check_docx_container(data, NAME, max_uncompressed_bytes=declared)
    with pytest.raises(UnsafeFileError, match="would inflate"):
        check_docx_container(data, NAME, max_uncompressed_bytes=declared - 1)


@pytest.mark.parametrize(
    ("max_bytes", "max_ratio", "wording"),
    [(100_000, 1e9, "would inflate"), (10**9, 50.0, "compressed far more")],
    ids=["size", "ratio"],
)
def test_inflated_bytes_are_checked_chunk_by_chunk(
    max_bytes: int, max_ratio: float, wording: str
) -> None:
    """The second line of defence: bytes really inflated, not only what the zip declares.

    zipfile itself stops at a part's declared size, so this is exercised on the
    streaming helper directly with limits below what the part declares.
    """
    size = 2 * 1024 * 1024
    data = build_zip({"word/document.xml": b"<a>" + b" " * size + b"</a>"})
    limits = container._Limits(max_uncompressed_bytes=max_bytes, max_compression_ratio=max_ratio)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo("word/document.xml")
        chunks = container._stream_part(
            archive, info, NAME, limits, container._Inflated(), scan=False
        )
        received = 0
        with pytest.raises(UnsafeFileError, match=wording):
            for chunk in chunks:
                received += len(chunk)
    assert received < size


def test_too_many_parts() -> None:
    parts = parts_of(valid_docx())
    for number in range(container.MAX_ZIP_ENTRIES + 1):
        parts[f"word/media/x{number}.bin"] = b""
    with pytest.raises(UnsafeFileError, match="more than 10000 parts"):
        check_docx_container(build_zip(parts, zipfile.ZIP_STORED), NAME)


# --- entity declarations ---------------------------------------------------------------------


@pytest.mark.parametrize("part", ["word/styles.xml", "word/_rels/document.xml.rels", "docProps/core.xml"])
def test_entity_declarations_in_any_xml_part(part: str) -> None:
    data = with_part(
        valid_docx(),
        part,
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
    )
    with pytest.raises(UnsafeFileError, match="XML entity declarations"):
        check_docx_container(data, NAME)


def test_entity_declaration_split_across_chunks_is_found() -> None:
    declaration_length = len(document_xml("", prolog="").split(b"<w:document")[0])
    padding = 64 * 1024 - 4 - declaration_length - len("<!---->")
    external_dtd = '<!DOCTYPE x SYSTEM "file:///etc/hosts">'  # no ENTITY to find later
    body = document_xml("<w:p/>", prolog="<!--" + "x" * padding + "-->" + external_dtd)
    start = body.index(b"<!DOCTYPE")
    assert start < 64 * 1024 < start + len("<!DOCTYPE")  # straddles the first chunk boundary
    with pytest.raises(UnsafeFileError, match="XML entity declarations"):
        check_docx_container(with_part(valid_docx(), "word/document.xml", body), NAME)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32"])
def test_entity_declarations_in_utf16_and_utf32_parts(encoding: str) -> None:
    text = (
        f'<?xml version="1.0" encoding="{encoding.upper()}"?>{BILLION_LAUGHS}'
        f'<w:document xmlns:w="{W_NS}"><w:body/></w:document>'
    )
    data = with_part(valid_docx(), "word/document.xml", text.encode(encoding))
    with pytest.raises(UnsafeFileError, match="XML entity declarations"):
        check_docx_container(data, NAME)


def test_lower_case_doctype_is_refused_too() -> None:
    data = with_part(
        valid_docx(), "word/document.xml", document_xml("<w:p/>", prolog="<!doctype x>")
    )
    with pytest.raises(UnsafeFileError):
        check_docx_container(data, NAME)


def test_exotic_xml_encodings_are_refused() -> None:
    body = document_xml("<w:p/>").replace(b'encoding="UTF-8"', b'encoding="UTF-7"')
    with pytest.raises(UnsafeFileError, match="unusual XML text encoding"):
        check_docx_container(with_part(valid_docx(), "word/document.xml", body), NAME)


def test_main_document_under_an_odd_name_is_still_scanned() -> None:
    """A part's content type, not its file name, decides whether it is parsed as XML."""
    parts = parts_of(valid_docx())
    parts["word/extra.bin"] = f'<?xml version="1.0"?>{BILLION_LAUGHS}<x/>'.encode()
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        f'<Override PartName="/word/extra.bin" ContentType="{MAIN_CT}"/></Types>'.encode(),
    )
    with pytest.raises(UnsafeFileError, match="XML entity declarations"):
        check_docx_container(build_zip(parts), NAME)


def test_main_document_part_with_another_name_is_read(tmp_path: Path) -> None:
    """Some generators name the main part differently; the package relationships say where."""
    parts = parts_of(valid_docx())
    parts["word/main.xml"] = parts.pop("word/document.xml")
    parts["word/_rels/main.xml.rels"] = parts.pop("word/_rels/document.xml.rels")
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"/word/document.xml", b"/word/main.xml"
    )
    parts["_rels/.rels"] = parts["_rels/.rels"].replace(b"word/document.xml", b"word/main.xml")
    data = build_zip(parts)
    assert sniff_format(data) == "docx"
    assert [b.text for b in read_docx(data, NAME).blocks] == ["Section C: Health needs", SECRET]
    strict = parts["word/main.xml"].replace(
        W_NS.encode(), b"http://purl.oclc.org/ooxml/wordprocessingml/main"
    )
    with pytest.raises(UnsupportedFormatError, match="Strict Open XML"):
        read_docx(build_zip({**parts, "word/main.xml": strict}), NAME)


def test_svg_picture_with_a_doctype_is_not_a_false_alarm() -> None:
    """python-docx never parses images, so an SVG's own DOCTYPE is harmless."""
    parts = parts_of(valid_docx())
    parts["word/media/logo.svg"] = (
        b'<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        b'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg/>'
    )
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Default Extension="svg" ContentType="image/svg+xml"/></Types>'
    )
    blocks = read_docx(build_zip(parts), NAME).blocks
    assert [b.text for b in blocks] == ["Section C: Health needs", SECRET]


# --- disguised and unreadable Word files -----------------------------------------------------


def test_other_office_and_zip_files_say_what_they_are() -> None:
    pptx = build_zip({"[Content_Types].xml": b"<Types/>", "ppt/presentation.xml": b"<p/>"})
    odt = build_zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})
    plain_zip = build_zip({"notes.txt": b"hello"})
    for data, wording in (
        (pptx, "is a presentation, not a Word document"),
        (odt, "is an OpenDocument file, not a Word document"),
        (plain_zip, "is a zip archive, not a Word document"),
    ):
        with pytest.raises(UnsupportedFormatError, match=wording) as caught:
            check_docx_container(data, NAME)
        assert_one_line_error(caught.value)


def test_pdf_named_docx() -> None:
    with pytest.raises(UnsupportedFormatError, match="is a PDF file, not a Word document"):
        read_docx(b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n", NAME)


@pytest.mark.parametrize(
    ("content_type", "wording"),
    [
        (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
            "is a Word template",
        ),
        ("application/vnd.ms-word.document.macroEnabled.main+xml", "macro-enabled"),
    ],
)
def test_templates_and_macro_documents(content_type: str, wording: str) -> None:
    parts = parts_of(valid_docx())
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        MAIN_CT.encode(), content_type.encode()
    )
    with pytest.raises(UnsupportedFormatError, match=wording) as caught:
        read_docx(build_zip(parts), NAME)
    assert_one_line_error(caught.value)


def test_strict_open_xml_is_reported() -> None:
    strict = document_xml("<w:p/>").replace(
        W_NS.encode(), b"http://purl.oclc.org/ooxml/wordprocessingml/main"
    )
    with pytest.raises(UnsupportedFormatError, match="Strict Open XML"):
        read_docx(with_part(valid_docx(), "word/document.xml", strict), NAME)


def test_missing_content_types_is_damage() -> None:
    parts = parts_of(valid_docx())
    del parts["[Content_Types].xml"]
    with pytest.raises(CorruptFileError, match="damaged or incomplete"):
        read_docx(build_zip(parts), NAME)


def test_broken_xml_in_the_document_part_is_damage() -> None:
    data = with_part(valid_docx(), "word/document.xml", b"<w:document><w:body><w:p>")
    with pytest.raises(CorruptFileError) as caught:
        read_docx(data, NAME)
    assert_one_line_error(caught.value)
    assert "(XMLSyntaxError)" in str(caught.value)


def test_encrypted_zip_entries() -> None:
    data = bytearray(valid_docx())
    offset = data.rfind(b"PK\x01\x02")
    while offset != -1:  # set the "encrypted" flag on every central directory entry
        struct.pack_into("<H", data, offset + 8, struct.unpack_from("<H", data, offset + 8)[0] | 1)
        offset = data.rfind(b"PK\x01\x02", 0, offset)
    with pytest.raises(ProtectedFileError, match="encrypted zip archive"):
        check_docx_container(bytes(data), NAME)


def test_no_source_name_still_gives_a_message() -> None:
    with pytest.raises(NoTextError) as caught:
        read_docx(b"")
    assert str(caught.value).startswith("is empty")


def test_every_single_byte_corruption_gives_a_plan_read_error_or_a_reading() -> None:
    """Flip bytes across the whole file: nothing but PlanReadError may escape."""
    original = valid_docx()
    for position in range(0, len(original), max(1, len(original) // 150)):
        damaged = bytearray(original)
        damaged[position] ^= 0x5A
        try:
            read_docx(bytes(damaged), NAME)
        except PlanReadError as error:
            assert_one_line_error(error)


def test_a_good_file_passes_the_checks() -> None:
    check_docx_container(valid_docx(), NAME)


# --- sniffing ---------------------------------------------------------------------------------


def test_sniff_format() -> None:
    assert sniff_format(valid_docx()) == "docx"
    assert sniff_format(_truncated()) == "docx"
    assert sniff_format(b"%PDF-1.4\n...") == "pdf"
    assert sniff_format(b"\xef\xbb\xbf%PDF-1.4\n") == "pdf"
    assert sniff_format(fake_ole("Root Entry", "WordDocument")) == "doc"
    assert sniff_format(fake_ole("Root Entry", "EncryptedPackage")) == "ole-encrypted"
    assert sniff_format(minimal_xlsx()) == "xlsx"
    assert sniff_format(build_zip({"ppt/presentation.xml": b"<p/>"})) == "pptx"
    assert sniff_format(build_zip({"notes.txt": b"hi"})) == "zip-other"
    assert sniff_format(b"") is None
    assert sniff_format(b"# Section A\nAll about me\n") is None
    assert sniff_format(_random_bytes()) is None
