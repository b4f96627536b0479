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


def test_the_machine_version_is_kept_before_the_first_human_edit_and_can_be_restored(media, editor):
    from .test_admin import change_url

    assert ingest_path(PAGE).status == "created"
    article = Article.objects.exclude(title="").order_by("position").first()
    machine_title = article.title
    assert not article.history.exists()  # machine writes leave no history
    for title in ("员工第一次改的标题", "员工第二次改的标题"):
        data = form_data(editor, change_url(article))
        data["title"] = title
        assert editor.post(change_url(article), data).status_code == 302
    rows = list(article.history.order_by("history_date"))
    assert [r.title for r in rows] == [machine_title, "员工第一次改的标题", "员工第二次改的标题"]
    baseline = rows[0]
    assert baseline.history_user is None and baseline.history_change_reason == "机器原始版本"
    page = editor.get(_history_url(Article, article.pk)).content.decode()
    assert "机器原始版本" in page and machine_title in page
    url = _history_url(Article, article.pk, baseline.history_id)
    assert editor.post(url, form_data(editor, url)).status_code == 302
    article.refresh_from_db()
    assert article.title == machine_title


def test_a_join_keeps_the_second_articles_headline_and_says_so(media, editor):
    from .test_admin import action

    assert ingest_path(PAGE).status == "created"
    first, second = Article.objects.filter(source__isnull=False).order_by("position")[:2]
    second.title, second.byline, second.authors = "第二篇的标题", "本报记者 李明", ["李明"]
    Article.objects.filter(pk=second.pk).update(title=second.title, byline=second.byline, authors=second.authors)
    confirm = action(editor, Article, "join", [first.pk, second.pk]).content.decode()
    assert "第二篇的标题" in confirm and "本报记者 李明" in confirm and "小标题" in confirm
    first_body, second_body = first.body, second.body
    action(editor, Article, "join", [first.pk, second.pk], confirm="1")
    first.refresh_from_db()
    assert first.body == "\n".join([first_body, "第二篇的标题", "本报记者 李明", second_body])
    kept = ("第二篇的标题", "本报记者 李明")
    heads = {i for i, line in enumerate(first.body.split("\n")) if line in kept}
    assert heads <= set(first.subheads) and "李明" in first.authors
    # and both articles as they were are in the history
    assert Article.history.filter(id=second.pk, history_type="-", title="第二篇的标题").exists()
    assert first.history.filter(body=first_body).exists()


def test_a_merge_of_zones_can_be_undone(media, editor):
    from clippings.models import Enterprise, Zone, ZoneAlias, ZoneMention

    from .test_admin import action

    assert ingest_path(PAGE).status == "created"
    first, second = Article.objects.order_by("position")[:2]
    keep = Zone.objects.create(name="甲测试高新区", slug="jia-test")
    gone = Zone.objects.create(name="乙测试高新区", slug="yi-test")
    child = Zone.objects.create(name="乙测试片区", slug="yi-child", parent=gone)
    firm = Enterprise.objects.create(name="某测试有限公司", slug="firm-test")
    firm.zones.add(gone)
    ZoneMention.objects.create(article=first, zone=keep, surface="测试区", count=2, first_position=5)
    ZoneMention.objects.create(article=first, zone=gone, surface="测试区", count=3, first_position=1)
    moved = ZoneMention.objects.create(article=second, zone=gone, surface="乙区", count=1)
    ZoneAlias.objects.create(zone=gone, name="乙简称")
    ZoneAlias.objects.create(zone=gone, name="共同名")
    ZoneAlias.objects.create(zone=keep, name="共同名")
    state = lambda: (  # noqa: E731
        sorted(ZoneMention.objects.values_list("article_id", "zone_id", "surface", "count", "first_position")),
        sorted(ZoneAlias.objects.values_list("zone_id", "name")),
        Zone.objects.get(pk=child.pk).parent_id, sorted(firm.zones.values_list("pk", flat=True)),
        Zone.objects.get(pk=gone.pk).merged_into_id)
    before = state()
    confirm = action(editor, Zone, "merge", [keep.pk, gone.pk], survivor=str(keep.pk)).content.decode()
    assert "撤销合并" in confirm
    action(editor, Zone, "merge", [keep.pk, gone.pk], survivor=str(keep.pk), confirm="1")
    merged = state()
    assert merged != before and merged[4] == keep.pk and Zone.objects.get(pk=child.pk).parent_id == keep.pk
    assert ZoneMention.objects.get(pk=moved.pk).zone_id == keep.pk
    assert Zone.history.filter(id=gone.pk).exists() and Zone.history.filter(id=keep.pk).exists()
    response = action(editor, Zone, "unmerge", [gone.pk])
    assert response.status_code == 302
    assert state() == before
    assert ZoneMention.objects.get(pk=moved.pk).zone_id == gone.pk
    # undone once: a second undo says why it cannot
    html = _unmerge(editor, gone).content.decode()
    assert "乙测试高新区：它没有并入别的记录" in html and state() == before


