"""Search over the seed pages: exact recall and precision, facets, the page and the JSON API."""
from __future__ import annotations

import random

import pytest

from clippings.models import Article, Source, ZoneMention
from clippings.search.indexing import backend
from clippings.search_indexes import searchable_text
from clippings.text.searchtext import fold, parse_query

from .conftest import all_seed_paths, loaded_archive

HAND_QUERIES = [
    "智能网联", "新能源汽车", "化协同", "开发区", "高新区", "经开区", "园", "区", "的", "2024", "%",
    "科学城", "有限公司", "重庆", "两江", "产业链", "本报记者", "亿元", "项目 企业", "高新区 -重庆",
    "汽车 OR 量子", '"高新 区"', "数字经济", "zzz", "不存在的词语组合",
]


@pytest.fixture(scope="module")
def archive(django_db_setup, django_db_blocker):
    with loaded_archive(django_db_blocker):
        articles = list(Article.objects.prefetch_related("captions").select_related("source"))
        yield {a.pk: fold(searchable_text(a)) for a in articles}


def truth(texts, query):
    parsed = parse_query(query)
    from clippings.text.searchtext import matches

    return {pk for pk, text in texts.items() if matches(parsed, text)}


def found(query, **filters):
    outcome = backend().execute(parse_query(query), limit=1000, **filters)
    assert outcome.count == len(outcome.ids)
    return set(outcome.ids)


def generated_queries(texts, per_article=25, seed=7):
    rng = random.Random(seed)
    queries = []
    for pk in sorted(texts):
        article = Article.objects.prefetch_related("captions").get(pk=pk)
        raw = searchable_text(article)
        for _ in range(per_article):
            length = rng.choice([1, 2, 2, 3, 3, 4, 5, 6, 8, 12, 20, 40])
            start = rng.randrange(max(1, len(raw) - length))
            piece = raw[start : start + length].replace('"', "")
            if fold(piece):
                # typed as a user would: quoted when it has spaces or looks like an operator
                literal = " " in piece.strip() or piece.strip().startswith("-") or piece.strip() in ("OR", "|")
                queries.append('"' + piece + '"' if literal else piece.strip())
    return queries


@pytest.mark.django_db
def test_every_article_containing_the_query_is_found_and_nothing_else(archive):
    queries = HAND_QUERIES + generated_queries(archive)
    failures = []
    for query in queries:
        expected, got = truth(archive, query), found(query)
        if expected != got:
            failures.append((query, sorted(expected - got), sorted(got - expected)))
    assert not failures, failures[:10]
    assert len(queries) > 300


@pytest.mark.django_db
@pytest.mark.parametrize("query, hit", [
    ("开发区", True),  # inside 经济技术开发区
    ("智能网联", True),
    ("化协同", True),
    ("绝对不会出现的查询串", False),
])
def test_table_of_hits_and_misses(archive, query, hit):
    assert bool(found(query)) is hit
    assert found(query) == truth(archive, query)


@pytest.mark.django_db
def test_every_seed_file_with_the_query_is_represented(archive):
    rng = random.Random(3)
    for path in all_seed_paths():
        source = Source.objects.get(original_name=path.name)
        body_lines = [line for a in source.articles.all() for line in a.body.split("\n") if len(line) > 12]
        for line in rng.sample(body_lines, min(5, len(body_lines))):
            start = rng.randrange(len(line) - 6)
            query = line[start : start + 6]
            sources = set(Article.objects.filter(pk__in=found(query)).values_list("source__original_name", flat=True))
            assert path.name in sources, (query, path.name)


@pytest.mark.django_db
def test_facet_counts_agree_with_the_database(archive):
    outcome = backend().execute(parse_query("高新区"), limit=1000)
    ids = set(outcome.ids)
    for zone_id, count in outcome.facets["zones"]:
        linked = set(ZoneMention.objects.filter(zone_id=int(zone_id), rejected=False, article_id__in=ids).values_list("article_id", flat=True))
        assert len(linked) == count
    years = dict(outcome.facets["year"])
    for year, count in years.items():
        wanted = {"year": None} if year == "none" else {"year": int(year)}  # none: 未注明日期
        assert Article.objects.filter(pk__in=ids, **wanted).count() == count
    # filtering by a facet value keeps exactly that many
    zone_id, count = outcome.facets["zones"][0]
    assert len(found("高新区", filters={"zones": [zone_id]})) == count
    year, count = outcome.facets["year"][0]
    assert len(found("高新区", filters={"year": [year]})) == count


@pytest.mark.django_db
def test_searches_on_new_threads_share_what_was_read_per_segment(archive, monkeypatch):
    """A threaded server runs each request on a new thread, and haystack makes a backend per thread:
    the facet columns read per segment are shared, not read again, and searches running at once on
    several threads each get the whole, right answer."""
    import threading

    from clippings.search import backend as backend_module

    queries = ["高新区", "有限公司", "区", "智能网联 OR 量子"]
    expected = {q: (backend().execute(parse_query(q), limit=1000).count, found(q)) for q in queries}
    built = []
    original = backend_module.SegmentColumns.__init__
    monkeypatch.setattr(backend_module.SegmentColumns, "__init__",
                        lambda self, *args: built.append(1) or original(self, *args))
    answers, errors, engines = [], [], []

    def search(query):
        try:
            engine = backend()
            engines.append(engine)
            outcome = engine.execute(parse_query(query), limit=1000)
            answers.append((query, outcome.count, set(outcome.ids), outcome.facets["zones"]))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=search, args=(q,)) for q in queries * 3]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert backend() not in engines and len({id(e) for e in engines}) == len(threads)  # a backend per thread
    assert len(answers) == len(threads)
    for query, count, ids, zones in answers:
        assert (count, ids) == expected[query]
        assert zones  # facet counts came from the shared columns
    assert built == []


