"""Do two stretches of text tell the same story? (no Django)

A short unmarked line between paragraphs is either a subhead inside an article or the headline
of the next one. Sections of one article keep talking about the same people, places and things;
the next article on a page usually does not. The measure is the share of the following text's
content words (weighted by how rare they are: jieba's IDF table) that the text so far also used
(the lexical cohesion of TextTiling).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jieba
import rjieba



@lru_cache(maxsize=1)
def _idf() -> tuple[dict[str, float], float]:
    path = Path(jieba.__file__).parent / "analyse" / "idf.txt"
    table: dict[str, float] = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            word, _, value = line.rstrip("\n").partition(" ")
            if value:
                table[word] = float(value)
    values = sorted(table.values())
    return table, values[len(values) // 2]


@lru_cache(maxsize=2048)
def content_words(text: str) -> dict[str, float]:
    """The text's content words (two or more characters, starting with a common ideograph) with their IDF weights."""
    lines = content_words_of_lines([text])
    return lines[0] if len(lines) == 1 else {word: weight for words in lines for word, weight in words.items()}


def content_words_of_lines(lines: list[str]) -> list[dict[str, float]]:
    """``content_words`` of each of many lines (no line breaks in them), cut in one pass: a line
    break ends every word, so this is the same as cutting the lines one by one, for less."""
    idf, median = _idf()
    out: list[dict[str, float]] = [{}]
    for w in rjieba.cut("\n".join(lines)):
        if w == "\n":
            out.append({})
        elif len(w) >= 2 and "\u4e00" <= w[0] <= "\u9fff":
            out[-1][w] = idf.get(w, median)
    return out


def words_of_paragraphs(paragraphs: list[str], limit: int) -> dict[str, float]:
    """``content_words`` of whole paragraphs, taken in the order given until they hold ``limit``
    characters. A page's paragraphs are each cut once (``content_words`` keeps them), however many
    headlines on the page compare the text before and after them."""
    words: dict[str, float] = {}
    size = 0
    for paragraph in paragraphs:
        words.update(content_words(paragraph))
        size += len(paragraph)
        if size >= limit:
            break
    return words


def word_cohesion(earlier: dict[str, float], later: dict[str, float]) -> float:
    """``cohesion`` of texts already cut into content words (``content_words``)."""
    if not later:
        return 0.0
    total = sum(later.values())
    shared = sum(weight for word, weight in later.items() if word in earlier)
    return shared / total if total else 0.0
