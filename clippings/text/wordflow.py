"""Does a hard-wrapped line continue on the next one? (no Django)

OCR breaks lines wherever the column ended, often inside a word ("…它的核心是发" / "动机…").
When a dictionary word spans the break, the two lines belong to one sentence. jieba's
dictionary (without its HMM guesser, which would invent words) answers that, through rjieba (the
same dictionary and algorithm in Rust, ten times faster: the line model asks it of every line).
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache

import jieba
import rjieba

from .chars import HAN

jieba.setLogLevel(logging.WARNING)

_TAIL_RE = re.compile(f"{HAN}{{1,4}}$")
_HEAD_RE = re.compile(f"^{HAN}{{1,4}}")


@lru_cache(maxsize=4096)
def runs_on(line: str, next_line: str) -> bool:
    """True when a dictionary word is split across the end of ``line`` and the start of ``next_line``."""
    tail = _TAIL_RE.search(line.replace(" ", ""))
    head = _HEAD_RE.search(next_line.replace(" ", ""))
    if not tail or not head:
        return False
    left, right = tail.group(), head.group()
    boundary = len(left)
    position = 0
    for word in rjieba.cut(left + right, False):
        start, end = position, position + len(word)
        if start < boundary < end:
            return True
        position = end
    return False


# words no phrase ends on (structural particles, conjunctions, prepositions, the ordinal 第)
_OPEN_ENDS = (*"的之和与及或在对为把被向从以让使将于并而且第", "关于", "对于", "以及", "为了", "由于")


def ends_on_particle(line: str) -> bool:
    """The line's last word is one no phrase ends on: the line goes on in the next one."""
    if not line.endswith(_OPEN_ENDS):
        return False
    words = rjieba.cut(line)  # (方向 or 作为 end on 向 and 为 in words of their own)
    return bool(words) and words[-1] in _OPEN_ENDS


def left_open(line: str, next_line: str) -> bool:
    """The line stops where no phrase ends, so the next one goes on with it: on a particle (…经济的
    / 重要平台) or inside a list or a number (broken_off)."""
    return ends_on_particle(line.rstrip()) or broken_off(line, next_line)


def broken_off(line: str, next_line: str) -> bool:
    """The line breaks off inside a list (…管委会、 / 科技局) or a number (…9月1 / 7日)."""
    line, next_line = line.rstrip(), next_line.lstrip()
    return line.endswith("、") or line[-1:].isdigit() and next_line[:1].isdigit()
