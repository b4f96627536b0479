"""Segments merged from their column blocks, a range of terms at a time.

Whoosh merges segments by reading every posting back through its matchers into the new segment's
pool: measured, 10-20 s per 1,000 articles (ten times writing them afresh), with memory that grows
with the merged size. So the index kept every batch segment as written, and a search paid a term
lookup and a few array calls per segment for every term it read: at 100,000 articles (97
segments) that was about a third of a query.

Here each source of a field's postings (a segment being merged, or the commit's new documents)
gives them in term order as array slices. The sources' slices are merged a range of terms at a
time (a k-way merge of sorted term lists, each range bounded by a number of postings), documents
renumbered with one array lookup (deleted ones dropped), and each range is written to the new
segment's block as soon as it is merged (``columns.BlockWriter``): memory stays that of one range
whatever the size of the merge.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from clippings.search.columns import FieldPostings, Layout, gathered

POSTINGS_PER_RANGE = 2_000_000  # postings of all sources merged at once (~25 bytes each while merging)
TERMS_PER_READ = 4096  # term table rows read from a segment at once


@dataclass
class Slice:
    """A source's postings of consecutive terms: ``counts[i]`` postings for ``terms[i]``."""

    terms: list[bytes]
    counts: np.ndarray  # int64
    ids: np.ndarray  # int64, numbers in the new segment; -1 for a deleted document
    weights: np.ndarray  # float32
    lengths: np.ndarray  # uint32 value byte lengths (zeros when the field has no values)
    blob: bytes
    last: bool  # the source has no terms after these

    def split(self, cut: int) -> tuple[Slice, Slice]:
        """(the first ``cut`` terms, the rest)."""
        p = int(self.counts[:cut].sum())
        b = int(self.lengths[:p].sum(dtype=np.int64))
        return (
            Slice(self.terms[:cut], self.counts[:cut], self.ids[:p], self.weights[:p], self.lengths[:p],
                  self.blob[:b], self.last and cut == len(self.terms)),
            Slice(self.terms[cut:], self.counts[cut:], self.ids[p:], self.weights[p:], self.lengths[p:],
                  self.blob[b:], self.last),
        )


class PoolSource:
    """The commit's own new documents in one field (sorted, numbered from 0)."""

    def __init__(self, postings: FieldPostings):
        self.postings = postings
        self.layout = Layout.of(postings)
        self.live = len(postings.ids)

    def slices(self, budget: int) -> Iterator[Slice]:
        p = self.postings
        ends = np.cumsum(p.counts)
        value_ends = np.cumsum(p.lengths, dtype=np.int64)
        first = 0
        while first < len(p.terms):
            posting0 = int(ends[first] - p.counts[first])
            # up to ``budget`` postings (at least one term), at most TERMS_PER_READ terms
            last = max(first + 1, min(int(np.searchsorted(ends, posting0 + budget, side="right")), first + TERMS_PER_READ))
            last = min(last, len(p.terms))
            posting1 = int(ends[last - 1])
            blob0 = int(value_ends[posting0 - 1]) if posting0 else 0
            blob1 = int(value_ends[posting1 - 1]) if posting1 else 0
            yield Slice(p.terms[first:last], p.counts[first:last].astype(np.int64),
                        p.ids[posting0:posting1].astype(np.int64), p.weights[posting0:posting1],
                        p.lengths[posting0:posting1], p.blob[blob0:blob1], last == len(p.terms))
            first = last


