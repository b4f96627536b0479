"""The curated gazetteer is rebuilt from ../shared/gazetteer by a script kept in the repo."""
import json
import subprocess
import sys
from collections import Counter

import pytest

from .conftest import ROOT

SHARED = ROOT.parent / "shared" / "gazetteer"


@pytest.fixture(scope="module")
def build_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("gaz") / "zones.json"
    result = subprocess.run(
        [sys.executable, "scripts/build_gazetteer.py", str(SHARED), "-o", str(out),
         "--places", str(out.with_name("p.json"))],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )
    assert "zones" in result.stdout and "place names" in result.stdout
    return out.parent


@pytest.fixture(scope="module")
def built(build_dir):
    return json.loads((build_dir / "zones.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def places(build_dir):
    return json.loads((build_dir / "p.json").read_text(encoding="utf-8"))["names"]


def test_committed_fixture_is_what_the_script_builds(built, places):
    assert json.loads((ROOT / "fixtures" / "zones.json").read_text(encoding="utf-8")) == built
    assert json.loads((ROOT / "fixtures" / "places.json").read_text(encoding="utf-8"))["names"] == places


def test_place_names_of_every_division_in_full_and_short(places):
    assert {"铜梁区", "铜梁", "民权县", "民权", "宜昌市", "宜昌", "湖北省", "湖北"} <= set(places)
    assert not any("开发区" in name or name.endswith("管理区") for name in places)  # zones of the list, not places
    assert "清新区" in places and "兰州新区" not in places  # a district, and a zone with a statistical code


def test_counts_by_kind(built):
    kinds = Counter(z["kind"] for z in built)
    assert kinds["etdz"] == 232
    assert 170 <= kinds["hitech"] <= 178
    assert kinds["new_area"] == 19
    assert kinds["ftz"] == 23  # 22 自贸试验区 and the 海南自由贸易港
    assert kinds["ftz_area"] >= 60
    assert kinds["bonded"] >= 100


def test_noise_and_stale_names_are_fixed(built):
    names = {z["name"] for z in built}
    assert "襄阳经济技术开发区" in names and "襄樊经济技术开发区" not in names
    assert not any("。" in n or n == "高新技术产业开发区" for n in names)
    assert {"青岛西海岸新区", "大连金普新区", "湖南湘江新区", "南京江北新区"} <= names
    assert "太原经济技术开发区" in names
    east_lake = next(z for z in built if z["name"] == "武汉东湖新技术产业开发区")
    assert east_lake["kind"] == "hitech" and "东湖高新区" in east_lake["aliases"]


def test_short_forms_places_and_parents(built):
    by_name = {z["name"]: z for z in built}
    cq = by_name["重庆高新技术产业开发区"]
    assert "重庆高新区" in cq["aliases"] and "西部科学城重庆高新区" in cq["aliases"]
    assert "重庆经开区" in by_name["重庆经济技术开发区"]["aliases"]
    jiangning = by_name["江宁经济技术开发区"]
    assert (jiangning["province"], jiangning["city"]) == ("江苏省", "南京市")
    assert "南京江宁经开区" in jiangning["aliases"]
    area = by_name["中国（重庆）自由贸易试验区西永片区"]
    assert area["parent"] == "中国（重庆）自由贸易试验区" and "西永片区" in area["aliases"]
    assert "西永综保区" in by_name["重庆西永综合保税区"]["aliases"]
    assert by_name["中国（四川）自由贸易试验区"]["approval_year"] == 2017


def test_every_alias_names_one_zone_and_none_is_generic(built):
    owners = Counter(a for z in built for a in {z["name"], *z["aliases"]})
    assert [a for a, n in owners.items() if n > 1] == []
    generic = {"高新区", "经开区", "开发区", "新区", "综保区", "片区", "科学城"}
    assert not generic & set(owners)


def test_variants_written_by_rule(built):
    by_name = {z["name"]: z for z in built}
    fujian = by_name["中国（福建）自由贸易试验区"]["aliases"]
    assert {"中国(福建)自由贸易试验区", "福建自贸试验区", "福建自贸区"} <= set(fujian)  # bracket widths, short forms
    assert {"昆山开发区", "苏州昆山开发区"} <= set(by_name["昆山经济技术开发区"]["aliases"])  # a district's 开发区
    assert "海口国家高新技术产业开发区" in by_name["海口高新技术产业开发区"]["aliases"]
    assert "湘江新区" in by_name["湖南湘江新区"]["aliases"]  # without the province
    assert "临港片区" in by_name["中国（上海）自由贸易试验区临港新片区"]["aliases"]
