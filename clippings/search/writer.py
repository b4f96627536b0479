"""The index writer: Whoosh's segment writer with a compact posting pool and streaming merges.

A character-pair index gives about 1,700 postings per article. Whoosh's ``SegmentWriter`` keeps
every posting as a 5-tuple in a sorting pool (about 250 bytes each in CPython), spills the pool to
disk past ``limitmb`` and sorts all tuples at commit; merging segments pushes all their postings
through that pool again. Measured on the benchmark corpus, a 1,000-article batch took ~900 MB and
merges grew with the index. This writer:

* pools postings per term (document numbers and weights in arrays, one value object each), so a
  batch takes a fraction of the memory and only the distinct terms are sorted;
* merges segments by streaming their already sorted postings beside the pool's into the new
  segment (``heapq.merge``), in constant memory, instead of through the pool;
* uses a tiered merge policy: ``MERGE_FACTOR`` segments of one size class become one segment of
  the next, never past ``MAX_MERGED_DOCS`` articles, so an article's postings are rewritten at
  most once however large the archive grows, and no commit holds the writer lock for long
  (Whoosh's default policy periodically merges everything into one segment).
"""
from __future__ import annotations

import heapq
import math

from whoosh.reading import SegmentReader
from whoosh.writing import SegmentWriter

from clippings.search.codec import ArchiveCodec

MERGE_FACTOR = 8
BATCH_DOCS = 500  # documents an ingest commits at once: the first size class
MAX_MERGED_DOCS = 4000  # no merge writes more: a merge rewrites postings (about as slow as writing
# them) and holds the writer lock; larger segments are only rewritten to drop deleted documents
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

    def iter_postings(self):
        for fieldname in sorted(self._fields):
            terms = self._fields[fieldname]
            for tbytes in sorted(terms):
                flat = terms[tbytes]
                triples = zip(flat[0::3], flat[1::3], flat[2::3])
                if (fieldname, tbytes) in self._unsorted:
                    triples = sorted(triples, key=lambda t: t[0])
                for docnum, weight, vbytes in triples:
                    yield fieldname, tbytes, docnum, weight, vbytes

    def cleanup(self) -> None:
        self._fields.clear()
        self._unsorted.clear()


class ArchiveWriter(SegmentWriter):
    def __init__(self, ix, **kwargs):
        kwargs.setdefault("codec", ArchiveCodec())
        super().__init__(ix, **kwargs)
        self.pool = CompactPool()
        self.mergetype = tiered_merge
        self._merging: list[tuple[SegmentReader, int, dict | None]] = []

    def add_reader(self, reader) -> None:
        """Take an old segment's documents; its postings are streamed at flush, not pooled."""
        self._check_state()
        basedoc = self.docnum
        fieldnames = set(self.schema.names()) | {f for f in reader.indexed_field_names() if f in self.schema}
        docmap = self.write_per_doc(fieldnames, reader)
        self._merging.append((reader, basedoc, docmap))
        self._added = True

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        lengths = self.per_document_reader() if self.codec.length_stats else None
        sources = [self.pool.iter_postings()]
        sources += [self._process_posts(r.iter_postings(), base, docmap) for r, base, docmap in self._merging]
        # postings order by (field, term, document); documents of different sources never tie
        postings = sources[0] if len(sources) == 1 else heapq.merge(*sources)
        self.fieldwriter.add_postings(self.schema, lengths, postings)
        self.fieldwriter.close()
        if lengths:
            lengths.close()
        self._close_readers()

    def _close_readers(self) -> None:
        for reader, _, _ in self._merging:
            reader.close()
        self._merging = []

    def cancel(self) -> None:
        self._close_readers()
        super().cancel()


def _tier(docs: int) -> int:
    return max(0, int(math.log(max(docs, 1) / BATCH_DOCS, MERGE_FACTOR)) + (docs >= BATCH_DOCS))


def tiered_merge(writer, segments):
    """Merge ``MERGE_FACTOR`` segments of a size class into the new segment; keep the rest."""
    tiers: dict[int, list] = {}
    purge = []
    for segment in segments:
        total, live = segment.doc_count_all(), segment.doc_count()
        if live == 0:
            continue  # every document deleted: drop the segment
        if total and (total - live) / total >= PURGE_DELETED:
            purge.append(segment)
        elif live < MAX_MERGED_DOCS:
            tiers.setdefault(_tier(live), []).append(segment)
    merge = list(purge)
    for tier in sorted(tiers):
        group = sorted(tiers[tier], key=lambda s: s.doc_count())
        while len(group) >= MERGE_FACTOR and sum(s.doc_count() for s in group[:MERGE_FACTOR]) <= MAX_MERGED_DOCS:
            merge += group[:MERGE_FACTOR]
            group = group[MERGE_FACTOR:]
    merged = {id(s) for s in merge}
    for segment in merge:
        writer.add_reader(SegmentReader(writer.storage, writer.schema, segment))
    return [s for s in segments if id(s) not in merged and s.doc_count() > 0]
