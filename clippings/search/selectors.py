"""Search reads: a request's parameters in, a page of highlighted results with facet counts out.

The HTML page and the JSON API both call ``run_search``; they differ only in how they render.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from clippings.models import Article, Enterprise, Zone, ZoneMention, with_source
from clippings.search.backend import NO_YEAR
from clippings.search.indexing import backend
from clippings.templatetags.labels import article_title_html
from clippings.text.searchtext import QueryError, highlight, parse_query, snippet

UNDATED_LABEL = _("undated")
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
ORDERS = ("relevance", "newest", "oldest")


@dataclass
class SearchRequest:
    q: str = ""
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    zones: list[str] = field(default_factory=list)  # slugs
    enterprises: list[str] = field(default_factory=list)  # slugs
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


def _int(value: str | None, name: str, default: int, low: int, high: int) -> int:
    if value in (None, ""):
        return default
    try:
        number = int(value)
    except ValueError:
        raise QueryError("bad_number", name) from None
    if not low <= number <= high:
        raise QueryError("out_of_range", f"{name}: {low}–{high}")
    return number


def _date(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise QueryError("bad_date", name) from None


def parse_request(params: QueryDict) -> SearchRequest:
    """Read and check the parameters; a bad one raises ``QueryError`` with its reason."""
    q = params.get("q", "").strip()
    within = params.get("within", "").strip()
    if within:
        q = f"{q} {within}".strip()
    order = params.get("sort", "relevance") or "relevance"
    if order not in ORDERS:
        raise QueryError("bad_sort", ", ".join(ORDERS))
    years = [y for y in params.getlist("year") if y]
    for year in years:
        if year != NO_YEAR:
            _int(year, "year", 0, 1800, 2200)
    request = SearchRequest(
        q=q,
        page=_int(params.get("page"), "page", 1, 1, 100000),
        page_size=_int(params.get("page_size"), "page_size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE),
        zones=[z for z in params.getlist("zone") if z],
        enterprises=[e for e in params.getlist("enterprise") if e],
        newspapers=[n for n in params.getlist("newspaper") if n],
        years=years,
        date_from=_date(params.get("date_from"), "date_from"),
        date_to=_date(params.get("date_to"), "date_to"),
        order=order,
    )
    if not request.q and not request.has_filters:
        raise QueryError("empty")
    return request


def _ids_for_slugs(model, values: list[str]) -> list[str]:
    """Filter values may be slugs or ids; merged records count as their survivor."""
    if not values:
        return []
    ids = [v for v in values if v.isdigit()]
    slugs = [v for v in values if not v.isdigit()]
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
             "selected": zones[int(k)].slug in request.zones or k in request.zones}
            for k, n in raw.get("zones", []) if int(k) in zones
        ],
        "enterprise": [
            {"value": enterprises[int(k)].slug, "label": enterprises[int(k)].name, "count": n,
             "selected": enterprises[int(k)].slug in request.enterprises or k in request.enterprises}
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
