"""Character-level normalisation of OCR text (no Django).

Each function takes a string and returns a string; none drops a Chinese character.
"""
from __future__ import annotations

import re

from .chars import CJK, CJK_RE, han_count

_INVISIBLE_RE = re.compile("[\ufeff\u200b\u200c\u200d\u2060\u00ad]")
_ODD_SPACES_RE = re.compile("[\u00a0\u2002-\u200a\u202f\u205f\u3000\t\x0b\x0c]")
_FULLWIDTH_ALNUM_RE = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_FULLWIDTH_IN_NUMBER_RE = re.compile(r"(?<=\d)[．％]|[．](?=\d)")
_ELLIPSIS_RE = re.compile("[\u22ef\u2026]+")
_ASCII_DOTS_RE = re.compile(rf"(?<={CJK})\s*\.{{3,}}|\.{{3,}}\s*(?={CJK})")
_ASCII_PUNCT_RE = re.compile(r"[,:;?!().]")
_ASCII_TO_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）", ".": "。"}
_SPACE_NEAR_CJK_RE = re.compile(rf"(?<={CJK})[ ]+|[ ]+(?={CJK})")
_AFTER_FULL_STOP = "“”‘’\"'（）()《》「」"  # what may follow a full stop on its line besides a space
_SECTION_NUMBER_RE = re.compile("[一二三四五六七八九十]{1,3}")


def normalize_chars(text: str) -> str:
    """Normalise line endings, invisible characters, widths, ellipses and punctuation."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE_RE.sub("", text)
    text = _ODD_SPACES_RE.sub(" ", text)
    text = _FULLWIDTH_ALNUM_RE.sub(lambda m: chr(ord(m.group()) - 0xFEE0), text)
    text = _FULLWIDTH_IN_NUMBER_RE.sub(lambda m: chr(ord(m.group()) - 0xFEE0), text)
    text = normalize_ellipsis(text)
    return fullwidth_punct_in_cjk(text)


def normalize_ellipsis(text: str) -> str:
    """``⋯⋯`` (U+22EF, common in OCR) and runs of ``…`` become the standard ``……``."""
    text = _ASCII_DOTS_RE.sub("……", text)

    def ellipsis(match: re.Match) -> str:
        run = match.group()
        return "……" if len(run) >= 2 else "…"

    return _ELLIPSIS_RE.sub(ellipsis, text)


def _neighbour(text: str, index: int, step: int) -> str:
    """The nearest non-whitespace character before (step=-1) or after (step=1) ``index``."""
    index += step
    while 0 <= index < len(text):
        if not text[index].isspace():
            return text[index]
        index += step
    return ""


def fullwidth_punct_in_cjk(text: str) -> str:
    """ASCII ``, : ; ? ! ( )`` next to Chinese text become their full-width forms, and a ``.`` after
    Chinese text a full stop.

    Punctuation between two ASCII characters (``1,000``, ``10:30``, ``a.php?x=1``) is kept,
    and a ``)`` closes the way its ``(`` opened.
    """
    if not _ASCII_PUNCT_RE.search(text):
        return text
    chars = list(text)
    open_parens: list[bool] = []
    # (only the punctuation is visited: a page of text with a decimal point in it is long)
    for match in _ASCII_PUNCT_RE.finditer(text):
        index, ch = match.start(), match.group()
        before, after = _neighbour(text, index, -1), _neighbour(text, index, 1)
        near_cjk = bool(before and CJK_RE.match(before)) or bool(after and CJK_RE.match(after))
        if ch == "(":
            open_parens.append(near_cjk)
            convert = near_cjk
        elif ch == ")":
            convert = open_parens.pop() if open_parens else near_cjk
        elif ch == ".":
            # a full stop after Chinese text (or a percentage) at a line's end, before a space, a
            # quote or a bracket, even on a line of its own; not a point in a number or an address
            # (10.9公里, 人民网.cn), the dots of an ellipsis, a section's number (一.总则) nor a name's
            # dot read as a point between two Chinese characters (约翰.史密斯): the character right
            # after it decides, not the next line's first
            right = text[index + 1 : index + 2]
            line_start = text.rfind("\n", 0, index) + 1
            convert = bool(before and (CJK_RE.match(before) or before == "%")) and (
                not right or right.isspace() or right in _AFTER_FULL_STOP
            ) and not _SECTION_NUMBER_RE.fullmatch(text[line_start:index].strip())
        else:
            convert = near_cjk
        if convert:
            chars[index] = _ASCII_TO_FULL[ch]
    return "".join(chars)


def remove_cjk_spaces(text: str) -> str:
    """Drop spaces OCR put next to Chinese characters; keep spaces between Latin words/numbers."""
    text = _SPACE_NEAR_CJK_RE.sub("", text)
    return re.sub(r" {2,}", " ", text).strip()


def collapse_letter_spacing(text: str) -> str:
    """Tidy a short display line (headline, byline, furniture).

    Letter-spaced runs (``“ 科 创 重 器 ”见 成 效``, ``美 编 许 岚``) are closed up, while a
    single space separating two multi-character parts (``青禾 软件产业加速成势``) is kept.
    """
    tokens = text.split()
    if len(tokens) <= 1:
        return text.strip()
    out: list[str] = [tokens[0]]
    for prev, token in zip(tokens, tokens[1:]):
        ascii_pair = not CJK_RE.match(prev[-1]) and not CJK_RE.match(token[0])
        two_parts = han_count(prev) >= 2 and han_count(token) >= 2
        # keep a space between Latin words and between two multi-character parts;
        # close up letter spacing and spaces around numbers inside Chinese text
        out.append(" " + token if ascii_pair or two_parts else token)
    joined = "".join(out)
    # a separator left next to punctuation is noise: "“ 科学" -> "“科学"
    return re.sub(r"(?<=[“（《「『【])\s+|\s+(?=[”）》」』】，。、：；！？])", "", joined)


def close_single_letters(text: str) -> str:
    """Close up runs of letter-spaced characters ("本报记者 袁 芳" -> "本报记者 袁芳"); other
    spaces stay as they are."""
    out: list[str] = []
    spaced: list[bool] = []  # was out[i] built from single characters?
    for token in text.split():
        single = han_count(token) == 1 and len(token) <= 2
        if single and out and spaced[-1]:
            out[-1] += token
        else:
            out.append(token)
            spaced.append(single)
    return " ".join(out)


def join_lines(left: str, right: str) -> str:
    """Join a hard-wrapped line to the next: nothing between Chinese, a space between words."""
    left, right = left.rstrip(), right.lstrip()
    if not left or not right:
        return left + right
    if left[-1].isascii() and left[-1].isalpha() and right[0].isascii() and right[0].isalpha():
        return f"{left} {right}"
    return left + right
