"""What batch rules collected from one plan, kept pickled and compressed, one share per rule.

A batch worker packs the facts its plan's batch rules collected (boilerplate
sentences, the people a plan names) before sending them to the parent. The
parent only stores them until every plan is in, so it never has to unpickle
them on arrival and pickle them again to keep them small; and each batch rule
unpacks only its own share, as it reads it (boilerplate's sentences are a
hundred times larger than the identity rule's names, and used to be unpacked
for both rules, twice each).
"""

from __future__ import annotations

import pickle
import zlib
from collections.abc import Iterator, Mapping
from typing import Any

#: zlib level 1: nearly the ratio of the default level at a fraction of its time.
_LEVEL = 1


class PackedBatchData(Mapping[str, Any]):
    """A read-only mapping of rule code to collected facts, unpacked on each lookup.

    Nothing unpacked is kept, so holding thousands of plans' data costs only
    the compressed bytes (:meth:`bytes_held`).
    """

    __slots__ = ("_shares",)

    def __init__(self, data: Mapping[str, Any]) -> None:
        if isinstance(data, PackedBatchData):
            self._shares: dict[str, bytes] = data._shares
            return
        self._shares = {
            code: zlib.compress(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), _LEVEL)
            for code, value in data.items()
        }

    @classmethod
    def _from_shares(cls, shares: dict[str, bytes]) -> PackedBatchData:
        packed = cls.__new__(cls)
        packed._shares = shares
        return packed

    def __reduce__(self) -> tuple[Any, tuple[dict[str, bytes]]]:
        # Crossing processes moves the compressed bytes as they are.
        return PackedBatchData._from_shares, (self._shares,)

    def __getitem__(self, code: str) -> Any:
        return pickle.loads(zlib.decompress(self._shares[code]))

    def __iter__(self) -> Iterator[str]:
        return iter(self._shares)

    def __len__(self) -> int:
        return len(self._shares)

    def bytes_held(self) -> int:
        """The compressed size of every share."""
        return sum(len(share) for share in self._shares.values())


__all__ = ["PackedBatchData"]
