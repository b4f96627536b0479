"""Traditional characters: the simplified fold the rules read, and the way back to the print.

Every rule and dictionary of the pipeline (bylines 本报记者, credits 摄, furniture 责任编辑, the
gazetteer, jieba) is written in simplified characters. A page printed in traditional characters
is read through its simplified fold, made by OpenCC's ``t2s`` conversion; what is stored stays as
printed. The fold is length-preserving, character by character, so an offset in the fold is the
same offset in the printed text, and a string cut from the fold can be restored exactly
(``Restorer``).

Two folds:

* ``fold``: OpenCC's phrase conversion (乾隆 stays 乾隆, 乾淨 becomes 干净), for the rules. A
  line whose conversion would change its length is converted character by character.
* ``fold_chars``: each character on its own, for search: a query must fold to a substring of the
  folded text wherever it is a substring of the text, which a context-dependent fold breaks
  (``乾`` alone and ``乾隆`` would fold differently).

Plain Python, no Django.
"""
from __future__ import annotations

import re
from functools import cache

import numpy as np
import opencc

from .chars import HAN_RANGES

# A page is traditional when at least this share of its Han characters fold to another character
# (simplified news text: under 1 in 100,000; traditional text: about one in four).
TRADITIONAL_SHARE = 0.05


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


# (first, last) code point of each Han block
_HAN_BLOCKS = [(ord(HAN_RANGES[i]), ord(HAN_RANGES[i + 2])) for i in range(0, len(HAN_RANGES), 3)]


@cache
def _table() -> dict[int, str]:
    """code point -> simplified character, for every Han character OpenCC converts on its own.

    Built once by one conversion of every Han code point, one a line (no phrase spans a line
    break); OpenCC converts a character with no phrase around it to its first candidate."""
    chars = [chr(code) for low, high in _HAN_BLOCKS for code in range(low, high + 1)]
    converted = _converter().convert("\n".join(chars)).split("\n")
    han = {chr(code) for low, high in _HAN_BLOCKS for code in range(low, high + 1)}
    return {ord(c): s for c, s in zip(chars, converted) if c != s and s in han}


@cache
def _arrays() -> tuple[np.ndarray, np.ndarray]:
    """Per code point up to the last Han one: its simplified code point, and whether it is Han.

    A page is folded and tested as one array of code points (two lookups); a Python loop or
    ``str.translate`` over a page costs 3–5 ms per 10,000 characters, a regex of the 5,000
    traditional characters far more (its astral ones defeat the regex engine's bitmap)."""
    size = max(high for _, high in _HAN_BLOCKS) + 1
    simplified = np.arange(size, dtype=np.uint32)
    for code, char in _table().items():
        simplified[code] = ord(char)
    han = np.zeros(size, dtype=bool)
    for low, high in _HAN_BLOCKS:
        han[low : high + 1] = True
    return simplified, han


def _codes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _han_mask(codes: np.ndarray) -> np.ndarray:
    _, han = _arrays()
    return han[np.minimum(codes, len(han) - 1)] & (codes < len(han))


def _decode(codes: np.ndarray) -> str:
    return codes.astype(np.uint32).tobytes().decode("utf-32-le", "surrogatepass")


def _folded_codes(codes: np.ndarray) -> np.ndarray:
    simplified, _ = _arrays()
    inside = codes < len(simplified)
    return np.where(inside, simplified[np.minimum(codes, len(simplified) - 1)], codes)


def version() -> str:
    """Part of the search schema: another OpenCC may fold other characters."""
    return f"opencc-{opencc.__version__}-t2s"


def fold_chars(text: str) -> str:
    """Each traditional character replaced by its simplified form (same length)."""
    codes = _codes(text)
    folded = _folded_codes(codes)
    return text if np.array_equal(folded, codes) else _decode(folded)


def fold(text: str) -> str:
    """The simplified fold the rules read: OpenCC's phrase conversion, same length as ``text``."""
    codes = _codes(text)
    if np.array_equal(_folded_codes(codes), codes):
        return text
    converted = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    table = _table()
    lines = []
    for line in text.split("\n"):
        folded = _converter().convert(line)
        lines.append(folded if len(folded) == len(line) else line.translate(table))
    return "\n".join(lines)


