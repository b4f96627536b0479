"""Which indexed documents a batch of writes replaces, found for the whole batch at once.

Whoosh's ``update_document`` deletes the old copy of a document with a ``Term`` query over every
segment, one document at a time. Measured at 100,000 articles (97 segments), that lookup cost
14 ms per document, more than indexing the document, and it grows with the index: it was why a
full ingest slowed from 59 to 49 articles/s between 10,000 and 30,000 articles.

Here each segment's unique keys (the ``id`` field, one term per document) are read once into a
sorted array with their document numbers, cached by segment (segments never change; their
deletions are checked apart), and a batch's keys are looked up in every segment with one
``searchsorted``.
"""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from clippings.search.codec import read_postings
from clippings.search.segmentcache import SegmentCache

_cache = SegmentCache()


def _segment_keys(reader, fieldname: str) -> tuple[np.ndarray, np.ndarray]:
    """(keys ascending as a bytes array, their local document numbers) of one segment."""
    return _cache.get(reader, ("keys", fieldname), lambda: _read_keys(reader, fieldname))


def _read_keys(reader, fieldname: str) -> tuple[np.ndarray, np.ndarray]:
    keys: list[bytes] = []
    docs: list[int] = []
    terms = getattr(reader, "_terms", None)
    if terms is not None and fieldname in reader.schema:
        for term_field, btext in terms.terms_from(fieldname, b""):
            if term_field != fieldname:
                break
            ids = read_postings(reader, fieldname, btext).ids.tolist()
            keys.extend([btext] * len(ids))
            docs.extend(ids)
    return np.array(keys, dtype=bytes) if keys else np.zeros(0, dtype="S1"), np.array(docs, dtype=np.int64)


def live_documents(reader, fieldname: str, values: Iterable[str]) -> dict[str, list[int]]:
    """For each value, the (global) numbers of live documents whose ``fieldname`` term is that value."""
    wanted = sorted(set(values))
    result: dict[str, list[int]] = {}
    if not wanted:
        return result
    wanted_bytes = np.array([v.encode("utf-8") for v in wanted], dtype=bytes)
    for leaf, base in reader.leaf_readers():
        keys, docs = _segment_keys(leaf, fieldname)
        starts = np.searchsorted(keys, wanted_bytes, side="left")
        ends = np.searchsorted(keys, wanted_bytes, side="right")
        for i in np.flatnonzero(ends > starts):
            for local in docs[starts[i] : ends[i]].tolist():
                if not leaf.is_deleted(local):
                    result.setdefault(wanted[i], []).append(base + local)
    return result


def forget_segments(keep: Iterable[str]) -> None:
    """Drop cached keys of segments no longer in the index (merged away)."""
    _cache.keep_only(keep)
