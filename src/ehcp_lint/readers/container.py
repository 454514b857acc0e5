"""Check a Word file's container before python-docx is allowed to open it.

A ``.docx`` is a zip archive of XML parts. Opening one naively can hurt the
machine (a zip bomb that inflates to gigabytes; XML "billion laughs" entity
declarations) or fail with an exception a caseworker cannot act on
(``BadZipFile``, ``KeyError: word/document.xml``). This module looks at the raw
bytes first and turns every such case into one of the one-line errors of
:mod:`ehcp_lint.errors`, naming the file and what to do.

The checks only ever *stream* bytes: parts are decompressed in bounded chunks
and searched for entity declarations; no DTD is loaded, no entity is resolved
and no file or URL is fetched because of anything an XML part says.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

from ehcp_lint.errors import (
    CorruptFileError,
    NoTextError,
    ProtectedFileError,
    UnsafeFileError,
    UnsupportedFormatError,
)

#: Default ceiling on what a Word file may inflate to (all parts together).
DEFAULT_MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
#: Parts that inflate more than this many times their stored size are treated as a
#: zip bomb. Real Word XML compresses about 5-30 times; deflate tops out near 1030.
DEFAULT_MAX_COMPRESSION_RATIO = 200.0
#: Below this size a part's compression ratio is irrelevant (it cannot hurt anyone).
RATIO_CHECK_FLOOR_BYTES = 1024 * 1024
#: A Word document has tens of parts; thousands mean something else is going on.
MAX_ZIP_ENTRIES = 10_000

_CHUNK_BYTES = 64 * 1024
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_MAIN_DOCUMENT = "word/document.xml"
_CONTENT_TYPES = "[Content_Types].xml"

_ENCRYPTED_STREAM_NAMES = tuple(
    name.encode("utf-16-le") for name in ("EncryptedPackage", "EncryptionInfo")
)

# Content types of the main part that python-docx reads, and the ones it refuses.
_CT_DOCUMENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_CT_TEMPLATE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_CT_MACRO_DOCUMENT = "application/vnd.ms-word.document.macroEnabled.main+xml"
_CT_MACRO_TEMPLATE = "application/vnd.ms-word.template.macroEnabledTemplate.main+xml"

# Content types python-docx keeps as opaque blobs even though they look like XML.
_BLOB_CONTENT_TYPE_PREFIXES = ("image/", "text/html", "application/xhtml+xml")

_ASCII_COMPATIBLE_ENCODINGS = frozenset(
    {"utf-8", "utf8", "us-ascii", "ascii", "iso-8859-1", "latin-1", "latin1",
     "windows-1252", "cp1252"}
)


def _declaration_pattern() -> re.Pattern[bytes]:
    """``<!DOCTYPE`` or ``<!ENTITY`` in UTF-8, UTF-16 or UTF-32, any letter case.

    An XML part may legally be stored in UTF-16 or UTF-32, where each character is
    two or four bytes; the declaration is still made of ASCII characters, so the
    pattern allows the padding NUL bytes between (and around) them.
    """
    alternatives: list[bytes] = []
    for word in ("<!DOCTYPE", "<!ENTITY"):
        for pad in (0, 1, 3):
            gap = b"\x00" * pad
            alternatives.append(gap.join(re.escape(ch.encode()) for ch in word))
    return re.compile(b"|".join(alternatives), re.IGNORECASE)


_DECLARATION = _declaration_pattern()
#: A byte every alternative of ``_DECLARATION`` contains (letter case does not touch it):
#: Word XML rarely holds one, and looking for it runs at memory speed, where the
#: case-insensitive, NUL-padded pattern cost ~0.8 ms over a plan's megabyte of parts.
DECLARATION_BYTE = b"!"
_DECLARATION_OVERLAP = 4 * len("<!DOCTYPE")
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_STRICT_OOXML = re.compile(rb"purl\.oclc\.org/ooxml/wordprocessingml/main")


@dataclass(frozen=True, slots=True)
class _Limits:
    max_uncompressed_bytes: int
    max_compression_ratio: float


def sniff_format(data: bytes) -> str | None:
    """Say what kind of file ``data`` really is, whatever its name claims.

    Returns ``"docx"``, ``"pdf"``, ``"doc"`` (legacy binary Word, or any other
    unencrypted OLE2 file), ``"ole-encrypted"`` (a password-protected Office
    file), ``"xlsx"``, ``"pptx"``, ``"zip-other"`` or ``None`` (unknown: text,
    random bytes, empty). A truncated or damaged docx whose zip directory cannot
    be read still says ``"docx"`` when a Word part name is visible in the bytes,
    so that the Word reader can report it as damaged rather than unsupported.
    """
    if data.startswith(_OLE2_MAGIC):
        return "ole-encrypted" if _is_encrypted_ole(data) else "doc"
    if not data.startswith(_ZIP_MAGICS):
        # PDF readers accept the header anywhere in the first kilobyte.
        return "pdf" if b"%PDF-" in data[:1024] else None
    names = _zip_names(data)
    if names is None:
        # Unreadable zip directory (truncated, damaged): look for local header names.
        if _MAIN_DOCUMENT.encode() in data:
            return "docx"
        if b"xl/workbook.xml" in data:
            return "xlsx"
        if b"ppt/presentation.xml" in data:
            return "pptx"
        return "zip-other"
    return _office_kind(names)


def check_docx_container(
    data: bytes,
    source: str | None,
    *,
    max_uncompressed_bytes: int = DEFAULT_MAX_UNCOMPRESSED_BYTES,
    max_compression_ratio: float = DEFAULT_MAX_COMPRESSION_RATIO,
) -> None:
    """Raise a one-line :class:`~ehcp_lint.errors.PlanReadError` unless ``data`` is a safe .docx.

    The checks of :func:`inflate_docx_parts`, for callers that open the file themselves.
    """
    inflate_docx_parts(
        data,
        source,
        max_uncompressed_bytes=max_uncompressed_bytes,
        max_compression_ratio=max_compression_ratio,
        keep=False,
    )


def inflate_docx_parts(
    data: bytes,
    source: str | None,
    *,
    max_uncompressed_bytes: int = DEFAULT_MAX_UNCOMPRESSED_BYTES,
    max_compression_ratio: float = DEFAULT_MAX_COMPRESSION_RATIO,
    keep: bool = True,
) -> dict[str, bytes]:
    """Check that ``data`` is a safe .docx and return its parts, inflated, by zip member name.

    The checks inflate every part anyway, so keeping the bytes lets python-docx
    open the package without inflating (and CRC-checking) it all a second time.
    A name the zip holds twice maps to its later copy, a folder entry to ``b""``,
    as :meth:`zipfile.ZipFile.read` gives them. With ``keep=False`` nothing is kept
    and the mapping is empty. Raises a one-line
    :class:`~ehcp_lint.errors.PlanReadError` unless the file is safe:

    Checks, in order: empty file; legacy or password-protected Office file (OLE2);
    not a zip or a damaged zip; a zip that is not a Word document (a spreadsheet,
    a presentation, an OpenDocument file); a zip bomb (declared sizes, then the
    bytes actually inflated, read in bounded chunks, and the compression ratio);
    XML entity declarations in any part python-docx would parse; damaged parts
    (CRC errors); Word templates, macro-enabled and Strict Open XML documents that
    python-docx cannot read.
    """
    limits = _Limits(max_uncompressed_bytes, max_compression_ratio)
    if not data:
        raise NoTextError(source, "is empty (0 bytes)", "check that you chose the right file")
    if data.startswith(_OLE2_MAGIC):
        _raise_for_ole(data, source)
    if sniff_format(data) == "pdf":
        raise UnsupportedFormatError(
            source, "is a PDF file, not a Word document", "give it a .pdf extension and try again"
        )
    if not data.startswith(_ZIP_MAGICS):
        raise CorruptFileError(
            source,
            "is not a Word document (its contents are not in .docx format)",
            "if it opens in Word, save it from there as a Word Document (.docx)",
        )
    with _open_zip(data, source) as archive:
        infos = archive.infolist()
        _check_kind(infos, source)
        _check_declared_sizes(infos, source, limits)
        content_types = _read_content_types(archive, infos, source, limits)
        main_part = _check_main_content_type(content_types, source)
        parts: dict[str, bytes] | None = {} if keep else None
        _scan_parts(archive, infos, content_types, main_part, source, limits, parts)
    return parts if parts is not None else {}


# --- OLE2 (legacy .doc and encrypted Office files) ----------------------------------


def _is_encrypted_ole(data: bytes) -> bool:
    """An encrypted .docx is an OLE2 file with ``EncryptedPackage``/``EncryptionInfo`` streams.

    Stream names live in the OLE directory as UTF-16LE strings, so a byte search
    finds them without parsing the compound file.
    """
    return any(name in data for name in _ENCRYPTED_STREAM_NAMES)


def _raise_for_ole(data: bytes, source: str | None) -> None:
    if _is_encrypted_ole(data):
        raise ProtectedFileError(
            source,
            "is password-protected",
            "remove the password in Word (File > Info > Protect Document) and save a copy",
        )
    raise UnsupportedFormatError(
        source,
        "is a legacy Word .doc file",
        "open it in Word and save it as .docx",
    )


# --- the zip archive ------------------------------------------------------------------


_ZIP_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,
    zlib.error,
    zipfile.LargeZipFile,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,
    RuntimeError,
    IndexError,
    KeyError,
)


def _damaged(source: str | None) -> CorruptFileError:
    return CorruptFileError(
        source,
        "is damaged or incomplete (its Word file structure cannot be read)",
        "open it in Word, which may offer to repair it, and save a fresh copy as .docx",
    )


def _zip_names(data: bytes) -> set[str] | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return {info.filename for info in archive.infolist()}
    except _ZIP_ERRORS:
        return None


def _open_zip(data: bytes, source: str | None) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except _ZIP_ERRORS:
        raise _damaged(source) from None


def _lower_names(names: Iterable[str]) -> set[str]:
    return {name.lower() for name in names}


def _office_kind(names: Iterable[str]) -> str:
    lowered = _lower_names(names)
    if _MAIN_DOCUMENT in lowered:
        return "docx"
    if "xl/workbook.xml" in lowered:
        return "xlsx"
    if "ppt/presentation.xml" in lowered:
        return "pptx"
    if any(name.startswith("word/") for name in lowered):
        return "docx"  # a Word package whose main part has another name
    return "zip-other"


def _check_kind(infos: list[zipfile.ZipInfo], source: str | None) -> None:
    """A zip that is not a Word document gets a message saying what it is instead."""
    if len(infos) > MAX_ZIP_ENTRIES:
        raise UnsafeFileError(
            source,
            f"holds more than {MAX_ZIP_ENTRIES} parts, far more than any Word document",
            "re-save the document from Word",
        )
    kind = _office_kind(info.filename for info in infos)
    if kind == "docx":
        if any(info.flag_bits & 0x1 for info in infos):
            raise ProtectedFileError(
                source,
                "is an encrypted zip archive, not a normal Word document",
                "open it in Word, remove any password and save a copy as .docx",
            )
        return
    problem = {
        "xlsx": "is a spreadsheet, not a Word document",
        "pptx": "is a presentation, not a Word document",
    }.get(kind)
    if problem is None:
        lowered = _lower_names(info.filename for info in infos)
        problem = (
            "is an OpenDocument file, not a Word document"
            if "mimetype" in lowered and "content.xml" in lowered
            else "is a zip archive, not a Word document"
        )
    raise UnsupportedFormatError(
        source, problem, "open the plan in Word and save it as a Word Document (.docx)"
    )


def _check_declared_sizes(
    infos: list[zipfile.ZipInfo], source: str | None, limits: _Limits
) -> None:
    """Refuse before inflating anything when the zip's own directory admits it is a bomb."""
    declared = sum(info.file_size for info in infos)
    if declared > limits.max_uncompressed_bytes:
        raise _too_big(source, limits)
    for info in infos:
        if _ratio_exceeded(info.file_size, info.compress_size, limits):
            raise _bomb(source)


