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
