from __future__ import annotations

import mimetypes

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from clippings import selectors
from clippings.models import Article, Source


@login_required
def article_list(request):
    articles = selectors.article_list()
    page = Paginator(articles, 50).get_page(request.GET.get("page"))
    return render(request, "clippings/article_list.html", {"page_obj": page, "total": page.paginator.count})


@login_required
def article_detail(request, pk: int):
    try:
        article = selectors.article_detail(pk)
    except Article.DoesNotExist:
        raise Http404 from None
    siblings = list(
        Article.objects.filter(source_id=article.source_id).order_by("position").only("id", "title", "body", "position")
    )
    index = next(i for i, a in enumerate(siblings) if a.pk == article.pk)
    context = {
        "article": article,
        "source": article.source,
        "captions": article.captions.all(),
        "previous": siblings[index - 1] if index > 0 else None,
        "next": siblings[index + 1] if index + 1 < len(siblings) else None,
    }
    return render(request, "clippings/article_detail.html", context)


@login_required
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
