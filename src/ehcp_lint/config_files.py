"""Configuration files: find them, read them, and remember where every value came from.

A QA lead keeps one ``ehcp-lint.toml`` (or a ``[tool.ehcp-lint]`` table in
``pyproject.toml``) next to a folder of plans, so that every caseworker who runs
the linter there gets the same rules, severities and local heading wordings.
Discovery walks up from the current folder, as ruff does; in one folder
``ehcp-lint.toml`` wins over ``pyproject.toml``. ``--config FILE`` skips
discovery.

Every mistake is a one-line :class:`~ehcp_lint.errors.ConfigError` naming the
file, the key and what is allowed, because a silently ignored typo
(``selct = [...]``) would quietly change which plans pass QA.

Precedence: defaults < configuration file < command line. On the command line
``select`` replaces the file's list; ``extend-select`` and ``ignore`` add to it.
:class:`Provenance` records, per key, which of these supplied the value
(``ehcp-lint config`` prints it).
"""

from __future__ import annotations

import difflib
import os
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from ehcp_lint.config import Config
from ehcp_lint.errors import ConfigError

if TYPE_CHECKING:
    from ehcp_lint.engine.registry import Registry

CONFIG_FILE = "ehcp-lint.toml"
PYPROJECT = "pyproject.toml"
TOOL_TABLE = "ehcp-lint"

DEFAULT = "default"
COMMAND_LINE = "command line"

#: Keys whose command-line values are added to the file's list instead of replacing it.
EXTENDING_KEYS: frozenset[str] = frozenset({"extend-select", "ignore"})


def allowed_keys() -> list[str]:
    """Every configuration key, in kebab-case, in the order the model declares them."""
    return [(info.alias or name) for name, info in Config.model_fields.items()]


def _kebab(key: str) -> str:
    return key.replace("_", "-")


@dataclass
class Provenance:
    """Where each effective value came from: ``default``, a file path, or ``command line``."""

    file: Path | None = None
    sources: dict[str, str] = field(default_factory=dict)

    def source_of(self, key: str) -> str:
        """The origin of ``key`` (kebab- or snake-case)."""
        return self.sources.get(_kebab(key), DEFAULT)


# -- discovery ---------------------------------------------------------------------
def _has_tool_table(pyproject: Path) -> bool:
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    tool = data.get("tool")
    return isinstance(tool, dict) and TOOL_TABLE in tool


def find_config_file(cwd: str | os.PathLike[str] | None = None) -> Path | None:
    """The nearest configuration file at or above ``cwd`` (``None`` when there is none).

    A ``pyproject.toml`` without a ``[tool.ehcp-lint]`` table does not count, so
    a project's own packaging file never hides a configuration further up.
    """
    start = Path(cwd) if cwd is not None else Path.cwd()
    start = start.resolve()
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_FILE
        if candidate.is_file():
            return candidate
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


def _display(path: Path, cwd: Path) -> str:
    """A path as a person would type it: relative to the current folder when under it."""
    try:
        return str(path.resolve().relative_to(cwd.resolve()))
    except ValueError:
        return str(path)


def read_config_table(path: Path, shown: str | None = None) -> dict[str, Any]:
    """The raw key/value table of one configuration file (kebab-case keys, unvalidated)."""
    shown = shown or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(f"{shown}: configuration file not found; check the path") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            f"{shown}: cannot read the configuration file ({exc.__class__.__name__}); "
            "save it as UTF-8 text"
        ) from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{shown}: not valid TOML ({exc}); fix the syntax") from exc
    if path.name == PYPROJECT:
        tool = data.get("tool", {})
        table = tool.get(TOOL_TABLE) if isinstance(tool, dict) else None
        if table is None:
            raise ConfigError(
                f"{shown}: has no [tool.{TOOL_TABLE}] table; add one or use {CONFIG_FILE}"
            )
        if not isinstance(table, dict):
            raise ConfigError(f"{shown}: tool.{TOOL_TABLE} must be a table")
        return dict(table)
    return dict(data)


# -- validation messages -------------------------------------------------------------
def _check_keys(table: Mapping[str, Any], source: str) -> None:
    allowed = allowed_keys()
    for key in table:
        if key in allowed:
            continue
        close = difflib.get_close_matches(_kebab(str(key)), allowed, n=1, cutoff=0.6)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise ConfigError(
            f"{source}: unknown key {key!r}{hint}; allowed keys: {', '.join(allowed)}"
        )


