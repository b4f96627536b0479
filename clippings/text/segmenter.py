"""jieba's words and part-of-speech tags through rjieba (no Django).

rjieba is the Rust port of jieba: the same dictionary (jieba's ``dict.txt``) and the same
algorithms, about 25 times faster. One instance per thread, loaded on first use; the search
index's word field and the line-joining rule (``wordflow``) use it. Its part-of-speech tags are
not jieba.posseg's (which guesses unknown words and their tags together): measured on the seed
pages, names cut with rjieba's tags kept words like 近期 and 代表齐聚 in front of a zone's name,
so ``propernames`` keeps jieba.posseg.
"""
from __future__ import annotations

import threading

import rjieba

_local = threading.local()


def segmenter() -> rjieba.Jieba:
    instance = getattr(_local, "jieba", None)
    if instance is None:
        instance = _local.jieba = rjieba.Jieba()
    return instance
