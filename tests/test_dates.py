"""An article's year from its text, when the page came without an issue date."""
import pytest

from clippings.text.dates import infer_year


@pytest.mark.parametrize(
    "text, year",
    [
        ("截至2024年年底，青禾高新区新建科创平台31个", 2024),
        ("2023年1-9月，全区工业产值增长8.6%", 2023),
        ("2016年1月5日，推动长江经济带发展座谈会召开；2021年，产值占比过半", 2021),
        ("到2027年，将打造千亿级产业集群；力争2025年底建成", None),
        ("《行动计划（2023—2027年）》提出", None),
        ("今年以来，园区新签约项目27个", None),
        ("2035年远景目标", None),
    ],
)
def test_infer_year(text, year):
    assert infer_year(text, latest=2026) == year


def test_years_after_today_are_not_reported_years():
    assert infer_year("2031年3月5日，项目建成", latest=2026) is None
