"""Whoosh's W3 codec, tuned for an index of character pairs.

A character-pair index has hundreds of thousands of distinct terms per segment, most of them in a
handful of documents. Whoosh's W3 codec writes every term's postings as a pickled, compressed block
in the postings file, its term-table row through a ``TermInfo`` object, and looks up the document's
field length from disk once per posting. Measured on the benchmark corpus (``python manage.py
bench``), writing a segment so cost more than everything else in an index write. This codec:

* writes each field's postings as one block of columns (``clippings.search.columns``), sorted
  and summed with numpy, and the term table in W3's row layout from arrays
  (``clippings.search.termtable``); the search reads a term's postings as array slices, Whoosh's
  own readers through a ``ListMatcher`` (``ArchiveTermsReader``);
* merges segments from these blocks, a range of terms at a time (``clippings.search.merging``),
  reading the term table a few thousand rows per file read (``termtable.records_from``);
* reads each field's length column once per segment instead of once per posting;
* maps a segment's compound file into memory and reads its parts in place: Whoosh wraps each part
  of a memory-mapped compound file in a ``BytesIO``, which copies it, so every reader held a
  private copy of the segment's term table and postings (measured: the index writer's memory grew
  by about 70 MB for every segment already in the index, because it opens them all to delete
  replaced documents; a searcher held the whole index in memory). Reading the parts through file
  reads instead (a seek and a read per term-table probe) cost ~20 ms per query at 100,000 articles.

The layout is part of the index's schema version (``CODEC_VERSION``): an index written in another
layout is rebuilt (``search_sync``).
"""
from __future__ import annotations

import contextvars
from contextlib import contextmanager

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3Codec, W3FieldWriter, W3Segment, W3TermsReader, _lenfield
from whoosh.filedb.compound import CompoundStorage
from whoosh.filedb.structfile import BufferFile
from whoosh.matching import ListMatcher
from whoosh.reading import TermNotFound
from whoosh.system import pack_ushort
from whoosh.util.numeric import byte_to_length

from clippings.search import columns, merging, packed
from clippings.search.termtable import BulkOrderedHashWriter, records_from

CODEC_VERSION = "columns-1"  # the postings layout (``clippings.search.columns``)
TERM_CHUNK = 16384  # term table rows written at once
BLOCKS = "devnews_blocks"  # the term table extra saying where each field's column block is


class ArchiveCodec(W3Codec):
    def field_writer(self, storage, segment):
        return _FieldWriter(self, storage, segment)

    def new_segment(self, storage, indexname):
        return ArchiveSegment(self, indexname)

    def terms_reader(self, storage, segment):
        name = segment.make_filename(self.TERMS_EXT)
        return ArchiveTermsReader(self, storage.open_file(name), storage.file_length(name),
                                  segment.open_file(storage, self.POSTS_EXT))


def _extent(terminfo) -> tuple[int, int]:
    offset, length = terminfo.extent()
    # W3TermInfo.from_bytes leaves the length as the 1-tuple struct.unpack returns
    return offset, length[0] if isinstance(length, tuple) else length


def read_postings(reader, fieldname: str, btext: bytes) -> packed.Postings | None:
    """A term's postings in one segment as arrays (deleted documents included), or None."""
    terms = getattr(reader, "_terms", None)
    if terms is None:  # an empty index
        return None
    if isinstance(terms, ArchiveTermsReader) and terms.has_blocks(fieldname):
        return terms.postings(fieldname, btext)
    if (fieldname, btext) not in terms:
        return None
    # a segment written by another codec (Whoosh's own W3): its matcher, posting by posting
    matcher = terms.matcher(fieldname, btext, reader.schema[fieldname].format)
    ids, weights, values = [], [], []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        values.append(matcher.value())
        matcher.next()
    return packed.from_lists(ids, weights, values)


_map_segments = contextvars.ContextVar("devnews_map_segments", default=True)


@contextmanager
def segments_read_from_file():
    """Segments opened inside are read through their file instead of mapped. For writers: a writer
    opens every segment to delete replaced documents, and the mapped pages it touches count as its
    resident memory (measured: +9 MB per segment in the index), while it gains nothing from speed."""
    token = _map_segments.set(False)
    try:
        yield
    finally:
        _map_segments.reset(token)


class ArchiveSegment(W3Segment):
    def open_compound_file(self, storage):
        dbfile = storage.open_file(self.make_filename(self.COMPOUND_EXT))
        return MappedCompoundStorage(dbfile) if _map_segments.get() else CompoundStorage(dbfile, use_mmap=False)


