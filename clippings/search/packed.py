"""One term's postings as flat arrays: the layout our codec writes and the search reads with numpy.

Whoosh's W3 codec writes a posting list as pickled, compressed blocks of 128 postings, and a
position list as one pickle per posting. Reading the postings of a common character pair (tens of
thousands of documents) then costs a Python call per block and another per posting: measured at
100,000 articles, an exact phrase like 有限公司 took 2.5 s to match through Whoosh's matchers.

A packed record is::

    b"DNp1" | count: uint32 | flags: uint8 | ids: uint32[count]
            | weights: float32[count]            (flag WEIGHTS; else every weight is 1.0)
            | value lengths: uint32[count] | value bytes    (flag VALUES)

little-endian, so the search reads each part with one ``numpy.frombuffer``. With flag
COUNT_WEIGHTS the weights are not stored: each one is its value's length / 4 (a position list's
weight is its number of positions, ``PackedPositions`` stores 4 bytes per position).
"""
from __future__ import annotations

import struct
from array import array
from dataclasses import dataclass

import numpy as np
from whoosh.formats import Positions

MAGIC = b"DNp1"
_HEAD = struct.Struct("<4sIB")
WEIGHTS, VALUES, COUNT_WEIGHTS = 1, 2, 4
_U32 = np.dtype("<u4")
_F32 = np.dtype("<f4")
assert array("I").itemsize == 4 and array("f").itemsize == 4


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


def pack(ids: list[int], weights: list[float], values: list[bytes]) -> bytes:
    """The record of one term's postings (ids ascending; ``values`` empty or one per posting)."""
    count = len(ids)
    flags = 0
    parts = [b"", array("I", ids).tobytes()]
    has_values = any(values)
    if has_values:
        flags |= VALUES
        lengths = array("I", map(len, values))
    if weights.count(1.0) != count:
        if has_values and all(w * 4 == n for w, n in zip(weights, lengths)):
            flags |= COUNT_WEIGHTS
        else:
            flags |= WEIGHTS
            parts.append(array("f", weights).tobytes())
    if has_values:
        parts.append(lengths.tobytes())
        parts.append(b"".join(values))
    parts[0] = _HEAD.pack(MAGIC, count, flags)
    return b"".join(parts)


def is_packed(data: bytes) -> bool:
    return data[:4] == MAGIC


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


def unpack(data: bytes) -> Postings:
    _, count, flags = _HEAD.unpack_from(data)
    view = memoryview(data)
    offset = _HEAD.size
    ids = np.frombuffer(view, dtype=_U32, count=count, offset=offset)
    offset += 4 * count
    weights = None
    if flags & WEIGHTS:
        weights = np.frombuffer(view, dtype=_F32, count=count, offset=offset)
        offset += 4 * count
    lengths = None
    blob: bytes | memoryview = b""
    if flags & VALUES:
        lengths = np.frombuffer(view, dtype=_U32, count=count, offset=offset)
        offset += 4 * count
        blob = view[offset:]
    if weights is None:
        weights = (lengths // 4).astype(np.float32) if flags & COUNT_WEIGHTS else np.ones(count, np.float32)
    return Postings(ids, weights, lengths, blob)


def from_lists(ids, weights, values) -> Postings:
    """Postings from Whoosh's inlined tuples (rare terms kept in the term table)."""
    values = [v or b"" for v in values] if values else []
    lengths = np.fromiter(map(len, values), dtype=np.uint32, count=len(values)) if any(values) else None
    return Postings(np.asarray(ids, dtype=np.uint32), np.asarray(weights, dtype=np.float32), lengths,
                    b"".join(values) if lengths is not None else b"")
