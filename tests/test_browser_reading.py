"""The reworked reading room (issue 20) in a real browser, with the fixtures of ``test_browser``: every page
at 1,280 and 390 px without horizontal scroll (screenshots ``var/screenshots/reading-<page>-{desktop,phone}.png``),
the default zone index under three desktop screens, the tokened zone feed as a feed reader sees it, and the
folded facet list."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from django.db.models import Count

from clippings.models import Article, EnterpriseMention, FeedToken, Source, Zone, ZoneMention

from .conftest import SCREENSHOTS, SIZES
from .test_browser import archive, log_in, page, server  # noqa: F401  (fixtures shared with test_browser)

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
# GB/T 2260 province codes, the order the zone index follows (written out here, not read from the app)
DIVISION_CODES = dict(zip(
    "北京市 天津市 河北省 山西省 内蒙古自治区 辽宁省 吉林省 黑龙江省 "
    "上海市 江苏省 浙江省 安徽省 福建省 江西省 山东省 "
    "河南省 湖北省 湖南省 广东省 广西壮族自治区 海南省 "
    "重庆市 四川省 贵州省 云南省 西藏自治区 "
    "陕西省 甘肃省 青海省 宁夏回族自治区 新疆维吾尔自治区".split(),
    [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62,
     63, 64, 65]))


def busiest_zone() -> Zone:
    row = (ZoneMention.objects.filter(rejected=False).values("zone_id")
           .annotate(n=Count("article_id", distinct=True)).order_by("-n", "zone_id").first())
    return Zone.objects.get(pk=row["zone_id"])


def most_cleaned_source() -> Source:
    """The page whose cleaning report says most: the source page's removed list is not empty."""
    return max(Source.objects.order_by("pk"), key=lambda source: len(json.dumps(source.cleaning_report)))


def reading_pages() -> list[tuple[str, str]]:
    zone = busiest_zone()
    mention = EnterpriseMention.objects.filter(rejected=False).select_related("enterprise").first()
    enterprise = mention.enterprise.survivor()
    titled = Article.objects.exclude(title="").order_by("pk").first()
    source = most_cleaned_source()
    pages = [
        ("home", "/"),
        ("search-empty", "/search/"),
        ("search", "/search/?q=开发区"),
        ("search-facets", f"/search/?q=开发区&zone={zone.pk}"),
        ("zones", "/zones/"),
        ("zones-all", "/zones/?all=1"),
        ("zone", zone.get_absolute_url()),
        ("enterprises", "/enterprises/"),
        *[(f"enterprises-{sort}", f"/enterprises/?sort={sort}") for sort in ("articles", "zone", "name")],
        ("enterprise", enterprise.get_absolute_url()),
        ("articles", "/articles/"),
        ("articles-filtered", "/articles/?kind=article&sort=oldest&year=2024"),
        ("article", titled.get_absolute_url()),
        ("source", f"/sources/{source.pk}/"),
        ("feeds", "/feeds/"),
    ]
    untitled = Article.objects.filter(title="").order_by("pk").first()
    if untitled is not None:
        pages.append(("article-untitled", untitled.get_absolute_url()))
    return pages


