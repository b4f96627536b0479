"""haystack's Whoosh backend, subclassed for Chinese: our schema, one writer, exact queries, facets.

What changes from ``haystack.backends.whoosh_backend`` (and why):

- ``build_schema``: fields that know their Whoosh type (``clippings.search.fields``) get it, so
  the gram fields carry positions and no stored copy of the text.
- writes (``update``, ``remove``, ``clear``, ``apply``) go through one file lock and one Whoosh
  writer, never ``AsyncWriter`` (which loses deletes when the index is busy).
- the index folder records a schema version (analyzers + jieba dictionary + fields + postings
  layout); opening an index of another version empties it and marks it for rebuilding
  (``search_sync`` rebuilds).
- ``search`` understands our query language (``clippings.text.searchtext.parse_query``) and
  ``*``; ``execute`` is the fast path the pages use: exact match set, facet counts from cached
  per-segment arrays, relevance by BM25F or date order, all on whole-term arrays
  (``clippings.search.matching``) instead of Whoosh's per-posting matchers.
"""
from __future__ import annotations

import gc
import json
import logging
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from haystack.backends import BaseEngine
from haystack.backends.whoosh_backend import WhooshSearchBackend, WhooshSearchQuery
from haystack.constants import DJANGO_ID, ID
from haystack.utils import get_identifier
from whoosh import query as wq
from whoosh.reading import EmptyReader, MultiReader, SegmentReader
from whoosh.scoring import BM25F
from whoosh.searching import Searcher
from whoosh.writing import CLEAR

from clippings.search.analysis import ANALYZER_VERSION, dictionary_version, words
from clippings.search.codec import CODEC_VERSION, ArchiveTermsReader, read_postings, segments_read_from_file
from clippings.search.locking import writer_lock
from clippings.search.matching import Component, Ranking, SegmentMatcher
from clippings.search.replacing import forget_segments, live_documents
from clippings.search.segmentcache import SegmentCache, segment_id
from clippings.search.writer import ArchiveWriter
from clippings.text.searchtext import ParsedQuery, QueryError, fold, parse_query

log = logging.getLogger(__name__)

VERSION_FILE = "devnews-schema.json"
REBUILD_MARK = "devnews-rebuild-needed"
FACET_FIELDS = ("zones", "enterprises", "newspaper", "year")
# the filter value and facet key of documents without a year (未注明日期)
NO_YEAR = "none"
TITLE_BOOST = 3.0
NAME_BOOST = 4.0
WORD_BOOST = 0.5


@dataclass
class SearchOutcome:
    count: int
    ids: list[int]  # article ids of the requested page, in order
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)


def ranking_components(parsed: ParsedQuery) -> list[Component]:
    """What relevance is scored on (BM25F) among the matching documents: each term's occurrences
    in the text, in the title (×3) and as a linked zone's or enterprise's name (×4), and its jieba
    words (×0.5)."""
    components: dict[Component, None] = {}
    for term in parsed.positive_terms:
        if len(term.text) > 1:
            components[Component("text", term.text, "exact", 1.0)] = None
            components[Component("title", term.text, "exact", TITLE_BOOST)] = None
        components[Component("names", term.text.replace(",", ""), "key", NAME_BOOST)] = None
        for word in words(term.text):
            components[Component("words", word, "key", WORD_BOOST)] = None
    return list(components)


class FacetKeys:
    """Every facet key seen in any segment, numbered once per field: segments' counts add up as arrays."""

    def __init__(self):
        self.keys: dict[str, list[str]] = {}
        self._codes: dict[str, dict[str, int]] = {}

    def code(self, fieldname: str, key: str) -> int:
        codes = self._codes.setdefault(fieldname, {})
        code = codes.get(key)
        if code is None:
            code = codes[key] = len(codes)
            self.keys.setdefault(fieldname, []).append(key)
        return code

    def codes(self, fieldname: str, keys) -> list[int]:
        known = self._codes.get(fieldname, {})
        return [known[k] for k in keys if k in known]


class SegmentColumns:
    """Facet keys of one index segment as arrays: (docnums, key codes in ``FacetKeys``) per field, and dates."""

    def __init__(self, reader, registry: FacetKeys):
        self.postings: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self.day = np.zeros(reader.doc_count_all(), dtype=np.int32)
        for fieldname in (*FACET_FIELDS, "day"):
            terms, counts, ids = _field_postings(reader, fieldname)
            keys = [t.decode("utf-8") for t in terms]
            valued = np.repeat(np.array([bool(k) for k in keys], dtype=bool), counts)  # "": documents without a value
            docs = ids[valued].astype(np.int32)
            if fieldname == "day":
                self.day[docs] = np.repeat(np.array([int(k or 0) for k in keys], dtype=np.int32), counts)[valued]
                continue
            codes = np.array([registry.code(fieldname, k) if k else -1 for k in keys], dtype=np.int32)
            self.postings[fieldname] = (docs, np.repeat(codes, counts)[valued])


