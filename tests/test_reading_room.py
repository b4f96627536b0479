"""The reading room as staff use it every day (issue 20): the zone index (zones with articles first,
provinces in division-code order, jump links, folded kinds), the enterprise index, filters and sort on
the article list, undated articles in the search facets, folded facet lists, labels where data is
missing, and 400 answers to bad parameters."""
from __future__ import annotations

import csv
import re
from html import unescape

import pytest
from django.urls import reverse

from clippings.models import Article, Enterprise, Source, Zone
from clippings.selectors.entities import ENTERPRISES, ZONES, article_counts
from clippings.text.patterns import PHOTO_NOTE_RE

from .conftest import ROOT

pytestmark = pytest.mark.django_db


def html_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def listed_zone_urls(html: str) -> list[str]:
    return re.findall(r'<li(?: class="quiet")?><a href="(/zones/[^"/]+/)">', html)


def article_ids(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'<li>\s*<a href="/articles/(\d+)/">', html)]


# --- zone index ------------------------------------------------------------------------------------


def test_zone_index_lists_zones_with_articles_by_default_and_all_on_a_switch(archive, reader):
    counts = article_counts(ZONES)
    covered = {z.get_absolute_url() for z in Zone.objects.filter(merged_into=None) if counts.get(z.pk)}
    default = html_of(reader.get(reverse("clippings:zone_index")))
    assert set(listed_zone_urls(default)) == covered
    everything = html_of(reader.get(reverse("clippings:zone_index"), {"all": "1"}))
    assert len(listed_zone_urls(everything)) == Zone.objects.filter(merged_into=None).count()
    assert 'name="all" value="1" checked' in everything and 'name="all" value="1" checked' not in default


def test_zone_index_provinces_follow_division_codes_with_jump_links(archive, reader):
    with (ROOT.parent / "shared" / "gazetteer" / "divisions_provinces.csv").open(encoding="utf-8") as handle:
        code_of = {row["name"]: row["code"] for row in csv.DictReader(handle)}
    html = html_of(reader.get(reverse("clippings:zone_index"), {"all": "1"}))
    sections = re.findall(r'<section class="province" id="(province-\d+)">\s*<h2>(\S+) ', html)
    provinces = [name for _, name in sections]
    known = [p for p in provinces if p in code_of]
    assert len(known) == 31 and known == sorted(known, key=code_of.get)
    assert provinces[-1] == "省份不详"  # zones without a province come last
    jumps = re.findall(r'<nav class="jump"[^>]*>(.*?)</nav>', html, re.S)[0]
    assert re.findall(r'href="#(province-\d+)"', jumps) == [anchor for anchor, _ in sections]


def test_zone_index_folds_kinds_with_their_counts(archive, reader):
    html = html_of(reader.get(reverse("clippings:zone_index")))
    summaries = re.findall(r'<details class="kind">\s*<summary>(\S+) <span class="count">(\d+) 个开发区 · 共 (\d+) 篇', html)
    assert summaries
    counts = article_counts(ZONES)
    listed = sum(int(n) for _, n, _ in summaries)
    assert listed == len(listed_zone_urls(html))
    listed_zones = [z for z in Zone.objects.filter(merged_into=None) if z.get_absolute_url() in listed_zone_urls(html)]
    assert sum(int(a) for _, _, a in summaries) == sum(counts.get(z.pk, 0) for z in listed_zones)
    opened = html_of(reader.get(reverse("clippings:zone_index"), {"q": "高新"}))
    assert '<details class="kind" open>' in opened  # a filtered list is shown unfolded


# --- enterprise index --------------------------------------------------------------------------------


def test_enterprise_index_by_article_count_and_linked_from_home(archive, reader):
    home = html_of(reader.get(reverse("clippings:home")))
    survivors = Enterprise.objects.filter(merged_into=None)
    assert re.search(rf'<a href="{reverse("clippings:enterprise_index")}"><strong>{survivors.count()}</strong>', home)
    urls, number = [], 1
    while True:  # every page of the index, in order
        html = html_of(reader.get(reverse("clippings:enterprise_index"), {"page": number}))
        urls += re.findall(r'<li><a href="(/enterprises/[^"/]+/)">', html)
        if f'?page={number + 1}' not in html and f'page={number + 1}"' not in html:
            break
        number += 1
    assert sorted(urls) == sorted(e.get_absolute_url() for e in survivors)
    counts = article_counts(ENTERPRISES)
    by_url = {e.get_absolute_url(): counts.get(e.pk, 0) for e in survivors}
    shown = [by_url[u] for u in urls]
    assert shown == sorted(shown, reverse=True) and shown[0] > 1


