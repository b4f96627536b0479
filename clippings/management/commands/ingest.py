"""python manage.py ingest PATH… — load OCR page files (and folders of them) into the archive."""
from __future__ import annotations

import argparse
import json
import resource
import sys
from datetime import date
from functools import partial
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from tqdm import tqdm

from clippings.benchmark.memory import GroupMemory
from clippings.messages import reason
from clippings.search.indexing import deferred, recover
from clippings.services.extract import Extractor
from clippings.services.gazetteer import ensure_gazetteer
from clippings.services.ingest import IngestResult, PageMeta, find_page_files, ingest_path, page_meta
from clippings.services.splitahead import SplitAhead


class Command(BaseCommand):
    help = (
        "Ingest OCR'd newspaper pages: text files, or folders searched recursively for *.txt. "
        "A same-named .jpg/.png/.tif beside a page is stored as its page image; "
        "page.json beside page.txt, or manifest.csv in the folder, gives newspaper, date and page."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="page files or folders")
        parser.add_argument("--dry-run", action="store_true", help="show how each page would be split; store nothing")
        parser.add_argument("--newspaper", default="", help="newspaper for pages without metadata")
        parser.add_argument("--date", default="", help="issue date (YYYY-MM-DD) for pages without metadata")
        parser.add_argument("--page", default="", help="page label for pages without metadata")
        parser.add_argument("--user", default="", help="username recorded as the ingesting person")
        parser.add_argument("--stats-file", default="", help=argparse.SUPPRESS)  # for manage.py bench
        parser.add_argument(
            "--max-bytes", type=int, default=settings.DEVNEWS_MAX_PAGE_BYTES, help="largest page file accepted"
        )

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            return self.run(options)

    def run(self, options) -> None:
        try:
            defaults = PageMeta(
                newspaper=options["newspaper"],
                issue_date=date.fromisoformat(options["date"]) if options["date"] else None,
                page_label=options["page"],
            )
        except ValueError:
            raise CommandError(_("--date must be YYYY-MM-DD")) from None
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(_("no such user: %(name)s") % {"name": options["user"]})
        if not options["dry_run"]:
            recovered = recover()  # what an ingest killed before writing its index left behind
            if recovered:
                self.stdout.write(_("Search index: %(n)d articles an interrupted run left unindexed were indexed.")
                                  % {"n": recovered})
        files, missing = find_page_files(options["paths"])
        results: list[IngestResult] = [IngestResult(str(p), "failed", code="missing") for p in missing]
        for result in results:
            self.report_failure(result)
        bar = tqdm(
            files, unit=_("page"), file=sys.stderr, disable=not sys.stderr.isatty() or options["dry_run"],
            dynamic_ncols=True,
        )
        # the search index is written in large batches by a second process while pages are stored
        # here (forked before the gazetteer is loaded, so it does not carry a copy of it), and the
        # next files are split in a third (a new interpreter with the text pipeline only)
        memory = GroupMemory()  # for --stats-file: the three processes' memory together
        with deferred(background=not options["dry_run"]) as index_writer, SplitAhead(
            [] if options["dry_run"] else files, partial(page_meta, defaults=defaults), options["max_bytes"]
        ) as ahead:
            extractor = None if options["dry_run"] else self.extractor()
            if options["stats_file"]:
                memory.start()  # after the workers are forked: they do not inherit the sampling thread
            self.ingest_all(files, bar, results, defaults, user, extractor, options, ahead)
        memory.stop()  # after the last index batch
        bar.close()
        if options["stats_file"]:
            self.write_stats(options["stats_file"], index_writer, ahead, memory)
        self.summary(results, options["dry_run"])
        if any(r.status == "failed" for r in results):
            sys.exit(1)

    def ingest_all(self, files, bar, results, defaults, user, extractor, options, ahead) -> None:
        for path in bar:
            bar.set_postfix_str(path.name[-30:], refresh=False)
            result = ingest_path(
                path, defaults=defaults, user=user, max_bytes=options["max_bytes"], dry_run=options["dry_run"],
                extractor=extractor, split=ahead.get(path),
            )
            results.append(result.summary())
            if result.status == "failed":
                bar.clear()
                self.report_failure(result)
            for code, detail in result.warnings:
                bar.clear()
                self.stderr.write(_("warning %(path)s: %(reason)s") % {"path": result.path, "reason": reason(code, detail)})
            if options["dry_run"] and result.page is not None:
                self.show_split(result)

    def write_stats(self, path: str, index_writer, ahead, memory: GroupMemory) -> None:
        """Peak memory and CPU time of this process, the index writer and the page splitter, and the
        peak of the three together (the benchmark reads it)."""
        usage = resource.getrusage(resource.RUSAGE_SELF)
        stats = {
            "together_peak_rss_mb": memory.peak_rss_mb,
            "together_peak_pss_mb": memory.peak_pss_mb,
            "ingest_peak_rss_mb": usage.ru_maxrss / 1024,
            "ingest_cpu_seconds": usage.ru_utime + usage.ru_stime,
            "index_writer": index_writer.stats if index_writer is not None else None,
            "page_splitter": ahead.stats or None,
        }
        Path(path).write_text(json.dumps(stats), encoding="utf-8")

    def report_failure(self, result: IngestResult) -> None:
        self.stderr.write(
            self.style.ERROR(_("failed %(path)s: %(reason)s") % {"path": result.path, "reason": reason(result.code, result.detail)})
        )

    def show_split(self, result: IngestResult) -> None:
        page = result.page
        already = _(" (already in the archive)") if result.status == "duplicate" else ""
        self.stdout.write(f"== {result.path}{already}")
        for line in page.furniture:
            self.stdout.write("   " + _("furniture: %(text)s") % {"text": line})
        for article in page.articles:
            self.stdout.write(f"-- #{article.position} [{article.kind}] {article.title or _('(untitled)')}")
            if article.kicker:
                self.stdout.write("   " + _("kicker: %(text)s") % {"text": article.kicker})
            if article.subtitle:
                self.stdout.write("   " + _("subtitle: %(text)s") % {"text": article.subtitle})
            if article.byline:
                self.stdout.write("   " + _("byline: %(text)s → %(authors)s") % {"text": article.byline, "authors": "、".join(article.authors)})
            paragraphs = article.body.split("\n") if article.body else []
            chars = sum(len(p) for p in paragraphs)
            self.stdout.write("   " + _("body: %(paras)d paragraphs, %(chars)d characters") % {"paras": len(paragraphs), "chars": chars})
            if paragraphs:
                self.stdout.write(f"     「{paragraphs[0][:40]}」 … 「{paragraphs[-1][-30:]}」")
            for caption in article.captions:
                self.stdout.write("   " + _("caption: %(text)s / %(credit)s") % {"text": caption.text or "—", "credit": caption.credit or "—"})

    def extractor(self) -> Extractor:
        loaded = ensure_gazetteer()
        if loaded is not None:
            self.stdout.write(self.style.WARNING(
                _("The zone gazetteer was not loaded in this data folder: loaded it first "
                  "(%(created)d zones, as `load_gazetteer` does).") % vars(loaded)))
        return Extractor()

    def summary(self, results: list[IngestResult], dry_run: bool) -> None:
        created = [r for r in results if r.status == "created"]
        counts = {
            "pages": len(results),
            "created": len(created),
            "articles": sum(r.articles for r in created),
            "duplicates": sum(1 for r in results if r.status == "duplicate"),
            "failed": sum(1 for r in results if r.status == "failed"),
            "warnings": sum(len(r.warnings) for r in results),
        }
        if dry_run:
            text = _("Dry run: %(pages)d pages, %(articles)d articles would be created, "
                     "%(duplicates)d duplicates, %(failed)d failed.") % counts
        else:
            text = _("%(pages)d pages: %(created)d ingested (%(articles)d articles), "
                     "%(duplicates)d duplicates skipped, %(failed)d failed, %(warnings)d warnings.") % counts
        style = self.style.ERROR if counts["failed"] else self.style.SUCCESS
        self.stdout.write(style(text))
