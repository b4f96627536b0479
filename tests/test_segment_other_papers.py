"""Pages written for these tests, in the styles of other newspapers and provinces.

The rules must hold on pages the project has never seen, so each layout convention is tried
here on text that names none of the seed pages' zones, companies or reporters.
"""
from clippings.text.segment import split_page

from .conftest import SAMPLES
from .pagecheck import assert_cleaning_keeps_han, assert_nothing_lost

WIRE_STORY = """长三角一体化示范区跨域项目加速落地
——青吴嘉三地联合招商见成效

新华社上海6月3日电（记者 钱江 孙瑶）记者3日从长三角生态绿色一体化发展示范区执委会获悉，今年以来示范区新签约跨域项目42个，总投资超过600亿元。

示范区执委会相关负责人表示，将继续推动规划、土地、生态等领域的制度创新。

（责任编辑：周明）
"""

NARROW_COLUMNS = """南沙片区首批跨境
理财通业务落地

本报讯 日前，中国（广东）自由贸易试验区南沙片区
首批跨境理财通业务正式落地，3家银行
参与试点。（记者 黄海 通讯员 林丽）

本报讯 横琴粤澳深度合作区日前发布
跨境办公试点方案。（记者 许 可）

天府新区数字经济
产业园开园

本报讯 四川天府新区数字经济产业园
日前开园，首批入驻企业46家，涵盖人工
智能、大数据等领域。（记者 杨帆）
"""

PHOTO_PAGE = """6月5日，在江西赣州经济技术开发区一家新能源企业，工人在生产线上作业。近年来，赣州经开区加快发展新能源汽车产业。 新华社发（贾云峰 摄）

6月4日拍摄的广西钦州保税港区集装箱码头。 新华社记者 曹祎铭 摄

责任编辑 韩 冰
"""

FEATURE_WITH_TRAILING_NAMES = """为企业发展保驾护航
长沙经开区优化营商环境

长沙经济技术开发区今年以来推出28条惠企措施，帮助企业降低成本逾3亿元。

政策直达快享

园区上线“免申即享”平台，符合条件的企业无需申报即可获得补贴。

郑 浩 龚雪梅

湘江新区 打造科创走廊

湖南湘江新区日前发布科创走廊建设方案，计划三年内新增研发平台50个。

李 明
"""


def test_wire_story_title_subtitle_dateline_and_editor():
    page = split_page(WIRE_STORY)
    assert len(page.articles) == 1
    article = page.articles[0]
    assert article.title == "长三角一体化示范区跨域项目加速落地"
    assert article.subtitle == "——青吴嘉三地联合招商见成效"
    assert article.authors == ["钱江", "孙瑶"]
    assert article.byline == "新华社上海6月3日电（记者 钱江 孙瑶）"
    assert article.body.startswith("记者3日从长三角生态绿色一体化发展示范区执委会获悉")
    assert [b.text for b in page.furniture] == ["（责任编辑：周明）"]
    assert_nothing_lost(page)


def test_narrow_columns_with_wrapped_titles_and_signatures_at_the_end():
    page = split_page(NARROW_COLUMNS)
    assert [(a.title, a.authors) for a in page.articles] == [
        ("南沙片区首批跨境理财通业务落地", ["黄海", "林丽"]),
        ("", ["许可"]),
        ("天府新区数字经济产业园开园", ["杨帆"]),
    ]
    assert page.articles[0].body == "日前，中国（广东）自由贸易试验区南沙片区首批跨境理财通业务正式落地，3家银行参与试点。"
    assert_nothing_lost(page)


def test_photo_news_items_are_articles_of_their_own():
    page = split_page(PHOTO_PAGE)
    assert [a.kind for a in page.articles] == ["photo", "photo"]
    assert [c.credit for a in page.articles for c in a.captions] == ["新华社发（贾云峰摄）", "新华社记者 曹祎铭"]
    assert page.articles[1].body == "6月4日拍摄的广西钦州保税港区集装箱码头。"
    assert [b.text for b in page.furniture] == ["责任编辑 韩冰"]
    assert_nothing_lost(page)


