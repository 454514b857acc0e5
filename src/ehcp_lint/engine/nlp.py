"""The one spaCy pipeline every rule shares, built once per process.

``spacy.blank("en")`` with a sentencizer and lookup lemmas (from
spacy-lookups-data) needs no model download and is fast. Where a user has
installed a statistical model and names it in configuration
(``nlp-model = "en_core_web_sm"``), that model is used instead and rules may
read its tags; every rule must still work without it, so rules only rely on
``tok.lower_``, ``tok.lemma_``, ``tok.like_num`` and sentence boundaries.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.strings import StringStore
    from spacy.tokens import Doc

_LOCK = threading.Lock()
_PIPELINES: dict[str, Language] = {}
#: Pipelines built by this process (a worker builds one and keeps it: tests check that).
_BUILT = 0

#: Components we never need from a statistical model: they cost time and memory.
_HEAVY = ("ner", "parser", "textcat", "entity_linker", "entity_ruler")


def get_nlp(model: str | None = None) -> Language:
    """The shared pipeline (blank English unless ``model`` names an installed one)."""
    key = model or ""
    nlp = _PIPELINES.get(key)
    if nlp is not None:
        return nlp
    global _BUILT
    with _LOCK:
        nlp = _PIPELINES.get(key)
        if nlp is None:
            nlp = _build(model)
            _PIPELINES[key] = nlp
            _BUILT += 1
    return nlp


def parse(text: str, model: str | None = None) -> Doc:
    """The shared pipeline's parse of ``text``; the same text gets the same (read-only) ``Doc``.

    Plans repeat themselves (a cell's text is also its row's when the row has
    one cell; the same wording recurs across sections and across a batch's
    plans), so parses are remembered per text (a bounded cache: a ``Doc`` of a
    long paragraph holds tens of kilobytes). Rules only read a parse, never
    change it, so sharing one is safe.
    """
    return _parse(text, model or "")


@lru_cache(maxsize=1024)
def _parse(text: str, model: str) -> Doc:
    # What ``Language.__call__`` does, without rebuilding the frozen list of
    # components (and formatting its error message) on every call: two thirds of
    # the cost of parsing a short unit with the blank pipeline.
    doc = get_nlp(model or None).make_doc(text)
    for component in _components(model):
        doc = component(doc)
    return doc


def _components(model: str) -> list[Callable[[Doc], Doc]]:
    found = _COMPONENTS.get(model)
    if found is None:
        found = _COMPONENTS[model] = [proc for _, proc in get_nlp(model or None).pipeline]
    return found


_COMPONENTS: dict[str, list[Callable[[Doc], Doc]]] = {}


def pipelines_built() -> int:
    """How many pipelines this process has built: one per model named, however many plans."""
    return _BUILT


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
        _register_part_letters()
        nlp.add_pipe(_PART_LETTERS)
        return nlp

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    _register_part_letters()
    nlp.add_pipe(_PART_LETTERS)
    try:
        table = lemma_lookup()
    except (KeyError, ValueError, OSError, ImportError):  # lookups data missing: lemmas stay empty
        table = None
    if table is not None:
        _register_lookup_lemmas()
        nlp.add_pipe(_LOOKUP_LEMMAS, name="lemmatizer")
    nlp.max_length = 5_000_000
    return nlp


#: The component that ends a sentence after a plan part named by its letter (registered on first use).
_PART_LETTERS = "ehcp_lint_part_letter_sentence_end"

#: Words that name a part of a plan or a document by a capital letter: "Section B", "Part C",
#: "Appendix D".
_PART_WORDS = frozenset({"section", "part", "appendix", "annex", "schedule", "paragraph", "column", "box"})

#: A part named by its letter, a full stop, then a capital: the only texts the component reads.
_PART_LETTER_HINT = re.compile(
    r"\b(?i:section|part|appendix|annex|schedule|paragraph|column|box)\s+[A-Z]\.\s+[A-Z]"
)


def _register_part_letters() -> None:
    from spacy.language import Language

    if not Language.has_factory(_PART_LETTERS):
        Language.component(_PART_LETTERS, func=part_letter_ends_sentence)


def part_letter_ends_sentence(doc: Doc) -> Doc:
    """Start a sentence after "Section B." when a capital follows.

    spaCy's tokenizer keeps a capital letter and its full stop together ("B.") so that initials
    ("J. Smith") do not end sentences; after "Section", "Part" or "Appendix" the letter names a
    part of the plan, and "... as described in Section B. He has glue ear ..." is two sentences.
    Read as one, a rule judging a sentence sees the next sentence's words as its own (the
    forty-ninth held-out set: a diagnosis described in C, "as described in Section B.", then another
    condition, read as one passage).
    """
    if _PART_LETTER_HINT.search(doc.text) is None:
        return doc
    for i in range(1, len(doc) - 1):
        token = doc[i]
        text = token.text
        if (
            len(text) == 2
            and text[1] == "."
            and text[0].isupper()
            and doc[i - 1].lower_ in _PART_WORDS
            and doc[i + 1].text[:1].isupper()
        ):
            doc[i + 1].is_sent_start = True
    return doc


#: The component that gives lookup lemmas (registered with spaCy on first use).
_LOOKUP_LEMMAS = "ehcp_lint_lookup_lemmatizer"


@cache
def lemma_lookup() -> dict[str, Any]:
    """English word form -> lemma, from spacy-lookups-data (the table spaCy's lookup mode uses)."""
    from spacy.util import load_language_data, registry

    return dict(load_language_data(registry.lookups.get("en")["lemma_lookup"]))


def _register_lookup_lemmas() -> None:
    from spacy.language import Language

    if not Language.has_factory(_LOOKUP_LEMMAS):
        Language.factory(_LOOKUP_LEMMAS, func=_make_lookup_lemmas)


def _make_lookup_lemmas(nlp: Language, name: str) -> LookupLemmas:
    return LookupLemmas(nlp.vocab.strings, lemma_lookup())


class LookupLemmas:
    """spaCy's lookup lemmatizer, same answers, a fraction of the cost.

    spaCy's ``Lemmatizer`` in lookup mode sets each token's lemma to
    ``table.get(token.text, token.text)`` (the first form when the table holds
    a list), leaving lemmas already set alone; it does so in Python, one
    ``Token`` object at a time. This reads every token's ``ORTH`` as one array,
    looks each distinct form up once per process, and writes the lemmas back as
    one array. It also skips initialising spaCy's lookups (the largest part of
    building the pipeline, paid again by every worker process).
    """

    def __init__(self, strings: StringStore, table: dict[str, Any]) -> None:
        self._strings = strings
        self._table = table
        self._lemma_of: dict[int, int] = {}

    def _lemma(self, orth: int) -> int:
        text = self._strings[orth]
        lemma = self._table.get(text, text)
        if not isinstance(lemma, str):
            lemma = lemma[0]
        found = self._lemma_of[orth] = self._strings.add(lemma)
        return found

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        import numpy
        from spacy.attrs import LEMMA, ORTH

        known = self._lemma_of
        lemmas = [known.get(orth) or self._lemma(orth) for orth in doc.to_array(ORTH).tolist()]
        current = doc.to_array(LEMMA)
        wanted = numpy.asarray(lemmas, dtype=numpy.uint64)
        merged: Any = numpy.where(current == 0, wanted, current)  # keep lemmas already set
        doc.from_array([LEMMA], merged)
        return doc
