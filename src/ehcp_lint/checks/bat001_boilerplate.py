"""BAT001 boilerplate: the same provision or outcome sentence, word for word, in many children's plans."""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, NamedTuple, overload

from ehcp_lint.checks._batch import (
    MAX_RELATED,
    KnownLocations,
    Occurrence,
    first_related,
    first_related_of_all,
    name_pattern,
    rebuild_occurrence,
    shared_location,
)
from ehcp_lint.checks._plan_text import (
    blank_placeholders,
    child_names,
    is_nil_sentence,
    reading_units,
    sentence_spans,
)
from ehcp_lint.config import Config
from ehcp_lint.engine.batch_data import Deferred
from ehcp_lint.engine.rule import Example, Hit, Rule, RuleContext, RuleDoc, Scope, Threshold
from ehcp_lint.model import Plan
from ehcp_lint.report import Severity

#: Provision and outcome sections: where a copied sentence promises something to the wrong child.
_SECTIONS: tuple[str, ...] = ("E", "F", "G", "H1", "H2", "H")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})

_POOR = """# Section F: Special educational provision
Staff will use a total communication approach throughout the day to support understanding.
"""

_BETTER = """# Section F: Special educational provision
Mrs Khan, Maya's teaching assistant, will show Maya a now-and-next board before each change of activity.
"""


#: Bytes of a sentence's digest (blake2b): enough to tell a batch's sentences apart.
_DIGEST_SIZE = 12


class _Place(NamedTuple):
    """Where one long sentence is: plain values, so that unpickling a plan's ~200 of them is
    cheap; the :class:`Occurrence` is built only for a sentence that turns out to be boilerplate."""

    section: str | None
    location: dict[str, int]
    excerpt: str
    start: int
    end: int
    order: float

    @classmethod
    def of(cls, where: Occurrence) -> _Place:
        location = where.location.model_dump(exclude_unset=True)
        return cls(where.section, location, where.excerpt, where.start, where.end, where.order)

    def where(self) -> Occurrence:
        return rebuild_occurrence(
            self.section, self.location, self.excerpt, self.start, self.end, self.order
        )


class _Sentence(NamedTuple):
    """One long sentence: its digest, whether the child's name was replaced in it, and where it is."""

    digest: bytes
    renamed: bool
    place: _Place

    def where(self) -> Occurrence:
        return self.place.where()


class PlanSentences(Sequence[_Sentence]):
    """One plan's long provision and outcome sentences, as its worker sends them to the parent.

    The parent reads every plan's sentences twice: once to count which plans
    share each sentence, then to report the shared ones. The first pass needs
    only the digests, so they travel as one bytes value (``_DIGEST_SIZE`` bytes
    a sentence, in plan order) beside a byte per sentence saying whether the
    child's name was replaced; where each sentence is stays pickled
    (:class:`~ehcp_lint.engine.batch_data.Deferred`) and is rebuilt only for a
    plan that shares a sentence with enough others. Read as a sequence, it
    gives every :class:`_Sentence` (unpacking the places).
    """

    __slots__ = ("_places", "digests", "renamed")

    def __init__(self, digests: bytes, renamed: bytes, places: Deferred[list[_Place]]) -> None:
        self.digests = digests
        self.renamed = renamed
        self._places = places

    @classmethod
    def of(cls, sentences: Sequence[_Sentence]) -> PlanSentences:
        return cls(
            b"".join(s.digest for s in sentences),
            bytes(1 if s.renamed else 0 for s in sentences),
            Deferred([s.place for s in sentences]),
        )

    def __reduce__(self) -> tuple[Any, tuple[bytes, bytes, Deferred[list[_Place]]]]:
        return PlanSentences, (self.digests, self.renamed, self._places)

    def digest_list(self) -> list[bytes]:
        """Each sentence's digest, in plan order (without unpacking where they are)."""
        d = self.digests
        return [d[i : i + _DIGEST_SIZE] for i in range(0, len(d), _DIGEST_SIZE)]

    def renamed_digests(self) -> list[bytes]:
        """The digests of the sentences in which the child's name was replaced."""
        if 1 not in self.renamed:
            return []
        d = self.digests
        return [d[i * _DIGEST_SIZE : (i + 1) * _DIGEST_SIZE] for i, flag in enumerate(self.renamed) if flag]

    def places(self) -> list[_Place]:
        """Where each sentence is, in plan order (unpacked afresh on each call)."""
        return self._places.unpack()

    def __len__(self) -> int:
        return len(self.renamed)

    @overload
    def __getitem__(self, index: int) -> _Sentence: ...
    @overload
    def __getitem__(self, index: slice) -> list[_Sentence]: ...
    def __getitem__(self, index: int | slice) -> _Sentence | list[_Sentence]:
        return list(self)[index]

    def __iter__(self) -> Iterator[_Sentence]:
        for digest, flag, place in zip(self.digest_list(), self.renamed, self.places(), strict=True):
            yield _Sentence(digest, bool(flag), place)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PlanSentences):
            return NotImplemented
        return (self.digests, self.renamed, self._places) == (other.digests, other.renamed, other._places)

    __hash__ = None  # type: ignore[assignment]