def _unmerge(client, zone):
    url = reverse("admin:clippings_zone_changelist")
    return client.post(url, {"action": "unmerge", "_selected_action": [str(zone.pk)]}, follow=True)


def test_undoing_a_merge_recorded_nowhere_says_so(media, editor):
    from clippings.models import Zone

    keep = Zone.objects.create(name="甲测试高新区", slug="jia-test")
    gone = Zone.objects.create(name="乙测试高新区", slug="yi-test", merged_into=keep)  # merged before records
    html = _unmerge(editor, gone).content.decode()
    assert "没有这次合并移动内容的记录" in html
    assert Zone.objects.get(pk=gone.pk).merged_into_id == keep.pk


def test_a_merge_of_enterprises_can_be_undone(media, editor):
    from clippings.models import Enterprise, EnterpriseAlias, EnterpriseMention, Zone

    from .test_admin import action

    assert ingest_path(PAGE).status == "created"
    article = Article.objects.order_by("position").first()
    zone_a = Zone.objects.create(name="甲测试高新区", slug="jia-test")
    zone_b = Zone.objects.create(name="乙测试高新区", slug="yi-test")
    keep = Enterprise.objects.create(name="甲测试有限公司", slug="jia-firm")
    gone = Enterprise.objects.create(name="甲测试公司", slug="jia-firm-2")
    keep.zones.add(zone_a)
    gone.zones.add(zone_a, zone_b)
    EnterpriseMention.objects.create(article=article, enterprise=gone, surface="甲测试公司", count=2)
    EnterpriseAlias.objects.create(enterprise=gone, name="甲测试")
    state = lambda: (  # noqa: E731
        sorted(EnterpriseMention.objects.values_list("article_id", "enterprise_id", "surface", "count")),
        sorted(EnterpriseAlias.objects.values_list("enterprise_id", "name")),
        sorted(keep.zones.values_list("pk", flat=True)), sorted(gone.zones.values_list("pk", flat=True)),
        Enterprise.objects.get(pk=gone.pk).merged_into_id)
    before = state()
    action(editor, Enterprise, "merge", [keep.pk, gone.pk], survivor=str(keep.pk), confirm="1")
    assert state()[4] == keep.pk and state()[2] == sorted([zone_a.pk, zone_b.pk])
    action(editor, Enterprise, "unmerge", [gone.pk])
    assert state() == before


def test_undoing_a_merge_needs_the_change_permission(media, client, django_user_model):
    from django.contrib.auth.models import Permission

    from clippings.models import Zone

    from .test_admin import action

    keep = Zone.objects.create(name="甲测试高新区", slug="jia-test")
    gone = Zone.objects.create(name="乙测试高新区", slug="yi-test")
    editor = django_user_model.objects.create_user("kanke", password="pw-123456", is_staff=True)
    editor.user_permissions.add(*Permission.objects.filter(codename__in=["view_zone", "change_zone"]))
    client.force_login(editor)
    action(client, Zone, "merge", [keep.pk, gone.pk], survivor=str(keep.pk), confirm="1")
    assert Zone.objects.get(pk=gone.pk).merged_into_id == keep.pk
    viewer = django_user_model.objects.create_user("zhikan", password="pw-123456", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_zone"))
    client.force_login(viewer)
    action(client, Zone, "unmerge", [gone.pk])
    assert Zone.objects.get(pk=gone.pk).merged_into_id == keep.pk
    client.force_login(editor)
    action(client, Zone, "unmerge", [gone.pk])
    assert Zone.objects.get(pk=gone.pk).merged_into_id is None
