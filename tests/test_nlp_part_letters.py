"""Sentence ends after a plan part named by its letter ("as described in Section B. He ...").

spaCy keeps a capital letter and its full stop together as one token so that initials do not end
sentences; the shared pipeline ends a sentence there only after a word that names a part of a
plan, and only before a capital.
"""

from __future__ import annotations

import pytest

from ehcp_lint.engine.nlp import parse


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "Her needs are set out in Section B. She uses a wheelchair at school.",
            ["Her needs are set out in Section B.", "She uses a wheelchair at school."],
        ),
        (
            "The advice is in Appendix D. It was written in March 2026.",
            ["The advice is in Appendix D.", "It was written in March 2026."],
        ),
        # initials and a letter not naming a part are left as spaCy reads them
        ("Dr J. Okafor saw him in May.", ["Dr J. Okafor saw him in May."]),
        ("See Part C. and the notes below.", ["See Part C. and the notes below."]),
    ],
)
def test_part_letter_ends_sentence(text: str, sentences: list[str]) -> None:
    assert [s.text for s in parse(text).sents] == sentences
