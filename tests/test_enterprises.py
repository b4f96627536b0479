"""Enterprise extraction: legal names with a clean left edge, short names, brands, zones."""
import pytest

from clippings.text.enterprises import KnownEnterprise, extract_enterprises
from clippings.text.segment import split_page

from .conftest import seed_text, seed_words
from .linking import dictionary, zone_index


def firms(text, known=()):
    index = zone_index()
    spans = [(m.start, m.end, m.entry.name if m.entry else m.surface) for m in index.mentions(text)]
    return extract_enterprises(text, known=known, zone_spans=spans)


@pytest.mark.parametrize(
    "text, name",
    [
        ("近日，在安徽星拓量子科技有限公司的装配车间", "安徽星拓量子科技有限公司"),
        ("走进湖南中联智能装备股份有限公司，机器人正在焊接", "湖南中联智能装备股份有限公司"),
        ("园区与成都蓉新材料有限责任公司签约", "成都蓉新材料有限责任公司"),
        ("在天府软件园英特杰（成都）有限公司的实验室", "英特杰（成都）有限公司"),
        ("引入的恒信集团旗下西安恒信电子商务有限公司，已成长为", "西安恒信电子商务有限公司"),
        ("一家专业从事汽车设计的高科技公司", None),
        ("这家企业累计投入3亿元，该公司表示", None),
        # a registered name may end in what the firm does, a verb ("开发", "建设")
        ("”梅州宏兴茶叶开发有限公司总经理回忆说", "梅州宏兴茶叶开发有限公司"),
        # a group's registered unit written after it, whatever the unit's own words are
        ("”华星旅游集团中服股份有限公司总经理说", "华星旅游集团中服股份有限公司"),
        ("副总裁、宏泰（澳门）国际集团投资有限公司总经理", "宏泰（澳门）国际集团投资有限公司"),
        ("近日，东方集团宣布在当地投资建厂", "东方集团"),  # a group jieba knows as one word (nt)
    ],
)
def test_left_edge_of_legal_names(text, name):
    names = [h.name for h in firms(text)]
    if name is None:
        assert names == []
    else:
        assert name in names and not any(n != name and n.endswith(name) for n in names)


def test_a_group_and_a_firm_after_a_conjunction_are_two():
    assert [h.name for h in firms("华星集团与鼎盛有限公司签约")] == ["华星集团", "鼎盛有限公司"]


def test_short_name_introduced_in_the_text_counts_as_the_same_enterprise():
    text = ("走进青岛海蓝智造科技有限公司（以下简称“海蓝智造”），车间一派繁忙。海蓝智造今年订单翻番，"
            "海蓝智造负责人表示将扩大产能。长沙湘岳电子股份有限公司（下称湘岳电子）也在扩产。")
    hits = {h.name: h for h in firms(text)}
    hl = hits["青岛海蓝智造科技有限公司"]
    assert hl.aliases == {"海蓝智造"} and hl.count == 4 and hl.surfaces["海蓝智造"] == 3
    assert hits["长沙湘岳电子股份有限公司"].aliases == {"湘岳电子"}


def test_brand_named_firms_come_from_the_dictionary():
    text = "园区已集聚华为、京东方等龙头企业，京东方的新产线今年投产。"
    hits = {h.name: h for h in firms(text, known=dictionary())}
    assert set(hits) == {"华为技术有限公司", "京东方科技集团股份有限公司"}
    assert hits["京东方科技集团股份有限公司"].count == 2  # "京东" inside "京东方" is not 京东


def test_a_known_firm_written_with_group_is_the_same_firm_under_that_surface():
    known = [KnownEnterprise("k", "松果国际种子有限公司", ("松果",))]
    hits = firms("园区已引进松果集团等种业企业，松果的育种中心今年投用。", known=known)
    assert [(h.name, dict(h.surfaces)) for h in hits] == [("松果国际种子有限公司", {"松果集团": 1, "松果": 1})]


