"""Shared checks that a page was cleaned and split without losing or duplicating anything."""
from __future__ import annotations

import re
from collections import Counter

from clippings.text import chars
from clippings.text.segment import SegmentedPage


def placed_texts(segmented: SegmentedPage) -> list[str]:
    """Every piece of text the split put somewhere (article fields, captions, furniture)."""
    out = [b.text for b in segmented.furniture]
    for article in segmented.articles:
        out += [article.kicker, article.title, article.subtitle, article.byline, *article.labels, *article.paragraphs]
        for caption in article.captions:
            out += [caption.text, caption.credit_raw]
    return out


def non_space(texts) -> Counter:
    return Counter(ch for text in texts for ch in text if not ch.isspace())


def assert_nothing_lost(segmented: SegmentedPage) -> None:
    blocks = segmented.page.blocks
    used = [b.id for b in segmented.furniture]
    for article in segmented.articles:
        used += [b.id for _, b in article.parts]
    assert sorted(used) == [b.id for b in blocks], "each block of the cleaned page in exactly one place"
    assert non_space(placed_texts(segmented)) == non_space(b.text for b in blocks)


def han(text: str) -> Counter:
    return Counter(chars.HAN_RE.findall(text))


def assert_cleaning_keeps_han(raw: str, segmented: SegmentedPage) -> None:
    """Cleaning drops no Chinese character except the second copy of doubled or repeated text."""
    removed = han("".join(r.text for r in segmented.page.removed))
    assert han(raw) == han(segmented.page.text) + removed


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)
