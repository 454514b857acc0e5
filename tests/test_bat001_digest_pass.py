"""BAT001 counts shared sentences from their digests alone, then unpacks only where one is shared.

The batch parent used to unpack every plan's sentences (text, location) for
both of BAT001's passes and to work out each finding's related plans afresh.
These tests hold its findings to the plain comparison it replaced: every
sentence of every plan counted, every finding's related plans taken in batch
order, on generated batches (many plans sharing a pool of sentences, more
than the 25 related plans a finding lists, repeated paths) and on real Word
plans.
"""

from __future__ import annotations

import pickle
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from ehcp_lint.checks._batch import first_related
from ehcp_lint.checks.bat001_boilerplate import Boilerplate, PlanSentences, _Place, _Sentence
from ehcp_lint.config import Config
from ehcp_lint.engine.batch_data import PackedBatchData
from ehcp_lint.engine.runner import Linter
from ehcp_lint.reading import load_plan

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "fixtures" / "sample" / "sample-plan.docx"
WORD_PLANS = sorted((ROOT / "fixtures" / "plans").glob("*.docx"))

Finding = tuple[int, str, int, int, tuple[str, ...], str, object, float]


def _plain(collected: Sequence[tuple[str, Any]], min_plans: int) -> list[Finding]:
    """The comparison as it was: every sentence of every plan unpacked and counted."""
    min_plans = max(2, min_plans)
    owners: dict[bytes, list[int]] = defaultdict(list)
    renamed: dict[bytes, bool] = defaultdict(bool)
    for index, (_, sentences) in enumerate(collected):
        for s in list(sentences or ()):
            if index not in owners[s.digest]:
                owners[s.digest].append(index)
            renamed[s.digest] |= s.renamed
    paths = [p for p, _ in collected]
    out: list[Finding] = []
    for index, (_, sentences) in enumerate(collected):
        for s in list(sentences or ()):
            having = sorted(owners[s.digest])
            if len(having) < min_plans:
                continue
            how = " (only the child's name changed)" if renamed[s.digest] else ""
            message = f"This sentence appears word for word in {len(having)} plans of this batch{how}."
            where = s.where()
            related = tuple(first_related(paths, index, having))
            place = (where.section, where.location.model_dump(exclude_unset=True), where.location)
            out.append((index, where.excerpt, where.start, where.end, related, message, place, where.order))
    return out


def _found(collected: Sequence[tuple[str, Any]], min_plans: int) -> list[Finding]:
    hits = Boilerplate().check_batch(collected, Config(boilerplate_min_plans=min_plans))
    out: list[Finding] = []
    for hit in hits:
        assert hit.plan_index is not None and hit.start is not None and hit.end is not None
        assert hit.location is not None and hit.order is not None
        place = (hit.section, hit.location.model_dump(exclude_unset=True), hit.location)
        out.append((hit.plan_index, hit.excerpt, hit.start, hit.end, tuple(hit.related), hit.message, place, hit.order))
    return out


def _sentences(pool_ids: list[int], renamed: list[bool]) -> PlanSentences:
    found = [
        _Sentence(
            digest=i.to_bytes(12, "big"),
            renamed=flag,
            place=_Place(
                "F" if n % 3 else "E",
                {"paragraph": n + 1} if n % 2 else {"table": 1, "row": n, "column": 2},
                f"Sentence {i} said in full here.",
                0,
                9,
                float(n),
            ),
        )
        for n, (i, flag) in enumerate(zip(pool_ids, renamed, strict=True))
    ]
    return PlanSentences.of(found)


_plans = st.lists(
    st.lists(st.tuples(st.integers(0, 12), st.booleans()), max_size=8),
    min_size=0,
    max_size=70,
)


@settings(max_examples=60, deadline=None)
@given(plans=_plans, min_plans=st.integers(0, 6), repeat_paths=st.booleans(), missing=st.sets(st.integers(0, 69)))
def test_digest_pass_finds_what_the_plain_comparison_finds(
    plans: list[list[tuple[int, bool]]], min_plans: int, repeat_paths: bool, missing: set[int]
) -> None:
    collected: list[tuple[str, Any]] = []
    for index, plan in enumerate(plans):
        path = f"/batch/plan-{index % 7 if repeat_paths else index}.docx"
        data = None if index in missing else _sentences([i for i, _ in plan], [r for _, r in plan])
        # As the parent holds them: packed by the worker, unpacked on each lookup.
        packed = PackedBatchData({"BAT001": data} if data is not None else {})
        collected.append((path, packed.get("BAT001")))
    assert _found(collected, min_plans) == _plain(collected, min_plans)


def test_real_word_plans_shared_across_a_batch() -> None:
    """The fixture Word plans, each several times under other names, as a batch of 40."""
    linter = Linter()
    shares: list[Any] = []
    for path in [SAMPLE, *WORD_PLANS]:
        data = linter.collect(load_plan(path))["BAT001"]
        linter.plan_done()
        shares.append(pickle.loads(pickle.dumps(PackedBatchData({"BAT001": data})))["BAT001"])
    collected = [(f"/batch/plan-{n:02d}.docx", shares[n % 3 if n % 4 else n % len(shares)]) for n in range(40)]
    found = _found(collected, 3)
    assert found == _plain(collected, 3)
    assert len(found) > 100 and any(len(f[4]) == 25 for f in found)
    assert found != _found(collected, 40)  # the threshold matters


def test_plan_sentences_cross_processes_and_read_as_the_sentences_collected() -> None:
    plan = load_plan(SAMPLE)
    sentences = Linter().collect(plan)["BAT001"]
    assert isinstance(sentences, PlanSentences) and len(sentences) > 10
    back = pickle.loads(pickle.dumps(sentences, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == sentences
    assert back.digest_list() == [s.digest for s in sentences]
    assert back.renamed_digests() == [s.digest for s in sentences if s.renamed]
    assert [s.place for s in back] == back.places() == [s.place for s in sentences]
    every = list(sentences)
    assert back[0] == every[0] and back[-2:] == every[-2:]
