"""Is a Section E line an outcome, and does it have a time frame and an observable measure?

Shared by OUT001 (no time frame) and OUT002 (no observable measure). Kept apart
from :mod:`ehcp_lint.checks._outcomes`, which reads E as a whole for the
plan-level outcome rules.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

from ehcp_lint.checks._deferred import deferred
from ehcp_lint.checks._text import (
    PLACEHOLDER_RE,
    may_hold_placeholder,
    strip_placeholders,
    unit_index,
)
from ehcp_lint.engine.rule import RuleContext, TextUnit

_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)"
)
_NUM = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty-four)"

#: "By the end of Year 6", "by July 2027", "within 12 months", "by the next annual review".
TIME_FRAME_RE = deferred(
    r"\b(?:by|before|until|at|for) (?:the )?(?:end|close|start|beginning) of\b"
    r"|\bby (?:the )?(?:next|first|second|third|following|annual|end|time|age|summer|spring|autumn|christmas"
    r"|easter|half[- ]term|year|key stage|ks\d|reception|nursery|transition|september|" + _MONTH + r")\b"
    r"|\b(?:by|before|in|from) " + _MONTH + r"\b"
    r"|\b(?:by|before|in) (?:20\d\d|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})\b"
    r"|\b(?:within|in|over|during|after) (?:the )?(?:next |coming |following |first |his |her |their )?"
    r"(?:" + _NUM + r"|a|an|one|two|several|few)?\s*(?:\w+ )?(?:weeks?|months?|terms?|half[- ]terms?|years?"
    r"|academic years?|school years?|key stages?)\b"
    r"|\b(?:within|in|over|during|by) (?:the )?(?:next |current |this |coming )?(?:academic year|school year"
    r"|key stage|term|year|phase|placement)\b"
    r"|\b(?:at|by|before) (?:the |his |her |their )?(?:next |first )?(?:annual )?review\b"
    r"|\b(?:when|before|by the time) (?:he|she|they|[A-Z][a-z]+) (?:leaves?|moves?|transfers?|starts?|turns?"
    r"|(?:is|are) (?:\d+|" + _NUM + r"))\b"
    # "by her third birthday", "before Sam's fifth birthday" (seventh held-out set)
    r"|\b(?:by|before|on) (?:his|her|their|[A-Z][a-z]+'s) (?:\w+ )?birthday\b"
    r"|\bby (?:the )?age (?:of )?\d+\b|\bby \d+ years? old\b"
    r"|\b(?:end of|by|in|during|before) (?:year|yr|y) ?\d+\b|\bend of (?:ks|key stage) ?\d\b"
    r"|\b20\d\d\b",
    re.IGNORECASE,
)

#: An observable measure: a number, a criterion, a record, independence.
MEASURE_RE = deferred(
    r"\d"
    r"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty"
    r"|hundred)\b"
    r"|\b(?:every|each)\s+(?:school\s+)?(?:day|time|lesson|week|morning|afternoon|evening|session|meal|journey"
    r"|weekday|night|break|lunchtime)\b|\bfirst time\b"
    r"|\bout of\b|%|\bper ?cent\b"
    r"|\bindependently\b|\bon (?:his|her|their) own\b|\bby (?:himself|herself|themselves)\b|\bunaided\b"
    r"|\bwithout (?:an? |any |adult |further )?(?:adult |verbal |physical |visual )?(?:help|support|prompts?"
    r"|prompting|reminders?|a reminder|assistance|being asked)\b"
    r"|\b(?:as |when )?(?:recorded|measured|evidenced|observed|logged|assessed|checked|shown|tracked|reported)"
    r"(?: by| in| on| through)?\b"
    r"|\baccuracy\b|\bscore\b|\bconsecutive\b|\boccasions?\b|\bin a row\b",
    re.IGNORECASE,
)

#: Lines in Section E that are not outcomes: headings, labels, column titles, lead-ins.
_NOT_OUTCOME = deferred(
    r"^\W*(?:(?:long|short|medium)[- ]term (?:outcomes?|targets?|goals?|steps?)|outcomes?(?: for\b.*)?|targets?"
    r"|steps? towards\b.*|aspirations?|e\s*[-–:]\s*outcomes?|section e\b.*|intended outcomes?|none|n/?a)\W*$",
    re.IGNORECASE,
)
_AREA = deferred(
    r"^\W*(?:communication and interaction|cognition and learning|social,? emotional and mental health"
    r"(?: difficulties)?|sensory and/or physical(?: needs)?|sensory and physical(?: needs)?|physical and sensory"
    r"|preparing for adulthood|employment|independent living|community (?:inclusion|participation)"
    r"|health(?: and wellbeing)?|friends,? relationships and community|education|social care)\W*$",
    re.IGNORECASE,
)
#: What an outcome sounds like: something the child will do or be able to do; or an outcome
#: written as a fragment that opens on what should change ("Continue to develop ...", "Improve
#: her reading ...", "Increase his confidence ...").
_OUTCOME_SHAPE = deferred(
    r"\bwill\b|\bto be able to\b|\bable to\b|^\W*(?:for \w+ )?to \w+|\bcan\b|\bshould\b"
    # "Ben to be more independent", "Amira to read ...": the child's name, then "to" and a verb
    # (eleventh held-out set); "Access to the nurse" and "Transition to Year 7" are not outcomes.
    r"|^\W*(?:(?:by|before|within|in|at|over) [^,]{1,40},\s*)?(?-i:[A-Z][a-z]+) to (?:be|become|have|use|show|make|take|read|write|say|tell|ask|follow"
    r"|manage|recognise|identify|name|choose|join|complete|count|spell|walk|travel|dress|eat|drink|wash"
    r"|communicate|request|share|wait|play|sit|stay|attend|arrive|move|cope|engage|participate|get|learn"
    r"|know|understand|improve|develop|increase|build|extend|gain|achieve|continue|maintain|reduce|apply"
    r"|regulate|respond|answer|listen|speak|sign|point|explain|describe|ask|greet|initiate|work|try)\b"
    r"|^\W*(?:continues? to|improve|develop|increase|build|extend|strengthen|make progress|become more"
    r"|be more|gain|achieve)\s+\w+",
    re.IGNORECASE,
)
#: An outcome written as a bare-verb fragment, with no subject and no "will": "Understand his
#: emotions.", "Improve reading.", "Make friends.", "Manage his anxiety." (fourteenth held-out set).
#: Only verbs that do not also open a theme label or a template's guidance in E ("Travel training",
#: "Play skills", "Work experience", "Form tutor's record", "Use the boxes below", "Complete this
#: table", "Read alongside Section F"); a heading ("Communication and interaction", "Keeping safe")
#: opens on no verb.
_FRAGMENT = deferred(
    r"^\W*(?:improve|develop|increase|build|extend|strengthen|gain|achieve|understand|recogni[sz]e"
    r"|manage|learn|know|make|reduce|maintain|identify|express|regulate|communicate|follow|tolerate"
    r"|engage|participate|cope|speak|listen|share|ask|request|count|dress|attend|tell|say|sit|wait"
    r"|join|become|be|read(?! alongside| in conjunction| with section))\s+\w+",
    re.IGNORECASE,
)
#: A date whose day, month or year was never filled in ("XX/XX/2027", "3.xx.2026", "__/__/2027"): it gives no
#: time frame, even though a year may be written.
_PLACEHOLDER_DATE = deferred(
    r"\b(?=[\d/.\-]{0,6}x)(?:x{1,2}|\d{1,2})[/.\-](?:x{1,2}|\d{1,2})[/.\-](?:x{2,4}|\d{2}|\d{4})\b"
    r"|(?<!\w)(?=[\d/.\-]{0,6}_)(?:_{1,2}|\d{1,2})[/.\-](?:_{1,2}|\d{1,2})[/.\-](?:_{2,4}|\d{2}|\d{4})\b",
    re.IGNORECASE,
)
#: Numbers that belong to the calendar ("Year 9", "Key Stage 2", "2027"), not to a measure.
_CALENDAR_RE = deferred(
    r"\b(?:year|yr|y|key stage|ks|age|aged|term|the)\s*\d+\b|\b20\d\d\b|\b\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH + r"\b",
    re.IGNORECASE,
)
_TIME_HEADER = deferred(r"by when|when|timescale|time ?frame|target date|date|deadline|review", re.I)
_MEASURE_HEADER = deferred(
    r"measure|how will (?:we|you) know|how (?:we|you|they) will know|evidence|success|criteria|monitor"
    r"|what (?:we|you) will see|how (?:progress|this) will be (?:checked|measured|recorded)",
    re.I,
)


#: Notes about the outcomes rather than outcomes: "These outcomes will be reviewed at each annual
#: review", "The outcomes below were agreed with Nia and her mother".
_ABOUT_OUTCOMES = deferred(
    r"^\W*(?:the|these|all|her|his|their|each of the|progress (?:towards|against)(?: the| these| her| his)?)\s+"
    r"(?:\w+\s+)?(?:outcomes?|targets?|goals?)\b(?:\s+(?:below|above))?\s+(?:will be|are|is|were|was|have been|has been)"
    r"\s+(?:\w+\s+)?(?:reviewed|monitored|checked|agreed|set|written|discussed|updated|measured|tracked|recorded)\b",
    re.IGNORECASE,
)


#: The first words a template prompt or guidance line opens on: most outcomes open on none of
#: them ("By July 2027, ...", "Ali will ..."), so their sentences are never split and read.
_GUIDANCE_OPENERS = frozenset(
    {"please", "insert", "enter", "add", "type", "write", "record", "describe", "state", "list", "set",
     "the", "all", "each", "outcome", "outcomes", "target", "targets", "this", "guidance", "note", "notes",
     "instruction", "instructions", "delete", "remove"}
)
#: A sentence written to the plan writer, not about the child: a prompt ("Insert outcome here.",
#: "Enter the long-term outcomes below.") or guidance ("Outcomes should be SMART and linked to the
#: needs in Section B.", "This section must ...", "Delete this guidance before issuing.").
_GUIDANCE_SENTENCE = deferred(
    r"^\W*(?:please\s+)?(?:insert|enter|add|type|write|record|describe|state|list|set out)\s+"
    r"(?:the\s+|an?\s+|your\s+|each\s+|all\s+|any\s+)?(?:(?:long|short|medium)[- ]term\s+)?"
    r"(?:outcomes?|targets?|goals?|aspirations?|text|details|steps?)\b[^.]*\.?\W*$"
    r"|^\W*(?:the\s+|all\s+|each\s+)?(?:outcomes?|targets?)\s+(?:should|must|need to|needs to)\s+"
    r"(?:be|link|relate|reflect|describe|say|state|cover|include)\b"
    r"|^\W*this (?:section|box|table|column|part)\s+(?:should|must|needs to|is to|is used|can be used)\b"
    r"|\b(?:delete|remove) (?:this|these|the) (?:guidance|notes?|text|prompts?|box|instructions?)\b"
    r"|\bbefore (?:issuing|the plan is issued)\b"
    r"|^\W*(?:guidance(?: notes?)?|notes? (?:to|for) (?:the )?writer|instructions?)\s*[:\-\u2013]",
    re.IGNORECASE,
)
_SENTENCE_END = deferred(r"(?<=[.!?])\s+")


def _only_guidance(content: str) -> bool:
    """Every sentence of the line is a template prompt or guidance to the writer.

    Such a block ("Insert outcome here. Outcomes should be SMART ...") is template residue, which
    the labelling conventions give placeholder-text only (eighteenth held-out set), like the
    all-placeholder outcome line that :func:`action_placeholder` recognises. A real outcome
    after the guidance keeps the line an outcome.
    """
    first = content.lstrip(" \t-\u2022*(\"'").split(" ", 1)[0].rstrip(":.,;-").lower()
    if first not in _GUIDANCE_OPENERS:
        return False
    sentences = [s for s in _SENTENCE_END.split(content) if s.strip(" .")]
    return bool(sentences) and all(_GUIDANCE_SENTENCE.search(s) is not None for s in sentences)


@lru_cache(maxsize=1024)
def is_outcome_text(text: str) -> bool:
    """A line that states an outcome (not a heading, label, lead-in, note or placeholder).

    Remembered per text (bounded): OUT001 and OUT002 both ask it of every line of E, and a
    plan's E repeats about half its texts (a one-cell row and its cell, recurring wordings).
    """
    content = strip_placeholders(text).strip()
    words = len(content.split())
    if words < 2 or content.endswith(":"):
        return False
    if words == 2:
        # "Improve reading.", "Make friends.": a two-word fragment is an outcome only as a
        # sentence opening on an outcome verb (a label such as "Independent living" is not)
        return content.endswith(".") and _FRAGMENT.match(content) is not None
    if _NOT_OUTCOME.match(content) or _AREA.match(content) or _ABOUT_OUTCOMES.match(content):
        return False
    if _only_guidance(content):
        return False
    return _OUTCOME_SHAPE.search(content) is not None or _FRAGMENT.match(content) is not None


#: An outcome whose action is a placeholder: "... Sana will Choose an item.", "... will [insert outcome]".
_ACTION_IS_PLACEHOLDER = deferred(
    r"\b(?:will|to)\s+(?P<hole>(?:" + PLACEHOLDER_RE.pattern + r")(?:\s*(?:" + PLACEHOLDER_RE.pattern + r"))*)\W*$",
    re.IGNORECASE,
)


def action_placeholder(text: str) -> tuple[int, int] | None:
    """Where the placeholder stands that should say what the child will do ("By July 2027, Evie
    will {{outcome_measure}}."), when there is real text before it; else None.

    With a real time frame such a line is a half-filled outcome and stays non-SMART (fourth and
    fifth held-out sets); with none ("Outcome: By [date], Ella will [outcome].") it is an unfilled
    template line, which the labelling conventions give placeholder-text only, so OUT001 and
    OUT002 say nothing (fourteenth held-out set)."""
    if not may_hold_placeholder(text):
        return None
    hole = _ACTION_IS_PLACEHOLDER.search(text)
    if hole is None or not strip_placeholders(text[: hole.start("hole")]).strip():
        return None
    return hole.span("hole")


def only_placeholder(text: str) -> bool:
    return not strip_placeholders(text).strip() or bool(PLACEHOLDER_RE.fullmatch(text.strip()))


def wholly_residue(unit: TextUnit, ctx: RuleContext) -> bool:
    """Whether the placeholder-text rules find the whole line to be template residue (an outcome
    line that is nothing but a prompt in angle brackets, found on the thirty-third held-out set).

    The conventions give such a block placeholder-text only, so an outcome check stands down, as
    PRV010 and the data rules do (``ctx.template_residue``). A short label before the residue
    ("Outcome 2:") is part of the template line. Ask it only of a line about to be reported: the
    spans are worked out once per unit and shared with :func:`residue_quantity`."""
    spans = ctx.template_residue(unit)
    if not spans:
        return False
    text = unit.text
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    left = "".join(chars).strip(" \t.,;-\u2013\u2022*\"'()")
    if not left:
        return True
    if left.endswith(":") and len(left.split()) <= 3:
        return True
    return _label_then_when(text, spans)


_STRIP = " \t.,;:-\u2013\u2022*\"'()"
#: The field's own name opening the line: "Outcome", "Outcome 2:", "Long-term outcomes".
_OUTCOME_LABEL = deferred(
    r"^(?:(?:long|short|medium)[- ]term\s+)?(?:outcomes?|targets?|goals?)(?:\s+(?:\d{1,2}|[a-h]))?\s*:?$",
    re.IGNORECASE,
)
#: When the missing outcome is to be written: "following the annual review", "after the
#: assessment", "once the new setting is named". One clause, no sentence after it.
_WHEN_WRITTEN = deferred(
    r"^(?:following|after|at|once|when|pending|until|before|by|in|during|with)\b[^.;:!?]{0,80}$",
    re.IGNORECASE,
)


def _label_then_when(text: str, spans: tuple[tuple[int, int], ...]) -> bool:
    """The outcome's label, the residue, then only when it is to be written: "Outcome to be
    completed following the review" leaves the field empty as "Outcome 2: TBC" does (found on the
    thirty-eighth held-out set), so it carries placeholder-text only. Anything but blanks between
    the residue spans, or a real outcome before them, keeps the line an outcome."""
    ordered = sorted(spans)
    if any(text[end:start].strip(_STRIP) for (_, end), (start, _) in pairwise(ordered)):
        return False
    label = text[: ordered[0][0]].strip(_STRIP)
    when = text[max(end for _, end in ordered) :].strip(_STRIP)
    return _OUTCOME_LABEL.match(label) is not None and (not when or _WHEN_WRITTEN.match(when) is not None)


def _row_column_answers(unit: TextUnit, header: re.Pattern[str], *, dated: bool = False) -> bool:
    """Another cell of the same table row, under a matching header, answers the question.

    With ``dated``, a cell holding template residue must still give a time frame once the
    residue is read as a hole ("XX/XX/2027", "July 20XX" answer nothing)."""
    if unit.row is None:
        return False
    for i, cell in enumerate(unit.row.cells):
        if cell is unit.cell:
            continue
        name = cell.column_name or (unit.header[i] if i < len(unit.header) else "")
        if name and header.search(name) and strip_placeholders(cell.text).strip():
            if dated and _may_hold_residue(cell.text) and not _states_time_frame("by " + cell.text):
                continue
            return True
    return False


_DATES_THE_WRITING = deferred(
    r"\b(?:agreed|written|set|updated|reviewed|amended|issued|drafted|discussed)\b", re.IGNORECASE
)


def _own_column(unit: TextUnit) -> str:
    """The name of the column a table cell sits in ("Outcomes by July 2027")."""
    if unit.row is None or unit.cell is None:
        return ""
    for i, cell in enumerate(unit.row.cells):
        if cell is unit.cell:
            return cell.column_name or (unit.header[i] if i < len(unit.header) else "")
    return ""


def _context_above(unit: TextUnit, ctx: RuleContext) -> str:
    """What a reader takes as said for an outcome from above it: the nearest sub-heading in
    Section E ("Outcomes to be achieved by July 2027", "Long-term outcome (by the end of Year
    11)") and, for a list item, the lead-in of its list ("By the end of Key Stage 2, Amy will:")."""
    index = unit_index(ctx, unit)
    if index is None:
        return ""
    found: list[str] = []
    in_list = unit.kind == "list_item"
    for j in range(index - 1, -1, -1):
        earlier = ctx.units[j]
        if earlier.section is not unit.section:
            break
        if earlier.kind == "heading":
            found.append(earlier.text)
            break
        if in_list and earlier.kind == "list_item":
            continue
        if in_list and earlier.kind == "paragraph" and earlier.text.rstrip().endswith(":"):
            found.append(earlier.text)
        in_list = False
    return "\n".join(found)


