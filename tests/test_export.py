"""export_articles: JSON Lines with the stable field names researchers rely on."""
import io
import json

import pytest
from django.core.management import call_command

from clippings.models import Article, Enterprise, EnterpriseMention, Source, Zone, ZoneMention

from .conftest import SEEDS

pytestmark = pytest.mark.django_db
FIELDS = {"id", "source", "position", "title", "subtitle", "authors", "body", "captions", "zones", "enterprises", "url"}


@pytest.fixture
def seeded(media):
    call_command("load_gazetteer", stdout=io.StringIO())
    call_command("ingest", str(SEEDS), stdout=io.StringIO(), stderr=io.StringIO())


def export(tmp_path, **options):
    target = tmp_path / "out.jsonl"
    call_command("export_articles", "-o", str(target), stderr=io.StringIO(), **options)
    return [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]


def test_one_article_per_line_with_stable_fields(seeded, tmp_path):
    rows = export(tmp_path, base_url="https://archive.example.org")
    assert len(rows) == Article.objects.count() == 11
    for row in rows:
        assert FIELDS <= set(row)
        article = Article.objects.get(pk=row["id"])
        assert row["source"] == article.source.original_name
        assert row["url"] == f"https://archive.example.org/articles/{article.pk}/"
    by_title = {r["title"]: r for r in rows}
    science = by_title["“科学重器”结硕果"]
    assert science["source"].startswith("001_")
    assert science["position"] == 3
    assert science["authors"] == ["杨阳腾"]
    assert science["subtitle"] == "深圳光明科学城汇聚24个重大科技创新载体——"
    assert science["captions"] == [{"text": "图为深圳光明科学城启动区。", "credit": "资料图片", "credit_raw": "（资料图片）"}]
    assert science["zones"] == [
        {"name": "光明生命科学园", "surfaces": ["光明生命科学园"]},
        {"name": "光明科学城", "surfaces": ["光明科学城", "深圳光明科学城"]},
        {"name": "光明科学城合成生物产业园区", "surfaces": ["光明科学城合成生物产业园区"]},
        {"name": "恒泰裕·华南医谷合成生物产业园", "surfaces": ["恒泰裕·华南医谷合成生物产业园"]},
    ]
    assert science["enterprises"] == [  # firms written by their trade names, and one with its legal suffix
        {"name": "倍生生物", "aliases": []}, {"name": "柏垠生物", "aliases": []},
        {"name": "森瑞斯生物", "aliases": []}, {"name": "深圳市赛特罗生物医疗技术有限公司", "aliases": []},
    ]
    kh = next(r for r in rows if r["title"] == "重庆高新区探索“双化”协同发展路径")
    assert {"name": "重庆孔辉汽车科技有限公司", "aliases": ["重庆孔辉汽车"]} in kh["enterprises"]
    # "从传统开发区向绿色智慧开发区转型": 开发区 there is a common noun, not a surface of the zone
    assert {"name": "重庆高新技术产业开发区", "surfaces": ["重庆高新区", "高新区"]} in kh["zones"]


def test_zones_and_enterprises_come_from_live_mentions(media, tmp_path):
    source = Source.objects.create(original_name="p.txt", sha256="0" * 64, size_bytes=1, encoding="utf-8", raw_text="x")
    article = Article.objects.create(source=source, position=1, title="重庆高新区探索“双化”协同发展路径")
    zone = Zone.objects.create(name="重庆高新技术产业开发区", slug="cq-hitech")
    old = Zone.objects.create(name="重庆高新区（重复）", slug="cq-dup", merged_into=zone)
    ZoneMention.objects.create(article=article, zone=zone, surface="重庆高新区", count=20)
    ZoneMention.objects.create(article=article, zone=old, surface="高新区", count=3)
    wrong = Zone.objects.create(name="西安高新技术产业开发区", slug="xa-hitech")
    ZoneMention.objects.create(article=article, zone=wrong, surface="高新区", rejected=True)
    firm = Enterprise.objects.create(name="重庆孔辉汽车科技有限公司", slug="kh")
    EnterpriseMention.objects.create(article=article, enterprise=firm, surface="重庆孔辉汽车科技有限公司")
    EnterpriseMention.objects.create(article=article, enterprise=firm, surface="重庆孔辉汽车")
    rows = export(tmp_path)
    assert len(rows) == 1
    row = rows[0]
    assert row["zones"] == [{"name": "重庆高新技术产业开发区", "surfaces": ["重庆高新区", "高新区"]}]
    assert row["enterprises"] == [{"name": "重庆孔辉汽车科技有限公司", "aliases": ["重庆孔辉汽车"]}]


def test_export_to_stdout(seeded, capsys):
    call_command("export_articles")
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 11 and json.loads(lines[0])["position"] == 1