def _ratio_exceeded(inflated: int, stored: int, limits: _Limits) -> bool:
    if inflated <= RATIO_CHECK_FLOOR_BYTES:
        return False
    return inflated > limits.max_compression_ratio * max(stored, 1)


def _too_big(source: str | None, limits: _Limits) -> UnsafeFileError:
    limit = limits.max_uncompressed_bytes
    megabytes = limit / (1024 * 1024)
    shown = f"{megabytes:g} MB" if megabytes >= 1 else f"{limit} bytes"
    return UnsafeFileError(
        source,
        f"would inflate to more than {shown} when opened (a possible zip bomb)",
        "re-save the document from Word, or raise the uncompressed-size limit if you trust it",
    )


def _bomb(source: str | None) -> UnsafeFileError:
    return UnsafeFileError(
        source,
        "is compressed far more than any Word document (a possible zip bomb)",
        "re-save the document from Word",
    )


def _entity_declarations(source: str | None) -> UnsafeFileError:
    return UnsafeFileError(
        source,
        "contains XML entity declarations, which ehcp-lint never resolves",
        "re-save the document from Word",
    )


# --- content types ---------------------------------------------------------------------


def _read_content_types(
    archive: zipfile.ZipFile,
    infos: list[zipfile.ZipInfo],
    source: str | None,
    limits: _Limits,
) -> dict[str, str]:
    """Map each part name (no leading ``/``, lower case) to its declared content type.

    ``[Content_Types].xml`` is scanned for entity declarations first and then
    parsed with a parser that loads no DTD, resolves no entity and fetches nothing.
    """
    info = next((i for i in infos if i.filename == _CONTENT_TYPES), None)
    if info is None:
        raise _damaged(source)
    counter = _Inflated()
    raw = b"".join(_stream_part(archive, info, source, limits, counter, scan=True))

    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False
    )
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError:
        raise _damaged(source) from None
    defaults: dict[str, str] = {}
    overrides: dict[str, str] = {}
    for element in root:
        if not isinstance(element.tag, str):
            continue
        local = etree.QName(element).localname
        content_type = element.get("ContentType", "")
        if local == "Default":
            defaults[element.get("Extension", "").lower()] = content_type
        elif local == "Override":
            overrides[element.get("PartName", "").lstrip("/").lower()] = content_type
    types: dict[str, str] = {}
    for part in infos:
        name = part.filename.lower()
        extension = name.rsplit(".", 1)[-1] if "." in name.rsplit("/", 1)[-1] else ""
        types[name] = overrides.get(name, defaults.get(extension, ""))
    return types


