"""The word field's tokenizer (rjieba) gives jieba's own Chinese words, on the seeds and on our own text.

The one known difference is in runs of Latin letters and digits: rjieba keeps ``1-11`` or ``n_l``
as one token where jieba drops the pieces around ``-`` and ``_``. The word field only ranks (recall
comes from the character-pair field), so this changes no result set.
"""
from __future__ import annotations

import jieba
import pytest

from clippings.search.analysis import words
from clippings.text.searchtext import fold

from .conftest import SAMPLES, all_seed_paths


def _chinese(tokens: list[str]) -> list[str]:
    return [w for w in tokens if any("\u4e00" <= ch <= "\u9fff" for ch in w)]


def _jieba_words(text: str) -> list[str]:
    return _chinese(jieba.lcut(fold(text), HMM=True))


TEXTS = [
    "苏州工业园区纳米城引进新能源汽车零部件企业12家，总投资2000亿元，同比增长7.6%。",
    "ＡＢＣ公司在西安高新区建设智能网联汽车测试场，预计2025年投产。",
    "“十四五”以来，合肥经开区集成电路产业链不断延伸……",
    "1-11月，园区实现规上工业产值同比增长12.3%，2023-2027年行动计划发布。",
]


@pytest.mark.parametrize("path", all_seed_paths() + sorted(SAMPLES.glob("*.txt")), ids=lambda p: p.name)
def test_rjieba_words_equal_jieba_words_on_pages(path):
    text = path.read_text(encoding="utf-8", errors="replace")
    assert _chinese(words(text)) == _jieba_words(text)


@pytest.mark.parametrize("text", TEXTS)
def test_rjieba_words_equal_jieba_words_on_written_text(text):
    assert _chinese(words(text)) == _jieba_words(text)
