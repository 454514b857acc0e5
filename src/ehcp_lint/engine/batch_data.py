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
from typing import Any, Generic, TypeVar

T = TypeVar("T")

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


class Deferred(Generic[T]):
    """A value kept pickled until it is asked for: the part of a rule's share that the
    parent needs for some plans only.

    A batch rule's first pass over every plan often needs a small index of its
    facts (BAT001: the sentences' digests), and only some plans' details (where
    a shared sentence is). Kept pickled inside the share, the details are not
    rebuilt when the share is read for the index. Not compressed itself: the
    share around it is (:class:`PackedBatchData`), once.
    """

    __slots__ = ("_pickled",)

    def __init__(self, value: T) -> None:
        self._pickled = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)

    @classmethod
    def _from_pickled(cls, pickled: bytes) -> Deferred[T]:
        deferred: Deferred[T] = cls.__new__(cls)
        deferred._pickled = pickled
        return deferred

    def __reduce__(self) -> tuple[Any, tuple[bytes]]:
        return Deferred._from_pickled, (self._pickled,)

    def unpack(self) -> T:
        """The value, rebuilt afresh on each call (nothing unpacked is kept)."""
        value: T = pickle.loads(self._pickled)
        return value

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Deferred):
            return NotImplemented
        return bool(self._pickled == other._pickled or self.unpack() == other.unpack())

    __hash__ = None  # type: ignore[assignment]


__all__ = ["Deferred", "PackedBatchData"]
