"""What each line of an unmarked page is: a learned line-role model (no Django).

Rules about single lines (a byline, a credit, a date) hold on any paper, but whether a short
line is a headline, a subhead, the first line of a paragraph or a wrapped line of running text
depends on the whole page: how wide its column is, whether it puts a blank line after every
line, whether paragraphs are indented, what the neighbouring lines look like, and whether the
text after the line goes on with the same story. A linear-chain CRF (CRFsuite) weighs that
evidence for every line of the page at once.

The labels: ``H`` headline line (kicker, title, subtitle), ``S`` subhead or section label,
``B`` first line of a paragraph, ``I`` a paragraph's next line, ``Y`` byline, ``C`` caption or
credit, ``F`` page furniture.

The model is trained on corpus pages laid out by ``clippings.evaluation.simulate`` (``manage.py
train_splitter``; the file ships in ``models/``). Without the file the splitter falls back to
its rules alone.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import chars
from .cohesion import content_words_of_lines
from .patterns import COLUMN_TAG_RE
from .wordflow import runs_on

MODEL_PATH = Path(__file__).resolve().parent / "models" / "lines.crfsuite"
LABELS = ("H", "S", "B", "I", "Y", "C", "F")
# the model's probability above which a line it calls a headline is taken as one even with a comma
SURE = 0.9

# how a line ends and starts, by its last and first characters (one dict lookup, not a regex each)
_END_OF = {
    **dict.fromkeys("。！？!?…", "end_stop"), **dict.fromkeys("，,、", "end_comma"), **dict.fromkeys("：:", "end_colon"),
    **dict.fromkeys("；;", "end_semicolon"), **dict.fromkeys("—-", "end_dash"), **dict.fromkeys("）)”’」』", "end_close"),
    **dict.fromkeys("0123456789%", "end_digit"),
}
_START_OF = {
    **dict.fromkeys("—-", "start_dash"), **dict.fromkeys("“‘「『", "start_quote"), **dict.fromkeys("（(", "start_open"),
    **dict.fromkeys("0123456789", "start_digit"), **dict.fromkeys("，。、；：？！）”’,.;:?!)", "start_punct"),
}
_CLOSERS = "”’）)」』"


class _Keys(dict):
    """Feature names made on first use (one dict lookup per line instead of a formatted string)."""

    def __init__(self, form: str):
        super().__init__()
        self.form = form

    def __missing__(self, key):
        value = self[key] = self.form.format(key)
        return value


_KIND, _PREV_KIND, _NEXT_KIND = _Keys("kind:{}"), _Keys("prev_kind:{}"), _Keys("next_kind:{}")
_MD = ("md:0", "md:1", "md:2")
_W_EDGES = (4, 7, 10, 14, 18, 24, 32, 45)
_W = tuple(f"w:{n}" for n in range(len(_W_EDGES) + 1))
_REL_EDGES = (0.5, 0.7, 0.85, 0.95, 1.05, 1.2, 1.6)
_HAN_EDGES = (2, 4, 6, 9, 13, 18, 26, 40)
_HAN = tuple(f"han:{n}" for n in range(len(_HAN_EDGES) + 1))
_BLANK_BEFORE = tuple(f"blank_before:{n}" for n in range(3))
_BLANK_AFTER = tuple(f"blank_after:{n}" for n in range(3))
_BLANK_AFTER_ON_BLANK_PAGE = tuple(f"blank_after:{n}|blankpage" for n in range(3))
_TAG_CLOSERS = ")）"  # COLUMN_TAG_RE ends with a closing bracket


@dataclass(frozen=True)
class _PageKeyset:
    page: str
    full: str
    rel: tuple[str, ...]
    end: dict[str, str]


@lru_cache(maxsize=None)
def _page_keys(page: str) -> _PageKeyset:
    """The feature names that carry the page's kind (wrapped or unwrapped)."""
    return _PageKeyset(
        page=f"page:{page}", full=f"full|{page}",
        rel=tuple(f"rel:{n}|{page}" for n in range(len(_REL_EDGES) + 1)),
        end={name: f"{name}|{page}" for name in set(_END_OF.values())},
    )


# how much text either side of a candidate headline the cohesion feature compares
_BEFORE, _AFTER = 800, 300


@dataclass
class Line:
    """One source line as the splitter's first pass typed it."""

    number: int
    text: str  # the line's pieces joined (normalised characters, single copy of doubled text)
    kinds: tuple[str, ...]  # the piece kinds found on it: text, byline, credit, furniture, label, …
    indent: bool
    blank_before: int
    level: int | None  # markdown heading level
    dateline: bool = False
    bold: bool = False  # read twice by OCR (bold type)


def bucket(value: float, edges: tuple[float, ...]) -> int:
    """The number of ``edges`` at or below ``value``."""
    return bisect_right(edges, value)


