"""Text doubled by bold type is collapsed; ordinary text is left alone."""
import pytest

from clippings.text.doubling import undouble_line


@pytest.mark.parametrize(
    "doubled, single",
    [
        ("图为湖心科学城一角图为湖心科学城一角。。 （（资料图片资料图片））", "图为湖心科学城一角。 （资料图片）"),
        ("（（资料图片资料图片））", "（资料图片）"),
        ("芯片芯片 66 寸晶圆中试寸晶圆中试", "芯片 6 寸晶圆中试"),
        ("产线产线，，技术员正在技术员正在", "产线，技术员正在"),
        ("图为合肥高新区图为合肥高新区", "图为合肥高新区"),
        # a letter-spaced line read twice (its runs hold the spaces)
        ("滨 江 新 城 ， 开 园 ！ 滨 江 新 城 ， 开 园 ！", "滨江新城，开园！"),
    ],
)
def test_doubled_lines_collapse(doubled, single):
    assert undouble_line(doubled) == single


@pytest.mark.parametrize(
    "text",
    [
        "天天向上", "……", "哈哈", "青禾高新区走出“数绿”融合新路子", "高新区高新区管委会", "谢谢", "。。",
        "好 好 学 习", "滨 江 新 城 开 园",
    ],
)
def test_ordinary_text_is_not_doubled(text):
    assert undouble_line(text) is None
