"""Archive-wide reads: the home page's counts and recent pages, one source page with what it produced."""
from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q

from clippings.models import Article, Caption, Enterprise, Source, Zone


@dataclass
class ArchiveCounts:
    pages: int
    articles: int
    zones: int
    zones_unverified: int
    enterprises: int


def archive_counts() -> ArchiveCounts:
    zones = Zone.objects.filter(merged_into=None).aggregate(
        total=Count("pk"), unverified=Count("pk", filter=Q(verified=False))
    )
    return ArchiveCounts(
        pages=Source.objects.count(),
        articles=Article.objects.count(),
        zones=zones["total"],
        zones_unverified=zones["unverified"],
        enterprises=Enterprise.objects.filter(merged_into=None).count(),
    )


def recent_sources(limit: int = 10) -> list[Source]:
    """The pages ingested last, with their article counts (counted for these pages only)."""
    sources = list(Source.objects.order_by("-ingested_at", "-pk")
                   .only("pk", "original_name", "newspaper", "issue_date", "page_label", "ingested_at")[:limit])
    counts = dict(Article.objects.filter(source__in=sources).order_by().values("source_id")
                  .annotate(n=Count("pk")).values_list("source_id", "n"))
    for source in sources:
        source.article_count = counts.get(source.pk, 0)
    return sources


def source_detail(pk: int) -> Source:
    """The page with its articles (in page order) and their captions."""
    return (
        Source.objects.select_related("ingested_by")
        .prefetch_related(
            Prefetch(
                "articles",
                queryset=Article.objects.order_by("position").prefetch_related(
                    Prefetch("captions", queryset=Caption.objects.order_by("position"))
                ),
            ),
            Prefetch("captions", queryset=Caption.objects.filter(article=None).order_by("position"),
                     to_attr="loose_captions"),
        )
        .get(pk=pk)
    )
