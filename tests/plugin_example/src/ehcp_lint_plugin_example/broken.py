"""An entry point that cannot load: ehcp-lint must report it by name and carry on."""

from __future__ import annotations

raise ImportError("this example plugin module is deliberately broken")
