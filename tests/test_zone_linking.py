"""Zone linking: the seeds as read by a person, and short texts about zones in other provinces."""
import pytest

from clippings.text.segment import split_page

from .conftest import seed_text, seed_words
from .linking import zone_index, zones_in


def seed_zones() -> dict[tuple[str, int], set[str]]:
    """The zones each seed article links: gazetteer names written out, places the pages name that no
    gazetteer holds read from the pages (``seed_words``: page, line, start, length)."""
    w = seed_words
    return {
        ("000", 1): {"重庆高新技术产业开发区", w("000", 223, 3, 8)},  # a 科创园
        ("000", 2): {"西安高新技术产业开发区"},
        ("000", 3): {"宜昌高新技术产业开发区"},
        # an 产业园; 重庆高新区 named by its office (…科技创新局)
        ("001", 1): {"两江新区", w("001", 146, 4, 9), "重庆高新技术产业开发区"},
        ("001", 2): set(),
        # parks named inside the zone
        ("001", 3): {"光明科学城", w("001", 527, 17, 15), w("001", 549, 11, 13), w("001", 477, 9, 7)},
        ("001", 4): set(),
        # a 生态城, a 软件园, an 产业园
        ("002", 1): {w("002", 13, 0, 8), "重庆经济技术开发区", w("002", 89, 43, 5), w("002", 87, 163, 13)},
        # the 生态城, two 产业园, the 软件园 and the 生态城 under another name
        ("003", 1): {w("003", 12, 4, 8), "重庆经济技术开发区", w("003", 12, 13, 9), w("003", 45, 19, 5),
                     w("003", 200, 16, 11), w("003", 130, 1, 6)},
        ("004", 1): {"重庆高新技术产业开发区", "重庆西永综合保税区", "中国（重庆）自由贸易试验区西永片区"},
        ("004", 2): {"重庆高新技术产业开发区", "西部（重庆）科学城"},
    }


def article_text(article):
    return "\n".join([article.title, article.kicker, article.subtitle, article.body, *[c.text for c in article.captions]])


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_seed_articles_link_their_zones(seed):
    page = split_page(seed_text(seed))
    got = {(seed, a.position): zones_in(article_text(a)) for a in page.articles}
    assert got == {k: v for k, v in seed_zones().items() if k[0] == seed}


def test_one_zone_under_its_names_is_one_link():
    page = split_page(seed_text("004"))
    links = zone_index().link(article_text(page.articles[0]))
    cq = next(link for link in links if link.name == "重庆高新技术产业开发区")
    short = seed_words("004", 11, 19, 6)  # the short form the article introduces (以下简称…)
    assert {"西部科学城重庆高新区", short, "重庆高新区"} <= set(cq.surfaces)
    page = split_page(seed_text("002"))
    etdz = next(link for link in zone_index().link(article_text(page.articles[0])) if link.kind == "etdz")
    assert set(etdz.surfaces) == {"重庆经开区", "重庆经济技术开发区"}


@pytest.mark.parametrize(
    "text, zones",
    [
        ("湖北宜昌市高新区日前出台新政。高新区将设立专项资金。", {"宜昌高新技术产业开发区"}),
        ("襄阳经开区与合肥高新区签署合作协议，两地高新区、经开区将互派干部。",
         {"襄阳经济技术开发区", "合肥高新技术产业开发区"}),
        ("成都市高新区今年新增企业1.2万家。", {"成都高新技术产业开发区"}),
        ("南京江宁经开区发布数据显示，江宁经开区一季度产值增长。", {"江宁经济技术开发区"}),
        ("高新区是推动高质量发展的重要载体。", set()),
        ("《苏州工业园区数字经济发展规划》日前印发。", set()),
        # an office's name names its zone: the reader sees the zone, and the office speaks for it
        ("苏州工业园区管委会日前印发《苏州工业园区数字经济发展规划》。", {"苏州工业园区"}),
        ("宜昌市西陵区委书记、宜昌高新区党工委书记表示，将加快建设。", {"宜昌高新技术产业开发区"}),
        ("天府新区（以下简称“新区”）今年引进项目86个。新区相关负责人表示……", {"天府新区"}),
        ("中国（广东）自由贸易试验区南沙片区首批跨境业务落地。南沙片区将继续扩大开放。", {"中国（广东）自由贸易试验区广州南沙新区片区"}),
        ("青岛西海岸新区与西咸新区签约。", {"青岛西海岸新区", "西咸新区"}),
        ("走进位于江苏南京的麒麟科创园，一批企业正在加快建设。", {"麒麟科创园"}),
        ("新建的数字产业园将于年底投用。", set()),
    ],
)
def test_short_texts_about_other_provinces(text, zones):
    assert zones_in(text) == zones


def test_city_qualified_short_forms_pick_the_right_city():
    assert zones_in("西安高新区与重庆高新区签署协议") == {"西安高新技术产业开发区", "重庆高新技术产业开发区"}


def test_bare_generic_goes_to_the_zone_the_article_named():
    index = zone_index()
    mentions = index.mentions("郑州经开区今年产值增长。高新区方面，洛阳高新区也在发力；高新区还将扩大招商。经开区表示……")
    resolved = [(m.surface, m.entry.name) for m in mentions]
    assert resolved == [
        ("郑州经开区", "郑州经济技术开发区"),
        ("洛阳高新区", "洛阳高新技术产业开发区"),
        ("高新区", "洛阳高新技术产业开发区"),
        ("经开区", "郑州经济技术开发区"),
    ]


