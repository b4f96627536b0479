"""Compare the search index with the database, report every difference and repair it."""
from __future__ import annotations

import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _
from tqdm import tqdm

from clippings.search.indexing import article_index, backend, write_articles


def differences(batch_size: int = 2000):
    """(missing from the index, stale in the index, in the index but not in the database)."""
    index = article_index()
    indexed = backend().indexed_hashes()
    missing, stale = [], []
    seen = set()
    queryset = index.build_queryset()
    ids = list(queryset.values_list("pk", flat=True))
    for start in range(0, len(ids), batch_size):
        for article in queryset.filter(pk__in=ids[start : start + batch_size]):
            seen.add(article.pk)
            expected = index.prepare(article)["doc_hash"]
            if article.pk not in indexed:
                missing.append(article.pk)
            elif indexed[article.pk] != expected:
                stale.append(article.pk)
    extra = sorted(set(indexed) - seen)
    return missing, stale, extra


class Command(BaseCommand):
    help = "Check that the search index holds exactly the articles of the database, as they are now; repair differences."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="only report; exit 1 if the index differs")
        parser.add_argument("--rebuild", action="store_true", help="empty the index and index every article")
        parser.add_argument("--batch-size", type=int, default=1000)

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            self.run(options)

    def run(self, options):
        engine = backend()
        started = time.perf_counter()
        if options["rebuild"] or engine.rebuild_needed:
            if options["check"]:
                self.stdout.write(_("The index must be rebuilt (its schema changed)."))
                sys.exit(1)
            engine.clear()
            ids = list(article_index().build_queryset().values_list("pk", flat=True))
            self.write(ids, options["batch_size"])
            engine.mark_rebuilt()
            self.stdout.write(_("Rebuilt the index: %(n)d articles in %(s).1f s.") % {"n": len(ids), "s": time.perf_counter() - started})
            return
        missing, stale, extra = differences()
        self.stdout.write(
            _("Index check: %(missing)d missing, %(stale)d out of date, %(extra)d no longer in the database.")
            % {"missing": len(missing), "stale": len(stale), "extra": len(extra)}
        )
        for label, ids in ((_("missing"), missing), (_("out of date"), stale), (_("not in the database"), extra)):
            if ids:
                shown = ", ".join(map(str, ids[:20])) + (" …" if len(ids) > 20 else "")
                self.stdout.write(f"  {label}: {shown}")
        if options["check"]:
            if missing or stale or extra:
                sys.exit(1)
            return
        todo = missing + stale + extra
        if todo:
            self.write(todo, options["batch_size"])
            self.stdout.write(_("Repaired %(n)d documents.") % {"n": len(todo)})

    def write(self, ids, batch_size):
        bar = tqdm(total=len(ids), unit=_("article"), file=sys.stderr, disable=not sys.stderr.isatty())
        for start in range(0, len(ids), batch_size):
            chunk = ids[start : start + batch_size]
            write_articles(chunk)
            bar.update(len(chunk))
        bar.close()
