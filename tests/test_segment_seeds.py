"""The five seed pages, split as a careful reader splits them.

Expected articles, titles and bylines were determined by reading each page in
../shared/seeds (the pages themselves are not copied into the project).
"""
import pytest

from clippings.text.segment import split_page

from .conftest import all_seed_paths, seed_text
from .pagecheck import assert_cleaning_keeps_han, assert_nothing_lost, squash

# (kind, kicker, title, authors, body starts, body ends)
EXPECTED = {
    "000": [
        ("article", "", "重庆高新区探索“双化”协同发展路径", [], "当前，重庆高新区紧紧围绕", "提供坚实支撑。"),
        ("article", "", "", ["张静攀"], "近日，在“香港优势助力", "共同开拓创新合作新机遇。"),
        ("article", "", "", ["吴富强"], "“公司近期接到一笔600万元的订单", "持续擦亮“高兴办”企业服务品牌。"),
    ],
    "001": [
        ("article", "", "重庆 数字经济引领创新发展", ["吴陆牧"], "数字产业集群蓬勃发展", "数字关键核心技术攻关能力不断提升。"),
        ("article", "", "产业协同发展是基础", ["郭贝贝"], "工业和信息化部等多部门", "就能推动京津冀协同实现高质量发展。"),
        ("article", "深圳光明科学城汇聚24个重大科技创新载体——", "“科学重器”结硕果", ["杨阳腾"],
         "位于深圳市西北部", "为全国合成生物学研究提供强有力的支撑。”"),
        ("photo", "", "", [], "8月31日，素有“黄金水道”之称", "图为行驶在京杭大运河江苏淮安段的货船。"),
    ],
    "002": [
        ("article", "构建绿色产业链", "广阳湾智创生态城 多个千亿级绿色产业集群呼之欲出", ["王彩艳", "杨敏"],
         "广阳岛作为长江上游", "预计产业规模将近900亿元。"),
    ],
    "003": [
        ("article", "", "广阳湾智创生态城 为“绿色梦想”赋能", [], "重庆经开区的种种做法和成效",
         "以智慧化引领推进减污降碳协同增效。"),
    ],
    "004": [
        ("article", "前三季度GDP增速达7.6% 经济运行平稳有序、稳中有进", "西部科学城重庆高新区加速打造现代化新重庆建设重要引擎",
         ["王静", "吴富强"], "近日，西部科学城重庆高新区", "为全市开放型经济发展作出更大贡献。"),
        ("article", "", "西部科学城重庆高新区 以科技创新塑造产业发展新优势", ["王静", "郭雨嫣"],
         "生产加工、组装调试", "实现企业市场化营收破千万。"),
    ],
}
FURNITURE = {"000": [], "001": ["本版编辑 周颖一 美编 高妍"], "002": ["南岸"], "003": ["两会专题·重庆经开区"], "004": []}


@pytest.fixture(scope="module", params=sorted(EXPECTED))
def seed(request):
    raw = seed_text(request.param)
    return request.param, raw, split_page(raw)


def test_articles_titles_and_bylines(seed):
    name, _, page = seed
    got = [
        (a.kind, a.kicker, a.title, a.authors, a.body[: len(exp[4])], a.body[-len(exp[5]):])
        for a, exp in zip(page.articles, EXPECTED[name])
    ]
    assert len(page.articles) == len(EXPECTED[name])
    assert got == [tuple(e) for e in EXPECTED[name]]


def test_page_furniture_is_not_in_any_article(seed):
    name, _, page = seed
    assert [b.text for b in page.furniture] == FURNITURE[name]
    for line in FURNITURE[name]:
        for article in page.articles:
            assert squash(line) not in squash(article.body)


@pytest.mark.parametrize("path", all_seed_paths(), ids=lambda p: p.name[:3])
def test_nothing_lost_on_every_seed(path):
    raw = path.read_text(encoding="utf-8")
    page = split_page(raw)
    assert_nothing_lost(page)
    assert_cleaning_keeps_han(raw, page)


def test_doubled_captions_are_collapsed_and_placed():
    page = split_page(seed_text("001"))
    captions = {c.text: (a.position, c.credit) for a in page.articles for c in a.captions}
    assert captions["图为深圳光明科学城启动区。"] == (3, "资料图片")
    assert captions["图为重庆联合微电子8寸特色工艺中试线，研发人员正在操作设备。"] == (1, "资料图片")
    assert captions[""] == (4, "赵启瑞（中经视觉）")
    assert "资料图片资料图片" not in page.page.text


def test_subheads_are_marked_in_the_body():
    page = split_page(seed_text("000"))
    article = page.articles[0]
    assert [article.paragraphs[i] for i in article.subheads] == [
        "深植“双化”协同理念", "数字产业绿色低碳发展", "数字化赋能绿色转型", "提升“双化”协同效能",
        "数字化绿色化融合创新", "构建“双化”协同标准",
    ]
    assert article.paragraphs[article.subheads[1] + 1].startswith("重庆高新区依托2000亿元级新型智能终端")


def test_repeated_paragraphs_appear_once():
    page = split_page(seed_text("004"))
    text = "\n".join(a.body for a in page.articles)
    assert text.count("从不断涌现的科技新平台") == 1
    assert text.count("科学城高新区相关负责人如是说") == 1
    assert [a.byline for a in page.articles].count("王静 郭雨嫣") == 1
    assert {r.kind for r in page.page.removed} == {"repeated"}


def test_markdown_marks_are_structure():
    page = split_page(seed_text("004"))
    assert "#" not in page.page.text
    second = page.articles[1]
    assert [second.paragraphs[i] for i in second.subheads] == ["校企联动 推动科研成果落地成“金”", "深化改革 各类人才竞相涌现"]


def test_captions_with_credits():
    page = split_page(seed_text("004"))
    first = page.articles[0]
    assert [(c.text, c.credit) for c in first.captions][:2] == [("自贸区西永片区", "雷键"), ("瑞琦储能项目基地产线", "何超")]
    page = split_page(seed_text("002"))
    assert ("矗立通江大道旁的国家级重庆经济技术开发区", "钟志兵", "摄/钟志兵") in [
        (c.text, c.credit, c.credit_raw) for c in page.articles[0].captions
    ]


def test_cleaned_text_has_no_ocr_spacing():
    page = split_page(seed_text("001"))
    body = page.articles[0].body
    assert "装备制造等领域集聚了一批行业领军企业" in body
    assert "生产总值增长6.4%，位列重庆市区县第一" in body
    assert "多元……今年以来" in body
    assert "⋯" not in page.page.text
