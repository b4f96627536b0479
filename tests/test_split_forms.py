"""Forms of a page the splitter reads at their cause, before any model weighs them.

Pages written for these tests; every case is a form newspapers print (or OCR makes of one),
never a page of the seeds or the corpus.
"""
from __future__ import annotations

import pytest

from clippings.text.patterns import match_closing_report, match_dateline, split_credit
from clippings.text.layout import Block, CleanPage
from clippings.text.segment import segment_page, split_page

from .pagecheck import assert_nothing_lost


def _split(page: str):
    result = split_page(page)
    assert_nothing_lost(result)
    return result.articles


def test_a_quotation_two_articles_print_stays_in_both():
    quote = "“要把开发区建成改革开放的排头兵、创新发展的先行区。”"
    page = (
        "开发区三十年再出发\n\n"
        f"本报讯 开发区建区三十年座谈会日前召开。{quote}与会代表表示，将继续深化改革。\n\n"
        f"{quote}\n\n"
        "开发区管委会负责人说，今年将新建三个专业园区，引进重点项目五十个以上。\n\n\n"
        "高新区出台人才新政\n\n"
        "本报讯 高新区日前出台人才新政，对引进的高层次人才给予安家补贴。\n\n"
        f"{quote}\n\n"
        "高新区负责人表示，新政将重点支持集成电路、生物医药等产业。\n"
    )
    articles = _split(page)
    assert [a.title for a in articles] == ["开发区三十年再出发", "高新区出台人才新政"]
    assert [quote in a.paragraphs for a in articles] == [True, True]


@pytest.mark.parametrize("credit", ["张晓文摄", "本报记者 李海文摄", "陈文 摄"])
def test_a_photographer_whose_name_ends_in_wen_is_a_credit(credit):
    # 文 after a name also means "text by": inside a name it is part of the name
    found = split_credit(credit)
    assert found is not None and found[0] == ""
    page = (
        "综保区保税维修业务起步\n\n"
        "本报讯 综合保税区首单保税维修业务日前通关，一批航空零部件完成检测维修后复运出境。\n"
        "图为工作人员检测零部件。\n"
        f"{credit}\n\n"
        "据介绍，保税维修免去了进口环节税款，为企业节约资金上千万元。\n"
    )
    articles = _split(page)
    assert len(articles) == 1
    assert articles[0].body.endswith("上千万元。")
    assert articles[0].authors == []


LOGISTICS_REPORT = (
    "物流园区货运量增长两成\n\n"
    "本报讯 今年前三季度，市物流园区完成货运量一千二百万吨，同比增长两成。\n"
)


@pytest.mark.parametrize(
    "closing, authors",
    [
        ("赵立新文", ["赵立新"]), ("　　周明 孙海燕文", ["周明", "孙海燕"]), ("( 新 华 社 北 京 5 月 8 日 电 )", []),
        ("李明文", ["李明文"]),  # a three-character name more likely than a two-character one + 文
        # who put the report together, a two-character name letter-spaced to the width of three
        ("（本报记者 刘 洋整理）", ["刘洋"]), ("（本报记者 张海峰采访整理）", ["张海峰"]),
        ("（新华社南宁6月3日电 新华社记者）", []),  # the agency's report, its reporters unnamed
        ("（张海峰整理）", ["张海峰"]), ("（刘 洋整理）", ["刘洋"]),  # who put it together, no role said
        # a report from several cities: its reporters run over five lines, one of them names alone
        ("（本报北京、上海、\n广州、深圳5月8日电\n记者张立新、\n王海燕、赵明、\n周晓岚）", ["张立新", "王海燕", "赵明", "周晓岚"]),
        # a compiled report with the page's coordinator after a semicolon: no author
        ("（综合本报记者张立新、\n王海燕报道；本期统\n筹：赵明）", ["张立新", "王海燕"]),
    ],
)
def test_a_writers_line_or_a_letter_spaced_source_closes_the_article(closing, authors):
    byline = match_closing_report(closing.replace("\n", ""))
    assert byline is not None and byline.authors == authors
    page = (
        "让园区更有温度\n\n"
        "园区是企业的家，也是职工的家。把服务做细做实，园区才有人气，企业才能安心发展。\n\n"
        "推动园区服务从“有没有”向“好不好”转变，需要久久为功。\n\n"
        f"{closing}\n\n\n" + LOGISTICS_REPORT
    )
    articles = _split(page)
    assert [a.title for a in articles] == ["让园区更有温度", "物流园区货运量增长两成"]
    assert articles[0].authors == authors
    assert articles[1].body.startswith("本报讯") or articles[1].body.startswith("今年前三季度")


@pytest.mark.parametrize("word", ["中文", "散文", "全文", "本文"])
def test_words_ending_in_wen_are_not_a_writers_line(word):
    assert match_closing_report(word) is None


def test_a_headline_line_continued_after_a_colon_break_is_one_title():
    page = (
        "临港物流园区\n"
        "：打造开放枢纽，服务外贸企业\n\n"
        "　　临港物流园区位于自贸区片区核心位置，\n"
        "今年以来新开通国际货运航线六条，\n"
        "货邮吞吐量同比增长三成。\n"
    )
    articles = _split(page)
    assert len(articles) == 1
    assert articles[0].title.replace(" ", "") == "临港物流园区：打造开放枢纽，服务外贸企业"
    assert articles[0].body.startswith("临港物流园区位于")


def test_a_long_subtitle_with_a_dash_under_the_headline_is_no_paragraph():
    page = (
        "让创新活力竞相迸发\n"
        "——高新区如何为企业减负、为人才松绑，让创新主体活力充分涌流？\n\n"
        "　　走进高新区科创中心，一家家初创企业\n"
        "正在加紧研发新产品。今年以来，高新区\n"
        "新增科技型中小企业三百余家。\n"
    )
    articles = _split(page)
    assert len(articles) == 1
    assert articles[0].title == "让创新活力竞相迸发"
    assert articles[0].subtitle.startswith("——高新区如何为企业减负")
    assert articles[0].body.startswith("走进高新区科创中心")


def test_a_dateline_the_column_broke_is_the_byline_not_the_body():
    page = (
        "经开区新能源装备\n"
        "产业园开工\n\n"
        "　　新华社合肥5月20\n"
        "日电 经开区新能源装备\n"
        "产业园20日开工建设，\n"
        "总投资一百二十亿元。\n\n"
        "　　产业园将重点发展储能\n"
        "装备和氢能装备。\n"
    )
    articles = _split(page)
    assert len(articles) == 1
    assert articles[0].byline.replace(" ", "") == "新华社合肥5月20日电"
    assert articles[0].body.startswith("经开区新能源装备产业园20日开工建设")


def test_a_date_the_column_broke_off_after_a_dateline_starts_the_body():
    page = (
        "保税物流中心封关运行\n\n"
        "本报成都5月20日电 5\n"
        "月20日，保税物流中心\n"
        "通过验收正式封关运行。\n"
    )
    articles = _split(page)
    assert len(articles) == 1
    assert articles[0].body.startswith("5月20日，保税物流中心")


@pytest.mark.parametrize("rest", ["国家副主", "云南", "全国"])
def test_the_few_words_a_column_leaves_after_a_dateline_start_the_body(rest):
    page = (
        "经开区新项目集中签约\n"
        f"　　新华社西安5月18日电 {rest}\n"
        "席和代表18日在西安出席\n"
        "经开区新项目集中签约仪式。\n"
    )
    articles = _split(page)
    assert len(articles) == 1
    assert articles[0].byline.replace(" ", "") == "新华社西安5月18日电"
    assert articles[0].body.startswith(rest)
    assert articles[0].authors == []


def test_a_closing_quote_the_column_put_on_the_next_line_goes_on_the_sentence():
    page = (
        "高新区企业订单饱满\n\n"
        "　　“今年订单排到了年底，我们新上了\n"
        "两条生产线。\n"
        "”园区一家装备企业负责人\n"
        "说。\n"
        "　　高新区今年以来新增规上工业企业四十家。\n"
    )
    articles = _split(page)
    assert len(articles) == 1
    assert articles[0].paragraphs == [
        "“今年订单排到了年底，我们新上了两条生产线。”园区一家装备企业负责人说。", "高新区今年以来新增规上工业企业四十家。"
    ]


@pytest.mark.parametrize("note", [
    "（摘编自《江城日报》，原题为《让园区\n服务更有温度》）", "（本组评论到此结束）",
])
def test_a_note_of_where_the_piece_was_printed_is_its_last_paragraph_and_ends_it(note):
    page = (
        "让园区服务更有温度\n\n"
        "园区是企业的家。把服务做细做实，园区才有人气，\n"
        "企业才能安心发展。\n"
        f"{note}\n\n"
        "物流园区货运量增长两成\n"
        "今年前三季度，市物流园区完成货运量一千二百万\n"
        "吨，同比增长两成。\n"
    )
    articles = _split(page)
    assert [a.title for a in articles] == ["让园区服务更有温度", "物流园区货运量增长两成"]
    assert articles[0].paragraphs[-1] == note.replace("\n", "")
    assert articles[0].byline == ""


def test_after_a_dateline_that_names_its_reporter_a_reporter_like_phrase_is_text():
    # 记者从…获悉 ("the reporter learned from …") reads like a reporter's line 记者 从交
    page = (
        "港口货物吞吐量稳步增长\n\n"
        "　　本报讯（记者 周海燕）记者从交\n"
        "通运输部门获悉：前三季度，沿江港口\n"
        "货物吞吐量同比增长7%。\n"
    )
    articles = _split(page)
    assert len(articles) == 1
    assert articles[0].authors == ["周海燕"]
    assert articles[0].body.startswith("记者从交通运输部门获悉")


def test_a_long_headline_line_above_a_dateline_is_headline_not_text():
    page = (
        "市政府召开常务会议\n"
        "审议通过《关于促进开发区高质量发展的若干措施》和《综合保税区管理办法（修订草案）》\n"
        "　　本报讯 市政府日前召开常务会议，审议通过\n"
        "《关于促进开发区高质量发展的若干措施》。\n"
    )
    articles = _split(page)
    assert len(articles) == 1
    # a title with its subtitle, or a kicker over a long title: plain text does not keep which
    # line was set larger, so either reading keeps both lines in the headline
    heads = [articles[0].kicker, articles[0].title, articles[0].subtitle]
    assert "市政府召开常务会议" in heads
    assert any(h.startswith("审议通过") for h in heads)
    assert articles[0].body.startswith("市政府日前召开常务会议")


def test_a_headline_with_a_column_tag_and_its_own_byline_starts_the_next_story():
    page = (
        "开发区中小企业协同创新\n\n"
        "　　今年以来，开发区搭建协同创新平台，推动\n"
        "中小企业与高校、科研院所协同创新，平台已\n"
        "对接科研资源三百余项，服务中小企业八百多\n"
        "家。协同创新平台还为中小企业提供检验检测、\n"
        "中试熟化等服务，助力中小企业创新发展。\n\n"
        "做实协同创新\n"
        "惠及中小企业（园区时评）\n\n"
        "□ 本报记者 周海燕\n\n"
        "　　协同创新平台的作用，在于把科研资源和企\n"
        "业需求对接起来，让中小企业用得上、用得起。\n"
    )
    articles = _split(page)
    assert len(articles) == 2 and articles[0].title == "开发区中小企业协同创新"
    # two parallel lines: one title broken in two, or a kicker over the title (plain text cannot tell)
    assert (articles[1].kicker + articles[1].title).replace(" ", "") == "做实协同创新惠及中小企业（园区时评）"
    assert articles[1].authors == ["周海燕"]


def test_a_dateline_read_with_a_space_between_every_character_and_digit_is_the_byline():
    page = (
        "新区创新论坛开幕\n\n"
        "新 华 社 上 海 9 月 1 0 日 电   9 月 1 0 日 ， 新 区 创 新 论\n"
        "坛在上海开幕，来自二十多个国家的嘉宾参加。\n"
    )
    articles = _split(page)
    assert len(articles) == 1
    assert articles[0].byline == "新华社上海9月10日电"
    assert articles[0].body.startswith("9月10日，新区创新论坛在上海开幕")


def test_an_indented_first_line_under_a_flush_headline_starts_the_paragraph():
    page = (
        "为园区发展\n"
        "开辟新空间（园区观察）\n"
        "——高新区建设十周年回眸\n\n"
        "　　高新区建设提出\n\n"
        "十周年，入驻企业越来越多，\n\n"
        "产业链条越来越完整，发展\n\n"
        "前景越来越好。\n"
    )
    articles = _split(page)
    assert len(articles) == 1
    assert articles[0].subtitle == "——高新区建设十周年回眸"
    assert articles[0].body.startswith("高新区建设提出十周年")


def test_a_reporter_with_a_common_modern_surname_is_a_name():
    from clippings.text.patterns import match_byline

    byline = match_byline("本报记者 黄立新 肖海燕")
    assert byline is not None and byline.authors == ["黄立新", "肖海燕"] and byline.rest == ""


@pytest.mark.parametrize("line", ["城乡供水管网和输配电设施同步改造，", "城市道路网充电桩布局，"])
def test_a_line_the_column_broke_inside_a_sentence_is_no_dateline(line):
    page = (
        "园区加快新型基础设施建设\n\n"
        "　　今年以来，园区加快建设新型基础设施，推进\n"
        f"{line}\n"
        "带动相关产业集聚发展。\n\n"
        "　　园区负责人表示，下一步将继续加大投入。\n"
    )
    articles = _split(page)
    assert len(articles) == 1
    assert articles[0].byline == ""