def test_discovered_places_are_marked_as_such():
    links = zone_index().link("近日，赣江中医药生态城正式开园。赣江中医药生态城已入驻企业30家。")
    assert [(link.key, link.name, link.kind, link.count) for link in links] == [
        (None, "赣江中医药生态城", "eco_city", 2)
    ]


def test_a_generic_word_after_a_discovered_place_means_that_place():
    # as it will once the place is a record: the same links at ingest and at re-extraction
    links = zone_index().link("东岭智创生态城正式开园。生态城已入驻企业30家，生态城还将扩容。")
    assert [(link.key, link.name, link.count) for link in links] == [(None, "东岭智创生态城", 3)]


@pytest.mark.parametrize(
    "text, zone",
    [
        ("中国(福建)自由贸易试验区今年新增企业。", "中国（福建）自由贸易试验区"),
        ("昆山开发区引进一批项目。", "昆山经济技术开发区"),
        ("湘江新区加快建设。", "湖南湘江新区"),
        ("南沙自贸片区首批跨境业务落地。", "中国（广东）自由贸易试验区广州南沙新区片区"),  # X自贸片区
        ("黄河三角洲示范区的盐碱地育种取得突破。", "黄河三角洲农业高新技术产业示范区"),  # X示范区 of a 农高区
        ("海南自贸港建设提速，自贸港的政策红利持续释放。", "海南自由贸易港"),
    ],
)
def test_zones_written_another_way(text, zone):
    assert zone in zones_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "东岭经开区推动从传统开发区向低碳智能开发区转型。",
        "东岭经开区的做法值得全国高新区借鉴。",
        "东岭经开区表示，各类开发区都要优化营商环境。",
        "东岭经开区在一批开发区中脱颖而出。",
    ],
)
def test_a_generic_word_used_as_a_common_noun_is_not_linked(text):
    links = zone_index().link(text.replace("东岭经开区", "郑州经开区"))
    assert [(link.name, sorted(link.surfaces)) for link in links] == [("郑州经济技术开发区", ["郑州经开区"])]


def test_a_generic_word_after_a_demonstrative_is_the_zone():
    links = zone_index().link("郑州经开区今年产值增长，该开发区还将扩大招商。")
    assert [(link.name, link.count) for link in links] == [("郑州经济技术开发区", 2)]


def test_a_park_named_inside_a_zone_is_a_zone_of_its_own():
    names = zones_in("重庆高新区恒泽智能制造产业园今年投用。")
    assert {"重庆高新技术产业开发区", "重庆高新区恒泽智能制造产业园"} <= names
    # a park named by the zone and the words of its trade only
    names = zones_in("南沙自贸片区跨境电商产业园首批企业入驻。")
    assert {"中国（广东）自由贸易试验区广州南沙新区片区", "南沙自贸片区跨境电商产业园"} <= names


@pytest.mark.parametrize(
    "text, zones",
    [
        ("每到节假日，府河沿岸的枫林湾片区就成了市民的打卡点。", set()),  # a quarter of a town, a scenic spot
        ("我们在建枫林湾片区时，就地取材。", set()),
        ("该省自贸试验区新设的云锦片区首批项目落地。", {"云锦片区"}),  # part of a free-trade zone
    ],
)
def test_a_zone_area_is_part_of_a_zone(text, zones):
    assert {link.name for link in zone_index().link(text) if link.key is None} == zones


def test_a_bonded_port_area_is_found_by_its_suffix():
    links = zone_index().link("今年，洋山保税港区进出口额增长两成。")
    assert [(link.name, link.kind) for link in links if link.key is None] == [("洋山保税港区", "bonded")]


@pytest.mark.parametrize(
    "text, zones",
    [
        ("站在江边眺望，这里曾是泸州沿江工业区。", {"泸州沿江工业区"}),
        ("在东海国际航天城，火箭总装厂房正在建设。", {"东海国际航天城"}),
        ("蒙巴萨港口城吸引了一批企业入驻。", {"蒙巴萨港口城"}),
        ("在松湖生命科学园里，一批合成生物企业正在成长。", {"松湖生命科学园"}),
        ("建设生命科学园是当地的重点任务。", set()),
        ("越南经济特区的政策各不相同。", set()),  # a country's zones of a kind, no one place
        ("推进老工业区搬迁改造。", set()),
        ("连云港新开通一条通往长江沿线港口城市的航线。", set()),  # a city, not a 港口城
        ("发挥好厦门经济特区的政策优势。", set()),  # a Chinese 经济特区 is its city
        ("双方将在吉隆坡建立产业园区。", set()),  # a verb of founding before the suffix
        ("广东省清远市清新区今年引进项目86个。", set()),  # a district called 新区
        ("全力打造生物医药产业·湖南浏阳工业园区。", {"湖南浏阳工业园区"}),  # a description before the dot
    ],
)
def test_industrial_areas_space_cities_and_zones_abroad_are_found(text, zones):
    assert {link.name for link in zone_index().link(text) if link.key is None} == zones


def test_a_type_word_written_once_names_a_zone_of_each_place():
    links = zone_index().link("以“两区”（阿拉山口、伊宁经济开发区）为支点。")
    assert {link.name for link in links} == {"阿拉山口经济开发区", "伊宁经济开发区"}
    assert zones_in("金水区、郑州经开区联合招商。") == {"郑州经济技术开发区"}  # a district beside a zone
