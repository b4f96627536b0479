"""The index writer: Whoosh's segment writer with a column pool and a merge policy for bulk ingest.

A character-pair index gives about 1,700 postings per article. Whoosh's ``SegmentWriter`` keeps
every posting as a 5-tuple in a sorting pool (about 250 bytes each in CPython), spills the pool to
disk past ``limitmb`` and sorts all tuples at commit. Measured on the benchmark corpus, spilling a
1,000-article batch doubled its indexing time. This writer:

* pools a document's postings as columns per field, one call per field
  (``clippings.search.columns``): a batch fits in memory and is sorted with numpy at commit;
* merges segments straight from their column blocks (``clippings.search.merging``) with a
  tiered policy (``merge_tiers``): small segments (single edits, short ingests) into batch-sized
  ones, ``TIERS`` segments of a size into one of the next size. Whoosh's default policy reads
  every posting back through its matchers and periodically rewrites the whole index into one
  segment.
"""
from __future__ import annotations

import math
from itertools import pairwise

import numpy as np
from whoosh.reading import SegmentReader
from whoosh.writing import SegmentWriter

from clippings.search.codec import ArchiveCodec, ArchiveTermsReader
from clippings.search.columns import ColumnPool

MERGE_FACTOR = 8
TIERS = 10  # segments of a tier merged into one (``merge_tiers``)
MAX_MERGED_DOCS = 100_000  # no merge makes a larger segment (its time and the term table's memory grow with it)
# documents an ingest commits at once. The figures in the README were measured with commits of ~500:
# the background writer took a page's ids past 1,000 and ``write_articles`` split them evenly in two;
# it now writes full batches, of the size that was measured
BATCH_DOCS = 500
# Whoosh's merge reads every posting back through its matchers (measured: 900 documents in 20 s,
# ten times a fresh write, with memory growing with the merged size), so batch segments were kept as
# written: 97 segments at 100,000 articles, and a search paid a term lookup and a few array calls
# per segment for every term (a third of a query). Merged from their blocks, 10,000 articles take
# ~9 s and memory stays that of one range of terms.
PURGE_DELETED = 0.4  # a segment with this share of deleted documents is merged to drop them


class ArchiveWriter(SegmentWriter):
    def __init__(self, ix, **kwargs):
        kwargs.setdefault("codec", ArchiveCodec())
        super().__init__(ix, **kwargs)
        self.pool = ColumnPool()
        self.mergetype = merge_tiers
        self._merged: list[tuple] = []  # (reader, its first new number, docmap, the number after its last)

    def add_postings_to_pool(self, reader, startdoc, docmap):
        """A segment merged into this one (after its documents were copied): its postings are read
        at commit, straight from its column blocks where it can be (``_flush_segment``). Through a
        reader of our own: merge policies may close theirs (Whoosh's ``OPTIMIZE`` does)."""
        own = SegmentReader(self.storage, self.schema, reader.segment())
        self._merged.append((own, startdoc, docmap, self.docnum))

    def _flush_segment(self):
        merged, self._merged = self._merged, []
        # straight from the blocks when every merged segment has them and they were merged after
        # this commit's own documents were added, one after the other (so a term's documents are in
        # order source after source); otherwise through Whoosh's pool, posting by posting
        streams = all(isinstance(r._terms, ArchiveTermsReader) and r._terms.streams_all_fields() for r, _, _, _ in merged)
        chained = all(a[3] == b[1] for a, b in pairwise(merged)) and (not merged or merged[-1][3] == self.docnum)
        try:
            for reader, startdoc, docmap, _ in merged:
                if streams and chained:
                    self.pool.segments.append((reader._terms, new_numbers(reader, startdoc, docmap)))
                else:
                    super().add_postings_to_pool(reader, startdoc, docmap)
            super()._flush_segment()
        finally:
            self.pool.segments.clear()
            for reader, _, _, _ in merged:
                reader.close()

    def add_document(self, **fields):
        """Whoosh's ``add_document`` with each field's postings pooled as columns in one call
        (``PiecesFieldType.columns``), instead of a tuple and a call per posting. Documents with
        Whoosh's extras (boosts, spelling, vectors) take Whoosh's own path."""
        schema = self.schema
        if any(name.startswith("_") for name in fields) or any(
            schema[name].vector or schema[name].separate_spelling() for name in fields if name in schema
        ):
            return super().add_document(**fields)
        self._check_state()
        fieldnames = sorted(fields)
        self._check_fields(schema, fieldnames)
        perdoc = self.perdocwriter
        docnum = self.docnum
        perdoc.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields[fieldname]
                if value is None:
                    continue
                field = schema[fieldname]
                length = 0
                if field.indexed:
                    if hasattr(field, "columns") and isinstance(value, str):
                        terms, weights, values, length = field.columns(value)
                    else:
                        items = list(field.index(value))
                        terms = [t for t, _, _, _ in items]
                        weights = [w for _, _, w, _ in items]
                        values = [v or b"" for _, _, _, v in items]
                        length = sum(f for _, f, _, _ in items)
                    self.pool.extend(fieldname, docnum, terms, weights, values)
                    if not field.scorable:
                        length = 0
                perdoc.add_field(fieldname, field, value if field.stored else None, length)
                if field.column_type:
                    perdoc.add_column_value(fieldname, field.column_type, field.to_column_value(value))
        except Exception:
            perdoc.cancel_doc()
            raise
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1