def features(lines: list[Line]) -> list[dict[str, float]]:
    """Feature dicts for the CRF, one per line, in page order."""
    if not lines:
        return []
    widths = [chars.display_width(line.text) for line in lines]
    texts = [line.text for line in lines]
    running = sorted(w for line, w in zip(lines, widths) if w >= 6 and "text" in line.kinds)
    median = running[len(running) // 2] if running else 20.0
    full = running[(3 * len(running)) // 4] if running else 20.0
    stops = [bool(chars.ends_sentence(t)) for t in texts]
    text_lines = [i for i, line in enumerate(lines) if "text" in line.kinds] or [0]
    unwrapped = sum(stops[i] for i in text_lines) / len(text_lines) >= 0.6
    blank_page = blank_every_line(lines)
    indented = sum(1 for line in lines if line.indent) / len(lines) >= 0.1
    page = "unwrapped" if unwrapped else "wrapped"
    out = []
    # each pair of neighbours asked once: does a word run across the break?
    runs = [runs_on(a, b) for a, b in zip(texts, texts[1:])]
    # the cohesion around a candidate headline: whole lines back from it until _BEFORE characters
    # and on from it until _AFTER (the line that crosses the limit counts), found by bisecting the
    # lines' end offsets; whether a later word was used earlier is one bisect into where it occurs
    offsets = [0]
    for text in texts:
        offsets.append(offsets[-1] + len(text))
    occurs: dict[str, list[int]] = {}
    line_words: list[dict[str, float]] = []

    def cohesion_at(i: int) -> float | None:
        first = max(bisect_right(offsets, offsets[i] - _BEFORE) - 1, 0)
        last = min(bisect_left(offsets, offsets[i + 1] + _AFTER) - 1, len(texts) - 1)
        if offsets[i] - offsets[first] < 100 or offsets[last + 1] - offsets[i + 1] < 60:
            return None
        if not line_words:
            line_words.extend(content_words_of_lines(texts))
            for k, words in enumerate(line_words):
                for word in words:
                    occurs.setdefault(word, []).append(k)
        later: dict[str, float] = {}
        for k in range(i + 1, last + 1):
            later.update(line_words[k])
        total = sum(later.values())
        if not total:
            return 0.0
        shared = 0.0
        for word, weight in later.items():
            rows = occurs[word]
            j = bisect_left(rows, first)
            if j < len(rows) and rows[j] < i:
                shared += weight
        return shared / total

    # (every key below is a string made once, not per line: this loop runs for every line of every page)
    keys = _page_keys(page)
    page_keys = {"bias": 1.0, keys.page: 1.0}
    if blank_page:
        page_keys["page:blank"] = 1.0
    if indented:
        page_keys["page:indented"] = 1.0
    count = len(lines)
    for i, line in enumerate(lines):
        text, w = line.text, widths[i]
        f = dict(page_keys)
        line_kinds = line.kinds
        for kind in line_kinds:
            f[_KIND[kind]] = 1.0
        if len(line_kinds) > 1:
            f["kind:multi"] = 1.0
        if line.dateline:
            f["dateline"] = 1.0
        if line.bold:
            f["bold"] = 1.0
        if line.level is not None:
            f[_MD[min(line.level, 2)]] = 1.0
        f[_W[bisect_right(_W_EDGES, w)]] = 1.0
        f[keys.rel[bisect_right(_REL_EDGES, w / full if full else 1.0)]] = 1.0
        if abs(w - full) <= 1.5:
            f[keys.full] = 1.0
        han = chars.han_count(text)
        f[_HAN[bisect_right(_HAN_EDGES, han)]] = 1.0
        last = text[-1:]
        end = _END_OF.get(last)
        if end is not None:
            f[end] = 1.0
            f[keys.end[end]] = 1.0
        if last in _CLOSERS and _END_OF.get(text.rstrip(_CLOSERS)[-1:]) == "end_stop":
            f["end_stop"] = 1.0  # 。” ends a sentence too
            f[keys.end["end_stop"]] = 1.0
        start = _START_OF.get(text[:1])
        if start is not None:
            f[start] = 1.0
        if chars.has_sentence_punct(text):
            f["inner_punct"] = 1.0
        if last in _TAG_CLOSERS and COLUMN_TAG_RE.search(text):
            f["column_tag"] = 1.0
        if " " in text:
            parts = text.split()
            if len(parts) == 2 and all(chars.han_count(p) >= 2 for p in parts):
                f["two_part"] = 1.0  # a headline printed in two parts: 青禾 软件产业加速成势
            elif len(parts) > 2:
                f["spaced"] = 1.0
        if line.indent:
            f["indent"] = 1.0
        f[_BLANK_BEFORE[min(line.blank_before, 2)]] = 1.0
        after = min(lines[i + 1].blank_before, 2) if i + 1 < count else 2
        f[_BLANK_AFTER[after]] = 1.0
        if blank_page:
            f[_BLANK_AFTER_ON_BLANK_PAGE[after]] = 1.0
        if after and not stops[i] and "text" in line_kinds and i + 2 < count and not lines[i + 2].blank_before and (
            not stops[i + 1]
        ):
            # a line left open before a blank line that does not part the next one's lines (the
            # blank parts paragraphs there, not every line): no paragraph ends without its sentence
            f["open_before_blank"] = 1.0
        if line.blank_before and i > 0 and not stops[i - 1] and "text" in lines[i - 1].kinds and (
            abs(widths[i - 1] - full) <= 1.5 or lines[i - 1].indent or chars.has_sentence_punct(texts[i - 1])
        ) and (
            i > 1 and not lines[i - 1].blank_before and not stops[i - 2] and abs(widths[i - 2] - full) <= 1.5
            or i + 1 < count and not lines[i + 1].blank_before
        ):
            # a line set apart by a blank line from an unfinished line of running text (a full
            # line, a paragraph's first or one with a comma in it) where that paragraph's lines are
            # not parted by blank lines (a full line runs into it, or the next line follows with
            # none): a headline a column read before it broke into, a subhead or a paragraph
            # after one that lost its stop, but not the paragraph's next line
            f["apart_from_open"] = 1.0
        if i > 0:
            if runs[i - 1]:
                f["runs_from_prev"] = 1.0
            if stops[i - 1]:
                f["prev_stop"] = 1.0
            if abs(widths[i - 1] - full) <= 1.5:
                f["prev_full"] = 1.0
            for kind in lines[i - 1].kinds:
                f[_PREV_KIND[kind]] = 1.0
        else:
            f["first_line"] = 1.0
        if i + 1 < count:
            following = lines[i + 1]
            if runs[i]:
                f["runs_into_next"] = 1.0
            if following.indent:
                f["next_indent"] = 1.0
                if not stops[i]:
                    f["open_before_indent"] = 1.0  # no paragraph ends without its sentence: a headline
            for kind in following.kinds:
                f[_NEXT_KIND[kind]] = 1.0
            if following.dateline:
                f["next_dateline"] = 1.0
        else:
            f["last_line"] = 1.0
        # a headline line: not a sentence, no word across either break, after the end of something
        candidate = (
            "text" in line.kinds
            and not stops[i]
            and 2 <= han <= 40
            and (unwrapped or w < full - 1.5)
            and not (i and runs[i - 1])
            and not (i + 1 < len(lines) and runs[i])
            and (i == 0 or stops[i - 1] or "text" not in lines[i - 1].kinds or widths[i - 1] < full - 1.5)
        )
        if candidate and not chars.BODY_PUNCT_RE.search(text[-1:]):
            value = cohesion_at(i)
            if value is not None:
                f[f"coh:{bucket(value, (0.05, 0.1, 0.15, 0.25))}"] = 1.0
            else:
                f["coh:none"] = 1.0
        out.append(f)
    return out


@lru_cache(maxsize=4)
def open_model(path: Path):
    """A CRFsuite tagger for a shipped model file, or None when the file is missing."""
    if not path.exists():
        return None
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


def _tagger():
    return open_model(MODEL_PATH)


def available() -> bool:
    return _tagger() is not None


def blank_every_line(lines) -> bool:
    """The page puts a blank line after (nearly) every line: three in five lines or more have one
    above them (``lines``: anything with ``blank_before``)."""
    return bool(lines) and sum(1 for line in lines if line.blank_before) / len(lines) >= 0.6


@dataclass
class Labels:
    """The model's reading of a page: each line's label and how likely it is a headline or a subhead."""

    label: dict[int, str] = field(default_factory=dict)  # line number -> label
    headline: dict[int, float] = field(default_factory=dict)  # line number -> P(H)
    subhead: dict[int, float] = field(default_factory=dict)  # line number -> P(S)

    def get(self, number: int, default: str = "") -> str:
        return self.label.get(number, default)

    def __bool__(self) -> bool:
        return bool(self.label)


def label_lines(lines: list[Line]) -> Labels:
    """Every line's label (empty when no model is installed).

    A headline the model is sure of (``SURE``) is labelled ``H!``: it may be a headline even with a
    comma in it, which the rules alone never allow (most lines with commas are running text)."""
    tagger = _tagger()
    out = Labels()
    if tagger is None or not lines:
        return out
    labels = tagger.tag(features(lines))
    for position, (line, label) in enumerate(zip(lines, labels)):
        p_head = tagger.marginal("H", position)
        if label == "H" and p_head >= SURE:
            label = "H!"
        out.label[line.number] = label
        out.headline[line.number] = p_head
        out.subhead[line.number] = tagger.marginal("S", position)
    return out