def overflows_at_both_widths(page, name: str, url: str) -> list[tuple]:
    """Opens ``url`` at each width, saves reading-<name>-<width>.png; the widths where it scrolls sideways."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    found = []
    for label, size in SIZES.items():
        page.set_viewport_size(size)
        response = page.goto(url)
        assert response.ok, (url, response.status)
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if width[0] > width[1]:
            found.append((name, label, *width))
        page.screenshot(path=str(SCREENSHOTS / f"reading-{name}-{label}.png"), full_page=True)
    page.set_viewport_size(SIZES["desktop"])
    return found


def test_every_reading_room_page_fits_desktop_and_phone(page):
    log_in(page)
    overflows = [found for name, url in reading_pages() for found in overflows_at_both_widths(page, name, url)]
    assert not overflows, overflows


def test_source_page_shows_what_cleaning_removed_and_block_roles(page):
    source = most_cleaned_source()
    log_in(page, f"/sources/{source.pk}/")
    assert page.locator(".split-view .raw pre").inner_text().strip()
    assert page.locator("ul.removed-list > li").count() >= 1
    assert page.locator("ul.removed-list del").first.inner_text().strip()
    roles = page.locator("ol.blocks > li.block .role")
    assert roles.count() >= 1 and roles.first.inner_text().strip()


def test_untitled_article_is_labelled(page):
    untitled = Article.objects.filter(title="").order_by("pk").first()
    if untitled is None:
        pytest.skip("no untitled article in the seeds and samples")
    log_in(page, untitled.get_absolute_url())
    heading = page.locator("article h1").inner_text()
    assert heading.startswith(untitled.untitled_label), heading
    assert untitled.untitled_label in ("〔无标题〕", "图片新闻")


def test_default_zone_index_is_shorter_than_three_desktop_screens(page):
    page.set_viewport_size({"width": 1280, "height": 800})
    log_in(page, "/zones/")
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 3 * 800, height
    # only zones with articles, under jump links, kinds folded
    assert page.locator("nav.jump a").count() == page.locator("section.province").count() > 0
    assert page.locator("details.kind[open]").count() == 0
    provinces = [name.rsplit(" ", 1)[0] for name in page.locator("nav.jump a").all_inner_texts()]
    known = [name for name in provinces if name in DIVISION_CODES]
    assert known == sorted(known, key=DIVISION_CODES.get) and len(known) >= 2, provinces
    assert provinces[:len(known)] == known  # 省份不详 last
    shown = page.locator("ul.zones > li").count()
    covered = ZoneMention.objects.filter(rejected=False).values("zone_id").distinct().count()
    assert 0 < shown <= covered
    page.goto("/zones/?all=1")
    assert page.locator("ul.zones > li").count() > shown


def test_tokened_zone_feed_opens_without_session_until_revoked(page, browser, server):
    log_in(page, "/feeds/")
    page.click("button[name=action][value=new]")
    page.wait_for_load_state()
    urls = page.locator("ul.feed-urls code")
    assert urls.count() >= 1
    url = urls.first.inner_text().strip()
    assert "/feeds/" in url and FeedToken.objects.filter(user__username="liulan").exists()
    # the long tokened URLs, on the feed page and on the zone page, still fit a phone
    overflows = [*overflows_at_both_widths(page, "feeds-token", "/feeds/"),
                 *overflows_at_both_widths(page, "zone-token", busiest_zone().get_absolute_url())]
    assert not overflows, overflows
    page.goto("/feeds/")

    reader = browser.new_context()  # a feed reader: no session cookie
    try:
        feed = reader.request.get(url)
        assert feed.ok, feed.status
        assert "atom" in feed.headers["content-type"]
        root = ET.fromstring(feed.body())
        assert root.tag == f"{ATOM}feed" and root.findall(f"{ATOM}entry")


        page.click("button[name=action][value=revoke]")
        page.wait_for_load_state()
        assert page.locator("ul.feed-urls").count() == 0
        assert reader.request.get(url).status == 404
    finally:
        reader.close()


def test_folded_facet_list_opens_on_more_entries(page):
    log_in(page, "/search/?q=开发区")
    data = page.request.get("/api/search/?q=开发区").json()
    enterprises = data["facets"].get("enterprise", [])
    section = page.locator("section.facet", has=page.locator("h2", has_text="企业"))
    folded = section.locator("details.more-facets")
    if len(enterprises) <= 8:
        assert folded.count() == 0
        return
    assert section.locator(":scope > ul > li").count() == 8
    assert folded.locator("summary").inner_text().strip() == f"全部 {len(enterprises)} 项"
    more = folded.locator("ul > li")
    assert not more.first.is_visible()
    folded.locator("summary").click()
    assert more.first.is_visible()
    assert more.count() == len(enterprises) - 8
    page.screenshot(path=str(SCREENSHOTS / "reading-search-facets-open-desktop.png"), full_page=True)


def test_article_list_filters_through_the_form(page):
    log_in(page, "/articles/")
    assert page.locator("h1 small").inner_text() == f"共 {Article.objects.count()} 篇"
    for kind in (Article.Kind.PHOTO, Article.Kind.ARTICLE):
        page.select_option("select[name=kind]", kind)
        page.click("form.list-filter button[type=submit]")
        page.wait_for_url(f"**kind={kind}**")
        assert page.locator("h1 small").inner_text() == f"共 {Article.objects.filter(kind=kind).count()} 篇"
