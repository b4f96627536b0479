"""The real articles of ``shared/corpus`` grouped into the pages they were printed on (no Django)."""
from __future__ import annotations

import gzip
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

# A record that is the page's editor line, not an article: 本版责编：…, 版式设计：…, 本版邮箱：…
_FURNITURE_RE = re.compile(r"^(?:本版|[一二三四五六七八九十\d]+版)责编|^版式设计|^本版邮箱|^本期统筹|^图片编辑")


@dataclass(frozen=True)
class CorpusArticle:
    id: str
    date: str
    page: str
    seq: int
    headline: tuple[str, ...]
    paragraphs: tuple[str, ...]

    @property
    def is_furniture(self) -> bool:
        first = self.headline[0] if self.headline else (self.paragraphs[0] if self.paragraphs else "")
        return bool(_FURNITURE_RE.search(first.strip()))


@dataclass(frozen=True)
class CorpusPage:
    key: str  # YYYYMMDD-PP
    items: tuple[CorpusArticle, ...]

    @property
    def articles(self) -> list[CorpusArticle]:
        return [a for a in self.items if not a.is_furniture and a.paragraphs]


# The line model learns from the pages of July and August; the evaluation reads September and
# October, so its figures are on pages (and a period) the model never saw.
TRAINING_MONTHS = ("07", "08")


def split_pages(pages: list[CorpusPage]) -> tuple[list[CorpusPage], list[CorpusPage]]:
    """(training pages, held-out pages) by month."""
    train = [p for p in pages if p.key[4:6] in TRAINING_MONTHS]
    held = [p for p in pages if p.key[4:6] not in TRAINING_MONTHS]
    return train, held


def read_articles(path: Path) -> list[CorpusArticle]:
    opener = gzip.open if str(path).endswith(".gz") else open
    out = []
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            row = json.loads(line)
            out.append(
                CorpusArticle(
                    id=row["id"],
                    date=str(row.get("date", "")),
                    page=str(row.get("page", "")),
                    seq=int(row.get("seq", 0)),
                    headline=tuple(h.strip() for h in row.get("headline") or () if h.strip()),
                    paragraphs=tuple(p.strip() for p in row.get("paragraphs") or () if p.strip()),
                )
            )
    return out


def read_pages(path: Path) -> list[CorpusPage]:
    """Whole pages in date and page order, articles in printed order."""
    groups: dict[str, list[CorpusArticle]] = defaultdict(list)
    for article in read_articles(path):
        groups[article.id.rsplit("-", 1)[0]].append(article)
    return [
        CorpusPage(key, tuple(sorted(items, key=lambda a: a.seq)))
        for key, items in sorted(groups.items())
        if any(not a.is_furniture and a.paragraphs for a in items)
    ]
