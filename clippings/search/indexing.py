"""Keeping the index equal to the database.

Every change that can alter an article's document (the article, its captions, its zone and
enterprise links, its source, a zone's or enterprise's names) puts the article id in a
per-thread queue. When the transaction commits, the queue is written in one batch by the single
writer: each queued article is read back from the database *inside the writer lock*, so
whichever process writes last writes the latest committed state, and an article no longer in
the database is deleted from the index. ``deferred()`` holds the queue across many
transactions (an ingest of thousands of pages) and writes every ``batch_size`` articles;
``deferred(background=True)`` hands the writes to a second process (``BackgroundWriter``), so
that on a machine with two cores one process cleans, splits, links and stores pages while the
other builds index segments.

Bulk ``QuerySet.update()`` sends no signals: code that uses it calls ``enqueue_articles``;
``manage.py search_sync`` finds and repairs any difference that slipped through anyway.

A process killed before it wrote its queue (``kill -9`` of an ingest) must not leave its articles
out of the index for good: ``deferred()`` keeps its queue in a ledger file of the index folder too,
written *before* each transaction commits and locked by the process while it lives; the ledger is
removed once everything in it is written. ``recover()`` (run at the start of every ingest and when
the web server starts) writes the ids of every ledger whose process is gone. Helper processes end
with their parent (``die_with_parent``).
"""
from __future__ import annotations

import atexit
import ctypes
import fcntl
import logging
import multiprocessing
import os
import queue as queues
import resource
import signal
import sys
import threading
import time
import traceback
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path

from django.db import transaction
from django.db.models import signals
from haystack import connections
from haystack.signals import BaseSignalProcessor

from clippings.search.locking import IndexBusy
from clippings.search.writer import BATCH_DOCS

log = logging.getLogger(__name__)
_state = threading.local()

WRITE_BATCH = BATCH_DOCS  # articles per index commit (one new segment)
REQUEST_WAIT = 5.0  # seconds a save (a web request) waits for the writer lock before journalling
JOURNAL_NAME = "devnews-pending.ids"
LEDGER_GLOB = "devnews-unindexed-*.ids"


def _pending() -> set[int]:
    if not hasattr(_state, "pending"):
        _state.pending = set()
        _state.depth = 0
        _state.batch_size = 500
        _state.sink = None
        _state.ledger = None
    return _state.pending


def backend():
    return connections["default"].get_backend()


def article_index():
    from clippings.models import Article

    return connections["default"].get_unified_index().get_index(Article)


def write_articles(ids: Iterable[int], wait: float | None = None) -> tuple[int, int]:
    """Bring the index documents of these articles in line with the database (a commit per batch).

    Waits up to ``wait`` seconds (default: the connection's LOCK_TIMEOUT) for the writer lock. If
    another writer holds it longer (a large merge), the ids go to the index folder's journal and
    the next writer, whichever process it is, writes them: an edit never fails because the index
    is busy, and is never lost.
    """
    ids = sorted(set(ids))
    index = article_index()
    engine = backend()
    chunks = even_chunks(ids, WRITE_BATCH)
    written = deleted = 0
    for n, chunk in enumerate(chunks):

        def load(chunk=chunk, last=n == len(chunks) - 1):
            # runs inside the writer lock: whoever writes last writes the latest committed state;
            # the last batch also takes the ids other writers journalled
            return _current(index, set(chunk) | (journal_take(engine.path) if last else set()))

        try:
            w, d = engine.apply(index, [], [], load=load, timeout=wait)
        except IndexBusy:
            rest = [pk for c in chunks[n:] for pk in c]
            journal_add(engine.path, rest)
            log.warning("search index busy: %d articles journalled, written when it is free", len(rest))
            _journal_writer.request()
            break
        written += w
        deleted += d
    return written, deleted