#: Template residue where a number or a date belongs: "XX", "X", "TBC", "TBA", "?", "___", "[ ]",
#: "[number]", "20XX". A placeholder standing in for a quantity or a date leaves the outcome
#: non-SMART (the labelling conventions; found on the ninth held-out set).
_RESIDUE_TOKEN = (
    r"(?:20[Xx]{2}|X{1,4}|x{2,4}|TB[CA]|tb[ca]|\?{1,3}|_{2,}"
    r"|\[\s*(?:[Xx]+|n|no\.?|num|number|amount|quantity|target|date|month|year|term|%|\d*)?\s*\])"
)
#: Cheap literals one of which every residue token holds.
_RESIDUE_CUES = ("X", "xx", "TB", "tb", "?", "__", "[")
#: A residue token where the measure's number goes: before a counted word, "%", "out of" or "/5"
#: ("read XX high-frequency words", "in X out of 5 sessions", "score ?% "), not before a little
#: word ("TBC by the review") or a span of time ("within XX months" is a missing time frame), and
#: not "Year X" (a year group, read as a time frame).
_PLACEHOLDER_QUANTITY = deferred(
    r"(?<![\w/.\-])(?<!year )(?<!Year )(?<!stage )(?<!Stage )" + _RESIDUE_TOKEN + r"(?![\w\-])"
    r"(?=\s*(?:%|per ?cent\b|out of\b|/\s*\d|(?!(?:by|at|in|on|and|or|the|to|with|for|from|when|if|as|is"
    r"|are|was|will|be|days?|weeks?|months?|terms?|half-terms?|years?)\b)[a-z][\w'-]*))"
)
#: A residue token straight after a time frame's words or inside them: "By the end of Year X",
#: "By July 20XX", "Within XX months", "by the end of [term]".
_RESIDUE_AFTER = deferred(r"\s*(?:(?:year|yr|term|key stage|ks|20)\s*)?" + _RESIDUE_TOKEN + r"(?![\w\-])", re.I)
_RESIDUE_INSIDE = deferred(r"(?<![\w/.\-])" + _RESIDUE_TOKEN + r"(?![\w\-])")
#: A residue token (or any short bracketed prompt) straight before a bare year: "By XX 2027",
#: "by [month] 2027", "By TBC 2027" leave the month unwritten, so the year alone is no time frame
#: (found on the thirteenth held-out set).
_RESIDUE_BEFORE_YEAR = deferred(
    r"(?:(?<![\w/.\-])" + _RESIDUE_TOKEN + r"|\[[^\[\]\n]{1,30}\])\s*,?\s*$"
)


