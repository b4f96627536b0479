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

The worker is a new interpreter (``python -m clippings.services.splitahead``) that imports the
text pipeline alone, no Django and no search index: a fork of the ingest would carry, and count in
its resident memory, all the ingest process had loaded (measured on the 10,000-article benchmark:
own peak 188 MB forked, 111 MB as a new interpreter). It is not started through multiprocessing's
``spawn``, which runs the parent's main script again in the child (a script calling the ingest
without a ``__main__`` guard would ingest again there); requests and splits go as pickles over its
stdin and stdout. Starting it costs about a second and a half, so it is only started for a batch of
at least ``MIN_FILES`` files. This module imports nothing from Django.
"""
from __future__ import annotations

import os
import pickle
import resource
import signal
import subprocess
import sys
from collections import deque
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from clippings.text.decoding import decode_page
from clippings.text.pagefiles import read_regular_file
from clippings.text.pipeline import PageResult, process_page

WINDOW = 6  # files split ahead of the one being stored
MIN_FILES = 16  # fewer files are split by the ingest itself (the worker's start would not pay)


@dataclass(frozen=True)
class SplitPage:
    sha256: str  # of the decoded text (``DecodedPage.sha256``)
    issue_date: date | None
    page: PageResult


def split_file(path: Path, issue_date: date | None, max_bytes: int) -> SplitPage | None:
    """Read, decode and split one page file; None if any step fails (the ingest repeats it)."""
    try:
        decoded = decode_page(read_regular_file(path, max_bytes), max_bytes=max_bytes)
        return SplitPage(decoded.sha256, issue_date, process_page(decoded.text, issue_date=issue_date))
    except Exception:
        return None


def _usage() -> dict:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {"peak_rss_mb": usage.ru_maxrss / 1024, "cpu_seconds": usage.ru_utime + usage.ru_stime}


class SplitAhead:
    """``get(path)`` gives the split of each of ``paths``, asked in order; ``meta_for(path)`` gives
    a file's page metadata (its issue date guides the split; read here, the worker has no Django)."""

    def __init__(self, paths: list[Path], meta_for: Callable, max_bytes: int, window: int = WINDOW,
                 min_files: int = MIN_FILES):
        self.stats: dict = {}
        self._paths = deque(paths)
        self._meta_for = meta_for
        self._max_bytes = max_bytes
        self._window = window
        self._pending: deque[tuple[Path, bool]] = deque()  # (file, sent to the worker), in order
        self._worker: subprocess.Popen | None = None
        if paths and len(paths) >= min_files:
            self._worker = _start_worker()
            self._fill()

    def _fill(self) -> None:
        while self._paths and len(self._pending) < self._window:
            path = self._paths.popleft()
            try:
                issue_date = self._meta_for(path).issue_date
            except Exception:  # the ingest reports it
                self._pending.append((path, False))
                continue
            sent = self._send((path, issue_date, self._max_bytes))
            self._pending.append((path, sent))

    def _send(self, request) -> bool:
        try:
            pickle.dump(request, self._worker.stdin)
            self._worker.stdin.flush()
            return True
        except (OSError, ValueError):  # the worker is gone
            return False

    def _receive(self):
        return pickle.load(self._worker.stdout)

    def get(self, path: Path) -> SplitPage | None:
        if self._worker is None or not self._pending or self._pending[0][0] != path:
            return None
        _, sent = self._pending.popleft()
        self._fill()
        if not sent:
            return None
        try:
            return self._receive()
        except Exception:  # the worker died: the ingest goes on splitting by itself
            self.close()
            return None

    def close(self) -> dict:
        if self._worker is not None:
            worker, self._worker = self._worker, None
            try:
                if any(sent for _, sent in self._pending):
                    raise RuntimeError("splits still on the way")  # an ingest cut short: no need to wait
                pickle.dump(None, worker.stdin)
                worker.stdin.flush()
                self.stats = pickle.load(worker.stdout)
                worker.wait(timeout=60)
            except Exception:
                self.stats = {}
                worker.kill()
                worker.wait()
            finally:
                self._pending.clear()
                for pipe in (worker.stdin, worker.stdout):
                    with suppress(OSError):  # a dead worker's pipe
                        pipe.close()
        return self.stats

    def __enter__(self) -> SplitAhead:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _start_worker() -> subprocess.Popen:
    root = str(Path(__file__).resolve().parents[2])  # the folder holding the clippings package
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))}
    return subprocess.Popen([sys.executable, "-m", __name__], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)


def serve() -> None:
    """The worker: split each requested file, in order, until asked for its usage."""
    results = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # whatever a library prints goes to stderr, not among the splits
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the ingest, which closes the pipe
    requests = sys.stdin.buffer
    while True:
        try:
            request = pickle.load(requests)
        except EOFError:  # the ingest is gone
            return
        pickle.dump(_usage() if request is None else split_file(*request), results)
        results.flush()
        if request is None:
            return


if __name__ == "__main__":  # the worker: ``serve`` of the module by its name (pickles name the classes so)
    from clippings.services.splitahead import serve as serve_by_name

    serve_by_name()