def test_reporters_whose_names_hold_wen_are_all_authors():
    byline = match_closing_report("（本报记者罗文华、张立新、陈文）")
    assert byline is not None and byline.authors == ["罗文华", "张立新", "陈文"]


def test_a_reporter_named_inside_a_sentence_is_text_not_a_byline():
    page = (
        "外国媒体关注园区开放合作\n\n"
        "　　“园区的发展让人印象深刻，合作前\n"
        "景广阔。”当地一家报社的资深\n"
        "记者张海燕\n"
        "说，“我们希望更多企业来这里投资\n"
        "兴业，也希望园区继续扩大开放。”\n"
        "　　园区今年新引进外资项目二十个，\n"
        "实际使用外资同比增长三成，外资企\n"
        "业数量创历史新高。\n"
    )
    articles = _split(page)
    assert len(articles) == 1
    assert articles[0].authors == []
    assert "记者张海燕说" in articles[0].body.replace("\n", "")


def test_the_line_under_a_kicker_set_off_by_a_dash_is_the_title():
    page = (
        "　　……园区企业的融资渠道进一步拓宽。\n\n"
        "某银行新区分行——\n"
        "走出数字普惠金融新路子\n"
        "今年2月，某银行新区分行发放新区\n"
        "首单数字人民币小微企业贷款。“通过\n"
        "手机银行就申请到了贷款。”企业负责\n"
        "人说。\n"
    )
    articles = _split(page)
    assert articles[-1].kicker == "某银行新区分行——"
    assert articles[-1].title == "走出数字普惠金融新路子"
    assert articles[-1].body.startswith("今年2月")


@pytest.mark.parametrize("mark", ["。", "，"])
def test_a_first_line_the_column_broke_before_a_stop_or_comma_is_no_headline(mark):
    page = (
        "高新区新项目集中开工\n\n"
        "□ 本报记者 张立新\n\n"
        "　　高新区今年新开工项目二十个\n"
        f"{mark}总投资超过一百亿元，带动就业\n"
        "岗位三千多个，产业链配套项目占\n"
        "六成以上。\n"
    )
    articles = _split(page)
    assert len(articles) == 1
    assert articles[0].title == "高新区新项目集中开工"
    assert articles[0].body.startswith(f"高新区今年新开工项目二十个{mark}总投资")


@pytest.mark.parametrize("credit", ["本报记者 刘 洋摄影报道", "周 强 孙海燕摄影报道"])
def test_a_photo_report_credit_with_letter_spaced_names_is_a_credit_not_text(credit):
    found = split_credit(credit)
    assert found is not None and found[0] == ""
    page = (
        "开发区新厂房封顶\n\n"
        "本报讯 开发区电子信息产业园二期厂房日前封顶，预计年底投用。\n"
        "图为建设中的厂房。\n"
        f"{credit}\n\n\n"
        "高新区出台人才新政\n\n"
        "本报讯 高新区日前出台人才新政，对引进的高层次人才给予安家补贴。\n"
    )
    articles = _split(page)
    assert [a.title for a in articles] == ["开发区新厂房封顶", "高新区出台人才新政"]
    assert "摄影报道" not in articles[0].body and articles[0].body.endswith("年底投用。")


def test_a_title_broken_inside_a_phrase_its_article_repeats_is_one_title():
    # the words either side of the break run together in the text: one title, not a kicker over one
    page = (
        "高新区加快建设东岭智能网\n"
        "联汽车产业城\n\n"
        "本报讯 高新区将建设东岭智能网联汽车产业城，今年已引进整车企业三家、零部件企业二十余家。\n\n"
        "高新区负责人表示，将围绕整车项目完善产业链配套。\n"
    )
    articles = _split(page)
    assert len(articles) == 1
    assert articles[0].title == "高新区加快建设东岭智能网联汽车产业城"
    assert articles[0].kicker == ""


def test_a_paragraph_ocr_read_before_its_headline_goes_to_that_story():
    # two columns read out of order: the second story's first paragraph came before its headline
    page = (
        "高新区人才公寓交付使用\n\n"
        "　　本报讯 高新区首批人才公寓日前交付使用，三百余名青年人才拎包入住。\n\n"
        "　　人才公寓配有共享厨房、健身房和自习室，租金低于周边市场价三成。\n\n"
        "　　高新区人才服务中心负责人说，明年还将新建人才公寓一千套，让青年人才安心扎根。\n\n\n"
        "　　今年前三季度，综合保税区跨境电商进出口额达四十二亿元，同比增长一倍，跨境电商企业增至"
        "一百二十家，海外仓覆盖二十多个国家。\n\n"
        "综保区跨境电商进出口额翻番\n\n"
        "　　综合保税区推行跨境电商“一站式”通关，进出口申报时间由一天缩短到两小时。\n\n"
        "　　综合保税区管委会表示，将继续引进跨境电商龙头企业，建设跨境电商产业园。\n"
    )
    articles = _split(page)
    assert [a.title for a in articles] == ["高新区人才公寓交付使用", "综保区跨境电商进出口额翻番"]
    assert articles[0].body.endswith("安心扎根。")
    assert articles[1].body.startswith("今年前三季度")


@pytest.mark.parametrize("headline", ["让营商环境更优（园区时评）", "让营商环境更优（园\n区时评）"])
def test_a_column_tag_ends_the_headline_and_the_line_under_it_starts_the_text(headline):
    page = (
        f"{headline}\n\n"
        "在开发区建区三十周年\n"
        "到来之际，开发区召开大会，\n"
        "表彰一批优秀企业和个人。\n"
        "营商环境好不好，企业最有\n"
        "发言权。\n"
    )
    articles = _split(page)
    assert len(articles) == 1
    assert articles[0].title == "让营商环境更优（园区时评）"
    assert articles[0].body.startswith("在开发区建区三十周年到来之际")


# a short report in a column of 40 characters, for pages where the next story's headline is the point
HOUSING_REPORT = (
    "高新区人才公寓交付使用\n\n"
    "本报讯 高新区首批人才公寓日前交付使用，三百余名青年人才拎包入住。人才公寓配有\n"
    "共享厨房、健身房和自习室，租金低于周边市场价三成。高新区负责人说，明年还将新\n"
    "建人才公寓一千套，让青年人才安心扎根。\n"
)


def test_a_headline_ocr_read_twice_from_bold_type_starts_a_story_commas_and_all():
    page = (
        HOUSING_REPORT + "\n"
        "““一站式一站式””通关提速通关提速,,跨境电商跨境电商进出口额翻番进出口额翻番\n\n"
        "今年前三季度,综合保税区跨境电商进出口额达四十二亿元,同比增长一倍,跨境电商企\n"
        "业增至一百二十家。综合保税区推行“一站式”通关,申报时间由一天缩短到两小时。\n"
    )
    articles = _split(page)
    assert len(articles) == 2
    assert articles[1].title == "“一站式”通关提速，跨境电商进出口额翻番"
    assert articles[1].body.startswith("今年前三季度")


def test_a_headline_with_a_long_column_tag_is_a_headline_however_wide():
    page = (
        "开发区奋力打造对外开放新高地（深入学习贯彻新发展理念推动开发区高质量发展系列报道之三）\n\n"
        "　　今年以来，开发区新设外资企业四十五家，实际使用外资同比增长三成。\n\n"
        "　　开发区负责人表示，将继续扩大高水平对外开放，打造国际一流营商环境。\n"
    )
    articles = _split(page)
    assert len(articles) == 1
    assert articles[0].title.startswith("开发区奋力打造对外开放新高地（")
    assert articles[0].body.startswith("今年以来")


def test_a_headline_with_a_comma_closed_by_a_column_tag_starts_a_story():
    page = (
        HOUSING_REPORT +
        "　　据介绍，高新区今年已引进博士、硕士等各类人才两千余名，人才总量突破十万人。\n"
        "高新区还设立了人才发展基金，对青年人才的创新项目给予资助。\n\n"
        "园区招商，更要“安商”（园区时评）\n\n"
        "　　招商引资是园区发展的生命线。项目引进来，还要留得住、长得大，园区要在服务上\n"
        "下更多功夫，让企业安心经营、放心投资。\n"
        "　　“安商”靠的是实打实的服务。审批再快一点，政策兑现再准一点，要素保障再足一\n"
        "点，企业的获得感就会多一点。一些园区推行“企业吹哨、部门报到”，问题不过夜，\n"
        "赢得了投资者的口碑。\n"
    )
    articles = _split(page)
    assert [a.title for a in articles] == ["高新区人才公寓交付使用", "园区招商，更要“安商”（园区时评）"]
    assert articles[1].body.startswith("招商引资")


@pytest.mark.parametrize(
    "kicker",
    [
        "开发区推行“拿地即开工”审批改革，企业从签约到开工的时间由半年缩短到一个月，今年已有二十个项目受益——",
        "开发区受理企业诉求三千余件，办结率达百分之九十八。记者走进开发区企业服务中心，实地探访——",
    ],
)
def test_a_kicker_wider_than_any_headline_ending_with_a_dash_tops_the_next_story(kicker):
    page = (
        HOUSING_REPORT + "\n"
        f"{kicker}\n"
        "一份审批清单的提速之路\n"
        "本报记者 刘 洋\n\n"
        "　　早上九点，开发区政务服务中心的窗口前已排起了队。企业办事员王\n"
        "海峰拿着一摞材料，半小时就办完了施工许可。“以前要跑好几个部门，\n"
        "现在一个窗口全办好。”他说。\n"
        "　　开发区负责人介绍，审批改革以来，企业办事材料减少一半以上。\n"
    )
    articles = _split(page)
    assert len(articles) == 2
    assert articles[1].kicker == kicker
    assert articles[1].title == "一份审批清单的提速之路"
    assert articles[1].authors == ["刘洋"]
    assert articles[1].body.startswith("早上九点")


# a narrow column: the first story ends, then the second story's first column, which OCR read
# before its headline, breaks off inside a sentence that goes on under the headline
PARK_FLATS = (
    "高新区人才公寓交付使用\n\n"
    "　　本报讯 高新区首批人才公\n"
    "寓日前交付使用，三百余名青\n"
    "年人才拎包入住。\n"
    "　　人才公寓配有共享厨房、健\n"
    "身房和自习室，租金低于周边\n"
    "市场价三成{stop}\n\n"
)
BONDED_TRADE = (
    "　　今年前三季度，综合保税区\n"
    "跨境电商进出口额达四十二亿\n"
    "元，同比增长一倍，跨境电商企\n\n"
    "综保区跨境电商进出口额翻番\n\n"
    "业增至一百二十家，海外仓覆\n"
    "盖二十多个国家。\n"
    "　　综合保税区管委会表示，将\n"
    "继续引进跨境电商龙头企业，\n"
    "建设跨境电商产业园。\n"
)


def test_a_column_read_before_its_headline_and_broken_inside_a_sentence_goes_to_that_story():
    articles = _split(PARK_FLATS.format(stop="。") + BONDED_TRADE)
    assert [a.title for a in articles] == ["高新区人才公寓交付使用", "综保区跨境电商进出口额翻番"]
    assert articles[0].body.endswith("市场价三成。")
    # one paragraph, as printed, though the headline stands inside it on the page
    assert articles[1].paragraphs[0].startswith("今年前三季度")
    assert "跨境电商企业增至一百二十家" in articles[1].paragraphs[0]


def test_a_headline_under_a_paragraph_that_lost_its_stop_leaves_the_paragraph_where_it_is():
    # the text under the headline opens with an indent: the paragraph above only lost its full
    # stop, it was not broken off by a column
    story = (
        "综保区跨境电商进出口额翻番\n\n"
        "　　今年前三季度，综合保税区\n"
        "跨境电商进出口额达四十二亿\n"
        "元，同比增长一倍。\n"
        "　　综合保税区管委会表示，将\n"
        "继续引进跨境电商龙头企业。\n"
    )
    articles = _split(PARK_FLATS.format(stop="") + story)
    assert articles[0].title == "高新区人才公寓交付使用"
    assert "市场价三成" in articles[0].body
    # the headline is no line of a paragraph (before, the paragraph ran on into it and the text)
    assert not any("翻番" in p for a in articles for i, p in enumerate(a.paragraphs) if i not in a.subheads)
    assert not any(a.body.startswith("人才公寓配有") for a in articles)


def test_full_stops_ocr_read_as_points_end_paragraphs_and_stories():
    # ASCII punctuation throughout, the full stop too: "." after Chinese text ends a sentence, so
    # the story above ends there and the next headline is not run into its last paragraph
    page = (
        "科创园首批企业入驻\n\n"
        "本报讯 科创园首批二十家企业日前入驻,涵盖\n"
        "集成电路、工业软件等领域.园区负责人表示,\n"
        "将为入驻企业提供研发、融资等一站式服务.\n\n"
        "物流园开通跨境班列\n\n"
        "本报讯 物流园首趟跨境货运班列日前开出,满\n"
        "载电子产品和机械配件,预计十二天后抵达目的\n"
        "地.\n"
    )
    articles = _split(page)
    assert [a.title for a in articles] == ["科创园首批企业入驻", "物流园开通跨境班列"]
    assert articles[0].body.endswith("一站式服务。")


