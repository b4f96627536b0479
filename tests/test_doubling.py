"""Text doubled by bold type is collapsed; ordinary text is left alone."""
import pytest

from clippings.text.doubling import undouble_line


@pytest.mark.parametrize(
    "doubled, single",
    [
        ("图为深圳光明科学城启动区图为深圳光明科学城启动区。。 （（资料图片资料图片））", "图为深圳光明科学城启动区。 （资料图片）"),
        ("（（资料图片资料图片））", "（资料图片）"),
        ("电子电子 88 寸特色工艺中寸特色工艺中", "电子 8 寸特色工艺中"),
        ("试线试线，，研发人员正在研发人员正在", "试线，研发人员正在"),
        ("图为合肥高新区图为合肥高新区", "图为合肥高新区"),
    ],
)
def test_doubled_lines_collapse(doubled, single):
    assert undouble_line(doubled) == single


@pytest.mark.parametrize(
    "text",
    ["天天向上", "……", "哈哈", "重庆高新区探索“双化”协同发展路径", "高新区高新区管委会", "谢谢", "。。"],
)
def test_ordinary_text_is_not_doubled(text):
    assert undouble_line(text) is None
