"""The index writer: Whoosh's segment writer with a column pool and a merge policy for bulk ingest.

A character-pair index gives about 1,700 postings per article. Whoosh's ``SegmentWriter`` keeps
every posting as a 5-tuple in a sorting pool (about 250 bytes each in CPython), spills the pool to
disk past ``limitmb`` and sorts all tuples at commit. Measured on the benchmark corpus, spilling a
1,000-article batch doubled its indexing time. This writer:

* pools a document's postings as columns per field, one call per field
  (``clippings.search.columns``): a batch fits in memory and is sorted with numpy at commit;
* merges only small segments (the commits of single edits and short ingests) into batch-sized
  ones, and leaves batch segments as written (see ``merge_small``): Whoosh's default policy
  periodically rewrites the whole index into one segment.
"""
from __future__ import annotations

from whoosh.reading import SegmentReader
from whoosh.writing import SegmentWriter

from clippings.search.codec import ArchiveCodec
from clippings.search.columns import ColumnPool

MERGE_FACTOR = 8
BATCH_DOCS = 1000  # documents an ingest commits at once
# Merging reads every posting back through Whoosh's matchers: measured, a merge costs about ten times
# a fresh write per document (900 documents: 20 s against 2 s) and its memory grows with the merged
# size. So merges only gather small segments (the commits of single edits and short ingests) into
# segments of at most a batch; batch segments stay as written (100 segments for 100,000 articles)
# and are only rewritten to drop deleted documents.
PURGE_DELETED = 0.4  # a segment with this share of deleted documents is merged to drop them


class ArchiveWriter(SegmentWriter):
    def __init__(self, ix, **kwargs):
        kwargs.setdefault("codec", ArchiveCodec())
        super().__init__(ix, **kwargs)
        self.pool = ColumnPool()
        self.mergetype = merge_small

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
    its end, 14 s for nothing but a few deleted documents. And a full batch takes no small segments:
    a merge adds their postings to this commit's pool, and at 100k a batch that took 434 more
    documents raised the index writer's peak memory from ~510 to 665 MB."""
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