def _may_hold_residue(text: str) -> bool:
    return any(cue in text for cue in _RESIDUE_CUES)


#: What a bracketed prompt or merge field says when it stands for a number: "[insert number]",
#: "{{target_count}}", "[no. of sessions]", "[how many]", "[X]", "{{accuracy}}" (found on the
#: twenty-eighth held-out set). A prompt for a name, a place or a date ("[name of club]",
#: "[insert date]") is not a quantity.
_NUMBER_PROMPT = deferred(
    r"(?<![a-z0-9])(?:numbers?|no|num|amount|quantity|how many|how much|x+|n|count|total|target|score"
    r"|accuracy|percent(?:age)?|per cent|frequency)(?![a-z0-9])|%",
    re.IGNORECASE,
)
#: After a residue span: the counted thing or a percentage ("[insert number] sessions",
#: "{{accuracy}}% accuracy", "[X] out of 5"), not a span of time ("within [number] weeks" is a
#: missing time frame, which OUT001 reports) nor a little word.
_COUNTED_AFTER = deferred(
    r"\s*(?:%|per ?cent\b|out of\b|/\s*\d|(?!(?:by|at|in|on|and|or|the|to|with|for|from|when|if|as|is"
    r"|are|was|will|be|days?|weeks?|months?|terms?|half-terms?|years?)\b)[a-z][\w'-]*)",
)
_SPAN_OF_TIME_AFTER = deferred(r"\s*(?:days?|weeks?|months?|terms?|half-terms?|years?)\b")
#: Openers of a bracketed prompt or a merge field; a text without any has no such residue.
_PROMPT_CUES = ("[", "{{", "\u00ab", "<<")