WAREHOUSE_STORY = (
    "保税仓里的“双十一”\n\n"
    "　　综合保税区的仓库里，工人们正在分拣跨境电商包裹。今年以来，区内跨境电商进出口单量\n"
    "同比增长四成，保税仓储面积扩大到二十万平方米。\n"
)


def test_a_few_untitled_lines_opening_the_page_go_with_the_headline_under_them():
    # OCR read the story's first column before its headline; the lines share no words with it
    page = "　　清晨六点，第一班货车已驶出园区大门。\n\n" + WAREHOUSE_STORY
    articles = _split(page)
    assert [a.title for a in articles] == ["保税仓里的“双十一”"]
    assert articles[0].body.startswith("清晨六点")


def test_text_continued_from_another_page_opening_the_page_keeps_apart():
    page = "　　……工程计划明年底完工。\n\n" + WAREHOUSE_STORY
    articles = _split(page)
    assert [a.title for a in articles] == ["", "保税仓里的“双十一”"]
    assert articles[1].body.startswith("综合保税区的仓库里")


def test_a_section_heading_whose_last_words_read_as_a_name_stays_in_the_article():
    # "注入正 / 能量": the line under a section heading reads as a name (能 is a surname), and the
    # paragraph above ends with a cross-reference after its last sentence
    page = (
        "开发区高质量发展报告\n\n"
        "　　十年来，开发区地区生产\n"
        "总值年均增长百分之九，规模\n"
        "以上工业企业增至一千二百\n"
        "家。（见专栏2）\n\n"
        "四、为区域经济发展注入正\n"
        "能量\n"
        "　　十年来，开发区坚持创新\n"
        "驱动，集聚高新技术企业四百\n"
        "余家，带动周边县区新增就\n"
        "业五万人。\n"
    )
    articles = _split(page)
    assert [a.title for a in articles] == ["开发区高质量发展报告"]
    assert articles[0].authors == []
    assert articles[0].body.endswith("新增就业五万人。")


@pytest.mark.parametrize("note", ["以上图片均为本报记者张海峰摄", "以上图片均为本报记者 刘 洋摄"])
def test_a_note_crediting_all_the_pictures_above_is_a_credit_not_text(note):
    page = (
        "综保区夜间通关忙\n\n"
        "　　夜幕降临，综合保税区的海关查验场地依然灯火通明，一辆辆货车排队等候通关。\n\n"
        f"{note}\n\n" + LOGISTICS_REPORT
    )
    articles = _split(page)
    assert [a.title for a in articles] == ["综保区夜间通关忙", "物流园区货运量增长两成"]
    assert articles[0].body.endswith("排队等候通关。")
    assert articles[1].kicker == ""  # not the next story's kicker
    assert [c.credit for c in articles[0].captions] == [note]


@pytest.mark.parametrize(
    "stack, title",
    [
        # a column tag broken off by the line's end, and a column tag on a line of its own
        (["让开放的窗口越开越宽（园区评论员·推动开", "发区高质量发展③）"], "让开放的窗口越开越宽（园区评论员·推动开发区高质量发展③）"),
        (["让企业共享园区发展成果", "（园区观察）"], "让企业共享园区发展成果（园区观察）"),
        (["“开发区的10年是奋进的10", "年”（高端访谈）"], "“开发区的10年是奋进的10年”（高端访谈）"),
        # a line ending on a particle or a preposition: no kicker ends there
        (["打造内陆开放型经济的", "重要平台（园区观察）"], "打造内陆开放型经济的重要平台（园区观察）"),
        (["开发区管委会关于", "优化营商环境的十条措施"], "开发区管委会关于优化营商环境的十条措施"),
    ],
)
def test_a_title_left_open_at_a_line_end_goes_on_in_the_next_line(stack, title):
    # (not a kicker over a title, whatever the stack's shape: 方向 or 作为 end on 向 and 为 inside a
    # word, and stay kickers)
    page = (
        HOUSING_REPORT + "\n\n"
        + "\n".join(stack) + "\n"
        "——访开发区管委会主任张海峰\n\n"
        "　　记者：开发区今年在扩大开放上有哪些新举措？\n"
        "　　张海峰：我们推行外资项目“一对一”服务，新设外资企业四十五家，实际使用外资同比增长三成。\n"
    )
    articles = _split(page)
    assert [a.title for a in articles] == ["高新区人才公寓交付使用", title]
    assert articles[1].subtitle == "——访开发区管委会主任张海峰"


INVESTMENT_STACK = "三季度新签约项目四十个，总投资超百亿元\n开发区招商引资提速\n"
INVESTMENT_REPORT = (
    "今年三季度，开发区新签约项目四十个，总投资超过一百亿元，其中先进制造业\n"
    "项目占六成。开发区负责人说，四季度将再办两场专题招商活动。\n"
)


# a short story, its last line left to each test
OPENING_STORY = "让园区更有温度\n\n园区是企业的家，也是职工的家。把服务做细做实，\n园区才有人气，企业才能安心发展。\n"


def _page_over_byline(above: str, byline: str) -> str:
    return OPENING_STORY + f"{above}\n" + INVESTMENT_STACK + f"{byline}\n\n" + INVESTMENT_REPORT


@pytest.mark.parametrize("byline", ["▶ 张海峰", "本报记者 张海峰"])
def test_unfinished_lines_over_a_byline_that_leads_its_text_are_the_next_headline(byline):
    # a kicker with a comma, wider than the column, and a title: no paragraph ends there (before,
    # both ran into one paragraph with the line above: the story's reporter, and who drew its chart)
    articles = _split(_page_over_byline("（本报记者 刘 洋；制图：赵明）", byline))
    assert [a.title for a in articles] == ["让园区更有温度", "开发区招商引资提速"]
    assert articles[1].kicker == "三季度新签约项目四十个，总投资超百亿元"
    assert articles[1].authors == ["张海峰"]



def test_a_long_note_in_brackets_is_a_paragraph_of_its_own_and_nothing_runs_on_from_it():
    note = "（本文数据由开发区管委会提供，截至今年\n六月底，部分为初步统计，\n正式数据以统计部门公布为准）"
    articles = _split(_page_over_byline(note, "▶ 张海峰"))
    paragraphs = [p for a in articles for p in a.paragraphs]
    assert note.replace("\n", "") in paragraphs
    # the headline under it is a headline (of the next story, or a section of this one), never text
    assert not any("开发区招商引资提速" in p for a in articles for i, p in enumerate(a.paragraphs) if i not in a.subheads)


@pytest.mark.parametrize("reference", ["（相关报道见第四版）", "（见第三版）", "（规划全文见第五、六版）"])
def test_a_cross_reference_on_a_line_of_its_own_ends_the_story_above_it(reference):
    articles = _split(OPENING_STORY + f"{reference}\n" + LOGISTICS_REPORT)
    assert [a.title for a in articles] == ["让园区更有温度", "物流园区货运量增长两成"]
    assert articles[0].paragraphs[-1] == reference


FLUSH_STACK = "开发区三季度新签约项目四十个，总投资超过一百亿元\n开发区招商引资提速\n\n"


@pytest.mark.parametrize("above", ["", "本版编辑 王 敏\n\n", HOUSING_REPORT + "\n"])
def test_flush_unfinished_lines_over_an_indented_paragraph_are_its_headline(above):
    # a kicker with a comma, wider than any headline, set flush over an indented paragraph, at the
    # top of the page, under its furniture or after a story: no paragraph ends unfinished (before,
    # the kicker, the title and the paragraph ran into one paragraph)
    articles = _split(above + FLUSH_STACK + "　　" + INVESTMENT_REPORT)
    text = [p for a in articles for i, p in enumerate(a.paragraphs) if i not in a.subheads]
    assert not any("开发区招商引资提速" in p for p in text)
    assert any(p.startswith("今年三季度") for p in text)
    if not above.startswith(HOUSING_REPORT):
        # (after a story, whether it heads the next one or a section is the story model's call)
        assert [(a.kicker, a.title) for a in articles] == [
            ("开发区三季度新签约项目四十个，总投资超过一百亿元", "开发区招商引资提速")
        ]


def test_an_unfinished_lead_under_a_column_tag_title_stays_the_first_paragraph():
    # the lead printed under a commentary's title has no full stop: it is the article's first
    # paragraph; and a note in brackets over two lines ends the story above
    note = "（本文摘编自某某日报，原题为《人才公寓既要\n“走新”更要“走心”，让青年人才安心扎根》）\n"
    page = (
        HOUSING_REPORT + note
        + "把园区服务做到企业心坎上（园区观察）\n"
        "服务企业没有休止符，园区要把服务做细做实\n"
        "　　" + INVESTMENT_REPORT
    )
    articles = _split(page)
    assert [a.title for a in articles] == ["高新区人才公寓交付使用", "把园区服务做到企业心坎上（园区观察）"]
    assert articles[0].paragraphs[-1] == note.replace("\n", "")
    assert articles[1].paragraphs[0] == "服务企业没有休止符，园区要把服务做细做实"


@pytest.mark.parametrize(
    "stack, title",
    [
        (["让园区企业服务形成", "合力（园区观察）"], "让园区企业服务形成合力（园区观察）"),
        (["推动开发区和自贸试验区建设联动发", "展（园区观察）"], "推动开发区和自贸试验区建设联动发展（园区观察）"),
    ],
)
def test_a_title_broken_before_its_last_words_and_column_tag_is_one_title(stack, title):
    # too few words before the tag for a title of their own: the line above is no kicker
    page = HOUSING_REPORT + "\n\n" + "\n".join(stack) + "\n\n" + "　　" + INVESTMENT_REPORT
    articles = _split(page)
    assert [a.title for a in articles] == ["高新区人才公寓交付使用", title]
    assert articles[1].kicker == ""


def test_short_lines_at_the_foot_of_the_page_with_no_text_after_them_are_stray_however_labelled():
    # pictures' words and pull quotes OCR read last, the line model reading some as subheads and
    # some as nothing: none is a subhead ending the story above (before, the first group was)
    blocks = [
        Block(0, "heading", "高新区人才公寓交付使用", [1], hint="H!", p_head=0.99),
        Block(1, "para", "高新区首批人才公寓日前交付使用，三百余名青年人才拎包入住。", [3]),
        Block(2, "para", "高新区负责人说，明年还将新建人才公寓一千套，让青年人才安心扎根。", [4]),
        Block(3, "heading", "青年人才安居工程稳步推进", [6], hint="S", p_sub=0.8),
        Block(4, "heading", "人才公寓一期", [7], hint="S", p_sub=0.7),
        Block(5, "heading", "共享厨房一角", [9]),
        Block(6, "heading", "人才公寓外景", [10]),
    ]
    result = segment_page(CleanPage(blocks=blocks, removed=[], uses_markdown=False))
    assert [a.title for a in result.articles] == ["高新区人才公寓交付使用"]
    assert result.articles[0].paragraphs[-1].endswith("让青年人才安心扎根。")


@pytest.mark.parametrize("bullet", ["■", "●"])
def test_a_dateline_under_a_summary_box_opens_the_lead_story_not_another(bullet):
    # a lead story's points set between its headline and its report, each opening with a bullet
    page = (
        "开发区高质量发展推进会召开\n\n"
        f"{bullet}要坚持创新驱动，加快培育新兴产业集群。\n"
        "开发区是对外开放的重要平台。\n\n"
        f"{bullet}要持续优化营商环境，让企业安心发展\n\n"
        "本报北京9月5日电 开发区高质量发展推进会5日在京召开。会议总结了一年来开发区建设的成效，\n"
        "部署了下一阶段的重点任务。\n"
    )
    articles = _split(page)
    assert [a.title for a in articles] == ["开发区高质量发展推进会召开"]
    assert articles[0].byline == "本报北京9月5日电"
    assert articles[0].paragraphs[-1].startswith("开发区高质量发展推进会5日在京召开")


def test_an_editors_sign_off_marked_as_a_subhead_ends_the_note():
    page = (
        "# 园区如何留住青年人才\n\n"
        "青年人才是园区发展的活力所在。本版今天刊发两篇文章，围绕这一话题展开讨论。\n\n"
        "## ——编 者\n\n"
        "# 让青年人才安居乐业\n\n"
        "本报讯 高新区首批人才公寓日前交付使用，三百余名青年人才拎包入住。\n"
    )
    articles = _split(page)
    assert [a.title for a in articles] == ["园区如何留住青年人才", "让青年人才安居乐业"]
    assert articles[0].paragraphs[-1] == "——编者"
    assert articles[1].kicker == ""


@pytest.mark.parametrize(
    "byline, authors",
    [
        ("文/图 本报记者 沈筱雯", ["沈筱雯"]),
        ("沈筱雯 文/图", ["沈筱雯"]),
        ("沈筱雯/文 何晓岚/图", ["沈筱雯", "何晓岚"]),
    ],
)
def test_a_byline_crediting_words_and_pictures_heads_the_story(byline, authors):
    # (before, "文/图 …" was text and "沈筱雯 文/图" read 文图 as a second name)
    page = "园区里的“夜经济”\n\n" + byline + "\n\n" + INVESTMENT_REPORT
    articles = _split(page)
    assert [(a.title, a.authors) for a in articles] == [("园区里的“夜经济”", authors)]
    assert articles[0].paragraphs[0].startswith("今年三季度")