def test_enterprise_index_filter_box_and_zone_order(archive, reader):
    enterprise = Enterprise.objects.filter(merged_into=None, zones__isnull=False).first()
    word = enterprise.name[:3]
    html = html_of(reader.get(reverse("clippings:enterprise_index"), {"q": word}))
    names = re.findall(r'<li><a href="/enterprises/[^"/]+/">([^<]+)</a>', html)
    assert enterprise.name in names
    assert all(word in name or Enterprise.objects.get(name=name).aliases.filter(name__contains=word).exists()
               for name in names)
    by_zone = html_of(reader.get(reverse("clippings:enterprise_index"), {"sort": "zone"}))
    zone = enterprise.zones.order_by("name").first()
    group = re.search(rf'<h2><a href="{zone.get_absolute_url()}">{zone.name}</a></h2>(.*?)</section>', by_zone, re.S)
    assert group and enterprise.get_absolute_url() in group.group(1)
    assert "未记录所在开发区" in by_zone


# --- article list ----------------------------------------------------------------------------------


def test_article_list_filters_by_newspaper_year_kind_and_staff_edits(archive, reader):
    url = reverse("clippings:article_list")
    paper = Source.objects.exclude(newspaper="").values_list("newspaper", flat=True).first()
    assert set(article_ids(html_of(reader.get(url, {"newspaper": paper})))) == set(
        Article.objects.filter(source__newspaper=paper).values_list("pk", flat=True))
    year = Article.objects.exclude(year=None).values_list("year", flat=True).first()
    assert set(article_ids(html_of(reader.get(url, {"year": str(year)})))) == set(
        Article.objects.filter(year=year).values_list("pk", flat=True))
    undated = html_of(reader.get(url, {"year": "none"}))
    assert set(article_ids(undated)) == set(Article.objects.filter(year=None).values_list("pk", flat=True))
    assert re.search(r'<option value="none" selected>未注明日期 \(\d+\)</option>', undated)
    assert set(article_ids(html_of(reader.get(url, {"kind": "photo"})))) == set(
        Article.objects.filter(kind="photo").values_list("pk", flat=True))
    edited = Article.objects.order_by("pk").last()
    edited.edited_fields = ["title"]
    edited.save()
    assert article_ids(html_of(reader.get(url, {"edited": "1"}))) == [edited.pk]


def test_article_list_sorts_newest_or_oldest_with_undated_last(archive, reader):
    url = reverse("clippings:article_list")
    for sort in ("newest", "oldest"):
        ids = article_ids(html_of(reader.get(url, {"sort": sort})))
        articles = Article.objects.in_bulk(ids)
        dates = [articles[pk].source.issue_date for pk in ids]
        dated = [d for d in dates if d]
        assert dates[: len(dated)] == dated, sort  # every undated article after the dated ones
        assert dated == sorted(dated, reverse=sort == "newest"), sort


@pytest.mark.parametrize("name, params", [
    ("zone_index", {"all": "yes"}), ("zone_index", {"unverified": "2"}), ("zone_index", {"q": "区" * 51}),
    ("enterprise_index", {"sort": "size"}), ("enterprise_index", {"page": "x"}),
    ("article_list", {"year": "19x"}), ("article_list", {"year": "3000"}), ("article_list", {"kind": "video"}),
    ("article_list", {"edited": "true"}), ("article_list", {"sort": "random"}), ("article_list", {"page": "0"}),
    ("article_list", {"newspaper": "报" * 101}),
])
def test_bad_listing_parameters_get_400_with_a_chinese_message(archive, reader, name, params):
    response = reader.get(reverse(f"clippings:{name}"), params)
    assert response.status_code == 400
    html = response.content.decode()
    assert re.search(r'<p class="error" role="alert">[^<]*[\u4e00-\u9fff]', html)  # the one 400 page, in Chinese


# --- search facets -------------------------------------------------------------------------------