#: The word a measure's value follows: "grade [X]", "level XX", "a score of ?", "Stage [X] of the
#: scheme". Residue after it is the measure itself, whatever follows ("will achieve grade [X] in
#: English"; found on the thirty-seventh held-out set). "Key Stage X" and "Year X" are time frames.
_MEASURE_WORD = r"(?<![Kk]ey )\b(?:[Gg]rades?|[Ll]evels?|[Bb]ands?|[Ss]cores?(?: of)?|[Ss]tages?|[Ss]teps?)"
_MEASURE_HOLE = deferred(_MEASURE_WORD + r"\s+(?P<hole>" + _RESIDUE_TOKEN + r")(?![\w\-])")
#: The same word straight before a longer bracketed prompt: "grade [insert target grade]".
_MEASURE_WORD_BEFORE = deferred(_MEASURE_WORD + r"\s+$")


def placeholder_quantity(text: str) -> tuple[int, int] | None:
    """Where template residue stands for the measure's number ("will read XX words", "will
    achieve grade [X]"), if anywhere."""
    if not _may_hold_residue(text):
        return None
    m = _PLACEHOLDER_QUANTITY.search(text)
    if m is not None:
        return m.span()
    hole = _MEASURE_HOLE.search(text)
    return None if hole is None else hole.span("hole")


