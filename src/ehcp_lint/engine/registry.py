"""One registry for every rule: built-in Python rules, built-in data rules, plugins.

Sources, in order: Python rules in :mod:`ehcp_lint.checks` (one module per rule),
TOML data rules shipped in the wheel (the top-level ``rules/`` folder), installed
plugins in the entry-point group ``ehcp_lint.rules``, and local rules folders
named in configuration (``rules-folders``: ``*.toml`` data rules and ``*.py``
modules defining :class:`~ehcp_lint.engine.rule.Rule` subclasses).

A plugin that fails to load is recorded in :attr:`Registry.problems` by name and
skipped: one broken plugin must not stop a QA panel's batch.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import pkgutil
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from pathlib import Path
from types import ModuleType
from typing import Any

from ehcp_lint.engine.data_rules import DataRule, load_rule_folder
from ehcp_lint.engine.rule import Rule, validate_rule

ENTRY_POINT_GROUP = "ehcp_lint.rules"


def builtin_rules_dir() -> Path:
    """Where the shipped data rules live: inside the wheel, or ``rules/`` in a checkout."""
    here = Path(__file__).resolve().parent.parent  # src/ehcp_lint
    packaged = here / "rules_data"
    if packaged.is_dir():
        return packaged
    return here.parent.parent / "rules"


@dataclass
class Registry:
    """All known rules by code, plus what went wrong while collecting them."""

    rules: dict[str, Rule] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def add(self, rule: Rule, source: str) -> None:
        problems = validate_rule(rule)
        if problems:
            self.problems.append(f"{source}: rule {rule.code or '?'}: {problems[0]}")
            return
        existing = self.rules.get(rule.code)
        if existing is not None:
            self.problems.append(
                f"{source}: rule code {rule.code} is already used by {existing.origin}; skipped"
            )
            return
        self.rules[rule.code] = rule

    def __iter__(self) -> Iterator[Rule]:
        return iter(sorted(self.rules.values(), key=lambda r: r.code))

    def __len__(self) -> int:
        return len(self.rules)

    def get(self, code: str) -> Rule | None:
        return self.rules.get(code.upper())


def _rules_in_module(module: ModuleType) -> Iterator[Rule]:
    """Instances of every concrete Rule subclass defined in ``module`` (not imported into it)."""
    for _, obj in inspect.getmembers(module, inspect.isclass):
        if (
            issubclass(obj, Rule)
            and obj is not Rule
            and obj is not DataRule
            and obj.__module__ == module.__name__
            and bool(getattr(obj, "code", ""))
        ):
            yield obj()
    extra = getattr(module, "RULES", None)
    if extra:
        yield from _coerce(extra)


def _coerce(obj: Any) -> Iterator[Rule]:
    """Accept what a plugin entry point may point at: a rule, a class, a module, a list, a folder."""
    if isinstance(obj, Rule):
        yield obj
    elif inspect.isclass(obj) and issubclass(obj, Rule):
        yield obj()
    elif isinstance(obj, ModuleType):
        yield from _rules_in_module(obj)
    elif isinstance(obj, (str, Path)) and Path(obj).is_dir():
        rules, problems = load_rule_folder(Path(obj), origin_prefix="plugin")
        if problems:
            raise ValueError(problems[0])
        yield from rules
    elif isinstance(obj, (list, tuple)):
        for item in obj:
            yield from _coerce(item)
    elif callable(obj):
        yield from _coerce(obj())
    else:
        raise TypeError(f"cannot make rules from a {type(obj).__name__}")


def _builtin_python_rules(registry: Registry) -> None:
    import ehcp_lint.checks as checks

    for info in sorted(pkgutil.iter_modules(checks.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        try:
            module = importlib.import_module(f"{checks.__name__}.{info.name}")
        except Exception as exc:  # a broken module must not stop every other rule
            registry.problems.append(
                f"built-in rule module ehcp_lint.checks.{info.name} failed to load: "
                f"{exc.__class__.__name__}: {exc}"
            )
            continue
        for rule in _rules_in_module(module):
            rule.origin = "builtin"
            registry.add(rule, f"ehcp_lint.checks.{info.name}")


def _plugin_rules(registry: Registry) -> None:
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            loaded = ep.load()
            rules = list(_coerce(loaded))
        except Exception as exc:
            registry.problems.append(
                f"plugin {ep.name!r} ({ep.value}) failed to load: {exc.__class__.__name__}: {exc}"
            )
            continue
        for rule in rules:
            rule.origin = f"plugin:{ep.name}"
            registry.add(rule, f"plugin {ep.name!r}")


def _import_path(path: Path) -> ModuleType:
    name = f"ehcp_lint_local_{abs(hash(str(path.resolve())))}_{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _local_rules(registry: Registry, folders: Iterable[str | Path]) -> None:
    for folder in folders:
        path = Path(folder)
        if not path.is_dir():
            registry.problems.append(f"rules folder {str(path)!r} does not exist; skipped")
            continue
        rules, problems = load_rule_folder(path, origin_prefix="local")
        registry.problems.extend(problems)
        for data_rule in rules:
            registry.add(data_rule, str(path))
        for py in sorted(path.glob("*.py")):
            if py.name.startswith("_"):
                continue
            try:
                module = _import_path(py)
                found = list(_rules_in_module(module))
            except Exception as exc:
                registry.problems.append(
                    f"local rule file {py} failed to load: {exc.__class__.__name__}: {exc}"
                )
                continue
            for rule in found:
                rule.origin = f"local:{py}"
                registry.add(rule, str(py))


_CACHE: dict[tuple[str, ...], Registry] = {}


def load_registry(rules_folders: Iterable[str | Path] = (), *, plugins: bool = True) -> Registry:
    """Collect every rule once per process (cached by the local folders named)."""
    key = (str(plugins), *(str(Path(f).resolve()) for f in rules_folders))
    cached = _CACHE.get(key)
    if cached is not None:
        return cached
    registry = Registry()
    _builtin_python_rules(registry)
    # shipped rules' patterns are checked by the tests; listing rules compiles none of them
    data_rules, problems = load_rule_folder(builtin_rules_dir(), check_patterns=False)
    registry.problems.extend(problems)
    for rule in data_rules:
        registry.add(rule, "built-in rules folder")
    if plugins:
        _plugin_rules(registry)
    _local_rules(registry, rules_folders)
    _CACHE[key] = registry
    return registry
