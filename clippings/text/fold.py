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

import opencc

from .chars import HAN_RANGES

# A page is traditional when at least this share of its Han characters fold to another character
# (simplified news text: under 1 in 100,000; traditional text: about one in four).
TRADITIONAL_SHARE = 0.05

_HAN_RUN_RE = re.compile(f"[{HAN_RANGES}]+")
_HAN_ONLY_RE = re.compile(f"[^{HAN_RANGES}]+")


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@cache
def _table() -> dict[int, str]:
    """code point -> simplified character, for every Han character OpenCC converts on its own.

    Built once by one conversion of every Han code point, one a line (no phrase spans a line
    break); OpenCC converts a character with no phrase around it to its first candidate."""
    ranges = [(ord(HAN_RANGES[i]), ord(HAN_RANGES[i + 2])) for i in range(0, len(HAN_RANGES), 3)]
    chars = [chr(code) for low, high in ranges for code in range(low, high + 1)]
    converted = _converter().convert("\n".join(chars)).split("\n")
    return {ord(c): s for c, s in zip(chars, converted) if c != s and len(s) == 1}


@cache
def _traditional_re() -> re.Pattern:
    return re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_table())) + "]")


def version() -> str:
    """Part of the search schema: another OpenCC may fold other characters."""
    return f"opencc-{opencc.__version__}-t2s"


def fold_chars(text: str) -> str:
    """Each traditional character replaced by its simplified form (same length)."""
    if not _traditional_re().search(text):
        return text
    return text.translate(_table())


def fold(text: str) -> str:
    """The simplified fold the rules read: OpenCC's phrase conversion, same length as ``text``."""
    if not _traditional_re().search(text):
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
    changed = len(_traditional_re().findall(text))
    if not changed:
        return False
    han = sum(len(run) for run in _HAN_RUN_RE.findall(text))
    return changed >= TRADITIONAL_SHARE * han


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
        self._printed = _HAN_ONLY_RE.sub("", printed)
        self._folded = _HAN_ONLY_RE.sub("", folded)
        self._cursor = 0
        # the characters that have another printed form somewhere on the page
        targets = {f for p, f in zip(self._printed, self._folded) if p != f}
        self._targets = re.compile("[" + "".join(map(re.escape, sorted(targets))) + "]") if targets else None

    def restore(self, text: str) -> str:
        if self._targets is None or not self._targets.search(text):
            return text
        places: list[int] = []  # index in text of each Han character
        han: list[str] = []
        for run in _HAN_RUN_RE.finditer(text):
            places.extend(range(run.start(), run.end()))
            han.append(run.group())
        out = list(text)
        for place, position in zip(places, self._locate("".join(han))):
            if position is not None:
                out[place] = self._printed[position]
        return "".join(out)

    def _find(self, piece: str) -> int:
        found = self._folded.find(piece, self._cursor)
        return found if found >= 0 else self._folded.find(piece)

    def _locate(self, han: str) -> list[int | None]:
        """The position in the page's folded Han characters of each of ``han``, in order."""
        out: list[int | None] = []
        start = 0
        while start < len(han):
            found = self._find(han[start:])
            if found >= 0:
                length = len(han) - start
            elif self._find(han[start]) < 0:  # not from the page (added by a rule)
                out.append(None)
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
            out.extend(range(found, found + length))
            self._cursor = found + length
            start += length
        return out

    def restore_tree(self, value, _seen: set[int] | None = None):
        """``value`` with every string in it restored: strings, lists, tuples, dicts (values) and
        dataclasses (their fields, set in place, each object once however often it is shared)."""
        seen = set() if _seen is None else _seen
        if isinstance(value, str):
            return self.restore(value)
        if isinstance(value, list):
            return [self.restore_tree(item, seen) for item in value]
        if isinstance(value, tuple):
            return tuple(self.restore_tree(item, seen) for item in value)
        if isinstance(value, dict):
            return {key: self.restore_tree(item, seen) for key, item in value.items()}
        fields = getattr(value, "__dataclass_fields__", None)
        if fields and id(value) not in seen:
            seen.add(id(value))
            for name in fields:
                # object.__setattr__: frozen records (a byline's parts) are restored too
                object.__setattr__(value, name, self.restore_tree(getattr(value, name), seen))
        return value
