"""Change history of archive records (django-simple-history): who changed what, when.

History is for the changes people make: admin edits, merges, splits, joins, confirmations, uploads.
Machine writes (ingest, extraction, loading the gazetteer) run inside ``machine_writes()`` and leave
no history rows: an ingest of 100,000 articles would otherwise write 100,000 more rows for records
nobody has touched yet. The record itself says where it came from (``origin``, ``ingested_by``).
"""
from __future__ import annotations

import threading
from contextlib import contextmanager

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


class StaffHistory(HistoricalRecords):
    def post_save(self, instance, created, using=None, **kwargs):
        if not in_machine_writes():
            super().post_save(instance, created, using=using, **kwargs)

    def post_delete(self, instance, using=None, **kwargs):
        if not in_machine_writes():
            super().post_delete(instance, using=using, **kwargs)

    def m2m_changed(self, instance, action, attr, pk_set, reverse, **kwargs):
        if not in_machine_writes():
            super().m2m_changed(instance, action, attr, pk_set, reverse, **kwargs)
