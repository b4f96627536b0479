"""Zone and enterprise pages: the zone index, one zone, one enterprise."""
from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from clippings.charts import year_bars
from clippings.messages import query_error
from clippings.models import Enterprise, FeedToken, Zone
from clippings.search.locking import IndexBusy
from clippings.search.selectors import SearchRequest, run_search
from clippings.selectors.articles import by_date
from clippings.selectors.entities import (
    ENTERPRISES,
    ZONES,
    EntityKind,
    EntityPage,
    by_prominence,
    enterprise_index,
    enterprise_zones,
    entity_page,
    zone_index,
    zone_relatives,
)
from clippings.text.searchtext import QueryError
from clippings.views.forms import ENTITY_SORTS, EnterpriseIndexForm, EntityArticlesForm, ZoneIndexForm, bad_request

ENTITY_PAGE_SIZE = 20


def zones(request):
    """Zones with articles by default (all on a switch), by province in division-code order."""
    form = ZoneIndexForm(request.GET)
    if not form.is_valid():
        return bad_request(request, form)
    text, show_all, unverified = (form.cleaned_data[k] for k in ("q", "all", "unverified"))
    groups = zone_index(text.strip(), only_covered=not show_all, only_unverified=unverified)
    return render(request, "clippings/zone_index.html", {
        "groups": groups,
        "text": text.strip(),
        "show_all": show_all,
        "unverified": unverified,
        "zone_total": sum(g.zone_count for g in groups),
        "gazetteer_loaded": bool(groups) or Zone.objects.exists(),
    })


ENTERPRISE_PAGE_SIZE = 100


def enterprises(request):
    """Every enterprise with its article count and zones: most articles first, by zone or by name."""
    form = EnterpriseIndexForm(request.GET)
    if not form.is_valid():
        return bad_request(request, form)
    text, sort = form.cleaned_data["q"].strip(), form.cleaned_data["sort"] or "articles"
    rows = enterprise_index(text, order=sort)
    page = Paginator(rows, ENTERPRISE_PAGE_SIZE).get_page(form.cleaned_data["page"])
    groups = []  # (zone or None, rows) for the "by zone" order: consecutive rows of one first zone
    if sort == "zone":
        for row in page.object_list:
            zone = row.zones[0] if row.zones else None
            if not groups or groups[-1][0] != zone:
                groups.append((zone, []))
            groups[-1][1].append(row)
    return render(request, "clippings/enterprise_index.html", {
        "page_obj": page, "text": text, "sort": sort, "sorts": EnterpriseIndexForm.SORTS, "groups": groups,
    })


def zone_detail(request, slug: str):
    zone = get_object_or_404(Zone.objects.select_related("parent", "merged_into"), slug=slug)
    survivor = zone.survivor()
    if survivor.pk != zone.pk:  # merged by staff: its page is the survivor's
        return redirect(survivor)
    form = EntityArticlesForm(request.GET)
    if not form.is_valid():
        return bad_request(request, form)
    page = entity_page(ZONES, zone)
    parent, children = zone_relatives(zone)
    articles = _articles(form, ZONES, page)
    return render(request, "clippings/zone_detail.html", {
        "zone": zone,
        "page": page,
        "parent": parent,
        "children": children,
        "chart": year_bars(page.per_year),
        "feed_token": FeedToken.current(request.user),
        **articles,
    }, status=articles["status"])


def enterprise_detail(request, slug: str):
    enterprise = get_object_or_404(Enterprise.objects.select_related("merged_into"), slug=slug)
    survivor = enterprise.survivor()
    if survivor.pk != enterprise.pk:
        return redirect(survivor)
    form = EntityArticlesForm(request.GET)
    if not form.is_valid():
        return bad_request(request, form)
    page = entity_page(ENTERPRISES, enterprise)
    articles = _articles(form, ENTERPRISES, page)
    return render(request, "clippings/enterprise_detail.html", {
        "enterprise": enterprise,
        "page": page,
        "zones": enterprise_zones(enterprise, page.ids),
        "chart": year_bars(page.per_year),
        **articles,
    }, status=articles["status"])


def _articles(form: EntityArticlesForm, kind: EntityKind, page: EntityPage) -> dict:
    """The entity's articles, one page of them: from the database in date or prominence order, or
    (with a query) from the search index, filtered to the entity. ``status`` is the page's HTTP status."""
    text, sort, number = form.cleaned_data["q"], form.cleaned_data["sort"] or "newest", form.cleaned_data["page"]
    context = {"sorts": ENTITY_SORTS, "sort": sort, "q": text, "search": None, "search_error": None, "page_obj": None,
               "status": 200}
    if text:
        entity = [page.entity.slug]
        wanted = SearchRequest(q=text, order=sort, page=number or 1, page_size=ENTITY_PAGE_SIZE,
                               zones=entity if kind is ZONES else [], enterprises=entity if kind is ENTERPRISES else [])
        try:
            context["search"] = run_search(wanted)
        except QueryError as error:
            context["search_error"], context["status"] = query_error(error.code, error.detail), 400
        except IndexBusy:
            context["search_error"] = _("The search index is busy; please try again in a moment.")
            context["status"] = 503
        return context
    if sort == "relevance":
        articles = by_prominence(kind, page.ids, page.articles)
    else:
        articles = by_date(page.articles, oldest=sort == "oldest")
    context["page_obj"] = Paginator(articles, ENTITY_PAGE_SIZE).get_page(number)
    return context
