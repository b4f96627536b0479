"""Each clean-up rule on small strings."""
import pytest

from clippings.text.normalize import (
    close_single_letters,
    collapse_letter_spacing,
    fullwidth_punct_in_cjk,
    join_lines,
    normalize_chars,
    normalize_ellipsis,
    remove_cjk_spaces,
)


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("电 子 信 息 等 产 业", "电子信息等产业"),
        ("工 业 产 值 增 长 5.8% ，居 全 市 前 列", "工业产值增长5.8%，居全市前列"),
        ("形成 1500 亿元级", "形成1500亿元级"),
        ("AI 视频识别 and deep learning", "AI视频识别and deep learning"),
        ("hello world 2024", "hello world 2024"),
        ("R&D 经费投入", "R&D经费投入"),
        ("“ 科创重器 ”", "“科创重器”"),
    ],
)
def test_spaces_next_to_chinese_go_spaces_between_words_stay(raw, clean):
    assert remove_cjk_spaces(raw) == clean


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("数字应用场景不断拓展 ⋯⋯今年以来", "数字应用场景不断拓展 ……今年以来"),
        ("部件⋯⋯在江南片区", "部件……在江南片区"),
        ("等等⋯", "等等…"),
        ("完成了。。。下一步", "完成了。。。下一步"),
        ("数据...显示", "数据……显示"),
        ("version 1.2...3", "version 1.2...3"),
    ],
)
def test_ellipsis(raw, clean):
    assert normalize_ellipsis(raw) == clean


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("增速达6.3%,高于全省", "增速达6.3%，高于全省"),
        ("云溪湖心高新区(以下简称“湖心高新区”)公布", "云溪湖心高新区（以下简称“湖心高新区”）公布"),
        ("负责人表示:“受益于", "负责人表示：“受益于"),
        ("如何监管?", "如何监管？"),
        ("自主核销;自主核报", "自主核销；自主核报"),
        ("产值(营\n收)占", "产值（营\n收）占"),
        ("1,000 units at 10:30", "1,000 units at 10:30"),
        ("Python (beta) 版本", "Python (beta) 版本"),
        ("see a.php?x=1", "see a.php?x=1"),
        ("碳捕集(CCUS)项目", "碳捕集（CCUS）项目"),
        # a full stop OCR read as a point: after Chinese text, not inside a number or an address
        ("园区年产值增长两成. 新项目", "园区年产值增长两成。 新项目"),
        ("将于年底竣工\n.\n高新区", "将于年底竣工\n。\n高新区"),
        ("他说.“要抓项目", "他说。“要抓项目"),
        ("货运量达10.9万吨.", "货运量达10.9万吨。"),
        ("同比增长12.5%.", "同比增长12.5%。"),
        ("签约仪式在园区举行.\n2024年", "签约仪式在园区举行。\n2024年"),
        ("详见园区网.cn页面", "详见园区网.cn页面"),
        ("第3.1节", "第3.1节"),
        ("一.总则", "一.总则"),
        ("外方代表约翰.史密斯说", "外方代表约翰.史密斯说"),
    ],
)
def test_ascii_punctuation_in_chinese_becomes_fullwidth(raw, clean):
    assert fullwidth_punct_in_cjk(raw) == clean


def test_fullwidth_digits_and_letters_become_halfwidth():
    assert normalize_chars("增长１２．５％，ＧＤＰ达ａｂｃ") == "增长12.5%，GDP达abc"


def test_line_endings_bom_and_odd_spaces():
    assert normalize_chars("\ufeff第一行\r\n第二行\r第三\u3000行\u200b") == "第一行\n第二行\n第三 行"


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("“ 科 创 重 器 ”见 成 效", "“科创重器”见成效"),
        ("青禾 软件产业加速成势", "青禾 软件产业加速成势"),
        ("湖心科学城集聚 18 个科技创新平台——", "湖心科学城集聚18个科技创新平台——"),
        ("上半年GDP增速达6.3% 经济运行稳中向好", "上半年GDP增速达6.3% 经济运行稳中向好"),
        ("链 条 式 招 商", "链条式招商"),
    ],
)
def test_headline_letter_spacing(raw, clean):
    assert collapse_letter_spacing(raw) == clean


def test_close_single_letters_keeps_separators():
    assert close_single_letters("本报记者 袁 芳") == "本报记者 袁芳"
    assert close_single_letters("袁芳 蒋若溪") == "袁芳 蒋若溪"


@pytest.mark.parametrize(
    "left, right, joined",
    [
        ("加快构建低碳循环的", "绿色产业体系。", "加快构建低碳循环的绿色产业体系。"),
        ("累计受理诉求312件，已办结298", "件，持续打响", "累计受理诉求312件，已办结298件，持续打响"),
        ("a modern industrial", "park in Suzhou", "a modern industrial park in Suzhou"),
        ("形成恒岳、NOVA", "星驰", "形成恒岳、NOVA星驰"),
    ],
)
def test_hard_wrapped_lines_rejoin(left, right, joined):
    assert join_lines(left, right) == joined
