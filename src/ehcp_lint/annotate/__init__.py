"""Marked-up copies of plans for a QA officer: the plan as it was, plus our notes.

A QA officer used to print each draft and write in the margins. ``annotate_plan``
writes that copy: ``<name>.reviewed.docx`` with a Word comment on exactly the
flagged words of each finding, or ``<name>.reviewed.pdf`` with a highlight
whose note is the finding. Markdown and text plans get no copy (a comment has
nowhere to live in them).

Safety, because these are children's plans:

* the input file is only ever read;
* an existing copy is replaced only when asked (``force``), otherwise a
  one-line :class:`AnnotationError`;
* the copy is written to a private temporary file (mode 600) in the output
  folder and renamed into place, so an interrupted run never leaves half a plan;
* the output path can never be the input path (the ``.reviewed.`` suffix, and
  an explicit check in case of links).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ehcp_lint.errors import EhcpLintError
from ehcp_lint.fileio import PRIVATE_MODE, same_file, write_atomically
from ehcp_lint.report import Finding

if TYPE_CHECKING:
    from ehcp_lint.reading import ReadOptions

__all__ = [
    "REVIEWED_SUFFIX",
    "AnnotationError",
    "annotate_plan",
    "plan_kind",
    "reviewed_path",
    "write_privately",
]

#: Inserted before the extension: ``plan.docx`` → ``plan.reviewed.docx``.
REVIEWED_SUFFIX = ".reviewed"

AUTHOR = "ehcp-lint"
INITIALS = "EL"


class AnnotationError(EhcpLintError):
    """A marked-up copy could not be written; ``str(err)`` is one line naming the file and the fix."""


def plan_kind(data: bytes, path: Path) -> str:
    """``"docx"``, ``"pdf"`` or ``"text"``: what the file really is, whatever its name says."""
    from ehcp_lint.readers.container import sniff_format

    sniffed = sniff_format(data)
    if sniffed == "pdf":
        return "pdf"
    if sniffed == "docx":
        return "docx"
    if path.suffix.lower() in (".md", ".markdown", ".txt") or sniffed is None:
        return "text"
    return sniffed


def reviewed_path(path: str | os.PathLike[str], out_dir: str | os.PathLike[str], kind: str) -> Path:
    """Where the marked-up copy of ``path`` goes: ``out_dir/<stem>.reviewed.<kind>``."""
    return Path(out_dir) / f"{Path(path).stem}{REVIEWED_SUFFIX}.{kind}"


def write_privately(
    target: Path,
    data: bytes,
    *,
    force: bool,
    source: Path | None = None,
    protect: Iterable[str | os.PathLike[str]] = (),
) -> Path:
    """Write ``data`` to ``target`` through a private temporary file and an atomic rename.

    Refuses (one-line :class:`AnnotationError`) to touch ``source`` or any
    ``protect``ed path (the other plans of the run), or to replace an existing
    ``target`` without ``force``.
    """
    if source is not None and same_file(target, source):
        raise AnnotationError(f"{target}: is the plan itself; choose another --annotate folder")
    for other in protect:
        if same_file(target, Path(other)):
            raise AnnotationError(
                f"{target}: is one of the plans being checked; choose another --annotate folder"
            )
    if target.exists() and not force:
        raise AnnotationError(
            f"{target}: already exists; use --force to replace it or choose another folder"
        )
    if target.is_dir():
        raise AnnotationError(f"{target}: is a folder; remove it or choose another folder")
    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as err:
        raise AnnotationError(
            f"{target.parent}: cannot write there ({type(err).__name__}); check the folder and permissions"
        ) from None
    try:
        write_atomically(target, data, mode=PRIVATE_MODE)
    except OSError as err:
        raise AnnotationError(
            f"{target}: could not be written ({type(err).__name__}); check free space and permissions"
        ) from None
    return target


def annotate_plan(
    path: str | os.PathLike[str],
    findings: Sequence[Finding],
    out_dir: str | os.PathLike[str],
    force: bool = False,
    *,
    options: ReadOptions | None = None,
    protect: Iterable[str | os.PathLike[str]] = (),
) -> Path | None:
    """Write the marked-up copy of one plan and return its path.

    Word plans get ``<stem>.reviewed.docx`` with one comment per finding; PDF
    plans ``<stem>.reviewed.pdf`` with one highlight (or sticky note, for
    findings about a section or the plan) per finding. Markdown and text plans
    return ``None``: there is no copy to write. ``options`` are the reading
    options the plan was linted with (heading aliases), used to re-read a PDF
    for its word positions; ``protect`` lists paths never to write (the other
    plans of the run). Raises :class:`AnnotationError`
    (one line) when the copy cannot be written, and
    :class:`~ehcp_lint.errors.PlanReadError` when the plan cannot be read.
    """
    source = Path(path)
    try:
        data = source.read_bytes()
    except OSError as err:
        raise AnnotationError(
            f"{source}: cannot be read to annotate ({type(err).__name__}); check the path"
        ) from None
    kind = plan_kind(data, source)
    if kind not in ("docx", "pdf"):
        return None
    target = reviewed_path(source, out_dir, kind)
    if target.exists() and not force:  # say so before the work, not after
        raise AnnotationError(
            f"{target}: already exists; use --force to replace it or choose another folder"
        )
    try:
        marked = _mark_up(kind, data, findings, str(source), options)
    except EhcpLintError:
        raise
    except Exception as err:  # a library failure must not quote plan text or stop the run
        raise AnnotationError(
            f"{source}: could not be marked up ({type(err).__name__}); the plan itself is unchanged"
        ) from None
    return write_privately(target, marked, force=force, source=source, protect=protect)


def _mark_up(
    kind: str, data: bytes, findings: Sequence[Finding], source: str, options: ReadOptions | None
) -> bytes:
    if kind == "docx":
        from ehcp_lint.annotate.docx_comments import comment_docx

        return comment_docx(data, findings, source)
    from ehcp_lint.annotate.pdf_highlights import highlight_pdf
    from ehcp_lint.reading import read_plan

    plan = read_plan(data, "pdf", source=source, options=options)
    return highlight_pdf(data, findings, source, plan=plan)
