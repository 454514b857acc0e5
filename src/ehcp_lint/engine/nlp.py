"""The one spaCy pipeline every rule shares, built once per process.

``spacy.blank("en")`` with a sentencizer and lookup lemmas (from
spacy-lookups-data) needs no model download and is fast. Where a user has
installed a statistical model and names it in configuration
(``nlp-model = "en_core_web_sm"``), that model is used instead and rules may
read its tags; every rule must still work without it, so rules only rely on
``tok.lower_``, ``tok.lemma_``, ``tok.like_num`` and sentence boundaries.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

_LOCK = threading.Lock()
_PIPELINES: dict[str, Language] = {}

#: Components we never need from a statistical model: they cost time and memory.
_HEAVY = ("ner", "parser", "textcat", "entity_linker", "entity_ruler")


def get_nlp(model: str | None = None) -> Language:
    """The shared pipeline (blank English unless ``model`` names an installed one)."""
    key = model or ""
    nlp = _PIPELINES.get(key)
    if nlp is not None:
        return nlp
    with _LOCK:
        nlp = _PIPELINES.get(key)
        if nlp is None:
            nlp = _build(model)
            _PIPELINES[key] = nlp
    return nlp


def _build(model: str | None) -> Language:
    import spacy

    if model:
        try:
            nlp = spacy.load(model, exclude=list(_HEAVY))
        except OSError as exc:  # not installed: say how to fix it
            from ehcp_lint.errors import ConfigError

            raise ConfigError(
                f"nlp-model {model!r} is not installed; install it with pip "
                "or remove nlp-model from the configuration to use the built-in pipeline"
            ) from exc
        if "senter" not in nlp.pipe_names and "sentencizer" not in nlp.pipe_names:
            nlp.add_pipe("sentencizer")
        return nlp

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    try:
        nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        nlp.initialize()
    except (ValueError, OSError, ImportError):  # lookups data missing: lemmas stay empty
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
    nlp.max_length = 5_000_000
    return nlp
