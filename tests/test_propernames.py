"""Where a discovered zone or an enterprise name begins: one rule for both (clippings/text/propernames.py).
The sentences are our own."""
import pytest

from clippings.text.enterprises import extract_enterprises

from .linking import zone_index


def discovered(text: str) -> set[str]:
    return {link.name for link in zone_index().link(text) if link.key is None}


def firms(text: str) -> set[str]:
    return {hit.name for hit in extract_enterprises(text)}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("园区发展得益于科学城的辐射带动。", set()),  # a verb right before the generic word
        ("该镇被纳入科学城规划范围。", set()),
        ("围绕片区主导产业开展招商。", set()),
        ("某市三大片区协同发展。", set()),  # a count before the generic word
        ("全力打造千亿级片区。", set()),
        ("市民可以近距离感受明湖科学城的建设成就。", {"明湖科学城"}),  # a verb before a proper noun
        ("我们将高质量创建东岭智创生态城。", {"东岭智创生态城"}),
        ("如今，刚获批的三溪新区面貌一新。", {"三溪新区"}),  # a name may start with a numeral's character
        ("全县建成两个产业园。", set()),
        ("1.2万平方米的ZENITH产业园一期已经满员。", {"ZENITH产业园"}),  # a Latin name
        ("企业将搬到瑞丰泰·东湖医谷生物产业园。", {"瑞丰泰·东湖医谷生物产业园"}),  # a middle dot inside the name
        # a dot between two places: the same names at ingest and once the first is a record
        ("记者走进东岭智创生态城·江岸绿色创新产业园，看到一派繁忙。", {"东岭智创生态城", "江岸绿色创新产业园"}),
        # a county jieba takes for a common noun or a verb (馆陶 n, 封开 v): the public divisions list knows it
        ("在馆陶高新区的厂区内，生产线满负荷运转。", {"馆陶高新区"}),
        ("位于封开临江开发区的一家工厂扩产。", {"封开临江开发区"}),
        # a long name: the window that reads it must not cut a word in two ("河|南驻马店市")
        ("走进河南驻马店市驿城区恒信现代生态农业示范园，大屏幕上数据实时跳动。", {"驻马店市驿城区恒信现代生态农业示范园"}),
    ],
)
def test_discovered_zone_names_start_after_verbs_and_counts(text, expected):
    assert discovered(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("货物直接运往公司仓库。", set()),
        ("当地一家外资企业丰益达集团宣布扩产。", {"丰益达集团"}),  # a description of the firm before its name
        ("走进国家级绿色工厂河南恒泽能源集团，车间一片繁忙。", {"河南恒泽能源集团"}),
        ("新加坡丰益达集团在当地投资建厂。", {"丰益达集团"}),  # the country says where the firm comes from
        ("盛夏时节，安徽省安庆市桐城恒泽新能源有限公司的车间里一片繁忙。", {"安徽省安庆市桐城恒泽新能源有限公司"}),
        ("已有8家快递公司入驻。", set()),
        ("央企及子公司陆续落户。", set()),
        ("工程由汇岚集团承建。", {"汇岚集团"}),  # jieba joins 由 to an unknown name ("由汇岚" nr)
        ("该项目由峻腾集团牵头建设。", {"峻腾集团"}),
        ("今年，XKL集团与当地签约。", {"XKL集团"}),  # a Latin name
        ("率先推动宜宾征信公司建设信用平台。", {"宜宾征信公司"}),  # after a place a verb says what the firm does
    ],
)
def test_enterprise_names_start_after_verbs_descriptions_and_countries(text, expected):
    assert firms(text) == expected


@pytest.mark.parametrize(
    "text",
    ["村里成立了物流公司。", "当地引进了保险公司。", "一批外资集团前来考察。", "80家机构设立了资管公司。",
     "首家外商独资公募基金公司落地。", "从事公司代理业务。"],
)
def test_a_common_noun_with_company_is_not_a_firm(text):
    assert firms(text) == set()