def test_reporters_after_a_dateline_without_brackets_are_its_authors():
    page = "开发区招商引资提速\n\n本报讯 记者沈筱雯 通讯员何晓岚 报道：" + INVESTMENT_REPORT
    articles = _split(page)
    assert articles[0].authors == ["沈筱雯", "何晓岚"]
    assert articles[0].paragraphs[0].startswith("今年三季度")


def test_a_running_head_of_page_marks_and_a_section_name_is_furniture_not_a_kicker():
    articles = _split("第3版 经济新闻 2024年5月10日 星期五\n\n开发区招商引资提速\n\n" + INVESTMENT_REPORT)
    assert [(a.kicker, a.title) for a in articles] == [("", "开发区招商引资提速")]


REPORT_TURNED = (
    "开发区成为稳增长“主引擎”\n"
    "■ 记者 刘 洋\n"
    "　　记者从省商务厅获悉，今年一季度，全省开发区规上工业增加值同比增长9.6%。\n"
    "　　“开发区是全省经济发展的主阵地。”省商务厅有关负责人说，开发区以不到全省6%的土地，\n"
    "贡献了超过一半的规上工业增加值。（下转第2版）\n\n"
)
BRIEFS = (
    "简讯\n"
    "　　●县经开区举办项目集中开工活动 日前，县经开区开工项目12个，总投资38亿元。（张 晓）\n"
    "　　●高新区人才公寓交付 近日，高新区首批人才公寓交付使用，三百余名青年人才入住。（王 磊）\n\n"
)


def test_a_note_that_the_story_goes_on_elsewhere_ends_it_on_this_page():
    # (before, the briefs under it ran on into the story, and 简讯 read as a reporter's name)
    articles = _split(REPORT_TURNED + BRIEFS)
    assert [a.title for a in articles] == ["开发区成为稳增长“主引擎”", "简讯"]
    assert articles[0].paragraphs[-1].endswith("（下转第2版）")
    assert articles[0].authors == ["刘洋"]


def test_a_caption_pointing_to_its_picture_on_a_line_with_its_credit_is_a_caption():
    page = REPORT_TURNED.replace("（下转第2版）\n\n", "\n\n▲ 工人在高新区一家企业生产线上作业。 记者 李明 摄\n\n")
    articles = _split(page)
    assert [(c.text, c.credit) for c in articles[0].captions] == [("▲工人在高新区一家企业生产线上作业。", "记者 李明")]
    assert not any("生产线上作业" in p for p in articles[0].paragraphs)


def test_a_brief_signed_in_brackets_after_its_last_sentence_ends_there():
    page = HOUSING_REPORT + "\n" + BRIEFS + "科技园区孵化企业突破200家\n本报讯 园区在孵企业数量日前突破200家。\n"
    articles = _split(page)
    # (before, the headline under the last brief ran on into it)
    assert articles[-1].title == "科技园区孵化企业突破200家"
    assert articles[-2].paragraphs[-1].endswith("入住。（王磊）")


@pytest.mark.parametrize(
    "box, alone",
    [
        # a box OCR read before the headline goes with the story…
        ("核心提示\n　　今年一季度，全省开发区规上工业增加值同比增长9.6%。\n\n", False),
        # …an editor's note signed ——编者 is an item of its own
        ("编者按\n　　开发区是稳增长的主引擎。本版今日起推出系列报道，敬请关注。\n——编者\n\n", True),
    ],
)
def test_a_byline_right_under_a_headline_read_after_a_box_goes_with_that_headline(box, alone):
    articles = _split(box + REPORT_TURNED)
    story = articles[-1]
    assert story.title == "开发区成为稳增长“主引擎”"
    assert story.authors == ["刘洋"]
    assert story.paragraphs[-1].endswith("（下转第2版）")
    assert len(articles) == (2 if alone else 1)


def test_an_editors_afterword_is_a_label_of_the_story_above():
    page = HOUSING_REPORT + "\n编后\n　　人才安居，园区才能留住人。\n"
    articles = _split(page)
    assert len(articles) == 1
    assert "编后" in articles[0].labels
    assert articles[0].paragraphs[-1] == "人才安居，园区才能留住人。"


def test_the_section_right_under_an_editors_note_stays_in_the_feature_it_opens():
    # a feature opened by an editor's note; its section has a kicker set off by a dash, a title
    # and a reporter of its own, which would start a new story anywhere else
    page = (
        "园区里的新动能\n\n"
        "开发区是稳增长的主阵地。本版今起推出系列报道，走进各地开发区，看新动能如何成长。\n"
        "——编者\n\n"
        "滨江高新区——\n链主企业带出一条产业链\n\n本报记者 韩晓东\n\n"
        "走进滨江高新区，一家链主企业的新厂房里，智能产线正在调试。园区围绕链主企业招引配套企业，"
        "今年已落地项目十二个。园区负责人说，链主企业带来了订单，也带来了配套企业。\n"
    )
    articles = _split(page)
    assert [a.title for a in articles] == ["园区里的新动能"]
    assert "链主企业带出一条产业链" in articles[0].body and articles[0].body.endswith("也带来了配套企业。")


@pytest.mark.parametrize("tag", ["【园区动态】", "【 项目一线 】", "〖区域传真〗"])
def test_a_column_tag_in_black_brackets_over_a_headline_is_no_part_of_its_title(tag):
    page = (
        f"{tag}\n"
        "数字经济产业园——\n"
        "三十家企业集中签约入园\n\n"
        "本报记者 韩晓东 通讯员 周思远\n\n"
        "日前，数字经济产业园举行集中签约活动，三十家企业签约入园，涉及软件开发、数据服务等领域。\n"
    )
    articles = _split(page)
    assert [a.title for a in articles] == ["三十家企业集中签约入园"]
    assert articles[0].authors == ["韩晓东", "周思远"]


def test_a_kicker_ending_on_a_dash_stays_the_kicker_when_its_last_words_run_into_the_title_in_the_text():
    # "滨江新城——" over "潮涌…": the text says "滨江新城潮涌…" too, which for a line broken inside a
    # phrase would join the two lines into one title; a dash ends the kicker
    page = (
        "“江城”滨江新城——\n"
        "潮涌两岸 产业兴旺\n\n"
        "　　滨江新城潮涌两岸，一批重点项目加快建设。今年以来，新城新开工项目四十个，完成投资一百二十亿元。\n"
        "　　新城负责人介绍，将继续推进产城融合，让滨江新城潮涌更盛。\n"
    )
    articles = _split(page)
    assert [(a.kicker, a.title) for a in articles] == [("“江城”滨江新城——", "潮涌两岸 产业兴旺")]


def test_a_reporter_of_a_surname_the_list_lacks_is_the_byline_not_part_of_the_headline():
    page = (
        "草原上的光伏产业园全面投产\n"
        "本报记者 阿拉坦 仉志远\n\n"
        "　　本报呼和浩特5月8日电 草原上的光伏产业园日前全面投产，年发电量可达十亿千瓦时。\n"
    )
    articles = _split(page)
    assert [(a.title, a.authors) for a in articles] == [("草原上的光伏产业园全面投产", ["阿拉坦", "仉志远"])]


@pytest.mark.parametrize("byline", ["本报记者 韩晓东 周思远", "□ 本报记者 韩晓东", "▶ 韩晓东"])
@pytest.mark.parametrize("dateline", ["本报兰州5月8日电 ", "本报讯 ", "本报北京5月8日电（通讯员 吴思远）"])
def test_a_dateline_under_the_reporters_line_opens_the_text_of_that_headline(byline, dateline):
    page = (
        "开发区首季签约项目超百亿元\n"
        f"{byline}\n\n"
        f"　　{dateline}开发区一季度签约项目二十八个，总投资一百零六亿元，其中制造业项目占七成。\n"
        "　　开发区负责人表示，将加快项目落地，确保年内开工率超过八成。\n"
    )
    articles = _split(page)
    assert [a.title for a in articles] == ["开发区首季签约项目超百亿元"]
    assert articles[0].body.startswith("开发区一季度签约项目") and articles[0].authors[0] == "韩晓东"


def test_reporters_in_brackets_the_column_put_under_the_dateline_go_with_it():
    page = (
        "开发区首季签约项目超百亿元\n"
        "本报兰州5月8日电\n"
        "（记者韩晓东、周思远）\n\n"
        "　　开发区一季度签约项目二十八个，总投资一百零六亿元，其中制造业项目占七成。\n"
    )
    articles = _split(page)
    assert [(a.title, a.authors) for a in articles] == [("开发区首季签约项目超百亿元", ["韩晓东", "周思远"])]
    assert articles[0].body.startswith("开发区一季度")


@pytest.mark.parametrize("opening", [
    "本报讯 记者韩晓东 通讯员周\n思远 报道：开发区",
    "本报讯 记者韩晓东 通讯员周思远 报\n道：开发区",
    "本报讯 记者韩晓东\n通讯员周思远 报道：开发区",
])
def test_reporters_after_a_dateline_that_the_column_broke_before_the_colon_are_the_byline(opening):
    page = (
        "开发区首季签约项目超百亿元\n\n"
        f"　　{opening}一季度签约项目二十八\n"
        "个，总投资一百零六亿元，其中制造业项\n"
        "目占七成。\n"
    )
    articles = _split(page)
    assert [(a.title, a.authors) for a in articles] == [("开发区首季签约项目超百亿元", ["韩晓东", "周思远"])]
    assert articles[0].body.startswith("开发区一季度签约项目二十八个")


def test_a_kicker_with_a_comma_over_a_short_title_opens_the_story_not_its_first_paragraph():
    page = (
        "2024年5月8日\n\n"
        "首季外贸进出口保持增长，开发区新签项目三十个\n"
        "开放高地 活力迸发\n\n"
        "今年一季度，开发区外贸进出口总额达到一百二十亿元，同比\n"
        "增长百分之八，新签约项目三十个，总投资超过二百亿元。\n"
        "　　开发区负责人介绍，将继续优化营商环境，加快项目落地\n"
        "见效，推动外贸稳规模优结构，确保全年目标顺利实现。\n"
    )
    articles = _split(page)
    assert [(a.kicker, a.title) for a in articles] == [("首季外贸进出口保持增长，开发区新签项目三十个", "开放高地 活力迸发")]
    assert articles[0].body.startswith("今年一季度")


def test_a_box_of_briefs_under_its_short_name_is_one_article_until_the_next_story():
    page = (
        "开发区稳岗就业见成效\n\n"
        "　　开发区今年新增就业岗位三千个，企业用工需求旺盛。开发区人社部门表示，将继续做好稳岗服务。\n\n"
        "园区快讯\n\n"
        "高新区新材料产业园开园\n"
        "　　本报讯 日前，高新区新材料产业园正式开园，首批十二家企业入驻，涵盖先进陶瓷、特种合金等领域。\n"
        "　　（沈筱雯）\n"
        "经开区举办项目集中开工活动\n"
        "　　本报讯 经开区日前举办项目集中开工活动，二十个项目总投资八十亿元。\n"
        "　　（何晓岚）\n\n"
        "园区企业加快数字化转型——\n"
        "“智改数转”跑出加速度（产业观察）\n\n"
        "　　走进开发区一家汽车零部件企业的生产车间，机械臂上下翻飞，自动导引车往来穿梭。企业负责人介绍，通过数字化改造，生产效率提升三成。\n"
    )
    articles = _split(page)
    assert [a.title for a in articles] == ["开发区稳岗就业见成效", "园区快讯", "“智改数转”跑出加速度（产业观察）"]
    box = articles[1]
    assert box.body.startswith("高新区新材料产业园开园") and "经开区日前举办项目集中开工活动" in box.body
    assert box.authors == ["沈筱雯", "何晓岚"]


@pytest.mark.parametrize("note, subtitle", [
    ("（2024年3月）", "（2024年3月）"),
    ("（二〇二四年五\n月八日，滨江）", "（二〇二四年五 月八日，滨江）"),
])
def test_the_date_in_brackets_under_a_document_or_speech_is_its_subtitle_not_the_first_paragraph(note, subtitle):
    page = (
        "在开发区建区三十周年大会上的致辞\n"
        f"{note}\n"
        "各位来宾，\n"
        "同志们：\n"
        "　　今天，我们在这里隆重集会，庆祝开发区建区三十\n"
        "周年。三十年来，开发区从一片滩涂成长为现代化新\n"
        "城。\n"
    )
    articles = _split(page)
    assert [(a.title, a.subtitle) for a in articles] == [("在开发区建区三十周年大会上的致辞", subtitle)]
    assert articles[0].body.startswith("各位来宾，同志们：")


def test_a_section_with_its_own_reporter_under_a_marked_subhead_stays_in_the_feature():
    page = (
        "# 园区转型看三地（产业观察）\n\n"
        "本报记者 韩晓东\n\n"
        "今年以来，各地开发区加快转型升级，新动能持续壮大。\n\n"
        "## 滨江高新区——\n\n"
        "## 数字赋能，老厂房焕发新活力\n\n"
        "本报记者 周思远\n\n"
        "走进滨江高新区，昔日的老厂房变身为数字经济产业园，两百余家企业在此集聚。\n\n"
        "## 河口经开区——\n\n"
        "## 绿色低碳，园区循环化改造提速\n\n"
        "本报记者 吴思远\n\n"
        "河口经开区推进循环化改造，园区企业间实现蒸汽、固废循环利用。\n\n"
        "# 开发区首季签约项目超百亿元\n\n"
        "开发区一季度签约项目二十八个，总投资一百零六亿元。\n"
    )
    articles = _split(page)
    assert [a.title for a in articles] == ["园区转型看三地（产业观察）", "开发区首季签约项目超百亿元"]
    assert articles[0].body.endswith("园区企业间实现蒸汽、固废循环利用。")
    assert articles[0].authors == ["韩晓东", "周思远", "吴思远"]