def test_a_known_firm_inside_a_transliterated_name_is_not_that_firm():
    known = [KnownEnterprise("k", "松果国际种子有限公司", ("松果",))]
    assert firms("副秘书长阿松果·汗表示，合作前景广阔。", known=known) == []
    assert [h.name for h in firms("副秘书长表示，松果的育种中心今年投用。", known=known)] == ["松果国际种子有限公司"]


def test_a_branch_named_by_a_known_firm_and_a_place_is_a_firm_of_its_own():
    known = [KnownEnterprise("k", "华川电网有限责任公司", ("华川电网",)), KnownEnterprise("b", "华信银行股份有限公司", ("华信银行",))]
    assert [h.name for h in firms("劳模、华川电网云南昭通供电局继电保护工说。", known=known)] == ["华川电网云南昭通供电局"]
    # words of a sentence between the firm and 支行: no branch
    assert [h.name for h in firms("华信银行对传统支行进行改造。", known=known)] == ["华信银行股份有限公司"]


def test_zone_of_an_enterprise_when_the_text_says_so():
    text = "位于合肥高新区的安徽星拓量子科技有限公司去年营收翻番；武汉光驰电子有限公司已落户武汉东湖高新区。"
    hits = {h.name: h for h in firms(text)}
    assert hits["安徽星拓量子科技有限公司"].zones == {"合肥高新技术产业开发区"}
    assert hits["武汉光驰电子有限公司"].zones == {"武汉东湖新技术产业开发区"}


def seed_enterprises() -> dict[tuple[str, int], set[str]]:
    """Registered names in the seed articles, read from the pages (``seed_words``: page, line, start,
    length; a bracket the page prints in ASCII is read full-width, as extraction writes it)."""
    w = seed_words
    return {
        ("000", 1): {w("000", 57, 8, 12), w("000", 102, 13, 13), w("000", 108, 12, 11)},
        ("001", 1): {w("001", 30, 15, 5), w("001", 156, 5, 10), w("001", 264, 7, 10)},  # a 集团 and two 有限公司
        ("001", 3): {w("001", 525, 0, 16)},
        ("002", 1): {w("002", 25, 95, 13), w("002", 31, 15, 12), w("002", 47, 21, 16),
                     w("002", 53, 8, 14), w("002", 77, 32, 13), w("002", 87, 23, 14)},
        ("004", 1): {w("004", 72, 19, 12).replace("(", "（").replace(")", "）")},
        ("004", 2): {w("004", 101, 47, 15), w("004", 170, 47, 12)},
    }


SEED_ARTICLES = [("000", 1), ("001", 1), ("001", 3), ("002", 1), ("004", 1), ("004", 2)]


@pytest.mark.parametrize("key", SEED_ARTICLES)
def test_seed_enterprises_with_legal_names(key):
    seed, position = key
    article = split_page(seed_text(seed)).articles[position - 1]
    text = "\n".join([article.title, article.body])
    assert seed_enterprises()[key] <= {h.name for h in firms(text)}


def test_seed_short_names():
    # a firm of page 002 and the short names the article introduces for it (下称…), read from the page
    article = split_page(seed_text("002")).articles[0]
    hits = {h.name: h for h in firms(article.body)}
    firm, short = seed_words("002", 47, 21, 16), seed_words("002", 47, 41, 4)
    assert hits[firm].aliases == {short}
    assert hits[firm].surfaces[short] >= 3
    assert hits[seed_words("002", 31, 15, 12)].aliases == {seed_words("002", 31, 15, 6)}


