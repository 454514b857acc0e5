"""Regenerate the ``common`` list of ``rules/lexicons/first_names.toml`` from public name lists.

IDN001 (another child's name in the plan) only believes a capitalised word is a person's name
when it is in the first-names lexicon (or the plan writes it as a child is written). A hand list
always misses the next spelling ("Maisy" beside "Maisie", missed on the sixteenth held-out set),
so this script builds a much larger list, once, at development time; nothing here runs when
ehcp-lint lints a plan and no new dependency is needed at run time.

Source: the English-language first-name lists that Faker (MIT licence) ships for its ``en``,
``en_GB``, ``en_IE``, ``en_IN``, ``en_KE``, ``en_NG``, ``en_NZ``, ``en_PK`` and ``en_US``
person providers (first names of children and adults in English-speaking countries, including
names common among British South Asian and African families). gender-guesser's larger list
was not used: its data is under the GNU FDL and its code under the GPL, which do not sit with
this project's MIT licence.

Filters, so that an ordinary word at the start of a sentence is never taken for a child:
* any name whose lower-case form is an English word in spaCy's lemma lookup table
  (spacy-lookups-data): "Will", "Grace", "Summer", "Mark", "Bill", "Reading", "Kit";
* the project's ``people.not_names`` list (months, days, subjects, programmes such as "Lexia");
* ``_ALSO_NOT`` below: words that a plan capitalises and the lemma table does not know;
* names shorter than three letters, and anything but letters and one hyphen.

Usage (with Faker importable, e.g. ``pip install faker`` in a scratch environment)::

    python tools/generate_first_names.py > /tmp/common.txt

then paste the printed TOML array over the ``common = [...]`` block of the lexicon.
"""

from __future__ import annotations

import gzip
import importlib
import json
import re
import sys
from pathlib import Path

_LOCALES = ("en", "en_GB", "en_IE", "en_IN", "en_KE", "en_NG", "en_NZ", "en_PK", "en_US")
_ATTRIBUTES = ("first_names", "first_names_female", "first_names_male", "first_names_nonbinary")
_SHAPE = re.compile(r"^[A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?$")

#: Capitalised words a plan uses that are not in the lemma table but are not a child's name here:
#: places, months and seasons, titles and roles, programme and brand names, faiths and languages.
_ALSO_NOT = frozenset(
    """
    April June July August Autumn Winter Spring Easter Christmas Sunday Monday Friday
    Christian English British Welsh Scottish Irish Polish India China Jordan Paris London Devon
    Kent Chester Lincoln Sydney Florence Georgia Carolina Virginia Dakota Madison Austin Dallas
    Denver Houston Orlando Phoenix Tyler Lexia Nessy Elsa Thrive Boxall Zones Precision Talkabout
    Doctor Nurse Sister Major General Judge King Queen Prince Princess Duke Bishop Pastor Deacon
    Precious Blessing Gift Favour Mercy Patience Prudence Charity Honesty Harmony Melody Unity
    Destiny Trinity Heaven Genesis Justice Liberty Royal Sterling Sunny Rusty Lucky Happy Stormy
    Memory Reason Lane Brook Brooke Dale Glen Glenn Heath Forest Cliff Clay Stone Marsh Field
    Fields Young Early Hardy Noble Gay Bliss Love Page Paige Case Carey Read Reid Wade Chase Hunter
    Hope Faith Joy Amber Summer Will May Mark Bill Frank Max Rich Guy Dean Miles Don Pat Sue
    """.split()  # noqa: SIM905 - a word list reads best as words
)


def _faker_names() -> set[str]:
    names: set[str] = set()
    for locale in _LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attribute in _ATTRIBUTES:
            value = getattr(provider, attribute, ())
            names.update(value.keys() if isinstance(value, dict) else value)
    return names


def _english_words() -> set[str]:
    import spacy_lookups_data

    path = Path(spacy_lookups_data.__file__).parent / "data" / "en_lemma_lookup.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        table: dict[str, str] = json.load(handle)
    return set(table) | set(table.values())


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from ehcp_lint import lexicons

    hand = set(lexicons.words("first_names", "names"))
    not_names = set(lexicons.words("people", "not_names")) | _ALSO_NOT
    words = _english_words()
    common = sorted(
        name
        for name in _faker_names()
        if _SHAPE.match(name) and name.lower() not in words and name not in not_names and name not in hand
    )
    print("common = [")
    line = " "
    for name in common:
        item = f' "{name}",'
        if len(line) + len(item) > 100:
            print(line)
            line = " "
        line += item
    print(line)
    print("]")
    print(f"# {len(common)} names", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
