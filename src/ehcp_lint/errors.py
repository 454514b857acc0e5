"""Errors a user can act on: each renders as one line naming the file and the fix.

Messages never quote plan content (plans hold children's health and social-care
data); they name the file, the problem and what to do.
"""

from __future__ import annotations


class EhcpLintError(Exception):
    """Base class for every error ehcp-lint raises on purpose."""


class PlanReadError(EhcpLintError):
    """A plan file could not be read. ``str(err)`` is the one-line message."""

    def __init__(self, path: str | None, problem: str, action: str = "") -> None:
        self.path = path
        self.problem = problem
        self.action = action
        super().__init__(self.one_line())

    def one_line(self) -> str:
        where = f"{self.path}: " if self.path else ""
        tail = f"; {self.action}" if self.action else ""
        return f"{where}{self.problem}{tail}"


class UnsupportedFormatError(PlanReadError):
    """Not a file type ehcp-lint reads (or a legacy .doc)."""


class ProtectedFileError(PlanReadError):
    """Password-protected or encrypted Word or PDF file."""


class CorruptFileError(PlanReadError):
    """Truncated, damaged or disguised file."""


class UnsafeFileError(PlanReadError):
    """A file that would be unsafe to open fully (zip bomb, XML entity declarations)."""


class NoTextError(PlanReadError):
    """A PDF with no text layer (a scan) or an empty file."""


class NoSectionsError(PlanReadError):
    """No recognisable EHCP section headings were found."""


class ConfigError(EhcpLintError):
    """Bad configuration: the message names the key and the allowed values."""
