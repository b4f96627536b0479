"""Collapse text that OCR read twice from bold or shadowed type (no Django).

Bold captions come out of OCR with every run doubled::

    图为湖心科学城一角图为湖心科学城一角。。 （（资料图片资料图片））
    芯片芯片 66 寸晶圆中试寸晶圆中试

A line is collapsed only when the *whole* line reads as a sequence of doubled runs, so
ordinary text that happens to contain "天天" or "……" is left alone.
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache

from .chars import han_count

# A doubled line must have at least this many non-space characters and at least one doubled
# run with two or more Chinese characters (so "哈哈" or "……" on their own stay as they are).
MIN_LINE_CHARS = 4


def undouble_line(line: str) -> str | None:
    """Return the collapsed line, or ``None`` if the line is not doubled text."""
    single = _undouble(line)
    if single is None and " " in line.strip():
        # a letter-spaced line read twice (“ 关 于 ” “ 关 于 ”): its runs hold the spaces
        single = _undouble(line.replace(" ", ""))
    return single


def _undouble(line: str) -> str | None:
    compact = line.strip()
    letters = len(compact) - compact.count(" ")
    if letters < MIN_LINE_CHARS or letters % 2:
        return None
    # the first run comes again right after itself: its first character is back within the
    # first half of the line (asked of every line: most fail here, before any counting)
    again = compact.find(compact[0], 1)
    if again < 0 or again > len(compact) // 2:
        return None
    # each run is printed twice, so every character occurs an even number of times: most lines
    # fail this count at once, before the search for runs
    if any(n % 2 for char, n in Counter(compact).items() if char != " "):
        return None
    runs = _parse(compact)
    if runs is None or not any(han_count(run) >= 2 for run in runs if run != " "):
        return None
    return "".join(runs).strip()


def _parse(text: str) -> list[str] | None:
    """Split ``text`` into doubled runs (each returned once) and single spaces."""
    n = len(text)

    @lru_cache(maxsize=None)
    def parse_from(i: int) -> tuple[str, ...] | None:
        if i == n:
            return ()
        if text[i] == " ":
            rest = parse_from(i + 1)
            return None if rest is None else (" ",) + rest
        # prefer the longest doubled run: fewer, more meaningful pieces
        for length in range((n - i) // 2, 0, -1):
            run = text[i : i + length]
            if " " in run or text[i + length : i + 2 * length] != run:
                continue
            rest = parse_from(i + 2 * length)
            if rest is not None:
                return (run,) + rest
        return None

    if n > 400:  # a doubled line is a caption or headline, never a long paragraph
        return None
    result = parse_from(0)
    parse_from.cache_clear()
    return list(result) if result is not None else None
