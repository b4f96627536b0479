"""Split the next page files in a second process while this one stores the current page.

A bulk ingest runs in two processes already (pages here, the search index in the index writer);
measured on the 10,000-article benchmark, this one was the slower: ~9.9 ms of CPU per article, of
which cleaning and splitting (``process_page``: plain text in, data out, no database) was about
half. ``SplitAhead`` runs ``process_page`` for the next few files in one worker process, so
reading, splitting, storing and indexing overlap on the machine's cores.

The worker only speeds up the usual case: it returns ``None`` for a file it could not read,
decode or split, and the ingest then does every step itself and reports the failure as always.
The ingest checks that a split belongs to the text it decoded (same content hash, same issue date)
before using it.
"""
from __future__ import annotations

import multiprocessing
import resource
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from clippings.text.decoding import decode_page
from clippings.text.pipeline import PageResult, process_page

WINDOW = 6  # files split ahead of the one being stored


@dataclass(frozen=True)
class SplitPage:
    sha256: str  # of the decoded text (``DecodedPage.sha256``)
    issue_date: date | None
    page: PageResult


def split_file(path: Path, meta_for: Callable, max_bytes: int) -> SplitPage | None:
    """Read, decode and split one page file; None if any step fails (the ingest repeats it)."""
    try:
        meta = meta_for(path)
        decoded = decode_page(path.read_bytes(), max_bytes=max_bytes)
        return SplitPage(decoded.sha256, meta.issue_date, process_page(decoded.text, issue_date=meta.issue_date))
    except Exception:
        return None


def _usage() -> dict:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {"peak_rss_mb": usage.ru_maxrss / 1024, "cpu_seconds": usage.ru_utime + usage.ru_stime}


class SplitAhead:
    """``get(path)`` gives the split of each of ``paths``, asked in order; ``meta_for(path)`` gives
    a file's page metadata (its issue date guides the split)."""

    def __init__(self, paths: list[Path], meta_for: Callable, max_bytes: int, window: int = WINDOW):
        from django.db import connections

        self.stats: dict = {}
        self._paths = deque(paths)
        self._meta_for = meta_for
        self._max_bytes = max_bytes
        self._window = window
        self._pending: deque[tuple[Path, Future]] = deque()
        self._executor = None
        if paths and "fork" in multiprocessing.get_all_start_methods():
            connections.close_all()  # the worker never touches the database
            self._executor = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
            self._fill()

    def _fill(self) -> None:
        while self._paths and len(self._pending) < self._window:
            path = self._paths.popleft()
            self._pending.append((path, self._executor.submit(split_file, path, self._meta_for, self._max_bytes)))

    def get(self, path: Path) -> SplitPage | None:
        if self._executor is None or not self._pending or self._pending[0][0] != path:
            return None
        _, future = self._pending.popleft()
        self._fill()
        try:
            return future.result()
        except Exception:  # the worker died: the ingest goes on splitting by itself
            self.close()
            return None

    def close(self) -> dict:
        if self._executor is not None:
            executor, self._executor = self._executor, None
            try:
                self.stats = executor.submit(_usage).result(timeout=60)
            except Exception:
                self.stats = {}
            executor.shutdown(wait=True, cancel_futures=True)
        return self.stats

    def __enter__(self) -> SplitAhead:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
