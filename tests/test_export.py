"""export_articles: JSON Lines with the stable field names researchers rely on."""
import io
import json

import pytest
from django.core.management import call_command

from clippings.models import Article, Enterprise, EnterpriseMention, Source, Zone, ZoneMention

from .conftest import SEEDS, seed_reading, seed_words

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
    # page 001's third article, as the careful reading has it; its names read from the page
    reading, w = seed_reading("001")[2], seed_words
    science = by_title[reading["title"]]
    assert science["source"].startswith("001_")
    assert science["position"] == 3
    assert science["authors"] == reading["authors"]
    assert science["subtitle"] == reading["kicker"]
    assert science["captions"] == [{"text": w("001", 603, 0, 12) + "。", "credit": "资料图片", "credit_raw": "（资料图片）"}]
    assert science["zones"] == [  # parks the page names and the gazetteer's science city, by name
        {"name": w("001", 477, 9, 7), "surfaces": [w("001", 477, 9, 7)]},
        {"name": "光明科学城", "surfaces": ["光明科学城", "深圳光明科学城"]},
        {"name": w("001", 549, 11, 13), "surfaces": [w("001", 549, 11, 13)]},
        {"name": w("001", 527, 17, 15), "surfaces": [w("001", 527, 17, 15)]},
    ]
    assert science["enterprises"] == [  # firms written by their trade names, and one with its legal suffix
        {"name": w("001", 483, 12, 4), "aliases": []}, {"name": w("001", 483, 7, 4), "aliases": []},
        {"name": w("001", 483, 17, 5), "aliases": []}, {"name": w("001", 525, 0, 16), "aliases": []},
    ]
    kh = next(r for r in rows if r["title"] == seed_reading("000")[0]["title"])
    assert {"name": w("000", 57, 8, 12), "aliases": [w("000", 57, 8, 6)]} in kh["enterprises"]
    # 开发区 where the article speaks of a kind of zone is a common noun, not a surface of the zone
    assert {"name": "重庆高新技术产业开发区", "surfaces": ["重庆高新区", "高新区"]} in kh["zones"]


def test_zones_and_enterprises_come_from_live_mentions(media, tmp_path):
    source = Source.objects.create(original_name="p.txt", sha256="0" * 64, size_bytes=1, encoding="utf-8", raw_text="x")
    article = Article.objects.create(source=source, position=1, title="青禾高新区走出“数绿”融合新路子")
    zone = Zone.objects.create(name="重庆高新技术产业开发区", slug="cq-hitech")
    old = Zone.objects.create(name="重庆高新区（重复）", slug="cq-dup", merged_into=zone)
    ZoneMention.objects.create(article=article, zone=zone, surface="重庆高新区", count=20)
    ZoneMention.objects.create(article=article, zone=old, surface="高新区", count=3)
    wrong = Zone.objects.create(name="西安高新技术产业开发区", slug="xa-hitech")
    ZoneMention.objects.create(article=article, zone=wrong, surface="高新区", rejected=True)
    firm = Enterprise.objects.create(name="重庆恒岳汽车科技有限公司", slug="hy")
    EnterpriseMention.objects.create(article=article, enterprise=firm, surface="重庆恒岳汽车科技有限公司")
    EnterpriseMention.objects.create(article=article, enterprise=firm, surface="重庆恒岳汽车")
    rows = export(tmp_path)
    assert len(rows) == 1
    row = rows[0]
    assert row["zones"] == [{"name": "重庆高新技术产业开发区", "surfaces": ["重庆高新区", "高新区"]}]
    assert row["enterprises"] == [{"name": "重庆恒岳汽车科技有限公司", "aliases": ["重庆恒岳汽车"]}]


def test_export_to_stdout(seeded, capsys):
    call_command("export_articles")
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 11 and json.loads(lines[0])["position"] == 1