_MAIN_CONTENT_TYPES = (_CT_DOCUMENT, _CT_TEMPLATE, _CT_MACRO_DOCUMENT, _CT_MACRO_TEMPLATE)


def _check_main_content_type(content_types: dict[str, str], source: str | None) -> str:
    """Find the main document part; python-docx reads documents only, not templates or macros.

    Returns the main part's (lower-case) name: usually ``word/document.xml``, but
    the content types, not the name, say which part it is.
    """
    main_part = _MAIN_DOCUMENT
    if content_types.get(main_part) not in _MAIN_CONTENT_TYPES:
        main_part = next(
            (name for name, ct in sorted(content_types.items()) if ct in _MAIN_CONTENT_TYPES),
            _MAIN_DOCUMENT,
        )
    content_type = content_types.get(main_part, "")
    if content_type in (_CT_TEMPLATE, _CT_MACRO_TEMPLATE):
        raise UnsupportedFormatError(
            source,
            "is a Word template, not a Word document",
            "create a document from the template in Word and save it as .docx",
        )
    if content_type == _CT_MACRO_DOCUMENT:
        raise UnsupportedFormatError(
            source,
            "is a macro-enabled Word document (.docm)",
            "save it in Word as a Word Document (.docx)",
        )
    if content_type != _CT_DOCUMENT:
        raise _damaged(source)
    return main_part


