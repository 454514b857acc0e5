"""The hostile corpus: malformed, disguised, dangerous and merely odd plan files.

:func:`build_corpus` writes every case into a folder (a pytest ``tmp_path``)
and returns each case with the path it wrote. Each :class:`Case` states its
expected outcome: the plan reads (an odd file that is still a plan), or a
:class:`~ehcp_lint.errors.PlanReadError` subclass with a fragment of its
one-line message. Nothing binary is committed; every file is built here from
invented content (:mod:`tests.badinputs.examples`).

Password-protected Word files
-----------------------------
Word encrypts a .docx by wrapping it in an OLE2 compound file (the old .doc
container) holding ``EncryptionInfo`` and ``EncryptedPackage`` streams.
``olefile`` cannot write compound files, so :func:`compound_file` writes a
minimal but well-formed one by hand (version 3: 512-byte sectors, one FAT
sector, one directory sector, streams of 4096 bytes so that no mini stream is
needed). ehcp-lint's container check recognises it by the OLE2 signature and
the UTF-16LE stream names in the directory; :func:`read_compound_directory`
reads the structure back so the tests can show it is a real compound file.
A legacy .doc is the same container with a ``WordDocument`` stream.
"""

from __future__ import annotations

import io
import os
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ehcp_lint.errors import (
    CorruptFileError,
    NoSectionsError,
    NoTextError,
    PlanReadError,
    ProtectedFileError,
    UnsafeFileError,
    UnsupportedFormatError,
)

from .examples import BODY, DETAILS, docx_bytes, docx_document, pdf_bytes, plan_markdown, write

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: A string that must never reach any output: it is what an XML external entity points at.
EXTERNAL_ENTITY_CANARY = "ENTITY-CANARY-7f3a9c"


# --------------------------------------------------------------------------- expectations


@dataclass(frozen=True)
class Expect:
    """What should happen: ``error is None`` means the plan reads; else that error and fragment."""

    error: type[PlanReadError] | None = None
    fragment: str = ""

    @property
    def reads(self) -> bool:
        return self.error is None

    def describe(self) -> str:
        if self.error is None:
            return "reads fine"
        return f"{self.error.__name__}: …{self.fragment}…"


READS = Expect()


def fails(error: type[PlanReadError], fragment: str) -> Expect:
    return Expect(error, fragment)


@dataclass(frozen=True)
class Case:
    """One hostile input: its name in the corpus, how to build it, and what should happen.

    ``name`` is the file (or folder) name. ``slow_to_check`` marks a file that
    reads fine but whose checking may take longer than a short time limit (its
    batch outcome is then a report or the time-limit message). ``needs_non_root``
    marks a case that only bites for a user without root's powers; as root the
    file simply reads.
    """

    name: str
    build: Callable[[Path], Path]
    expect: Expect
    note: str
    slow_to_check: bool = False
    needs_non_root: bool = False
    #: Folder cases are given to the command line as a path of their own.
    folder: bool = False

    def expected(self, *, as_root: bool) -> Expect:
        return READS if self.needs_non_root and as_root else self.expect


def running_as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


# --------------------------------------------------------------------------- building blocks


def good_docx() -> bytes:
    return docx_bytes(details=DETAILS)


def good_markdown() -> str:
    return plan_markdown(details=DETAILS)


