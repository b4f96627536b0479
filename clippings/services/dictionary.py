"""Zone and enterprise names as jieba words, so the search tokenizer keeps them whole (reads)."""
from __future__ import annotations

import logging
import threading

import jieba
from django.db.models import Count, Max

from clippings.models import Enterprise, EnterpriseAlias, Zone, ZoneAlias

jieba.setLogLevel(logging.WARNING)
_lock = threading.Lock()
_cache: dict = {"version": None, "tokenizer": None}


def entity_words() -> set[str]:
    words: set[str] = set()
    words.update(Zone.objects.values_list("name", flat=True))
    words.update(ZoneAlias.objects.filter(rejected=False).values_list("name", flat=True))
    words.update(Enterprise.objects.values_list("name", flat=True))
    words.update(EnterpriseAlias.objects.filter(rejected=False).values_list("name", flat=True))
    return {w for w in words if len(w) >= 2}


def _version() -> tuple:
    parts = []
    for model in (Zone, ZoneAlias, Enterprise, EnterpriseAlias):
        stats = model.objects.aggregate(n=Count("pk"), last=Max("pk"))
        parts += [stats["n"], stats["last"]]
    for model in (Zone, Enterprise):
        parts.append(model.objects.aggregate(t=Max("updated_at"))["t"])
    return tuple(parts)


def search_tokenizer() -> jieba.Tokenizer:
    """A jieba tokenizer that knows every zone and enterprise name; rebuilt when they change."""
    version = _version()
    with _lock:
        if _cache["version"] != version:
            tokenizer = jieba.Tokenizer()
            for word in sorted(entity_words()):
                tokenizer.add_word(word, freq=2000, tag="nz")  # frequent enough to win over any split
            _cache.update(version=version, tokenizer=tokenizer)
        return _cache["tokenizer"]
