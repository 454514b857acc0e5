"""BAT001 boilerplate: the same provision or outcome sentence, word for word, in many children's plans."""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from ehcp_lint.checks._batch import Occurrence, first_related, name_pattern, rebuild_occurrence
from ehcp_lint.checks._plan_text import (
    blank_placeholders,
    child_names,
    is_nil_sentence,
    reading_units,
    sentence_spans,
)
from ehcp_lint.config import Config
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


class _Sentence(NamedTuple):
    """One long sentence as the parent receives it: plain values, so that unpickling a plan's
    ~200 of them is cheap (the parent reads every plan's twice); the :class:`Occurrence` is
    built only for a sentence that turns out to be boilerplate."""

    digest: str
    renamed: bool
    section: str | None
    location: dict[str, int]
    excerpt: str
    start: int
    end: int
    order: float

    @classmethod
    def found(cls, digest: str, renamed: bool, where: Occurrence) -> _Sentence:
        location = where.location.model_dump(exclude_unset=True)
        return cls(digest, renamed, where.section, location, where.excerpt, where.start, where.end, where.order)

    def where(self) -> Occurrence:
        return rebuild_occurrence(
            self.section, self.location, self.excerpt, self.start, self.end, self.order
        )


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
                digest = hashlib.blake2b(norm.encode("utf-8"), digest_size=12).hexdigest()
                out.append(_Sentence.found(digest, renamed, Occurrence.in_unit(unit, s, e, ctx)))
        return out

    def check_batch(self, collected: Sequence[tuple[str, Any]], config: Config) -> Iterable[Hit]:
        min_plans = max(2, config.boilerplate_min_plans)
        # Plan indexes in batch order, each once (a list: smaller than a set, already sorted).
        plans_with: dict[str, list[int]] = defaultdict(list)
        renamed_in: dict[str, bool] = defaultdict(bool)
        for index, (_, sentences) in enumerate(collected):
            for sentence in sentences or ():
                owners = plans_with[sentence.digest]
                if not owners or owners[-1] != index:
                    owners.append(index)
                renamed_in[sentence.digest] |= sentence.renamed
        paths = [path for path, _ in collected]
        for index, (_, sentences) in enumerate(collected):
            for sentence in sentences or ():
                owners = plans_with[sentence.digest]
                if len(owners) < min_plans:
                    continue
                others = first_related(paths, index, owners)
                how = " (only the child's name changed)" if renamed_in[sentence.digest] else ""
                yield sentence.where().hit(
                    index,
                    others,
                    message=(
                        f"This sentence appears word for word in {len(owners)} plans of this batch{how}."
                    ),
                    suggestion=(
                        "Rewrite it for this child: what this child needs, who will do what with "
                        "them, how often and for how long, from this child's own advice."
                    ),
                )