def test_second_signature_shows_where_the_next_article_began():
    page = split_page(FEATURE_WITH_TRAILING_NAMES)
    assert [(a.kicker, a.title, a.authors) for a in page.articles] == [
        ("为企业发展保驾护航", "长沙经开区优化营商环境", ["郑浩", "龚雪梅"]),
        ("", "湘江新区 打造科创走廊", ["李明"]),
    ]
    first = page.articles[0]
    assert [first.paragraphs[i] for i in first.subheads] == ["政策直达快享"]
    assert_nothing_lost(page)


def read_sample(name):
    from clippings.text.decoding import decode_page

    return decode_page((SAMPLES / name).read_bytes()).text


def test_sample_page_narrow_columns_and_photo_news():
    raw = read_sample("hefei_2024-05-10_A3.txt")
    page = split_page(raw)
    assert [(a.kind, a.title, a.authors) for a in page.articles] == [
        ("article", "合肥高新区：量子产业链加速成势", ["林晓岚"]),
        ("article", "", ["孟凡清"]),
        ("photo", "", []),
    ]
    first = page.articles[0]
    assert [first.paragraphs[i] for i in first.subheads] == ["链条式招商"]
    assert "开展链条式招商……今年1至4月" in first.body
    assert [(c.text, c.credit) for c in first.captions] == [("图为星拓量子装配车间。", "资料图片")]
    assert page.articles[2].captions[0].credit == "胡涛（东湖视觉）"
    assert [b.text for b in page.furniture] == ["本版编辑 沈悦 美编 黎明"]
    assert_nothing_lost(page)
    assert_cleaning_keeps_han(raw, page)


def test_sample_page_markdown_gbk_with_repeats():
    raw = read_sample("xian_2024-06-02_05.txt")
    page = split_page(raw)
    assert len(page.articles) == 1
    article = page.articles[0]
    assert article.title == "西安经开区：新能源汽车“链”动全城"
    assert article.authors == ["赵一鸣", "钱可欣"]
    assert [article.paragraphs[i] for i in article.subheads] == ["产业集群加速壮大", "服务企业“零距离”"]
    assert article.body.count("企业吹哨、部门报到") == 1
    assert "在驰远汽车生产车间，数字化改造" in article.body
    assert_nothing_lost(page)
    assert_cleaning_keeps_han(raw, page)


def test_sample_page_utf16_datelines_arrows_and_letter_spacing():
    raw = read_sample("chengdu_2024-07-15_02.txt")
    page = split_page(raw)
    assert [(a.title, a.authors) for a in page.articles] == [("", ["何静", "唐韬"]), ("", ["董晓光"])]
    assert "“政务服务好差评”结果" in page.articles[0].body
    assert page.articles[1].body.endswith("涉企事项平均办理时间压缩了40%。")
    assert [b.text for b in page.furniture] == ["两江观察"]
    assert_nothing_lost(page)


BYLINE_ABOVE_TITLE = """本报记者 张 朔

郑州航空港区跨境电商进出口额增长三成

今年前5个月，郑州航空港经济综合实验区跨境电商进出口额同比增长31%。

园区相关负责人表示，将继续扩大国际货运航线。
"""

CONTINUED_FROM_ANOTHER_PAGE = """（上接第一版）园区还将设立10亿元产业引导基金，重点支持集成电路设计企业。

青岛西海岸新区发布海洋经济新政

本报记者 孙 涛

青岛西海岸新区日前发布支持海洋经济高质量发展的若干政策，涉及海洋装备、海洋生物医药等领域。
"""


def test_byline_printed_above_the_title():
    page = split_page(BYLINE_ABOVE_TITLE)
    assert [(a.title, a.authors) for a in page.articles] == [("郑州航空港区跨境电商进出口额增长三成", ["张朔"])]
    assert_nothing_lost(page)