def _parsed_as_xml(name: str, content_type: str) -> bool:
    """Would python-docx (or lxml under it) parse this part as XML?

    Every ``.xml``/``.rels`` part, and any other part whose content type is XML
    (a main document stored under an odd name), except images and HTML chunks,
    which python-docx keeps as opaque bytes (an SVG picture may carry a DOCTYPE).
    """
    if name.endswith((".xml", ".rels")):
        return True
    if content_type.startswith(_BLOB_CONTENT_TYPE_PREFIXES):
        return False
    return "xml" in content_type


# --- streaming every part ---------------------------------------------------------------


class _Inflated:
    """Running total of bytes actually inflated, across all parts of one file."""

    __slots__ = ("total",)

    def __init__(self) -> None:
        self.total = 0


def _scan_parts(
    archive: zipfile.ZipFile,
    infos: list[zipfile.ZipInfo],
    content_types: dict[str, str],
    main_part: str,
    source: str | None,
    limits: _Limits,
    parts: dict[str, bytes] | None = None,
) -> None:
    """Inflate every part in bounded chunks: size, ratio, CRC and entity checks.

    With ``parts``, each part's bytes are kept there under its zip member name.
    """
    counter = _Inflated()
    for info in infos:
        if info.is_dir():
            if parts is not None:
                parts[info.filename] = b""
            continue
        name = info.filename.lower()
        scan = _parsed_as_xml(name, content_types.get(name, ""))
        first = True
        chunks: list[bytes] = []
        for chunk in _stream_part(archive, info, source, limits, counter, scan=scan):
            if first and name == main_part and _STRICT_OOXML.search(chunk[:4096]):
                raise UnsupportedFormatError(
                    source,
                    "is saved as a Strict Open XML document, which ehcp-lint cannot read",
                    "save it in Word as a Word Document (.docx), not Strict Open XML",
                )
            first = False
            if parts is not None:
                chunks.append(chunk)
        if parts is not None:
            parts[info.filename] = chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _stream_part(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    source: str | None,
    limits: _Limits,
    counter: _Inflated,
    *,
    scan: bool,
) -> Iterable[bytes]:
    """Yield one part's bytes in chunks, enforcing the limits as they are inflated.

    The size and ratio checks here back up the ones on the declared sizes:
    :mod:`zipfile` stops at a part's declared size today, but the limit on what
    is really inflated should not depend on that.

    With ``scan`` the chunks are searched for ``<!DOCTYPE``/``<!ENTITY`` (with an
    overlap so a declaration split across two chunks is still found) and the XML
    declaration's encoding must be one whose markup is plain ASCII or UTF-16/32.
    """
    inflated = 0
    tail = b""
    try:
        with archive.open(info) as part:
            while True:
                chunk = part.read(_CHUNK_BYTES)
                if not chunk:
                    break
                if scan and inflated == 0:
                    _check_encoding(chunk, source)
                inflated += len(chunk)
                counter.total += len(chunk)
                if counter.total > limits.max_uncompressed_bytes:
                    raise _too_big(source, limits)
                if _ratio_exceeded(inflated, info.compress_size, limits):
                    raise _bomb(source)
                if scan:
                    window = tail + chunk
                    if DECLARATION_BYTE in window and _DECLARATION.search(window):
                        raise _entity_declarations(source)
                    tail = window[-_DECLARATION_OVERLAP:]
                yield chunk
    except _ZIP_ERRORS:
        raise _damaged(source) from None


def _check_encoding(first_chunk: bytes, source: str | None) -> None:
    """Refuse XML declared in an encoding where ``<!DOCTYPE`` would not look like ASCII.

    Word writes UTF-8. UTF-16/32 parts start with a byte-order mark or NUL bytes
    and are covered by the padded search pattern; an exotic declared encoding
    (UTF-7, EBCDIC) could hide a declaration from a byte search, so it is refused.
    """
    match = _XML_ENCODING.match(first_chunk.lstrip(b"\xef\xbb\xbf"))
    if match is None:
        return
    encoding = match.group(1).decode("ascii").lower()
    if encoding in _ASCII_COMPATIBLE_ENCODINGS or encoding.startswith(("utf-16", "utf-32")):
        return
    raise UnsafeFileError(
        source,
        "declares an unusual XML text encoding that ehcp-lint does not read",
        "re-save the document from Word",
    )
