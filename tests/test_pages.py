"""The reading room: login everywhere, roles, home, zone index and pages, enterprise pages, article and
source pages, feeds, thumbnails, empty states and 404s, and query counts that do not grow with the data."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth.models import Group
from django.db.models import Count
from django.test import override_settings
from django.urls import reverse

from clippings.models import Article, Enterprise, EnterpriseMention, Source, Zone, ZoneMention
from clippings.roles import EDITORS, READERS
from clippings.selectors.entities import ZONES, articles_about, family_ids

from .conftest import seed_reading, seed_words

pytestmark = pytest.mark.django_db


def html_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def top_zone() -> Zone:
    """The zone with the most articles in the test archive."""
    row = (ZoneMention.objects.filter(rejected=False).values("zone_id")
           .annotate(n=Count("article_id", distinct=True)).order_by("-n", "zone_id").first())
    return Zone.objects.get(pk=row["zone_id"])


def zone_article_ids(zone: Zone) -> set[int]:
    return set(articles_about(ZONES, family_ids(ZONES, zone)).values_list("pk", flat=True))


def article_links(html: str) -> set[int]:
    return {int(pk) for pk in re.findall(r'href="/articles/(\d+)/"', html)}


# --- login and roles ----------------------------------------------------------------------------


def page_urls() -> list[str]:
    zone, article = top_zone(), Article.objects.order_by("pk").first()
    enterprise = Enterprise.objects.filter(mentions__rejected=False).first()
    return [
        reverse("clippings:home"), reverse("clippings:zone_index"), zone.get_absolute_url(),
        reverse("clippings:zone_feed", args=[zone.slug]), enterprise.get_absolute_url(), article.get_absolute_url(),
        reverse("clippings:source_detail", args=[article.source_id]),
        reverse("clippings:source_raw", args=[article.source_id]), reverse("clippings:article_list"),
        reverse("clippings:search") + "?q=开发区",
    ]


def test_anonymous_requests_go_to_the_login_page(archive, client):
    for url in page_urls():
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("login") + "?next="), url


def test_the_api_answers_401_to_anonymous_requests_not_a_redirect(archive, client):
    response = client.get(reverse("clippings:api_search"), {"q": "开发区"})
    assert response.status_code == 401 and response.json()["error"] == "not_authenticated"


def test_a_reader_reads_every_page_but_reaches_no_edit_form(archive, reader):
    for url in page_urls():
        assert reader.get(url).status_code == 200, url
    article = Article.objects.first()
    change = reader.get(reverse("admin:clippings_article_change", args=[article.pk]))
    assert change.status_code == 302 and "/admin/login/" in change.url
    assert "在管理后台编辑" not in html_of(reader.get(article.get_absolute_url()))


def test_an_editor_sees_edit_links(archive, editor):
    article = Article.objects.first()
    html = html_of(editor.get(article.get_absolute_url()))
    assert reverse("admin:clippings_article_change", args=[article.pk]) in html
    assert editor.get(reverse("admin:clippings_article_change", args=[article.pk])).status_code == 200


def test_roles_come_from_a_migration(db):
    readers = set(Group.objects.get(name=READERS).permissions.values_list("codename", flat=True))
    editors = set(Group.objects.get(name=EDITORS).permissions.values_list("codename", flat=True))
    assert "view_article" in readers and not any(c.startswith(("change_", "add_", "delete_")) for c in readers)
    assert {"change_article", "change_zone", "delete_zonemention", "view_source"} <= editors


# --- home ----------------------------------------------------------------------------------------


def test_home_shows_counts_recent_pages_and_most_covered_zones(archive, reader):
    html = html_of(reader.get(reverse("clippings:home")))
    assert f"<strong>{Article.objects.count()}</strong> 篇文章" in html
    assert f"<strong>{Source.objects.count()}</strong> 个报纸版面" in html
    assert 'name="q"' in html and reverse("clippings:search") in html
    zone = top_zone()
    assert f'<a href="{zone.get_absolute_url()}">{zone.name}</a>' in html
    newest = Source.objects.order_by("-ingested_at", "-pk").first()
    assert reverse("clippings:source_detail", args=[newest.pk]) in html


# --- zone index ----------------------------------------------------------------------------------


def test_zone_index_groups_by_province_and_kind_with_counts(archive, reader):
    html = html_of(reader.get(reverse("clippings:zone_index")))
    zone = top_zone()
    n = len(zone_article_ids(zone))
    assert re.search(rf'<a href="{re.escape(zone.get_absolute_url())}">{zone.name}</a>.*?<span class="count">{n}</span>',
                     html)
    chongqing = re.search(r'<h2>重庆市 <small>.*?</section>', html, re.S).group(0)
    assert re.search(r'<details class="kind">\s*<summary>高新技术产业开发区 <span class="count">', chongqing)
    assert "待核实" in html  # discovered parks are marked


def test_zone_index_filter(archive, reader):
    html = html_of(reader.get(reverse("clippings:zone_index"), {"q": "临港", "all": "1"}))
    names = re.findall(r'href="/zones/[^"]+/">([^<]+)</a>', html)
    assert names and all("临港" in name for name in names)
    covered = html_of(reader.get(reverse("clippings:zone_index")))
    assert '<span class="count">0</span>' not in covered
    nothing = html_of(reader.get(reverse("clippings:zone_index"), {"q": "没有这样的开发区"}))
    assert "没有符合筛选条件的开发区" in nothing


def test_unverified_filter_lists_only_discovered_zones(archive, reader):
    html = html_of(reader.get(reverse("clippings:zone_index"), {"unverified": "1"}))
    slugs = re.findall(r'href="/zones/([^"/]+)/"', html)
    assert slugs
    assert not Zone.objects.filter(slug__in=[s for s in slugs], verified=True).exists()


# --- zone page --------------------------------------------------------------------------------------


def test_zone_page_lists_exactly_its_articles(archive, reader):
    zone = top_zone()
    html = html_of(reader.get(zone.get_absolute_url()))
    assert f"<h1>{zone.name}" in html
    assert article_links(html) == zone_article_ids(zone)
    assert zone.get_kind_display() in html


def test_zone_page_facts_parent_children_aliases(archive, reader):
    child = Zone.objects.filter(parent__isnull=False, kind="ftz_area").select_related("parent").first()
    html = html_of(reader.get(child.get_absolute_url()))
    assert "所属" in html and child.parent.get_absolute_url() in html
    parent_html = html_of(reader.get(child.parent.get_absolute_url()))
    assert "下辖片区" in parent_html and child.get_absolute_url() in parent_html
    zone = Zone.objects.filter(aliases__isnull=False, approval_year__isnull=False).first()
    html = html_of(reader.get(zone.get_absolute_url()))
    alias = zone.aliases.filter(rejected=False).first().name
    assert "又称" in html and alias in html and str(zone.approval_year) in html


def test_zone_page_sorts_and_searches_within(archive, reader):
    zone = top_zone()
    ids = zone_article_ids(zone)
    newest = article_links(html_of(reader.get(zone.get_absolute_url(), {"sort": "newest"})))
    oldest = article_links(html_of(reader.get(zone.get_absolute_url(), {"sort": "oldest"})))
    prominent = article_links(html_of(reader.get(zone.get_absolute_url(), {"sort": "relevance"})))
    assert newest == oldest == prominent == ids
    word = "发展"
    html = html_of(reader.get(zone.get_absolute_url(), {"q": word}))
    found = article_links(html)
    expected = {pk for pk in ids if word in Article.objects.get(pk=pk).body + Article.objects.get(pk=pk).title}
    assert found and found <= ids and expected <= found
    assert "<mark>发展</mark>" in html
    bad = reader.get(zone.get_absolute_url(), {"q": '"未闭合'})
    assert bad.status_code == 400 and "引号" in bad.content.decode()  # the zone page itself, with the reason


def test_zone_page_chart_has_a_bar_per_year(archive, reader):
    zone = top_zone()
    years = set(Article.objects.filter(pk__in=zone_article_ids(zone)).exclude(year=None).values_list("year", flat=True))
    html = html_of(reader.get(zone.get_absolute_url()))
    assert "<svg" in html
    span = range(min(years), max(years) + 1)
    assert html.count("<rect ") == len(span)


def test_zone_page_lists_enterprises_by_mention_count(archive, reader):
    zone = top_zone()
    ids = zone_article_ids(zone)
    expected = (EnterpriseMention.objects.filter(article_id__in=ids, rejected=False)
                .values("enterprise_id").annotate(n=Count("article_id", distinct=True)))
    html = html_of(reader.get(zone.get_absolute_url()))
    aside = html.split("一同提及的企业", 1)[1]
    for row in expected:
        enterprise = Enterprise.objects.get(pk=row["enterprise_id"]).survivor()
        assert enterprise.get_absolute_url() in aside


def test_empty_zone_page(archive, reader):
    zone = Zone.objects.filter(mentions__isnull=True, verified=True).first()
    html = html_of(reader.get(zone.get_absolute_url()))
    assert "还没有文章" in html and "还没有带日期的文章" in html


def test_zone_feed_is_atom_with_the_zone_articles(archive, reader):
    zone = top_zone()
    response = reader.get(reverse("clippings:zone_feed", args=[zone.slug]))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert zone.name in feed.find("a:title", ns).text
    links = {int(re.search(r"/articles/(\d+)/", e.find("a:link", ns).get("href")).group(1))
             for e in feed.findall("a:entry", ns)}
    assert links == zone_article_ids(zone)


def test_merged_zone_page_shows_articles_of_both(archive, reader):
    zone = top_zone()
    other = Zone.objects.exclude(pk=zone.pk).filter(mentions__rejected=False).exclude(
        mentions__article__zonementions__zone=zone).first()
    before = zone_article_ids(zone) | zone_article_ids(other)
    other.merged_into = zone
    other.save()
    response = reader.get(other.get_absolute_url())
    assert response.status_code == 302 and response.url == zone.get_absolute_url()
    html = html_of(reader.get(zone.get_absolute_url()))
    assert article_links(html) == before
    assert "已合并的记录" in html and other.name in html


def test_unknown_pages_are_404_in_chinese(archive, reader):
    for url in ("/zones/没有这个开发区/", "/enterprises/no-such-company/", "/articles/999999/", "/sources/999999/",
                "/zones/没有这个开发区/feed/", "/sources/999999/raw/"):
        response = reader.get(url)
        assert response.status_code == 404, url
    assert "找不到页面" in reader.get("/articles/999999/").content.decode()


# --- enterprise page --------------------------------------------------------------------------------


def test_enterprise_page(archive, reader):
    row = (EnterpriseMention.objects.filter(rejected=False).values("enterprise_id")
           .annotate(n=Count("article_id", distinct=True)).order_by("-n", "enterprise_id").first())
    enterprise = Enterprise.objects.get(pk=row["enterprise_id"])
    html = html_of(reader.get(enterprise.get_absolute_url()))
    ids = set(EnterpriseMention.objects.filter(enterprise=enterprise, rejected=False).values_list("article_id", flat=True))
    assert f"<h1>{enterprise.name}" in html and article_links(html) == ids
    co = (EnterpriseMention.objects.filter(article_id__in=ids, rejected=False).exclude(enterprise=enterprise)
          .values_list("enterprise_id", flat=True))
    for pk in co:
        assert Enterprise.objects.get(pk=pk).survivor().get_absolute_url() in html


# --- article and source pages -----------------------------------------------------------------------


def test_article_page_links_zone_and_enterprise_mentions(archive, reader):
    mention = ZoneMention.objects.filter(rejected=False).exclude(surface="").select_related("zone", "article").first()
    html = html_of(reader.get(mention.article.get_absolute_url()))
    zone = mention.zone.survivor()
    assert f'<a class="mention" href="{zone.get_absolute_url()}">{mention.surface}</a>' in html
    body = re.sub(r"<[^>]+>", "", html.split('<div class="body">', 1)[1].split("</div>", 1)[0])
    for paragraph in mention.article.body.split("\n"):
        assert paragraph.replace("“", "&ldquo;") in body or paragraph in body.replace("&quot;", '"')


def test_article_page_source_captions_neighbours_similar(archive, reader):
    article = Article.objects.get(title=seed_reading("001")[2]["title"])  # a seed article with a captioned photo
    html = html_of(reader.get(article.get_absolute_url()))
    assert seed_words("001", 603, 0, 12) + "。" in html and "（资料图片）" in html  # the caption, read from the page
    assert reverse("clippings:source_detail", args=[article.source_id]) in html
    assert article.source.original_name in html
    previous = Article.objects.get(source=article.source, position=article.position - 1)
    assert f'href="{previous.get_absolute_url()}" rel="prev"' in html
    similar = html.split("相关文章", 1)[1]
    assert article_links(similar) - {article.pk}


def test_article_thumbnail_and_full_image(archive, reader, settings):
    source = Source.objects.exclude(image="").get()
    article = source.articles.first()
    html = html_of(reader.get(article.get_absolute_url()))
    thumb_url = reverse("clippings:source_thumbnail", args=[source.pk])
    assert f'src="{thumb_url}"' in html and reverse("clippings:source_image", args=[source.pk]) in html
    response = reader.get(thumb_url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    from io import BytesIO

    from PIL import Image

    with Image.open(BytesIO(b"".join(response.streaming_content))) as image:
        assert image.format == "JPEG" and image.width <= 480


def test_a_broken_page_image_gets_a_message_not_a_500(archive, reader, settings, tmp_path):
    source = Source.objects.exclude(image="").get()
    with override_settings(MEDIA_ROOT=tmp_path):
        from django.core.files.storage import default_storage

        default_storage.save(source.image.name, __import__("io").BytesIO(b"\x89PNG\r\n\x1a\n broken"))
        html = html_of(reader.get(source.articles.first().get_absolute_url()))
        assert "版面图片无法读取" in html
        assert reader.get(reverse("clippings:source_thumbnail", args=[source.pk])).status_code == 404


def test_source_page_shows_raw_text_beside_its_articles(archive, reader):
    source = Source.objects.annotate(n=Count("articles")).filter(n__gt=1).first()
    html = html_of(reader.get(reverse("clippings:source_detail", args=[source.pk])))
    first_line = next(line for line in source.raw_text.splitlines() if line.strip() and "<" not in line)
    assert first_line.strip()[:20] in html
    positions = [html.index(a.get_absolute_url()) for a in source.articles.order_by("position")]
    assert positions == sorted(positions)
    raw = reader.get(reverse("clippings:source_raw", args=[source.pk]))
    assert raw["Content-Type"] == "text/plain; charset=utf-8" and raw.content.decode() == source.raw_text


# --- query counts do not grow with the data ---------------------------------------------------------


def _add_articles(zone: Zone, enterprise: Enterprise, n: int) -> None:
    source = Source.objects.create(original_name="extra.txt", sha256="e" * 64, size_bytes=1, encoding="utf-8",
                                   raw_text="x", newspaper="测试报")
    for i in range(n):
        article = Article.objects.create(source=source, position=i + 1, title=f"附加文章{i}", body="正文", year=2020 + i % 4)
        ZoneMention.objects.create(article=article, zone=zone, surface=zone.name)
        EnterpriseMention.objects.create(article=article, enterprise=enterprise, surface=enterprise.name)


@pytest.mark.parametrize("page", ["home", "zone_index", "zone", "article", "enterprise"])
def test_query_count_does_not_grow_with_articles(archive, reader, page, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    zone = top_zone()
    enterprise = Enterprise.objects.filter(mentions__rejected=False).first()
    article = Article.objects.filter(zonementions__zone=zone).first()
    url = {
        "home": reverse("clippings:home"), "zone_index": reverse("clippings:zone_index"),
        "zone": zone.get_absolute_url(), "article": article.get_absolute_url(),
        "enterprise": enterprise.get_absolute_url(),
    }[page]
    with CaptureQueriesContext(connection) as before:
        html_of(reader.get(url))
    _add_articles(zone, enterprise, 30)
    with CaptureQueriesContext(connection) as after:
        html_of(reader.get(url))
    assert len(after) == len(before), [q["sql"][:120] for q in after.captured_queries]
