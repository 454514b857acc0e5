"""The golden thread laid out for a panel: each need with its outcomes and provision.

A QA panel follows every need in B, C and D to the outcome in E it should lead
to and the provision in F, G or H that gets there. This module links them in
three plain steps, stopping at the first that finds anything, so that a panel
member can always see *why* two pieces were linked:

1. **same row** — the plan set them side by side in one table row (the national
   grid: need | provision | outcome), recorded by the reader as ``Block.link``;
2. **same area of need** — the need and the outcome or provision sit under the
   same broad area of need (a plan that splits B, E and F by area);
3. **shared words** — at least :data:`MIN_SHARED_WORDS` content words in common
   (reading, phonics, anxiety...), the candidates sharing most words winning.

A need left with no outcome and no provision is reported as not linked; that
is a prompt for a human to look, not a verdict (a rule decides gaps).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Literal

from pydantic import BaseModel, Field

from ehcp_lint.model import AreaOfNeed, Block, BlockKind, Location, Plan

__all__ = [
    "MIN_SHARED_WORDS",
    "GoldenThread",
    "NeedThread",
    "ThreadItem",
    "ThreadLink",
    "content_words",
    "follow_golden_thread",
]

NEED_SECTIONS: tuple[str, ...] = ("B", "C", "D")
OUTCOME_SECTIONS: tuple[str, ...] = ("E",)
#: Where the provision for a need in each needs section is expected. Therapies
#: that educate are special educational provision, so health needs look in F too.
PROVISION_FOR: dict[str, tuple[str, ...]] = {
    "B": ("F",),
    "C": ("G", "F"),
    "D": ("H1", "H2", "H"),
}
ALL_PROVISION: tuple[str, ...] = ("F", "G", "H1", "H2", "H")

#: Fewest content words a need and an outcome (or provision) must share to be linked.
MIN_SHARED_WORDS = 2
#: At most this many outcomes or provisions are linked to one need by shared words.
MAX_WORD_LINKS = 3
#: Items shorter than this (in words) are labels or "None", not needs or provision.
MIN_ITEM_WORDS = 3

_WORD = re.compile(r"[a-z][a-z'-]*[a-z]")

#: Words that say nothing about *which* need is meant: grammar, time, the people
#: every plan names, and the vocabulary of plans themselves.
_STOP_WORDS_TEXT = """
    a about above across after again against all almost also although always am among an and
    any are around as at be because been before being below between both but by can cannot
    could did do does doing done down during each either else enough even ever every few for
    from further get gets getting give given gives going had has have having he her here hers
    herself him himself his how however i if in into is it its itself just least less like
    made make makes making many may me might more most much must my myself near need needed
    needs never no nor not now of off often on once one only or other others our ours out over
    own per rather same see seen she should since so some such than that the their theirs them
    themselves then there these they this those though through throughout to too towards under
    until up upon us use used uses using very via was way ways we well were what when where
    whether which while who whom whose why will with within without would yet you your
    able ability abilities adult adults area areas child child's children class classes
    currently day days end ensure ensuring help helped helping helps hour hours including
    learning lesson lessons level levels minute minutes month months new outcome outcomes
    people person plan plans progress provide provided provision pupil pupils section school
    schools session sessions setting skills staff start support supported supporting
    targets term terms time times week weekly weeks work year years young daily regular
    regularly ehcp teacher teachers term's