@pytest.mark.parametrize(
    "text, names",
    [
        # a description of the firms between 等 and 企业
        ("在新区，聚集了华岭、极澜、赛沃等多家整车制造企业。", {"华岭", "极澜", "赛沃"}),
        ("园区集聚了澜川科技、东屹软件等30多家数字经济重点企业。", {"澜川科技", "东屹软件"}),
        # firms of trades listed together: a name jieba knows as a word (培元) is a name there
        ("展台上陈列着柏川生物、培元生物、森锐生物等孵化器培育的企业。", {"柏川生物", "培元生物", "森锐生物"}),
        ("引进光电、培元生物、微电子等企业。", set()),  # trades, not firms of trades
        # coined names jieba cuts into single characters ("优" "锗")
        ("截至目前，臻宇生物、优锗科技、它朗科技等“金种子”项目受到关注。", {"臻宇生物", "优锗科技", "它朗科技"}),
        # trades, activities and universities in such lists are no firms
        ("大数据、区块链、工业软件等各类在孵科技企业已达50家。", set()),
        ("茶叶初制、茶机制造、竹笋精深加工等一批上下游企业陆续落户。", set()),
        ("联合江城理工大学、恒锐科技等9家高校和企业攻关。", {"恒锐科技"}),
        # a firm's name may be a common verb (联想): it does not make the list one of products
        ("已吸引华为、联想、HTC、南京睿岚等一批VR企业入驻。", {"华为", "HTC", "南京睿岚"}),
        # a list of products or trades: most members no names, or one an ordinary word
        ("带动电机、线束、轴承、钢材、喷涂、冲压、印刷等配套企业落户。", set()),
        ("欢迎中国纺织、机械等企业前来投资。", set()),
    ],
)
def test_members_of_a_list_of_firms(text, names):
    assert {h.name for h in firms(text)} == names


def test_a_zones_own_company_keeps_the_zone_in_its_name():
    # what follows the zone says only what kind of company it is (股份公司)
    names = {h.name for h in firms("近日，宁波保税港区股份公司与港岚物流公司签约。")}
    assert "宁波保税港区股份公司" in names and "股份公司" not in names


@pytest.mark.parametrize(
    "text, names",
    [
        ("工程由华岳八局承建，华岳八局还将扩建。", {"华岳八局"}),
        ("承建方华岳五局总承包公司技术人员现场踏勘。", {"华岳五局总承包公司"}),
        ("为改变面貌，华岳一局三公司创新施工模式。", {"华岳一局三公司"}),
        ("华岳二局西南公司负责施工。", {"华岳二局西南公司"}),
        ("公安三局局长表示，将加强管理。", set()),  # an office, its short name a common word
        ("该局三局负责审批。", set()),
    ],
)
def test_numbered_units_of_state_groups(text, names):
    assert {h.name for h in firms(text)} == names


@pytest.mark.parametrize(
    "text, names",
    [
        ("开发区已引入来自德国、日本、韩国、马来西亚等国家和地区的86家企业。", set()),  # countries
        ("该市培育和引进亿氢通、海珀瑞等22家氢能企业。", {"亿氢通", "海珀瑞"}),  # the list starts after 引进
        ("把订单处理、分拣、配送等环节都交给物流企业。", set()),  # a clause between 等 and 企业
        ("还组建了设计公司、安装公司、物业公司等一批专业公司。", set()),  # kinds of company
        ("线路开通后，公交公司能否承担运营成本？", set()),  # jieba's nt for a common noun
        ("”华信银行江南分行公司业务部总经理说。", set()),  # 公司业务部: the bank's corporate department
        ("推动车载芯片、智能座舱、高精地图、车路协同等领域企业与整车企业合作。", set()),  # fields
        ("在博览会上，阿联酋云计算公司展台前人气很旺。", set()),  # "云" (ns) is no place before 计算
        ("东城区总工会、区妇联等单位联合主办。", set()),  # bodies, not firms
    ],
)
def test_lists_and_common_nouns_that_name_no_firm(text, names):
    assert {h.name for h in firms(text)} == names


def test_a_railway_bureau_group_is_one_registered_name():
    assert [h.name for h in firms("”中国铁路东岭局集团有限公司工程部副部长介绍。")] == ["中国铁路东岭局集团有限公司"]
