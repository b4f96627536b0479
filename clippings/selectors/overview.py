"""Archive-wide reads: the home page's counts and recent pages, one source page with what it produced."""
from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext_lazy as _

from clippings.models import Article, Caption, Enterprise, Source, Zone
from clippings.text.pipeline import process_page


@dataclass
class ArchiveCounts:
    pages: int
    articles: int
    zones: int
    zones_unverified: int
    enterprises: int


def archive_counts() -> ArchiveCounts:
    zones = Zone.objects.filter(merged_into=None).aggregate(
        total=Count("pk"), unverified=Count("pk", filter=Q(verified=False))
    )
    return ArchiveCounts(
        pages=Source.objects.count(),
        articles=Article.objects.count(),
        zones=zones["total"],
        zones_unverified=zones["unverified"],
        enterprises=Enterprise.objects.filter(merged_into=None).count(),
    )


def recent_sources(limit: int = 10) -> list[Source]:
    """The pages ingested last, with their article counts (counted for these pages only)."""
    sources = list(Source.objects.order_by("-ingested_at", "-pk")
                   .only("pk", "original_name", "newspaper", "issue_date", "page_label", "ingested_at")[:limit])
    counts = dict(Article.objects.filter(source__in=sources).order_by().values("source_id")
                  .annotate(n=Count("pk")).values_list("source_id", "n"))
    for source in sources:
        source.article_count = counts.get(source.pk, 0)
    return sources


def source_detail(pk: int) -> Source:
    """The page with its articles (in page order) and their captions."""
    return (
        Source.objects.select_related("ingested_by")
        .prefetch_related(
            Prefetch(
                "articles",
                queryset=Article.objects.order_by("position").prefetch_related(
                    Prefetch("captions", queryset=Caption.objects.order_by("position"))
                ),
            ),
            Prefetch("captions", queryset=Caption.objects.filter(article=None).order_by("position"),
                     to_attr="loose_captions"),
        )
        .get(pk=pk)
    )


# --- how the page was cut ---------------------------------------------------------------------------

ROLE_LABELS = {
    "kicker": _("kicker"), "title": _("title"), "subtitle": _("subtitle"), "byline": _("byline"),
    "para": _("body"), "subhead": _("subhead"), "caption": _("caption"), "photo": _("photo news"),
    "furniture": _("page furniture"),
}
REMOVAL_LABELS = {"doubled": _("doubled text"), "repeated": _("repeated paragraph")}


@dataclass
class CutBlock:
    text: str
    role: str
    label: str


@dataclass
class CutGroup:
    position: int | None  # the article's position on the page; None for the page furniture
    article: Article | None  # the stored article at that position (staff may have split or joined since)
    blocks: list[CutBlock]


@dataclass
class PageCut:
    groups: list[CutGroup]
    removed: list[dict]  # what cleaning took out: {kind, label, line, text}
    matches_stored: bool  # the stored articles are the ones this cut makes


def page_cut(source: Source) -> PageCut:
    """The role of every block of the cleaned page, article by article, then the furniture.

    Roles are not stored: the page is split again (about 20 ms), which shows the current rules;
    ``matches_stored`` says whether they still make the stored articles."""
    result = process_page(source.raw_text, issue_date=source.issue_date)
    stored = {a.position: a for a in source.articles.all()}
    groups = []
    for draft in result.segmented.articles:
        blocks = [CutBlock(block.text, role, str(ROLE_LABELS.get(role, role))) for role, block in draft.parts]
        groups.append(CutGroup(draft.position, stored.get(draft.position), blocks))
    if result.segmented.furniture:
        groups.append(CutGroup(None, None, [CutBlock(b.text, "furniture", str(ROLE_LABELS["furniture"]))
                                            for b in result.segmented.furniture]))
    removed = [{**r, "label": str(REMOVAL_LABELS.get(r["kind"], r["kind"]))}
               for r in (source.cleaning_report or {}).get("removed", [])]
    made = sorted((a.position, a.title) for a in result.articles)
    kept = sorted((a.position, a.title) for a in stored.values())
    return PageCut(groups, removed, made == kept)
