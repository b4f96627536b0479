"""One term's postings as flat arrays (``Postings``), and position lists as raw uint32s.

Whoosh's ``Positions`` format pickles each posting's position list; ``PackedPositions`` stores
it as raw little-endian uint32s, so the positions of a whole term (``Postings.positions``) decode
with one ``numpy.frombuffer``. How a segment stores the postings: ``clippings.search.columns``.
"""
from __future__ import annotations

from array import array
from dataclasses import dataclass

import numpy as np
from whoosh.formats import Positions

_U32 = np.dtype("<u4")
assert array("I").itemsize == 4


class PackedPositions(Positions):
    """Whoosh's ``Positions`` format with each position list as raw uint32s instead of a pickle,
    so a whole term's positions decode as one array."""

    def encode(self, poslist):
        return array("I", poslist).tobytes()

    def decode_positions(self, valuestring):
        return array("I", valuestring).tolist()

    def decode_frequency(self, valuestring):
        return len(valuestring) // 4

    def decode_weight(self, valuestring):
        return float(len(valuestring) // 4)

    def decode_position_boosts(self, valuestring):
        return [(pos, 1.0) for pos in self.decode_positions(valuestring)]


@dataclass
class Postings:
    """One term's postings in one segment, as arrays."""

    ids: np.ndarray  # uint32, ascending
    weights: np.ndarray  # float32
    lengths: np.ndarray | None = None  # uint32 value byte lengths
    blob: bytes | memoryview = b""

    def positions(self, keep: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(document, position) of every position of a ``PackedPositions`` field, in order; with
        ``keep`` (a boolean per posting), of the kept postings only."""
        if self.lengths is None:
            ids = self.ids if keep is None else self.ids[keep]
            return ids.astype(np.int64), np.zeros(len(ids), np.int64)
        counts = self.lengths // 4
        positions = np.frombuffer(self.blob, dtype=_U32)
        docs = np.repeat(self.ids, counts)
        if keep is not None:
            chosen = np.repeat(keep, counts)
            docs, positions = docs[chosen], positions[chosen]
        return docs.astype(np.int64), positions.astype(np.int64)

    def values(self) -> tuple:
        if self.lengths is None:
            return (b"",) * len(self.ids)
        blob = bytes(self.blob)
        ends = np.cumsum(self.lengths).tolist()
        starts = [0, *ends[:-1]]
        return tuple(blob[s:e] for s, e in zip(starts, ends))


def from_lists(ids, weights, values) -> Postings:
    """Postings from Whoosh's inlined tuples (rare terms kept in the term table)."""
    values = [v or b"" for v in values] if values else []
    lengths = np.fromiter(map(len, values), dtype=np.uint32, count=len(values)) if any(values) else None
    return Postings(np.asarray(ids, dtype=np.uint32), np.asarray(weights, dtype=np.float32), lengths,
                    b"".join(values) if lengths is not None else b"")