@pytest.mark.parametrize("closing, in_text", [("（沈筱雯）", True), ("（沈筱雯、何晓岚）", True), ("（本报记者 沈筱雯）", False)])
def test_names_alone_in_brackets_sign_the_text_as_its_last_line_and_name_the_authors(closing, in_text):
    page = (
        "高新区新材料产业园开园\n\n"
        "　　本报讯 日前，高新区新材料产业园正式开园，首批十二家企业入驻，涵盖先进陶瓷、特种合金等领域。\n"
        f"　　{closing}\n\n"
        "经开区举办项目集中开工活动\n\n"
        "　　本报讯 经开区日前举办项目集中开工活动，二十个项目总投资八十亿元。\n"
    )
    articles = _split(page)
    assert [a.title for a in articles] == ["高新区新材料产业园开园", "经开区举办项目集中开工活动"]
    assert articles[0].authors[0] == "沈筱雯"
    assert (articles[0].paragraphs[-1] == closing) is in_text
    assert (closing in articles[0].byline) is not in_text


def test_a_closing_report_from_many_cities_over_many_lines_of_a_narrow_column_is_the_byline():
    page = (
        "多地开发区加快\n"
        "培育新动能\n\n"
        "　　各地开发区加快培育新\n"
        "动能，新签约项目数量和投\n"
        "资额同比均有增长。\n"
        "　　（本报南京、杭州、合\n"
        "肥、福州、南昌、济南、郑\n"
        "州、武汉、长沙、广州、南\n"
        "宁、成都、贵阳、昆明、西\n"
        "安、兰州5月8日电 记者\n"
        "韩晓东、周思远、吴思远、\n"
        "沈筱雯、何晓岚、阿拉坦、\n"
        "仉志远、乜海涛、蒯晓峰、\n"
        "闵思雨）\n\n"
        "经开区举办项目集中开工活动\n\n"
        "　　本报讯 经开区日前举办项目集中开工活动，二十个项目总投资八十亿元。\n"
    )
    articles = _split(page)
    assert [a.title for a in articles] == ["多地开发区加快培育新动能", "经开区举办项目集中开工活动"]
    assert articles[0].body.endswith("同比均有增长。")
    assert articles[0].authors[:2] == ["韩晓东", "周思远"] and "闵思雨" in articles[0].authors


def test_the_first_briefs_headline_read_as_a_line_of_text_under_a_boxs_name_is_its_section():
    # the line model took the brief's headline for text; the brief's dateline under it shows it was a
    # headline, and under a box's name a brief's (before, the box's subtitle, outside its text)
    dateline = match_dateline("本报电")
    blocks = [
        Block(0, "heading", "园区快讯", [1], hint="H!", p_head=0.95),
        Block(1, "para", "高新区新材料产业园开园", [2]),
        Block(2, "byline", "本报电", [3], byline=dateline),
        Block(3, "para", "日前，高新区新材料产业园正式开园，首批十二家企业入驻。", [4]),
        Block(4, "byline", "（沈筱雯）", [5], byline=match_closing_report("（沈筱雯）")),
        Block(5, "heading", "经开区举办项目集中开工活动", [6], hint="H", p_head=0.8),
        Block(6, "byline", "本报电", [7], byline=dateline),
        Block(7, "para", "经开区日前举办项目集中开工活动，二十个项目总投资八十亿元。", [8]),
    ]
    result = segment_page(CleanPage(blocks=blocks, removed=[], uses_markdown=False))
    assert [(a.title, a.subtitle) for a in result.articles] == [("园区快讯", "")]
    assert result.articles[0].paragraphs[0] == "高新区新材料产业园开园"
    assert result.articles[0].paragraphs[-1].endswith("二十个项目总投资八十亿元。")


def test_a_headline_as_wide_as_a_narrow_column_after_signed_names_starts_the_next_story():
    # blank lines part the paragraphs here, not the lines of one: the line left open before a blank
    # line ends no paragraph, it is a headline (before, it ran into the next story's first line)
    page = (
        "滨江新城无障碍设施改造\n\n"
        "本报记者 韩晓东\n\n"
        "滨江新城日前完成了一\n批无障碍设施改造，盲道\n和坡道覆盖主要街区。\n\n"
        "改造后，残疾人出行更加\n方便，城市也更有温度，\n居民纷纷点赞这一举措。\n\n"
        "（本报记者闵思雨、周思\n远、蒯晓峰）\n\n"
        "以“无障”促“通达”\n\n"
        "10月22日，滨江新城体\n育场迎来运动会火种。经\n历十几天的转换期，这座\n"
        "城市用爱与微笑迎接来自\n各地的体育代表团。\n"
    )
    articles = _split(page)
    assert [a.title for a in articles] == ["滨江新城无障碍设施改造", "以“无障”促“通达”"]
    assert articles[1].body.startswith("10月22日，滨江新城体育场")


def test_a_flush_headline_over_an_indented_paragraph_after_signed_names_starts_the_next_story():
    # names in brackets closed the story above: the unfinished flush line under them is no lead of
    # theirs but the next story's headline, as under any other paragraph (before, a paragraph)
    page = (
        "滨江新城博物馆开展古人类特展\n\n"
        "　　滨江新城博物馆日前推出古人\n类特展，展出化石和模型三百\n余件，讲述远古人类的生活。\n"
        "　　从展出的牙齿化石可以看到\n古人的饮食习惯。许多有趣的\n展品诉说着古人的生活细节。\n"
        "　　展览还运用数字技术复原了\n古人类的居住场景，远古与现\n代、原始与科技在展厅奇妙交\n"
        "融，引得参观者细细品读。\n"
        "（沈筱雯）\n\n"
        "乡间的一座古石桥\n\n"
        "　　某市历史悠久、\n文化厚重，拥有多处\n文物保护单位。位于\n"
        "某村的古石桥就是\n一处值得细品的古迹。\n"
        "　　该建筑群在村口呈\n南北向分布，共有五座\n碑楼和一座牌坊，雕刻\n精美，保存完好。\n"
    )
    articles = _split(page)
    assert [a.title for a in articles] == ["滨江新城博物馆开展古人类特展", "乡间的一座古石桥"]
    assert articles[1].body.startswith("某市历史悠久")


def test_the_line_with_commas_under_a_kicker_set_off_by_a_dash_is_a_sections_title():
    # a feature's sections, each under a kicker with a dash, a title with a comma and a reporter's
    # line: one article (before, the title was text and the reporter's line began an untitled story)
    page = (
        "强国防 向复兴（强军新语）\n\n"
        "本报记者 韩晓东\n\n"
        "　　各地广泛开展国防教育活动，凝聚关心国防、建设国防的共识。\n\n"
        "——编 者\n\n"
        "　　滨江大学——\n\n"
        "立足校园，涵养家国情怀\n\n"
        "　　本报记者 闵思雨\n"
        "　　“向榜样看齐！”9月，滨江大学学生军事训练开营仪式上，新生喊出响亮的口号。\n"
        "　　学校把国防教育融入课程，学生参训热情高涨。\n\n"
        "　　某市民兵营——\n\n"
        "强化演练，守护一方平安\n\n"
        "　　本报记者 蒯晓峰\n"
        "　　国庆节当天，某市民兵营组织了一场应急演练，200余名民兵参加。\n"
    )
    articles = _split(page)
    assert [a.title for a in articles] == ["强国防 向复兴（强军新语）"]
    subheads = [articles[0].paragraphs[i] for i in articles[0].subheads]
    assert "立足校园，涵养家国情怀" in subheads and "强化演练，守护一方平安" in subheads


def test_an_unmarked_line_with_commas_right_above_a_marked_title_is_its_kicker():
    # on a marked page the kicker is set unmarked on the line right above the "#" title; ending no
    # sentence, it is the kicker even without a dash (before, an untitled article of one line)
    page = (
        "# 开发区加快培育新动能\n\n"
        "本报讯 开发区日前出台措施，支持企业技术改造。\n\n"
        "开发区负责人表示，将继续优化营商环境。\n\n"
        "前三季度园区进出口总值增长两成，9月份创年内新高\n"
        "# 滨江新城外贸平稳向好(权威发布)\n\n"
        "据海关统计,前三季度滨江新城进出口总值同比增长20%。\n\n"
        "海关负责人表示,外贸企业订单充足。\n"
    )
    articles = _split(page)
    assert [a.title for a in articles] == ["开发区加快培育新动能", "滨江新城外贸平稳向好（权威发布）"]
    assert articles[1].kicker == "前三季度园区进出口总值增长两成，9月份创年内新高"
    assert articles[0].body.endswith("将继续优化营商环境。")


@pytest.mark.parametrize("marks", [True, False])
@pytest.mark.parametrize("label", ["记者手记", "相关链接"])
def test_the_reporters_notes_after_the_storys_closing_line_stay_in_the_story(marks, label):
    # a box that belongs to the story above (记者手记, 短评, 相关链接) after its closing line (before,
    # an untitled article of its own)
    head, sub = ("# ", "## ") if marks else ("", "")
    page = (
        f"{head}开发区老人捐资助学二十年\n\n"
        "本报记者 韩晓东\n\n"
        "　　滨江新城经开区退休教师周老已连续二十年捐资助学，资助困难学生一百余名。\n"
        "　　“帮助困难学生，是我一生的信念。”他说。\n\n"
        "（闵思雨参与采写）\n\n"
        f"{label}\n\n"
        f"{sub}善行无声暖人心\n\n"
        "　　不顾风吹雨打、坚持捐资助学，平凡人的伟大总是令人感动。\n\n"
        f"{head}高新区新材料产业园开园\n\n"
        "本报记者 蒯晓峰\n\n"
        "　　高新区新材料产业园日前开园，首批十二家企业入驻。\n"
    )
    articles = _split(page)
    assert [a.title for a in articles] == ["开发区老人捐资助学二十年", "高新区新材料产业园开园"]
    assert articles[0].labels == [label]  # (相关链接 once read as a name, 相 a surname)
    assert articles[0].body.endswith("平凡人的伟大总是令人感动。")


def test_on_a_marked_page_sections_each_signed_by_their_writer_are_one_feature():
    # "##" marks a subhead: a section after the writer's line that closed the section above is the
    # feature's, though its own writer's line follows (before, a second byline made it a headline)
    page = (
        "# 开发区如何培育新动能（笔谈）\n\n"
        "## 以创新驱动产业升级\n\n"
        "## 韩晓东\n\n"
        "开发区要把创新摆在突出位置，推动产业向高端迈进。\n\n"
        "（作者为某大学经济学院教授）\n\n"
        "## 以改革优化营商环境\n\n"
        "## 周思远\n\n"
        "开发区要深化放管服改革，让企业办事更便利。\n\n"
        "（作者为某研究院研究员）\n\n"
        "## 以开放拓展发展空间\n\n"
        "## 闵思雨\n\n"
        "开发区要用好自贸区片区政策，扩大高水平对外开放。\n\n"
        "（作者为某智库高级研究员）\n"
    )
    articles = _split(page)
    assert [a.title for a in articles] == ["开发区如何培育新动能（笔谈）"]
    assert articles[0].body.endswith("扩大高水平对外开放。")
    subheads = [articles[0].paragraphs[i] for i in articles[0].subheads]
    assert subheads[-2:] == ["以开放拓展发展空间", "闵思雨"]


def test_the_second_part_of_a_headline_on_the_line_under_it_stays_in_the_headline():
    # a two-part headline OCR broke into two lines, the second read as a subhead line: it stays in
    # the stack (before, the first line of the story's text)
    page = (
        "　　开发区去年实现地区生产总值一千亿元，同比增长百分之八。\n"
        "　　（作者为某大学经济学院教授）\n\n\n"
        "讲好开发区故事\n"
        " 擦亮园区发展名片\n\n"
        "开发区是改革开放的产物，是展现经济活力的重要窗口。园区日前举办开放日活动，邀请市民走进企业、了解产业。\n"
        "活动吸引了三千多名市民参加，他们参观了生产线和研发中心。\n"
    )
    story = _split(page)[-1]
    assert story.paragraphs[0].startswith("开发区是改革开放的产物")
    assert {story.kicker, story.title, story.subtitle} >= {"讲好开发区故事", "擦亮园区发展名片"} or (
        story.title.replace(" ", "") == "讲好开发区故事擦亮园区发展名片"
    )


def test_a_first_line_ending_on_a_particle_is_the_paragraphs_not_a_headline():
    # no headline ends on 的, 和 or 对: the short indented line is the paragraph's first (before, the
    # page's title, the rest of its sentence the text)
    page = (
        "　　开发区不仅是产业集聚的\n\n重要载体，也是展示城市形\n\n象的窗口，还是对外开放的\n\n"
        "平台。园区今年新引进项目三十个。\n\n"
        "　　园区负责人表示，将继续优化营商环境，\n推动产业升级。\n"
    )
    articles = _split(page)
    assert [a.title for a in articles] == [""]
    assert articles[0].paragraphs[0].startswith("开发区不仅是产业集聚的重要载体")


