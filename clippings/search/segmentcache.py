"""Values read once per index segment: a segment never changes once written (its deletions are
kept apart), so what is read from it — facet columns, field lengths, its document ids — is kept
until the segment leaves the index (merged away), when ``keep_only`` drops it."""
from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Iterable


def segment_id(reader) -> str | None:
    """The id of a segment reader's segment; None for readers that have none (an empty index)."""
    segment = reader.segment() if hasattr(reader, "segment") else None
    return segment.segment_id() if segment is not None else None


class SegmentCache:
    def __init__(self):
        self._values: dict[tuple[str, Hashable], object] = {}
        self._lock = threading.Lock()

    def get(self, reader, key: Hashable, compute: Callable[[], object]):
        """``compute()`` for this reader's segment and ``key``, computed once (not kept for a reader
        without a segment)."""
        owner = segment_id(reader)
        if owner is None:
            return compute()
        found = self._values.get((owner, key), _MISSING)
        if found is _MISSING:
            with self._lock:  # one computation per segment and key, also between threads
                found = self._values.get((owner, key), _MISSING)
                if found is _MISSING:
                    found = self._values[owner, key] = compute()
        return found

    def keep_only(self, segment_ids: Iterable[str]) -> None:
        """Drop what was read from segments not among ``segment_ids`` (no longer in the index)."""
        keep = set(segment_ids)
        with self._lock:
            for cache_key in [k for k in self._values if k[0] not in keep]:
                del self._values[cache_key]

    def segment_ids(self) -> set[str]:
        return {owner for owner, _ in self._values}


_MISSING = object()