def is_traditional(text: str) -> bool:
    """Whether a page is printed in traditional characters (share of Han characters the fold changes)."""
    codes = _codes(text)
    changed = int(np.count_nonzero(_folded_codes(codes) != codes))
    return changed > 0 and changed >= TRADITIONAL_SHARE * int(np.count_nonzero(_han_mask(codes)))


_SCALARS = frozenset({int, float, bool, type(None)})


class Restorer:
    """Puts the printed characters back into strings cut from the fold of a page.

    The splitter keeps the Han characters of the page in order (it removes doubled and repeated
    text, and changes spaces, punctuation and digits), so each run of an output string's Han
    characters is a run of the page's Han characters: found in the fold's Han characters (the
    longest run at a time, from where the last one ended, else anywhere on the page), each takes
    the printed character at its place. 後 and 后 both fold to 后, and each comes back as printed.
    """

    def __init__(self, printed: str, folded: str):
        if len(printed) != len(folded):
            raise ValueError("the fold must keep the length of the text")
        printed_codes, folded_codes = _codes(printed), _codes(folded)
        han = _han_mask(printed_codes)
        printed_codes, folded_codes = printed_codes[han], folded_codes[han]
        self._printed, self._folded = _decode(printed_codes), _decode(folded_codes)
        self._cursor = 0
        self._restored: dict[str, str] = {}  # a block's text is also a title or a paragraph
        # the characters that have another printed form somewhere on the page
        targets = "".join(map(chr, np.unique(folded_codes[printed_codes != folded_codes]).tolist()))
        self._targets = re.compile(f"[{re.escape(targets)}]") if targets else None

    def restore(self, text: str) -> str:
        if self._targets is None or not self._targets.search(text):
            return text
        codes = _codes(text).copy()
        places = np.flatnonzero(_han_mask(codes))
        codes[places] = _codes(self._restore_han(_decode(codes[places])))
        return _decode(codes)

    def _find(self, piece: str) -> int:
        found = self._folded.find(piece, self._cursor)
        return found if found >= 0 else self._folded.find(piece)

    def _restore_han(self, han: str) -> str:
        """``han`` (Han characters cut from the fold, in order) as printed."""
        out: list[str] = []
        start = 0
        while start < len(han):
            found = self._find(han[start:])
            if found >= 0:
                length = len(han) - start
            elif self._find(han[start]) < 0:  # not from the page (added by a rule): left as it is
                out.append(han[start])
                start += 1
                continue
            else:
                # the longest run that is on the page (a shorter run is wherever a longer one is)
                low, high = 1, len(han) - start
                while high - low > 1:
                    middle = (low + high) // 2
                    if self._find(han[start : start + middle]) >= 0:
                        low = middle
                    else:
                        high = middle
                length = low
                found = self._find(han[start : start + length])
            out.append(self._printed[found : found + length])
            self._cursor = found + length
            start += length
        return "".join(out)

    def restore_tree(self, value, _seen: set[int] | None = None):
        """``value`` with every string in it restored: strings, lists, tuples (named ones too),
        dicts (values) and dataclasses (their fields, set in place, each object once however often
        it is shared)."""
        seen = set() if _seen is None else _seen
        kind = type(value)
        if kind is str:  # (a str enum member stays what it is)
            restored = self._restored.get(value)
            if restored is None:
                restored = self._restored[value] = self.restore(value)
            return restored
        if kind in _SCALARS:  # (a block's line numbers: most of what there is to walk)
            return value
        if isinstance(value, list):
            return [self.restore_tree(item, seen) for item in value]
        if isinstance(value, tuple):
            items = [self.restore_tree(item, seen) for item in value]
            return type(value)(*items) if hasattr(value, "_fields") else tuple(items)
        if isinstance(value, dict):
            return {key: self.restore_tree(item, seen) for key, item in value.items()}
        fields = getattr(value, "__dataclass_fields__", None)
        if fields and not isinstance(value, type) and id(value) not in seen:
            seen.add(id(value))
            for name in fields:
                # object.__setattr__: frozen records (a byline's parts) are restored too
                object.__setattr__(value, name, self.restore_tree(getattr(value, name), seen))
        return value