def test_search_year_facet_counts_undated_articles_last_and_filters_them(archive, reader):
    url = reverse("clippings:search")
    html = html_of(reader.get(url, {"q": "区"}))
    years = re.search(r"<h2>年份</h2>(.*?)</section>", html, re.S).group(1)
    labels = re.findall(r'<a href="[^"]*">([^<]+)</a> <span class="count">(\d+)</span>', years)
    assert labels[-1][0] == "未注明日期"
    total = int(re.search(r"找到 (\d+) 篇", html).group(1))
    assert sum(int(n) for _, n in labels) == total  # every article counted once
    link = unescape(re.findall(r'<a href="([^"]*)">未注明日期</a>', years)[0])
    undated = html_of(reader.get(url + link))
    assert f"找到 {labels[-1][1]} 篇" in undated
    api = reader.get(reverse("clippings:api_search"), {"q": "区", "year": "none"}).json()
    assert api["count"] == int(labels[-1][1]) and all(r["year"] is None for r in api["results"])


def test_facet_lists_show_eight_and_fold_the_rest(archive, reader):
    html = html_of(reader.get(reverse("clippings:search"), {"q": "公司"}))
    section = re.search(r"<h2>企业</h2>(.*?)</section>", html, re.S).group(1)
    shown, folded = section.split('<details class="more-facets">')
    assert len(re.findall(r"<li", shown)) == 8
    total = len(re.findall(r"<li", section))
    assert total > 8 and f"全部 {total} 项" in folded and len(re.findall(r"<li", folded)) == total - 8


# --- labels where data is missing ------------------------------------------------------------------


def test_untitled_articles_and_photo_news_are_labelled_with_their_opening_words(archive, reader):
    untitled = Article.objects.filter(title="", kind="article").first()
    photo = Article.objects.filter(title="", kind="photo").first()
    html = html_of(reader.get(reverse("clippings:article_list")))
    for article, label in ((untitled, "〔无标题〕"), (photo, "图片新闻")):
        link = re.search(rf'<a href="{article.get_absolute_url()}">(.*?)</a>', html).group(1)
        assert link.startswith(f'<span class="untitled">{label}</span> ')
        words = unescape(link.split("</span> ", 1)[1])
        assert words.rstrip("…") in article.body and not words.startswith(("“", "\"", "「"))
    page = html_of(reader.get(untitled.get_absolute_url()))
    assert f'<h1><span class="untitled">〔无标题〕</span> ' in page


def test_a_page_without_metadata_is_named_by_number_and_ingest_date_file_name_apart(archive, reader):
    source = Source.objects.filter(newspaper="", issue_date=None).first()
    html = html_of(reader.get(reverse("clippings:source_detail", args=[source.pk])))
    day = source.ingested_at.astimezone().strftime("%Y-%m-%d")
    assert f'<h1 class="page-name">版面 #{source.pk}（{day} 入库）</h1>' in html
    assert f'<span class="file-name">文件：{source.original_name}</span>' in html
    named = Source.objects.exclude(newspaper="").exclude(issue_date=None).exclude(page_label="").first()
    html = html_of(reader.get(reverse("clippings:source_detail", args=[named.pk])))
    assert f'<h1 class="page-name">{named.newspaper} · {named.issue_date:%Y-%m-%d} · 第 {named.page_label} 版</h1>' in html


def test_bylines_show_once_without_marks_and_photo_notes_apart(archive, reader):
    marked = Article.objects.filter(byline__regex=r"^[□▶]").first()
    html = html_of(reader.get(marked.get_absolute_url()))
    shown = re.findall(r'<span class="byline">([^<]*)</span>', html)
    assert shown == [marked.byline[1:].strip()] and "作者：" not in html
    noted = next(a for a in Article.objects.exclude(byline="") if PHOTO_NOTE_RE.search(a.byline))
    html = html_of(reader.get(noted.get_absolute_url()))
    note = PHOTO_NOTE_RE.search(noted.byline).group(0)
    assert re.findall(r'<span class="byline">([^<]*)</span>', html) == [noted.byline.replace(note, "").strip()]
    assert f'<span class="photo-note">{note}</span>' in html


# --- feed URLs with a token ------------------------------------------------------------------------


def feed_entries(response) -> int:
    assert response.status_code == 200 and "atom" in response["Content-Type"]
    return response.content.decode().count("<entry>")