def _or_list(values: Sequence[str]) -> str:
    return ", ".join(values[:-1]) + f" or {values[-1]}" if len(values) > 1 else values[0]


_FIELD_HINTS: dict[str, str] = {
    "fail-on": "use error, warning, info or never",
    "severity": "use error, warning or info",
    "reference-date": "use a date written YYYY-MM-DD",
    "select": 'use a list of selectors, e.g. ["ALL"] or ["PRV", "STR001"]',
    "extend-select": 'use a list of selectors, e.g. ["PRV001"]',
    "ignore": 'use a list of selectors, e.g. ["TPL001"]',
    "per-file-ignores": 'use a table of glob = list of selectors, e.g. "drafts/*" = ["TPL"]',
    "heading-aliases": 'use a table of section = list of headings, e.g. A = ["All about me"]',
    "vocabulary": 'use a list of words, e.g. ["ELSA", "Thrive"]',
    "thresholds": 'use a table of "CODE.name" = number',
    "rules-folders": 'use a list of folder paths, e.g. ["qa-rules"]',
    "nlp-model": 'use the name of an installed spaCy model, e.g. "en_core_web_sm"',
    "file-timeout": "use a positive number of seconds",
    "file-memory-mb": "use a whole number of megabytes",
    "max-file-mb": "use a whole number of megabytes",
    "boilerplate-min-plans": "use a whole number of plans",
}


def _describe(error: Mapping[str, Any], source: str) -> str:
    """One pydantic error as one line: source, key, the offending value, what to do."""
    loc = [str(p) for p in error.get("loc", ())]
    key = loc[0] if loc else "?"
    where = ".".join(loc) if loc else "?"
    kind = str(error.get("type", ""))
    value = error.get("input")
    shown = repr(value) if isinstance(value, (str, int, float, bool)) else "this value"
    label = _label(source, where)
    if kind == "value_error":
        msg = str(error.get("msg", "")).removeprefix("Value error, ")
        return f"{label}: {msg}"
    if kind in ("literal_error", "enum"):
        hint = _FIELD_HINTS.get(key) or f"use {error.get('ctx', {}).get('expected', '')}"
        return f"{label}: {shown} is not allowed; {hint}"
    hint = _FIELD_HINTS.get(key, str(error.get("msg", "")))
    return f"{label}: {shown} is not valid; {hint}"


def _validate_model(data: Mapping[str, Any], sources: Mapping[str, str]) -> Config:
    try:
        return Config.model_validate(dict(data))
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = first.get("loc", ())
        key = str(loc[0]) if loc else ""
        raise ConfigError(_describe(first, sources.get(key, DEFAULT))) from exc


def _label(source: str, key: str) -> str:
    """How a key is named in a message: ``file: key`` or ``--key`` for the command line."""
    return f"--{key}" if source == COMMAND_LINE else f"{source}: {key}"


def _check_nlp_model(config: Config, provenance: Provenance) -> None:
    """An nlp-model that is not installed would fail every plan; say so once, up front.

    Looked up with :func:`importlib.util.find_spec` so that checking the
    configuration does not load spaCy.
    """
    import importlib.util

    model = config.nlp_model
    if not model or Path(model).is_dir():
        return
    try:
        found = importlib.util.find_spec(model) is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        raise ConfigError(
            f"{_label(provenance.source_of('nlp-model'), 'nlp-model')}: {model!r} is not installed; "
            "install the spaCy model with pip, or remove nlp-model to use the built-in pipeline"
        )