def _field_postings(reader, fieldname: str) -> tuple[list[bytes], np.ndarray, np.ndarray]:
    """Every term of a field in one segment, each one's number of postings, and the document ids of
    all its postings term after term: the field's column block read whole where the segment has one
    (the first search after a start read the facet fields of 100 segments a term at a time: 5 s)."""
    if fieldname not in reader.schema:
        return [], np.zeros(0, np.int64), np.zeros(0, np.uint32)
    terms_reader = getattr(reader, "_terms", None)
    if isinstance(terms_reader, ArchiveTermsReader):
        whole = terms_reader.field_postings(fieldname)
        if whole is not None:
            return whole
    terms, parts = [], []
    for btext in reader.lexicon(fieldname):
        terms.append(btext)
        parts.append(read_postings(reader, fieldname, btext).ids)
    counts = np.array([len(p) for p in parts], dtype=np.int64)
    return terms, counts, np.concatenate(parts) if parts else np.zeros(0, np.uint32)


def _open_searcher(index, previous=None):
    """A searcher on the index's latest commit, keeping ``previous``'s reader of every segment that
    is unchanged (same segment, same deletions) and closing its others.

    Not Whoosh's ``Searcher.refresh``: whoosh-reloaded's reader reuse adds every segment of the old
    reader that is not the very same object in the new table of contents, so a refreshed searcher
    kept merged-away segments and the old copies of edited and deleted articles (measured in a test:
    24 documents found where the index held 6)."""
    for attempt in range(10):
        try:
            toc = index._read_toc()
            break
        except OSError:  # a writer replaced the table of contents as it was read
            if attempt == 9:
                raise
            time.sleep(0.05)
    old = {}
    if previous is not None:
        old = {leaf.segment().segment_id(): leaf for leaf, _ in previous.reader().leaf_readers()
               if leaf.segment() is not None}
    readers = []
    for segment in toc.segments:
        reader = old.pop(segment.segment_id(), None)
        if reader is None or reader.segment().deleted_count() != segment.deleted_count():
            if reader is not None:
                old[segment.segment_id()] = reader  # (closed below)
            reader = SegmentReader(index.storage, toc.schema, segment, generation=toc.generation)
        readers.append(reader)
    for reader in old.values():
        reader.close()
    reader = MultiReader(readers, generation=toc.generation) if readers else EmptyReader(toc.schema)
    return Searcher(reader, fromindex=index, weighting=BM25F())


class _Shared:
    """What every backend on one index folder in a process shares.

    haystack makes one backend per thread, and a threaded server runs each request on a new thread:
    with caches per backend, every search at 100,000 articles read the facet columns of all ~100
    segments again (5.4 s) and opened every segment. Shared here: what was read per segment, the
    numbering of facet keys those columns use, and searchers not in use (a searcher reads its files
    through positioned handles, so one thread uses it at a time).
    """

    MAX_IDLE = 8

    def __init__(self):
        self.segments = SegmentCache()  # facet columns and field lengths, per segment
        self.facet_keys = FacetKeys()
        self.epoch = 0  # bumped by clear(): idle searchers are dropped
        self.idle: list[tuple[int, Searcher]] = []
        self.lock = threading.Lock()


_shared: dict[str, _Shared] = {}
_shared_lock = threading.Lock()


def _shared_for(path) -> _Shared:
    with _shared_lock:
        return _shared.setdefault(str(Path(path).resolve()), _Shared())