@pytest.mark.django_db
def test_filters_combine_and_date_range(archive):
    dated = Source.objects.exclude(issue_date=None).first()
    assert dated is not None
    day = int(dated.issue_date.strftime("%Y%m%d"))
    in_range = found("区", day_range=(day, day))
    assert in_range and in_range == truth(archive, "区") & set(
        Article.objects.filter(source__issue_date=dated.issue_date).values_list("pk", flat=True))
    newspaper = dated.newspaper
    both = found("区", filters={"newspaper": [newspaper]}, day_range=(day, None))
    assert both == {a.pk for a in Article.objects.filter(source__newspaper=newspaper, source__issue_date__gte=dated.issue_date)
                    if a.pk in truth(archive, "区")}


@pytest.mark.django_db
def test_title_hits_rank_first(archive):
    article = Article.objects.exclude(title="").first()
    word = article.title[:4]
    outcome = backend().execute(parse_query(word), limit=5)
    first = Article.objects.get(pk=outcome.ids[0])
    assert fold(word) in fold(first.title + first.kicker + first.subtitle)


@pytest.mark.django_db
def test_date_order(archive):
    outcome = backend().execute(parse_query("区"), order="newest", limit=1000)
    dates = [Article.objects.get(pk=pk).source.issue_date for pk in outcome.ids]
    known = [d for d in dates if d]
    assert known == sorted(known, reverse=True)
    assert dates[: len(known)] == known  # undated pages last


@pytest.mark.django_db
def test_haystack_searchqueryset_works(archive):
    from haystack.query import SearchQuerySet

    assert SearchQuerySet().all().count() == Article.objects.count()
    assert {int(r.pk) for r in SearchQuerySet().filter(content="新能源汽车")} == truth(archive, "新能源汽车")


# --- the page and the API ------------------------------------------------------------------


@pytest.mark.django_db
def test_api_requires_login(archive, client):
    response = client.get("/api/search/", {"q": "高新区"})
    assert response.status_code == 401
    assert response.json()["error"] == "not_authenticated"


@pytest.mark.django_db
def test_api_answers_the_documented_shape(archive, reader):
    expected = truth(archive, "区")
    response = reader.get("/api/search/", {"q": "区", "page_size": 2})
    assert response.status_code == 200
    data = response.json()
    assert set(data) >= {"count", "next", "previous", "results", "facets"}
    assert data["count"] == len(expected) and data["previous"] is None and "page=2" in data["next"]
    first = data["results"][0]
    assert set(first) >= {"id", "title", "url", "source", "snippet", "zones", "date"}
    assert "<mark>区</mark>" in first["snippet"] or "<mark>区</mark>" in first["title_html"]
    ids = set()
    page = reader.get("/api/search/", {"q": "区", "page_size": 100}).json()
    ids = {r["id"] for r in page["results"]}
    assert ids == expected
    assert set(page["facets"]) == {"zone", "enterprise", "newspaper", "year"}


@pytest.mark.django_db
@pytest.mark.parametrize("params, code", [
    ({"q": '"未闭合'}, "unbalanced_quote"),
    ({"q": "区", "page_size": "500"}, "bad_parameter"),
    ({"q": "区", "page": "abc"}, "bad_parameter"),
    ({"q": "区", "year": "二〇二四"}, "bad_parameter"),
    ({"q": "区", "date_from": "2024-13-01"}, "bad_parameter"),
    ({"q": "区", "sort": "random"}, "bad_parameter"),
    ({"q": "OR"}, "dangling_or"),
    ({}, "empty"),
])
def test_api_errors_are_clear(archive, reader, params, code):
    response = reader.get("/api/search/", params)
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == code and body["detail"]


@pytest.mark.django_db
def test_api_filters_by_zone_slug(archive, reader):
    data = reader.get("/api/search/", {"q": "区"}).json()
    zone = data["facets"]["zone"][0]
    filtered = reader.get("/api/search/", {"q": "区", "zone": zone["value"]}).json()
    assert filtered["count"] == zone["count"]
    assert all(zone["value"] in [z["slug"] for z in r["zones"]] for r in filtered["results"])


@pytest.mark.django_db
def test_search_page_shows_highlighted_results_and_facets(archive, reader):
    response = reader.get("/search/", {"q": "新能源汽车"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<mark>新能源汽车</mark>" in html
    assert "在这些结果中搜索" in html or "Search within" in html
    bad = reader.get("/search/", {"q": '"未闭合'})
    assert bad.status_code == 400 and "引号" in bad.content.decode() or "quotation" in bad.content.decode()


@pytest.mark.django_db
def test_search_page_requires_login(archive, client):
    response = client.get("/search/", {"q": "区"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
