"""PRV102 provision-outside-provision-sections: specified provision written only in A, B or E."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from ehcp_lint import lexicons
from ehcp_lint.checks._plan_text import Terms, blank_placeholders, reading_units, sentence_spans
from ehcp_lint.checks._provision import has_frequency
from ehcp_lint.engine.rule import Example, Hit, Rule, RuleContext, RuleDoc, Scope
from ehcp_lint.model import Plan
from ehcp_lint.report import Severity

#: Provision roles that are family members or too general to name a provider.
_NOT_PROVIDERS = frozenset(
    {
        "parent", "parents", "mum", "dad", "carer", "carers", "foster carer", "foster carers", "worker",
        "workers", "practitioner", "practitioners", "coach", "instructor", "tutor", "PA", "GP",
        "consultant", "doctor",
    }
)
_VERBS = (
    r"(?:deliver|run|provide|work|teach|see|support|lead|implement|carry\s+out|offer|give|meet|model|"
    r"visit|train|read|practise|practice|spend|check)\w*"
)
_WILL = r"(?:will|shall|must|is\s+to|are\s+to)"
_RECEIVES = re.compile(
    r"\bwill\s+(?:continue\s+to\s+)?(?:receive|have|be\s+given|be\s+provided\s+with|get|be\s+offered)\b", re.I
)
_WISH = re.compile(r"\b(?:would\s+like|hope|hopes|wish|wishes|want|wants|would\s+benefit|could|might)\b", re.I)

_POOR = """# Section E: Outcomes
- By July 2027 Finley will read 100 common words. A teaching assistant will deliver a 20-minute phonics session with Finley every day.
# Section F: Special educational provision
Finley will be taught in a class of 30 with differentiated work.
"""

_BETTER = """# Section E: Outcomes
- By July 2027 Finley will read 100 common words on sight.
# Section F: Special educational provision
A teaching assistant will deliver a 20-minute phonics session with Finley every day.
"""


@cache
def _providers() -> Terms:
    return Terms(w for w in lexicons.words("provision", "roles") if w not in _NOT_PROVIDERS)


@cache
def _role_first() -> re.Pattern[str]:
    roles = _providers().regex.pattern
    return re.compile(rf"{roles}\s+{_WILL}\s+(?:\w+\s+){{0,2}}?{_VERBS}\b", re.I)


def _norm(role: str) -> str:
    return " ".join(role.lower().split())


def _named_in_provision(ctx: RuleContext, providers: Terms) -> set[str]:
    """The providers the provision sections name (read as one text, as a reader would)."""
    provision_text = " ".join(
        blank_placeholders(u.text) for u in reading_units(ctx, ("F", "G", "H1", "H2", "H"))
    )
    return {_norm(h.text) for h in providers.finditer(provision_text)}


class ProvisionOutsideProvisionSections(Rule):
    code = "PRV102"
    name = "provision-outside-provision-sections"
    category = "provision-in-wrong-section"
    severity = Severity.WARNING
    scope = Scope(level="plan")
    doc = RuleDoc(
        summary="Provision saying who, how often and what is written in A, B or E but not in F.",
        why=(
            "Only provision specified in Section F (and G, H1, H2) is secured by the plan: the "
            "local authority's duty in s.42 of the Children and Families Act 2014 attaches to F. "
            "Support described in the views, the needs or the outcomes cannot be enforced, and "
            "an outcome that is really provision in disguise measures nothing (SEND Code of "
            "Practice 9.64-9.69)."
        ),
        source="Children and Families Act 2014 s.42; SEND Code of Practice 0-25 (2015) 9.62, 9.64-9.69",
        poor=Example(plan=_POOR),
        better=Example(plan=_BETTER),
    )

    def check_plan(self, plan: Plan, ctx: RuleContext) -> Iterable[Hit]:
        providers = _providers()
        in_provision: set[str] | None = None  # worked out for the first sentence that needs it
        role_first = _role_first()
        for unit in reading_units(ctx, ("A", "B", "E")):
            text = blank_placeholders(unit.text)
            if not providers.occurs_in(text):
                continue  # no sentence of it names a provider
            for s, e in sentence_spans(text):
                sentence = text[s:e]
                # Cheapest and rarest questions first: few sentences name a provider at all.
                if providers.search(sentence) is None or _WISH.search(sentence) or not has_frequency(sentence):
                    continue
                if not (role_first.search(sentence) or _RECEIVES.search(sentence)):
                    continue
                if in_provision is None:
                    in_provision = _named_in_provision(ctx, providers)
                roles = list(providers.finditer(sentence))
                if any(_norm(r.text) in in_provision for r in roles):
                    continue
                section = unit.section_key
                yield Hit(
                    unit=unit,
                    start=s,
                    end=e,
                    message=(
                        f"Section {section} sets out provision ({roles[0].text}, how often, what) "
                        "that is not specified in Section F."
                    ),
                    suggestion=(
                        "Move this provision to Section F (or G/H for health or social care), where "
                        "it can be enforced; in Section "
                        f"{section} keep only {'the outcome it leads to' if section == 'E' else 'the need or view it answers'}."
                    ),
                )
