"""Built-in Python rules, one module per rule (data rules live in the top-level ``rules/``).

Each module defines one :class:`~ehcp_lint.engine.rule.Rule` subclass with its
code, name, category, severity, scope and documentation. The registry imports
every module here; importing must stay cheap (no spaCy at import time).
"""
