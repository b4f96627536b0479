"""Reading pages: home, the article list, one article, one source page with its raw text and image."""
from __future__ import annotations

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
from clippings.services.images import served_content_type
from clippings.services.thumbnails import ensure_thumbnail
from clippings.text.linkify import link_segments
from clippings.views.forms import ArticleListForm, bad_request

LIST_PAGE_SIZE = 50


def home(request):
    return render(request, "clippings/home.html", {
        "counts": overview.archive_counts(),
        "recent_sources": overview.recent_sources(),
        "top_zones": most_covered(ZONES),
    })


def article_list(request):
    """Every article, newest first; filters by newspaper, year, kind and staff correction."""
    form = ArticleListForm(request.GET)
    if not form.is_valid():
        return bad_request(request, form)
    params = form.cleaned_data
    articles = article_reads.article_list(
        newspaper=params["newspaper"], year=params["year"], kind=params["kind"], edited=params["edited"],
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


# The image alone, as a document of its own: no scripts, no plugins, no loads, whatever a browser makes of it.
IMAGE_POLICY = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"


def source_image(request, pk: int):
    """The page image, only as the raster type Pillow reads in it; a stored file of any other kind (one
    written past the checks) is never served: from this origin it could run scripts."""
    source = get_object_or_404(Source, pk=pk)
    if not source.image:
        raise Http404
    try:
        content_type = served_content_type(source.image)
        handle = source.image.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    if content_type is None:
        handle.close()
        raise Http404(image_problem("image_broken"))
    response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = IMAGE_POLICY
    return response


def source_thumbnail(request, pk: int):
    source = get_object_or_404(Source, pk=pk)
    found = ensure_thumbnail(source)
    if found.error:
        raise Http404(image_problem(found.error))
    return FileResponse(default_storage.open(found.name, "rb"), content_type="image/jpeg")
