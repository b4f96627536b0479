"""A segment's postings as columns: how the index writer pools them and how a segment stores them.

A character-pair index gives about 1,700 postings per article, ~380 of them new terms of the
segment. Whoosh pools a posting as a 5-tuple and writes each term through a handful of Python
calls, its postings as a pickle or a compressed block, its term-table row through a ``TermInfo``
object. Measured (970 prepared articles, the writer alone): 4.7 ms per article to pool, 4.8 ms to
commit, each more than any other step of an ingest.

Here a batch's postings are appended to flat columns per field (term code, document, weight,
value), a C-level ``extend`` per field of a document; at commit each field is sorted once with
numpy and written as one block of columns in the postings file::

    ids: uint32[postings]                                   sorted by term, then document
    weights: float32[postings]        (unless every weight is 1, or derived: see ``Block``)
    value lengths: uint32[postings]   (unless no posting has a value)
    value bytes                       (the values, concatenated in the same order)

The term table keeps W3's row layout (document frequency, weight, lengths, first and last id), so
Whoosh's own statistics work unchanged; a row's postings pointer holds the term's first posting in
its field's block and the offset of its first value byte. A term's postings are then slices of the
block's columns, read with ``numpy.frombuffer`` without a copy.
"""
from __future__ import annotations

from array import array
from dataclasses import dataclass
from functools import cached_property
from itertools import count, repeat

import numpy as np

from clippings.search.packed import Postings

_U32 = np.dtype("<u4")
_F32 = np.dtype("<f4")
# W3's term info row (``W3TermInfo._struct`` = "!BfIBBfII") followed by its postings pointer
# (``pack_long`` offset, ``pack_int`` length), big-endian as Whoosh reads it.
TERM_ROW = np.dtype([
    ("inlined", "u1"), ("weight", ">f4"), ("df", ">u4"), ("minlength", "u1"), ("maxlength", "u1"),
    ("maxweight", ">f4"), ("minid", ">u4"), ("maxid", ">u4"), ("offset", ">i8"), ("length", ">i4"),
])
assert TERM_ROW.itemsize == 35


class _FieldColumns:
    """One field's postings in the order they came (documents ascending within a term)."""

    __slots__ = ("codes", "_next", "term_codes", "docs", "weights", "lengths", "blob")

    def __init__(self):
        self.codes: dict[bytes, int] = {}  # term -> code (the posting number it first came with)
        self._next = count()
        self.term_codes = array("I")
        self.docs = array("I")
        self.weights = array("f")
        # values as one byte string and their lengths, not a bytes object per posting: measured on a
        # 1,000-article batch, the word counts alone were 390,000 objects (14 MB, and 3 MB of list)
        self.lengths = array("I")
        self.blob = bytearray()

    def extend(self, docnum: int, terms: list[bytes], weights: list[float], values: list[bytes]) -> None:
        self.term_codes.extend(map(self.codes.setdefault, terms, self._next))
        self.docs.extend(repeat(docnum, len(terms)))
        self.weights.extend(weights)
        self.lengths.extend(map(len, values))
        self.blob += b"".join(values)

    def sorted(self) -> FieldPostings:
        terms = sorted(self.codes)
        nterms = len(terms)
        codes = np.frombuffer(self.term_codes, dtype=np.uint32)
        rank = np.zeros(int(codes.max()) + 1 if len(codes) else 0, dtype=np.int64)
        rank[np.fromiter(map(self.codes.__getitem__, terms), dtype=np.int64, count=nterms)] = np.arange(nterms)
        posting_terms = rank[codes]
        docs = np.frombuffer(self.docs, dtype=np.uint32)
        order = np.lexsort((docs, posting_terms))
        counts = np.bincount(posting_terms, minlength=nterms)
        added_lengths = np.frombuffer(self.lengths, dtype=np.uint32)
        lengths = added_lengths[order]
        blob = gathered(self.blob, added_lengths, order) if lengths.any() else b""
        return FieldPostings(terms, counts, docs[order], np.frombuffer(self.weights, dtype=np.float32)[order],
                             lengths, blob)


