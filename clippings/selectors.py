"""Reads: how the archive is queried for pages and exports (no writes here)."""
from __future__ import annotations

from collections.abc import Iterator

from django.db.models import F, Prefetch, QuerySet

from clippings.models import Article, Caption, EnterpriseMention, ZoneMention


def article_list() -> QuerySet[Article]:
    """Newest issues first; pages without a date after, most recently ingested first."""
    return Article.objects.select_related("source").order_by(
        F("source__issue_date").desc(nulls_last=True), "-source__ingested_at", "source_id", "position"
    ).only(
        "id", "title", "kicker", "body", "position", "kind", "year", "authors",
        "source__original_name", "source__newspaper", "source__issue_date", "source__ingested_at",
    )


def article_detail(pk: int) -> Article:
    return (
        Article.objects.select_related("source")
        .prefetch_related("captions")
        .get(pk=pk)
    )


def _live(queryset):
    return queryset.filter(rejected=False)


def export_queryset() -> QuerySet[Article]:
    return (
        Article.objects.select_related("source")
        .order_by("source_id", "position")
        .prefetch_related(
            Prefetch("captions", queryset=Caption.objects.order_by("position")),
            Prefetch("zonementions", queryset=_live(ZoneMention.objects.select_related("zone__merged_into"))),
            Prefetch(
                "enterprisementions",
                queryset=_live(EnterpriseMention.objects.select_related("enterprise__merged_into")),
            ),
        )
    )


def export_record(article: Article, base_url: str) -> dict:
    """One article as the stable export record (field names are a public contract)."""
    zones: dict[str, set[str]] = {}
    for mention in article.zonementions.all():
        zone = mention.zone.survivor()
        surfaces = zones.setdefault(zone.name, set())
        if mention.surface:
            surfaces.add(mention.surface)
    enterprises: dict[str, set[str]] = {}
    for mention in article.enterprisementions.all():
        enterprise = mention.enterprise.survivor()
        aliases = enterprises.setdefault(enterprise.name, set())
        if mention.surface and mention.surface != enterprise.name:
            aliases.add(mention.surface)
    source = article.source
    return {
        "id": article.pk,
        "source": source.original_name,
        "position": article.position,
        "kind": article.kind,
        "title": article.title,
        "kicker": article.kicker,
        "subtitle": article.subtitle or article.kicker,
        "byline": article.byline,
        "authors": list(article.authors or []),
        "body": article.body,
        "captions": [
            {"text": c.text, "credit": c.credit, "credit_raw": c.credit_raw} for c in article.captions.all()
        ],
        "zones": [{"name": name, "surfaces": sorted(s)} for name, s in sorted(zones.items())],
        "enterprises": [{"name": name, "aliases": sorted(a)} for name, a in sorted(enterprises.items())],
        "newspaper": source.newspaper,
        "date": source.issue_date.isoformat() if source.issue_date else None,
        "page": source.page_label,
        "year": article.year,
        "url": base_url.rstrip("/") + article.get_absolute_url(),
    }


def export_records(base_url: str) -> Iterator[dict]:
    for article in export_queryset().iterator(chunk_size=500):
        yield export_record(article, base_url)
