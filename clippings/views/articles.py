"""Reading pages: home, the article list, one article, one source page with its raw text and image."""
from __future__ import annotations

import mimetypes

from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from clippings.messages import image_problem
from clippings.models import Article, Source
from clippings.selectors import articles as article_reads
from clippings.selectors import overview
from clippings.selectors.entities import ZONES, most_covered
from clippings.search.backend import NO_YEAR
from clippings.search.selectors import UNDATED_LABEL
from clippings.services.thumbnails import ensure_thumbnail
from clippings.text.linkify import link_segments
from clippings.views.listing_forms import ArticleListForm, BadParameters, bad_request, read_params

LIST_PAGE_SIZE = 50


def home(request):
    return render(request, "clippings/home.html", {
        "counts": overview.archive_counts(),
        "recent_sources": overview.recent_sources(),
        "top_zones": most_covered(ZONES),
    })


def article_list(request):
    """Every article, newest first; filters by newspaper, year, kind and staff correction."""
    try:
        params = read_params(ArticleListForm, request.GET)
    except BadParameters as error:
        return bad_request(request, error)
    articles = article_reads.article_list(
        newspaper=params["newspaper"], year=params["year"], kind=params["kind"], edited=params["edited"] == "1",
        oldest=params["sort"] == "oldest",
    )
    page = Paginator(articles, LIST_PAGE_SIZE).get_page(params["page"])
    return render(request, "clippings/article_list.html", {
        "page_obj": page, "total": page.paginator.count, "params": params, "choices": article_reads.list_choices(),
        "kinds": ArticleListForm.KINDS[1:], "sorts": ArticleListForm.SORTS, "no_year": NO_YEAR,
        "undated_label": UNDATED_LABEL, "filtered": any(params[k] for k in ("newspaper", "year", "kind", "edited")),
    })


def article_detail(request, pk: int):
    try:
        view = article_reads.article_detail(pk)
    except Article.DoesNotExist:
        raise Http404 from None
    article = view.article
    paragraphs = [(link_segments(text, view.links), is_subhead) for text, is_subhead in article.paragraphs]
    thumbnail = image_error = None
    if view.source.image:
        found = ensure_thumbnail(view.source)
        thumbnail, image_error = found.name, image_problem(found.error) if found.error else None
    return render(request, "clippings/article_detail.html", {
        "view": view,
        "article": article,
        "source": view.source,
        "paragraphs": paragraphs,
        "captions": article.captions.all(),
        "similar": article_reads.similar_articles(view),
        "thumbnail": thumbnail,
        "image_error": image_error,
    })


def source_detail(request, pk: int):
    try:
        source = overview.source_detail(pk)
    except Source.DoesNotExist:
        raise Http404 from None
    return render(request, "clippings/source_detail.html", {
        "source": source, "articles": source.articles.all(), "cut": overview.page_cut(source),
    })


def source_raw(request, pk: int):
    """The page file's text exactly as ingested, for reading or saving."""
    source = get_object_or_404(Source.objects.only("raw_text"), pk=pk)
    return HttpResponse(source.raw_text, content_type="text/plain; charset=utf-8")


def source_image(request, pk: int):
    source = get_object_or_404(Source, pk=pk)
    if not source.image:
        raise Http404
    try:
        handle = source.image.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    content_type = mimetypes.guess_type(source.image.name)[0] or "application/octet-stream"
    return FileResponse(handle, content_type=content_type)


def source_thumbnail(request, pk: int):
    source = get_object_or_404(Source, pk=pk)
    found = ensure_thumbnail(source)
    if found.error:
        raise Http404(image_problem(found.error))
    return FileResponse(default_storage.open(found.name, "rb"), content_type="image/jpeg")
