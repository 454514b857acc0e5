"""Batch-rule data crosses from worker to parent packed, and each rule unpacks only its share.

The parent of a large batch stores every plan's collected facts until all
plans are in; it must not unpack them on arrival, nor unpack one rule's
(large) share when another rule reads its own.
"""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

from ehcp_lint.config import Config
from ehcp_lint.engine.batch import iter_results
from ehcp_lint.engine.batch_data import PackedBatchData

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "fixtures" / "plans"

UNPACKED: list[str] = []


def _unpacked(label: str) -> str:
    UNPACKED.append(label)
    return label


class Counted:
    """Records each time it is unpickled."""

    def __init__(self, label: str) -> None:
        self.label = label

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return _unpacked, (self.label,)


def test_a_lookup_unpacks_only_the_asking_rules_share() -> None:
    UNPACKED.clear()
    packed = PackedBatchData({"BAT001": [Counted("sentences")] * 3, "IDN101": Counted("names")})
    assert UNPACKED == []
    assert packed.get("IDN101") == "names"
    assert UNPACKED == ["names"]
    assert packed["BAT001"] == ["sentences"] * 3
    assert packed.get("XYZ999") is None and "XYZ999" not in packed
    assert sorted(packed) == ["BAT001", "IDN101"] and len(packed) == 2
    assert packed.bytes_held() > 0


def test_crossing_processes_moves_the_packed_bytes_without_unpacking_them() -> None:
    UNPACKED.clear()
    packed = PackedBatchData({"BAT001": Counted("sentences")})
    arrived = pickle.loads(pickle.dumps(packed, protocol=pickle.HIGHEST_PROTOCOL))
    assert UNPACKED == []  # what the parent does on arrival
    assert isinstance(arrived, PackedBatchData)
    assert arrived.bytes_held() == packed.bytes_held()
    assert arrived["BAT001"] == "sentences"
    assert PackedBatchData(arrived).bytes_held() == packed.bytes_held()  # not packed twice


def test_worker_results_carry_their_batch_data_packed() -> None:
    files = [PLANS / "grid-ashdown.docx", PLANS / "markdown-anytown.md"]
    config = Config(select=["BAT001", "IDN101", "PRV001"])
    results = list(iter_results(files, config, jobs=1))
    assert all(r.report is not None for r in results), [r.error for r in results]
    for result in results:
        assert isinstance(result.batch_data, PackedBatchData)
        assert set(result.batch_data) == {"BAT001", "IDN101"}
        assert result.batch_data["BAT001"]  # each plan has sentences boilerplate could share


def test_batch_facts_cross_processes_as_plain_values_and_come_back_equal() -> None:
    """BAT001's sentences and IDN101's occurrences are pickled by plain values (cheap for the
    parent to unpickle); what comes back must equal what the worker collected, location and
    the fields it set included, on a real Word plan."""
    from ehcp_lint.engine.runner import Linter
    from ehcp_lint.reading import load_plan

    plan = load_plan(Path(__file__).parent.parent / "fixtures" / "sample" / "sample-plan.docx")
    collected = Linter().collect(plan)
    sentences = collected["BAT001"]
    assert len(sentences) > 10
    back = pickle.loads(pickle.dumps(sentences, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == sentences
    for before, after in zip(sentences, back, strict=True):
        where, again = before.where(), after.where()
        assert where == again and where.location.model_fields_set == again.location.model_fields_set
        assert again.excerpt[again.start : again.end].split()  # the span still points at words
    mentions = collected["IDN101"]
    assert pickle.loads(pickle.dumps(mentions)) == mentions
