"""The search page and the JSON search API."""
from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from clippings.messages import query_error
from clippings.search.indexing import backend
from clippings.search.locking import IndexBusy
from clippings.search.selectors import run_search
from clippings.text.searchtext import QueryError
from clippings.views.forms import SEARCH_ORDERS, SearchForm


def search(request):
    """The search page; without a query or a filter, the empty search form."""
    form = SearchForm(request.GET)
    context = {"params": request.GET, "form": form, "q": request.GET.get("q", ""), "error": None, "result": None,
               "orders": SEARCH_ORDERS}
    busy = False
    if not form.is_valid():
        context["error"] = form.error_text()
    elif (wanted := form.search_request()).q or wanted.has_filters:
        context["q"] = wanted.q
        try:
            context["result"] = result = run_search(wanted)
            _add_toggle_links(request.GET, result.facets)
            context["page_links"] = _page_links(request.GET, result)
        except QueryError as error:
            context["error"] = query_error(error.code, error.detail)
        except IndexBusy:
            busy = True
            context["error"] = _("The search index is busy; please try again in a moment.")
    context["rebuilding"] = backend().rebuild_needed
    status = 503 if busy else 400 if context["error"] else 200
    return render(request, "clippings/search.html", context, status=status)


FACET_PARAMS = {"zone": "zone", "enterprise": "enterprise", "newspaper": "newspaper", "year": "year"}


def _add_toggle_links(params, facets) -> None:
    """Each facet value links to the same search with that value added (or removed)."""
    for name, items in facets.items():
        param = FACET_PARAMS[name]
        for item in items:
            query = params.copy()
            values = [v for v in query.getlist(param) if v != item["value"]]
            if not item["selected"]:
                values.append(item["value"])
            query.setlist(param, values)
            query.pop("page", None)
            item["url"] = "?" + query.urlencode()


def _page_links(params, result) -> dict:
    def link(number):
        query = params.copy()
        query["page"] = str(number)
        return "?" + query.urlencode()

    return {
        "previous": link(result.request.page - 1) if result.has_previous else None,
        "next": link(result.request.page + 1) if result.has_next else None,
    }


@login_not_required  # answers 401 itself: an API client must not be redirected to a login form
def api_search(request):
    """GET /api/search/: JSON for logged-in users; 401 (not a login redirect) otherwise."""
    if not request.user.is_authenticated:
        return JsonResponse({"error": "not_authenticated", "detail": str(_("Log in to use the search API."))}, status=401)
    if not request.user.is_active:
        return JsonResponse({"error": "forbidden", "detail": str(_("This account is disabled."))}, status=403)
    form = SearchForm(request.GET)
    if not form.is_valid():
        name = next(iter(form.errors))
        return JsonResponse({"error": "bad_parameter", "parameter": name, "detail": form.error_text()}, status=400)
    wanted = form.search_request()
    try:
        if not wanted.q and not wanted.has_filters:
            raise QueryError("empty")
        page = run_search(wanted)
    except QueryError as error:
        return JsonResponse({"error": error.code, "detail": query_error(error.code, error.detail)}, status=400)
    except IndexBusy:
        return JsonResponse({"error": "busy", "detail": str(_("The search index is busy; please try again in a moment."))}, status=503)

    def page_url(number: int) -> str:
        params = request.GET.copy()
        params["page"] = str(number)
        return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

    return JsonResponse({
        "count": page.count,
        "next": page_url(page.request.page + 1) if page.has_next else None,
        "previous": page_url(page.request.page - 1) if page.has_previous else None,
        "results": [
            {
                "id": r["id"],
                "title": r["title"],
                "title_html": r["title_html"],
                "url": request.build_absolute_uri(r["url"]),
                "source": r["source"],
                "snippet": r["snippet_html"],
                "zones": r["zones"],
                "date": r["date"],
                "year": r["year"],
            }
            for r in page.results
        ],
        "facets": {
            name: [{k: v for k, v in item.items()} for item in items] for name, items in page.facets.items()
        },
    }, json_dumps_params={"ensure_ascii": False})