def merge_small(writer, segments):
    """Merge policy: when ``MERGE_FACTOR`` small segments gather (written by commits of fewer than
    half a batch: single edits, short ingests), the smallest are merged into this commit while it
    stays within a batch (its own new documents count); a segment with many deleted documents is
    rewritten without them; the rest stay.

    A batch segment with a few documents re-indexed since is not small: measured, counting it as
    small (by its live documents) made the 10,000-article benchmark rewrite single batch segments at
    its end, 14 s for nothing but a few deleted documents. And a full batch takes no small segments
    (from when merged postings went through the commit's pool: at 100k a batch that took 434 more
    documents raised the index writer's peak memory from ~510 to 665 MB; kept, as the small
    segments then make a batch segment of their own)."""
    live = [s for s in segments if s.doc_count() > 0]  # a segment of deleted documents only is dropped
    merge = [s for s in live if (s.doc_count_all() - s.doc_count()) / s.doc_count_all() >= PURGE_DELETED]
    small = sorted((s for s in live if s.doc_count_all() < BATCH_DOCS / 2 and s not in merge),
                   key=lambda s: s.doc_count())
    if len(small) >= MERGE_FACTOR:
        room = BATCH_DOCS - writer.docnum - sum(s.doc_count() for s in merge)
        group, total = [], 0
        for segment in small:
            if total + segment.doc_count() > room:
                break
            group.append(segment)
            total += segment.doc_count()
        if len(group) > 1 or group and writer.docnum:
            merge += group
    for segment in merge:
        writer.add_reader(SegmentReader(writer.storage, writer.schema, segment))
    return [s for s in live if s not in merge]


def new_numbers(reader, startdoc: int, docmap: dict | None) -> np.ndarray:
    """Each document's number in the merged segment (Whoosh's ``docmap``, None when none was
    deleted), -1 for a deleted one."""
    if docmap is None:
        return startdoc + np.arange(reader.doc_count_all(), dtype=np.int64)
    numbers = np.full(reader.doc_count_all(), -1, dtype=np.int64)
    if docmap:
        numbers[np.fromiter(docmap.keys(), np.int64, len(docmap))] = np.fromiter(docmap.values(), np.int64, len(docmap))
    return numbers


def tier(segment) -> int:
    """0 for segments of about a batch, 1 of about ``TIERS`` batches, 2 of ``TIERS``², … (rounded on
    a log scale: a merge of ``TIERS`` batches that lost some documents still climbs a tier)."""
    return max(0, round(math.log(max(segment.doc_count(), 1) / BATCH_DOCS, TIERS)))


def merge_tiers(writer, segments):
    """Merge policy: ``merge_small``; then, when ``TIERS`` segments of a tier gather (segments of
    about a batch, of about ``TIERS`` batches, …), they are merged into this commit's segment, read
    straight from their column blocks (``clippings.search.merging``): the index holds about
    ``TIERS`` segments per tier (13 at 100,000 articles, not 97), each posting rewritten once per
    tier it climbs, up to segments of ``MAX_MERGED_DOCS`` (measured: 88,000 articles merged in 49 s,
    peak RSS 400 MB). One tier per commit, the lowest that is full."""
    kept = merge_small(writer, segments)
    by_tier: dict[int, list] = {}
    for segment in kept:
        if segment.doc_count_all() >= BATCH_DOCS / 2:
            by_tier.setdefault(tier(segment), []).append(segment)
    for level in sorted(by_tier):
        group = sorted(by_tier[level], key=lambda s: s.doc_count())[:TIERS]
        if len(group) >= TIERS and writer.docnum + sum(s.doc_count() for s in group) <= MAX_MERGED_DOCS:
            for segment in group:
                writer.add_reader(SegmentReader(writer.storage, writer.schema, segment))
            return [s for s in kept if s not in group]
    return kept