class MappedCompoundStorage(CompoundStorage):
    """A compound segment file mapped into memory, its parts read in place (no copy)."""

    def open_file(self, name, *args, **kwargs):
        if self._source is None:  # the mapping failed (no memory): Whoosh reads the file instead
            return super().open_file(name, *args, **kwargs)
        offset, length = self.range(name)
        return MappedPart(memoryview(self._source)[offset : offset + length], name=name)


class MappedPart(BufferFile):
    """Whoosh's ``BufferFile`` without the ``BytesIO`` copy of the whole buffer."""

    def __init__(self, buf, name=None, onclose=None):
        super().__init__(b"", name=name, onclose=onclose)
        self._buf = buf
        self.file = _ViewReader(buf)

    def subset(self, position, length, name=None):
        return MappedPart(self._buf[position : position + length], name=name or self._name)


class _ViewReader:
    """The file methods Whoosh and pickle call, over a memoryview."""

    def __init__(self, view: memoryview):
        self._view = view
        self._pos = 0

    def read(self, size=-1):
        start = self._pos
        end = len(self._view) if size is None or size < 0 else min(len(self._view), start + size)
        self._pos = end
        return self._view[start:end].tobytes()

    def readinto(self, buffer):
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def readline(self, size=-1):
        rest = self._view[self._pos :].tobytes() if size is None or size < 0 else self._view[self._pos : self._pos + size].tobytes()
        end = rest.find(b"\n")
        line = rest if end < 0 else rest[: end + 1]
        self._pos += len(line)
        return line

    def seek(self, position, whence=0):
        self._pos = position + (self._pos if whence == 1 else len(self._view) if whence == 2 else 0)
        return self._pos

    def tell(self):
        return self._pos

    def close(self):
        self._view = memoryview(b"")  # the mapping is closed with its storage


class _FieldWriter(W3FieldWriter):
    """Writes each field's postings as one block of columns (``clippings.search.columns``) and the
    term table with ``BulkOrderedHashWriter``."""

    def __init__(self, codec, storage, segment):
        self._codec = codec
        self._storage = storage
        self._segment = segment
        self._fieldname = self._fieldid = self._btext = self._fieldobj = self._format = None
        self._tindex = BulkOrderedHashWriter(self._create_file(W3Codec.TERMS_EXT))
        self._fieldmap = self._tindex.extras["fieldmap"] = {}
        self._blocks = self._tindex.extras[BLOCKS] = {}
        self._postfile = self._create_file(W3Codec.POSTS_EXT)
        self._postwriter = None
        self._infield = False
        self.is_closed = False

    def add_postings(self, schema, lengths, items):
        pool = columns.pool_of(items)
        names = set(pool.fieldnames())
        for terms_reader, _ in pool.segments:
            names.update(name for name in terms_reader.block_fields() if name in schema)
        for fieldname in sorted(names):
            fieldobj = schema[fieldname]
            codes = length_codes(lengths, fieldname) if lengths is not None and fieldobj.scorable else None
            own = pool.field(fieldname)
            merging_in = [merging.SegmentSource(reader, fieldname, new_ids) for reader, new_ids in pool.segments
                          if reader.block(fieldname) is not None]
            if not merging_in:
                self.start_field(fieldname, fieldobj)
                block, rows = columns.write_block(self._postfile, own, codes)
                self._add_terms(own.terms, rows)
            else:
                sources = ([merging.PoolSource(own)] if own is not None else []) + merging_in
                count = sum(source.live for source in sources)
                if not count:
                    continue  # (the field's documents were all deleted)
                self.start_field(fieldname, fieldobj)
                writer = columns.BlockWriter(self._postfile, columns.Layout.joined([s.layout for s in sources]),
                                             count, codes)
                for postings in merging.merged(sources):
                    self._add_terms(postings.terms, writer.write(postings))
                block = writer.close()
            self._blocks[fieldname] = block.as_dict()
            self.finish_field()

    def _add_terms(self, terms: list[bytes], rows: np.ndarray) -> None:
        prefix = pack_ushort(self._fieldid)
        # a slice at a time: at ~300,000 new terms a batch, keys, rows and records made at once
        # were ~80 MB on top of the pool at commit (the index writer's peak memory)
        for first in range(0, len(rows), TERM_CHUNK):
            self._tindex.add_many([prefix + t for t in terms[first : first + TERM_CHUNK]],
                                  columns.row_bytes(rows[first : first + TERM_CHUNK]))


