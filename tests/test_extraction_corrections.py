"""Extraction in the database: links from ingest, and staff corrections surviving `extract`."""
import io

import pytest
from django.core.management import call_command

from clippings.models import (
    Article,
    Enterprise,
    EnterpriseAlias,
    EnterpriseMention,
    Origin,
    Zone,
    ZoneAlias,
    ZoneMention,
)
from clippings.services.dictionary import search_tokenizer

from .conftest import SEEDS

pytestmark = pytest.mark.django_db


def quiet(*args, **kw):
    call_command(*args, stdout=io.StringIO(), stderr=io.StringIO(), **kw)


@pytest.fixture
def archive(media):
    quiet("load_gazetteer")
    quiet("ingest", str(SEEDS))


def zones_of(article):
    return set(ZoneMention.objects.filter(article=article, rejected=False).values_list("zone__name", flat=True))


def counts():
    return (Zone.objects.count(), ZoneMention.objects.count(), Enterprise.objects.count(),
            EnterpriseMention.objects.count(), EnterpriseAlias.objects.count())


def test_ingest_links_zones_and_enterprises(archive):
    article = Article.objects.get(title="西部科学城重庆高新区加速打造现代化新重庆建设重要引擎")
    assert zones_of(article) == {"重庆高新技术产业开发区", "重庆西永综合保税区", "中国（重庆）自由贸易试验区西永片区"}
    mention = ZoneMention.objects.get(article=article, zone__name="重庆高新技术产业开发区", surface="科学城高新区")
    assert mention.count >= 20 and mention.origin == Origin.MACHINE and "科学城高新区" in mention.snippet
    kh = Enterprise.objects.get(name="重庆孔辉汽车科技有限公司")
    assert set(kh.aliases.values_list("name", flat=True)) == {"重庆孔辉汽车"}
    assert EnterpriseMention.objects.get(enterprise=kh, surface="重庆孔辉汽车").count == 3
    assert set(Enterprise.objects.get(name="双环传动（重庆）精密科技有限公司").zones.values_list("name", flat=True)) == {
        "广阳湾智创生态城"
    }
    discovered = Zone.objects.get(name="广阳湾智创生态城")
    assert (discovered.verified, discovered.origin, discovered.kind) == (False, Origin.MACHINE, "eco_city")


def test_re_extraction_never_duplicates(archive):
    before = counts()
    quiet("extract")
    quiet("extract")
    assert counts() == before


def test_staff_corrections_survive_re_extraction(archive, django_user_model):
    article = Article.objects.get(title="重庆高新区探索“双化”协同发展路径")
    cq = Zone.objects.get(name="重庆高新技术产业开发区")
    park = Zone.objects.get(name="科学谷数智科创园")
    xiyong = Zone.objects.get(name="重庆西永综合保税区")
    # a link staff removed, a link staff added
    ZoneMention.objects.filter(article=article, zone=park).update(rejected=True, origin=Origin.STAFF)
    ZoneMention.objects.create(article=article, zone=xiyong, origin=Origin.STAFF)
    # a discovered zone confirmed and renamed, with an alias added
    eco = Zone.objects.get(name="广阳湾智创生态城")
    eco.verified = True
    eco.name = "广阳湾智创生态城（重庆）"
    eco.edited_fields = ["name", "verified"]
    eco.save()
    ZoneAlias.objects.create(zone=eco, name="广阳湾智创生态城", origin=Origin.STAFF)
    ZoneAlias.objects.create(zone=eco, name="智创生态城", origin=Origin.STAFF)
    # a duplicate zone merged into the right one
    duplicate = Zone.objects.create(name="重庆软件园（南岸）", slug="dup", origin=Origin.MACHINE)
    software = Zone.objects.get(name="重庆软件园")
    software.merged_into = duplicate
    software.save()
    # an enterprise alias staff rejected
    EnterpriseAlias.objects.filter(name="重庆孔辉汽车").update(rejected=True, origin=Origin.STAFF)

    quiet("extract")
    quiet("load_gazetteer")
    quiet("extract")

    assert zones_of(article) == {"重庆高新技术产业开发区", "重庆西永综合保税区"}
    assert ZoneMention.objects.filter(article=article, zone=park, rejected=True).exists()
    eco.refresh_from_db()
    assert (eco.name, eco.verified) == ("广阳湾智创生态城（重庆）", True)
    assert not Zone.objects.filter(name="广阳湾智创生态城").exists()
    page_002 = Article.objects.get(source__original_name__startswith="002")
    assert zones_of(page_002) >= {"广阳湾智创生态城（重庆）", "重庆软件园（南岸）"}
    assert "重庆软件园" not in zones_of(page_002)
    assert not EnterpriseAlias.objects.filter(name="重庆孔辉汽车", rejected=False).exists()
    assert ZoneMention.objects.filter(article=article, zone=cq).exists()


def test_gazetteer_reload_keeps_staff_edits(archive):
    zone = Zone.objects.get(gazetteer_key="重庆经济技术开发区")
    zone.city = "重庆市南岸区"
    zone.edited_fields = ["city"]
    zone.save()
    ZoneAlias.objects.filter(zone=zone, name="重庆经济开发区").update(rejected=True, origin=Origin.STAFF)
    total = Zone.objects.count()
    quiet("load_gazetteer")
    zone.refresh_from_db()
    assert zone.city == "重庆市南岸区"
    assert ZoneAlias.objects.get(zone=zone, name="重庆经济开发区").rejected
    assert Zone.objects.count() == total


def test_zone_and_enterprise_names_are_kept_whole_by_the_search_tokenizer(archive):
    words = search_tokenizer().lcut("西部科学城重庆高新区与重庆孔辉汽车科技有限公司、重庆经开区合作")
    assert {"西部科学城重庆高新区", "重庆孔辉汽车科技有限公司", "重庆经开区"} <= set(words)
    Zone.objects.create(name="麒麟科创园", slug="qilin", origin=Origin.STAFF)
    assert "麒麟科创园" in search_tokenizer().lcut("走进麒麟科创园")
