"""Admin editing: every list and form in Chinese, edits marked and kept through re-extraction, history,
merges with a confirmation page, confirming discovered zones, split/join, CSV export, uploads, roles."""
from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from clippings.models import Article, Enterprise, Origin, Source, Zone, ZoneAlias, ZoneMention
from clippings.roles import READERS

from .conftest import SAMPLES, seed_path

pytestmark = pytest.mark.django_db


class FormValues(HTMLParser):
    """The values a browser would submit for the first <form> with method=post."""

    def __init__(self):
        super().__init__()
        self.values: list[tuple[str, str]] = []
        self._textarea = self._select = None
        self._in_form = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("method", "").lower() == "post" and "changelist-search" != a.get("id"):
            self._in_form = True
        if not self._in_form or "name" not in a and tag in ("input", "textarea", "select"):
            return
        if tag == "input":
            kind = a.get("type", "text")
            if kind in ("submit", "button", "file", "image"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.values.append((a["name"], a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "textarea":
            self._textarea = [a["name"], ""]
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select and "selected" in a:
            self.values.append((self._select, a.get("value", "")))

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None:
            value = self._textarea[1]
            self.values.append((self._textarea[0], value[1:] if value.startswith("\n") else value))
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form":
            self._in_form = False


def form_data(client, url) -> dict:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    parser = FormValues()
    parser.feed(response.content.decode())
    data: dict = {}
    for name, value in parser.values:
        data.setdefault(name, [])
        data[name].append(value)
    return {k: v if len(v) > 1 else v[0] for k, v in data.items()}


def change_url(obj) -> str:
    return reverse(f"admin:clippings_{obj._meta.model_name}_change", args=[obj.pk])


def action(client, model, name, ids, **extra):
    url = reverse(f"admin:clippings_{model._meta.model_name}_changelist")
    return client.post(url, {"action": name, "_selected_action": [str(i) for i in ids], **extra})


# --- lists, forms, search ----------------------------------------------------------------------


@pytest.mark.parametrize("model", ["source", "article", "caption", "zone", "enterprise", "zonemention",
                                   "enterprisemention", "zonealias", "enterprisealias"])
def test_every_list_and_form_opens_in_chinese(archive, editor, model):
    html = editor.get(reverse(f"admin:clippings_{model}_changelist")).content.decode()
    assert "开发区新闻档案" in html and "Select" not in html.split("<title>", 1)[1][:80]
    from django.apps import apps

    obj = apps.get_model("clippings", model).objects.first()
    assert editor.get(change_url(obj)).status_code == 200


def test_chinese_search_boxes_and_filters(archive, editor):
    html = editor.get(reverse("admin:clippings_article_changelist"), {"q": "科学城"}).content.decode()
    expected = Article.objects.filter(title__contains="科学城") | Article.objects.filter(kicker__contains="科学城")
    assert re.search(r"(\d+) 条结果", html).group(1) == str(expected.distinct().count())
    zone = Zone.objects.filter(mentions__rejected=False).first()
    linked = set(ZoneMention.objects.filter(zone=zone, rejected=False).values_list("article_id", flat=True))
    listed = editor.get(reverse("admin:clippings_article_changelist"), {"zone": zone.pk}).content.decode()
    assert {int(pk) for pk in re.findall(r'/admin/clippings/article/(\d+)/change/', listed)} == linked
    zones = editor.get(reverse("admin:clippings_zone_changelist"), {"q": "两江", "kind__exact": "new_area"})
    assert "两江新区" in zones.content.decode()
    autocomplete = editor.get(reverse("admin:autocomplete"), {"app_label": "clippings", "model_name": "zonemention",
                                                               "field_name": "zone", "term": "苏州"})
    assert any("苏州" in r["text"] for r in autocomplete.json()["results"])


# --- corrections stick, history -------------------------------------------------------------------


def test_title_edit_is_marked_kept_by_extraction_and_in_history(archive, editor):
    article = Article.objects.filter(zonementions__isnull=False).first()
    data = form_data(editor, change_url(article))
    data["title"] = "员工改过的标题"
    response = editor.post(change_url(article), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    article.refresh_from_db()
    assert article.title == "员工改过的标题" and "title" in article.edited_fields
    assert "body" not in article.edited_fields  # untouched fields are not marked
    record = article.history.first()
    assert record.title == "员工改过的标题" and record.history_user == editor.user
    history = editor.get(reverse("admin:clippings_article_history", args=[article.pk])).content.decode()
    assert "员工改过的标题" in history or "bianji" in history
    call_command("extract", stdout=io.StringIO())
    article.refresh_from_db()
    assert article.title == "员工改过的标题"


def _with_paragraphs(n: int) -> Article:
    return next(a for a in Article.objects.order_by("pk") if len([p for p in a.body.split("\n") if p]) >= n)


def test_article_form_edits_authors_as_names_and_subheads_on_the_paragraphs(archive, editor):
    article = _with_paragraphs(3)
    article.authors = ["林晓岚"]
    article.save()
    html = editor.get(change_url(article)).content.decode()
    assert 'name="authors" value="林晓岚"' in html and "[&quot;" not in html  # no JSON to edit
    lines = article.body.split("\n")
    second = [i for i, text in enumerate(lines) if text][1]
    assert f'name="subheads" value="{second}"' in html and lines[second][:10] in html
    data = form_data(editor, change_url(article))
    data["authors"] = " 张三 ，李四、张三、、 袁 芳 "
    data["subheads"] = [str(second)]
    data["body"] = data["body"].replace("\n", "\r\n")  # as a browser sends a textarea
    response = editor.post(change_url(article), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    article.refresh_from_db()
    assert article.authors == ["张三", "李四", "袁 芳"] and article.subheads == [second]
    assert {"authors", "subheads"} <= set(article.edited_fields) and "body" not in article.edited_fields
    html = editor.get(change_url(article)).content.decode()
    assert 'value="张三、李四、袁 芳"' in html
    assert re.search(rf'name="subheads" value="{second}"[^>]*checked', html)


def test_a_subhead_moves_with_its_paragraph_when_the_body_changes(archive, editor):
    article = _with_paragraphs(3)
    lines = article.body.split("\n")
    second = [i for i, text in enumerate(lines) if text][1]
    data = form_data(editor, change_url(article))
    data["subheads"] = [str(second)]
    data["body"] = "编辑补上的第一段。\n" + article.body
    assert editor.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.subheads == [second + 1] and article.body.split("\n")[second + 1] == lines[second]


def test_article_links_are_labelled_in_chinese(archive, editor):
    mention = ZoneMention.objects.filter(rejected=False).select_related("zone", "article").first()
    html = editor.get(change_url(mention.article)).content.decode()
    assert "object (" not in html
    assert f"{mention.zone.name}（{mention.count} 次）" in html


def test_history_page_is_in_chinese(archive, editor):
    article = _with_paragraphs(1)
    data = form_data(editor, change_url(article))
    data["title"] = "改后的标题"
    editor.post(change_url(article), data)
    html = editor.get(reverse("admin:clippings_article_history", args=[article.pk])).content.decode()
    table = html.split('id="change-history"', 1)[1]
    assert "修改内容" in table and "修改原因" in table
    assert not re.search(r">\s*(None|Changes)\s*<", table), table[:2000]


def test_removed_link_stays_removed_and_added_link_stays_after_extraction(archive, editor):
    mention = ZoneMention.objects.filter(rejected=False, origin=Origin.MACHINE).select_related("article").first()
    article = mention.article
    other = Zone.objects.exclude(mentions__article=article).filter(verified=True).first()
    data = form_data(editor, change_url(article))
    prefix = "zonementions"
    rows = int(data[f"{prefix}-INITIAL_FORMS"])
    index = next(i for i in range(rows) if data[f"{prefix}-{i}-id"] == str(mention.pk))
    data[f"{prefix}-{index}-DELETE"] = "on"
    data[f"{prefix}-TOTAL_FORMS"] = str(rows + 1)
    data[f"{prefix}-{rows}-zone"] = str(other.pk)
    data[f"{prefix}-{rows}-surface"] = ""
    data[f"{prefix}-{rows}-article"] = str(article.pk)
    response = editor.post(change_url(article), data)
    assert response.status_code == 302, re.findall(r'class="errorlist[^"]*">(.*?)</ul>', response.content.decode())
    mention.refresh_from_db()
    assert mention.rejected and mention.origin == Origin.STAFF
    assert ZoneMention.objects.filter(article=article, zone=other, origin=Origin.STAFF, rejected=False).exists()
    call_command("extract", "--article", str(article.pk), stdout=io.StringIO())
    assert not ZoneMention.objects.filter(article=article, zone=mention.zone, rejected=False).exists()
    assert ZoneMention.objects.filter(article=article, zone=other, rejected=False).exists()


def test_zone_field_edit_survives_reloading_the_gazetteer(archive, editor):
    zone = Zone.objects.filter(verified=True, approval_year__isnull=False).first()
    data = form_data(editor, change_url(zone))
    data["approval_year"] = "1999"
    assert editor.post(change_url(zone), data).status_code == 302
    call_command("load_gazetteer", stdout=io.StringIO())
    zone.refresh_from_db()
    assert zone.approval_year == 1999 and "approval_year" in zone.edited_fields


# --- merges, confirmations ------------------------------------------------------------------------


def test_merge_zones_with_confirmation(archive, editor):
    keep = Zone.objects.filter(mentions__rejected=False).first()
    gone = Zone.objects.filter(mentions__rejected=False).exclude(pk=keep.pk).exclude(
        mentions__article__zonementions__zone=keep).first()
    articles = set(ZoneMention.objects.filter(zone__in=[keep, gone], rejected=False).values_list("article_id", flat=True))
    page = action(editor, Zone, "merge", [keep.pk, gone.pk], survivor=str(keep.pk))
    html = page.content.decode()
    assert page.status_code == 200 and gone.name in html and "别名" in html
    assert not Zone.objects.get(pk=gone.pk).merged_into_id  # nothing changed before confirming
    done = action(editor, Zone, "merge", [keep.pk, gone.pk], survivor=str(keep.pk), confirm="1")
    assert done.status_code == 302
    gone.refresh_from_db()
    assert gone.merged_into_id == keep.pk
    assert ZoneAlias.objects.filter(zone=keep, name=gone.name).exists()
    page = editor.get(keep.get_absolute_url())
    assert set(int(pk) for pk in re.findall(r'href="/articles/(\d+)/"', page.content.decode())) >= articles
    assert editor.get(gone.get_absolute_url()).url == keep.get_absolute_url()


def test_merge_enterprises_moves_aliases(archive, editor):
    a, b = Enterprise.objects.filter(mentions__rejected=False).distinct()[:2]
    b.aliases.create(name="某某简称", origin=Origin.MACHINE)
    action(editor, Enterprise, "merge", [a.pk, b.pk], survivor=str(a.pk), confirm="1")
    assert set(a.aliases.values_list("name", flat=True)) >= {b.name, "某某简称"}
    assert not b.mentions.exists() and a.mentions.exists()


def test_confirm_discovered_zones(archive, editor):
    discovered = list(Zone.objects.filter(verified=False)[:2])
    action(editor, Zone, "confirm", [z.pk for z in discovered])
    for zone in discovered:
        zone.refresh_from_db()
        assert zone.verified and "verified" in zone.edited_fields


# --- split, join, re-extract, export ----------------------------------------------------------------


def test_split_and_join_keep_text_and_page_order(archive, editor):
    article = max(Article.objects.all(), key=lambda a: len([p for p in a.body.split("\n") if p]))
    source, body = article.source, article.body
    positions = list(source.articles.order_by("position").values_list("position", flat=True))
    page = action(editor, Article, "split", [article.pk])
    assert page.status_code == 200 and "新文章的标题" in page.content.decode()
    action(editor, Article, "split", [article.pk], at="2", title="拆出来的新文章", confirm="1")
    article.refresh_from_db()
    second = Article.objects.get(source=source, position=article.position + 1)
    assert second.title == "拆出来的新文章" and article.body + "\n" + second.body == body
    assert "body" in article.edited_fields and {"title", "body"} <= set(second.edited_fields)
    after = list(source.articles.order_by("position").values_list("position", flat=True))
    assert after == list(range(after[0], after[0] + len(positions) + 1))
    action(editor, Article, "join", [article.pk, second.pk], confirm="1")
    article.refresh_from_db()
    lines = body.split("\n")  # the second part's title is kept, as a subhead at the join
    assert article.body == "\n".join([*lines[:2], "拆出来的新文章", *lines[2:]])
    assert not Article.objects.filter(pk=second.pk).exists()
    assert list(source.articles.order_by("position").values_list("position", flat=True)) == positions


def test_join_refuses_articles_that_are_not_adjacent(archive, editor):
    source = Source.objects.filter(articles__position=3).first()
    first, third = source.articles.get(position=1), source.articles.get(position=3)
    response = action(editor, Article, "join", [first.pk, third.pk], confirm="1")
    assert response.status_code == 302
    assert Article.objects.filter(pk=third.pk).exists()
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("相邻" in m for m in messages)


def test_reextract_action(archive, editor):
    ids = list(Article.objects.values_list("pk", flat=True)[:3])
    response = action(editor, Article, "reextract", ids)
    assert response.status_code == 302
    assert any("3" in str(m) for m in response.wsgi_request._messages)


def test_export_selection_as_csv(archive, editor):
    ids = list(Article.objects.filter(zonementions__isnull=False).values_list("pk", flat=True).distinct()[:3])
    response = action(editor, Article, "export_csv", ids)
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["id", "source", "position", "kind", "title"]
    assert {int(r[0]) for r in rows[1:]} == set(ids)
    assert all(r[rows[0].index("zones")] for r in rows[1:])
    zones = action(editor, Zone, "export_csv", list(Zone.objects.values_list("pk", flat=True)[:2]))
    assert "official name" not in zones.content.decode("utf-8-sig") and len(zones.content.decode().splitlines()) == 3


# --- uploads ----------------------------------------------------------------------------------------


def test_upload_pages_with_image_errors_and_duplicates(archive, editor, settings):
    url = reverse("admin:clippings_source_upload")
    page = (SAMPLES / "hefei_2024-05-10_A3.txt").read_bytes().replace("合肥".encode(), "合肥市".encode(), 1)
    image = (SAMPLES / "hefei_2024-05-10_A3.png").read_bytes()
    files = [SimpleUploadedFile("new_page.txt", page), SimpleUploadedFile("new_page.png", image),
             SimpleUploadedFile("empty.txt", b""), SimpleUploadedFile("again.txt", seed_path("001").read_bytes()),
             SimpleUploadedFile("lonely.png", image)]
    response = editor.post(url, {"files": files, "newspaper": "上传测试报", "issue_date": "2024-05-10"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "1 页已导入" in html and "1 页已在档案中" in html and "2 页失败" in html
    assert "文件为空" in html and "没有同名的版面文本文件" in html
    source = Source.objects.get(original_name="new_page.txt")
    assert source.newspaper == "上传测试报" and source.image and source.ingested_by == editor.user
    assert source.articles.exists()


def test_upload_size_limit(archive, editor, settings):
    settings.DEVNEWS_MAX_PAGE_BYTES = 100
    response = editor.post(reverse("admin:clippings_source_upload"),
                           {"files": [SimpleUploadedFile("big.txt", "很长的版面".encode() * 50)]})
    assert "文件过大" in response.content.decode()
    assert not Source.objects.filter(original_name="big.txt").exists()


def test_upload_takes_the_same_page_files_as_the_command_line(archive, editor):
    url = reverse("admin:clippings_source_upload")
    page = (SAMPLES / "hefei_2024-05-10_A3.txt").read_bytes().replace("合肥".encode(), "合肥市辖区".encode(), 1)
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'
    files = [SimpleUploadedFile("x.svg", svg), SimpleUploadedFile("x.html", b"<p>hi</p>"),
             SimpleUploadedFile("noext", page), SimpleUploadedFile("page.TXT", page),
             SimpleUploadedFile("markup.txt", b"<!DOCTYPE html><html><body>\xe9\xab\x98</body></html>")]
    before = Source.objects.count()
    html = editor.post(url, {"files": files}).content.decode()
    assert html.count("不是版面文件") == 3, html
    assert "不是 OCR 版面文字" in html
    assert list(Source.objects.order_by("pk").values_list("original_name", flat=True))[before:] == ["page.TXT"]


# --- roles ------------------------------------------------------------------------------------------


def test_reader_cannot_edit_and_editor_without_superuser_can(archive, client, django_user_model):
    reader = django_user_model.objects.create_user("duzhe2", password="pw-123456")
    reader.groups.add(Group.objects.get(name=READERS))
    client.force_login(reader)
    article = Article.objects.first()
    assert client.get(change_url(article)).status_code == 302
    assert client.post(change_url(article), {"title": "x"}).status_code == 302
    article.refresh_from_db()
    assert article.title != "x"
    staff_reader = django_user_model.objects.create_user("duzhe3", password="pw-123456", is_staff=True)
    staff_reader.groups.add(Group.objects.get(name=READERS))
    client.force_login(staff_reader)
    form = client.get(change_url(article)).content.decode()
    assert 'name="title"' not in form  # view permission only: a read-only page, no edit form
