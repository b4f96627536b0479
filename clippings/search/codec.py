"""Whoosh's W3 codec, tuned for an index of character pairs.

A character-pair index has hundreds of thousands of distinct terms per segment, most of them in a
handful of documents. Whoosh's W3 codec writes every term's postings as a pickled, compressed block
in the postings file, and looks up the document's field length from disk once per posting. Measured
on the benchmark corpus (``python manage.py bench``), those two costs were about half of the time
spent committing a segment. This codec:

* keeps the postings of terms found in fewer than ``inlinelimit`` documents inside the term table.
  W3 reads such inlined postings, but its writer calls a method its term info lacks
  (``set_inline`` for ``set_inlined``), which its default limit of 1 never reaches; the term
  info below supplies it;
* reads each field's length column once per segment instead of once per posting;
* opens a segment's compound file by reading from it, not by mapping it: Whoosh wraps each part
  of a memory-mapped compound file in a ``BytesIO``, which copies it, so every reader held a
  private copy of the segment's term table and postings (measured: the index writer's memory grew
  by about 70 MB for every segment already in the index, because it opens them all to delete
  replaced documents; a searcher held the whole index in memory).

Segments remember their codec, so indexes written before keep being read as they were.
"""
from __future__ import annotations

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3Codec, W3FieldWriter, W3Segment, W3TermInfo, _lenfield
from whoosh.filedb.compound import CompoundStorage
from whoosh.util.numeric import byte_to_length


class ArchiveCodec(W3Codec):
    def __init__(self, blocklimit=128, compression=3, inlinelimit=8):
        super().__init__(blocklimit=blocklimit, compression=compression, inlinelimit=inlinelimit)

    def field_writer(self, storage, segment):
        return _FieldWriter(self, storage, segment)

    def new_segment(self, storage, indexname):
        return ArchiveSegment(self, indexname)


class ArchiveSegment(W3Segment):
    def open_compound_file(self, storage):
        return CompoundStorage(storage.open_file(self.make_filename(self.COMPOUND_EXT)), use_mmap=False)


class _TermInfo(W3TermInfo):
    def set_inline(self, ids, weights, values):
        # formats without values (Existence) buffer none; readers expect one per posting
        self.set_inlined(ids, weights, values if len(values) == len(ids) else (None,) * len(ids))


class _FieldWriter(W3FieldWriter):
    def start_term(self, btext):
        self._btext = btext
        self._postwriter.start_postings(self._fieldobj.format, _TermInfo())

    def add_postings(self, schema, lengths, items):
        super().add_postings(schema, _Lengths(lengths) if lengths else None, items)


class _Lengths:
    """``doc_field_length`` from whole length columns read once (None where Whoosh gives None)."""

    def __init__(self, reader):
        self._reader = reader
        self._columns: dict[str, list | None] = {}

    def _column(self, fieldname: str) -> list | None:
        if fieldname not in self._columns:
            column = self._reader._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            self._columns[fieldname] = None if column is None else [
                byte_to_length(b) if b else None for b in column
            ]
        return self._columns[fieldname]

    def doc_field_length(self, docnum: int, fieldname: str, default=0):
        column = self._column(fieldname)
        if column is None:
            return default
        return column[docnum] if docnum < len(column) else default

    def __getattr__(self, name):
        return getattr(self._reader, name)
