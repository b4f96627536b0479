"""Keeping the index equal to the database.

Every change that can alter an article's document (the article, its captions, its zone and
enterprise links, its source, a zone's or enterprise's names) puts the article id in a
per-thread queue. When the transaction commits, the queue is written in one batch by the single
writer: each queued article is read back from the database *inside the writer lock*, so
whichever process writes last writes the latest committed state, and an article no longer in
the database is deleted from the index. ``deferred()`` holds the queue across many
transactions (an ingest of thousands of pages) and writes every ``batch_size`` articles.

Bulk ``QuerySet.update()`` sends no signals: code that uses it calls ``enqueue_articles``;
``manage.py search_sync`` finds and repairs any difference that slipped through anyway.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from contextlib import contextmanager

from django.db import transaction
from django.db.models import signals
from haystack import connections
from haystack.signals import BaseSignalProcessor

log = logging.getLogger(__name__)
_state = threading.local()


def _pending() -> set[int]:
    if not hasattr(_state, "pending"):
        _state.pending = set()
        _state.depth = 0
        _state.batch_size = 500
    return _state.pending


def backend():
    return connections["default"].get_backend()


def article_index():
    from clippings.models import Article

    return connections["default"].get_unified_index().get_index(Article)


def write_articles(ids: Iterable[int]) -> tuple[int, int]:
    """Bring the index documents of these articles in line with the database (one commit)."""
    from clippings.models import Article

    ids = sorted(set(ids))
    if not ids:
        return 0, 0
    index = article_index()
    engine = backend()
    written = deleted = 0
    for start in range(0, len(ids), 2000):
        chunk = ids[start : start + 2000]

        def load(chunk=chunk):
            # runs inside the writer lock: whoever writes last writes the latest committed state
            existing = list(index.build_queryset().filter(pk__in=chunk))
            present = {a.pk for a in existing}
            return existing, [f"clippings.article.{pk}" for pk in chunk if pk not in present]

        w, d = engine.apply(index, [], [], load=load)
        written += w
        deleted += d
    return written, deleted


def flush() -> None:
    pending = _pending()
    if not pending:
        return
    ids = list(pending)
    pending.clear()
    write_articles(ids)


def _after_commit() -> None:
    if _state.depth == 0:
        flush()
    elif len(_pending()) >= _state.batch_size:
        flush()


def enqueue_articles(ids: Iterable[int]) -> None:
    pending = _pending()
    pending.update(int(i) for i in ids if i is not None)
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
def deferred(batch_size: int = 500):
    """Queue index writes over many transactions; write every ``batch_size`` articles and at the end."""
    _pending()
    _state.depth += 1
    previous = _state.batch_size
    _state.batch_size = batch_size
    try:
        yield
    finally:
        _state.depth -= 1
        _state.batch_size = previous
        if _state.depth == 0:
            flush()


def _article_ids_for(sender, instance) -> list[int]:
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
        return _article_ids_for(models.Zone, instance.zone)
    if sender is models.EnterpriseAlias:
        return _article_ids_for(models.Enterprise, instance.enterprise)
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
        enqueue_articles(_article_ids_for(sender, instance))

    def handle_delete(self, sender, instance, **kwargs):
        from clippings.models import Article

        if sender is Article:
            enqueue_articles([instance.pk] if instance.pk else [])