def gathered(blob: bytearray, lengths: np.ndarray, order: np.ndarray, chunk: int = 1 << 16) -> bytes:
    """The values in ``blob`` (of ``lengths``, one after another) taken in ``order``, joined: index
    arrays for a chunk of postings at a time, in 4-byte units when every value is (positions are)."""
    unit = 4 if not (lengths & 3).any() and len(blob) % 4 == 0 else 1
    data = np.frombuffer(blob, dtype=np.uint32 if unit == 4 else np.uint8)
    sizes = (lengths // unit).astype(np.int64)
    starts = np.cumsum(sizes) - sizes
    parts = []
    for first in range(0, len(order), chunk):
        taken = order[first : first + chunk]
        size = sizes[taken]
        ends = np.cumsum(size)
        if len(ends) and ends[-1]:
            parts.append(data[np.repeat(starts[taken] - (ends - size), size) + np.arange(ends[-1])].tobytes())
    del data  # the view pins the buffer
    return b"".join(parts)


@dataclass
class FieldPostings:
    """One field's postings sorted by term, then document: term ``i`` has ``counts[i]`` postings."""

    terms: list[bytes]  # ascending
    counts: np.ndarray
    ids: np.ndarray  # uint32
    weights: np.ndarray  # float32
    lengths: np.ndarray  # uint32 value byte lengths
    blob: bytes

    @cached_property
    def starts(self) -> np.ndarray:
        starts = np.zeros(len(self.counts), dtype=np.int64)
        np.cumsum(self.counts[:-1], out=starts[1:])
        return starts


class ColumnPool:
    """The index writer's postings of one new segment, as columns per field (``_FieldColumns``)."""

    def __init__(self):
        self._fields: dict[str, _FieldColumns] = {}
        # segments merged into this one, whose postings are read at commit straight from their
        # blocks (``clippings.search.merging``): (terms reader, new number of each document or -1)
        self.segments: list[tuple[object, np.ndarray]] = []

    def _columns(self, fieldname: str) -> _FieldColumns:
        columns = self._fields.get(fieldname)
        if columns is None:
            columns = self._fields[fieldname] = _FieldColumns()
        return columns

    def extend(self, fieldname: str, docnum: int, terms, weights, values) -> None:
        """One document's postings in one field."""
        if terms:
            self._columns(fieldname).extend(docnum, terms, weights, values)

    def add(self, item) -> None:
        """Whoosh's form, one (field, term, doc, weight, value) posting (merges add postings so)."""
        fieldname, tbytes, docnum, weight, vbytes = item
        self._columns(fieldname).extend(docnum, [tbytes], [weight], [vbytes or b""])

    def iter_postings(self) -> ColumnPool:
        return self  # our field writer takes whole fields from ``fields``

    def fields(self):
        """(fieldname, ``FieldPostings``) for every field, by name."""
        for fieldname in sorted(self._fields):
            yield fieldname, self._fields[fieldname].sorted()

    def fieldnames(self) -> list[str]:
        return sorted(self._fields)

    def field(self, fieldname: str) -> FieldPostings | None:
        columns = self._fields.get(fieldname)
        return columns.sorted() if columns is not None else None

    def __iter__(self):
        """Whoosh's form: (field, term, doc, weight, value) tuples in order."""
        for fieldname, postings in self.fields():
            starts = postings.starts.tolist()
            ends = np.cumsum(postings.lengths).tolist()
            for term, start, size in zip(postings.terms, starts, postings.counts.tolist()):
                for i in range(start, start + size):
                    value = postings.blob[ends[i] - int(postings.lengths[i]) : ends[i]]
                    yield fieldname, term, int(postings.ids[i]), float(postings.weights[i]), value

    def cleanup(self) -> None:
        self._fields.clear()
        self.segments.clear()


def pool_of(items) -> ColumnPool:
    """Whoosh's sorted posting tuples as a pool (a writer with Whoosh's own pool hands us those)."""
    if isinstance(items, ColumnPool):
        return items
    pool = ColumnPool()
    for item in items:
        pool.add(item)
    return pool


@dataclass
class Block:
    """Where one field's columns are in a segment's postings file (kept in the term table's extras).

    ``weights`` is None when every weight is 1 or derived: for position lists (``count_weights``)
    a weight is its value's length / 4; for counts (``frequency_values``) the value is the weight
    as a big-endian uint32 (Whoosh's ``Frequency`` format) and is not stored. ``count`` is the
    number of postings (segments written before it was kept have None).
    """

    ids: int
    weights: int | None = None
    lengths: int | None = None
    blob: int | None = None
    count_weights: bool = False
    frequency_values: bool = False
    count: int | None = None

    def as_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Layout:
    """Which columns a field's block stores (see ``Block``)."""

    weights: bool  # a weights column (not all 1, not derived)
    values: bool  # value lengths and bytes columns
    count_weights: bool = False
    frequency_values: bool = False

    @classmethod
    def of(cls, postings: FieldPostings) -> Layout:
        """The smallest layout that keeps these postings."""
        lengths, weights = postings.lengths, postings.weights
        has_values = bool(lengths.any())
        frequency_values = (
            has_values and bool((lengths == 4).all())
            and np.array_equal(np.frombuffer(postings.blob, dtype=">u4"), weights)
        )
        count_weights = has_values and not frequency_values and np.array_equal(lengths, weights * 4)
        return cls(weights=not count_weights and not (weights == 1).all(),
                   values=has_values and not frequency_values, count_weights=count_weights,
                   frequency_values=frequency_values)

    @classmethod
    def of_block(cls, block: dict) -> Layout:
        return cls(weights=block["weights"] is not None, values=block["lengths"] is not None,
                   count_weights=block["count_weights"], frequency_values=block["frequency_values"])

    @classmethod
    def joined(cls, layouts: list[Layout]) -> Layout:
        """A layout that keeps the postings of all of these (segments merged into one)."""
        count_weights = all(x.count_weights for x in layouts)
        frequency_values = all(x.frequency_values for x in layouts)
        weights = not count_weights and any(x.weights or x.count_weights for x in layouts)
        values = not frequency_values and any(x.values or x.frequency_values for x in layouts)
        return cls(weights=weights, values=values, count_weights=count_weights, frequency_values=frequency_values)


def write_block(postfile, postings: FieldPostings, length_codes: np.ndarray | None) -> tuple[Block, np.ndarray]:
    """Write one field's columns to ``postfile``; return where they are and each term's table row
    (``TERM_ROW`` records: ``row_bytes`` gives them as Whoosh's term info bytes)."""
    writer = BlockWriter(postfile, Layout.of(postings), len(postings.ids), length_codes)
    rows = writer.write(postings)
    return writer.close(), rows


class BlockWriter:
    """Writes one field's block a term range at a time (``write`` with ranges in term order): each
    column's place is known from the number of postings, so the ranges of a merge never need to be
    held at once."""

    def __init__(self, postfile, layout: Layout, count: int, length_codes: np.ndarray | None):
        self.postfile = postfile
        self.layout = layout
        self.count = count
        self.length_codes = length_codes
        start = postfile.tell()
        self.block = Block(ids=start, count_weights=layout.count_weights, frequency_values=layout.frequency_values,
                           count=count)
        end = start + 4 * count
        if layout.weights:
            self.block.weights, end = end, end + 4 * count
        if layout.values:
            self.block.lengths, self.block.blob, end = end, end + 4 * count, end + 4 * count
        self._written = 0  # postings
        self._blob_written = 0  # value bytes
        self._end = end

    def _put(self, position: int, data: bytes) -> None:
        if self.postfile.tell() != position:
            self.postfile.seek(position)
        self.postfile.write(data)

    def write(self, postings: FieldPostings) -> np.ndarray:
        """Write the postings of a range of terms (after those written before); return their term rows."""
        n, block = len(postings.ids), self.block
        if self._written + n > self.count:
            raise ValueError(f"block of {self.count} postings given {self._written + n}")
        self._put(block.ids + 4 * self._written, postings.ids.astype(_U32, copy=False).tobytes())
        if block.weights is not None:
            self._put(block.weights + 4 * self._written, postings.weights.astype(_F32, copy=False).tobytes())
        value_starts = np.zeros(len(postings.counts), dtype=np.int64)
        if block.lengths is not None:
            lengths = postings.lengths
            self._put(block.lengths + 4 * self._written, lengths.astype(_U32, copy=False).tobytes())
            self._put(block.blob + self._blob_written, bytes(postings.blob))
            ends = np.cumsum(lengths, dtype=np.int64)
            value_starts = block.blob + self._blob_written + ends[postings.starts] - lengths[postings.starts]
            self._blob_written += int(ends[-1]) if len(ends) else 0
        rows = _term_rows(postings, postings.weights, self.length_codes, value_starts)
        rows["length"] += self._written
        self._written += n
        return rows

    def close(self) -> Block:
        if self._written != self.count:
            raise ValueError(f"block of {self.count} postings given {self._written}")
        self.postfile.seek(self._end + self._blob_written)
        return self.block


def _term_rows(postings: FieldPostings, weights: np.ndarray, length_codes, value_starts) -> np.ndarray:
    starts, counts, ids = postings.starts, postings.counts, postings.ids
    rows = np.zeros(len(counts), dtype=TERM_ROW)
    rows["weight"] = np.add.reduceat(weights.astype(np.float64), starts) if len(starts) else 0
    rows["df"] = counts
    rows["maxweight"] = np.maximum.reduceat(weights, starts) if len(starts) else 0
    rows["minid"] = ids[starts]
    rows["maxid"] = ids[starts + counts - 1]
    if length_codes is not None and len(starts):
        known = np.zeros(int(ids.max()) + 1, dtype=np.uint8)
        known[: min(len(known), len(length_codes))] = length_codes[: len(known)]
        codes = known[ids]
        rows["minlength"] = np.minimum.reduceat(codes, starts)
        rows["maxlength"] = np.maximum.reduceat(codes, starts)
    rows["offset"] = value_starts
    rows["length"] = starts
    return rows


def row_bytes(rows: np.ndarray) -> list[bytes]:
    """Term table rows as the bytes Whoosh stores for each term."""
    data = rows.tobytes()
    size = TERM_ROW.itemsize
    return [data[i : i + size] for i in range(0, len(data), size)]


def read_block(postfile, block: dict, df: int, offset: int, start: int) -> Postings:
    """A term's postings from its field's block: ``df`` postings from posting ``start``, values from byte ``offset``."""
    ids = np.frombuffer(postfile.get(block["ids"] + 4 * start, 4 * df), dtype=_U32)
    lengths = None
    blob: bytes | memoryview = b""
    if block["lengths"] is not None:
        lengths = np.frombuffer(postfile.get(block["lengths"] + 4 * start, 4 * df), dtype=_U32)
        blob = postfile.get(offset, int(lengths.sum(dtype=np.int64)))
    if block["weights"] is not None:
        weights = np.frombuffer(postfile.get(block["weights"] + 4 * start, 4 * df), dtype=_F32)
    elif block["count_weights"]:
        weights = (lengths // 4).astype(np.float32)
    else:
        weights = np.ones(df, dtype=np.float32)
    if block["frequency_values"]:
        lengths = np.full(df, 4, dtype=np.uint32)
        blob = weights.astype(">u4").tobytes()
    return Postings(ids, weights, lengths, blob)