def test_names_with_a_legal_suffix_keep_their_common_words():
    text = "瑞岚建筑设备（中国）有限公司和中岭三局城市开发运营有限公司、绍兴市青松印染有限公司都在这里。"
    assert firms(text) == {"瑞岚建筑设备（中国）有限公司", "中岭三局城市开发运营有限公司", "绍兴市青松印染有限公司"}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("恒泽集团东岭股份有限公司今年扩产。", {"恒泽集团东岭股份有限公司"}),  # a group's registered unit
        ("东岭电力公司海南分公司建成电站。", {"东岭电力公司海南分公司"}),
        ("河南恒泽能源集团中岭实业公司的车间。", {"河南恒泽能源集团", "中岭实业公司"}),  # two firms side by side
        ("老挝恒泽国际制药有限公司投产。", {"老挝恒泽国际制药有限公司"}),  # a registered name may start with a country
        ("由东岭恒泽公司承建。", {"东岭恒泽公司"}),
        ("推动飞跃科技（苏州）有限公司落地。", {"飞跃科技（苏州）有限公司"}),  # the bracketed place is not the name
    ],
)
def test_whole_registered_names(text, expected):
    assert firms(text) == expected


def test_a_company_named_after_its_zone_keeps_the_zone():
    text = "东岭科技城投资集团有限公司负责建设。"
    spans = [(0, 5, "zone")]
    assert {h.name for h in extract_enterprises(text, zone_spans=spans)} == {"东岭科技城投资集团有限公司"}
    text = "东岭科技城恒泽智能有限公司负责建设。"
    assert {h.name for h in extract_enterprises(text, zone_spans=spans)} == {"恒泽智能有限公司"}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("走进恒泽储能的车间，生产线全速运转。", {"恒泽储能"}),  # a trade name and the words of its trade
        ("瑞岚半导体、恒泽储能等企业落户。", {"瑞岚半导体", "恒泽储能"}),
        ("全自动机器人正在作业。", set()),  # common words before a trade word
        ("网络安全软件需求旺盛。", set()),
        ("电子信息产业快速发展。", set()),
    ],
)
def test_firms_written_by_trade_name(text, expected):
    assert firms(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("恒泽轴承、东岭工业等9家企业荣获示范企业称号。", {"恒泽轴承", "东岭工业"}),  # the members of a list of firms
        ("园区引进了瑞岚光电、恒泽储能等企业。", {"瑞岚光电", "恒泽储能"}),
        ("智能制造、新能源汽车等企业加快集聚。", set()),  # kinds of business, not firms
        ("盟岭电子、集恒电子等项目入选名录。", {"盟岭电子", "集恒电子"}),
        ("智慧工厂、数字车间等项目加快建设。", set()),
        ("张明、李华等企业家参加座谈。", set()),
    ],
)
def test_members_of_a_list_of_firms(text, expected):
    assert firms(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("截至目前，瑞岚生物、恒泽科技等“金种子”企业已有30家。", {"瑞岚生物", "恒泽科技"}),
        ("通过盘活土地，恒泽科技等一批高新技术企业落地。", {"恒泽科技"}),  # one member written with trade words
        ("冷凝器、门框、玻璃等企业形成配套。", set()),  # a list of products
    ],
)
def test_lists_of_firms_with_a_description(text, expected):
    assert firms(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("展台上陈列着瑞岚生物、恒泽生物、森岭斯生物等孵化成果。", {"瑞岚生物", "恒泽生物", "森岭斯生物"}),  # one trade
        ("恒泽电子于今年1月投产。", {"恒泽电子"}),
        ("新能源、生物医药、电子信息产业加快发展。", set()),
    ],
)
def test_names_of_one_trade_in_a_list_and_a_trade_name_before_a_verb(text, expected):
    assert firms(text) == expected


def test_a_registered_name_of_single_characters_is_a_coined_name():
    assert firms("看到风电潜力的前进远天绿色能源有限公司早就想开发。") == {"前进远天绿色能源有限公司"}


@pytest.mark.parametrize("text", ["坦中铁路有限公司今年运力提升。", "坦中联合投资有限公司负责人介绍。"])
def test_a_registered_name_cut_to_common_words_is_no_firm(text):
    # jieba splits the firm's own name ("坦" j, "中" f): what is left, "铁路有限公司", names no firm
    assert not firms(text) & {"铁路有限公司", "联合投资有限公司"}
