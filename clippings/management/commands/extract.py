"""python manage.py extract — link articles to zones and enterprises again (after the gazetteer,
the dictionary or the pipeline changed). Staff corrections are kept."""
from __future__ import annotations

import sys

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from tqdm import tqdm

from clippings.models import Article
from clippings.services.extract import Extractor, extract_articles


class Command(BaseCommand):
    help = "Re-run zone and enterprise extraction on all articles, or on the given articles or sources."

    def add_arguments(self, parser):
        parser.add_argument("--article", type=int, action="append", default=[], help="article id (repeatable)")
        parser.add_argument("--source", type=int, action="append", default=[], help="source page id (repeatable)")

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            articles = Article.objects.order_by("pk")
            if options["article"] or options["source"]:
                from django.db.models import Q

                articles = articles.filter(Q(pk__in=options["article"]) | Q(source_id__in=options["source"]))
            total = articles.count()

            def progress(items):
                return tqdm(items, total=total, unit=pgettext("progress bar unit", "article"), file=sys.stderr, disable=not sys.stderr.isatty())

            report = extract_articles(articles, Extractor(), progress=progress)
            self.stdout.write(
                _("%(articles)d articles: %(zone_links)d zone links, %(enterprise_links)d enterprise links; "
                  "%(zones_discovered)d new unverified zones, %(enterprises_created)d new enterprises.") % vars(report)
            )
