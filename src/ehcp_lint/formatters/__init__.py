"""Output formats: one registry from a format name to the function that renders a report.

Every format is produced from the one :class:`~ehcp_lint.report.Report` model,
so the text a caseworker reads, the JSON a dashboard loads and the SARIF a CI
server shows always agree.

How a format joins the registry (no list to edit, so the HTML report and other
formats written later appear in ``--format`` automatically):

* a module in this package named ``<name>.py`` or ``<name>_format.py`` (the
  suffix avoids shadowing standard modules such as ``json`` and ``csv``) that
  defines ``DESCRIPTION: str`` and ``render(report, options) -> str | bytes``;
  modules whose names start with ``_`` are helpers, not formats;
* an installed package's entry point in the group ``ehcp_lint.formatters``
  pointing at a ``render`` function;
* :func:`register_formatter` at run time.

Modules are imported only when their format is used, so listing the names
(for ``--help``) stays cheap.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from ehcp_lint.errors import EhcpLintError

if TYPE_CHECKING:
    from ehcp_lint.config import Config
    from ehcp_lint.engine.rule import Rule
    from ehcp_lint.report import Report

ENTRY_POINT_GROUP = "ehcp_lint.formatters"

#: The order formats are listed in; formats found later follow, sorted by name.
_PREFERRED = ("text", "json", "jsonl", "sarif", "csv", "github", "junit", "html")


@dataclass(frozen=True)
class FormatOptions:
    """What a formatter may need besides the report.

    ``rules`` maps rule codes to the rules of the run (SARIF lists them; others
    may show their documentation). ``color`` asks for terminal styling;
    ``excel_bom`` asks the CSV format for a UTF-8 byte-order mark so that Excel
    opens it with the right encoding. ``summary`` asks the CSV format for one
    row per plan (ratings and counts) instead of one per finding. ``config`` is
    the run's configuration (the HTML report reads its rating scheme and heading
    aliases from it). ``redact`` says the report's quotes were redacted
    (:func:`ehcp_lint.privacy.redact_report`); a format that shows plan text
    from elsewhere (the HTML report's golden thread) must redact it too.
    """

    color: bool = False
    width: int = 100
    quiet: bool = False
    statistics: bool = False
    excel_bom: bool = False
    fail_on: str = "warning"
    rules: Mapping[str, Rule] = field(default_factory=dict)
    summary: bool = False
    config: Config | None = None
    redact: bool = False


Renderer = Callable[["Report", FormatOptions], "str | bytes"]


class FormatError(EhcpLintError):
    """An unknown format name, or a format that failed to load."""


_REGISTERED: dict[str, Renderer | str] = {}


def register_formatter(name: str, renderer: Renderer | str) -> None:
    """Add (or replace) a format; ``renderer`` is a function or ``"module:function"``."""
    _REGISTERED[name] = renderer


def _package_formats() -> dict[str, str]:
    found: dict[str, str] = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        name = info.name.removesuffix("_format")
        found[name] = f"{__name__}.{info.name}:render"
    return found


def _entry_point_formats() -> dict[str, str]:
    from importlib.metadata import entry_points

    return {ep.name: ep.value for ep in entry_points(group=ENTRY_POINT_GROUP)}


def _all_targets() -> dict[str, Renderer | str]:
    targets: dict[str, Renderer | str] = {}
    targets.update(_entry_point_formats())
    targets.update(_package_formats())
    targets.update(_REGISTERED)
    return targets


def formatter_names() -> list[str]:
    """Every available format name, the built-in ones first."""
    names = set(_all_targets())
    ordered = [n for n in _PREFERRED if n in names]
    return ordered + sorted(names - set(ordered))


def get_formatter(name: str) -> Renderer:
    """The renderer for ``name``; a one-line :class:`FormatError` naming the choices otherwise."""
    target = _all_targets().get(name)
    if target is None:
        raise FormatError(
            f"--format: {name!r} is not a known format; use {', '.join(formatter_names())}"
        )
    if not isinstance(target, str):
        return target
    module_name, _, attr = target.partition(":")
    try:
        module = importlib.import_module(module_name)
        renderer = getattr(module, attr or "render")
    except Exception as exc:
        raise FormatError(
            f"--format {name}: the formatter failed to load ({exc.__class__.__name__}); "
            "reinstall the package that provides it"
        ) from exc
    return cast(Renderer, renderer)


def render(report: Report, name: str, options: FormatOptions | None = None) -> str | bytes:
    """Render ``report`` in format ``name``."""
    return get_formatter(name)(report, options or FormatOptions())


def write_atomically(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers never see half a file.

    Kept here for callers of the formatter API; the work is done by
    :func:`ehcp_lint.fileio.write_atomically` (private temporary file in the
    same folder, one rename, removed on failure), the one helper every output
    of ehcp-lint goes through.
    """
    from ehcp_lint.fileio import write_atomically as write

    write(path, data)


__all__ = [
    "ENTRY_POINT_GROUP",
    "FormatError",
    "FormatOptions",
    "Renderer",
    "formatter_names",
    "get_formatter",
    "register_formatter",
    "render",
    "write_atomically",
]
