"""The query language, folding and highlighting (plain Python, no database)."""
import pytest

from clippings.text.searchtext import QueryError, fold, highlight, matches, parse_query, snippet


@pytest.mark.parametrize("text, folded", [
    ("ＡＢＣ１２３", "abc123"),
    ("智能\n网联", "智能网联"),
    ("7 . 6 ％", "7.6%"),
    ("Ｔｅｓｌａ  Model Y", "teslamodely"),
    ("高新\u200b区", "高新区"),
    ("　两江新区　", "两江新区"),
])
def test_fold_removes_what_ocr_and_keyboards_vary(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize("query, groups, excluded", [
    ("开发区", [["开发区"]], []),
    ("开发区 新能源", [["开发区"], ["新能源"]], []),
    ('"智能网联 汽车"', [["智能网联汽车"]], []),
    ("＂智能网联 汽车＂", [["智能网联汽车"]], []),
    ("“双碳”", [["“双碳”"]], []),  # Chinese quotation marks are text
    ("高新区 -重庆", [["高新区"]], ["重庆"]),
    ("苏州 OR 无锡 园区", [["苏州", "无锡"], ["园区"]], []),
    ("苏州 | 无锡", [["苏州", "无锡"]], []),
    ("ＯＲ", [["or"]], []),  # full-width OR is a word, not the operator
    ("7.6%", [["7.6%"]], []),
    ("2000亿元", [["2000亿元"]], []),
])
def test_parse_query(query, groups, excluded):
    parsed = parse_query(query)
    assert [[t.text for t in g] for g in parsed.groups] == groups
    assert [t.text for t in parsed.excluded] == excluded


@pytest.mark.parametrize("query, code", [
    ("", "empty"),
    ("   ", "empty"),
    ('"未闭合', "unbalanced_quote"),
    ('""', "empty_phrase"),
    ("OR 苏州", "dangling_or"),
    ("苏州 OR", "dangling_or"),
    ("-重庆", "only_exclusions"),
    ("字" * 201, "too_long"),
    (" ".join("abcdefghijklmn"), "too_many_terms"),
])
def test_malformed_queries_have_a_reason(query, code):
    with pytest.raises(QueryError) as error:
        parse_query(query)
    assert error.value.code == code


@pytest.mark.parametrize("query, text, expected", [
    ("开发区", "国家级经济技术开发区", True),
    ("开发区 -重庆", "重庆经济技术开发区", False),
    ("苏州 OR 无锡", "无锡高新区", True),
    ("智能网联", "智能网\n联汽车", True),
    ("7.6%", "增长7.6%", True),
    ("7.6%", "增长7,6%", False),
])
def test_meaning(query, text, expected):
    assert matches(parse_query(query), fold(text)) is expected


def test_highlight_escapes_everything_but_the_marks():
    html = highlight('<script>alert("高新区")</script> & 高新区', ["高新区"])
    assert html == '&lt;script&gt;alert(&quot;<mark>高新区</mark>&quot;)&lt;/script&gt; &amp; <mark>高新区</mark>'


def test_highlight_maps_folded_hits_back_to_the_printed_text():
    assert highlight("增长７．６％，高新\n区", ["7.6%", "高新区"]) == "增长<mark>７．６％</mark>，<mark>高新\n区</mark>"


def test_snippet_centres_on_the_hits():
    text = "开头" * 100 + "量子信息产业" + "结尾" * 100
    result = snippet(text, ["量子"], width=40)
    assert "<mark>量子</mark>" in result and result.startswith("…") and result.endswith("…")