class _Shared(NamedTuple):
    """What every finding of one shared sentence has in common (worked out once per sentence)."""

    message: str
    #: The related plans of a plan that comes after ``last_read`` in the batch.
    related: list[str]
    last_read: int
    #: The first plans that have it, one more than a finding lists (for the plans among them).
    head: list[int]


def normalise(sentence: str, names: re.Pattern[str] | None) -> tuple[str, bool]:
    """Case, whitespace, quotes and the child's own name made uniform.

    Returns the normal form and whether the child's name was replaced.
    """
    text = sentence.translate(_QUOTES)
    renamed = False
    if names is not None:
        text, count = names.subn("<child>", text)
        renamed = count > 0
    text = " ".join(text.lower().split()).rstrip(" .;:!")
    return text, renamed


class Boilerplate(Rule):
    code = "BAT001"
    name = "boilerplate"
    category = "boilerplate"
    severity = Severity.WARNING
    scope = Scope(level="batch")
    thresholds = (
        Threshold(name="min-words", default=8, minimum=3, maximum=50,
                  help="Shorter sentences are never reported as boilerplate."),
    )
    doc = RuleDoc(
        summary="The same provision or outcome sentence appears word for word in several children's plans.",
        why=(
            "Provision must be specific to the child's needs and outcomes personal to the child "
            "(SEND Code of Practice 9.61, 9.66, 9.69). A paragraph repeated word for word across "
            "many plans, with only the name changed, shows provision written for a setting or a "
            "label rather than for this child; QA panels auditing a batch list it with other "
            "copy-paste errors. The batch threshold is 'boilerplate-min-plans' (default 3)."
        ),
        source="SEND Code of Practice 0-25 (2015) 9.61, 9.66, 9.69; L v Clarke and Somerset CC [1998] ELR 129",
        poor=Example(plan=_POOR),
        better=Example(plan=_BETTER),
    )

    def collect(self, plan: Plan, ctx: RuleContext) -> Any:
        """Each long provision or outcome sentence of this plan, hashed, with where it is."""
        names = name_pattern(child_names(plan))
        min_words = ctx.threshold(self, "min-words")
        out: list[_Sentence] = []
        for unit in reading_units(ctx, _SECTIONS):
            text = blank_placeholders(unit.text)
            for s, e in sentence_spans(text, semicolons=False):
                sentence = unit.text[s:e]
                if len(sentence.split()) < min_words or is_nil_sentence(text[s:e]):
                    continue
                norm, renamed = normalise(sentence, names)
                digest = hashlib.blake2b(norm.encode("utf-8"), digest_size=_DIGEST_SIZE).digest()
                out.append(_Sentence(digest, renamed, _Place.of(Occurrence.in_unit(unit, s, e, ctx))))
        return PlanSentences.of(out)

    def check_batch(self, collected: Sequence[tuple[str, Any]], config: Config) -> Iterable[Hit]:
        min_plans = max(2, config.boilerplate_min_plans)
        # First pass, digests only: which plans have each sentence. Plan indexes in batch
        # order, each once (a list: smaller than a set, already sorted).
        plans_with: dict[bytes, list[int]] = defaultdict(list)
        renamed_in: set[bytes] = set()
        for index, (_, sentences) in enumerate(collected):
            if not sentences:
                continue
            for digest in sentences.digest_list():
                owners = plans_with[digest]
                if not owners or owners[-1] != index:
                    owners.append(index)
            renamed_in.update(sentences.renamed_digests())
        paths = [path for path, _ in collected]
        # Paths in a batch are distinct (a folder's files); then a plan among the first that
        # have a sentence lists the others of those first plans, without looking paths up.
        distinct_paths = len(set(paths)) == len(paths)
        shared: dict[bytes, _Shared] = {}
        for digest, owners in plans_with.items():
            if len(owners) >= min_plans:
                how = " (only the child's name changed)" if digest in renamed_in else ""
                message = f"This sentence appears word for word in {len(owners)} plans of this batch{how}."
                related, last_read = first_related_of_all(paths, owners)
                shared[digest] = _Shared(message, related, last_read, owners[: MAX_RELATED + 1])
        del renamed_in
        locations: KnownLocations = {}
        # Second pass: where each shared sentence is, unpacked only for a plan that has one.
        for index, (_, sentences) in enumerate(collected):
            if not sentences:
                continue
            digests = sentences.digest_list()
            if not any(digest in shared for digest in digests):
                continue
            for digest, place in zip(digests, sentences.places(), strict=True):
                common = shared.get(digest)
                if common is None:
                    continue
                if index > common.last_read:
                    others = common.related
                elif distinct_paths:
                    others = [paths[i] for i in common.head if i != index][:MAX_RELATED]
                else:
                    others = first_related(paths, index, plans_with[digest])
                where = Occurrence(
                    place.section,
                    shared_location(place.location, locations),
                    place.excerpt,
                    place.start,
                    place.end,
                    place.order,
                )
                yield where.hit(index, others, message=common.message, suggestion=_SUGGESTION)


_SUGGESTION = (
    "Rewrite it for this child: what this child needs, who will do what with "
    "them, how often and for how long, from this child's own advice."
)
