"""Atom feeds: a zone's newest articles, for feed readers of staff who follow a zone."""
from __future__ import annotations

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from clippings.models import Zone
from clippings.selectors.articles import by_date
from clippings.selectors.entities import ZONES, articles_about, family_ids

FEED_ITEMS = 30


class PlainTextAtomFeed(Atom1Feed):
    """Summaries as plain text: OCR text is not markup, and Django's ``type="html"`` summary would have
    feed readers render whatever tags a page's text contains."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item.get("description") is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class ZoneFeed(Feed):
    feed_type = PlainTextAtomFeed

    def get_object(self, request, slug):
        return get_object_or_404(Zone, slug=slug).survivor()

    def title(self, zone):
        return _("%(zone)s — newest articles") % {"zone": zone.name}

    def link(self, zone):
        return zone.get_absolute_url()

    def subtitle(self, zone):
        return _("Articles about %(zone)s in the development news archive") % {"zone": zone.name}

    def items(self, zone):
        return list(by_date(articles_about(ZONES, family_ids(ZONES, zone)))[:FEED_ITEMS])

    def item_title(self, article):
        return article.display_title

    def item_description(self, article):
        text = article.body.replace("\n", " ")
        return text[:200] + ("…" if len(text) > 200 else "")

    def item_pubdate(self, article):
        source = article.source
        if source.issue_date:
            return timezone.make_aware(datetime.combine(source.issue_date, time(6, 0)))
        return source.ingested_at

    def item_updateddate(self, article):
        return self.item_pubdate(article)

    def item_author_name(self, article):
        return article.source.newspaper or None
