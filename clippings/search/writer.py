"""The index writer: Whoosh's segment writer with a compact posting pool and a merge policy for bulk ingest.

A character-pair index gives about 1,700 postings per article. Whoosh's ``SegmentWriter`` keeps
every posting as a 5-tuple in a sorting pool (about 250 bytes each in CPython), spills the pool to
disk past ``limitmb`` and sorts all tuples at commit. Measured on the benchmark corpus, spilling a
1,000-article batch doubled its indexing time. This writer:

* pools postings per term (one flat list per term), so a batch fits in memory and only the
  distinct terms are sorted;
* merges only small segments (the commits of single edits and short ingests) into batch-sized
  ones, and leaves batch segments as written (see ``merge_small``): Whoosh's default policy
  periodically rewrites the whole index into one segment.
"""
from __future__ import annotations

from whoosh.reading import SegmentReader
from whoosh.writing import SegmentWriter

from clippings.search.codec import ArchiveCodec

MERGE_FACTOR = 8
BATCH_DOCS = 1000  # documents an ingest commits at once
# Merging reads every posting back through Whoosh's matchers: measured, a merge costs about ten times
# a fresh write per document (900 documents: 20 s against 2 s) and its memory grows with the merged
# size. So merges only gather small segments (the commits of single edits and short ingests) into
# segments of at most a batch; batch segments stay as written (100 segments for 100,000 articles)
# and are only rewritten to drop deleted documents.
PURGE_DELETED = 0.4  # a segment with this share of deleted documents is merged to drop them


class CompactPool:
    """Postings of one new segment, grouped by field and term: one flat list per term."""

    def __init__(self):
        self._fields: dict[str, dict[bytes, list]] = {}
        self._unsorted: set[tuple[str, bytes]] = set()

    @property
    def fieldnames(self) -> set[str]:
        return set(self._fields)

    def add(self, item) -> None:
        fieldname, tbytes, docnum, weight, vbytes = item
        terms = self._fields.get(fieldname)
        if terms is None:
            terms = self._fields[fieldname] = {}
        entry = terms.get(tbytes)
        if entry is None:
            terms[tbytes] = [docnum, weight, vbytes]
            return
        if docnum < entry[-3]:
            self._unsorted.add((fieldname, tbytes))
        entry += (docnum, weight, vbytes)

    def iter_postings(self) -> CompactPool:
        return self  # our field writer takes whole terms from ``by_field``

    def by_field(self):
        """(fieldname, iterator of (term bytes, ids, weights, values)) in order, ids ascending."""
        for fieldname in sorted(self._fields):
            yield fieldname, self._terms(fieldname)

    def _terms(self, fieldname):
        terms = self._fields[fieldname]
        for tbytes in sorted(terms):
            flat = terms[tbytes]
            ids, weights, values = flat[0::3], flat[1::3], flat[2::3]
            if (fieldname, tbytes) in self._unsorted:
                order = sorted(range(len(ids)), key=ids.__getitem__)
                ids, weights, values = ([seq[i] for i in order] for seq in (ids, weights, values))
            yield tbytes, ids, weights, values

    def __iter__(self):
        """Whoosh's form: (field, term, doc, weight, value) tuples in order."""
        for fieldname, terms in self.by_field():
            for tbytes, ids, weights, values in terms:
                for docnum, weight, vbytes in zip(ids, weights, values):
                    yield fieldname, tbytes, docnum, weight, vbytes

    def cleanup(self) -> None:
        self._fields.clear()
        self._unsorted.clear()


class ArchiveWriter(SegmentWriter):
    def __init__(self, ix, **kwargs):
        kwargs.setdefault("codec", ArchiveCodec())
        super().__init__(ix, **kwargs)
        self.pool = CompactPool()
        self.mergetype = merge_small


def merge_small(writer, segments):
    """Merge policy: when ``MERGE_FACTOR`` small segments gather, the smallest become one (≤ a batch);
    a segment with many deleted documents is rewritten without them; the rest stay."""
    live = [s for s in segments if s.doc_count() > 0]  # a segment of deleted documents only is dropped
    merge = [s for s in live if (s.doc_count_all() - s.doc_count()) / s.doc_count_all() >= PURGE_DELETED]
    small = sorted((s for s in live if s.doc_count() < BATCH_DOCS and s not in merge), key=lambda s: s.doc_count())
    if len(small) >= MERGE_FACTOR:
        total = 0
        for segment in small:
            if total + segment.doc_count() > BATCH_DOCS and total:
                break
            merge.append(segment)
            total += segment.doc_count()
    for segment in merge:
        writer.add_reader(SegmentReader(writer.storage, writer.schema, segment))
    return [s for s in live if s not in merge]
