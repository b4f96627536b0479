"""One page, start to finish: raw OCR text -> cleaned page and article records (no Django)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .dates import infer_year
from .fold import Restorer, fold, is_traditional
from .segment import SegmentedPage, split_page

# Bump when cleaning or splitting changes in a way that re-processing would show.
PIPELINE_VERSION = "1.4"


@dataclass
class CaptionRecord:
    text: str
    credit: str
    credit_raw: str


@dataclass
class ArticleRecord:
    position: int
    kind: str
    title: str
    kicker: str
    subtitle: str
    byline: str
    authors: list[str]
    body: str
    subheads: list[int]
    captions: list[CaptionRecord]
    year: int | None
    year_source: str
    display_title: str


@dataclass
class PageResult:
    cleaned_text: str
    furniture: list[str]
    articles: list[ArticleRecord]
    report: dict = field(default_factory=dict)
    segmented: SegmentedPage | None = None


def process_page(raw: str, *, issue_date: date | None = None, today: date | None = None) -> PageResult:
    """Clean and split one page. A page printed in traditional characters is split on its
    simplified fold (the rules are written in simplified characters) and every string of the
    result is given back its printed characters."""
    if is_traditional(raw):
        folded = fold(raw)
        return Restorer(raw, folded).restore_tree(_process(folded, issue_date, today))
    return _process(raw, issue_date, today)


def _process(raw: str, issue_date: date | None, today: date | None) -> PageResult:
    segmented = split_page(raw)
    latest = (today or date.today()).year
    articles = []
    for draft in segmented.articles:
        if issue_date:
            year, year_source = issue_date.year, "issue_date"
        else:
            year = infer_year(draft.title + "\n" + draft.body, latest=latest)
            year_source = "text" if year else ""
        articles.append(
            ArticleRecord(
                position=draft.position,
                kind=draft.kind,
                title=draft.title,
                kicker=draft.kicker,
                subtitle=draft.subtitle,
                byline=draft.byline,
                authors=draft.authors,
                body=draft.body,
                subheads=draft.subheads,
                captions=[CaptionRecord(c.text, c.credit, c.credit_raw) for c in draft.captions],
                year=year,
                year_source=year_source,
                display_title=draft.display_title,
            )
        )
    removed = segmented.page.removed
    report = {
        "blocks": len(segmented.page.blocks),
        "doubled_lines": sum(1 for r in removed if r.kind == "doubled"),
        "repeated_blocks": sum(1 for r in removed if r.kind == "repeated"),
        "removed": [{"kind": r.kind, "line": r.line, "text": r.text} for r in removed],
    }
    return PageResult(
        cleaned_text=segmented.page.text,
        furniture=[b.text for b in segmented.furniture],
        articles=articles,
        report=report,
        segmented=segmented,
    )
