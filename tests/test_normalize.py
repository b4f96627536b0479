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
        ("装 备 制 造 等 领 域", "装备制造等领域"),
        ("生 产 总 值 增 长 6.4% ，位 列 第 一", "生产总值增长6.4%，位列第一"),
        ("依托 2000 亿元级", "依托2000亿元级"),
        ("AI 视频识别 and deep learning", "AI视频识别and deep learning"),
        ("hello world 2024", "hello world 2024"),
        ("R&D 经费投入", "R&D经费投入"),
        ("“ 科学重器 ”", "“科学重器”"),
    ],
)
def test_spaces_next_to_chinese_go_spaces_between_words_stay(raw, clean):
    assert remove_cjk_spaces(raw) == clean


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("数字技术应用场景更加多元 ⋯⋯今年以来", "数字技术应用场景更加多元 ……今年以来"),
        ("总成⋯⋯在渝西地区", "总成……在渝西地区"),
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
        ("增速达7.6%,高于全国", "增速达7.6%，高于全国"),
        ("西部科学城重庆高新区(以下简称“科学城高新区”)公布", "西部科学城重庆高新区（以下简称“科学城高新区”）公布"),
        ("负责人介绍:“得益于", "负责人介绍：“得益于"),
        ("如何监管?", "如何监管？"),
        ("自主核销;自主核报", "自主核销；自主核报"),
        ("产值(营\n收)占", "产值（营\n收）占"),
        ("1,000 units at 10:30", "1,000 units at 10:30"),
        ("Python (beta) 版本", "Python (beta) 版本"),
        ("see a.php?x=1", "see a.php?x=1"),
        ("循环(ORC)项目", "循环（ORC）项目"),
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
        ("“ 科 学 重 器 ”结 硕 果", "“科学重器”结硕果"),
        ("重庆 数字经济引领创新发展", "重庆 数字经济引领创新发展"),
        ("深圳光明科学城汇聚 24 个重大科技创新载体——", "深圳光明科学城汇聚24个重大科技创新载体——"),
        ("前三季度GDP增速达7.6% 经济运行平稳有序", "前三季度GDP增速达7.6% 经济运行平稳有序"),
        ("链 条 式 招 商", "链条式招商"),
    ],
)
def test_headline_letter_spacing(raw, clean):
    assert collapse_letter_spacing(raw) == clean


def test_close_single_letters_keeps_separators():
    assert close_single_letters("本报记者 王 静") == "本报记者 王静"
    assert close_single_letters("王静 郭雨嫣") == "王静 郭雨嫣"


@pytest.mark.parametrize(
    "left, right, joined",
    [
        ("推动形成绿色低碳的", "绿色产业链。", "推动形成绿色低碳的绿色产业链。"),
        ("累计收集诉求564件，已解决533", "件，持续擦亮", "累计收集诉求564件，已解决533件，持续擦亮"),
        ("a modern industrial", "park in Suzhou", "a modern industrial park in Suzhou"),
        ("形成深蓝、AITO", "问界", "形成深蓝、AITO问界"),
    ],
)
def test_hard_wrapped_lines_rejoin(left, right, joined):
    assert join_lines(left, right) == joined
