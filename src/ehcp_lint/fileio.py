"""Writing outputs without losing work: atomic, private, and never over a plan.

Every file ehcp-lint writes (a report with ``--output``, a baseline, a
marked-up copy of a plan) goes through :func:`write_atomically`, because the
people running it hold children's plans and cannot afford three kinds of
accident:

* **half a file** — the data is written to a temporary file in the target's
  own folder (same file system), flushed to disk, then renamed over the
  target in one step. A crash, a full disk or Ctrl-C leaves the old file as
  it was and removes the temporary file;
* **a file others can read** — the temporary file is created with mode 600
  (owner only) by :func:`tempfile.mkstemp`; a new output keeps that mode,
  a replaced file keeps the mode it had;
* **a plan overwritten** — :func:`check_output_path` refuses a target that is
  one of the plans being read (also through a link or another spelling of
  the path), and refuses to replace an existing file unless asked (``force``).

Nothing is ever written to the system temporary folder.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

from ehcp_lint.errors import EhcpLintError

__all__ = [
    "PRIVATE_MODE",
    "TEMP_SUFFIX",
    "OutputError",
    "check_output_path",
    "same_file",
    "write_atomically",
    "write_output",
]

#: Owner read/write only: what new outputs (and every temporary file) get.
PRIVATE_MODE = 0o600
#: Temporary files are hidden (``.name.<random>.part``) next to their target.
TEMP_SUFFIX = ".part"

#: What to write: the bytes themselves, or a function that writes to an open file.
Content = bytes | Callable[[BinaryIO], None]


class OutputError(EhcpLintError):
    """An output that must not or cannot be written; ``str(err)`` is one line."""


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """True when ``a`` and ``b`` name the same file (links and ``..`` included)."""
    first, second = Path(a), Path(b)
    try:
        if first.exists() and second.exists():
            return os.path.samefile(first, second)
    except OSError:
        pass
    try:
        return first.resolve() == second.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop on older Pythons
        return os.path.abspath(first) == os.path.abspath(second)


def check_output_path(
    target: str | os.PathLike[str],
    *,
    inputs: Iterable[str | os.PathLike[str]] = (),
    force: bool = False,
    what: str = "output",
) -> Path:
    """Refuse (one-line :class:`OutputError`) a target that would lose work.

    Refused: one of the ``inputs`` (the plans being read); a folder; a target
    whose folder does not exist; an existing file without ``force``. ``what``
    names the output in messages (``"--output"``, ``"marked-up copy"``).
    """
    path = Path(target)
    for plan in inputs:
        if same_file(path, plan):
            raise OutputError(
                f"{what}: {path} is one of the plans being checked; choose another file"
            )
    if path.is_dir():
        raise OutputError(f"{what}: {path} is a folder; give a file name")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"{what}: folder {folder} does not exist; create it first")
    if (path.exists() or path.is_symlink()) and not force:
        raise OutputError(f"{what}: {path} already exists; use --force to replace it")
    return path


def _final_mode(target: Path, mode: int | None) -> int:
    """The replaced file's permissions, else ``mode``, else private (600)."""
    try:
        info = target.stat()
    except OSError:
        return PRIVATE_MODE if mode is None else mode
    return stat.S_IMODE(info.st_mode) if stat.S_ISREG(info.st_mode) else PRIVATE_MODE


def write_atomically(
    path: str | os.PathLike[str], data: Content, *, mode: int | None = None
) -> Path:
    """Write ``data`` to ``path`` so that nobody ever sees half a file.

    ``data`` is bytes, or a function given the open (binary) temporary file to
    write to, for outputs produced piece by piece. The temporary file is
    private (600) and sits in the target's folder; it replaces ``path`` in one
    rename and is removed on any failure (the old file, if any, is untouched).
    A new file gets ``mode`` (default 600); a replaced file keeps its mode.
    Raises :class:`OSError` when the folder cannot be written.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    final_mode = _final_mode(target, mode)
    fd, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as handle:
            if isinstance(data, bytes | bytearray | memoryview):
                handle.write(data)
            else:
                data(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, final_mode)
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    return target


def write_output(
    path: str | os.PathLike[str],
    data: Content,
    *,
    inputs: Iterable[str | os.PathLike[str]] = (),
    force: bool = False,
    what: str = "output",
    mode: int | None = None,
) -> Path:
    """:func:`check_output_path`, then :func:`write_atomically`; every failure one line.

    Raises :class:`OutputError` (naming the file and what to do) both when the
    target is refused and when the write itself fails (a read-only folder, a
    full disk).
    """
    target = check_output_path(path, inputs=inputs, force=force, what=what)
    try:
        return write_atomically(target, data, mode=mode)
    except OSError as err:
        raise OutputError(
            f"{what}: {target} could not be written ({type(err).__name__}); "
            "check the folder, its permissions and the free space"
        ) from None
