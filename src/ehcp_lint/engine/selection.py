"""Which rules run: ``select``/``extend-select``/``ignore``/``per-file-ignores``.

Selectors follow ruff: ``ALL``, a family prefix (``PRV``), a code prefix
(``PRV0``) or a full code (``PRV001``); ehcp-lint also accepts a category
(``vague-provision``) or a rule name (``non-committal-provision``), because a QA
lead thinks in those. The most specific selector wins; on a tie, ignore wins.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fnmatch import fnmatch
from pathlib import PurePath

from ehcp_lint.engine.rule import Rule
from ehcp_lint.errors import ConfigError


def _specificity(selector: str, rule: Rule) -> int:
    """How specifically ``selector`` names ``rule``; 0 when it does not name it."""
    s = selector.strip()
    if not s:
        return 0
    if s.upper() == "ALL":
        return 1
    if s.lower() == rule.category:
        return 2
    if s.lower() == rule.name:
        return 100
    up = s.upper()
    if rule.code.startswith(up):
        return 2 + len(up)
    return 0


def validate_selectors(selectors: Iterable[str], rules: Iterable[Rule], key: str) -> None:
    """Every selector must name at least one known rule (typos are errors, as in ruff)."""
    known = list(rules)
    for s in selectors:
        if not any(_specificity(s, r) for r in known):
            families = sorted({r.family for r in known})
            raise ConfigError(
                f"{key}: {s!r} matches no rule; use ALL, a family ({', '.join(families)}), "
                "a code such as PRV001, a category or a rule name (see `ehcp-lint rules`)"
            )


def is_selected(
    rule: Rule,
    select: Sequence[str],
    ignore: Sequence[str],
) -> bool:
    best_select = max((_specificity(s, rule) for s in select), default=0)
    best_ignore = max((_specificity(s, rule) for s in ignore), default=0)
    return best_select > 0 and best_select > best_ignore


def per_file_ignores(path: str | None, table: dict[str, list[str]]) -> list[str]:
    """Selectors ignored for ``path`` by glob (matched against the path and its name)."""
    if not path or not table:
        return []
    pure = PurePath(path)
    out: list[str] = []
    for pattern, selectors in table.items():
        if fnmatch(pure.as_posix(), pattern) or fnmatch(pure.name, pattern):
            out.extend(selectors)
    return out


def select_rules(
    rules: Iterable[Rule],
    select: Sequence[str],
    extend_select: Sequence[str] = (),
    ignore: Sequence[str] = (),
) -> list[Rule]:
    chosen = [*select, *extend_select]
    return [r for r in rules if is_selected(r, chosen, ignore)]
