"""Regular expressions compiled when first used, not when their module is imported.

``ehcp-lint rules``, ``--help`` and ``--version`` import every rule module but
run no rule; compiling the ~280 module-level patterns of the checks cost about
70 ms of a 0.3 s budget for a command that never searches a plan. A pattern
made with :func:`deferred` is compiled the first time any of its attributes is
read (``.search``, ``.pattern``…). At that moment it also replaces itself, under
every name it has in its own module, by the compiled pattern, so that rule code
reading the module global afterwards talks to a plain :class:`re.Pattern`: no
cost per search on the lint path. A holder elsewhere (another module's
``from … import``) keeps the stand-in, which has by then stored the compiled
pattern's bound methods as its own attributes (no Python-level lookup per call).
"""

from __future__ import annotations

import re
import sys
from typing import Any, cast


class _Deferred:
    """Stands in for ``re.compile(source, flags)`` until the pattern is first used."""

    __slots__ = ("__dict__", "_compiled", "_flags", "_home", "_source")

    def __init__(self, source: str, flags: int, home: dict[str, Any]) -> None:
        self._source = source
        self._flags = flags
        self._home = home
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # copy/pickle probing for hooks: none here
            raise AttributeError(name)
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self._source, self._flags)
            for key, value in list(self._home.items()):
                if value is self:
                    self._home[key] = compiled
        value = getattr(compiled, name)
        self.__dict__[name] = value
        return value

    def __repr__(self) -> str:
        return f"deferred({self._source!r}, {self._flags!r})"


def deferred(source: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """``re.compile(source, flags)``, compiled on first use; call at module level only."""
    home = sys._getframe(1).f_globals
    return cast("re.Pattern[str]", _Deferred(source, int(flags), home))