class ArchiveTermsReader(W3TermsReader):
    """W3's term table reader; a term's postings are slices of its field's column block."""

    def __init__(self, codec, dbfile, length, postfile):
        super().__init__(codec, dbfile, length, postfile)
        self._blocks = self._tindex.extras.get(BLOCKS, {})

    def has_blocks(self, fieldname: str) -> bool:
        return fieldname in self._blocks or not self._blocks  # (a segment without terms has none)

    def postings(self, fieldname: str, btext: bytes) -> packed.Postings | None:
        """A term's postings (deleted documents included) as arrays, or None if it has none."""
        try:
            terminfo = self.term_info(fieldname, btext)
        except TermNotFound:
            return None
        return self._read(fieldname, terminfo)

    def field_postings(self, fieldname: str) -> tuple[list[bytes], np.ndarray, np.ndarray] | None:
        """Every term of a field, in order, each one's number of postings, and the document ids of
        all its postings term after term: a field read whole (the facet columns), not a term at a
        time (measured: 51 ms a segment for its facet fields, ~5 s for the first search at 100k)."""
        block = self._blocks.get(fieldname)
        if block is None:
            return None
        terms: list[bytes] = []
        tables: list[np.ndarray] = []
        try:
            for chunk_terms, table in self.field_rows(fieldname):
                terms += chunk_terms
                tables.append(table)
        except ValueError:
            return None  # (not written by our field writer)
        counts = np.concatenate(tables)["df"].astype(np.int64) if tables else np.zeros(0, np.int64)
        ids = np.frombuffer(self._postfile.get(block["ids"], 4 * int(counts.sum())), dtype="<u4")
        return terms, counts, ids

    def block_fields(self) -> list[str]:
        """The fields whose postings are column blocks (all of a segment our field writer wrote)."""
        return list(self._blocks)

    def streams_all_fields(self) -> bool:
        """Whether every indexed field of the segment is a column block (it can be merged from them)."""
        return all(name in self._blocks for name in self._fieldmap)

    def block(self, fieldname: str) -> dict | None:
        """Where the field's columns are (``columns.Block`` as a dict), or None."""
        return self._blocks.get(fieldname)

    def field_rows(self, fieldname: str, size: int = TERM_CHUNK):
        """The field's terms in order with their term table rows (``columns.TERM_ROW``), ``size`` at
        a time: (terms, rows). ValueError for a row our field writer did not write."""
        if fieldname not in self._fieldmap:
            return
        prefix = pack_ushort(self._fieldmap[fieldname])
        for terms, values in records_from(self._tindex, prefix, columns.TERM_ROW.itemsize, size):
            yield terms, np.frombuffer(values, dtype=columns.TERM_ROW)

    def read_ids(self, fieldname: str, count: int, start: int) -> np.ndarray:
        """The document ids of ``count`` postings of the field from posting ``start``."""
        return np.frombuffer(self._postfile.get(self._blocks[fieldname]["ids"] + 4 * start, 4 * count), dtype="<u4")

    def read_range(self, fieldname: str, count: int, offset: int, start: int) -> packed.Postings:
        """``count`` postings of the field from posting ``start``, values from byte ``offset``."""
        return columns.read_block(self._postfile, self._blocks[fieldname], count, offset, start)

    def _read(self, fieldname: str, terminfo) -> packed.Postings:
        offset, start = _extent(terminfo)  # (where its values start, its first posting in the block)
        return self.read_range(fieldname, terminfo.doc_frequency(), offset, start)

    def matcher(self, fieldname, tbytes, format_, scorer=None):
        if fieldname not in self._blocks:
            return super().matcher(fieldname, tbytes, format_, scorer=scorer)
        terminfo = self.term_info(fieldname, tbytes)
        postings = self._read(fieldname, terminfo)
        values = postings.values() if postings.lengths is not None else None
        return ListMatcher(postings.ids.tolist(), postings.weights.tolist(), values, format_, scorer=scorer,
                           term=(fieldname, tbytes), terminfo=terminfo)


_LENGTH_OF_BYTE = np.array([byte_to_length(b) for b in range(256)], dtype=np.float32)


def length_codes(perdoc, fieldname: str) -> np.ndarray | None:
    """Each document's length in ``fieldname`` as Whoosh's one-byte code (0 for none), read once as
    a whole column (Whoosh's writer asks the per-document reader once per posting)."""
    column = perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    if column is None:
        return None
    size = perdoc.doc_count_all()
    codes = np.zeros(size, dtype=np.uint8)
    read = np.fromiter(iter(column), dtype=np.uint8)[:size]
    codes[: len(read)] = read
    return codes


def length_column(perdoc, fieldname: str) -> np.ndarray | None:
    """Each document's length in ``fieldname`` (Whoosh's one-byte approximation; 0 for none)."""
    codes = length_codes(perdoc, fieldname)
    return None if codes is None else _LENGTH_OF_BYTE[codes]
