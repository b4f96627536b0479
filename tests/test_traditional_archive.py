"""A page printed in traditional characters in the archive: ingested from Big5, linked to zones
and enterprises through its simplified fold, stored as printed, and found by either script."""
from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from clippings.models import Article, Enterprise, EnterpriseMention, Source, ZoneMention
from clippings.search.indexing import backend
from clippings.search_indexes import searchable_text
from clippings.services.ingest import ingest_path
from clippings.text.searchtext import parse_query

# written for this test; the zone is a gazetteer zone, the company is made up
TRADITIONAL_PAGE = """蘇州工業園區集成電路產業鏈加速成形

本報記者 陳志明

蘇州工業園區日前舉辦集成電路產業發展大會，開發區內的華興微電子科技有限公司宣佈投資二十億元建設新產線。企業負責人表示，園區的營商環境讓企業發展後勁十足。

圖為園區一家晶片企業的生產線。 周立 攝

責任編輯：孫文
"""

SIMPLIFIED_PAGE = """沿江开发区新材料项目集中开工

本报记者 赵明远

沿江开发区日前举行新材料项目集中开工仪式，十二个项目总投资八十亿元。

责任编辑：钱芳
"""

# shares one word with the traditional page, 集成电路, which jieba finds in its fold only
RELATED_PAGE = """无锡集成电路封装测试基地投产

本报记者 钱志强

无锡一座集成电路封装测试基地日前投产，年封装晶片十亿颗。

责任编辑：周洁
"""


def quiet(*args, **kw):
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        call_command(*args, stdout=out, stderr=err, **kw)
    except SystemExit as exit:
        code = exit.code
    return code, out.getvalue() + err.getvalue()


def write_pages(folder):
    (folder / "traditional.txt").write_bytes(TRADITIONAL_PAGE.encode("big5"))
    (folder / "simplified.txt").write_bytes(SIMPLIFIED_PAGE.encode("utf-8"))


@pytest.fixture
def pages(transactional_db, search_index, media, tmp_path):
    """Both pages ingested in this process (the ingest command writes the index in another)."""
    quiet("load_gazetteer")
    write_pages(tmp_path)
    (tmp_path / "related.txt").write_text(RELATED_PAGE, encoding="utf-8")
    for name in ("traditional.txt", "simplified.txt", "related.txt"):
        assert ingest_path(tmp_path / name).status == "created"
    return (Article.objects.get(source__original_name="traditional.txt"),
            Article.objects.get(source__original_name="simplified.txt"))


@pytest.mark.django_db
def test_big5_page_is_split_and_stored_as_printed(media, tmp_path):
    write_pages(tmp_path)
    code, output = quiet("ingest", str(tmp_path))
    assert code in (0, None), output
    traditional = Article.objects.get(source__original_name="traditional.txt")
    source = Source.objects.get(original_name="traditional.txt")
    assert "big5" in source.encoding.lower().replace("-", "")
    assert source.raw_text == TRADITIONAL_PAGE
    assert traditional.title == "蘇州工業園區集成電路產業鏈加速成形"
    assert traditional.byline == "本報記者 陳志明" and traditional.authors == ["陳志明"]
    assert traditional.body.startswith("蘇州工業園區日前舉辦") and "發展後勁十足" in traditional.body
    caption = traditional.captions.get()
    assert (caption.text, caption.credit) == ("圖為園區一家晶片企業的生產線。", "周立")
    assert source.furniture == ["責任編輯：孫文"]


def test_zones_and_enterprises_are_linked_through_the_fold(pages):
    traditional, _ = pages
    mentions = ZoneMention.objects.filter(article=traditional, zone__name="苏州工业园区")
    # the generic word 開發區 is the zone the article named last, as 开发区 would be
    assert {m.surface: m.count for m in mentions} == {"蘇州工業園區": 2, "開發區": 1}
    assert all(m.surface in m.snippet for m in mentions)
    enterprise = EnterpriseMention.objects.get(article=traditional).enterprise
    assert enterprise.name == "华兴微电子科技有限公司"
    assert EnterpriseMention.objects.get(article=traditional).surface == "華興微電子科技有限公司"
    assert Enterprise.objects.count() >= 1


def found(query):
    return set(backend().execute(parse_query(query), limit=100).ids)


def test_search_finds_either_script_in_the_other(pages):
    traditional, simplified = pages
    assert found("开发区") == found("開發區") == {traditional.pk, simplified.pk}
    assert found("苏州工业园区") == found("蘇州工業園區") == {traditional.pk}
    assert found("沿江開發區") == {simplified.pk}
    assert found("发展后劲") == {traditional.pk}


def test_hits_are_marked_on_the_printed_text(pages, reader):
    traditional, simplified = pages
    results = {r["id"]: r for r in reader.get("/api/search/", {"q": "开发区"}).json()["results"]}
    assert "<mark>開發區</mark>" in results[traditional.pk]["snippet"]
    assert "<mark>开发区</mark>" in results[simplified.pk]["snippet"]
    title = reader.get("/api/search/", {"q": "苏州工业园区"}).json()["results"][0]
    assert "<mark>蘇州工業園區</mark>" in title["title_html"]


def test_article_page_links_the_names_as_printed(pages, reader):
    traditional, _ = pages
    zone = ZoneMention.objects.get(article=traditional, surface="蘇州工業園區").zone
    html = reader.get(traditional.get_absolute_url()).content.decode()
    assert f'<a class="mention" href="{zone.get_absolute_url()}">蘇州工業園區</a>' in html
    assert "華興微電子科技有限公司</a>" in html  # linked in the text; listed under its simplified name


def test_similar_articles_read_the_keywords_of_the_fold(pages):
    traditional, _ = pages
    related = Article.objects.get(source__original_name="related.txt")
    assert backend().similar(traditional.pk, searchable_text(traditional)) == [related.pk]
