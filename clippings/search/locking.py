"""One index writer at a time, across threads and processes: a blocking file lock with a deadline."""
from __future__ import annotations

import fcntl
import os
import threading
import time
from contextlib import contextmanager
from pathlib import Path

_thread_lock = threading.RLock()
_stats = {"acquired": 0, "waited_seconds": 0.0, "longest_wait": 0.0}


class IndexBusy(RuntimeError):
    """The index stayed locked past the deadline (another writer hung)."""


@contextmanager
def writer_lock(folder: str | os.PathLike, timeout: float = 120.0):
    """Hold the index's write lock; waits (polling) up to ``timeout`` seconds.

    ``flock`` is released by the kernel if the holder dies, so a crashed writer never leaves
    the index locked.
    """
    path = Path(folder) / "devnews-writer.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    if not _thread_lock.acquire(timeout=max(timeout, 0)):
        raise IndexBusy(str(path))
    try:
        handle = open(path, "a+b")
        try:
            delay = 0.005
            while True:
                try:
                    fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() - started > timeout:
                        raise IndexBusy(str(path)) from None
                    time.sleep(delay)
                    delay = min(delay * 2, 0.2)
            waited = time.monotonic() - started
            _stats["acquired"] += 1
            _stats["waited_seconds"] += waited
            _stats["longest_wait"] = max(_stats["longest_wait"], waited)
            try:
                yield waited
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        finally:
            handle.close()
    finally:
        _thread_lock.release()


def lock_stats() -> dict:
    return dict(_stats)