def residue_quantity(unit: TextUnit, ctx: RuleContext) -> tuple[int, int] | None:
    """Where template residue stands for the measure's number, by the short tokens of
    :func:`placeholder_quantity` ("XX words") or by a bracketed prompt or merge field the
    placeholder-text rules find ("for [insert number] sessions", "with {{accuracy}}% accuracy").

    The conventions say a placeholder standing in for a quantity leaves the outcome non-SMART as
    well as placeholder-text, whatever else the outcome measures. The residue spans are asked
    for only when the text holds a prompt's opener, so plans without residue pay nothing."""
    text = unit.text
    found = placeholder_quantity(text)
    if found is not None or not any(cue in text for cue in _PROMPT_CUES):
        return found
    for start, end in ctx.template_residue(unit):
        if end - start > 60:
            continue
        if _MEASURE_WORD_BEFORE.search(text, max(0, start - 20), start):
            return (start, end)  # "grade [insert target grade]": the prompt is the measure's value
        if not _NUMBER_PROMPT.search(text, start, end):
            continue
        if _COUNTED_AFTER.match(text, end):
            return (start, end)
        # "for [insert number] weeks" counts the weeks the child keeps something up (a measure);
        # "within [number] weeks" is a time frame never filled in, which OUT001 reports
        if _SPAN_OF_TIME_AFTER.match(text, end) and text[max(0, start - 4) : start].lower() == "for ":
            return (start, end)
    return None


