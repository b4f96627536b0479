"""Property: cleaning never drops a Chinese character, except the doubled text and repeated
paragraphs it is meant to remove (which it reports), and every block lands in one place."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clippings.text.segment import split_page

from .pagecheck import assert_cleaning_keeps_han, assert_nothing_lost, han

HAN = "重庆高新区经开发技术产业园企业记者本报讯摄图为张王李赵静强数字经济创新发展科学城"
PUNCT = "，。、：；！？“”（）《》——…⋯·"
OTHER = "0123456789%.ABCxyz /#()?,:;▶□"

line = st.text(alphabet=HAN + PUNCT + OTHER + "　", max_size=40)
page = st.lists(st.one_of(line, st.just(""), st.sampled_from(["本报记者 张静", "袁芳 李强", "摄/赵强", "本版编辑 李静 美编 王强", "## 数字经济"])), max_size=40).map("\n".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page)
def test_cleaning_keeps_every_chinese_character(raw):
    segmented = split_page(raw)
    assert_cleaning_keeps_han(raw, segmented)
    assert_nothing_lost(segmented)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=HAN.replace("摄", "").replace("图", "") + "，。", min_size=1, max_size=20),
                min_size=1, max_size=10))
def test_text_without_doubling_or_repeats_keeps_all_characters_in_order(lines):
    # no line is a doubled run, no paragraph repeats and no photo credit or caption (图为…, which
    # moves out of a sentence it interrupts: 业 / 图为。/ 业): every character comes through, in order
    raw = "\n\n".join(lines)
    segmented = split_page(raw)
    if segmented.page.removed:
        return  # the generator made doubled or repeated text by chance
    assert han(segmented.page.text) == han(raw)
    out = "".join(ch for ch in segmented.page.text if ch in HAN)
    assert out == "".join(ch for ch in raw if ch in HAN)