class SegmentSource:
    """One field of a segment being merged (``codec.ArchiveTermsReader``), its documents renumbered
    by ``new_ids`` (the new number of each of its documents, -1 for a deleted one)."""

    def __init__(self, terms_reader, fieldname: str, new_ids: np.ndarray):
        self.reader = terms_reader
        self.fieldname = fieldname
        self.new_ids = new_ids
        block = terms_reader.block(fieldname)
        self.layout = Layout.of_block(block)
        count = block.get("count")
        if count is None:  # (written before blocks kept their count)
            count = sum(int(rows["df"].sum()) for _, rows in terms_reader.field_rows(fieldname))
        self.live = count
        if (new_ids < 0).any():
            for first in range(0, count, POSTINGS_PER_RANGE):
                part = terms_reader.read_ids(fieldname, min(POSTINGS_PER_RANGE, count - first), first)
                self.live -= int(np.count_nonzero(new_ids[part] < 0))

    def slices(self, budget: int) -> Iterator[Slice]:
        chunks = self.reader.field_rows(self.fieldname, TERMS_PER_READ)
        chunk = next(chunks, None)
        while chunk is not None:
            following = next(chunks, None)
            terms, rows = chunk
            counts = rows["df"].astype(np.int64)
            ends = np.cumsum(counts)
            first = 0
            while first < len(terms):
                done = int(ends[first - 1]) if first else 0
                last = max(first + 1, int(np.searchsorted(ends, done + budget, side="right")))
                last = min(last, len(terms))
                postings = self.reader.read_range(self.fieldname, int(ends[last - 1]) - done,
                                                  int(rows["offset"][first]), int(rows["length"][first]))
                lengths = postings.lengths if postings.lengths is not None else np.zeros(len(postings.ids), np.uint32)
                yield Slice(terms[first:last], counts[first:last], self.new_ids[postings.ids], postings.weights,
                            lengths, bytes(postings.blob), following is None and last == len(terms))
                first = last
            chunk = following


def merged(sources: list, budget: int | None = None) -> Iterator[FieldPostings]:
    """The sources' postings merged, a range of terms at a time (about ``budget`` postings), in
    term order; within a term, documents in the order of the sources (give them in the order of
    their new numbers)."""
    share = max(1, (budget or POSTINGS_PER_RANGE) // max(1, len(sources)))
    streams = [source.slices(share) for source in sources]
    pending: list[Slice | None] = [None] * len(sources)
    while True:
        for i, stream in enumerate(streams):
            if pending[i] is None:
                pending[i] = next(stream, None)
        if all(p is None for p in pending):
            return
        # a range ends at the smallest last term among sources that have more terms after their
        # slice: every term up to it is then in the slices at hand
        bounds = [p.terms[-1] for p in pending if p is not None and not p.last]
        bound = min(bounds) if bounds else None
        parts = []
        for i, p in enumerate(pending):
            if p is None:
                continue
            cut = len(p.terms) if bound is None else bisect_right(p.terms, bound)
            head, rest = p.split(cut)
            if head.terms:
                parts.append(head)
            pending[i] = rest if rest.terms else None
        postings = _merge(parts)
        if postings.terms:
            yield postings


def _merge(parts: list[Slice]) -> FieldPostings:
    if len(parts) == 1:
        terms = parts[0].terms
        ranks = [np.arange(len(terms), dtype=np.int64)]
    else:
        terms = sorted(set().union(*(p.terms for p in parts)))
        index = {t: i for i, t in enumerate(terms)}
        ranks = [np.fromiter(map(index.__getitem__, p.terms), dtype=np.int64, count=len(p.terms)) for p in parts]
    posting_terms = np.concatenate([np.repeat(r, p.counts) for r, p in zip(ranks, parts)])
    ids = np.concatenate([p.ids for p in parts])
    lengths = np.concatenate([p.lengths for p in parts])
    kept = np.flatnonzero(ids >= 0)
    order = kept if len(parts) == 1 else kept[np.argsort(posting_terms[kept], kind="stable")]
    counts = np.bincount(posting_terms[kept], minlength=len(terms))
    if not counts.all():  # terms of deleted documents only
        present = counts > 0
        terms = [t for t, keep in zip(terms, present.tolist()) if keep]
        counts = counts[present]
    out_lengths = lengths[order]
    blob = gathered(b"".join(p.blob for p in parts), lengths, order) if out_lengths.any() else b""
    weights = np.concatenate([p.weights for p in parts])[order]
    return FieldPostings(terms, counts, ids[order].astype(np.uint32), weights, out_lengths, blob)
