"""Pages printed in traditional characters: split on their simplified fold, stored as printed.

The pages are written for these tests; the traditional page is its simplified twin as a
Taiwanese or Hong Kong paper would print it, with the characters that fold together (幹部, 若干
and 乾淨 all fold to 干; 發展 and 頭髮 to 发; 以後 to 后; 裡, 裏 and 公里 to 里) so that
restoring them is put to the test.
"""
import re

import pytest

from clippings.text import chars
from clippings.text.decoding import decode_page
from clippings.text.fold import Restorer, fold, fold_chars, is_traditional
from clippings.text.pipeline import process_page

from .conftest import SAMPLES, all_seed_paths

SIMPLIFIED_PAGE = """2024年3月18日 星期一

滨江经开区平台经济跑出加速度
——一季度新签约项目总投资超过两百亿元

本报记者 陈志明

3月15日，滨江经济技术开发区举行一季度重点项目集中签约活动，新签约项目28个，总投资超过两百亿元。

开发区管委会负责人介绍，园区里的干部主动上门服务，帮助企业解决用地、用工等问题，项目落地以后，发展后劲明显增强。

目前，园区距离港口仅12公里，这里已经聚集了一批数字平台企业和生产性服务企业。

图为滨江经开区一家企业的生产车间。 李华 摄

科创走廊建设提速
湖畔高新区发布人才新政

本报讯（记者 王晓燕）湖畔高新区日前发布人才新政十条，对引进的高层次人才给予若干补贴，并提供干净整洁的人才公寓。

高新区还将设立头发护理等生活配套服务点，让人才安心发展。

责任编辑：刘洋
"""

TRADITIONAL_PAGE = """2024年3月18日 星期一

濱江經開區平臺經濟跑出加速度
——一季度新簽約項目總投資超過兩百億元

本報記者 陳志明

3月15日，濱江經濟技術開發區舉行一季度重點項目集中簽約活動，新簽約項目28個，總投資超過兩百億元。

開發區管委會負責人介紹，園區裡的幹部主動上門服務，幫助企業解決用地、用工等問題，項目落地以後，發展後勁明顯增強。

目前，園區距離港口僅12公里，這裏已經聚集了一批數字平臺企業和生產性服務企業。

圖為濱江經開區一家企業的生產車間。 李華 攝

科創走廊建設提速
湖畔高新區發佈人才新政

本報訊（記者 王曉燕）湖畔高新區日前發佈人才新政十條，對引進的高層次人才給予若干補貼，並提供乾淨整潔的人才公寓。

高新區還將設立頭髮護理等生活配套服務點，讓人才安心發展。

責任編輯：劉洋
"""


def han_only(text: str) -> str:
    return "".join(chars.HAN_RE.findall(text))


def output_strings(result) -> list[str]:
    """Every string of a page's result a reader or the archive keeps."""
    out = [result.cleaned_text, *result.furniture, *(r["text"] for r in result.report["removed"])]
    for a in result.articles:
        out += [a.title, a.kicker, a.subtitle, a.byline, *a.authors, *a.body.split("\n"), a.display_title]
        out += [s for c in a.captions for s in (c.text, c.credit, c.credit_raw)]
    return [s for s in out if s]


def test_fold_is_simplified_and_keeps_the_length():
    assert fold("開發區後來乾淨頭髮") == "开发区后来干净头发"
    assert fold_chars("開發區") == "开发区"
    assert len(fold(TRADITIONAL_PAGE)) == len(TRADITIONAL_PAGE)
    assert fold("乾隆年間") == "乾隆年间"  # a phrase the converter knows keeps its 乾
    assert fold(SIMPLIFIED_PAGE) == SIMPLIFIED_PAGE


def test_traditional_pages_are_told_from_simplified_ones():
    assert is_traditional(TRADITIONAL_PAGE)
    assert not is_traditional(SIMPLIFIED_PAGE)
    assert not is_traditional(SIMPLIFIED_PAGE.replace("干净", "乾净"))  # a stray traditional character
    for path in all_seed_paths():
        assert not is_traditional(path.read_text(encoding="utf-8")), path.name