@lru_cache(maxsize=1024)
def _states_time_frame(text: str) -> bool:
    """A time frame in the text itself, not counting a date never filled in ("XX/XX/2027",
    "By July 20XX", "By the end of Year X", "Within XX months", "by [date]").

    Remembered per text (bounded): the time-frame pattern cannot skip ahead, and E repeats
    its texts."""
    if "x" in text or "X" in text or "_" in text:
        text = _PLACEHOLDER_DATE.sub(" ", text)
    if not _may_hold_residue(text):
        return TIME_FRAME_RE.search(text) is not None
    # read before the placeholders are taken out, so "within TBC months" keeps its hole
    for m in TIME_FRAME_RE.finditer(text):
        if _RESIDUE_INSIDE.search(m.group(0)) or _RESIDUE_AFTER.match(text, m.end()):
            continue
        if m.group(0).isdigit() and _RESIDUE_BEFORE_YEAR.search(text[max(0, m.start() - 40) : m.start()]):
            continue
        if TIME_FRAME_RE.search(strip_placeholders(m.group(0))):
            return True
    return False


def has_time_frame(unit: TextUnit, ctx: RuleContext | None = None) -> bool:
    """A time frame in the outcome, in another cell of its row under a "By when" column, in its own
    column's name, or (with ``ctx``) in the sub-heading or lead-in above it."""
    if _states_time_frame(unit.text) or _row_column_answers(unit, _TIME_HEADER, dated=True):
        return True
    if TIME_FRAME_RE.search(_own_column(unit)):
        return True
    if ctx is None:
        return False
    above = _context_above(unit, ctx)
    # "Outcomes agreed at the review in March 2026" dates the writing, not the outcomes
    return bool(TIME_FRAME_RE.search(above)) and not _DATES_THE_WRITING.search(above)


def has_measure(unit: TextUnit) -> bool:
    """A measure outside the time frame ("by July 2027" is not a measure of anything)."""
    return _states_measure(unit.text) or _row_column_answers(unit, _MEASURE_HEADER)


@lru_cache(maxsize=1024)
def _states_measure(text: str) -> bool:
    """A measure in the text itself once time frames and calendar numbers are taken out
    (remembered per text, bounded: two substitutions over the whole text)."""
    # Calendar numbers first: the time frame "in Year 12" would otherwise be read as "in Year"
    # (an academic year) and leave "12" behind as a measure (found on the thirteenth held-out set).
    text = TIME_FRAME_RE.sub(" ", _CALENDAR_RE.sub(" ", strip_placeholders(text)))
    return MEASURE_RE.search(text) is not None
