"""Character classes shared by every step of the text pipeline.

One place for the question "is this a Chinese character / Chinese punctuation?" so that
cleaning, splitting and (later) tokenising agree.
"""
from __future__ import annotations

import re
from functools import lru_cache

# Han ideographs: CJK Unified (incl. extension A), compatibility ideographs, extensions B+.
HAN_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN = f"[{HAN_RANGES}]"
HAN_RE = re.compile(HAN)

# Punctuation used in Chinese text: CJK symbols block, full-width forms, curly quotes,
# ellipsis, em dash, middle dot and the bullets newspapers put before bylines.
CJK_PUNCT = (
    "\u3000-\u303f"  # 、。〈〉《》「」『』【】〔〕〖〗〝〞
    "\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"  # ！（），．：；？［］｛｝ …
    "\u2018\u2019\u201c\u201d"  # ‘’“”
    "\u2026\u2014\u2015\u00b7\u2027"  # … — ― · ‧
    "\u25a0-\u25ff\u2605\u2606"  # ■□▶▲●◆★☆
)
CJK_PUNCT_RE = re.compile(f"[{CJK_PUNCT}]")
# A character that belongs to Chinese text (ideograph or its punctuation).
CJK = f"[{HAN_RANGES}{CJK_PUNCT}]"
CJK_RE = re.compile(CJK)

# Sentence-final punctuation: a line ending with one of these (optionally followed by
# closing quotes/brackets) may end a paragraph.
SENTENCE_END = "。！？!?…"
CLOSERS = "”’）)》」』】〕"
_SENTENCE_END_RE = re.compile(f"[{re.escape(SENTENCE_END)}][{re.escape(CLOSERS)}]*$")
# Punctuation that only occurs inside running sentences, never in a headline.
SENTENCE_PUNCT = "，。；！？,;"
_SENTENCE_PUNCT_RE = re.compile(f"[{re.escape(SENTENCE_PUNCT)}]")
# Punctuation a typesetter never puts at the start of a line: a line opening with one continues
# the line above (OCR broke it there).
NO_LINE_START = "，。、；：？！,.;:?!" + CLOSERS


def continues_above(text: str) -> bool:
    text = text.lstrip(" \u3000")
    return bool(text) and text[0] in NO_LINE_START


# Any punctuation a body line would contain.
BODY_PUNCT_RE = re.compile(r"[，。；！？、：,;:]")


def is_han(ch: str) -> bool:
    return bool(HAN_RE.match(ch))


def is_cjk(ch: str) -> bool:
    """Han ideograph or Chinese punctuation."""
    return bool(CJK_RE.match(ch))


def han_count(text: str) -> int:
    # (what is left when the ideographs are taken out: no list of matches built)
    return len(text) - len(HAN_RE.sub("", text))


# where a reprint came from, on a line of its own after its text: （来源：某某日报）, （据新华社电）
# (after a sentence, in the paragraph, it cites one fact's source and ends nothing)
SOURCE_LINE_RE = re.compile(
    r"[（(](?:(?:稿件|信息)?来源\s*[:：][^（）()]{1,20}(?:报|社|网|台|客户端|公众号)|据[^（）()]{1,12}(?:社|报|网|台)电?)[)）]"
)
# "（完）" closes an article, and so do a note of where it was first printed (（摘编自《某日报》，原题
# 为《…》）) and the end of a series (（本组评论到此结束）): the article's last words, not a byline
END_MARK_RE = re.compile(
    r"[（(](?:完|全文完|待续|未完待续|(?:摘编自|摘自|原载|转载自)[^（）()]{2,80}|[^（）()]{0,12}到此结束)[)）]$"
)


# where the article goes on: （下转第2版）, （转A3版）, which ends its text on this page
_TURN = r"(?:下转|转|续)\s*第?\s*[\dA-Z一二三四五六七八九十]{1,3}\s*版[^（）()]{0,8}"
TURN_NOTE_RE = re.compile(rf"[（(]\s*{_TURN}[)）]$")
# a cross-reference (（见专栏2）, （相关报道见第四版）) or a turn: after the sentence it belongs to
# (…更多国家。（见专栏2）) or on a line of its own, where it ends the article's text above it too
_REFERENCE = (
    rf"[（(]\s*(?:(?:相关[^（）()]{{0,4}}?)?(?:详|参)?见[^（）()]{{1,20}}"
    rf"|[^（）()]{{1,10}}?见第[^（）()]{{1,12}}版|{_TURN})[)）]"  # （规划全文见第五、六版）
)
# a closing bracket anywhere on a line: where a bracket the line above opened ends
CLOSING_BRACKET_RE = re.compile(r"[)）]")
_REFERENCE_AFTER_STOP_RE = re.compile(rf"[。！？!?][”’」』]*\s*{_REFERENCE}$")
REFERENCE_LINE_RE = re.compile(rf"^{_REFERENCE}$")

# the writer of a brief in brackets after its last full stop (……入住。（王磊）, 。（王磊 李明）); after a
# question or an exclamation a bracket is a headline's column tag (……有多少种形态？（园区问答）)
_SIGNED_AFTER_STOP_RE = re.compile(
    r"。[”’」』]*\s*[（(]\s*(?:[\u3400-\u9fff·]\s?){2,4}(?:[、\s]\s*(?:[\u3400-\u9fff·]\s?){2,4})?[)）]$"
)


# every form above fits in this many last characters (an end mark's note runs to 80, its words around it)
_END_FORMS_SPAN = 120


# a passage this long wholly in brackets is a note (（综合本报记者…报道；本期统筹：…）), not a column
# tag or a dated line under a headline, and nothing runs on from it
_NOTE_CHARS = 40


def _is_bracketed_note(text: str) -> bool:
    """(asked only of a text whose end is a closing bracket)"""
    text = text.strip()
    if len(text) < _NOTE_CHARS or text[0] not in "（(":
        return False
    depth = 0
    for position, ch in enumerate(text):
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth -= 1
            if depth == 0:
                return position == len(text) - 1  # the first bracket closes at the end, not before
    return False


def ends_sentence(text: str) -> bool:
    # (asked of every line and of every paragraph as it grows: the patterns read only its end, as a
    # search for "…$" would otherwise try every position of a long paragraph)
    tail = text[-_END_FORMS_SPAN:].rstrip()
    if _SENTENCE_END_RE.search(tail):
        return True
    return tail.endswith(("）", ")")) and bool(
        END_MARK_RE.search(tail) or _REFERENCE_AFTER_STOP_RE.search(tail) or REFERENCE_LINE_RE.match(tail.lstrip())
        or _SIGNED_AFTER_STOP_RE.search(tail) or _is_bracketed_note(text) or SOURCE_LINE_RE.fullmatch(text.strip())
    )


def has_sentence_punct(text: str) -> bool:
    return bool(_SENTENCE_PUNCT_RE.search(text))


_SPACES_RE = re.compile(r"\s+")  # (for str patterns, exactly the characters str.isspace accepts)


def strip_spaces(text: str) -> str:
    return _SPACES_RE.sub("", text)


_WIDE_RE = re.compile("[\u2000-\U0010ffff]")


@lru_cache(maxsize=8192)
def display_width(text: str) -> float:
    """Printed width in em: characters from U+2000 up (Chinese, full-width) 1, others 0.5, spaces 0
    (OCR spaces are noise). Counted with regexes and kept: it is asked of every line of every page,
    by the first pass and again by the line model."""
    printed = strip_spaces(text)
    narrow = len(_WIDE_RE.sub("", printed))
    return 0.5 * narrow + (len(printed) - narrow)

