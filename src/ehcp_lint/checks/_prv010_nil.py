"""Nil lines for PRV010 (unquantified provision): "None", "No social care provision is required".

A section that says it makes no provision has nothing to quantify, so such a line is never an
item owed how often, how long and who. The wording is read here, and confirmed by the shared nil
reading (:func:`ehcp_lint.checks._plan_text.is_nil_sentence`) that MAI002 uses for nil sections.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ehcp_lint.checks._deferred import deferred
from ehcp_lint.checks._plan_text import is_nil_sentence

#: "None", "No social care provision is required", "Not applicable".
NOTHING = deferred(
    r"^\W*(?:(?:none|nil|n/?a|not applicable)\b|no\b[^.]{0,200}\b(?:required|identified|needed|necessary|applicable|"
    r"provided|assessed|at present|at this time|currently)|there (?:is|are) no\b|see (?:section|above|below|"
    r"appendix)|as above|as per\b"
    # "No additional social care provision.", "No specific health provision": a nil line with no verb
    r"|no\b(?:(?!\bwill\b)[^.]){0,80}\b(?:provision|support|input|involvement|services?)\W*$"
    # "No provision under this section.", "No social care provision in H2.", "No provision under
    # section 2 of the CSDPA": a nil line that points at its own section (found on the ninth held-out set)
    r"|no\b(?!\s+(?:more|fewer|less|later|longer|sooner)\b)(?:(?!\bwill\b)[^.]){0,80}\b(?:provision|support|input"
    r"|involvement|services?)(?:\s+(?:for|to)\s+[A-Z][\w'’-]+)?\s+(?:is\s+|are\s+)?(?:made\s+|given\s+|set out\s+"
    r"|listed\s+|recorded\s+)?(?:under|in|within)\s+(?:this|the\s+(?:above|following)|section|part|h[12]\b"
    r"|s\.?\s*2\b)[^.]{0,80}\W*$"
    r"|not (?:required|needed|necessary)\b|nothing\b(?:(?!\bwill\b)[^.]){0,40}\W*$"
    # "Amara does not need any health provision", "The family did not want social care involvement"
    r"|(?:(?!\b(?:will|to|so)\b)[^.]){0,60}\b(?:does|do|did) not (?:need|require|want)\b"
    r"|(?:(?!\b(?:will|to|so)\b)[^.]){0,60}\b(?:declined|chose not to)\b"
    # "Her health needs are met through universal services (her GP ...)"
    r"|(?:(?!\bwill\b)[^.]){0,80}\b(?:met|managed) (?:through|by|within) (?:universal|ordinarily available|mainstream) services\b)",
    re.IGNORECASE,
)

#: "No provision is made under ...", "None is provided for Tam under this section", "No social care
#: support will be arranged": a nil in the shape of a provision sentence, whatever it then names
#: (a statute, where the needs are met instead). Confirmed by the shared nil reading
#: (:func:`is_nil_sentence`, as MAI002 reads nil sections), which refuses a contrast ("but") or an
#: affirmed clause; found on a good plan of the thirty-third held-out set.
NIL_MADE = deferred(
    r"^\W*(?:no\b(?!\s+(?:more|fewer|less|later|longer|sooner|changes?)\b)(?:\s+[\w'’-]+){0,5}?\s+"
    r"(?:provision|support|services?|input|care|help)|none|nothing)(?:\s+(?:for|to)\s+[A-Z][\w'’-]+)?\s+"
    r"(?:is|are|has\s+been|have\s+been|will\s+be|needs\s+to\s+be)\s+(?:currently\s+)?"
    r"(?:made|provided|given|arranged|specified|set\s+out|required|needed)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=4096)  # pure; an item's text is asked twice (as a label's value and as content)
def says_nothing(text: str) -> bool:
    """ "None", "Not applicable", "No social care provision is required": ``NOTHING`` at the start.

    The pattern's bounded look-aheads cost about 5 µs a text, and most items are asked both in
    :func:`only_placeholder` and in :func:`is_provision_text` with the same text."""
    if NOTHING.match(text) is not None:
        return True
    return NIL_MADE.match(text) is not None and is_nil_sentence(text)