def test_text_continued_from_another_page_stays_apart_from_the_next_article():
    page = split_page(CONTINUED_FROM_ANOTHER_PAGE)
    assert [(a.title, a.authors) for a in page.articles] == [
        ("", []),
        ("青岛西海岸新区发布海洋经济新政", ["孙涛"]),
    ]
    assert page.articles[0].body.startswith("（上接第一版）园区还将设立10亿元产业引导基金")
    assert_nothing_lost(page)


MASTHEAD_AND_END_MARKS = """经济日报
2024年5月10日 星期五
第 6 版

　　苏州工业园区：外资企业加码布局
　　——一季度新设外资项目同比增长两成

　　本报记者 蒋 波

　　今年一季度，苏州工业园区新设外资项目86个，实际使用外资同比增长21%。
　　“园区的产业生态让我们很有信心。”一家德资企业负责人说。

　　（完）

　　江北新区：“芯”动能加速释放

　　核心阅读
　　南京江北新区集成电路产业链日趋完善，已集聚企业500余家。

　　在南京江北新区研创园，一家芯片设计企业的工程师正在调试新产品。

　　（记者 王 军 实习生 刘 畅）
"""


def test_masthead_date_line_indents_and_end_marks():
    page = split_page(MASTHEAD_AND_END_MARKS)
    assert [b.text for b in page.furniture] == ["经济日报", "2024年5月10日 星期五", "第6版"]
    assert [(a.title, a.subtitle, a.authors) for a in page.articles] == [
        ("苏州工业园区：外资企业加码布局", "——一季度新设外资项目同比增长两成", ["蒋波"]),
        ("江北新区：“芯”动能加速释放", "", ["王军", "刘畅"]),
    ]
    assert page.articles[0].body.endswith("一家德资企业负责人说。\n（完）")
    # the box's label stays with its article but is not its text
    assert page.articles[1].labels == ["核心阅读"]
    assert page.articles[1].body.startswith("南京江北新区集成电路产业链日趋完善")
    assert_nothing_lost(page)


def test_a_dateline_broken_before_its_bracket_keeps_its_reporters():
    page = split_page(
        "园区土地确权工作有序推进\n\n本报北京3月16日电\n（唐峻、孟佳怡）16日，记者从有关部门了解到：首批确权已经完成。\n"
        "下一步将扩大试点范围。\n"
    )
    article = page.articles[0]
    assert article.byline == "本报北京3月16日电（唐峻、孟佳怡）"
    assert article.authors == ["唐峻", "孟佳怡"]
    assert article.body.startswith("16日，记者从有关部门了解到")
    assert_nothing_lost(page)


def test_a_closing_report_broken_over_lines_is_one_byline():
    page = split_page(
        "港口吞吐量稳步增长\n\n今年以来港口货物吞吐量保持增长。\n集装箱航线持续加密。\n（新华社重庆5月12日电 记者\n"
        "程毅、赵金华）\n\n内河航运迎来新机遇\n\n内河航运的通航条件进一步改善。\n"
    )
    first = page.articles[0]
    assert first.byline == "（新华社重庆5月12日电 记者程毅、赵金华）"
    assert first.authors == ["程毅", "赵金华"]
    assert first.body.endswith("集装箱航线持续加密。")
    assert [a.title for a in page.articles] == ["港口吞吐量稳步增长", "内河航运迎来新机遇"]
    assert_nothing_lost(page)


def test_a_dateline_broken_inside_its_bracket_keeps_its_reporters():
    page = split_page(
        "园区土地确权工作有序推进\n\n本报北京3月16日电（记\n者 唐峻、孟佳\n怡）16日，记者从有关部门了解到：首\n批确权已经完成。\n"
    )
    article = page.articles[0]
    assert article.byline == "本报北京3月16日电（记者 唐峻、孟佳怡）"
    assert article.authors == ["唐峻", "孟佳怡"]
    assert article.body == "16日，记者从有关部门了解到：首批确权已经完成。"
    assert_nothing_lost(page)