def test_a_briefs_dateline_under_its_headline_in_a_box_with_its_own_reporter_stays_in_the_box():
    # the box's name, its reporter's line, then briefs each under a headline and a dateline: the
    # first brief's dateline no longer opens an untitled article of its own
    page = (
        "　　园区将继续加强人才队伍建设，推动产业高质量发展。\n"
        "　　（作者为某大学教授）\n\n\n"
        "园区快讯\n"
        "本报记者 韩晓东\n"
        "　　滨江新城统计开放日活动举办\n"
        "　　本报电 日前，滨江新城统计局举办统计开放日活动，\n宣传经济普查工作。\n"
        "　　高新区新材料产业园开园\n"
        "　　本报电 日前，高新区新材料产业园正式开园，首批十二家\n企业入驻。\n"
    )
    articles = _split(page)
    assert [a.title for a in articles] == ["", "园区快讯"]
    box = articles[1]
    assert [box.paragraphs[i] for i in box.subheads] == ["滨江新城统计开放日活动举办", "高新区新材料产业园开园"]
    assert box.body.endswith("首批十二家企业入驻。")


def test_a_page_that_opens_with_a_dateline_splits():
    # nothing above the first dateline: no article so far to ask about (the box-of-briefs check once
    # read the article so far before there was one)
    page = "本报成都7月14日电 开发区日前出台措施，支持企业技术改造。\n开发区负责人表示，将继续优化营商环境。\n"
    articles = _split(page)
    assert len(articles) == 1 and articles[0].body.startswith("开发区日前出台措施")


def test_a_dateline_under_a_summary_box_whose_points_follow_a_lead_in_opens_its_report():
    # the box under the headline opens with a line or two and then its points (■ …); the report's
    # dateline under it is the headline's, not an untitled article's (before, only a box that opened
    # with a point was read so)
    page = (
        "滨江新城开发区建区三十周年座谈会召开\n\n"
        "　　三十年来开发区取得的成绩弥足珍贵。\n"
        "　　■ 开发区是改革开放的排头兵，要继续先行先试。\n"
        "　　■ 开发区要坚持创新驱动，培育发展新动能。\n\n"
        "本报滨江10月18日电 （记者韩晓东） 滨江新城开发区建区三十周年座谈会18日召开。\n"
        "　　与会代表表示，将继续深化改革，推动高质量发展。\n"
    )
    articles = _split(page)
    assert [a.title for a in articles] == ["滨江新城开发区建区三十周年座谈会召开"]
    assert articles[0].authors == ["韩晓东"]
    assert articles[0].body.endswith("推动高质量发展。")


def test_the_report_a_documents_closing_dateline_opens_again_is_the_same_article():
    # a letter closed by its agency's dateline in brackets, then the report on it under the same
    # dateline: one article, as the paper prints them (before, the report was an untitled article)
    page = (
        "某领导回信勉励滨江新城开发区青年创业者\n\n"
        "回 信\n"
        "　　滨江新城开发区的青年朋友们：\n"
        "　　你们好！来信收到了。希望你们在开发区建设中贡献青春力量。\n"
        "　　某 某\n"
        "　　2023年9月1日\n"
        "　　（新华社北京9月2日电）\n\n"
        "　　新华社北京9月2日电 某领导9月1日给滨江新城开发区青年创业者回信，对他们提出殷切期望。\n"
        "　　开发区青年创业者表示，将牢记嘱托，努力奋斗。\n"
    )
    articles = _split(page)
    assert [a.title for a in articles] == ["某领导回信勉励滨江新城开发区青年创业者"]
    assert articles[0].body.endswith("将牢记嘱托，努力奋斗。")


def test_a_dateline_after_another_storys_closing_dateline_starts_a_story():
    # a different dateline (another day, another place) after a closing one is the next report's
    page = (
        "滨江新城开发区举办创业大赛\n\n"
        "　　滨江新城开发区日前举办青年创业大赛，百余个项目参赛。\n"
        "　　（新华社北京9月2日电）\n\n"
        "　　新华社上海9月3日电 高新区新材料产业园日前开园，首批十二家企业入驻。\n"
    )
    articles = _split(page)
    assert len(articles) == 2 and articles[1].body.startswith("高新区新材料产业园日前开园")


def test_a_two_part_slogan_headline_is_no_line_left_open_on_a_particle():
    # 园之所向 ends on 向 as the dictionary cuts it, but a two-part headline with a blank line under
    # it is a headline (review: the particle rule once sent it into the paragraph)
    page = (
        "开发区新闻\n\n本报讯 开发区日前出台措施，支持企业技术改造。\n\n\n"
        "企之所盼 园之所向\n\n"
        "今年以来，滨江新城完成老旧小区改造三十个，惠及居民十万余户。\n"
    )
    articles = _split(page)
    assert [a.title for a in articles] == ["开发区新闻", "企之所盼 园之所向"]


def test_on_a_marked_page_a_subhead_story_with_a_reporters_line_of_its_own_still_splits():
    # under a section's "#" name, "##" stories each with its reporter's line and a closing note: the
    # second closing line shows the "##" line above it was a headline (review)
    page = (
        "# 要闻\n\n"
        "## 开发区加快培育新动能\n\n本报记者 韩晓东\n\n开发区日前出台措施，支持企业技术改造。\n\n"
        "（闵思雨参与采写）\n\n"
        "## 滨江新城外贸平稳向好\n\n本报记者 周思远\n\n据海关统计，前三季度滨江新城进出口总值同比增长20%。\n\n"
        "（蒯晓峰参与采写）\n"
    )
    articles = _split(page)
    assert len(articles) == 2 and articles[1].body.startswith("据海关统计")


def test_a_commentary_under_its_column_label_after_a_story_is_its_own_article():
    # 短评 over a commentary's own headline is the column of a new piece, not a box of the story above
    page = (
        "开发区举办创业大赛\n\n本报记者 韩晓东\n\n"
        "　　滨江新城开发区日前举办青年创业大赛，百余个项目参赛。\n\n"
        "（闵思雨参与采写）\n\n"
        "短评\n\n"
        "让营商环境更优\n\n"
        "　　营商环境是发展的软实力。开发区要深化改革，让企业办事更便利。\n"
    )
    articles = _split(page)
    assert [a.title for a in articles] == ["开发区举办创业大赛", "让营商环境更优"]


def test_a_blank_line_inside_an_indented_paragraph_does_not_end_its_line():
    # on a page whose paragraphs open indented, a blank line before a line without an indent is OCR's,
    # inside the paragraph (review: the line above it became a subhead)
    page = (
        "滨江新城无障碍设施改造\n\n"
        "　　滨江新城日前完成了一批无障碍设施改造，\n盲道和坡道覆盖主要街区。\n\n"
        "　　改造后残疾人出行更加\n\n方便，城市也更有温度，\n居民纷纷点赞这一举措。\n"
    )
    articles = _split(page)
    assert len(articles) == 1 and "改造后残疾人出行更加方便" in articles[0].body


def test_on_a_marked_page_a_label_over_a_marked_title_goes_with_that_title():
    # 延伸阅读 right over a "#" title is that piece's label, not a box of the story above (review)
    page = (
        "# 开发区举办创业大赛\n\n本报记者 韩晓东\n\n滨江新城开发区日前举办青年创业大赛，百余个项目参赛。\n\n"
        "（闵思雨参与采写）\n\n"
        "延伸阅读\n\n"
        "# 开发区创业扶持政策一览\n\n开发区对入驻的创业项目给予房租减免和贷款贴息。\n"
    )
    articles = _split(page)
    assert [a.title for a in articles] == ["开发区举办创业大赛", "开发区创业扶持政策一览"]
    assert articles[1].labels == ["延伸阅读"] and articles[0].labels == []


def test_lines_that_break_off_inside_a_number_or_on_the_ordinal_di_are_the_lead_not_a_headline():
    # under the reporters' line, the lead's first lines (某领导9月1 / 7日上午在滨江出席第 / …) have no
    # punctuation, but no headline stops inside a number or on 第 (before, the second story's headline
    # and lead became subheads of the first)
    page = (
        "开发区人才新政出台\n\n本报记者 闵思雨\n\n　　开发区日前出台人才新政，对引进的高层次人才给予安家补贴。\n"
        "　　园区将继续加强人才队伍建设，推动产业高质量发展。\n\n"
        "某领导出席第二十届开发区\n博览会开幕式并致辞\n"
        "□ 本报记者 韩晓东 周思远\n"
        "某领导9月1\n7日上午在滨江出席第\n二十届开发区博览会开\n幕式，并发表致辞。\n"
        "　　本届博览会为期四天，\n吸引了两千多家企业参展。\n"
    )
    articles = _split(page)
    assert [a.title.replace(" ", "") for a in articles] == ["开发区人才新政出台", "某领导出席第二十届开发区博览会开幕式并致辞"]
    assert articles[1].body.startswith("某领导9月17日上午在滨江出席第二十届开发区博览会开幕式")


def test_a_line_ending_on_an_enumeration_comma_goes_on_in_the_next():
    from clippings.text.wordflow import broken_off, left_open

    assert broken_off("园区管委会、科技局、", "人社局联合发布")
    assert broken_off("某领导9月1", "7日上午")
    assert not broken_off("开发区成立于2004", "年，位于城市东部")  # (no digit opens the next line)
    assert left_open("打造内陆开放型经济的", "重要平台") and not left_open("开发区加快培育新动能", "今年以来")


@pytest.mark.parametrize("label", ["内容提要", "内容摘要", "摘要"])
def test_a_summary_label_under_a_headline_is_the_articles_label_not_a_box_of_briefs(label):
    # (内容提要 once read as the name of a box of briefs, …提要 being one)
    page = (
        "以制度创新激发开发区发展活力（学苑新论）\n"
        f"{label}\n\n"
        "\u3000\u3000开发区是改革开放的试验田。推动开发区高质量发展，关键在于以制度创新激发\n"
        "内生动力，在要素配置、营商环境和园区治理上先行先试。\n"
        "\u3000\u3000开发区的发展历程表明，制度创新是园区活力的源泉。从审批改革到要素市\n"
        "场化配置，每一次突破都为园区发展注入了新动能。\n"
    )
    articles = _split(page)
    assert [a.title for a in articles] == ["以制度创新激发开发区发展活力（学苑新论）"]
    assert articles[0].labels == [label]
    assert articles[0].paragraphs[0].startswith("开发区是改革开放的试验田")


def test_a_headline_whose_first_characters_the_column_broke_off_is_still_the_headline():
    # "2024中" alone is too short for a headline line; it and the line under it make the headline
    page = (
        "高新区出台人才新政\n"
        "本报讯 高新区日前出台人才新政，对引\n进的高层次人才给予安家补贴，对新\n落户的研发团队给予项目资助。\n"
        "高新区负责人表示，新政将重点支持\n集成电路、生物医药等产业。\n\n"
        "（本报记者 韩晓东）\n\n\n\n"
        "2024中\n国开发区发展大会在滨江新城举办\n\n"
        "本月12日，2024中国开发区发展大会\n在滨江新城举办。来自全国各地的二\n百余家开发区代表参加会议。\n"
        "与会代表表示，开发区要在改革开放\n中走在前列，以制度创新激发活力。\n"
    )
    articles = _split(page)
    assert [a.title for a in articles] == ["高新区出台人才新政", "2024中国开发区发展大会在滨江新城举办"]
    assert articles[1].paragraphs[0].startswith("本月12日")


@pytest.mark.parametrize("credit", [("本报记者 闵思雨", "摄"), ("本报记者 闵思", "雨摄")])
def test_a_photo_credit_the_column_broke_before_its_last_characters_is_one_credit(credit):
    # (the lone 摄 once ran into the next story's headline as the first words of an untitled text)
    page = (
        "图片报道\n"
        "▶ 韩晓东 周思远\n"
        "滨江新城产业园积\n极改善园区环境，\n让职工乐享美好生活。\n"
        "图为日前拍摄的产业\n园职工活动中心。\n"
        f"{credit[0]}\n{credit[1]}\n\n"
        "开发区大会在滨江新城举办\n\n"
        "本月12日，开发区发展大\n会在滨江新城举办。来自\n全国各地的二百余家开发\n区代表参加会议。\n"
    )
    articles = _split(page)
    assert [a.title for a in articles] == ["图片报道", "开发区大会在滨江新城举办"]
    assert articles[0].captions[-1].credit_raw == "本报记者 闵思雨摄"
    assert articles[1].paragraphs[0].startswith("本月12日")


@pytest.mark.parametrize("closing", ["（沈筱雯）", "（本报记者 沈筱雯）"])
def test_on_a_marked_page_a_closing_signature_set_in_bold_closes_the_story(closing):
    # "## （沈筱雯）": the names that close a brief, marked as OCR marks bold type, are no subhead
    page = (
        "# 滨江新城产业园签约项目23个\n\n"
        "本报讯 滨江新城产业园日前举行重点项目集中签约活动，23个项目现场签约。\n\n"
        f"## {closing}\n\n\n"
        "# 高新区出台人才新政\n\n"
        "本报讯 高新区日前出台人才新政，对引进的高层次人才给予安家补贴。\n"
    )
    articles = _split(page)
    assert [a.title for a in articles] == ["滨江新城产业园签约项目23个", "高新区出台人才新政"]
    assert articles[0].authors == ["沈筱雯"]
    assert articles[0].subheads == []


