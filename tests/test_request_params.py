"""Every query-string parameter of every reading page and of the search API, with bad values: a page
answers 200 or a 400 page with a message in Chinese, the API a JSON 400 — never a 500; templates
render no missing variable; every link of the navigation bar opens for a reader; the admin's list
filters take bad values without a 500."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from clippings.models import Enterprise, Zone

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("quick_passwords")]

HUGE = str(2**64 * 10**4)
BAD = {
    "non_number": "abc",
    "huge": HUGE,
    "negative": "-5",
    "empty": "",
    "unknown": "no-such-choice",
    "long": "长" * 3000,
    "nul": "\x00",
}
CHINESE = re.compile(r"[\u4e00-\u9fff]")

# what each kind of parameter answers to each bad value (anything not listed: 400)
NUMBER = {"empty": 200}
CHOICE = {"empty": 200}
DATE = {"empty": 200}
TEXT = {"non_number": 200, "huge": 200, "negative": 200, "empty": 200, "unknown": 200}
# search text: "-5" only excludes, which the query language refuses
QUERY = {"non_number": 200, "huge": 200, "empty": 200, "unknown": 200}
# a zone or enterprise is a slug or an id: an unknown slug matches nothing, an id out of range is an error
REFERENCE = {"non_number": 200, "negative": 200, "empty": 200, "unknown": 200}

SEARCH_PARAMS = {"q": QUERY, "within": QUERY, "page": NUMBER, "page_size": NUMBER, "sort": CHOICE,
                 "zone": REFERENCE, "enterprise": REFERENCE, "newspaper": TEXT, "year": NUMBER,
                 "date_from": DATE, "date_to": DATE}
ENTITY_PARAMS = {"q": QUERY, "sort": CHOICE, "page": NUMBER}


def zone_url():
    return Zone.objects.filter(mentions__rejected=False).first().get_absolute_url()


def enterprise_url():
    return Enterprise.objects.filter(mentions__rejected=False).first().get_absolute_url()


PAGES = [
    ("search", lambda: reverse("clippings:search"), SEARCH_PARAMS),
    ("zone_index", lambda: reverse("clippings:zone_index"), {"q": TEXT, "covered": CHOICE, "unverified": CHOICE}),
    ("zone", zone_url, ENTITY_PARAMS),
    ("enterprise", enterprise_url, ENTITY_PARAMS),
    ("article_list", lambda: reverse("clippings:article_list"), {"page": NUMBER}),
]
PAGE_CASES = [(name, url, param, expected) for name, url, params in PAGES for param, expected in params.items()]


def check_page(response, expected_status):
    html = response.content.decode()
    assert response.status_code == expected_status, html[:500]
    if expected_status == 400:
        alert = re.search(r'role="alert"[^>]*>(.*?)<', html, re.S)
        assert alert and CHINESE.search(alert.group(1)), html[:2000]


@pytest.mark.parametrize("bad", list(BAD))
@pytest.mark.parametrize("name,url,param,expected", PAGE_CASES, ids=[f"{c[0]}-{c[2]}" for c in PAGE_CASES])
def test_bad_parameter_values_on_pages(archive, reader, name, url, param, expected, bad):
    base = {"q": "高新区"} if param not in ("q", "within") and name in ("zone", "enterprise") else {}
    response = reader.get(url(), {**base, param: BAD[bad]})
    check_page(response, expected.get(bad, 400))


@pytest.mark.parametrize("bad", list(BAD))
@pytest.mark.parametrize("param", list(SEARCH_PARAMS))
def test_bad_parameter_values_on_the_api(archive, reader, param, bad):
    base = {"q": "高新区"} if param != "q" else {}
    response = reader.get(reverse("clippings:api_search"), {**base, param: BAD[bad]})
    expected = SEARCH_PARAMS[param].get(bad, 400)
    if param == "q" and bad == "empty":
        expected = 400  # the API needs something to search for
    if param == "within":
        expected = TEXT.get(bad, 400)  # within a query: "高新区 -5" is a query
    assert response.status_code == expected, response.content[:300]
    assert response["Content-Type"] == "application/json"
    if expected == 400:
        answer = json.loads(response.content)
        assert answer["error"] and CHINESE.search(answer["detail"]), answer


# --- the probes of the issue ----------------------------------------------------------------------


def test_search_page_without_a_query_is_the_empty_search_form(archive, reader):
    for params in ({}, {"sort": "newest"}):
        response = reader.get(reverse("clippings:search"), params)
        html = response.content.decode()
        assert response.status_code == 200 and 'name="q"' in html and 'name="sort"' in html
        assert "篇文章" not in html  # no result count: nothing was searched


def test_search_by_zone_alone_lists_its_articles(archive, reader):
    zone = Zone.objects.filter(mentions__rejected=False).first()
    html = reader.get(reverse("clippings:search"), {"zone": zone.slug}).content.decode()
    assert re.search(r"\d+ 篇文章", html) and 'href="/articles/' in html


@pytest.mark.parametrize("param", ["zone", "enterprise"])
def test_an_id_too_large_for_the_database_is_a_400(archive, reader, param):
    page = reader.get(reverse("clippings:search"), {param: "99999999999999999999999"})
    assert page.status_code == 400 and CHINESE.search(page.content.decode())
    api = reader.get(reverse("clippings:api_search"), {param: "99999999999999999999999"})
    assert api.status_code == 400 and api["Content-Type"] == "application/json"


def test_a_zone_id_finds_what_its_slug_finds(archive, reader):
    zone = Zone.objects.filter(mentions__rejected=False).first()
    by_slug = json.loads(reader.get(reverse("clippings:api_search"), {"zone": zone.slug}).content)
    by_id = json.loads(reader.get(reverse("clippings:api_search"), {"zone": str(zone.pk)}).content)
    assert by_slug["count"] == by_id["count"] > 0


# --- templates and the navigation bar ---------------------------------------------------------------

MARKER = "@@MISSING-VARIABLE@@"


@pytest.fixture
def strict_templates(settings):
    settings.TEMPLATES = [{**t, "OPTIONS": {**t.get("OPTIONS", {}), "string_if_invalid": MARKER}}
                          for t in settings.TEMPLATES]


def reading_urls():
    from clippings.models import Article, Source

    zone = Zone.objects.filter(mentions__rejected=False).first()
    article = Article.objects.first()
    return [
        "/", reverse("clippings:article_list"), article.get_absolute_url(),
        reverse("clippings:source_detail", args=[Source.objects.first().pk]),
        reverse("clippings:zone_index"), reverse("clippings:zone_index") + "?covered=1&unverified=1",
        zone.get_absolute_url(), zone.get_absolute_url() + "?q=高新区", zone.get_absolute_url() + "?sort=oldest",
        enterprise_url(), reverse("clippings:search"), reverse("clippings:search") + "?sort=newest",
        reverse("clippings:search") + "?q=高新区", reverse("clippings:search") + f"?zone={zone.slug}",
        reverse("clippings:search") + "?q=高新区&year=2024&sort=oldest&page=2",
        reverse("clippings:search") + "?year=abc", reverse("clippings:article_list") + "?page=x",
        "/no-such-page/",
    ]


def test_templates_render_no_missing_variable(archive, reader, strict_templates):
    for url in reading_urls():
        response = reader.get(url)
        assert response.status_code in (200, 400, 404), url
        assert MARKER not in response.content.decode(), url


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.in_nav, self.links = False, []

    def handle_starttag(self, tag, attrs):
        if tag == "nav":
            self.in_nav = True
        elif tag == "a" and self.in_nav:
            self.links.append(dict(attrs)["href"])

    def handle_endtag(self, tag):
        if tag == "nav":
            self.in_nav = False


def test_every_navigation_link_opens_for_a_reader(archive, reader):
    parser = Links()
    parser.feed(reader.get("/").content.decode())
    assert len(parser.links) >= 3
    for link in parser.links:
        assert reader.get(link).status_code == 200, link


# --- admin list filters ---------------------------------------------------------------------------


@pytest.mark.parametrize("bad", list(BAD))
def test_admin_zone_filter_takes_bad_values(archive, editor, bad):
    url = reverse("admin:clippings_article_changelist")
    response = editor.get(url, {"zone": BAD[bad]})
    if bad == "empty":
        assert response.status_code == 200
    else:  # the admin's own answer to a bad filter: back to the list with ?e=1
        assert response.status_code == 302 and response.url.endswith("?e=1")


@pytest.mark.parametrize("model", ["source", "article", "caption", "zone", "enterprise", "zonemention",
                                   "enterprisemention", "zonealias", "enterprisealias"])
def test_admin_lists_take_bad_filter_values(archive, editor, model):
    url = reverse(f"admin:clippings_{model}_changelist")
    for name in ("q", "p", "o", "year", "kind", "verified", "merged", "edited", "origin", "issue_date__gte",
                 "zone", "source", "article", "id__in", "parent__id__exact"):
        for value in (BAD["non_number"], BAD["huge"], BAD["nul"]):
            response = editor.get(url, {name: value})
            assert response.status_code in (200, 302, 400), (name, value[:20])


@pytest.mark.parametrize("bad", ["non_number", "huge", "negative", "nul", "long"])
def test_admin_action_with_a_bad_selection_is_refused_with_a_message(archive, editor, bad):
    from clippings.models import Article

    response = editor.post(reverse("admin:clippings_article_changelist"),
                           {"action": "export_csv", "_selected_action": [BAD[bad]]})
    assert response.status_code == 302 and not response.get("Content-Type", "").startswith("text/csv")
    assert any("所选" in str(m) for m in response.wsgi_request._messages)
    assert Article.objects.exists()


@pytest.mark.parametrize("at,title", [(HUGE, "新文章"), ("abc", "新文章"), ("2", "长" * 301), ("2", "\x00")])
def test_split_with_bad_values_says_why_and_splits_nothing(archive, editor, at, title):
    from clippings.models import Article

    article = max(Article.objects.all(), key=lambda a: len([p for p in a.body.split("\n") if p]))
    before = Article.objects.count()
    response = editor.post(reverse("admin:clippings_article_changelist"),
                           {"action": "split", "_selected_action": [str(article.pk)], "at": at, "title": title,
                            "confirm": "1"})
    assert response.status_code == 200 and Article.objects.count() == before
    assert any(CHINESE.search(str(m)) for m in response.wsgi_request._messages)