def test_traditional_page_splits_like_its_simplified_twin():
    simplified = process_page(SIMPLIFIED_PAGE)
    traditional = process_page(TRADITIONAL_PAGE)
    assert len(traditional.articles) == len(simplified.articles) == 2
    for t, s in zip(traditional.articles, simplified.articles):
        assert (t.kind, t.subheads, len(t.captions)) == (s.kind, s.subheads, len(s.captions))
        for name in ("title", "kicker", "subtitle", "byline", "body", "display_title"):
            assert fold(getattr(t, name)) == getattr(s, name), name
        assert [fold(n) for n in t.authors] == s.authors
        assert [(fold(c.text), fold(c.credit), fold(c.credit_raw)) for c in t.captions] == [
            (c.text, c.credit, c.credit_raw) for c in s.captions
        ]
    assert [fold(f) for f in traditional.furniture] == simplified.furniture
    assert fold(traditional.cleaned_text) == simplified.cleaned_text
    first, second = traditional.articles
    assert first.title == "濱江經開區平臺經濟跑出加速度"
    assert first.authors == ["陳志明"] and second.authors == ["王曉燕"]
    assert first.captions[0].text == "圖為濱江經開區一家企業的生產車間。"
    assert traditional.furniture[-1] == "責任編輯：劉洋"


def test_every_string_keeps_the_characters_as_printed():
    result = process_page(TRADITIONAL_PAGE)
    printed = han_only(TRADITIONAL_PAGE)
    for text in output_strings(result):
        for line in text.split("\n"):
            assert han_only(line) in printed, line
    body = "\n".join(a.body for a in result.articles)
    for word in ("幹部", "若干", "乾淨", "發展", "頭髮", "以後", "後勁", "園區裡", "這裏", "公里", "平臺"):
        assert word in body, word
    # the blocks staff see on the source page are restored too
    assert all(han_only(b.text) in printed for b in result.segmented.page.blocks)


def test_removed_text_is_reported_as_printed():
    doubled = "圖為濱江經開區一家企業的生產車間圖為濱江經開區一家企業的生產車間。。 （（資料圖片資料圖片））"
    page = TRADITIONAL_PAGE.replace("圖為濱江經開區一家企業的生產車間。 李華 攝", doubled)
    twin = SIMPLIFIED_PAGE.replace("图为滨江经开区一家企业的生产车间。 李华 摄", fold(doubled))
    removed = [r["text"] for r in process_page(page).report["removed"]]
    assert removed and [fold(text) for text in removed] == [r["text"] for r in process_page(twin).report["removed"]]
    assert set(han_only("".join(removed))) <= set(han_only(doubled))


def test_a_simplified_page_is_split_as_it_is():
    page = SIMPLIFIED_PAGE.replace("提供干净整洁", "提供乾净整洁")  # a stray traditional character
    result = process_page(page)
    assert "乾净整洁" in result.articles[1].body


def test_restorer_brings_back_each_printed_form():
    printed = "乾淨的幹部，若干頭髮，發展以後"
    restorer = Restorer(printed, fold(printed))
    assert restorer.restore("干部若干") == "幹部若干"
    assert restorer.restore("【干净】") == "【乾淨】"
    assert restorer.restore("头发，发展") == "頭髮，發展"
    assert restorer.restore("以后") == "以後"
    with pytest.raises(ValueError):
        Restorer(printed, printed[:-1])


def shape(result) -> list:
    """What the split decided, without the characters: kinds, field lengths, paragraphs, captions."""
    return [
        (a.kind, len(a.title), len(a.kicker), len(a.subtitle), len(a.byline), [len(n) for n in a.authors],
         [len(p) for p in a.body.split("\n")], a.subheads, [(len(c.text), len(c.credit)) for c in a.captions])
        for a in result.articles
    ] + [len(f) for f in result.furniture]


@pytest.mark.parametrize("path", [*all_seed_paths(), *sorted(SAMPLES.glob("*.txt"))], ids=lambda p: p.name[:3])
def test_seed_and_sample_pages_in_traditional_characters_split_as_printed(path):
    """The seeds and samples converted by OpenCC (s2t) split exactly as the originals do, and the
    Han characters of every line of the result are printed ones, in the page's order (a line the
    splitter composed — a doubled line collapsed, a credit without its 攝 — is not one run)."""
    import opencc

    simplified = decode_page(path.read_bytes()).text
    traditional = opencc.OpenCC("s2t").convert(simplified)
    assert len(traditional) == len(simplified) and is_traditional(traditional)
    result = process_page(traditional)
    assert shape(result) == shape(process_page(simplified))
    printed = han_only(traditional)
    for text in output_strings(result):
        for line in text.split("\n"):
            page = iter(printed)
            assert all(char in page for char in han_only(line)), line


def test_restorer_keeps_the_shape_of_what_it_restores():
    from collections import namedtuple
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class Record:
        text: str
        lines: list

    Pair = namedtuple("Pair", "role text")
    printed = "頭髮與發展"
    restored = Restorer(printed, fold(printed)).restore_tree(
        {"records": [Record("头发", [1, 2])], "pair": Pair("title", "发展"), "count": 3}
    )
    assert restored == {"records": [Record("頭髮", [1, 2])], "pair": Pair("title", "發展"), "count": 3}
    assert isinstance(restored["pair"], Pair)