def validate_against_rules(config: Config, provenance: Provenance, registry: Registry) -> None:
    """Check everything that names a rule: selectors, severities and thresholds.

    A selector that matches no rule is a typo that would silently switch a check
    off (or fail to switch it off), so it is an error, as in ruff.
    """
    from ehcp_lint.engine.selection import validate_selectors

    rules = list(registry)
    for key in ("select", "extend-select", "ignore"):
        validate_selectors(
            getattr(config, key.replace("-", "_")), rules, _label(provenance.source_of(key), key)
        )
    pfi_source = provenance.source_of("per-file-ignores")
    for pattern, selectors in config.per_file_ignores.items():
        validate_selectors(selectors, rules, _label(pfi_source, f"per-file-ignores.{pattern!r}"))
    sev_source = provenance.source_of("severity")
    for code in config.severity:
        if registry.get(code) is None:
            close = difflib.get_close_matches(code, [r.code for r in rules], n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            raise ConfigError(
                f"{_label(sev_source, 'severity')}: {code!r} is not a rule code{hint}; "
                "use full codes such as PRV001 (see `ehcp-lint rules`)"
            )
    _check_nlp_model(config, provenance)
    th_source = provenance.source_of("thresholds")
    for key, value in config.thresholds.items():
        code, _, name = key.partition(".")
        rule = registry.get(code)
        where = _label(th_source, "thresholds")
        if rule is None or not name:
            raise ConfigError(
                f"{where}: {key!r} does not name a rule threshold; "
                'write "CODE.name", e.g. "PRV001.max-words" (see `ehcp-lint explain CODE`)'
            )
        declared = {t.name: t for t in rule.thresholds}
        threshold = declared.get(name)
        if threshold is None:
            names = ", ".join(sorted(declared)) or "none"
            raise ConfigError(
                f"{where}: rule {rule.code} has no threshold {name!r}; it declares: {names}"
            )
        if threshold.minimum is not None and value < threshold.minimum:
            raise ConfigError(f"{where}: {key} must be at least {threshold.minimum:g}, not {value:g}")
        if threshold.maximum is not None and value > threshold.maximum:
            raise ConfigError(f"{where}: {key} must be at most {threshold.maximum:g}, not {value:g}")


# -- loading -------------------------------------------------------------------------
def _normalise(table: dict[str, Any], base: Path | None) -> dict[str, Any]:
    """Make file values mean the same wherever the linter is run from."""
    out = dict(table)
    folders = out.get("rules-folders")
    if base is not None and isinstance(folders, list):
        out["rules-folders"] = [
            str((base / f).resolve()) if isinstance(f, str) and not Path(f).is_absolute() else f
            for f in folders
        ]
    severity = out.get("severity")
    if isinstance(severity, dict):
        out["severity"] = {str(k).upper(): v for k, v in severity.items()}
    return out


def load_config(
    path: str | os.PathLike[str] | None = None,
    cwd: str | os.PathLike[str] | None = None,
    overrides: Mapping[str, Any] | None = None,
    *,
    validate: bool = True,
) -> tuple[Config, Provenance]:
    """The effective configuration and where each value came from.

    ``path`` names a configuration file (``ehcp-lint.toml`` or a
    ``pyproject.toml``) and skips discovery; otherwise the nearest file at or
    above ``cwd`` is used, if any. ``overrides`` are command-line values (kebab-
    or snake-case keys; ``None`` values are ignored): they replace the file's,
    except ``extend-select`` and ``ignore``, which add to it. With ``validate``,
    selectors, severities and thresholds are checked against the installed rules.

    Raises :class:`~ehcp_lint.errors.ConfigError` with a one-line message.
    """
    here = Path(cwd) if cwd is not None else Path.cwd()
    if path is not None:
        given = Path(path)
        file: Path | None = given if given.is_absolute() else here / given
        shown = str(path)
    else:
        file = find_config_file(here)
        shown = _display(file, here) if file is not None else ""
    provenance = Provenance(file=file)
    merged: dict[str, Any] = {}
    if file is not None:
        table = read_config_table(file, shown)
        _check_keys(table, shown)
        merged = _normalise(table, file.parent)
        provenance.sources.update({key: shown for key in merged})
    for raw_key, value in (overrides or {}).items():
        if value is None:
            continue
        key = _kebab(raw_key)
        _check_keys({key: value}, COMMAND_LINE)
        if key in EXTENDING_KEYS and key in merged and isinstance(merged[key], list):
            merged[key] = [*merged[key], *value]
            provenance.sources[key] = f"{provenance.sources[key]} + {COMMAND_LINE}"
        else:
            merged[key] = value
            provenance.sources[key] = COMMAND_LINE
    config = _validate_model(merged, provenance.sources)
    if validate:
        from ehcp_lint.engine.registry import load_registry

        validate_against_rules(config, provenance, load_registry(config.rules_folders))
    return config, provenance


def effective_items(config: Config, provenance: Provenance) -> list[tuple[str, Any, str]]:
    """``(key, value as JSON data, source)`` for every key, in declaration order."""
    data = config.model_dump(mode="json", by_alias=True)
    return [(key, data[key], provenance.source_of(key)) for key in allowed_keys()]


__all__ = [
    "COMMAND_LINE",
    "CONFIG_FILE",
    "DEFAULT",
    "Provenance",
    "allowed_keys",
    "effective_items",
    "find_config_file",
    "load_config",
    "read_config_table",
    "validate_against_rules",
]
