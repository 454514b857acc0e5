"""Who delivers health and social care provision, named as a service or a place, for PRV010.

In G, H1 and H2 the provider is often a service ("CAMHS"), a named scheme or project, or the home,
centre or clinic where the provision happens ("at Ivybridge Lodge"): any of these answers who
delivers it, though no role is named.
"""

from __future__ import annotations

from ehcp_lint.checks._deferred import deferred
from ehcp_lint.checks._provision import NOT_A_PLACE, names_service_in_text

#: A named home, centre or unit after "at" ("at Ivybridge Lodge", "at the Willows Centre"): in health
#: and social care provision the place that runs the provision is who delivers it.
_NAMED_PLACE = deferred(
    r"\b[Aa]t\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:and\s+|&\s+|of\s+)?[A-Z][\w'’-]*){0,4}\s+(?:Lodge|House|Cottage|Court"
    r"|Hall|Manor|Grange|Farm|Barn|Place|Unit|Base|Hub|Club|Project|Home|Centre|Center|Surgery|Practice|Clinic)\b"
)

#: A scheme, project, hub, club, trust, charity, network, partnership or service called by its
#: Title-Case name, the last word in either case ("Kestrel Lane Safe Travel scheme", "the Harbour
#: Lights Befriending Project"): in health and social care provision it names who runs it (found on
#: the eighteenth held-out set). One name word at the very start is not enough: it may only be the
#: sentence's capital ("Youth club twice a week").
_NAMED_SCHEME = deferred(
    r"(?:(?:(?<=[a-z,;:(–—-] )|(?<=\b[Tt]he ))[A-Z][\w'’-]*(?:\s+(?:and\s+|&\s+|of\s+)?[A-Z][\w'’-]*){0,5}"
    r"|\b[A-Z][\w'’-]*(?:\s+(?:and\s+|&\s+|of\s+)?[A-Z][\w'’-]*){1,5})"
    r"\s+(?:[Ss]chemes?|[Pp]rojects?|[Hh]ub|[Cc]lubs?|[Tt]rust|[Cc]harity|[Nn]etwork|[Pp]artnership|[Ss]ervices?)\b"
)

#: A clinical department called by its Title-Case name, ending in its discipline ("Eastbrook Paediatric
#: Audiology", "Harlow Children's Physiotherapy", "Community Paediatrics", "Orthoptics"), standing as
#: the one who acts: the subject of an act a service does ("... will check", "... reviews") or the
#: agent after "by", "from" or "with". In G and H a named department answers who, as a named service or
#: team does, though it carries no word "service" or "team" (found on the thirty-seventh held-out set).
#: A therapy named as the provision itself ("Physiotherapy will be provided weekly", "Speech and
#: language therapy, weekly") is not an actor, so neither position reads it.
_DEPARTMENT = (
    r"(?:[A-Z][\w'’-]*\s+(?:(?:and|&|of)\s+)?){0,5}(?:Audiology|Physiotherapy|Dietetics|Orthoptics|Orthotics"
    r"|Ophthalmology|Neurology|Orthopaedics|Paediatrics|Podiatry|Psychology|Psychiatry|Nursing|Therapy|Therapies"
    r"|Neurodevelopment|Neurodisability|Respiratory|Gastroenterology|Endocrinology|Cardiology|Rheumatology"
    r"|Dermatology|Orthodontics|Genetics|Rehabilitation|Continence)"
)
_DEPARTMENT_ACTS = deferred(
    r"\b" + _DEPARTMENT + r"\s+(?:will\s+(?:continue\s+to\s+)?(?:see|check|review|assess|monitor|provide|visit"
    r"|deliver|train|measure|fit|test|screen|prescribe|supply|issue|write|update|advise|oversee|lead|hold|offer"
    r"|contact|meet|set)|(?:sees|checks|reviews|assesses|monitors|provides|visits|delivers|trains|measures|fits"
    r"|tests|screens|prescribes|supplies|issues|writes|updates|advises|oversees|leads|holds|offers|sets))\b"
    r"|\b(?:by|from|with)\s+(?:the\s+)?" + _DEPARTMENT + r"\b"
)
#: One of these is in every match of ``_DEPARTMENT_ACTS``: most texts hold none.
_DEPARTMENT_HINTS = ("ology", "Physio", "Dietetics", "Orthoptics", "Orthotics", "Orthopaedics", "Paediatrics",
                     "Podiatry", "Psychiatry", "Nursing", "Therap", "Neuro", "Respiratory", "Orthodontics",
                     "Genetics", "Rehabilitation", "Continence")

#: Any Title-Case name after "at" ("short breaks at Hollybank, two nights a month"): in H1 and H2 the
#: named place of a short break or an activity is its provider. Not a time ("at Christmas").
_AT_TITLE = deferred(r"\b[Aa]t\s+(?:the\s+)?([A-Z][\w'’-]*)")


def names_provider(text: str, section: str) -> bool:
    """Who delivers health or social care provision, named as a service ("CAMHS", "Northvale
    Hospital"), as the home, centre or clinic it happens at ("at Ivybridge Lodge", "at Parkside
    Surgery"), or in H1 and H2 as any named place after "at" (found on the fifteenth held-out set,
    where a named short-break home was taken for a missing who). Asked only of an item about to be
    reported for a missing who."""
    if names_service_in_text(text):
        return True
    if _NAMED_SCHEME.search(text):
        return True  # "the Brookfield Young Carers project", "Harbour Lights Befriending scheme"
    if any(h in text for h in _DEPARTMENT_HINTS) and _DEPARTMENT_ACTS.search(text):
        return True  # "Eastbrook Paediatric Audiology will check ...", "reviewed by Community Paediatrics"
    if "at " not in text and "At " not in text:
        return False
    if _NAMED_PLACE.search(text):
        return True
    if not section.startswith("H"):
        return False
    for m in _AT_TITLE.finditer(text):
        word = m.group(1)
        if word.lower() not in NOT_A_PLACE and not word.endswith(("'s", "’s")):
            return True
    return False
