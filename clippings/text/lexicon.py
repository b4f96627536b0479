"""The enterprise lexicon grown from a corpus (no Django).

Papers name a firm in full once ("河南某某铝业股份有限公司") and by its short name elsewhere
("某某铝业"), often in other articles. The lexicon keeps, for every name with a legal suffix the
extractor finds in the corpus, the short names that stand for it: the name without its legal
suffix, without a leading place or a bracketed place, and its trade name before the words of its
trade — each kept only when the corpus writes it on its own at least ``min_uses`` times, when it is
not an ordinary word (jieba's dictionary, a place, words that describe a kind of business), and
when it stands for one full name only. Nothing is named by hand: what is in the lexicon is what
the corpus wrote.
"""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterable

import ahocorasick
import jieba

from .enterprises import KnownEnterprise, full_names, stands_alone
from .names import is_person_name
from .propernames import GENERIC_WORDS, _tag, common_compound

_LEGAL_END_RE = re.compile(r"(?:（集团）|\(集团\))?(?:股份有限公司|有限责任公司|有限公司)$|(?:集团|公司)$")
_BRACKET_RE = re.compile(r"[（(][^）)]*[）)]")
_BRAND_FLAGS = ("nz", "nt", "nrt", "nrfg", "eng")


def short_names(full: str) -> set[str]:
    """The short names a full name may be written as (candidates, before the corpus confirms them)."""
    stem = _BRACKET_RE.sub("", _LEGAL_END_RE.sub("", full))
    words = list(_tag(stem))
    out = {stem}
    while len(words) > 1 and words[0][1] == "ns" and len(words[0][0]) >= 2:  # a leading place: "河南某某铝业" -> "某某铝业"
        words = words[1:]
        out.add("".join(w for w, _ in words))
    trade = []
    for word, flag in words:  # the trade name: the words before the words of the trade
        if word in GENERIC_WORDS and trade:
            break
        trade.append(word)
    out.add("".join(trade))
    return {name for name in out if _could_be_a_name(name)}


def _could_be_a_name(name: str) -> bool:
    """A short name must carry a proper noun of its own (a brand or an organisation by jieba's tag, or
    a word jieba does not know), and be no ordinary word, place or person's name."""
    if len(name) < 2 or len(name) > 12 or not re.search(r"[\u4e00-\u9fff]", name):
        return False
    if name[0] in "家个次批项座所名位" or name[-1] in "次":  # a measure word: "…家次公司"
        return False
    words = _tag(name)
    if len(words) == 1:
        word, flag = words[0]
        if flag == "ns" or jieba.dt.FREQ.get(word, 0) >= 500 or flag.startswith("nr") and is_person_name(word):
            return False
        if common_compound(word):
            return False
    return any(
        flag in _BRAND_FLAGS or len(word) >= 2 and word not in jieba.dt.FREQ and flag != "ns" and not is_person_name(word)
        for word, flag in words
    )


def build(texts: Iterable[str], min_uses: int = 3) -> list[dict]:
    """``[{"name": full name, "aliases": [short names]}]`` from the corpus texts, sorted by name."""
    texts = list(texts)
    fulls: Counter = Counter()
    spans = []  # per text, where its full names are written
    for text in texts:
        found = full_names(text, [])
        fulls.update(name for _, _, name in found)
        spans.append([(start, end) for start, end, _ in found])
    candidates: dict[str, set[str]] = defaultdict(set)
    for full in fulls:
        for short in short_names(full):
            if short != full:
                candidates[short].add(full)
    automaton = ahocorasick.Automaton()
    for short in candidates:
        automaton.add_word(short, short)
    automaton.make_automaton()
    uses: Counter = Counter()
    for text, written in zip(texts, spans):
        for end, short in automaton.iter_long(text):
            start = end - len(short) + 1
            if any(s <= start and end < e for s, e in written):
                continue  # inside a full name
            if stands_alone(text, start, end + 1):
                uses[short] += 1
    lexicon: dict[str, set[str]] = defaultdict(set)
    for short, owners in candidates.items():
        if len(owners) == 1 and uses[short] >= min_uses:
            lexicon[next(iter(owners))].add(short)
    return [{"name": name, "aliases": sorted(aliases)} for name, aliases in sorted(lexicon.items())]


def known_entries(rows: list[dict]) -> list[KnownEnterprise]:
    """Lexicon rows as dictionary entries without a record (key ``None``)."""
    return [KnownEnterprise(None, row["name"], tuple(row.get("aliases", ()))) for row in rows]


def read(path: Path) -> list[KnownEnterprise]:
    """The lexicon file (none yet: an empty lexicon)."""
    path = Path(path)
    return known_entries(json.loads(path.read_text(encoding="utf-8"))) if path.exists() else []