def test_a_feed_reader_subscribes_with_a_token_until_it_is_revoked(archive, reader):
    from django.test import Client

    from clippings.models import FeedToken

    zone = Zone.objects.filter(mentions__rejected=False).first()
    assert "您还没有订阅地址" in html_of(reader.get(reverse("clippings:feed_tokens")))
    assert reader.post(reverse("clippings:feed_tokens"), {"action": "new"}).status_code == 302
    token = FeedToken.objects.get(user=reader.user, revoked=None)
    page = html_of(reader.get(reverse("clippings:feed_tokens")))
    assert token.token in page
    url = reverse("clippings:zone_feed_token", args=[token.token, zone.slug])
    assert url in html_of(reader.get(zone.get_absolute_url()))

    client = Client()  # a feed reader: no session
    assert client.get(reverse("clippings:zone_feed", args=[zone.slug])).status_code == 302
    n = feed_entries(client.get(url))
    assert n == feed_entries(reader.get(reverse("clippings:zone_feed", args=[zone.slug]))) and n > 0
    wrong = ("y" if token.token[0] == "x" else "x") + token.token[1:]  # (a token may start with x itself)
    assert client.get(reverse("clippings:zone_feed_token", args=[wrong, zone.slug])).status_code == 404
    # the token opens the feed only, not the pages
    assert client.get(reverse("clippings:zone_feed_token", args=[token.token, zone.slug]).replace("/feed", "")).status_code in (302, 404)

    reader.post(reverse("clippings:feed_tokens"), {"action": "new"})
    assert client.get(url).status_code == 404  # renewed: the old URL is dead
    fresh = FeedToken.objects.get(user=reader.user, revoked=None)
    assert feed_entries(client.get(reverse("clippings:zone_feed_token", args=[fresh.token, zone.slug]))) == n
    reader.post(reverse("clippings:feed_tokens"), {"action": "revoke"})
    assert client.get(reverse("clippings:zone_feed_token", args=[fresh.token, zone.slug])).status_code == 404
    live = FeedToken.renew(reader.user)
    reader.user.is_active = False  # a disabled account's feeds close too
    reader.user.save()
    assert client.get(reverse("clippings:zone_feed_token", args=[live.token, zone.slug])).status_code == 404


def test_feed_token_page_rejects_a_bad_action(archive, reader):
    response = reader.post(reverse("clippings:feed_tokens"), {"action": "delete-all"})
    assert response.status_code == 400 and "操作" in response.content.decode()


# --- the source page: what cleaning removed, the role of every block -------------------------------


def test_source_page_lists_what_cleaning_removed(archive, reader):
    source = next(s for s in Source.objects.all() if s.cleaning_report.get("removed"))
    html = html_of(reader.get(reverse("clippings:source_detail", args=[source.pk])))
    removed = source.cleaning_report["removed"]
    assert f"清理时删去 {len(removed)} 处" in html
    items = re.findall(r'<li><span class="tag">([^<]+)</span> <span class="meta">第 (\d+) 行</span> <del>([^<]*)</del>', html)
    assert [(int(line), unescape(text)) for _, line, text in items] == [(r["line"], r["text"]) for r in removed]
    assert {label for label, _, _ in items} <= {"叠印重复", "重复段落"}
    clean = Source.objects.filter(cleaning_report__removed=[]).first()
    assert "清理没有删去这个版面的任何内容" in html_of(reader.get(reverse("clippings:source_detail", args=[clean.pk])))


def test_source_page_shows_the_role_of_every_block(archive, reader):
    from clippings.text.pipeline import process_page

    source = next(s for s in Source.objects.all() if process_page(s.raw_text).segmented.furniture
                  and s.articles.exclude(byline="").exists())
    html = html_of(reader.get(reverse("clippings:source_detail", args=[source.pk])))
    blocks = process_page(source.raw_text).segmented.page.blocks
    shown = re.findall(r'<li class="block role-(\w+)"><span class="role">([^<]+)</span> ', html)
    assert len(shown) == len(blocks)  # every block of the cleaned page, once
    for article in source.articles.exclude(title=""):
        group = re.search(rf'<a href="{article.get_absolute_url()}">.*?</h3>(.*?)</article>', html, re.S).group(1)
        assert f'<li class="block role-title"><span class="role">标题</span> {article.title}</li>' in unescape(group)
    for article in source.articles.exclude(byline=""):
        group = re.search(rf'<a href="{article.get_absolute_url()}">.*?</h3>(.*?)</article>', html, re.S).group(1)
        assert "<span class=\"role\">署名</span> " + article.byline in unescape(group)
    furniture = re.search(r'<section class="cut-furniture">(.*?)</section>', html, re.S).group(1)
    assert furniture.count('role-furniture') == len(source.furniture)
    assert "按现行规则重新切分" not in html
    article = source.articles.order_by("position").first()
    article.position = 99  # as if staff had joined or split articles
    article.save()
    assert "按现行规则重新切分" in html_of(reader.get(reverse("clippings:source_detail", args=[source.pk])))
