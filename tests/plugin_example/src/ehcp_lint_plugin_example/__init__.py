"""Example ehcp-lint plugin: a data-rule folder, a Python rule and an output format."""

from __future__ import annotations

from pathlib import Path

#: The entry point ``example-data`` points here: a folder of TOML data rules.
RULES_DIR = str(Path(__file__).parent / "rules")
