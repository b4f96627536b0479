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

from .conftest import SEEDS, seed_reading, seed_words

# names the seed pages print, read from the pages (page, line, start, length) rather than written here
KH, KH_SHORT = seed_words("000", 57, 8, 12), seed_words("000", 57, 8, 6)  # a firm of page 000 and its short name
PARK = seed_words("000", 223, 3, 8)  # a 科创园 page 000 names
SHUANG = seed_words("002", 47, 21, 16)  # a firm of page 002
ECO = seed_words("002", 13, 0, 8)  # the 生态城 pages 002 and 003 write of (a discovered zone)
SOFTWARE = seed_words("002", 89, 43, 5)  # a 软件园 of pages 002 and 003
SHORT = seed_words("004", 11, 19, 6)  # the short form page 004 introduces for 重庆高新区

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
    article = Article.objects.get(title=seed_reading("004")[0]["title"])
    assert zones_of(article) == {"重庆高新技术产业开发区", "重庆西永综合保税区", "中国（重庆）自由贸易试验区西永片区"}
    mention = ZoneMention.objects.get(article=article, zone__name="重庆高新技术产业开发区", surface=SHORT)
    assert mention.count >= 20 and mention.origin == Origin.MACHINE and SHORT in mention.snippet
    kh = Enterprise.objects.get(name=KH)
    assert set(kh.aliases.values_list("name", flat=True)) == {KH_SHORT}
    assert EnterpriseMention.objects.get(enterprise=kh, surface=KH_SHORT).count == 3
    assert set(Enterprise.objects.get(name=SHUANG).zones.values_list("name", flat=True)) == {ECO}
    discovered = Zone.objects.get(name=ECO)
    assert (discovered.verified, discovered.origin, discovered.kind) == (False, Origin.MACHINE, "eco_city")


def test_re_extraction_never_duplicates(archive):
    before = counts()
    quiet("extract")
    quiet("extract")
    assert counts() == before


def test_staff_corrections_survive_re_extraction(archive, django_user_model):
    article = Article.objects.get(title=seed_reading("000")[0]["title"])
    cq = Zone.objects.get(name="重庆高新技术产业开发区")
    park = Zone.objects.get(name=PARK)
    xiyong = Zone.objects.get(name="重庆西永综合保税区")
    # a link staff removed, a link staff added
    ZoneMention.objects.filter(article=article, zone=park).update(rejected=True, origin=Origin.STAFF)
    ZoneMention.objects.create(article=article, zone=xiyong, origin=Origin.STAFF)
    # a discovered zone confirmed and renamed, with an alias added
    eco = Zone.objects.get(name=ECO)
    eco.verified = True
    eco.name = ECO + "（重庆）"
    eco.edited_fields = ["name", "verified"]
    eco.save()
    ZoneAlias.objects.create(zone=eco, name=ECO, origin=Origin.STAFF)
    ZoneAlias.objects.create(zone=eco, name=ECO[3:], origin=Origin.STAFF)  # the name without its place
    # a duplicate zone merged into the right one
    duplicate = Zone.objects.create(name=SOFTWARE + "（南岸）", slug="dup", origin=Origin.MACHINE)
    software = Zone.objects.get(name=SOFTWARE)
    software.merged_into = duplicate
    software.save()
    # an enterprise alias staff rejected
    EnterpriseAlias.objects.filter(name=KH_SHORT).update(rejected=True, origin=Origin.STAFF)

    quiet("extract")
    quiet("load_gazetteer")
    quiet("extract")

    assert zones_of(article) == {"重庆高新技术产业开发区", "重庆西永综合保税区"}
    assert ZoneMention.objects.filter(article=article, zone=park, rejected=True).exists()
    eco.refresh_from_db()
    assert (eco.name, eco.verified) == (ECO + "（重庆）", True)
    assert not Zone.objects.filter(name=ECO).exists()
    page_002 = Article.objects.get(source__original_name__startswith="002")
    assert zones_of(page_002) >= {ECO + "（重庆）", SOFTWARE + "（南岸）"}
    assert SOFTWARE not in zones_of(page_002)
    assert not EnterpriseAlias.objects.filter(name=KH_SHORT, rejected=False).exists()
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
    words = search_tokenizer().lcut(f"西部科学城重庆高新区与{KH}、重庆经开区合作")
    assert {"西部科学城重庆高新区", KH, "重庆经开区"} <= set(words)
    Zone.objects.create(name="麒麟科创园", slug="qilin", origin=Origin.STAFF)
    assert "麒麟科创园" in search_tokenizer().lcut("走进麒麟科创园")
