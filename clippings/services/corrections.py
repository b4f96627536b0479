"""Staff corrections of how a page was cut: split one article in two, join two adjacent ones.

Both keep the page order (positions stay consecutive), mark the cut fields as edited by staff (so no
later machine pass rewrites them), keep staff-made zone/enterprise links, and re-run extraction on
the result so the machine links follow the new text.
"""
from __future__ import annotations

from django.db import transaction

from clippings.models import Article, Caption, EnterpriseMention, Origin, ZoneMention
from clippings.services.extract import extract_articles


class CorrectionError(ValueError):
    """A correction that cannot be made; ``code`` says why (clippings.messages.CORRECTION_ERRORS)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def paragraphs(article: Article) -> list[str]:
    return article.body.split("\n")


def _shift(source_id: int, after: int, by: int) -> None:
    """Move the articles after ``after`` on the page by ``by`` places, one row at a time in an order
    that never puts two articles on one position."""
    later = Article.objects.filter(source_id=source_id, position__gt=after)
    for article in later.order_by("-position" if by > 0 else "position"):
        article.position += by
        article.save(update_fields=["position"])


@transaction.atomic
def split_article(article: Article, at: int, title: str = "") -> Article:
    """Cut ``article`` before paragraph ``at`` (an index into its body's lines); the second part
    becomes a new article right after it on the page. Returns the new article."""
    lines = paragraphs(article)
    if not 0 < at < len(lines) or not "".join(lines[:at]).strip() or not "".join(lines[at:]).strip():
        raise CorrectionError("split_position")
    heads = set(article.subheads or [])
    _shift(article.source_id, article.position, +1)
    second = Article.objects.create(
        source_id=article.source_id, position=article.position + 1, kind=article.kind,
        title=title.strip()[:300], body="\n".join(lines[at:]), subheads=sorted(i - at for i in heads if i >= at),
        year=article.year, year_source=article.year_source, edited_fields=["title", "body"],
    )
    article.body = "\n".join(lines[:at])
    article.subheads = sorted(i for i in heads if i < at)
    article.mark_edited(["body"])
    article.save()
    extract_articles([article, second])
    return second


def check_join(first: Article, second: Article) -> tuple[Article, Article]:
    """The two articles in page order, if they can be joined; ``CorrectionError`` otherwise."""
    if first.source_id != second.source_id:
        raise CorrectionError("join_other_page")
    if first.position > second.position:
        first, second = second, first
    if Article.objects.filter(source_id=first.source_id, position__gt=first.position,
                              position__lt=second.position).exists():
        raise CorrectionError("join_not_adjacent")
    return first, second


def joined_headings(first: Article, second: Article) -> list[str]:
    """What of ``second``'s headline a join keeps as subhead paragraphs of the joined text (its title,
    kicker, subtitle and byline, where ``first`` does not already carry them): nothing a join drops."""
    kept = []
    for value, shown in ((second.kicker, ""), (second.title, first.title), (second.subtitle, ""),
                         (second.byline, first.byline)):
        value = (value or "").strip()
        if value and value != (shown or "").strip() and value not in kept:
            kept.append(value)
    return kept


@transaction.atomic
def join_articles(first: Article, second: Article) -> Article:
    """Append ``second`` (the next article on the same page) to ``first`` and delete it; its headline
    becomes subhead paragraphs at the join (``joined_headings``), its authors are added, its captions
    and its staff links move to ``first``; ``second`` stays in the history. Returns ``first``."""
    first, second = check_join(first, second)
    headings = joined_headings(first, second)
    if not first.title and second.title:  # the title moves up rather than into the text
        first.title = second.title
        headings.remove(second.title.strip())
    own = paragraphs(first) if first.body else []
    offset = len(own) + len(headings)
    first.body = "\n".join([*own, *headings, *(paragraphs(second) if second.body else [])])
    first.subheads = sorted({*(first.subheads or []), *range(len(own), offset),
                             *(i + offset for i in second.subheads or [])})
    authors = list(dict.fromkeys([*(first.authors or []), *(second.authors or [])]))
    first.mark_edited(["body"] + (["authors"] if authors != (first.authors or []) else []))
    first.authors = authors
    first.save()
    for caption in Caption.objects.filter(article=second):  # saved one by one: each move is in the history
        caption.article = first
        caption.save()
    for model in (ZoneMention, EnterpriseMention):
        field = "zone_id" if model is ZoneMention else "enterprise_id"
        taken = set(model.objects.filter(article=first).values_list(field, "surface"))
        for mention in model.objects.filter(article=second, origin=Origin.STAFF):
            if (getattr(mention, field), mention.surface) not in taken:
                mention.article = first
                mention.save()
    position = second.position
    second.delete()
    _shift(first.source_id, position, -1)
    extract_articles([first])
    return first