def test_stories_signed_by_a_county_media_centre_or_a_correspondent_are_each_their_own():
    # (such bylines were read as headlines: the two stories ran into one, titled by the byline)
    page = (
        "云溪县开展“送法下乡”活动\n\n"
        "云溪县融媒体中心记者 沈筱雯\n\n"
        "5月10日，云溪县司法局在集市开展“送法下乡”活动，现场为群众提供法律咨询，发放宣传资料一千余份。\n\n"
        "活动现场，律师和司法所工作人员围绕土地承包、婚姻家庭、劳动报酬等群众关心的问题答疑解惑。\n\n"
        "云溪县司法局负责人表示，今年将组织“送法下乡”活动三十场以上，让法律服务走进千家万户。\n\n"
        "滨江新城开展夜间消防检查\n\n"
        "本报通讯员 何晓岚\n\n"
        "5月9日晚，滨江新城消防救援大队对辖区商业综合体开展夜间消防检查，共检查单位二十六家。\n\n"
        "检查中，消防监督员重点查看了疏散通道、消防控制室和自动消防设施运行情况。\n\n"
        "对发现的四十三处火灾隐患，检查人员当场督促整改，并对相关单位负责人开展消防安全提醒。\n"
    )
    articles = _split(page)
    assert [(a.title, a.authors) for a in articles] == [
        ("云溪县开展“送法下乡”活动", ["沈筱雯"]), ("滨江新城开展夜间消防检查", ["何晓岚"])
    ]
    assert articles[1].paragraphs[0].startswith("5月9日晚")


@pytest.mark.parametrize("ask", ["？", "！"])
def test_a_headline_that_asks_or_exclaims_over_its_reporters_line_is_the_headline(ask):
    # (the question mark once made it a sentence: an untitled paragraph, the text a second article)
    page = (
        f"园区企业为何扎堆落户滨江新城{ask}\n\n"
        "本报记者 沈筱雯\n\n"
        "5月6日，滨江新城科创走廊首批十五家企业集中入驻。这批企业涵盖生物医药、新材料等领域。\n"
    )
    articles = _split(page)
    assert [(a.title, a.authors) for a in articles] == [(f"园区企业为何扎堆落户滨江新城{ask}", ["沈筱雯"])]


def test_a_question_headline_with_a_subtitle_after_a_report_starts_the_next_story():
    page = (
        "云溪县召开人大常委会会议\n\n"
        "本报讯（记者 何晓岚）5月10日，云溪县人大常委会会议召开，会议听取和审议了县政府有关工作报告。\n\n"
        "“小升规”企业为何越来越多？\n"
        "——滨江新城企业培育观察\n\n"
        "本报记者 沈筱雯\n\n"
        "今年以来，滨江新城实施“小升规”企业培育计划，建立重点培育企业库，首批入库企业六十家。\n"
    )
    articles = _split(page)
    assert [(a.title, a.subtitle, a.authors) for a in articles] == [
        ("云溪县召开人大常委会会议", "", ["何晓岚"]),
        ("“小升规”企业为何越来越多？", "——滨江新城企业培育观察", ["沈筱雯"]),
    ]


@pytest.mark.parametrize("second", ["通讯员 何晓岚", "实习生 何晓岚"])
def test_a_reporters_line_set_over_two_lines_leads_one_story(second):
    # (the second line once opened an untitled story that took the text, leaving the first empty)
    page = (
        "滨江新城产业园举办招聘会\n\n"
        f"记者 沈筱雯\n{second}\n\n"
        "5月11日，滨江新城产业园举办春季人才招聘会，八十余家企业提供岗位两千余个。\n\n"
        "招聘会现场，园区人力资源服务中心还设置了政策咨询台和简历指导区。\n"
    )
    articles = _split(page)
    assert [(a.title, a.authors) for a in articles] == [("滨江新城产业园举办招聘会", ["沈筱雯", "何晓岚"])]
    assert articles[0].paragraphs[0].startswith("5月11日")


def test_a_round_ups_source_line_under_the_headline_is_its_byline_not_its_title():
    page = "各地掀起夏粮抢收热潮\n\n本报综合\n\n眼下正值夏粮收获时节，云溪县等地农民抢抓晴好天气收割小麦。\n"
    articles = _split(page)
    assert [(a.title, a.byline) for a in articles] == [("各地掀起夏粮抢收热潮", "本报综合")]


@pytest.mark.parametrize("source", ["（来源：滨江晚报）", "（据新华社电）"])
def test_where_a_reprint_came_from_ends_it_and_the_next_headline_starts_a_story(source):
    # (the source line and the next headline had become subheads of the reprint)
    page = (
        "滨江新城获评省级绿色园区\n\n"
        "日前，省工业和信息化厅公布省级绿色园区名单，滨江新城榜上有名。近年来，滨江新城大力推进循环化改造。\n\n"
        f"{source}\n\n"
        "云溪县茶叶出口量同比增长三成\n\n"
        "今年一季度，云溪县茶叶出口量达一千二百吨，同比增长百分之三十一。\n"
    )
    articles = _split(page)
    assert [a.title for a in articles] == ["滨江新城获评省级绿色园区", "云溪县茶叶出口量同比增长三成"]
    assert source in [*articles[0].paragraphs, articles[0].byline]  # (kept with the reprint it closes)


def test_a_question_ending_a_paragraph_over_the_next_briefs_dateline_stays_in_its_brief():
    # (review: the question-headline rule wants a blank line above the question)
    page = (
        "本报讯 5月8日，云溪县青石村便民桥正式通车。\n谁能想到，这里过去只有木桥？\n\n"
        "本报讯 5月9日，滨江新城举办消防安全培训。\n"
    )
    articles = _split(page)
    assert [a.paragraphs[-1] for a in articles] == ["谁能想到，这里过去只有木桥？", "5月9日，滨江新城举办消防安全培训。"]
    assert [a.title for a in articles] == ["", ""]


@pytest.mark.parametrize("note", ["（据新华社）", "（来源：云溪县统计局）"])
def test_a_source_cited_after_a_sentence_ends_no_article(note):
    # (review: only a reprint's source on a line of its own ends it)
    page = (
        "外媒关注滨江新城\n\n"
        f"某国通讯社称，滨江新城发展迅速。{note}\n\n"
        "某国电视台介绍了滨江新城的营商环境。\n"
    )
    articles = _split(page)
    assert [a.title for a in articles] == ["外媒关注滨江新城"]


def test_on_a_marked_page_a_place_in_bold_brackets_is_no_signature():
    page = "# 走进云溪县\n\n云溪县地处山区。\n\n## （温州）\n\n云溪县的茶叶远销温州等地。\n"
    articles = _split(page)
    assert [(a.title, a.authors) for a in articles] == [("走进云溪县", [])]


@pytest.mark.parametrize(
    "byline, authors",
    [
        ("□文/本报通讯员 何晓岚", ["何晓岚"]),
        ("本报滨江记者站 何晓岚 通讯员 闵晓文", ["何晓岚", "闵晓文"]),
        ("滨江新城融媒体中心 何晓岚 通讯员 闵晓文", ["何晓岚", "闵晓文"]),
        ("文 | 何晓岚  图 | 闵晓文", ["何晓岚", "闵晓文"]),
    ],
)
def test_a_regional_papers_byline_leads_its_own_story(byline, authors):
    # (each was read as a headline, or its second credit as one: a story titled by the byline, or
    # an article of its own holding a photographer's name)
    page = (
        "云溪县新建三座口袋公园\n\n"
        "本报记者 沈筱雯\n\n"
        "近日，云溪县新建的三座口袋公园建成开放，公园利用街角闲置地块建设，配备健身器材和休闲座椅。\n\n"
        "今年，云溪县计划建设口袋公园二十座，方便周边居民就近休闲健身。\n\n"
        "滨江新城开展夜间消防检查\n\n"
        f"{byline}\n\n"
        "5月9日晚，滨江新城消防救援大队对辖区商业综合体开展夜间消防检查，共检查单位二十六家。\n\n"
        "对发现的火灾隐患，检查人员当场督促整改，并对相关单位负责人开展消防安全提醒。\n"
    )
    articles = _split(page)
    assert [(a.title, a.authors) for a in articles] == [
        ("云溪县新建三座口袋公园", ["沈筱雯"]), ("滨江新城开展夜间消防检查", authors)
    ]
    assert articles[1].paragraphs[0].startswith("5月9日晚")


def test_a_regional_papers_running_head_is_page_furniture():
    # (its page code and section name, with no 版, became an article of their own)
    page = (
        "滨江晚报\n2024年5月12日 星期日\nA3 区县新闻\n责任编辑：闵晓文\n\n"
        "云溪县新建三座口袋公园\n\n"
        "本报讯（记者 沈筱雯）近日，云溪县新建的三座口袋公园建成开放，配备健身器材和休闲座椅。\n\n"
        "今年，云溪县计划建设口袋公园二十座，方便周边居民就近休闲健身。\n"
    )
    articles = _split(page)
    assert [(a.title, a.authors) for a in articles] == [("云溪县新建三座口袋公园", ["沈筱雯"])]


@pytest.mark.parametrize("kicker", ["", "滨江新城科创走廊——\n\n\u3000\u3000"])
def test_a_headline_with_a_comma_over_its_reporters_line_is_the_headline(kicker):
    # (the comma made the title line the last line of the story above, and the story untitled; set
    # under a kicker, the title may carry a paragraph's indent)
    page = (
        "云溪县建成城乡养老服务网络\n\n"
        "本报讯（记者 何晓岚）截至4月底，云溪县已建成乡镇养老服务中心十二个、村级养老服务站一百零六个。\n"
        "据介绍，云溪县将继续推进居家社区养老服务，年内新增家庭养老床位三百张。\n\n"
        f"{kicker}创新引领，打造产业高地\n"
        "本报记者 沈筱雯\n\n"
        "走进滨江新城科创走廊，一栋栋研发楼拔地而起，一批创新企业在这里集聚发展。今年一季度，走廊新增科技型企业六十余家。\n"
        "科创走廊负责人介绍，走廊将继续完善孵化服务体系，吸引更多创新团队落户。\n"
    )
    articles = _split(page)
    assert [(a.kicker, a.title, a.authors) for a in articles] == [
        ("", "云溪县建成城乡养老服务网络", ["何晓岚"]),
        (kicker.strip("\n\u3000"), "创新引领，打造产业高地", ["沈筱雯"]),
    ]
    assert articles[0].paragraphs[-1].endswith("三百张。")


@pytest.mark.parametrize("kicker", ["县域观察", "抢抓机遇 扩大开放"])
def test_a_story_with_its_reporters_line_after_a_one_paragraph_report_is_its_own(kicker):
    # (the kicker and headline were read as subheads of the brief above, and its reporter as a
    # second author of the brief: a report its dateline opened has no sections signed apart)
    page = (
        "云溪县新建5G基站260个\n\n"
        "本报讯（记者 何晓岚）今年以来，云溪县新建5G基站260个，实现乡镇全覆盖。\n\n"
        f"{kicker}\n\n"
        "滨江新城：小五金撬动大产业\n\n"
        "本报记者 沈筱雯\n\n"
        "在滨江新城五金产业园，一家家企业生产的刀剪、锁具销往一百多个国家和地区。\n"
    )
    articles = _split(page)
    assert [(a.kicker, a.title, a.authors) for a in articles] == [
        ("", "云溪县新建5G基站260个", ["何晓岚"]),
        (kicker, "滨江新城：小五金撬动大产业", ["沈筱雯"]),
    ]


@pytest.mark.parametrize(
    "copy",
    [
        "滨江新城外贸平稳向好（权威发布）\n",
        "\n滨 江 新 城 外 贸 平 稳 向 好 (权 威 发 布)\n\n",
        "滨 江 新 城 外 贸 平 稳 向 好 （ 权 威 发 布 ） 滨 江 新 城 外 贸 平 稳 向 好 （ 权 威 发 布 ）\n",
    ],
)
def test_a_bold_headline_read_twice_over_two_lines_is_one_headline(copy):
    # (the second copy, spaced, in the other punctuation's width, or itself doubled, became the
    # first paragraph, or the headline of an empty story)
    page = (
        "云溪县新建三座口袋公园\n\n"
        "本报讯（记者 何晓岚）近日，云溪县新建的三座口袋公园建成开放，配备健身器材和休闲座椅。\n\n"
        "滨江新城外贸平稳向好（权威发布）\n"
        f"{copy}"
        "据海关统计，前三季度滨江新城进出口总值同比增长20%，9月份创年内新高。\n"
        "海关负责人表示，外贸企业订单充足，出口结构持续优化。\n"
    )
    articles = _split(page)
    assert [a.title for a in articles] == ["云溪县新建三座口袋公园", "滨江新城外贸平稳向好（权威发布）"]
    assert articles[1].paragraphs[0].startswith("据海关统计")