COUNTY_PAGE = """第3版 经济新闻 2024年5月10日 星期五

高新区前4月工业产值增长12%
　　本报讯（记者 刘洋 通讯员 陈晓）记者从高新区经发局获悉，1至4月，高新区规模以上工业总产值完成156亿元，同比增长12%。
　　其中，电子信息产业产值增长18%，装备制造产业增长9%。高新区负责人表示，下一步将继续抓好重点项目建设。

聚焦主导产业 做强产业链条
——经开区推进产业链招商工作综述
记者 张海峰
　　今年以来，经开区坚持把招商引资作为“一号工程”，围绕新能源汽车、生物医药两大主导产业，开展产业链招商。
　　截至4月底，经开区新签约项目23个，总投资186亿元，其中超10亿元项目5个。
　　“我们梳理了产业链上下游企业名单，一家一家上门对接。”经开区投资促进局负责人说。
图为经开区新能源汽车产业园。 本报记者 李明 摄

县工业园区新添3家规上企业
　　本报讯 记者王丽 通讯员赵强 报道：近日，县统计局公布最新数据，县工业园区新增规模以上工业企业3家，园区规上企业总数达到41家。
　　据了解，新增的3家企业分别从事农产品加工、新型建材和电子元器件生产。

（责任编辑：钟若宁）
"""

PROVINCIAL_FRONT = """要闻
2024年5月11日 星期六 责任编辑：王敏 美术编辑：周晴

核心提示
　　今年一季度，全省开发区实现规上工业增加值同比增长9.6%，高于全省平均水平2.1个百分点。

开发区成为稳增长“主引擎”
■ 记者 刘洋
　　5月10日，记者从省商务厅获悉，今年一季度，全省开发区实现规上工业增加值同比增长9.6%。
　　“开发区是全省经济发展的主阵地。”省商务厅有关负责人介绍，全省开发区以不到全省6%的土地，贡献了超过一半的规上工业增加值。（下转第2版）

▲ 工人在高新区一家企业生产线上作业。 记者 李明 摄

简讯
　　●县经开区举办项目集中开工活动 5月9日，县经开区举办二季度重点项目集中开工活动，开工项目12个，总投资38亿元。（张晓）
　　●高新区人才公寓交付 近日，高新区首批人才公寓交付使用，三百余名青年人才入住。（王磊）

科技园区孵化企业突破200家
　　本报讯 （通讯员 陈晓 记者 张海峰）日前，市科技园区在孵企业数量突破200家，其中高新技术企业46家。
　　园区负责人介绍，今年将新建孵化场地5万平方米，力争年底在孵企业达到260家。
"""

CITY_ECONOMY_PAGE = """【园区动态】
综保区前4月进出口额同比增长23%
　　本报讯（通讯员 赵明 记者 孙立平）5月12日，记者从市综合保税区管委会获悉，今年1至4月，综保区完成进出口总额86.5亿元，同比增长23%。
　　其中，加工贸易进出口占比超过七成。综保区负责人表示，将继续优化通关流程，提升企业获得感。

新区：打造“一站式”政务服务
本报记者 周海川 文/图
　　走进新区政务服务中心，办事群众井然有序。“以前办营业执照要跑好几个窗口，现在一个窗口就办好了。”前来办事的市民刘女士说。
　　今年以来，新区推行“一窗受理、集成服务”改革，企业开办时间压缩至1个工作日。
　　图为新区政务服务中心办事大厅。

编后
　　政务服务的“减法”，换来的是营商环境的“加法”。

【产业观察】
科学城集聚创新企业超千家
　　记者 孙立平 报道：截至4月底，科学城累计集聚科技型企业1086家，较去年同期增加213家。
　　“我们为企业提供从研发到量产的全周期服务。”科学城管委会相关负责人介绍。
　　（本报记者 孙立平）
"""


def _read(page: str) -> list[tuple[str, str, list[str], str, str]]:
    result = split_page(page)
    assert_nothing_lost(result)
    return [(a.kicker, a.title, a.authors, a.paragraphs[0][:8], a.paragraphs[-1][-8:]) for a in result.articles]


