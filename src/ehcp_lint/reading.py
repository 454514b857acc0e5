"""Public entry points: a plan file (or its bytes) → one :class:`~ehcp_lint.model.Plan`.

``load_plan`` is what the command line and most callers use; ``read_plan`` is
for callers that already hold the bytes (a case-management system, a web
upload). Both choose the reader from the declared format *and* the content,
because plans are routinely renamed ("plan.docx" that is really a PDF export,
or a legacy .doc), and both turn every failure into a one-line
:class:`~ehcp_lint.errors.PlanReadError` that names the file and what to do,
never plan text and never a traceback.

Readers are imported only when needed so that ``import ehcp_lint`` stays fast
and does not load python-docx or pdfplumber.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Literal, cast

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ehcp_lint.engine.gc_policy import collector_paused
from ehcp_lint.errors import (
    CorruptFileError,
    EhcpLintError,
    NoTextError,
    PlanReadError,
    UnsafeFileError,
    UnsupportedFormatError,
)
from ehcp_lint.model import SECTION_ORDER, Plan, PlanFormat
from ehcp_lint.readers.raw import RawDocument

__all__ = ["SUPPORTED_EXTENSIONS", "ReadOptions", "load_plan", "read_plan"]

#: File extensions ehcp-lint reads, and the reader each one selects.
SUPPORTED_EXTENSIONS: dict[str, PlanFormat] = {
    ".docx": "docx",
    ".pdf": "pdf",
    ".md": "md",
    ".markdown": "md",
    ".txt": "txt",
}

_MB = 1024 * 1024
_Reader = Callable[[], RawDocument]
#: What the container sniffer may say that only the Word reader can explain properly.
_WORD_LIKE = frozenset({"docx", "doc", "ole-encrypted", "xlsx", "pptx", "zip-other"})


class ReadOptions(BaseModel):
    """How to read plans: local heading wordings and size limits."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    #: Section key → extra heading wordings a local template uses, matched
    #: case-insensitively as the start of a heading ({"A": ["My story"]}).
    heading_aliases: dict[str, list[str]] = Field(default_factory=dict)
    #: Files larger than this are refused before they are read.
    max_file_bytes: int = Field(default=100 * _MB, gt=0)
    #: Ceiling on what a Word file's zip parts may inflate to (zip-bomb guard).
    max_uncompressed_bytes: int = Field(default=200 * _MB, gt=0)

    @field_validator("heading_aliases")
    @classmethod
    def _known_sections(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for key in value:
            if key.upper() not in SECTION_ORDER:
                raise ValueError(
                    f"heading alias key {key!r} is not a section; allowed: {', '.join(SECTION_ORDER)}"
                )
        return {key.upper(): list(wordings) for key, wordings in value.items()}


def load_plan(path: str | os.PathLike[str], options: ReadOptions | None = None) -> Plan:
    """Read the plan file at ``path`` (.docx, .pdf, .md, .txt) into a :class:`Plan`.

    The file is read once and never written. Raises a
    :class:`~ehcp_lint.errors.PlanReadError` subclass with a one-line message
    for a missing, unreadable, unsupported, oversized, damaged or empty file,
    and :class:`~ehcp_lint.errors.NoSectionsError` when no EHCP section
    heading is found.
    """
    options = options or ReadOptions()
    name = os.fspath(path)
    with collector_paused():  # no collection walks the plan while it is being built
        data = _read_file(Path(name), name, options)
        declared = _declared_format(Path(name), name, data)
        # The reader's stream is passed straight on, so that it is freed before the
        # collector is turned back on (see _build).
        return _build(_read_bytes(data, declared, name, options), options)


def read_plan(
    data: bytes | str,
    format: str,
    *,
    source: str | None = None,
    options: ReadOptions | None = None,
) -> Plan:
    """Read a plan held in memory; ``format`` is "docx", "pdf", "md" or "txt".

    Text (``str``) is accepted for "md" and "txt" only. ``source`` names the
    plan in error messages and on the returned :class:`Plan`.
    """
    options = options or ReadOptions()
    if format not in ("docx", "pdf", "md", "txt"):
        raise UnsupportedFormatError(
            source,
            f"format {format!r} is not one ehcp-lint reads (docx, pdf, md, txt)",
            "pass the plan as docx, pdf, md or txt",
        )
    declared = cast(PlanFormat, format)
    if isinstance(data, str):
        if declared not in ("md", "txt"):
            raise TypeError(f"text input is only accepted for format 'md' or 'txt', not {format!r}")
        text = data.replace("\x00", "")
        if not text.strip():
            raise NoTextError(source, "is empty", "check that the right plan was passed")
        raw = _guarded(lambda: _read_text(text, declared, source), source)
        return _build(raw, options)
    if len(data) > options.max_file_bytes:
        raise _too_large(source, options)
    with collector_paused():
        return _build(_read_bytes(bytes(data), declared, source, options), options)


# --------------------------------------------------------------------------- files


def _read_file(path: Path, name: str, options: ReadOptions) -> bytes:
    try:
        info = path.stat()
    except FileNotFoundError:
        raise PlanReadError(name, "no such file", "check the path and the file name") from None
    except PermissionError:
        raise _permission_denied(name) from None
    except OSError as err:
        raise PlanReadError(
            name, f"cannot be opened ({type(err).__name__})", "check the path and the file name"
        ) from None
    if stat.S_ISDIR(info.st_mode):
        raise PlanReadError(
            name, "is a folder, not a plan file", "give the path of a .docx, .pdf, .md or .txt file"
        )
    if not stat.S_ISREG(info.st_mode):
        raise PlanReadError(
            name, "is not a regular file", "give the path of a .docx, .pdf, .md or .txt file"
        )
    if path.suffix.lower() not in SUPPORTED_EXTENSIONS and path.suffix.lower() != ".doc":
        raise _unsupported(name)
    if info.st_size > options.max_file_bytes:
        raise _too_large(name, options)
    try:
        with path.open("rb") as handle:
            data = handle.read(options.max_file_bytes + 1)
    except PermissionError:
        raise _permission_denied(name) from None
    except OSError as err:
        raise PlanReadError(
            name, f"cannot be read ({type(err).__name__})", "check the file and try again"
        ) from None
    if len(data) > options.max_file_bytes:
        raise _too_large(name, options)
    return data


def _unsupported(name: str | None) -> UnsupportedFormatError:
    return UnsupportedFormatError(
        name,
        "not a plan file ehcp-lint reads (.docx, .pdf, .md, .txt)",
        "save the plan as .docx or PDF",
    )


def _permission_denied(name: str) -> PlanReadError:
    return PlanReadError(
        name, "cannot be read (permission denied)", "check that you may open the file"
    )


def _too_large(name: str | None, options: ReadOptions) -> UnsafeFileError:
    limit = options.max_file_bytes / _MB
    shown = f"{limit:g} MB" if limit >= 1 else f"{options.max_file_bytes} bytes"
    return UnsafeFileError(
        name,
        f"is larger than the {shown} limit for a plan",
        "check that this is the plan, or raise max-file-mb in configuration",
    )


def _declared_format(path: Path, name: str, data: bytes) -> PlanFormat:
    suffix = path.suffix.lower()
    if suffix == ".doc":
        # Word sometimes saves a .docx under a .doc name; the content decides.
        from ehcp_lint.readers.container import sniff_format

        sniffed = sniff_format(data)
        if sniffed == "docx":
            return "docx"
        if sniffed == "pdf":
            return "pdf"
        raise UnsupportedFormatError(
            name, "is a legacy Word .doc file", "open it in Word and save it as .docx"
        )
    return SUPPORTED_EXTENSIONS[suffix]


# --------------------------------------------------------------------------- dispatch


def _content_format(data: bytes, declared: PlanFormat) -> PlanFormat:
    """The reader the bytes call for: what the content is, when it says so clearly."""
    from ehcp_lint.readers.container import sniff_format

    sniffed = sniff_format(data)
    if sniffed == "pdf":
        return "pdf"
    if sniffed in _WORD_LIKE:
        # The Word reader explains legacy .doc, password protection, spreadsheets.
        return "docx"
    return declared


def _read_bytes(
    data: bytes, declared: PlanFormat, name: str | None, options: ReadOptions
) -> RawDocument:
    if not data.strip(b" \t\r\n\x00"):
        raise NoTextError(name, "is empty", "check that the right file was chosen")
    fmt = _content_format(data, declared)
    if fmt == "docx":
        from ehcp_lint.readers.docx_reader import read_docx

        limit = options.max_uncompressed_bytes
        return _guarded(lambda: read_docx(data, name, max_uncompressed_bytes=limit), name)
    if fmt == "pdf":
        from ehcp_lint.readers.pdf_reader import read_pdf

        return _guarded(lambda: read_pdf(data, name), name)
    from ehcp_lint.readers.text_reader import decode_text

    text_format: Literal["md", "txt"] = "md" if fmt == "md" else "txt"
    return _guarded(lambda: _read_text(decode_text(data, name), text_format, name), name)


def _read_text(text: str, fmt: Literal["md", "txt"], name: str | None) -> RawDocument:
    from ehcp_lint.readers.text_reader import read_text

    return read_text(text, fmt, name)


def _guarded(read: _Reader, name: str | None) -> RawDocument:
    """Run a reader; anything but a deliberate ehcp-lint error becomes a one-line
    :class:`CorruptFileError` (the exception type only: messages may quote content)."""
    try:
        return read()
    except EhcpLintError:
        raise
    except MemoryError:
        raise  # not damage: the per-file memory guard reports it
    except Exception as err:  # the point is to catch everything a reader may raise
        raise CorruptFileError(
            name,
            f"could not be read ({type(err).__name__})",
            "the file may be damaged — re-save it from Word and try again",
        ) from None


def _build(raw: RawDocument, options: ReadOptions) -> Plan:
    """Section detection on a reader's stream; the stream is let go when it returns.

    Callers pass the stream straight in and keep no name for it: the plan shares
    only its locations, so the ~3,000 raw blocks, cells and lists are freed here by
    reference counting. Still held when the paused collector is turned back on, they
    were walked by the caller's first collection after the call (about 1 ms a plan).
    """
    from ehcp_lint.sections import build_plan

    return build_plan(raw, options)