def parts_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def build_zip(parts: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def with_part(data: bytes, name: str, content: bytes | None) -> bytes:
    """A copy of a zip package with one part replaced, added or (``None``) removed."""
    parts = parts_of(data)
    if content is None:
        parts.pop(name, None)
    else:
        parts[name] = content
    return build_zip(parts)


def document_xml(body: str, prolog: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'{prolog}<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
    ).encode()


def _p(text: str, style: str | None = None) -> str:
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{props}<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"


def _plan_body(extra: str = "") -> str:
    """Document body XML of a small plan: heading-styled sections and a paragraph each."""
    from .examples import SECTIONS

    return "".join(_p(h, "Heading1") + _p(BODY[k][0]) for k, h in SECTIONS.items()) + extra


def compound_file(streams: dict[str, bytes]) -> bytes:
    """A minimal, well-formed OLE2 compound file (version 3) holding ``streams``.

    Each stream is padded to a multiple of 4096 bytes so that it lives in
    regular sectors (no mini stream). Sector 0 is the FAT, sector 1 the
    directory, then the streams' sectors in order.
    """
    sector = 512
    end, free, fat_sect = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
    nostream = 0xFFFFFFFF
    padded = {name: data.ljust(max(4096, -(-len(data) // 4096) * 4096), b"\x00") for name, data in streams.items()}
    fat = [fat_sect, end]
    starts: dict[str, int] = {}
    for name, data in padded.items():
        count = len(data) // sector
        start = len(fat)
        starts[name] = start
        fat += [start + i + 1 for i in range(count - 1)] + [end]
    if len(fat) > sector // 4:
        raise ValueError("too much data for a one-sector FAT")
    fat += [free] * (sector // 4 - len(fat))

    def entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
        encoded = (name + "\x00").encode("utf-16-le")
        return (
            encoded.ljust(64, b"\x00")
            + struct.pack("<HBB", len(encoded), kind, 1)  # name length, type, colour (black)
            + struct.pack("<III", nostream, right, child)  # left, right sibling, child
            + bytes(16)  # CLSID
            + struct.pack("<I", 0)  # state bits
            + bytes(16)  # creation and modification times
            + struct.pack("<IQ", start, size)
        )

    # Directory: root, then the streams as a chain of right siblings (all black is valid;
    # entries are compared by name length first, so sort them that way).
    names = sorted(padded, key=lambda n: (len(n), n.upper()))
    entries = [entry("Root Entry", 5, 1 if names else nostream, nostream, end, 0)]
    for i, name in enumerate(names):
        right = i + 2 if i + 1 < len(names) else nostream
        entries.append(entry(name, 2, nostream, right, starts[name], len(streams[name])))
    directory = b"".join(entries).ljust(sector, b"\x00")
    if len(directory) > sector:
        raise ValueError("too many streams for a one-sector directory")
    # Unused directory slots are empty entries with no siblings (-1).
    header = (
        OLE_MAGIC
        + bytes(16)  # CLSID
        + struct.pack("<HHHHH", 0x003E, 0x0003, 0xFFFE, 9, 6)  # minor, major, byte order, shifts
        + bytes(6)
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
        # dir sectors (0 in v3), FAT sectors, first dir sector, transaction, mini cutoff,
        # first mini FAT, mini FAT sectors, first DIFAT, DIFAT sectors
        + struct.pack("<I", 0)  # DIFAT[0]: the FAT is sector 0
        + struct.pack("<I", free) * 108
    )
    assert len(header) == sector
    body = struct.pack(f"<{sector // 4}I", *fat) + directory + b"".join(padded[n] for n in padded)
    return header + body


def read_compound_directory(data: bytes) -> dict[str, int]:
    """Stream names and sizes from a compound file's directory (a check of :func:`compound_file`)."""
    if not data.startswith(OLE_MAGIC):
        raise ValueError("not a compound file")
    shift = struct.unpack_from("<H", data, 30)[0]
    sector = 1 << shift
    first_dir = struct.unpack_from("<I", data, 48)[0]
    offset = sector * (first_dir + 1)
    found: dict[str, int] = {}
    for slot in range(sector // 128):
        raw = data[offset + slot * 128 : offset + (slot + 1) * 128]
        length, kind = struct.unpack_from("<HB", raw, 64)
        if kind in (1, 2):
            name = raw[: length - 2].decode("utf-16-le")
            found[name] = struct.unpack_from("<Q", raw, 120)[0]
    return found


def _central_directory_offsets(data: bytes, name: str) -> tuple[int, int]:
    """(local header offset, central directory entry offset) of part ``name``."""
    position = data.find(b"PK\x01\x02")
    while position != -1:
        name_length = struct.unpack_from("<H", data, position + 28)[0]
        entry_name = data[position + 46 : position + 46 + name_length].decode()
        if entry_name == name:
            local = struct.unpack_from("<I", data, position + 42)[0]
            return local, position
        position = data.find(b"PK\x01\x02", position + 4)
    raise KeyError(name)


def _zip_with_streamed_zeros(name: str, size: int, others: dict[str, bytes]) -> bytes:
    """A zip whose part ``name`` is ``size`` zero bytes, compressed without holding them in memory."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for other, content in others.items():
            archive.writestr(other, content)
        info = zipfile.ZipInfo(name, date_time=(2025, 1, 6, 9, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        chunk = bytes(1024 * 1024)
        with archive.open(info, "w", force_zip64=size >= 0xFFFFFFFF) as part:
            for _ in range(size // len(chunk)):
                part.write(chunk)
    return buffer.getvalue()


# --------------------------------------------------------------------------- the cases


def _bytes(name: str, make: Callable[[], bytes | str]) -> Callable[[Path], Path]:
    return lambda folder: write(folder / name, make())


def _truncated_docx() -> bytes:
    data = good_docx()
    return data[: len(data) // 2]


def _bit_flipped_docx() -> bytes:
    data = bytearray(good_docx())
    local, _ = _central_directory_offsets(bytes(data), "word/document.xml")
    name_length, extra_length = struct.unpack_from("<HH", data, local + 26)
    compressed = struct.unpack_from("<I", data, local + 18)[0]
    start = local + 30 + name_length + extra_length + compressed // 3
    for i in range(start, start + 24):
        data[i] ^= 0x5A
    return bytes(data)


def _legacy_doc() -> bytes:
    return compound_file({"WordDocument": b"\xec\xa5" + bytes(510), "1Table": bytes(600)})


def _password_protected_docx() -> bytes:
    info = struct.pack("<HHI", 4, 4, 0x40) + bytes(200)  # agile encryption version 4.4
    package = struct.pack("<Q", 9000) + os.urandom(4088)  # an encrypted package is random-looking
    return compound_file({"EncryptionInfo": info, "EncryptedPackage": package})


def _xlsx() -> bytes:
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


def _pptx() -> bytes:
    return build_zip(
        {
            "[Content_Types].xml": b'<?xml version="1.0"?><Types/>',
            "ppt/presentation.xml": b'<?xml version="1.0"?><presentation/>',
        }
    )


def _odt() -> bytes:
    return build_zip(
        {
            "mimetype": b"application/vnd.oasis.opendocument.text",
            "content.xml": b'<?xml version="1.0"?><office:document-content/>',
        },
        compression=zipfile.ZIP_STORED,
    )


def _encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(details=DETAILS))))
    writer.encrypt(user_password="panel-2025", owner_password="owner-2025", algorithm="AES-256")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _pdf_without_text() -> bytes:
    """A page of shapes only: what a scanned plan looks like to a text reader."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    for row in range(30):
        page.rect(72, 760 - row * 22, 420 - (row % 5) * 40, 8, fill=1, stroke=0)
    page.circle(300, 120, 40, fill=0)
    page.showPage()
    page.save()
    return buffer.getvalue()


def _pdf_with_broken_xref() -> bytes:
    """Every cross-reference offset points at the wrong place, and startxref too."""
    data = pdf_bytes(details=DETAILS)
    xref = data.rfind(b"\nxref")
    trailer = data.find(b"trailer", xref)
    table = data[xref:trailer]
    broken = table.replace(b" 00000 n", b" 00000 n").replace(b"0", b"7")
    broken = broken.replace(b"x7ref", b"xref")
    return data[:xref] + broken[: len(table)] + data[trailer:].replace(b"startxref", b"startxref\n99999999\n%")


def _truncated_pdf() -> bytes:
    data = pdf_bytes()
    return data[: len(data) * 2 // 3]


def _zip_bomb_declared() -> bytes:
    """A small file whose zip directory says document.xml inflates to nearly 4 GB."""
    data = bytearray(good_docx())
    local, central = _central_directory_offsets(bytes(data), "word/document.xml")
    struct.pack_into("<I", data, central + 24, 0xFFFFFF00)  # uncompressed size, central directory
    struct.pack_into("<I", data, local + 22, 0xFFFFFF00)  # and the local header
    return bytes(data)


def _zip_bomb_actual() -> bytes:
    """Honest headers, 300 MB of zeros in document.xml (a few hundred KB on disk)."""
    parts = parts_of(good_docx())
    parts.pop("word/document.xml")
    return _zip_with_streamed_zeros("word/document.xml", 300 * 1024 * 1024, parts)


def _zip_bomb_ratio() -> bytes:
    """Under the size limit, but compressed a thousand times over: no Word file looks like this."""
    parts = parts_of(good_docx())
    parts.pop("word/document.xml")
    return _zip_with_streamed_zeros("word/document.xml", 40 * 1024 * 1024, parts)


def _zip_bomb_lying() -> bytes:
    """The headers claim a small part; the data really inflates to 300 MB."""
    data = bytearray(_zip_bomb_actual())
    local, central = _central_directory_offsets(bytes(data), "word/document.xml")
    struct.pack_into("<I", data, central + 24, 40_000)
    struct.pack_into("<I", data, local + 22, 40_000)
    return bytes(data)


def external_entity_docx(target: Path) -> bytes:
    """document.xml declares an external entity pointing at ``target`` and uses it."""
    prolog = f'<!DOCTYPE w:document [<!ENTITY secret SYSTEM "{target.as_uri()}">]>'
    return with_part(good_docx(), "word/document.xml", document_xml(_plan_body(_p("&secret;")), prolog))


def _billion_laughs_docx() -> bytes:
    levels = ['<!ENTITY lol0 "lol">']
    for level in range(1, 10):
        refs = f"&lol{level - 1};" * 10
        levels.append(f'<!ENTITY lol{level} "{refs}">')
    prolog = f"<!DOCTYPE lolz [{''.join(levels)}]>"
    return with_part(good_docx(), "word/document.xml", document_xml(_plan_body(_p("&lol9;")), prolog))


def _nested_tables_docx(depth: int = 60) -> bytes:
    inner = _p("Tomos will have a visual timetable on his desk every day.")
    for level in range(depth):
        inner = f"<w:tbl><w:tr><w:tc>{_p(f'Level {level}')}{inner}</w:tc></w:tr></w:tbl>" + _p("")
    return with_part(good_docx(), "word/document.xml", document_xml(_plan_body(inner)))


LONG_PARAGRAPH_WORDS = 200_000


def long_paragraph() -> str:
    """One paragraph of 200,000 words (no full stop until the end)."""
    words = ("Tomos will have support from an adult in class and time to practise " * 20_000).split()
    return " ".join(words[:LONG_PARAGRAPH_WORDS]) + "."


def _long_paragraph_docx() -> bytes:
    return docx_bytes({"F": [long_paragraph()]}, DETAILS)


def _long_paragraph_md() -> str:
    return plan_markdown({"F": [long_paragraph()]}, DETAILS)


def _welsh_md() -> str:
    return plan_markdown(
        {
            "A": ["Mae Tomos yn hoffi trenau a darlunio. Mae eisiau mynd i'r coleg."],
            "B": ["Mae Tomos yn darllen geiriau unigol ond nid brawddegau cyfan eto."],
            "F": ["Bydd cynorthwyydd addysgu yn cynnal sesiwn ffoneg 20 munud bob dydd."],
        },
        DETAILS,
        title="Cynllun Addysg, Iechyd a Gofal",
    )


def _welsh_only_headings_md() -> str:
    headings = [
        "Adran A: Safbwyntiau, diddordebau a dyheadau",
        "Adran B: Anghenion addysgol arbennig",
        "Adran F: Darpariaeth addysgol arbennig",
    ]
    return "\n\n".join(f"## {h}\n\nMae Tomos yn hoffi trenau." for h in headings) + "\n"


_RTL = "يحب توماس القطارات. תומוס אוהב רכבות."


def _rtl_md() -> str:
    return plan_markdown({"A": [f"Tomos speaks Arabic and Hebrew at home: {_RTL}"]}, DETAILS)


def _rtl_docx() -> bytes:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx_document({"A": ["Tomos speaks Arabic and Hebrew at home:"]}, DETAILS)
    paragraph = document.add_paragraph()  # type: ignore[attr-defined]
    run = paragraph.add_run(_RTL)
    run.font.size = Pt(12)
    rtl = run._r.get_or_add_rPr().makeelement(qn("w:rtl"), {})
    run._r.get_or_add_rPr().append(rtl)
    buffer = io.BytesIO()
    document.save(buffer)  # type: ignore[attr-defined]
    return buffer.getvalue()


def _emoji_md() -> str:
    return plan_markdown({"A": ["Tomos loves 🚂 trains, 🎨 drawing and 🐶 dogs 👍🏽 — 👨‍👩‍👧 family time."]}, DETAILS)


def _emoji_docx() -> bytes:
    return docx_bytes({"A": ["Tomos loves 🚂 trains and 🎨 drawing 👍🏽."]}, DETAILS)


def plain_text_plan() -> str:
    """The invented plan as plain text: the Markdown without its ``#`` marks."""
    import re

    return re.sub(r"(?m)^#+ ", "", plan_markdown(details=DETAILS))


def _nul_bytes_txt() -> bytes:
    text = plain_text_plan()
    return text.encode("utf-8").replace(b"\n\n", b"\n\x00\x00\n")


def _invalid_utf8_md() -> bytes:
    text = plan_markdown({"A": ["Tomos said caf\u00e9 and na\u00efve."]}, DETAILS).encode("utf-8")
    return text.replace("caf\u00e9".encode(), b"caf\xe9\xff\xfe").replace(b"Views", b"Vi\xc3\x28ews", 1)


def _binary_junk_txt() -> bytes:
    return bytes(range(256)) * 64


def _utf16_txt() -> bytes:
    return plain_text_plan().encode("utf-16")


def _missing_styles_docx() -> bytes:
    data = with_part(good_docx(), "word/styles.xml", None)
    rels = parts_of(data)["word/_rels/document.xml.rels"].decode()
    import re

    rels = re.sub(r'<Relationship [^>]*Target="styles.xml"[^>]*/>', "", rels)
    return with_part(data, "word/_rels/document.xml.rels", rels.encode())


def _empty_paragraphs_docx() -> bytes:
    empties = "<w:p/>" * 10_000
    return with_part(good_docx(), "word/document.xml", document_xml(empties + _plan_body(empties)))


def _no_sections_md() -> str:
    return "# Notes from the meeting\n\nTomos enjoyed the visit to the farm.\n"


def _encrypted_zip_entries() -> bytes:
    data = bytearray(good_docx())
    position = data.find(b"PK\x01\x02")
    while position != -1:
        flags = struct.unpack_from("<H", data, position + 8)[0]
        struct.pack_into("<H", data, position + 8, flags | 0x1)
        position = data.find(b"PK\x01\x02", position + 4)
    return bytes(data)


def _with_content_type(content_type: str) -> bytes:
    data = good_docx()
    types = parts_of(data)["[Content_Types].xml"].decode()
    main = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    return with_part(data, "[Content_Types].xml", types.replace(main, content_type).encode())


def _strict_ooxml() -> bytes:
    data = good_docx()
    xml = parts_of(data)["word/document.xml"].decode()
    strict = xml.replace(W_NS, "http://purl.oclc.org/ooxml/wordprocessingml/main")
    return with_part(data, "word/document.xml", strict.encode())


def _too_many_parts() -> bytes:
    parts = parts_of(good_docx())
    for i in range(10_001):
        parts[f"customXml/item{i}.bin"] = b""
    return build_zip(parts, compression=zipfile.ZIP_STORED)


def _html_named_docx() -> str:
    return "<html><body><h1>Section A</h1><p>Tomos likes trains.</p></body></html>"


def _external_links_docx() -> bytes:
    """A hyperlink and a linked (not embedded) picture pointing at web addresses: never fetched."""
    document = docx_document(details=DETAILS)
    part = document.part  # type: ignore[attr-defined]
    link = part.relate_to("http://127.0.0.1:9/tracker.png", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image", is_external=True)
    web = part.relate_to("https://example.invalid/plan", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink", is_external=True)
    body = document.element.body  # type: ignore[attr-defined]
    from docx.oxml import parse_xml

    body.insert(
        len(body) - 1,
        parse_xml(
            f'<w:p xmlns:w="{W_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f'<w:hyperlink r:id="{web}"><w:r><w:t>Local offer</w:t></w:r></w:hyperlink>'
            f'<w:r><w:t xml:space="preserve"> linked picture {link}</w:t></w:r></w:p>'
        ),
    )
    buffer = io.BytesIO()
    document.save(buffer)  # type: ignore[attr-defined]
    return buffer.getvalue()


def _script_md() -> str:
    return plan_markdown(
        {"A": ["<script>alert('x')</script> Tomos said {{ name }} & <b>hello</b> \u202e]]>"]}, DETAILS
    )


def _oversized_txt(folder: Path) -> Path:
    """101 MB (sparse: it costs no disk space) — over the default 100 MB limit."""
    path = folder / "oversized.txt"
    with path.open("wb") as handle:
        handle.write(b"Section A\n")
        handle.truncate(101 * 1024 * 1024)
    return path


def _dangling_link(folder: Path) -> Path:
    path = folder / "dangling-link.md"
    path.symlink_to(folder / "no-such-plan.md")
    return path


def _unreadable(folder: Path) -> Path:
    path = write(folder / "unreadable.md", good_markdown())
    path.chmod(0)
    return path


def _symlink_loop(folder: Path) -> Path:
    """A folder holding a plan and a link back to itself (and one to its parent)."""
    loop = folder / "symlink-loop"
    write(loop / "inside-loop.md", good_markdown())
    (loop / "self").symlink_to(loop, target_is_directory=True)
    (loop / "up").symlink_to(folder, target_is_directory=True)
    return loop


def _no_plan_files(folder: Path) -> Path:
    """A folder with nothing ehcp-lint reads: other file types, a Word lock file, a hidden file."""
    empty = folder / "no-plan-files"
    write(empty / "notes.rtf", "{\\rtf1 Tomos}")
    write(empty / "photo.png", b"\x89PNG\r\n\x1a\n" + bytes(64))
    write(empty / "~$lock.docx", b"\x00" * 162)
    write(empty / ".hidden.md", good_markdown())
    return empty


def _folder_named_docx(folder: Path) -> Path:
    path = folder / "plan-folder.docx"
    path.mkdir()
    return path


def cases() -> list[Case]:
    """Every case of the corpus (at least 40), each with its expected outcome."""
    damaged = "damaged"
    empty = "is empty"
    return [
        # -- damaged and disguised Word files
        Case("truncated.docx", _bytes("truncated.docx", _truncated_docx), fails(CorruptFileError, damaged), "cut off half way"),
        Case("bit-flipped.docx", _bytes("bit-flipped.docx", _bit_flipped_docx), fails(CorruptFileError, damaged), "24 bytes of the compressed document changed"),
        Case("renamed-doc.docx", _bytes("renamed-doc.docx", _legacy_doc), fails(UnsupportedFormatError, "legacy Word .doc"), "a legacy .doc renamed .docx"),
        Case("legacy.doc", _bytes("legacy.doc", _legacy_doc), fails(UnsupportedFormatError, "legacy Word .doc"), "a legacy .doc"),
        Case("renamed-xlsx.docx", _bytes("renamed-xlsx.docx", _xlsx), fails(UnsupportedFormatError, "spreadsheet"), "a spreadsheet renamed .docx"),
        Case("renamed-pptx.docx", _bytes("renamed-pptx.docx", _pptx), fails(UnsupportedFormatError, "presentation"), "a presentation renamed .docx"),
        Case("renamed-odt.docx", _bytes("renamed-odt.docx", _odt), fails(UnsupportedFormatError, "OpenDocument"), "an OpenDocument text renamed .docx"),
        Case("password-protected.docx", _bytes("password-protected.docx", _password_protected_docx), fails(ProtectedFileError, "password-protected"), "OLE2 compound file with EncryptionInfo and EncryptedPackage"),
        Case("encrypted-zip.docx", _bytes("encrypted-zip.docx", _encrypted_zip_entries), fails(ProtectedFileError, "encrypted zip"), "zip entries flagged as encrypted"),
        Case("template.docx", _bytes("template.docx", lambda: _with_content_type("application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml")), fails(UnsupportedFormatError, "template"), "a Word template renamed .docx"),
        Case("strict-ooxml.docx", _bytes("strict-ooxml.docx", _strict_ooxml), fails(UnsupportedFormatError, "Strict Open XML"), "Strict Open XML namespace"),
        Case("html-named.docx", _bytes("html-named.docx", _html_named_docx), fails(CorruptFileError, "not a Word document"), "a web page saved as .docx"),
        Case("missing-styles.docx", _bytes("missing-styles.docx", _missing_styles_docx), READS, "no styles part at all"),
        Case("empty-paragraphs.docx", _bytes("empty-paragraphs.docx", _empty_paragraphs_docx), READS, "10,000 empty paragraphs around the plan"),
        Case("nested-tables.docx", _bytes("nested-tables.docx", _nested_tables_docx), READS, "a table nested 60 levels deep"),
        Case("external-links.docx", _bytes("external-links.docx", _external_links_docx), READS, "a hyperlink and a linked picture on the web (never fetched)"),
        # -- dangerous Word files
        Case("zip-bomb-declared.docx", _bytes("zip-bomb-declared.docx", _zip_bomb_declared), fails(UnsafeFileError, "zip bomb"), "small file whose directory declares ~4 GB"),
        Case("zip-bomb-actual.docx", _bytes("zip-bomb-actual.docx", _zip_bomb_actual), fails(UnsafeFileError, "zip bomb"), "honest headers, 300 MB of zeros"),
        Case("zip-bomb-ratio.docx", _bytes("zip-bomb-ratio.docx", _zip_bomb_ratio), fails(UnsafeFileError, "zip bomb"), "40 MB of zeros: under the size limit, 1000:1 compression"),
        Case("zip-bomb-lying.docx", _bytes("zip-bomb-lying.docx", _zip_bomb_lying), fails(CorruptFileError, damaged), "headers claim 40 KB, the data would inflate to 300 MB"),
        Case("external-entity.docx", lambda folder: write(folder / "external-entity.docx", external_entity_docx(write(folder / "entity-target.txt.secret", EXTERNAL_ENTITY_CANARY))), fails(UnsafeFileError, "entity declarations"), "<!ENTITY secret SYSTEM file:///…> used in the body"),
        Case("billion-laughs.docx", _bytes("billion-laughs.docx", _billion_laughs_docx), fails(UnsafeFileError, "entity declarations"), "ten levels of ten-fold entity expansion"),
        Case("too-many-parts.docx", _bytes("too-many-parts.docx", _too_many_parts), fails(UnsafeFileError, "parts"), "10,001 zip entries"),
        # -- PDFs
        Case("encrypted.pdf", _bytes("encrypted.pdf", _encrypted_pdf), fails(ProtectedFileError, "password-protected"), "AES-256 with a user password (pypdf)"),
        Case("no-text-layer.pdf", _bytes("no-text-layer.pdf", _pdf_without_text), fails(NoTextError, "no text layer"), "shapes only, like a scan"),
        Case("broken-xref.pdf", _bytes("broken-xref.pdf", _pdf_with_broken_xref), READS, "every xref offset and startxref wrong (the reader rebuilds them)"),
        Case("truncated.pdf", _bytes("truncated.pdf", _truncated_pdf), fails(CorruptFileError, "truncated"), "cut off before %%EOF"),
        Case("random-bytes.pdf", _bytes("random-bytes.pdf", lambda: os.urandom(4096).replace(b"%PDF", b"%PDX")), fails(CorruptFileError, "not a PDF file"), "random bytes"),
        Case("pdf-named.docx", _bytes("pdf-named.docx", lambda: pdf_bytes(details=DETAILS)), READS, "a PDF export saved with a .docx name"),
        Case("docx-named.pdf", _bytes("docx-named.pdf", good_docx), READS, "a Word file saved with a .pdf name"),
        # -- empty files of each extension
        *(
            Case(f"empty{ext}", _bytes(f"empty{ext}", lambda: b""), fails(NoTextError, empty), "zero bytes")
            for ext in (".docx", ".pdf", ".md", ".markdown", ".txt")
        ),
        Case("whitespace-only.md", _bytes("whitespace-only.md", lambda: " \n\t\r\n  \n"), fails(NoTextError, empty), "only whitespace"),
        # -- text: languages, scripts and encodings
        Case("welsh.md", _bytes("welsh.md", _welsh_md), READS, "a plan written in Welsh under English section headings"),
        Case("welsh-headings.md", _bytes("welsh-headings.md", _welsh_only_headings_md), fails(NoSectionsError, "section"), "Welsh section headings only"),
        Case("right-to-left.md", _bytes("right-to-left.md", _rtl_md), READS, "Arabic and Hebrew runs"),
        Case("right-to-left.docx", _bytes("right-to-left.docx", _rtl_docx), READS, "Arabic and Hebrew in a right-to-left Word run"),
        Case("emoji.md", _bytes("emoji.md", _emoji_md), READS, "emoji, skin tones and a ZWJ family"),
        Case("emoji.docx", _bytes("emoji.docx", _emoji_docx), READS, "emoji in Word"),
        Case("nul-bytes.txt", _bytes("nul-bytes.txt", _nul_bytes_txt), READS, "NUL bytes between lines"),
        Case("invalid-utf8.md", _bytes("invalid-utf8.md", _invalid_utf8_md), READS, "bytes that are not UTF-8 (read as Windows-1252)"),
        Case("utf16.txt", _bytes("utf16.txt", _utf16_txt), READS, "UTF-16 with a byte-order mark"),
        Case("binary-junk.txt", _bytes("binary-junk.txt", _binary_junk_txt), fails(CorruptFileError, "binary data"), "every byte value, repeated"),
        Case("markup.md", _bytes("markup.md", _script_md), READS, "HTML, template and bidi-override characters in the text"),
        Case("no-sections.md", _bytes("no-sections.md", _no_sections_md), fails(NoSectionsError, "section"), "meeting notes, not a plan"),
        # -- size
        Case("long-paragraph.docx", _bytes("long-paragraph.docx", _long_paragraph_docx), READS, "one paragraph of 200,000 words in Section F", slow_to_check=True),
        Case("long-paragraph.md", _bytes("long-paragraph.md", _long_paragraph_md), READS, "one paragraph of 200,000 words in Section F", slow_to_check=True),
        Case("oversized.txt", _oversized_txt, fails(UnsafeFileError, "100 MB limit"), "101 MB (sparse)"),
        # -- the file system
        Case("dangling-link.md", _dangling_link, fails(PlanReadError, "no such file"), "a link to a file that does not exist"),
        Case("unreadable.md", _unreadable, fails(PlanReadError, "permission denied"), "mode 000 (root reads it anyway)", needs_non_root=True),
        Case("symlink-loop", _symlink_loop, READS, "a folder with links to itself and its parent; its plan is read once", folder=True),
        Case("no-plan-files", _no_plan_files, fails(PlanReadError, "no plan files"), "rtf, png, a Word lock file, a hidden file", folder=True),
        Case("plan-folder.docx", _folder_named_docx, fails(PlanReadError, "folder"), "a folder named like a plan", folder=True),
    ]


def build_corpus(folder: Path) -> list[tuple[Case, Path]]:
    """Write every case into ``folder``; returns each case with the path it made."""
    folder.mkdir(parents=True, exist_ok=True)
    return [(case, case.build(folder)) for case in cases()]
