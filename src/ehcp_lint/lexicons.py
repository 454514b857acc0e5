"""Shared word lists for Python rules, kept as data in ``rules/lexicons/*.toml``.

Several rules need the same vocabulary (diagnostic labels matter both to the
diagnostic-need rule and to the missing-health-input rule), and a QA lead must
be able to extend it without touching Python. A lexicon file is TOML with
named lists of strings::

    # rules/lexicons/diagnoses.toml
    labels = ["ASD", "autism spectrum disorder", ...]

Data rules (``rules/*.toml``) are not affected: the registry reads only the top
level of ``rules/``.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from ehcp_lint.errors import ConfigError


def lexicon_dir() -> Path:
    from ehcp_lint.engine.registry import builtin_rules_dir

    return builtin_rules_dir() / "lexicons"


@cache
def load(name: str) -> dict[str, list[str]]:
    """Every list in ``rules/lexicons/<name>.toml`` (read once per process)."""
    path = lexicon_dir() / f"{name}.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: lexicon {name!r} is missing from the installation") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    out: dict[str, list[str]] = {}
    for key, value in data.items():
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{path}: {key} must be a list of strings")
        out[key] = value
    return out


def words(name: str, key: str) -> list[str]:
    """One list from a lexicon, e.g. ``words("diagnoses", "labels")``."""
    try:
        return load(name)[key]
    except KeyError as exc:
        raise ConfigError(f"lexicon {name!r} has no list {key!r}") from exc