def test_a_county_page_with_a_running_head_and_reporters_after_the_dateline():
    assert _read(COUNTY_PAGE) == [
        ("", "高新区前4月工业产值增长12%", ["刘洋", "陈晓"], "记者从高新区经发", "好重点项目建设。"),
        ("", "聚焦主导产业 做强产业链条", ["张海峰"], "今年以来，经开区", "促进局负责人说。"),
        ("", "县工业园区新添3家规上企业", ["王丽", "赵强"], "近日，县统计局公", "电子元器件生产。"),
    ]


def test_a_provincial_front_page_with_a_box_a_turned_story_a_captioned_picture_and_briefs():
    assert _read(PROVINCIAL_FRONT) == [
        ("", "开发区成为稳增长“主引擎”", ["刘洋"], "今年一季度，全省", "。（下转第2版）"),
        ("", "简讯", [], "●县经开区举办项", "才入住。（王磊）"),
        ("", "科技园区孵化企业突破200家", ["陈晓", "张海峰"], "日前，市科技园区", "业达到260家。"),
    ]


def test_a_city_page_with_bracketed_column_tags_words_and_pictures_and_an_afterword():
    assert _read(CITY_ECONOMY_PAGE) == [
        ("【园区动态】", "综保区前4月进出口额同比增长23%", ["赵明", "孙立平"], "5月12日，记者", "提升企业获得感。"),
        ("", "新区：打造“一站式”政务服务", ["周海川"], "走进新区政务服务", "环境的“加法”。"),
        ("【产业观察】", "科学城集聚创新企业超千家", ["孙立平"], "截至4月底，科学", "相关负责人介绍。"),
    ]


PARK_ECONOMY_PAGE = """2024年6月12日 星期三 经济新闻 第3版

【园区新貌】
智能制造产业园二期开工

本报记者 韩晓东 通讯员 周思远

　　本报讯 6月10日，智能制造产业园二期项目正式开工。项目总投资45亿元，规划建设标准厂房、研发中心和配套设施，建成后可容纳企业60余家。
　　据介绍，产业园一期已入驻企业38家，去年实现产值120亿元。二期将重点引进新能源装备、工业机器人等项目，预计明年底投产。
▲ 工人在二期项目工地上施工。 本报记者 韩晓东 摄
　　园区负责人表示，将强化要素保障，推动项目早建成、早投产、早见效。（吴思远）

跨境电商综试区交出亮眼成绩单
——前5个月进出口额同比增长三成

文/图 本报记者 阿拉坦

　　今年前5个月，市跨境电商综合试验区实现进出口额86亿元，同比增长31%。
　　综试区负责人介绍，今年以来，综试区新引进跨境电商企业52家，海外仓数量增至26个。
　　下一步，综试区将继续完善线上综合服务平台，帮助中小企业拓展海外市场。（下转第4版）

经开区开展“企业服务月”活动

　　本报讯 记者仉志远 通讯员乜海涛 报道：近日，经开区启动“企业服务月”活动，组织200余名干部走访辖区企业，帮助解决用工、融资、物流等难题。
　　活动开展以来，已收集企业诉求136条，办结121条，办结率近九成。

责任编辑：周思远  版式：吴晓明
"""


def test_a_park_page_with_a_tag_over_the_headline_a_dateline_under_the_reporters_and_rare_surnames():
    # the reporters' line, then 本报讯 opening the text; a column tag in 【】; reporters whose
    # surnames the surname list lacks (仉, 乜) or a Mongolian name; a turned story; a running head
    assert _read(PARK_ECONOMY_PAGE) == [
        ("【园区新貌】", "智能制造产业园二期开工", ["韩晓东", "周思远"], "6月10日，智能", "见效。（吴思远）"),
        ("", "跨境电商综试区交出亮眼成绩单", ["阿拉坦"], "今年前5个月，市", "。（下转第4版）"),
        ("", "经开区开展“企业服务月”活动", ["仉志远", "乜海涛"], "近日，经开区启动", "，办结率近九成。"),
    ]
    furniture = [block.text for block in split_page(PARK_ECONOMY_PAGE).furniture]
    assert any("第3版" in text for text in furniture) and any("责任编辑" in text for text in furniture)
