"""The reading room in a real browser: Playwright driving Debian's Chromium (headless) against a live
server with the seed and sample pages. Screenshots of every page at desktop and phone widths go to
``var/screenshots/`` (see the README)."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth.models import Group
from django.db.models import Count

from clippings.models import Article, EnterpriseMention, Source, Zone, ZoneMention
from clippings.roles import READERS

from .conftest import SIZES, shoot

PASSWORD = "browser-pw-2024"

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def archive(archive, django_db_blocker):
    """The shared archive, plus the reader who logs in through the browser."""
    from django.contrib.auth import get_user_model

    with django_db_blocker.unblock():
        user = get_user_model().objects.create_user("liulan", password=PASSWORD)
        user.groups.add(Group.objects.get(name=READERS))
    yield


@pytest.fixture(scope="module")
def server(archive, django_db_blocker):
    """A live server for the whole module. (pytest-django's ``live_server`` empties the database
    after every test; the archive here is loaded once per module.)"""
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        live = LiveServer("localhost")
        live._live_server_modified_settings.enable()
        yield live
        live._live_server_modified_settings.disable()
        live.stop()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport=SIZES["desktop"], locale="zh-CN", base_url=server.url)
    tab = context.new_page()
    tab.set_default_timeout(15000)
    yield tab
    context.close()


def log_in(page, next_path: str = "/") -> None:
    page.goto(next_path)
    assert "/accounts/login/" in page.url  # anonymous: sent to the login form
    page.fill("input[name=username]", "liulan")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    assert "/accounts/login/" not in page.url


def test_log_in_search_open_zone_article_enterprise_and_feed(page):
    log_in(page)
    assert page.locator("h2", has_text="报道最多的开发区").is_visible()
    shoot(page, "home")

    page.fill("input[name=q]", "开发区")
    page.press("input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    marks = page.locator(".results mark")
    assert marks.count() > 0 and marks.first.inner_text() == "开发区"
    assert page.locator(".results h1").inner_text().startswith("找到")
    shoot(page, "search")

    zone = Zone.objects.get(pk=(ZoneMention.objects.filter(rejected=False).values("zone_id")
                               .annotate(n=Count("article_id", distinct=True)).order_by("-n", "zone_id")
                               .first()["zone_id"]))
    page.click("header nav a[href='/zones/']")
    page.fill("input[name=q]", zone.name[:4])
    page.click("form.filter button")
    page.click(f"ul.zones a:text-is('{zone.name}')")
    assert page.locator("h1").inner_text().startswith(zone.name)
    assert page.locator("figure.chart svg rect").count() >= 1
    articles = page.locator(".entity-articles ol.articles > li")
    assert articles.count() == ZoneMention.objects.filter(zone=zone, rejected=False).values("article_id").distinct().count()
    shoot(page, "zone")

    feed = page.request.get(f"/zones/{zone.slug}/feed/")
    assert feed.ok and "atom" in feed.headers["content-type"]
    entries = ET.fromstring(feed.body()).findall("{http://www.w3.org/2005/Atom}entry")
    assert len(entries) == articles.count()

    article = Article.objects.filter(enterprisementions__rejected=False, zonementions__zone=zone).first()
    page.click(f".entity-articles a[href='{article.get_absolute_url()}']")
    assert page.locator("article h1").inner_text() == article.display_title
    shoot(page, "article")

    mention = EnterpriseMention.objects.filter(article=article, rejected=False).select_related("enterprise").first()
    enterprise = mention.enterprise.survivor()
    page.click(f"a[href='{enterprise.get_absolute_url()}'] >> nth=0")
    page.wait_for_url(re.compile(r"/enterprises/"))
    assert page.locator("h1").inner_text().startswith(enterprise.name)
    assert page.locator(f".entity-articles a[href='{article.get_absolute_url()}']").count() == 1
    shoot(page, "enterprise")


def test_source_page_and_page_image(page):
    source = Source.objects.exclude(image="").get()
    article = source.articles.order_by("position").first()
    log_in(page, article.get_absolute_url())
    thumbnail = page.locator(".page-image img")
    thumbnail.wait_for()
    # the thumbnail is made on first request and lazy-loaded: wait until the browser has decoded it
    assert page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=thumbnail.element_handle())
    page.click("text=查看本版如何切分")
    assert page.locator(".split-view pre").inner_text().strip()[:10] == source.raw_text.strip()[:10]
    assert page.locator(".cut-article").count() == source.articles.count()
    shoot(page, "source")


def test_zone_index_and_login_page_screens(page):
    page.goto("/accounts/login/")
    shoot(page, "login")
    log_in(page, "/zones/?all=1")
    assert page.locator("section.province h2").count() > 20
    shoot(page, "zone-index")


def test_phone_layout_has_no_horizontal_scroll(page):
    log_in(page)
    page.set_viewport_size(SIZES["phone"])
    zone_url = Zone.objects.filter(mentions__rejected=False).first().get_absolute_url()
    for url in ("/", "/zones/", zone_url, Article.objects.first().get_absolute_url()):
        page.goto(url)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, (url, overflow)