def even_chunks(ids: list[int], most: int) -> list[list[int]]:
    """``ids`` in the fewest chunks of at most ``most``, of even sizes: 1,003 ids are two commits of
    502 and 501, not 1,000 and 3 (a segment of 3 documents to merge later). The ingest's background
    writer gives full batches and keeps the rest for its next (``_background_worker``)."""
    if not ids:
        return []
    count = -(-len(ids) // most)
    size, extra = divmod(len(ids), count)
    chunks, start = [], 0
    for n in range(count):
        end = start + size + (n < extra)
        chunks.append(ids[start:end])
        start = end
    return chunks


def _current(index, ids) -> tuple[list, list[str]]:
    """The articles to write (as the database has them now) and the documents of deleted ones."""
    todo = sorted(ids)
    existing = list(index.build_queryset().filter(pk__in=todo))
    present = {a.pk for a in existing}
    return existing, [f"clippings.article.{pk}" for pk in todo if pk not in present]


def write_journal(wait: float | None = None) -> tuple[int, int]:
    """Write the articles other writers journalled because the index was busy (one commit)."""
    engine = backend()
    if not journal_peek(engine.path):
        return 0, 0
    index = article_index()
    return engine.apply(index, [], [], load=lambda: _current(index, journal_take(engine.path)), timeout=wait)


class JournalWriter:
    """Writes the journal from a thread of this process as soon as the writer lock is free.

    A save that finds the index busy journals its ids; without this, they waited for the next
    writer, which in a quiet archive (or after the last of several concurrent editors) might not
    come (seen once: the eight-editor test ended with a deleted article still in the index). The
    thread waits up to the lock timeout; the process waits for it at exit.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._wanted = False
        self._thread: threading.Thread | None = None

    def request(self) -> None:
        with self._lock:
            self._wanted = True
            if self._thread is None or not self._thread.is_alive():  # (a forked child has no thread)
                self._thread = threading.Thread(target=self._run, name="devnews-journal", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        from django.db import connection

        try:
            while True:
                with self._lock:
                    if not self._wanted:
                        return
                    self._wanted = False
                try:
                    write_journal()
                except IndexBusy:
                    log.warning("search index busy: the journal is left for the next writer")
                except Exception:
                    log.exception("writing the search index journal failed")
        finally:
            connection.close()

    def join(self, timeout: float | None = None) -> None:
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)


_journal_writer = JournalWriter()
atexit.register(_journal_writer.join, 180)


def _journal(folder) -> Path:
    return Path(folder) / JOURNAL_NAME


def journal_add(folder, ids: Iterable[int]) -> None:
    path = _journal(folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="ascii") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        handle.write("".join(f"{int(i)}\n" for i in ids))
        handle.flush()


def journal_take(folder) -> set[int]:
    """The journal's ids, emptied (call inside the writer lock)."""
    path = _journal(folder)
    if not path.exists():
        return set()
    with open(path, "r+", encoding="ascii") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        ids = {int(line) for line in handle.read().split()}
        handle.seek(0)
        handle.truncate()
    return ids


def journal_peek(folder) -> set[int]:
    path = _journal(folder)
    return {int(line) for line in path.read_text(encoding="ascii").split()} if path.exists() else set()


def flush(wait: float | None = None) -> None:
    pending = _pending()
    if not pending:
        return
    ids = list(pending)
    pending.clear()
    if _state.sink is not None:
        _state.sink(ids)
    else:
        write_articles(ids, wait=wait)


def _after_commit() -> None:
    if _state.depth == 0:
        flush(wait=REQUEST_WAIT)
    elif len(_pending()) >= _state.batch_size:
        flush()


def enqueue_articles(ids: Iterable[int]) -> None:
    pending = _pending()
    ids = [int(i) for i in ids if i is not None]
    if _state.ledger is not None and ids:
        _state.ledger.add(ids)  # before the commit: a process killed after it still leaves them on disk
    pending.update(ids)
    if not pending:
        return
    conn = transaction.get_connection()
    if conn.in_atomic_block:
        # once per transaction; a rolled-back transaction drops its callbacks (and so this check
        # sees that nothing is scheduled any more)
        if not any(entry[1] is _after_commit for entry in conn.run_on_commit):
            transaction.on_commit(_after_commit)
    else:
        _after_commit()


@contextmanager
def deferred(batch_size: int = WRITE_BATCH, background: bool = False):
    """Queue index writes over many transactions; write every ``batch_size`` articles and at the end.

    With ``background``, committed article ids go to a ``BackgroundWriter`` process at once and it
    writes them in batches of ``batch_size``; leaving the block waits until it has written them all.
    """
    _pending()
    outer = _state.depth == 0
    writer = BackgroundWriter(batch_size) if background and outer and BackgroundWriter.available() else None
    # opened after the fork: the writer process must not hold the ledger's lock
    ledger = Ledger.create(backend().path) if outer else None
    _state.depth += 1
    previous = _state.batch_size, _state.sink, _state.ledger
    if ledger is not None:
        _state.ledger = ledger
    if writer is not None:
        _state.batch_size, _state.sink = 1, writer.submit
    else:
        _state.batch_size = batch_size
    complete = False
    try:
        yield writer
        complete = True
    finally:
        _state.depth -= 1
        try:
            if _state.depth == 0:
                flush()
        except BaseException:
            complete = False
            raise
        finally:
            _state.batch_size, _state.sink, _state.ledger = previous
            if writer is not None:
                writer.close()  # writes what its process did not, or raises
            if ledger is not None:
                ledger.close(written=complete)  # a block cut short leaves its ledger to ``recover``


class Ledger:
    """The article ids a ``deferred()`` block queued, on disk until they are written.

    The file is locked (``flock``) by its process while it lives: the lock goes with the process,
    however it ends, so an unlocked ledger is one whose process is gone."""

    def __init__(self, path: Path, handle):
        self.path = path
        self._handle = handle

    @classmethod
    def create(cls, folder) -> Ledger | None:
        try:
            Path(folder).mkdir(parents=True, exist_ok=True)
            path = Path(folder) / LEDGER_GLOB.replace("*", f"{os.getpid()}-{time.time_ns()}")
            handle = open(path, "a", encoding="ascii")
            fcntl.flock(handle, fcntl.LOCK_EX)
        except OSError:
            log.exception("cannot keep a ledger of the articles to index in %s", folder)
            return None
        return cls(path, handle)

    def add(self, ids: list[int]) -> None:
        self._handle.write("".join(f"{i}\n" for i in ids))
        self._handle.flush()  # in the kernel's hands: a killed process loses nothing

    def close(self, written: bool) -> None:
        if written:
            self.path.unlink(missing_ok=True)
        self._handle.close()


def recover(folder=None) -> int:
    """Write the articles of every ledger left by a process that ended before writing them, and the
    journal of saves that found the index busy; returns how many articles were written."""
    folder = Path(folder or backend().path)
    total = 0
    for path in sorted(folder.glob(LEDGER_GLOB)):
        try:
            handle = open(path, "r", encoding="ascii")
        except OSError:
            continue
        with handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:  # its process is still running
                continue
            ids = {int(line) for line in handle.read().split() if line.isdigit()}
            if ids:
                write_articles(ids)
                log.warning("search index: %d articles left unindexed by an ended process written", len(ids))
            path.unlink(missing_ok=True)
            total += len(ids)
    if journal_peek(folder):
        try:
            written, deleted = write_journal()
        except IndexBusy:  # another writer holds the index: it takes the journal with its last batch
            return total
        total += written + deleted
    return total


def recover_in_background() -> None:
    """``recover`` from a thread (the web server's start: requests need not wait for it)."""

    def run():
        from django.db import connection

        try:
            recover()
        except Exception:
            log.exception("recovering unindexed articles failed")
        finally:
            connection.close()

    threading.Thread(target=run, name="devnews-index-recover", daemon=True).start()


def die_with_parent(parent: int) -> None:
    """End this (forked) process when its parent ends, however the parent ends: a killed ingest left
    its index writer blocked on its queue for good (it holds both ends of the queue's pipe, so it
    never sees the end of it)."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            _watch_parent(parent)
    else:
        _watch_parent(parent)
    if os.getppid() != parent:  # the parent ended before the line above
        os._exit(1)


def _watch_parent(parent: int) -> None:
    def watch():
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="devnews-parent-watch", daemon=True).start()


class BackgroundWriter:
    """A second process that writes index batches while this one goes on ingesting.

    Ids are sent after their transaction committed; the worker reads the articles back from the
    database inside the writer lock (``write_articles``), like any other writer. If the worker
    fails, ``close()`` writes every id it was sent in this process, so nothing is left unindexed.
    """

    def __init__(self, batch_size: int = WRITE_BATCH):
        from django.db import connections as db_connections

        context = multiprocessing.get_context("fork")
        db_connections.close_all()  # the worker opens its own connections
        self._queue = context.Queue()
        self._results = context.Queue()
        self._sent: list[int] = []
        self.stats: dict = {}
        self._process = context.Process(
            target=_background_process, args=(self._queue, self._results, batch_size, os.getpid()), daemon=True,
            name="devnews-index-writer",
        )
        self._process.start()

    @staticmethod
    def available() -> bool:
        return "fork" in multiprocessing.get_all_start_methods()

    def submit(self, ids: Iterable[int]) -> None:
        ids = list(ids)
        self._sent.extend(ids)
        self._queue.put(ids)

    def close(self) -> dict:
        self._queue.put(None)
        started = time.perf_counter()
        try:
            self.stats = self._results.get()
        except (EOFError, OSError):
            self.stats = {"error": "the index writer process ended without a report"}
        self.stats["wait_seconds"] = time.perf_counter() - started  # the last batch, written after the pages
        self._process.join()
        if self.stats.get("error") or self._process.exitcode != 0:
            log.error("background index writer failed, writing in this process: %s", self.stats.get("error"))
            written, deleted = write_articles(self._sent)
            self.stats.update(written=written, deleted=deleted, recovered=True)
        return self.stats


def _background_process(ids_queue, results, batch_size: int, parent: int) -> None:
    die_with_parent(parent)
    _background_worker(ids_queue, results, batch_size)


def _background_worker(ids_queue, results, batch_size: int) -> None:
    written = deleted = 0
    pending: list[int] = []
    try:
        done = False
        while not done:
            item = ids_queue.get()
            if item is None:
                done = True
            else:
                pending.extend(item)
            while not done and len(pending) < batch_size:  # take what else is waiting
                try:
                    item = ids_queue.get_nowait()
                except queues.Empty:
                    break
                if item is None:
                    done = True
                else:
                    pending.extend(item)
            # full batches, the rest kept for the next: a page's ids past a batch made ``write_articles``
            # split it in two halves (``even_chunks``), so every ingest commit was half a batch
            while len(pending) >= batch_size or (done and pending):
                w, d = write_articles(pending[:batch_size])
                written, deleted, pending = written + w, deleted + d, pending[batch_size:]
        usage = resource.getrusage(resource.RUSAGE_SELF)
        results.put({"written": written, "deleted": deleted, "peak_rss_mb": usage.ru_maxrss / 1024,
                     "cpu_seconds": usage.ru_utime + usage.ru_stime})
    except BaseException:
        results.put({"error": traceback.format_exc()})
        raise


def article_ids_for(sender, instance) -> list[int]:
    """The articles whose index document shows this record (saved or deleted)."""
    from clippings import models

    if sender is models.Article:
        return [instance.pk]
    if sender in (models.Caption, models.ZoneMention, models.EnterpriseMention):
        return [instance.article_id]
    if sender is models.Source:
        return list(instance.articles.values_list("pk", flat=True)) if instance.pk else []
    if sender is models.Zone:
        return list(models.ZoneMention.objects.filter(zone__in=_family(models.Zone, instance)).values_list("article_id", flat=True))
    if sender is models.Enterprise:
        return list(models.EnterpriseMention.objects.filter(enterprise__in=_family(models.Enterprise, instance)).values_list("article_id", flat=True))
    if sender is models.ZoneAlias:
        return article_ids_for(models.Zone, instance.zone)
    if sender is models.EnterpriseAlias:
        return article_ids_for(models.Enterprise, instance.enterprise)
    return []


def _family(model, entity):
    """An entity and the records merged into it (their articles show the survivor's names)."""
    return model.objects.filter(pk=entity.pk) | model.objects.filter(merged_into=entity)


class QueuedSignalProcessor(BaseSignalProcessor):
    """haystack's signal processor, queued per transaction instead of one commit per save."""

    def setup(self):
        from clippings import models

        self.senders = (
            models.Article, models.Caption, models.ZoneMention, models.EnterpriseMention, models.Source,
            models.Zone, models.Enterprise, models.ZoneAlias, models.EnterpriseAlias,
        )
        self.shown_by_no_article_when_new = (models.Source, models.Zone, models.Enterprise)
        for sender in self.senders:
            signals.post_save.connect(self.handle_save, sender=sender)
            signals.pre_delete.connect(self.handle_save, sender=sender)
            signals.post_delete.connect(self.handle_delete, sender=sender)

    def teardown(self):
        for sender in self.senders:
            signals.post_save.disconnect(self.handle_save, sender=sender)
            signals.pre_delete.disconnect(self.handle_save, sender=sender)
            signals.post_delete.disconnect(self.handle_delete, sender=sender)

    def handle_save(self, sender, instance, **kwargs):
        if kwargs.get("raw"):
            return  # fixtures loading: search_sync indexes afterwards
        if kwargs.get("created") and sender in self.shown_by_no_article_when_new:
            return  # a new page, zone or enterprise: no article shows it yet (articles and links are saved after)
        enqueue_articles(article_ids_for(sender, instance))

    def handle_delete(self, sender, instance, **kwargs):
        from clippings.models import Article

        if sender is Article:
            enqueue_articles([instance.pk] if instance.pk else [])
