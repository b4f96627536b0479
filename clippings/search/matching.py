"""Exact matching and BM25 scoring on one index segment, a whole term at a time with numpy.

Whoosh's matchers walk postings one at a time in Python; on common terms at 100,000 articles that
took seconds (an exact phrase over character pairs: 2.5 s for 有限公司). Here each term's postings
are read as arrays (``clippings.search.packed``) and queries become array operations:

- a one-character term: the documents of that character (field ``chars``);
- a two-character term: the documents of that pair (field ``text``), its frequency as weight;
- a longer term: its pairs at consecutive positions (every other pair and the last are enough to
  cover every character). Each pair's (document, position) list
  becomes one sorted key ``document << 32 | position - offset``; the rarest pair's keys are kept
  where every other pair has the same key (``searchsorted``). The surviving keys are the term's
  occurrences, so its frequency per document comes for free;
- relevance is Whoosh's BM25F formula, ``idf · tf·(k1+1) / (tf + k1·(1-b+b·len/avglen))``, summed
  over the terms a query is scored on (``Ranking``), each with its boost.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from clippings.search.codec import length_column, read_postings
from clippings.search.segmentcache import SegmentCache
from clippings.text.searchtext import ParsedQuery, bigrams

K1, B = 1.2, 0.75
_EMPTY = np.zeros(0, np.int64)


@dataclass(frozen=True)
class Hits:
    docs: np.ndarray  # local document numbers, ascending, unique
    tf: np.ndarray  # occurrences in each


NO_HITS = Hits(_EMPTY, np.zeros(0, np.float32))


@dataclass(frozen=True)
class Component:
    """One thing relevance is scored on: a term in a field, how it matches, its weight."""

    field: str
    text: str
    kind: str  # "exact" (substring via grams), "key" (an indexed term as is)
    boost: float


def _members(values: np.ndarray, sorted_set: np.ndarray) -> np.ndarray:
    """Which of ``values`` are in ``sorted_set`` (ascending): a binary search each, no sorting."""
    if not len(sorted_set):
        return np.zeros(len(values), dtype=bool)
    index = np.searchsorted(sorted_set, values)
    index[index == len(sorted_set)] = 0
    return sorted_set[index] == values


class SegmentMatcher:
    """Matches and scores on one segment (a Whoosh ``SegmentReader``), for one query."""

    def __init__(self, reader, cache: SegmentCache | None = None):
        self.reader = reader
        self.size = reader.doc_count_all()
        self._hits: dict[tuple[str, str, str], Hits] = {}
        self._cache = cache if cache is not None else SegmentCache()

    # --- postings and hits -------------------------------------------------------------------

    def _postings(self, field: str, text: str):
        return read_postings(self.reader, field, text.encode("utf-8"))

    def key_hits(self, field: str, text: str) -> Hits:
        cache_key = (field, text, "key")
        hits = self._hits.get(cache_key)
        if hits is None:
            postings = self._postings(field, text) if field in self.reader.schema else None
            hits = NO_HITS if postings is None else Hits(postings.ids.astype(np.int64), postings.weights)
            self._hits[cache_key] = hits
        return hits

    def exact_hits(self, field: str, text: str) -> Hits:
        """Documents whose folded ``field`` contains ``text`` (folded), with occurrence counts."""
        cache_key = (field, text, "exact")
        hits = self._hits.get(cache_key)
        if hits is None:
            hits = self._hits[cache_key] = self._exact(field, text)
        return hits

    def _exact(self, field: str, text: str) -> Hits:
        if len(text) == 1:
            # a document's characters (no counts); a one-character title is its own gram
            return self.key_hits("chars", text) if field == "text" else self.key_hits(field, text)
        grams = bigrams(text)
        if len(grams) == 1:
            return self.key_hits(field, grams[0])
        # every other pair, and the last: pairs at positions p, p+2, p+4, … and p+n-2 cover every
        # character of the term, so they occur there exactly where the term starts at p
        offsets = [*range(0, len(grams) - 1, 2), len(grams) - 1]
        postings = {}
        for gram in {grams[offset] for offset in offsets}:
            found = self._postings(field, gram)
            if found is None:
                return NO_HITS
            postings[gram] = found
        # documents that have every pair, before touching positions
        candidates = None
        for found in sorted(postings.values(), key=lambda p: len(p.ids)):
            candidates = found.ids if candidates is None else candidates[_members(candidates, found.ids)]
            if not len(candidates):
                return NO_HITS
        candidates = candidates.astype(np.int64)
        keys_of: dict[str, np.ndarray] = {}
        for gram, found in postings.items():
            keep = _members(found.ids.astype(np.int64), candidates) if len(found.ids) > len(candidates) else None
            docs, positions = found.positions(keep)
            keys_of[gram] = (docs << 32) + positions
        # the rarest pair's keys, shifted to the term's start, kept where all other pairs agree
        order = sorted(offsets, key=lambda i: len(keys_of[grams[i]]))
        current = keys_of[grams[order[0]]] - order[0]
        for offset in order[1:]:
            current = current[_members(current, keys_of[grams[offset]] - offset)]
            if not len(current):
                return NO_HITS
        docs = current >> 32  # ascending: the occurrences per document are runs
        starts = np.flatnonzero(np.concatenate(([True], docs[1:] != docs[:-1])))
        return Hits(docs[starts], np.diff(np.append(starts, len(docs))).astype(np.float32))

    # --- the match set -----------------------------------------------------------------------

    def deleted(self) -> np.ndarray:
        deleted = self.reader.deleted_docs_set if self.reader.has_deletions() else ()
        return np.fromiter(deleted, dtype=np.int64, count=len(deleted)) if deleted else _EMPTY

    def match(self, parsed: ParsedQuery | None) -> np.ndarray:
        """A boolean mask over the segment's documents: live documents matching the query."""
        if parsed is None:
            mask = np.ones(self.size, dtype=bool)
        else:
            mask = None
            for group in sorted(parsed.groups, key=len):
                group_mask = np.zeros(self.size, dtype=bool)
                for term in group:
                    group_mask[self.exact_hits("text", term.text).docs] = True
                mask = group_mask if mask is None else mask & group_mask
                if not mask.any():
                    return mask
            for term in parsed.excluded:
                mask[self.exact_hits("text", term.text).docs] = False
        mask[self.deleted()] = False
        return mask

    # --- relevance ---------------------------------------------------------------------------

    def hits(self, component: Component) -> Hits:
        if component.kind == "exact":
            return self.exact_hits(component.field, component.text)
        return self.key_hits(component.field, component.text)

    def field_lengths(self, field: str) -> np.ndarray | None:
        """Each document's length in ``field``, cached per segment."""
        return self._cache.get(self.reader, ("lengths", field), lambda: length_column(self.reader._perdoc, field))

    def scores(self, ranking: Ranking, docs: np.ndarray) -> np.ndarray:
        """BM25F scores of ``docs`` (local numbers, ascending) under ``ranking``."""
        total = np.zeros(len(docs), dtype=np.float32)
        for component in ranking.components:
            hits = self.hits(component)
            if not len(hits.docs):
                continue
            where = np.searchsorted(hits.docs, docs)
            where[where == len(hits.docs)] = 0
            present = hits.docs[where] == docs
            if not present.any():
                continue
            tf = hits.tf[where[present]]
            lengths = self.field_lengths(component.field)
            avg = ranking.average_lengths.get(component.field) or 1.0
            if lengths is None:
                norm = np.float32(1.0)
            else:
                norm = (1 - B) + B * lengths[docs[present]] / avg
            idf = ranking.idf[component]
            total[present] += component.boost * idf * tf * (K1 + 1) / (tf + K1 * norm)
        return total


@dataclass
class Ranking:
    """What a query is scored on, with each component's idf and each field's average length."""

    components: list[Component]
    idf: dict[Component, float]
    average_lengths: dict[str, float]

    @classmethod
    def build(cls, components: list[Component], matchers: list[SegmentMatcher], reader) -> Ranking:
        """idf over the whole index: ``log(N / (df + 1)) + 1`` as Whoosh computes it."""
        total = sum(m.size for m in matchers) or 1
        idf = {}
        for component in components:
            if component.kind == "key":
                df = reader.doc_frequency(component.field, component.text) if component.field in reader.schema else 0
            else:
                df = sum(len(m.hits(component).docs) for m in matchers)
            idf[component] = math.log(total / (df + 1)) + 1
        averages = {}
        for field in {c.field for c in components}:
            if field in reader.schema and reader.schema[field].scorable:
                averages[field] = reader.field_length(field) / total
        return cls(components, idf, averages)
