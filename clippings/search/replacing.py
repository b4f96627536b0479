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

import threading
from collections.abc import Iterable

import numpy as np

from clippings.search.codec import read_postings

_cache: dict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = {}
_lock = threading.Lock()


def _segment_keys(reader, fieldname: str) -> tuple[np.ndarray, np.ndarray]:
    """(keys ascending as a bytes array, their local document numbers) of one segment."""
    segment = reader.segment() if hasattr(reader, "segment") else None
    cache_key = (segment.segment_id(), fieldname) if segment is not None else None
    found = _cache.get(cache_key) if cache_key else None
    if found is not None:
        return found
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
    found = (np.array(keys, dtype=bytes) if keys else np.zeros(0, dtype="S1"), np.array(docs, dtype=np.int64))
    if cache_key:
        with _lock:
            _cache[cache_key] = found
    return found


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
    keep = set(keep)
    with _lock:
        for cache_key in [k for k in _cache if k[0] not in keep]:
            del _cache[cache_key]