class ChineseWhooshSearchBackend(WhooshSearchBackend):
    def __init__(self, connection_alias, **connection_options):
        super().__init__(connection_alias, **connection_options)
        self.lock_timeout = float(connection_options.get("LOCK_TIMEOUT", 120))
        self._shared = _shared_for(self.path)
        self._segments = self._shared.segments
        self._facet_keys = self._shared.facet_keys

    # --- schema and versions -------------------------------------------------------------

    def build_schema(self, fields):
        content_field_name, schema = super().build_schema(fields)
        for field_class in fields.values():
            if hasattr(field_class, "whoosh_field"):
                schema.remove(field_class.index_fieldname)
                schema.add(field_class.index_fieldname, field_class.whoosh_field())
        return content_field_name, schema

    def schema_version(self) -> str:
        described = sorted((name, type(f).__name__, type(f.format).__name__) for name, f in self.schema.items())
        return json.dumps({"analyzers": ANALYZER_VERSION, "dictionary": dictionary_version(), "fields": described,
                           "codec": CODEC_VERSION}, ensure_ascii=False)

    def setup(self):
        super().setup()
        folder = Path(self.path)
        version_file = folder / VERSION_FILE
        current = self.schema_version()
        stored = version_file.read_text() if version_file.exists() else None
        if stored != current:
            with writer_lock(folder, self.lock_timeout):
                had_documents = stored is not None or self.index.doc_count_all() > 0
                if had_documents:
                    log.warning("search index schema changed: emptied, to be rebuilt by search_sync")
                    self.index = self.storage.create_index(self.schema)
                    with self._shared.lock:
                        self._shared.epoch += 1  # (a new index starts its generations again)
                    (folder / REBUILD_MARK).write_text(current)
                version_file.write_text(current)

    @property
    def rebuild_needed(self) -> bool:
        if not self.setup_complete:
            self.setup()
        return (Path(self.path) / REBUILD_MARK).exists()

    def mark_rebuilt(self) -> None:
        (Path(self.path) / REBUILD_MARK).unlink(missing_ok=True)

    # --- writes: one lock, one writer ------------------------------------------------------

    def _writer(self):
        return ArchiveWriter(self.index, timeout=self.lock_timeout)

    def apply(self, index, upserts, delete_ids, load=None, timeout: float | None = None) -> tuple[int, int]:
        """Write documents for ``upserts`` and delete ``delete_ids`` in one commit.

        ``load``, if given, is called inside the writer lock and returns (upserts, delete_ids):
        reading the database there means the last writer always writes the latest state.
        """
        if not self.setup_complete:
            self.setup()
        written = deleted = 0
        with writer_lock(self.path, self.lock_timeout if timeout is None else timeout), segments_read_from_file():
            if load is not None:
                upserts, delete_ids = load()
            self.index = self.index.refresh()
            todo, upserts = list(upserts)[::-1], ()  # popped as written: see below
            writer = self._writer()
            try:
                # the documents these writes replace, looked up for the whole batch at once
                replaced = live_documents(writer.searcher().reader(), ID, [*delete_ids, *map(get_identifier, todo)])
                forget_segments(s.segment_id() for s in writer.segments)
                for identifier in delete_ids:
                    for docnum in replaced.get(identifier, ()):
                        writer.delete_document(docnum)
                        deleted += 1
                # each document made as it is added, and no article or document left when the
                # commit sorts the pool (the writer's peak memory): a batch's were ~50 MB
                while todo:
                    doc = self._document(index, todo.pop())
                    for docnum in replaced.get(doc[ID], ()):
                        writer.delete_document(docnum)
                    writer.add_document(**doc)
                    written += 1
                doc = None
            except BaseException:
                writer.cancel()
                raise
            writer.commit()
            del writer
        gc.collect()  # a Whoosh writer is a web of reference cycles: free its pool before the next batch
        return written, deleted

    def _document(self, index, obj) -> dict:
        doc = index.full_prepare(obj)
        doc.pop("boost", None)
        return {key: self._from_python(value) for key, value in doc.items()}

    def update(self, index, iterable, commit=True):
        self.apply(index, iterable, [])

    def remove(self, obj_or_string, commit=True):
        if not self.setup_complete:
            self.setup()
        self.apply(None, [], [get_identifier(obj_or_string)])

    def clear(self, models=None, commit=True):
        if not self.setup_complete:
            self.setup()
        with writer_lock(self.path, self.lock_timeout), segments_read_from_file():
            if not models:
                # a new generation with no segments: open searchers see the change
                self.index = self.index.refresh()
                writer = self._writer()
                writer.delete_by_query(wq.Every())
                writer.commit(mergetype=CLEAR)
                with self._shared.lock:
                    self._shared.epoch += 1
            else:
                super().clear(models, commit)

    def indexed_hashes(self) -> dict[int, str]:
        """Article id -> stored document hash, for every document in the index."""
        if not self.setup_complete:
            self.setup()
        result = {}
        with self.index.refresh().searcher() as searcher:
            for fields in searcher.all_stored_fields():
                result[int(fields[DJANGO_ID])] = fields.get("doc_hash", "")
        return result

    # --- reads ------------------------------------------------------------------------------

    @contextmanager
    def searching(self):
        """A searcher on the latest commit for one search: an idle one brought up to date (keeping
        the readers of unchanged segments), or a new one; idle again afterwards."""
        if not self.setup_complete:
            self.setup()
        shared = self._shared
        with shared.lock:
            epoch = shared.epoch
            taken = shared.idle.pop() if shared.idle else None
        current = None
        if taken is not None:
            if taken[0] == epoch:
                current = taken[1]
            else:
                taken[1].close()
        index = self.index.refresh()
        if current is None or current.reader().generation() != index.latest_generation():
            current = _open_searcher(index, current)
            # segments merged away since: drop what was read from them
            shared.segments.keep_only(filter(None, (segment_id(leaf.reader()) for leaf, _ in self._leaves(current))))
        try:
            yield current
        finally:
            with shared.lock:
                if shared.epoch == epoch and len(shared.idle) < shared.MAX_IDLE:
                    shared.idle.append((epoch, current))
                    current = None
            if current is not None:
                current.close()

    def _segment_columns(self, reader) -> SegmentColumns:
        return self._segments.get(reader, "facets", lambda: SegmentColumns(reader, self._facet_keys))

    @staticmethod
    def _leaves(searcher):
        """(segment searcher, first docnum) for every segment of the index."""
        return searcher.subsearchers or [(searcher, 0)]

    def execute(
        self,
        parsed: ParsedQuery | None,
        *,
        filters: dict[str, list[str]] | None = None,
        day_range: tuple[int | None, int | None] = (None, None),
        order: str = "relevance",
        offset: int = 0,
        limit: int = 20,
        facets: bool = True,
        facet_limit: int = 30,
    ) -> SearchOutcome:
        """The search the pages and the API run: exact matches, filtered, counted, ranked."""
        with self.searching() as searcher:
            return self._execute(searcher, parsed, filters, day_range, order, offset, limit, facets, facet_limit)

    def _execute(self, searcher, parsed, filters, day_range, order, offset, limit, facets, facet_limit) -> SearchOutcome:
        filters = {k: v for k, v in (filters or {}).items() if v}
        facet_codes: dict[str, list[np.ndarray]] = {name: [] for name in FACET_FIELDS}
        low, high = day_range
        parts: list[tuple[SegmentMatcher, int, np.ndarray]] = []  # (segment, base, matched local docs)
        day_parts: list[np.ndarray] = []  # their issue dates
        for leaf_searcher, base in self._leaves(searcher):
            leaf = leaf_searcher.reader()
            if leaf.doc_count_all() == 0:
                continue
            segment = SegmentMatcher(leaf, self._segments)
            mask = segment.match(parsed)
            if not mask.any():
                continue
            columns = self._segment_columns(leaf)
            size = segment.size
            for name, wanted in filters.items():
                doc, code = columns.postings[name]
                allowed = np.zeros(size, dtype=bool)
                allowed[doc[np.isin(code, self._facet_keys.codes(name, wanted))]] = True
                if name == "year" and NO_YEAR in wanted:
                    dated = np.zeros(size, dtype=bool)
                    dated[doc] = True
                    allowed |= ~dated
                mask &= allowed
            if low is not None:
                mask &= columns.day >= low
            if high is not None:
                mask &= (columns.day <= high) & (columns.day > 0)
            docs = np.flatnonzero(mask)
            if not len(docs):
                continue
            parts.append((segment, base, docs))
            day_parts.append(columns.day[docs])
            if facets:
                for name in FACET_FIELDS:
                    doc, code = columns.postings[name]
                    facet_codes[name].append(code[mask[doc]])
        count = sum(len(docs) for _, _, docs in parts)
        page_docs: list[int] = []
        if count and offset < count:
            everything = np.concatenate([docs + base for _, base, docs in parts])
            days = np.concatenate(day_parts)
            if order == "relevance" and parsed is not None:
                # best score first; equal scores newest first (pages without a date last)
                scores = self._scores(parts, ranking_components(parsed), searcher)
                keys = np.lexsort((-everything, -days, -scores))
            elif order == "oldest":
                keys = np.lexsort((everything, np.where(days > 0, days, 99999999)))
            else:  # newest first; pages without a date last; then newest document first
                keys = np.lexsort((-everything, -days))
            page_docs = everything[keys[offset : offset + limit]].tolist()
        ids = [int(searcher.stored_fields(d)[DJANGO_ID]) for d in page_docs]
        if not facets:
            return SearchOutcome(count=count, ids=ids)
        counted = self._facet_counts(facet_codes, facet_limit)
        undated = count - sum(len(codes) for codes in facet_codes["year"])  # a document has at most one year
        if undated:
            counted["year"].append((NO_YEAR, undated))
        return SearchOutcome(count=count, ids=ids, facets=counted)

    @staticmethod
    def _scores(parts, components: list[Component], searcher) -> np.ndarray:
        """BM25F scores of every (segment, base, docs) part's documents, in order, idf over the index."""
        ranking = Ranking.build(components, [segment for segment, _, _ in parts], searcher.reader())
        return np.concatenate([segment.scores(ranking, docs) for segment, _, docs in parts])

    def _facet_counts(self, facet_codes: dict[str, list[np.ndarray]], limit: int) -> dict[str, list[tuple[str, int]]]:
        """The ``limit`` most frequent keys per field, most frequent first, then by key."""
        result = {}
        for name, parts in facet_codes.items():
            keys = self._facet_keys.keys.get(name, [])
            counts = np.bincount(np.concatenate(parts), minlength=len(keys)) if parts else np.zeros(0, np.int64)
            present = np.flatnonzero(counts)
            if len(present) > limit:
                # keep every key whose count reaches the limit-th largest (ties are then ordered by
                # key): that count from a histogram of the counts, linear in the number of keys
                values = counts[present]
                at_least = np.cumsum(np.bincount(values)[::-1])  # keys with count >= max, max-1, …
                floor = len(at_least) - 1 - int(np.searchsorted(at_least, limit))
                present = present[values >= floor]
            ranked = sorted(((keys[i], int(counts[i])) for i in present), key=lambda kv: (-kv[1], kv[0]))
            result[name] = ranked[:limit]
        return result

    def similar(self, article_id: int, text: str, limit: int = 5, keywords: int = 8) -> list[int]:
        """Ids of articles that share the most characteristic words of ``text`` (jieba's TF-IDF
        keywords, ranked by BM25 in the word field), without the article itself."""
        import jieba.analyse

        # keywords of the searchable form: jieba's dictionary is simplified (集成電路 as printed
        # gives 集成 and 電路, neither a word of the index)
        terms = sorted({w for tag in jieba.analyse.extract_tags(fold(text), topK=keywords) for w in words(tag)})
        if not terms:
            return []
        with self.searching() as searcher:
            return self._similar(searcher, article_id, terms, limit)

    def _similar(self, searcher, article_id: int, terms: list[str], limit: int) -> list[int]:
        components = [Component("words", term, "key", 1.0) for term in terms]
        parts = []
        for leaf_searcher, base in self._leaves(searcher):
            if leaf_searcher.reader().doc_count_all() == 0:
                continue
            segment = SegmentMatcher(leaf_searcher.reader(), self._segments)
            docs = np.unique(np.concatenate([segment.hits(c).docs for c in components]))
            docs = docs[~np.isin(docs, segment.deleted())]
            if len(docs):
                parts.append((segment, base, docs))
        if not parts:
            return []
        everything = np.concatenate([docs + base for _, base, docs in parts])
        scores = self._scores(parts, components, searcher)
        best = everything[np.lexsort((-everything, -scores))[: limit + 1]].tolist()
        ids = [int(searcher.stored_fields(d)[DJANGO_ID]) for d in best]
        return [pk for pk in ids if pk != article_id][:limit]

    def search(self, query_string, **kwargs):
        """haystack's entry point: ``*`` is everything; anything else is our query language."""
        if not self.setup_complete:
            self.setup()
        query_string = (query_string or "").strip()
        if query_string in ("", "*", "*:*"):
            parsed = None
        else:
            try:
                parsed = parse_query(query_string)
            except QueryError:
                return {"results": [], "hits": 0}
        start = kwargs.get("start_offset", 0) or 0
        end = kwargs.get("end_offset")
        limit = (end - start) if end is not None else 1000
        outcome = self.execute(parsed, offset=start, limit=max(limit, 0), facets=False)
        from haystack.models import SearchResult

        results = [SearchResult("clippings", "article", pk, 1.0) for pk in outcome.ids]
        return {"results": results, "hits": outcome.count, "facets": {}, "spelling_suggestion": None}


class ChineseWhooshSearchQuery(WhooshSearchQuery):
    """``SearchQuerySet().filter(content=q)`` / ``.exclude(content=q)`` in our query language."""

    def build_query(self):
        parts: list[str] = []

        def walk(node, negated=False):
            for child in node.children:
                if hasattr(child, "children"):
                    walk(child, negated != child.negated)
                else:
                    expression, value = child
                    if expression.split("__")[0] in ("content", self.backend.content_field_name):
                        text = str(getattr(value, "query_string", value))
                        parts.append(("-" if negated else "") + (f'"{text}"' if negated and " " in text else text))

        walk(self.query_filter, self.query_filter.negated)
        return " ".join(parts) or "*"


class ChineseWhooshEngine(BaseEngine):
    backend = ChineseWhooshSearchBackend
    query = ChineseWhooshSearchQuery
