"""NED001 diagnostic-need: a need described by its diagnostic label, not by its impact.

A label (from ``rules/lexicons/diagnoses.toml``) is fine when the same sentence,
the next sentence, or the next item or cell says what it means for the child:
what they can and cannot do, what they find hard, how it shows and how it
affects learning or daily life.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ehcp_lint.checks._text import find_terms, lexicon_patterns, sentence_spans, unit_index
from ehcp_lint.engine.rule import Example, Hit, Rule, RuleContext, RuleDoc, Scope, TextUnit
from ehcp_lint.report import Severity

#: Wording that describes function: abilities, difficulties, behaviour, effect on learning.
FUNCTIONAL_RE = re.compile(
    r"\b(?:finds?|found|finding) (?:it )?(?:hard|difficult|easier|harder|tricky|challenging|tiring|painful)"
    r"|\b(?:he|she|they|[A-Z][a-z]+) finds\b"
    r"|\b(?:can|cannot|can't|could not|couldn't|is able to|are able to|is unable to|unable to|able to|not yet able"
    r"|does not yet|doesn't yet|has not yet|not yet)\b"
    r"|\bstruggl(?:es?|ing|ed) (?:to|with)\b"
    r"|\bneeds? (?:an? |help|support|adult|reminders?|prompts?|extra|more|to|time|someone|two|three|visual|pictures?)"
    r"|\brequires?\b|\brelies\b|\bdepends on\b"
    r"|\b(?:this|which|it|that) (?:means|affects|impacts|makes|causes|leads|results|limits|stops|prevents|leaves)\b"
    r"|\b(?:affect(?:s|ing)?|impact(?:s|ing)?(?: on)?|imped(?:es|ing)|hinder(?:s|ing)|limit(?:s|ing)|prevent(?:s|ing)"
    r"|mak(?:es|ing) it|caus(?:es|ing)|result(?:s|ing) in|lead(?:s|ing) to)\b"
    r"|\bso (?:that )?(?:he|she|they|[A-Z][a-z]+)\b"
    r"|\b(?:difficulty|difficulties|delay|delays|weakness|weaknesses) (?:with|in|to|when|following|understanding|"
    r"reading|writing|speaking|walking)\b"
    r"|\bwhen (?:he|she|they|[A-Z][a-z]+) (?:is|are|gets|becomes|feels|has|hears|sees)\b"
    r"|\b(?:he|she|they) (?:reads?|writes?|walks?|talks?|speaks?|uses?|follows?|becomes?|gets?|avoids?|hides?|runs?"
    r"|shouts?|covers?|rocks?|tires?|loses?|forgets?|misses|relies|takes?|chews?|cries|communicates?|understands?"
    r"|sleeps?|wakes?|eats?|drinks?|manages?|copes?|learns?|remembers?|answers?|asks?|joins?|plays?|moves?|sits?"
    r"|stands?|stays?|tells?|says?|shows?|wears?|sees?|hears?|responds?|reacts?|settles?|leaves?|arrives?|whispers?"
    r"|signs?|points?|lip-?reads?|has (?:short|long|frequent|daily|several|tonic|absence|focal)|is (?:tired|slow|anxious|"
    r"upset|distressed|confused|sleepy|exhausted|in pain|sore|breathless|frightened|overwhelmed|withdrawn|quiet|"
    r"dysregulated|at risk|likely))\b"
    r"|\b(?:seizures?|absences|meltdowns?|outbursts?|incidents?|responses|episodes|flare-?ups?)\b"
    r"|\b(?:sensitiv(?:e|ity) to|hypersensitiv\w*|hyposensitiv\w*|seeks?|seeking|avoids?|avoidance of)\b"
    r"|\b(?:behind|below (?:the level|age|expected)|above (?:age|expected)|reading age|centile|percentile)\b"
    r"|\b(?:poor|limited|reduced|slow|weak|low) (?:\w+ )?(?:grip|handwriting|balance|stamina|coordination|"
    r"concentration|attention|memory|processing|understanding|vocabulary|speech|mobility|vision|hearing|tone)\b"
    # "Her fingers tire after ten minutes", "her writing becomes hard to read"
    r"|\b(?:his|her|their) (?:\w+ ){0,2}(?:tires?|tired|hurts?|aches?|becomes?|gets?|slows?|shakes?|drifts?)\b"
    r"|\b(?:becomes?|gets?|is|are) (?:too )?(?:hard|difficult|harder|slow|slower|messy) to\b"
    r"|\bpain(?:ful)?\b|\bfatigue\b|\btire[sd]?\b|\bwalking frame\b|\bwheelchair\b|\bhearing aids?\b|\bglasses\b"
    r"|\b(?:carries|wears|must|inhaler|insulin|auto-?injectors?|medication at|(?:care|health ?care|epilepsy|asthma"
    r"|allergy|diabetes|feeding|moving and handling) plan)\b",
    re.IGNORECASE,
)

#: "has a diagnosis of", "presents with": the label verb joins the label in the flagged words.
_LIST_JOIN = re.compile(r"^[\s,;/&]*(?:and|or|with|plus|,|/|&)?[\s,;/&]*(?:an? |the )?$", re.IGNORECASE)


#: Label verbs that name a diagnosis by themselves ("diagnosed with", "a diagnosis of"); the
#: others ("presents with", "suffers from") only count next to a listed label.
_DIAGNOSIS_WORD = re.compile(r"diagnos|assessment|pathway", re.IGNORECASE)


#: A label naming a service, not the child's condition: "the autism outreach team".
_SERVICE_AFTER = re.compile(
    r"\s*(?:-\s*)?(?:team|service|outreach|advisory|adviser|advisor|teacher|specialist|base|unit|resource"
    r"|champion|training|awareness|friendly|charity|society|support group|nurse|clinic|hub|lead)\b",
    re.IGNORECASE,
)
#: Someone else's diagnosis ("his brother is autistic", "Mum has multiple sclerosis").
_FAMILY_BEFORE = re.compile(
    r"\b(?:mum|mother|dad|father|parents?|carers?|brother|sister|siblings?|grand(?:mother|father|parents?|ma|pa)"
    r"|aunt|uncle|cousin)(?:'s|s')?\b[^.;]{0,40}$",
    re.IGNORECASE,
)
#: "does not have a diagnosis", "ADHD has been ruled out".
_NEGATED = re.compile(
    r"\b(?:no|not|without|never had)\s+(?:a\s+|any\s+)?(?:formal\s+|medical\s+)?diagnos|\bruled out\b",
    re.IGNORECASE,
)


def _label_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    labels = [
        (s, e)
        for s, e in find_terms(lexicon_patterns("diagnoses", "labels"), text, start, end)
        if not _SERVICE_AFTER.match(text, e) and not _FAMILY_BEFORE.search(text, start, s)
    ]
    verbs = [
        v
        for v in find_terms(lexicon_patterns("diagnoses", "label_verbs"), text, start, end)
        if not any(ls < v[1] and v[0] < le for ls, le in labels)
    ]
    if not labels:
        verbs = [v for v in verbs if _DIAGNOSIS_WORD.search(text[v[0] : v[1]])]
    return sorted(labels + verbs)


def _merge(text: str, spans: Sequence[tuple[int, int]]) -> tuple[int, int]:
    """One span from the first label to the last one that continues the same list."""
    first_start, last_end = spans[0]
    for s, e in spans[1:]:
        gap = text[last_end:s]
        if len(gap) > 40 or not _LIST_JOIN.match(gap.replace(" a ", " ")):
            break
        last_end = e
    return first_start, last_end


def _next_texts(unit: TextUnit, ctx: RuleContext) -> list[str]:
    """What a reader sees next: the other cells of the row, or the next item of the section."""
    if unit.row is not None:
        return [c.text for c in unit.row.cells if c is not unit.cell]
    index = unit_index(ctx, unit)
    if index is None:
        return []
    for later in ctx.units[index + 1 :]:
        if later.section is not unit.section:
            return []
        if later.kind in ("paragraph", "list_item"):
            return [later.text]
        if later.kind == "heading":
            return []
    return []


class DiagnosticNeed(Rule):
    code = "NED001"
    name = "diagnostic-need"
    category = "diagnostic-need"
    severity = Severity.WARNING
    scope = Scope(
        level="block",
        sections=("B", "C", "D"),
        kinds=("paragraph", "list_item", "table_cell"),
    )
    doc = RuleDoc(
        summary="A need described by a diagnostic label without what the child can and cannot do.",
        why=(
            "Sections B, C and D must describe each need, not name a condition: two children with "
            "the same diagnosis need different provision. The Code of Practice asks for needs to "
            "be described by their effect on the child's learning and daily life, because a "
            "label alone cannot be matched to provision or outcomes. A label followed in the same "
            "or the next sentence by what it means for the child is fine."
        ),
        source="SEND Code of Practice 0-25 (2015) 9.61 and 9.69; SEND Regulations 2014 reg. 12(1)(b)",
        poor=Example(section="B", text="Amira has ASD and ADHD. She is dyslexic."),
        better=Example(
            section="B",
            text=(
                "Amira has a diagnosis of autism. She finds it hard to follow spoken instructions "
                "longer than two steps and loses track of a task after about five minutes."
            ),
        ),
    )

    def check_unit(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Hit]:
        text = unit.text
        sentences = sentence_spans(unit)
        for i, (s0, s1) in enumerate(sentences):
            spans = _label_spans(text, s0, s1)
            if not spans or _NEGATED.search(text, s0, s1):
                continue
            if FUNCTIONAL_RE.search(text, s0, s1):
                continue
            if i > 0 and FUNCTIONAL_RE.search(text, *sentences[i - 1]):
                continue  # "He cannot yet tie laces. This is because of his dyspraxia."
            if i + 1 < len(sentences):
                n0, n1 = sentences[i + 1]
                if FUNCTIONAL_RE.search(text, n0, n1):
                    continue
            elif any(FUNCTIONAL_RE.search(t) for t in _next_texts(unit, ctx)):
                continue
            start, end = _merge(text, spans)
            match = text[start:end]
            yield Hit(
                message=(
                    f"'{match}' names a diagnosis without saying what the child can and cannot do "
                    "or how it affects learning and daily life."
                ),
                suggestion=(
                    "Keep the diagnosis if it helps, then describe its impact: what the child "
                    "finds hard, what they can do and how it shows in school and at home (e.g. "
                    "'finds it hard to follow spoken instructions longer than two steps')."
                ),
                start=start,
                end=end,
            )
