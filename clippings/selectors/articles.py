"""Article reads: lists in date order, one article with its links and neighbours, similar articles,
the export records."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, QuerySet

from clippings.models import Article, Caption, EnterpriseMention, Source, ZoneMention, with_source
from clippings.search.backend import NO_YEAR
from clippings.search.indexing import backend

SIMILAR_LIMIT = 5
SIMILAR_CANDIDATES = 30
# newest issues first; pages without a date after, most recently ingested first; then page order
DATE_ORDER = (F("source__issue_date").desc(nulls_last=True), "-source__ingested_at", "source_id", "position")
OLDEST_ORDER = (F("source__issue_date").asc(nulls_last=True), "source__ingested_at", "source_id", "position")


def by_date(articles: QuerySet[Article], oldest: bool = False) -> QuerySet[Article]:
    return articles.select_related("source").order_by(*(OLDEST_ORDER if oldest else DATE_ORDER)).only(
        "id", "title", "kicker", "body", "position", "kind", "year",
        "source__original_name", "source__newspaper", "source__issue_date", "source__ingested_at", "source__page_label",
    )


def article_list(newspaper: str = "", year: str = "", kind: str = "", edited: bool = False,
                 oldest: bool = False) -> QuerySet[Article]:
    """Articles in date order (undated last either way), filtered by newspaper, year (``NO_YEAR``:
    those without one), kind and whether staff corrected them."""
    articles = Article.objects.all()
    if newspaper:
        articles = articles.filter(source__newspaper=newspaper)
    if year == NO_YEAR:
        articles = articles.filter(year=None)
    elif year:
        articles = articles.filter(year=int(year))
    if kind:
        articles = articles.filter(kind=kind)
    if edited:
        articles = articles.exclude(edited_fields=[])
    return by_date(articles, oldest=oldest)


def list_choices() -> dict[str, list[tuple[str, int]]]:
    """The newspapers and years the article list can be filtered by, with their article counts
    (years newest first, articles without a year last as ``NO_YEAR``)."""
    papers = (Article.objects.order_by().values_list("source__newspaper").annotate(n=Count("pk"))
              .order_by("source__newspaper"))
    years = Article.objects.order_by().values_list("year").annotate(n=Count("pk"))
    dated = sorted(((str(y), n) for y, n in years if y), reverse=True)
    undated = [(NO_YEAR, n) for y, n in years if not y]
    return {"newspaper": [(p, n) for p, n in papers if p], "year": dated + undated}


def _live(queryset):
    return queryset.filter(rejected=False)


@dataclass
class ArticleView:
    article: Article
    source: Source
    zones: list  # survivors, in order of first mention
    enterprises: list
    links: dict[str, str]  # surface form in the text -> page of its zone or enterprise
    previous: Article | None
    next: Article | None


def article_detail(pk: int) -> ArticleView:
    """One article with its captions, live zone/enterprise links and its neighbours on the page."""
    article = (
        with_source(Article.objects)
        .prefetch_related(
            Prefetch("captions", queryset=Caption.objects.order_by("position")),
            Prefetch("zonementions", queryset=_live(ZoneMention.objects).select_related("zone__merged_into")
                     .order_by("first_position")),
            Prefetch("enterprisementions", queryset=_live(EnterpriseMention.objects)
                     .select_related("enterprise__merged_into").order_by("first_position")),
        )
        .get(pk=pk)
    )
    links: dict[str, str] = {}
    zones: dict[int, object] = {}
    enterprises: dict[int, object] = {}
    for mentions, found in ((article.zonementions.all(), zones), (article.enterprisementions.all(), enterprises)):
        for mention in mentions:
            entity = getattr(mention, "zone", None) or mention.enterprise
            entity = entity.survivor()
            found.setdefault(entity.pk, entity)
            for surface in (mention.surface, entity.name):
                if surface:
                    links.setdefault(surface, entity.get_absolute_url())
    siblings = list(
        Article.objects.filter(source_id=article.source_id, position__in=(article.position - 1, article.position + 1))
        .only("id", "title", "body", "position", "kind")
    )
    return ArticleView(
        article=article,
        source=article.source,
        zones=list(zones.values()),
        enterprises=list(enterprises.values()),
        links=links,
        previous=next((a for a in siblings if a.position < article.position), None),
        next=next((a for a in siblings if a.position > article.position), None),
    )


def similar_articles(view: ArticleView, limit: int = SIMILAR_LIMIT) -> list[Article]:
    """Articles sharing the most enterprises and zones with this one (an enterprise counts double),
    newest first among equals; if fewer than ``limit``, then those sharing its most characteristic
    words (the search index's more-like-this). Only the best-connected candidates of each kind are
    scored, so a zone with tens of thousands of articles costs one grouped query, not a scan in Python."""
    scores: dict[int, int] = {}
    for model, field, entities, weight in (
        (EnterpriseMention, "enterprise_id", view.enterprises, 2),
        (ZoneMention, "zone_id", view.zones, 1),
    ):
        ids = [e.pk for e in entities]
        if not ids:
            continue
        rows = (
            _live(model.objects).filter(**{f"{field}__in": ids}).exclude(article_id=view.article.pk)
            .values("article_id").annotate(shared=Count(field, distinct=True))
            .order_by("-shared", "-article_id")[:SIMILAR_CANDIDATES]
        )
        for row in rows:
            scores[row["article_id"]] = scores.get(row["article_id"], 0) + weight * row["shared"]
    best = sorted(scores, key=lambda pk: (-scores[pk], -pk))[:limit]
    if len(best) < limit:
        text = "\n".join((view.article.title, view.article.body))
        best += [pk for pk in backend().similar(view.article.pk, text, limit) if pk not in best][: limit - len(best)]
    found = {a.pk: a for a in by_date(Article.objects.filter(pk__in=best))}
    return [found[pk] for pk in best if pk in found]


def export_queryset() -> QuerySet[Article]:
    return (
        with_source(Article.objects)
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
