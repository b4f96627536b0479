"""Whoosh's W3 codec, tuned for an index of character pairs.

A character-pair index has hundreds of thousands of distinct terms per segment, most of them in a
handful of documents. Whoosh's W3 codec writes every term's postings as a pickled, compressed block
in the postings file, and looks up the document's field length from disk once per posting. Measured
on the benchmark corpus (``python manage.py bench``), those two costs were about half of the time
spent committing a segment. This codec:

* writes each term in one step from the pool's per-term lists, not a method call per posting;
* keeps the postings of terms found in fewer than ``inlinelimit`` documents inside the term table
  (W3 reads such inlined postings, but its own writer never inlines: it calls a method its term
  info lacks, ``set_inline`` for ``set_inlined``, which its default limit of 1 never reaches);
* writes every other term's postings as one packed record (``clippings.search.packed``) that the
  search reads with numpy, a whole term at a time, instead of W3's pickled blocks of 128 postings;
  Whoosh's own readers get them through a ``ListMatcher``;
* reads each field's length column once per segment instead of once per posting;
* maps a segment's compound file into memory and reads its parts in place: Whoosh wraps each part
  of a memory-mapped compound file in a ``BytesIO``, which copies it, so every reader held a
  private copy of the segment's term table and postings (measured: the index writer's memory grew
  by about 70 MB for every segment already in the index, because it opens them all to delete
  replaced documents; a searcher held the whole index in memory). Reading the parts through file
  reads instead (a seek and a read per term-table probe) cost ~20 ms per query at 100,000 articles.

Segments remember their codec, so indexes written before keep being read as they were.
"""
from __future__ import annotations

import contextvars
from contextlib import contextmanager
from itertools import groupby
from operator import itemgetter
from pickle import dumps

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3Codec, W3FieldWriter, W3Segment, W3TermInfo, _lenfield
from whoosh.filedb.compound import CompoundStorage
from whoosh.filedb.structfile import BufferFile
from whoosh.matching import ListMatcher
from whoosh.reading import TermNotFound
from whoosh.system import pack_int, pack_long, pack_ushort
from whoosh.util.numeric import byte_to_length

from clippings.search import packed


class ArchiveCodec(W3Codec):
    def __init__(self, blocklimit=128, compression=3, inlinelimit=8):
        super().__init__(blocklimit=blocklimit, compression=compression, inlinelimit=inlinelimit)

    def field_writer(self, storage, segment):
        return _FieldWriter(self, storage, segment)

    def new_segment(self, storage, indexname):
        return ArchiveSegment(self, indexname)

    def postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None):
        if not terminfo.is_inlined():
            data = dbfile.get(*_extent(terminfo))
            if packed.is_packed(data):
                postings = packed.unpack(data)
                values = postings.values() if postings.lengths is not None else None
                return ListMatcher(postings.ids.tolist(), postings.weights.tolist(), values, format_,
                                   scorer=scorer, term=term, terminfo=terminfo)
        return super().postings_reader(dbfile, terminfo, format_, term=term, scorer=scorer)


def _extent(terminfo) -> tuple[int, int]:
    offset, length = terminfo.extent()
    # W3TermInfo.from_bytes leaves the length as the 1-tuple struct.unpack returns
    return offset, length[0] if isinstance(length, tuple) else length


def read_postings(reader, fieldname: str, btext: bytes) -> packed.Postings | None:
    """A term's postings in one segment as arrays (deleted documents included), or None."""
    terms = getattr(reader, "_terms", None)
    if terms is None:  # an empty index
        return None
    try:
        terminfo = terms.term_info(fieldname, btext)
    except TermNotFound:
        return None
    if terminfo.is_inlined():
        return packed.from_lists(*terminfo.inlined_postings())
    data = terms._postfile.get(*_extent(terminfo))
    if packed.is_packed(data):
        return packed.unpack(data)
    # a segment written by Whoosh's own W3 writer: its matcher, posting by posting
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
    def add_postings(self, schema, lengths, items):
        """Every term in one step (``_term_info``): whole terms from our pool (``by_field``), or
        Whoosh's sorted (field, term, doc, weight, value) tuples grouped into terms."""
        fields = items.by_field() if hasattr(items, "by_field") else _grouped(items)
        for fieldname, terms in fields:
            fieldobj = schema[fieldname]
            self.start_field(fieldname, fieldobj)
            column = length_codes(lengths, fieldname) if lengths is not None and fieldobj.scorable else None
            column = column.tolist() if column is not None else None  # indexed per posting below
            tindex_add, prefix = self._tindex.add, pack_ushort(self._fieldid)
            for btext, ids, weights, values in terms:
                tindex_add(prefix + btext, self._term_info(ids, weights, values, column))
            self.finish_field()

    def _term_info(self, ids, weights, values, column) -> bytes:
        """One term's row in the term table (W3's term info layout, ids ascending): its postings
        inlined if the term is rare, else a pointer to its packed record in the postings file.
        Written directly rather than through a ``W3TermInfo`` object: there are ~380 terms per
        article, and the object cost as much as everything else in a commit."""
        if column is not None:
            if len(ids) == 1:
                minlength = maxlength = column[ids[0]] if ids[0] < len(column) else 0
            else:
                codes = [column[i] if i < len(column) else 0 for i in ids]
                minlength, maxlength = min(codes), max(codes)
        else:
            minlength = maxlength = 0
        inlined = len(ids) < self._codec._inlinelimit
        head = _TERM_INFO.pack(inlined, float(sum(weights)), len(ids), minlength, maxlength, max(weights), ids[0], ids[-1])
        if inlined:
            # formats without values (Existence) have none; readers expect one per posting
            return head + dumps((tuple(ids), tuple(weights), tuple(values) if any(values) else (None,) * len(ids)), 2)
        data = packed.pack(ids, weights, values)
        offset = self._postfile.tell()
        self._postfile.write(data)
        return head + pack_long(offset) + pack_int(len(data))


def _grouped(items):
    """Whoosh's posting tuples, sorted by field and term, as (field, [(term, ids, weights, values)])."""
    for fieldname, field_items in groupby(items, key=itemgetter(0)):
        yield fieldname, [
            (btext, [p[2] for p in postings], [p[3] for p in postings], [p[4] or b"" for p in postings])
            for btext, postings in ((b, list(g)) for b, g in groupby(field_items, key=itemgetter(1)))
        ]


_LENGTH_OF_BYTE = np.array([byte_to_length(b) for b in range(256)], dtype=np.float32)
_TERM_INFO = W3TermInfo._struct


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
