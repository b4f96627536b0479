"""Plain-Python helpers of the reading room: year bars for the SVG chart, mention links in text."""
from clippings.charts import nice_step, year_bars
from clippings.text.linkify import link_segments


def test_year_bars_fill_missing_years_and_scale_to_the_peak():
    chart = year_bars([(2019, 4), (2022, 10)])
    assert [b.label for b in chart.bars] == ["2019", "2020", "2021", "2022"]
    assert [b.value for b in chart.bars] == [4, 0, 0, 10]
    tallest = max(chart.bars, key=lambda b: b.height)
    assert tallest.label == "2022" and tallest.y + tallest.height == chart.baseline
    assert chart.bars[1].height == 0 and chart.total == 14
    assert chart.ticks[0][0] == 0 and chart.ticks[-1][0] >= 10


def test_year_bars_empty_and_single_year():
    assert year_bars([]).empty
    single = year_bars([(2024, 3)])
    assert len(single.bars) == 1 and single.bars[0].width <= 48


def test_many_years_get_thinned_labels():
    chart = year_bars([(y, 1) for y in range(1990, 2025)])
    shown = [b.label for b in chart.bars if b.show_label]
    assert len(shown) <= 13 and shown[-1] == "2024"


def test_nice_step():
    assert [nice_step(n) for n in (1, 4, 9, 37, 180, 1234)] == [1, 1, 5, 10, 50, 500]


def test_link_segments_longest_name_wins_and_text_is_unchanged():
    text = "苏州工业园区与苏州高新区合作，苏州企业受益。"
    targets = {"苏州": "/a/", "苏州工业园区": "/b/", "苏州高新区": "/c/"}
    pieces = link_segments(text, targets)
    assert "".join(p for p, _ in pieces) == text
    assert [(p, url) for p, url in pieces if url] == [("苏州工业园区", "/b/"), ("苏州高新区", "/c/"), ("苏州", "/a/")]


def test_link_segments_without_targets_or_text():
    assert link_segments("正文", {}) == [("正文", None)]
    assert link_segments("", {"a": "/a/"}) == []
    assert link_segments("a+b (c)", {"(c)": "/c/"}) == [("a+b ", None), ("(c)", "/c/")]
