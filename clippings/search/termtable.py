"""Whoosh's ordered hash file (a segment's term table), written a field at a time.

Whoosh's ``OrderedHashWriter`` adds a key with three file writes, an MD5 of the key and two list
appends, and at close places every key in its hash table with a Python loop; at ~380 new terms
per article that was a fifth of an index commit. This writer produces the same file — records,
256 linear-probing tables, directory, extras, ordered position index — from whole arrays: records
joined once, CRC32 keys (Whoosh's hash type 1, which its reader supports), slots placed with numpy.
Whoosh's ``OrderedHashReader`` reads it as its own.
"""
from __future__ import annotations

import struct
from zlib import crc32

import numpy as np
from whoosh.filedb.filetables import OrderedHashWriter

_LENGTHS = struct.Struct("!ii")  # a record's key and value lengths (Whoosh's ``_lengths``)
_SLOT = np.dtype([("hash", ">u4"), ("position", ">i8")])  # Whoosh's ``_pointer`` ("!Iq")
_DIRECTORY = np.dtype([("position", ">i8"), ("slots", ">i4")])  # Whoosh's ``_dir_entry`` ("!qi")
CRC32 = 1  # Whoosh's hash type number for CRC32


class BulkOrderedHashWriter(OrderedHashWriter):
    def __init__(self, dbfile):
        self.dbfile = dbfile
        self.hashtype = CRC32
        self.extras = {}
        self.startoffset = dbfile.tell()
        dbfile.write(b"HSH3")
        dbfile.write_byte(self.hashtype)
        dbfile.write_int(0)
        dbfile.write_int(0)
        self.lastkey = b""
        self._hashes: list[np.ndarray] = []
        self._positions: list[np.ndarray] = []

    def add(self, key: bytes, value: bytes) -> None:
        self.add_many([key], [value])

    def add_many(self, keys: list[bytes], values: list[bytes]) -> None:
        """Add records whose keys ascend (and follow every key added before)."""
        if not keys:
            return
        if keys[0] <= self.lastkey:
            raise ValueError(f"Keys must increase: {self.lastkey!r}..{keys[0]!r}")
        records = [_LENGTHS.pack(len(k), len(v)) + k + v for k, v in zip(keys, values)]
        sizes = np.fromiter(map(len, records), dtype=np.int64, count=len(records))
        positions = np.empty(len(records), dtype=np.int64)
        positions[0] = self.dbfile.tell()
        np.cumsum(sizes[:-1], out=positions[1:])
        positions[1:] += positions[0]
        self.dbfile.write(b"".join(records))
        self._hashes.append(np.fromiter(map(crc32, keys), dtype=np.uint32, count=len(keys)))
        self._positions.append(positions)
        self.lastkey = keys[-1]

    def _write_hashes(self):
        hashes = np.concatenate(self._hashes) if self._hashes else np.zeros(0, np.uint32)
        positions = np.concatenate(self._positions) if self._positions else np.zeros(0, np.int64)
        buckets = (hashes & 255).astype(np.int64)
        slots_per_bucket = 2 * np.bincount(buckets, minlength=256)
        first_slot = np.zeros(256, dtype=np.int64)
        np.cumsum(slots_per_bucket[:-1], out=first_slot[1:])
        table = np.zeros(int(slots_per_bucket.sum()), dtype=_SLOT)
        if len(hashes):
            numslots = slots_per_bucket[buckets]
            home = (hashes.astype(np.int64) >> 8) % numslots
            order = np.lexsort((home, buckets))
            bucket, home, numslots = buckets[order], home[order], numslots[order]
            # linear probing in order of home slot: each entry takes its home or the slot after the
            # previous entry's, whichever is later (a running maximum within each bucket)
            rank = np.arange(len(order)) - (first_slot[bucket] // 2)
            offset = bucket << 40
            slot = np.maximum.accumulate(offset + home - rank) - offset + rank
            self._wrap_around(slot, bucket, numslots)
            where = first_slot[bucket] + slot
            table["hash"][where] = hashes[order]
            table["position"][where] = positions[order]
        start = self.dbfile.tell()
        self.dbfile.write(table.tobytes())
        directory = np.zeros(256, dtype=_DIRECTORY)
        directory["position"] = start + first_slot * _SLOT.itemsize
        directory["slots"] = slots_per_bucket
        self._directory_bytes = directory.tobytes()

    @staticmethod
    def _wrap_around(slot: np.ndarray, bucket: np.ndarray, numslots: np.ndarray) -> None:
        """Entries placed past their table's end go to its first free slots, in order (as probing finds them)."""
        for b in np.unique(bucket[slot >= numslots]).tolist():
            members = np.flatnonzero(bucket == b)
            size = int(numslots[members[0]])
            over = members[slot[members] >= size]
            taken = np.zeros(size, dtype=bool)
            taken[slot[members[slot[members] < size]]] = True
            slot[over] = np.flatnonzero(~taken)[: len(over)]

    def _write_directory(self):
        self.dbfile.write(self._directory_bytes)

    def _write_extras(self):
        positions = np.concatenate(self._positions) if self._positions else np.zeros(0, np.int64)
        typecode, dtype = ("i", ">i4") if not len(positions) or positions[-1] < 2**31 else ("q", ">i8")
        self.extras["indextype"] = typecode
        self.extras["indexlen"] = len(positions)
        self.dbfile.write_pickle(self.extras)
        self._index_bytes = positions.astype(dtype).tobytes()

    def close(self):
        dbfile = self.dbfile
        self._write_hashes()
        self._write_directory()
        extras_at = dbfile.tell()
        self._write_extras()
        dbfile.write(self._index_bytes)
        dbfile.write_int(dbfile.tell() - extras_at)  # the reader finds the extras from the end
        end = dbfile.tell()
        dbfile.close()
        return end
