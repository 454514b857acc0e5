"""Which block rules to call for a unit, from the literals one scan found in its text.

A plan has about a thousand units and about twenty block rules, most of them in
scope of most units, but a rule with a prefilter (:meth:`Rule.unit_prefilter`)
can only flag a unit that holds one of its literals, and most units hold the
literals of only a few rules. Asking each rule in turn ("are any of your
literals in this text?") was one set intersection per (unit x rule), about
12,000 a plan, nearly all answered "no".

So the question is turned round. Each rule with a prefilter gets one bit; each
registered literal maps to the bits of the rules that require it. A unit's scan
(:func:`~ehcp_lint.engine.prefilter.text_literals`) gives its literals, their
bits are OR-ed once (remembered per set of literals found) and, per (kind,
section), the rules to call for that combination are worked out once, in the
rules' own order. Rules without a prefilter are always called.

Exact in the direction that matters: a rule is skipped only when none of its
literals is in the text, which is exactly when its prefilter says no
(:meth:`TextLiterals.admits`). A text that must not be prefiltered (a cased
accented letter) calls every rule in scope; a prefilter registered after the
scanner was built (a lexicon list read lazily half-way through a plan) has no
bit and is asked itself, as before.
"""

from __future__ import annotations

from collections.abc import Sequence

from ehcp_lint.engine.prefilter import Prefilter, TextLiterals, text_literals
from ehcp_lint.engine.rule import Rule, TextUnit

#: A rule in scope of a unit: its bit (0 when the scan does not answer for it) and prefilter.
_Entry = tuple[Rule, int, Prefilter | None]


def in_scope(rule: Rule, kind: str, section_key: str | None) -> bool:
    """Whether ``rule`` reads a unit of ``kind`` in section ``section_key`` (None: front matter)."""
    scope = rule.scope
    if kind not in scope.kinds:
        return False
    if section_key is None:
        return scope.include_front_matter
    return scope.sections is None or section_key in scope.sections


class _Scope:
    """The block rules reading units of one (kind, section), and the choice of them per literal mask."""

    __slots__ = ("_chosen", "entries", "mask", "prefiltered", "rules")

    def __init__(self, entries: list[_Entry]) -> None:
        self.entries = entries
        #: Every rule in scope, in order: called for a text that cannot be prefiltered.
        self.rules = [rule for rule, _, _ in entries]
        #: The bits of the rules here that the scan answers for.
        self.mask = 0
        for _, bit, _ in entries:
            self.mask |= bit
        #: Whether any rule here has a prefilter at all (else every rule is always called).
        self.prefiltered = any(prefilter is not None for _, _, prefilter in entries)
        self._chosen: dict[int, tuple[list[Rule], list[_Entry] | None]] = {}

    def chosen(self, present_mask: int) -> tuple[list[Rule], list[_Entry] | None]:
        """The rules to call when the text's literals give ``present_mask``: those without a
        bit (no prefilter, or one the scan does not cover) and those whose bit is present.
        The entries come back too when one of them must still ask its own prefilter."""
        key = present_mask & self.mask
        found = self._chosen.get(key)
        if found is None:
            entries = [e for e in self.entries if not e[1] or e[1] & key]
            ask = any(not bit and prefilter is not None for _, bit, prefilter in entries)
            found = self._chosen[key] = ([e[0] for e in entries], entries if ask else None)
        return found


class Dispatch:
    """The block rules to call per unit for one list of rules and one scanner generation.

    Built once per (rules, generation) by the runner and reused plan after plan:
    everything in it depends on the rules and their literals, never on a plan.
    """

    #: Sets of literals found remembered with their rule bits (a plan has a few hundred).
    MAX_MASKS = 4096

    def __init__(self, rules: Sequence[Rule], generation: int) -> None:
        self.generation = generation
        self._entries: list[_Entry] = []
        #: literal -> bits of the rules whose prefilter holds it
        self._bits: dict[str, int] = {}
        for rule in rules:
            prefilter = rule.unit_prefilter()
            bit = 0
            if prefilter is not None and prefilter.generation <= generation:
                bit = 1 << len(self._entries)
                for literal in prefilter.literals:
                    self._bits[literal] = self._bits.get(literal, 0) | bit
            self._entries.append((rule, bit, prefilter))
        self._scopes: dict[tuple[str, str | None], _Scope] = {}
        self._masks: dict[tuple[str, ...], int] = {}

    def scope(self, unit: TextUnit) -> _Scope | None:
        """The rules reading ``unit``'s kind in its section (None when no rule does)."""
        key = (unit.kind, unit.section_key)
        try:
            return self._scopes[key]
        except KeyError:
            pass
        entries = [e for e in self._entries if in_scope(e[0], key[0], key[1])]
        found = self._scopes[key] = _Scope(entries)
        return found if entries else None

    def rules_for(self, unit: TextUnit, scope: _Scope) -> Sequence[Rule]:
        """The rules of ``scope`` that may flag ``unit``, in order (a rule left out cannot)."""
        if not scope.prefiltered:
            return scope.rules
        present = text_literals(unit.text)  # one scan, remembered for the rules that read it too
        if present is None or present.generation != self.generation:
            return self._asked_one_by_one(scope, present)
        mask = self._masks.get(present.found)
        if mask is None:
            mask = 0
            bits = self._bits
            for literal in present.found:
                mask |= bits.get(literal, 0)
            if len(self._masks) >= self.MAX_MASKS:
                self._masks.clear()
            self._masks[present.found] = mask
        rules, ask = scope.chosen(mask)
        if ask is None:
            return rules
        return [rule for rule, bit, prefilter in ask if bit or _admits(present, prefilter)]

    @staticmethod
    def _asked_one_by_one(scope: _Scope, present: TextLiterals | None) -> list[Rule]:
        if present is None:
            return scope.rules
        return [rule for rule, _, prefilter in scope.entries if _admits(present, prefilter)]


def _admits(present: TextLiterals, prefilter: Prefilter | None) -> bool:
    return prefilter is None or present.admits(prefilter)


__all__ = ["Dispatch", "in_scope"]