def test_a_marked_line_with_a_dash_under_a_marked_title_is_its_subtitle():
    # (## marks a subhead, but ## ——… under the title is its subtitle: it had opened the text)
    page = (
        "# 滨江新城外贸平稳向好（权威发布）\n"
        "## ——前三季度进出口总值增长两成\n\n"
        "据海关统计，前三季度滨江新城进出口总值同比增长20%。\n\n"
        "## 出口结构持续优化\n\n"
        "海关负责人表示，外贸企业订单充足。\n"
    )
    (article,) = _split(page)
    assert (article.title, article.subtitle) == ("滨江新城外贸平稳向好（权威发布）", "——前三季度进出口总值增长两成")
    assert article.paragraphs[0].startswith("据海关统计")
    assert article.subheads == [1]


def test_the_reporter_at_work_after_a_dateline_is_the_text_not_a_byline():
    # (记者从国家移 / 民管理局获悉：… broken by the column, blank lines between, read as the reporter
    # 从国家移 and a story of its own)
    page = (
        "滨江新城外贸平稳向好\n\n"
        "本报记者 沈筱雯\n\n"
        "本报滨江5月9日电 记者从国家移\n\n"
        "民管理局获悉：前三季度滨江新城\n\n"
        "进出口总值同比增长20%。\n\n"
        "海关负责人表示，外贸企业订单充足。\n"
    )
    (article,) = _split(page)
    assert article.authors == ["沈筱雯"]
    assert article.paragraphs[0].startswith("记者从国家移民管理局获悉")


@pytest.mark.parametrize(
    "line, subtitle",
    [
        ("## 小五金撬动百亿级产业集群", "小五金撬动百亿级产业集群"),  # a phrase: the subtitle
        ("## 核心阅读", ""),  # a box's label
        ("## 引  子", ""),  # a word or two: a label
        ("## 一、滨江新城的五金产业", ""),  # a numbered section
    ],
)
def test_one_marked_phrase_between_a_marked_title_and_the_text_is_its_subtitle(line, subtitle):
    # (## marks a subhead, but one ## phrase between the title and the text is the subtitle: it had
    # opened the text, so the article started wrong)
    page = (
        "# 滨江新城：五金产业提质升级\n\n"
        f"{line}\n\n"
        "在滨江新城五金产业园，一家家企业生产的刀剪、锁具销往一百多个国家和地区。\n\n"
        "## 出口结构持续优化\n\n"
        "海关负责人表示，外贸企业订单充足。\n"
    )
    (article,) = _split(page)
    assert (article.title, article.subtitle) == ("滨江新城：五金产业提质升级", subtitle)
    if subtitle:
        assert article.paragraphs[0].startswith("在滨江新城五金产业园")


def test_a_headline_over_a_reporters_line_and_a_dateline_starts_a_story():
    # (after a commentary with no byline of its own, the headline of the report under it was read
    # as a subhead of the commentary, its reporter as the commentary's author; no section of an
    # article has a reporter's line and a dateline of its own)
    page = (
        "让口袋公园走进百姓身边\n"
        "城市更新，既要有大手笔，也要有“绣花”功夫。一座座口袋公园，让居民推门见绿，也让城市更有温度。\n"
        "建好用好口袋公园，需要规划先行，也需要居民参与。口袋公园面积不大，却连着民生，连着城市的品质。\n"
        "口袋公园建起来了，还要管起来、用起来，让小空间发挥大作用，让居民在家门口享受绿色生活。\n"
        "云溪县口袋公园建成开放\n"
        "本报记者 何晓岚\n"
        "本报云溪5月9日电\n"
        "近日，云溪县新建的三座口袋公园建成开放，配备健身器材和休闲座椅，居民在家门口就能锻炼身体。\n"
    )
    articles = _split(page)
    assert [(a.title, a.authors) for a in articles] == [
        ("让口袋公园走进百姓身边", []),
        ("云溪县口袋公园建成开放", ["何晓岚"]),
    ]
    assert articles[1].paragraphs[0].startswith("近日，云溪县")


@pytest.mark.parametrize(
    "line, authors",
    [
        ("本报记者  蒯  岚", ["蒯岚"]),  # a two-character name spaced to three characters' width
        ("本报记者  蒯  岚文  闵雯摄（云溪视觉）", ["蒯岚"]),  # who wrote it, then who took the picture
        ("本报记者 沈筱雯文 何晓岚摄", ["沈筱雯"]),
    ],
)
def test_a_photo_storys_writer_and_photographer_close_it(line, authors):
    # (the double spaces of a spaced-out name, and a photographer after the writer's 文, left the
    # line as text: the story ran on into the next)
    page = (
        "图片报道\n\n"
        "近日，云溪县新建的三座口袋公园建成开放，配备健身器材和休闲座椅。图为居民在公园里散步。\n\n"
        f"{line}\n\n"
        "滨江新城外贸平稳向好\n\n"
        "本报讯（记者 何晓岚）据海关统计，前三季度滨江新城进出口总值同比增长20%。\n"
    )
    articles = _split(page)
    assert [(a.title, a.authors) for a in articles] == [("图片报道", authors), ("滨江新城外贸平稳向好", ["何晓岚"])]
    assert articles[0].body.rstrip().endswith("图为居民在公园里散步。")


def test_a_headline_closed_by_a_column_tag_after_a_feature_starts_a_story():
    # (after a feature set with subheads, the next story's headline with its column's tag was read as
    # one more subhead: no section of an article is headed with a column's tag)
    page = (
        "滨江新城算力产业加快发展（园区观察）\n"
        "今年以来，滨江新城加快建设算力基础设施，数据中心机架规模持续扩大，算力产业链不断完善。\n"
        "建好算力网络\n"
        "滨江新城推进算力网络建设，新建数据中心两座，为企业提供充足的算力支撑。\n"
        "做强应用场景\n"
        "在智能制造、智慧城市等领域，滨江新城打造一批算力应用场景，带动上下游企业集聚发展。\n"
        "用好创新平台  助力中小企业（开发区快评）\n"
        "从集聚高校院所资源，到对接企业技术需求，再到推动成果落地，创新平台为中小企业发展注入了新动能。\n"
        "中小企业是创新的重要力量。用好创新平台，需要降低企业使用门槛，畅通供需对接渠道。\n"
    )
    articles = _split(page)
    assert [a.title for a in articles] == ["滨江新城算力产业加快发展（园区观察）", "用好创新平台 助力中小企业（开发区快评）"]
    assert articles[1].paragraphs[0].startswith("从集聚高校院所资源")


def _spaced(lines: list[str], gap_under_title: int = 1) -> str:
    """A page OCR gave with a blank line after every line, and ``gap_under_title`` under the first."""
    return lines[0] + "\n" + "\n" * gap_under_title + "\n\n".join(lines[1:]) + "\n"


def test_two_blank_lines_part_a_headline_from_text_on_a_page_that_blanks_every_line():
    # (a blank after every line hides where paragraphs part; the headline as wide as the column was
    # run into the first paragraph, and the article left untitled)
    page = _spaced([
        "云溪县加快推进科技成果中试基地建设",
        "一种新型生物肥料施在果园里，能让土壤疏",
        "松透气，果树长势明显好转；另一种可降解",
        "薄膜用在蔬菜大棚中，减少了残膜的污染。",
        "这些成果都出自云溪县的中试基地。",
    ], gap_under_title=2)
    (article,) = _split(page)
    assert article.title == "云溪县加快推进科技成果中试基地建设"
    assert article.paragraphs[0].startswith("一种新型生物肥料")


def test_a_line_that_ends_a_sentence_inside_is_no_rest_of_a_headline():
    # (“……知兴替 / ，可以明得失。’”去年春天，… : a line opening with a comma goes on from the line
    # above, but a full stop inside it says it is text; both lines had become the headline)
    page = _spaced([
        "再读云溪县志",
        "“一位老人说过：‘读志可以知兴替",
        "，可以明得失。’”去年春天，云溪县",
        "启动县志续修工作，组织专家走访全县各",
        "乡镇，收集整理了大量史料。",
    ])
    (article,) = _split(page)
    assert article.title == "再读云溪县志"
    assert article.paragraphs[0].startswith("“一位老人说过")


def test_narrow_lines_under_a_headline_that_open_as_the_reporter_at_work_are_the_text():
    # (down a narrow column under a wide subtitle the model read the first lines of the text as more
    # headline, and they ran into the title and subtitle: 记者从… opens a report, never a headline)
    page = (
        "滨江新城五金产业产值突破百亿元\n"
        "高新区负责人表示，新政将重点支持集成电路、生物医药等产业。\n\n"
        "假日出游热情高涨，云溪县各景区准备就绪——\n"
        "云溪县游客量\n"
        "有望创历史新高\n"
        "文旅部门提醒游客提前预约、合理安排行程\n"
        "记者从云溪县文化\n"
        "和旅游局获悉：今\n"
        "年国庆假期云溪县\n"
        "预计接待游客120\n"
        "万人次，同比增长\n"
        "两成。为做好假期\n"
        "服务保障，全县各\n"
        "景区增加了接驳车\n"
        "辆，延长了开放时\n"
        "间。\n"
    )
    articles = _split(page)
    assert [(a.kicker, a.title) for a in articles] == [
        ("", "滨江新城五金产业产值突破百亿元"),
        ("假日出游热情高涨，云溪县各景区准备就绪——", "云溪县游客量有望创历史新高"),
    ]
    assert articles[1].paragraphs[0].startswith("记者从云溪县文化和旅游局获悉")


def test_a_line_that_stops_on_de_under_the_headline_is_the_texts_first_line():
    # (on a page with a blank line after every line, the model was sure the text's first line, 在…的,
    # was the headline's; it became the title and the headline a kicker)
    prev = ["滨江新城的外贸企业订", "单充足，出口结构持续", "优化，前三季度进出口", "总值同比增长两成。", "（本报滨江5月9日电）"]
    body = ["在云溪县应急管理中心的", "协调下，云溪县近日正", "式启动防汛应急预案。", "根据预案，各乡镇组织",
            "人员巡查重点水域，转", "移受威胁群众，确保安", "全度汛。"]
    page = "\n\n".join(prev) + "\n\n\n\n" + "云溪县多举措应对极端天气\n\n\n" + "\n\n".join(body) + "\n"
    articles = _split(page)
    assert [(a.kicker, a.title) for a in articles] == [("", ""), ("", "云溪县多举措应对极端天气")]
    assert articles[1].paragraphs[0].startswith("在云溪县应急管理中心的协调下")


@pytest.mark.parametrize("source", ["（来源：云溪县经开区管委会）", "（据《滨江晚报》）"])
def test_a_source_in_brackets_on_its_own_line_closes_the_story(source):
    # (the next story's headline was read as a subhead of this one)
    page = (
        "云溪县经开区入选省级特色产业集群\n\n"
        "近日，省工信厅公布新一批特色产业集群名单，云溪县经开区智能传感器产业集群入选。\n\n"
        f"{source}\n\n"
        "滨江新城上线“一码找企”服务平台\n\n"
        "5月13日，滨江新城“一码找企”服务平台正式上线，企业可通过扫码查询涉企政策。\n"
    )
    articles = _split(page)
    assert [a.title for a in articles] == ["云溪县经开区入选省级特色产业集群", "滨江新城上线“一码找企”服务平台"]
    assert source in articles[0].body or source in articles[0].byline


@pytest.mark.parametrize(
    "line, authors",
    [
        ("（记者 何晓岚 通讯员 沈筱雯 文/图）", ["何晓岚", "沈筱雯"]),  # who took the pictures, in the bracket
        ("文/云溪县融媒体中心 何晓岚  图/ 沈筱雯", ["何晓岚", "沈筱雯"]),  # a county's media centre for the role
    ],
)
def test_regional_writers_and_photographers_lines_name_the_authors(line, authors):
    closing = line.startswith("（")
    page = (
        "云溪县新建乡村旅游公路86公里\n\n"
        + ("" if closing else f"{line}\n\n")
        + "5月13日，云溪县乡村旅游公路二期工程全线通车，新建道路86公里。\n\n"
        + (f"{line}\n" if closing else "")
    )
    (article,) = _split(page)
    assert article.authors == authors


def test_a_note_that_the_text_goes_on_from_another_page_is_no_headline():
    # (（上接第一版） over the text carried over from page one was taken for that text's title)
    page = (
        "（上接第一版）\n\n"
        "在重大项目建设上，云溪县经开区实行“周调度、月通报、季观摩”，项目平均落地时间缩短三成。\n\n"
        "滨江新城首个工业互联网平台上线\n\n"
        "本报讯（记者 何晓岚）5月15日，滨江新城首个工业互联网平台上线。\n"
    )
    articles = _split(page)
    assert [a.title for a in articles] == ["", "滨江新城首个工业互联网平台上线"]
    assert articles[0].body.startswith("（上接第一版）")


def test_a_reporters_line_under_a_labelled_box_under_the_headline_is_the_storys():
    # (核心提示 and its text set between the headline and the reporter's line: the reporter's line
    # started an untitled story of its own)
    page = (
        "云溪县经开区三年再造一个新园区\n\n"
        "核心提示\n\n"
        "三年前，云溪县经开区工业总产值刚过300亿元；去年，这一数字达到612亿元。\n\n"
        "本报记者 何晓岚\n\n"
        "5月的云溪县经开区，处处是忙碌的建设场景，一批重大项目正加紧推进。\n"
    )
    (article,) = _split(page)
    assert (article.title, article.authors) == ("云溪县经开区三年再造一个新园区", ["何晓岚"])
