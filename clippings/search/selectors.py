"""Search reads: a checked request (``SearchRequest``, made by the views' ``SearchForm``) in, a page
of highlighted results with facet counts out.

The HTML page and the JSON API both call ``run_search``; they differ only in how they render.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from clippings.models import Article, Enterprise, Zone, ZoneMention, with_source
from clippings.search.backend import NO_YEAR
from clippings.search.indexing import backend
from clippings.templatetags.labels import article_title_html
from clippings.text.searchtext import highlight, parse_query, snippet

UNDATED_LABEL = _("undated")
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
ORDERS = ("relevance", "newest", "oldest")


@dataclass
class SearchRequest:
    q: str = ""
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    zones: list[str | int] = field(default_factory=list)  # slugs, or ids as ints
    enterprises: list[str | int] = field(default_factory=list)
    newspapers: list[str] = field(default_factory=list)
    years: list[str] = field(default_factory=list)
    date_from: date | None = None
    date_to: date | None = None
    order: str = "relevance"

    @property
    def has_filters(self) -> bool:
        return bool(self.zones or self.enterprises or self.newspapers or self.years or self.date_from or self.date_to)


@dataclass
class SearchPage:
    request: SearchRequest
    count: int
    results: list[dict]
    facets: dict[str, list[dict]]

    @property
    def pages(self) -> int:
        return max(1, -(-self.count // self.request.page_size))

    @property
    def has_next(self) -> bool:
        return self.request.page < self.pages

    @property
    def has_previous(self) -> bool:
        return self.request.page > 1


def _ids_for_slugs(model, values: list[str | int]) -> list[str]:
    """Filter values are slugs or ids (checked and told apart by the view's form)."""
    if not values:
        return []
    ids = [v for v in values if isinstance(v, int)]
    slugs = [v for v in values if isinstance(v, str)]
    found = {str(pk) for pk in model.objects.filter(slug__in=slugs).values_list("pk", flat=True)}
    found |= {str(pk) for pk in model.objects.filter(pk__in=ids).values_list("pk", flat=True)}
    return sorted(found) or ["-1"]  # an unknown zone matches nothing rather than everything


def _day(value: date | None) -> int | None:
    return int(value.strftime("%Y%m%d")) if value else None


def run_search(request: SearchRequest) -> SearchPage:
    parsed = parse_query(request.q) if request.q else None
    filters = {
        "zones": _ids_for_slugs(Zone, request.zones),
        "enterprises": _ids_for_slugs(Enterprise, request.enterprises),
        "newspaper": request.newspapers,
        "year": request.years,
    }
    order = request.order if parsed else ("newest" if request.order == "relevance" else request.order)
    outcome = backend().execute(
        parsed,
        filters=filters,
        day_range=(_day(request.date_from), _day(request.date_to)),
        order=order,
        offset=(request.page - 1) * request.page_size,
        limit=request.page_size,
    )
    terms = [t.text for t in parsed.positive_terms] if parsed else []
    return SearchPage(request, outcome.count, _results(outcome.ids, terms), _facets(outcome.facets, request))


def _results(ids: list[int], terms: list[str]) -> list[dict]:
    articles = (
        with_source(Article.objects.filter(pk__in=ids))
        .prefetch_related(
            "captions",
            Prefetch("zonementions", queryset=ZoneMention.objects.filter(rejected=False).select_related("zone__merged_into")),
        )
    )
    by_id = {a.pk: a for a in articles}
    results = []
    for pk in ids:
        article = by_id.get(pk)
        if article is None:  # deleted since the index was read
            continue
        source = article.source
        zones = {}
        for mention in article.zonementions.all():
            zone = mention.zone.survivor()
            zones[zone.pk] = zone
        body = "\n".join([article.subtitle, article.body, *(c.text for c in article.captions.all())])
        results.append({
            "id": article.pk,
            "article": article,
            "title": article.display_title,
            "title_html": article_title_html(article, lambda text: highlight(text, terms)),
            "snippet_html": snippet(body, terms),
            "url": article.get_absolute_url(),
            "source": {
                "id": source.pk,
                "newspaper": source.newspaper,
                "file": source.original_name,
                "label": source.display_name,
                "page": source.page_label,
            },
            "zones": [{"slug": z.slug, "name": z.name} for z in zones.values()],
            "date": source.issue_date.isoformat() if source.issue_date else None,
            "year": article.year,
        })
    return results


def _facets(raw: dict[str, list[tuple[str, int]]], request: SearchRequest) -> dict[str, list[dict]]:
    zone_ids = [int(k) for k, _ in raw.get("zones", [])]
    enterprise_ids = [int(k) for k, _ in raw.get("enterprises", [])]
    zones = {z.pk: z for z in Zone.objects.filter(pk__in=zone_ids).only("pk", "slug", "name")}
    enterprises = {e.pk: e for e in Enterprise.objects.filter(pk__in=enterprise_ids).only("pk", "slug", "name")}
    facets = {
        "zone": [
            {"value": zones[int(k)].slug, "label": zones[int(k)].name, "count": n,
             "selected": zones[int(k)].slug in request.zones or int(k) in request.zones}
            for k, n in raw.get("zones", []) if int(k) in zones
        ],
        "enterprise": [
            {"value": enterprises[int(k)].slug, "label": enterprises[int(k)].name, "count": n,
             "selected": enterprises[int(k)].slug in request.enterprises or int(k) in request.enterprises}
            for k, n in raw.get("enterprises", []) if int(k) in enterprises
        ],
        "newspaper": [
            {"value": k, "label": k, "count": n, "selected": k in request.newspapers} for k, n in raw.get("newspaper", [])
        ],
        "year": sorted(  # newest first, 未注明日期 last
            ({"value": k, "label": str(UNDATED_LABEL) if k == NO_YEAR else k, "count": n, "selected": k in request.years}
             for k, n in raw.get("year", [])),
            key=lambda item: "" if item["value"] == NO_YEAR else item["value"], reverse=True,
        ),
    }
    return facets
