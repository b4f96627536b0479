"""Nothing a person may want back is lost: a deleted page restored with its text and articles, the
machine's original version of a record kept before the first human edit, joins and merges undone."""
from __future__ import annotations

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from clippings.models import Article, Source
from clippings.services.ingest import ingest_path

from .conftest import SAMPLES
from .test_admin import form_data
from .test_ingest import run_ingest

pytestmark = pytest.mark.django_db

PAGE = SAMPLES / "hefei_2024-05-10_A3.txt"


def _history_url(obj_or_model, pk, version=None) -> str:
    name = obj_or_model._meta.model_name
    if version is None:
        return reverse(f"admin:clippings_{name}_history", args=[pk])
    return reverse(f"admin:clippings_{name}_simple_history", args=[pk, version])


def test_a_deleted_page_restored_from_history_has_its_text_and_articles(media, editor):
    assert ingest_path(PAGE).status == "created"
    source = Source.objects.get()
    raw, titles = source.raw_text, list(source.articles.order_by("position").values_list("title", flat=True))
    pk = source.pk
    response = editor.post(reverse("admin:clippings_source_delete", args=[pk]), {"post": "yes"})
    assert response.status_code == 302 and not Source.objects.exists() and not Article.objects.exists()
    deleted = Source.history.filter(id=pk, history_type="-").get()
    assert deleted.raw_text == raw
    url = _history_url(Source, pk, deleted.history_id)
    response = editor.post(url, form_data(editor, url))
    assert response.status_code == 302, response.content.decode()[:2000]
    restored = Source.objects.get(pk=pk)
    assert restored.raw_text == raw and restored.cleaned_text
    assert restored.image and default_storage.exists(restored.image.name), "the page image is kept for a restore"
    assert list(restored.articles.order_by("position").values_list("title", flat=True)) == titles
    code, out, _ = run_ingest(PAGE)
    assert code == 0 and Source.objects.count() == 1 and restored.articles.count() == len(titles)


def test_a_page_without_its_text_or_articles_is_not_a_duplicate(media):
    assert ingest_path(PAGE).status == "created"
    source = Source.objects.get()
    count = source.articles.count()
    # what a restore from a history without the text left: the record, no text, no articles
    Source.objects.filter(pk=source.pk).update(raw_text="", cleaned_text="")
    source.articles.all().delete()
    result = ingest_path(PAGE)
    assert result.status == "created"
    source.refresh_from_db()
    assert source.raw_text and source.articles.count() == count and Source.objects.count() == 1
    assert ingest_path(PAGE).status == "duplicate"