"""
STOP_WORDS: frozenset[str] = frozenset(_STOP_WORDS_TEXT.split())


class ThreadItem(BaseModel):
    """A need, outcome or provision as the plan wrote it, and where it stands."""

    section: str
    text: str
    location: Location
    area_of_need: AreaOfNeed | None = None
    link: str | None = None


class ThreadLink(BaseModel):
    """An outcome or provision linked to a need, and why (``reason`` completes "linked by ...")."""

    item: ThreadItem
    how: Literal["same row", "same area of need", "shared words"]
    reason: str
    shared_words: list[str] = Field(default_factory=list)


class NeedThread(BaseModel):
    need: ThreadItem
    outcomes: list[ThreadLink] = Field(default_factory=list)
    provision: list[ThreadLink] = Field(default_factory=list)

    @property
    def linked(self) -> bool:
        return bool(self.outcomes or self.provision)


class GoldenThread(BaseModel):
    """Every need with what was linked to it, and what stayed unlinked."""

    threads: list[NeedThread] = Field(default_factory=list)
    #: Provision linked to no need: it may answer a need the plan never states.
    unlinked_provision: list[ThreadItem] = Field(default_factory=list)

    @property
    def unlinked_needs(self) -> list[ThreadItem]:
        return [t.need for t in self.threads if not t.linked]


# --------------------------------------------------------------------------- words


def _stem(word: str) -> str:
    """A crude stem so that "reads", "reading" and "read" meet; explainable, not clever."""
    word = word.removesuffix("'s")
    for suffix in ("ing", "ies", "es", "ed", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            stem = word[: -len(suffix)]
            return stem + "y" if suffix == "ies" else stem
    return word


def content_words(text: str, ignore: Iterable[str] = ()) -> dict[str, str]:
    """Content words of ``text`` as ``{stem: first form written}``.

    Grammar words, plan vocabulary (:data:`STOP_WORDS`), words under four letters
    and ``ignore`` (the child's names, which every sentence shares) are left out.
    """
    skip = {w.lower() for w in ignore}
    out: dict[str, str] = {}
    for word in _WORD.findall(text.lower()):
        if len(word) < 4 or word in STOP_WORDS or word in skip:
            continue
        stem = _stem(word)
        if stem in STOP_WORDS or stem in skip:
            continue
        out.setdefault(stem, word)
    return out


# --------------------------------------------------------------------------- items


def _items(plan: Plan, keys: Sequence[str]) -> list[ThreadItem]:
    """Content of the given sections, one item per paragraph, list item or table row."""
    items: list[ThreadItem] = []
    for section in plan.sections:
        if section.key not in keys:
            continue
        for block in section.content_blocks():
            items.extend(_block_items(section.key, block))
    return [i for i in items if len(i.text.split()) >= MIN_ITEM_WORDS]


def _block_items(key: str, block: Block) -> list[ThreadItem]:
    if block.kind is BlockKind.TABLE and block.table is not None:
        return [
            ThreadItem(
                section=key,
                text=row.text,
                location=row.location,
                area_of_need=block.area_of_need,
                link=block.link,
            )
            for row in block.table.rows
            if row.text.strip()
        ]
    if not block.text.strip():
        return []
    return [
        ThreadItem(
            section=key,
            text=block.text,
            location=block.location,
            area_of_need=block.area_of_need,
            link=block.link,
        )
    ]


# --------------------------------------------------------------------------- linking


def _link(
    need: ThreadItem,
    candidates: Sequence[ThreadItem],
    words: dict[int, dict[str, str]],
    need_words: dict[str, str],
) -> list[ThreadLink]:
    """Link one need to candidates of one kind: same row, else same area, else shared words."""
    if need.link is not None:
        same_row = [c for c in candidates if c.link == need.link]
        if same_row:
            return [ThreadLink(item=c, how="same row", reason="the same table row") for c in same_row]
    if need.area_of_need is not None:
        same_area = [c for c in candidates if c.area_of_need == need.area_of_need]
        if same_area:
            reason = f"the same area of need ({need.area_of_need.value})"
            return [ThreadLink(item=c, how="same area of need", reason=reason) for c in same_area]
    scored: list[tuple[int, int, list[str]]] = []
    for index, candidate in enumerate(candidates):
        shared = [form for stem, form in need_words.items() if stem in words[id(candidate)]]
        if len(shared) >= MIN_SHARED_WORDS:
            scored.append((len(shared), index, shared))
    if not scored:
        return []
    best = max(count for count, _, _ in scored)
    chosen = sorted((s for s in scored if s[0] == best), key=lambda s: s[1])[:MAX_WORD_LINKS]
    return [
        ThreadLink(
            item=candidates[index],
            how="shared words",
            reason=f"{len(shared)} shared words ({', '.join(shared)})",
            shared_words=shared,
        )
        for _, index, shared in chosen
    ]


def follow_golden_thread(plan: Plan) -> GoldenThread:
    """Link every need in B, C and D to outcomes in E and provision in F, G, H1/H2."""
    names = [n for n in (plan.metadata.child_name, plan.metadata.preferred_name) if n]
    ignore = {w.lower() for n in names for w in re.findall(r"[A-Za-z'-]+", n)}
    needs = _items(plan, NEED_SECTIONS)
    outcomes = _items(plan, OUTCOME_SECTIONS)
    provisions = _items(plan, ALL_PROVISION)
    words = {id(item): content_words(item.text, ignore) for item in [*needs, *outcomes, *provisions]}
    threads: list[NeedThread] = []
    used_provision: set[int] = set()
    for need in needs:
        wanted = PROVISION_FOR.get(need.section, ALL_PROVISION)
        own_provision = [p for p in provisions if p.section in wanted]
        need_words = words[id(need)]
        thread = NeedThread(
            need=need,
            outcomes=_link(need, outcomes, words, need_words),
            provision=_link(need, own_provision, words, need_words),
        )
        used_provision.update(id(link.item) for link in thread.provision)
        threads.append(thread)
    return GoldenThread(
        threads=threads,
        unlinked_provision=[p for p in provisions if id(p) not in used_provision],
    )
