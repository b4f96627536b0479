"""Change history of archive records (django-simple-history): who changed what, when.

History is for the changes people make: admin edits, merges, splits, joins, confirmations, uploads.
Machine writes (ingest, extraction, loading the gazetteer) run inside ``machine_writes()`` and leave
no history rows: an ingest of 100,000 articles would otherwise write 100,000 more rows for records
nobody has touched yet. The record itself says where it came from (``origin``, ``ingested_by``).

So that a person's first change has something to compare with and revert to, the record's state as
the machine left it is recorded just before that change (a "+" row by no user, marked as the
machine's original version, dated when the record was made): one row per record people touch.
"""
from __future__ import annotations

import threading
from contextlib import contextmanager

from django.conf import settings
from django.db.models import signals
from django.utils import timezone, translation
from django.utils.translation import gettext
from simple_history.models import HistoricalRecords

_state = threading.local()


@contextmanager
def machine_writes():
    depth = getattr(_state, "depth", 0)
    _state.depth = depth + 1
    try:
        yield
    finally:
        _state.depth = depth


def in_machine_writes() -> bool:
    return getattr(_state, "depth", 0) > 0


def baseline_reason() -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return gettext("the machine's original version")


class StaffHistory(HistoricalRecords):
    def finalize(self, sender, **kwargs):
        super().finalize(sender, **kwargs)
        if sender is self.cls:
            signals.pre_save.connect(self.record_baseline, sender=sender, weak=False)

    def record_baseline(self, instance, raw=False, using=None, **kwargs):
        """Before a person's first change of a record the machine made, its stored state as a history row."""
        if raw or in_machine_writes() or instance._state.adding or instance.pk is None:
            return
        if getattr(instance, self.manager_name).using(using).exists():
            return
        stored = type(instance)._default_manager.using(using).filter(pk=instance.pk).first()
        if stored is None:
            return
        stored._history_user = None
        stored._change_reason = baseline_reason()
        stored._history_date = (getattr(stored, "created_at", None) or getattr(stored, "ingested_at", None)
                                or timezone.now())
        self.create_historical_record(stored, "+", using=using)

    def post_save(self, instance, created, using=None, **kwargs):
        if not in_machine_writes():
            super().post_save(instance, created, using=using, **kwargs)

    def post_delete(self, instance, using=None, **kwargs):
        if not in_machine_writes():
            super().post_delete(instance, using=using, **kwargs)

    def m2m_changed(self, instance, action, attr, pk_set, reverse, **kwargs):
        if not in_machine_writes():
            super().m2m_changed(instance, action, attr, pk_set, reverse, **kwargs)
