"""Zone and enterprise reads: the zone index, a zone's or an enterprise's articles, counts per year,
the enterprises mentioned with them.

A record staff merged into another counts as that other record (its ``survivor``): pages, counts and
lists are always about survivors, and the articles of a survivor include those linked to the records
merged into it. Only live links count (``rejected`` ones are staff removals).
"""
from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from django.db.models import Count, Q, QuerySet, Subquery, Sum

from clippings.models import (
    Article,
    Enterprise,
    EnterpriseAlias,
    EnterpriseMention,
    Zone,
    ZoneAlias,
    ZoneKind,
    ZoneMention,
)
from clippings.selectors.articles import DATE_ORDER, by_date

CO_MENTION_LIMIT = 30


@dataclass(frozen=True)
class EntityKind:
    """What differs between zones and enterprises for these reads."""

    model: type
    mention: type
    field: str  # the mention's foreign key to the entity
    related: str  # the article's mentions of this kind


ZONES = EntityKind(Zone, ZoneMention, "zone_id", "zonementions")
ENTERPRISES = EntityKind(Enterprise, EnterpriseMention, "enterprise_id", "enterprisementions")


def family_ids(kind: EntityKind, entity) -> list[int]:
    """The entity and every record merged into it (directly or through other merges)."""
    ids, frontier = [entity.pk], [entity.pk]
    while frontier:
        frontier = [pk for pk in kind.model.objects.filter(merged_into_id__in=frontier).values_list("pk", flat=True)
                    if pk not in ids]
        ids += frontier
    return ids


def _mentions(kind: EntityKind, ids: list[int]) -> QuerySet:
    return kind.mention.objects.filter(rejected=False, **{f"{kind.field}__in": ids})


def articles_about(kind: EntityKind, ids: list[int]) -> QuerySet[Article]:
    """Articles with a live link to any of these records (each article once)."""
    return Article.objects.filter(pk__in=Subquery(_mentions(kind, ids).values("article_id")))


def by_prominence(kind: EntityKind, ids: list[int], articles: QuerySet[Article]) -> QuerySet[Article]:
    """Articles that name the entity most often first (the 'relevance' order without a query), then newest."""
    mentions = Q(**{f"{kind.related}__{kind.field}__in": ids, f"{kind.related}__rejected": False})
    return by_date(articles).annotate(weight=Sum(f"{kind.related}__count", filter=mentions)).order_by(
        "-weight", *DATE_ORDER
    )


def articles_per_year(articles: QuerySet[Article]) -> list[tuple[int, int]]:
    """(year, article count), oldest first; articles without a year are left out."""
    rows = articles.exclude(year=None).values("year").annotate(n=Count("id")).order_by("year")
    return [(row["year"], row["n"]) for row in rows]


def survivor_map(kind: EntityKind, ids) -> dict[int, int]:
    """id -> survivor id for those of ``ids`` that were merged (a few; the rest are their own survivors)."""
    resolved: dict[int, int] = {}
    pending = set(ids)
    seen: set[int] = set()
    links: dict[int, int] = {}
    while pending:  # follow merge chains a level at a time
        step = dict(kind.model.objects.filter(pk__in=pending).exclude(merged_into=None).order_by()
                    .values_list("pk", "merged_into_id"))
        links.update(step)
        seen |= pending
        pending = set(step.values()) - seen
    for pk in ids:
        target, hops = pk, set()
        while target in links and target not in hops:
            hops.add(target)
            target = links[target]
        if target != pk:
            resolved[pk] = target
    return resolved


def article_counts(kind: EntityKind) -> dict[int, int]:
    """Survivor id -> number of articles linked to it (or to records merged into it)."""
    mentions = kind.mention.objects.filter(rejected=False)
    rows = list(mentions.values(kind.field).annotate(n=Count("article_id", distinct=True)).order_by())
    survivors = survivor_map(kind, [row[kind.field] for row in rows])
    counts: dict[int, int] = defaultdict(int)
    for row in rows:
        pk = row[kind.field]
        counts[survivors.get(pk, pk)] += row["n"]
    return dict(counts)


def co_mentioned(kind: EntityKind, articles: QuerySet[Article], exclude: list[int] = (),
                 limit: int = CO_MENTION_LIMIT) -> list[tuple[object, int]]:
    """Records of ``kind`` linked to these articles, with how many of the articles name them, most first."""
    rows = list(
        kind.mention.objects.filter(rejected=False, article_id__in=Subquery(articles.order_by().values("pk")))
        .exclude(**{f"{kind.field}__in": list(exclude)})
        .values(kind.field).annotate(n=Count("article_id", distinct=True)).order_by("-n", kind.field)[: limit * 2]
    )
    survivors = survivor_map(kind, [row[kind.field] for row in rows])
    counts: dict[int, int] = defaultdict(int)
    for row in rows:
        pk = row[kind.field]
        counts[survivors.get(pk, pk)] += row["n"]
    for pk in exclude:
        counts.pop(pk, None)
    records = kind.model.objects.in_bulk(list(counts))
    ranked = sorted((pk for pk in counts if pk in records), key=lambda pk: (-counts[pk], records[pk].name))
    return [(records[pk], counts[pk]) for pk in ranked[:limit]]


# --- the zone index ----------------------------------------------------------------------------


@dataclass
class KindGroup:
    kind: str
    label: str
    zones: list[tuple[Zone, int]] = field(default_factory=list)

    @property
    def articles(self) -> int:
        return sum(n for _, n in self.zones)


@dataclass
class ProvinceGroup:
    province: str
    code: str  # the administrative division code ("" when unknown): the order and the page anchor
    kinds: list[KindGroup]

    @property
    def articles(self) -> int:
        return sum(group.articles for group in self.kinds)

    @property
    def zone_count(self) -> int:
        return sum(len(group.zones) for group in self.kinds)


KIND_ORDER = [k.value for k in ZoneKind]
PROVINCES_FILE = Path(settings.BASE_DIR) / "fixtures" / "provinces.csv"


@lru_cache(maxsize=1)
def province_codes() -> dict[str, str]:
    """Province name -> administrative division code (GB/T 2260), from ``fixtures/provinces.csv``."""
    with PROVINCES_FILE.open(encoding="utf-8", newline="") as handle:
        return {row["name"]: row["code"] for row in csv.DictReader(handle)}


def province_code(name: str) -> str:
    """The code of a province written in full or short (重庆 for 重庆市); "" if none is known."""
    codes = province_codes()
    if not name:
        return ""
    if name in codes:
        return codes[name]
    return next((code for full, code in codes.items() if full.startswith(name) or name.startswith(full)), "")


def zone_index(text: str = "", only_covered: bool = False, only_unverified: bool = False) -> list[ProvinceGroup]:
    """Zones (survivors) by province in the order of their division codes (unknown last), then kind,
    with their article counts; ``text`` matches the name, a short form, the city or the province."""
    zones = Zone.objects.filter(merged_into=None).only(
        "pk", "slug", "name", "kind", "level", "province", "city", "verified", "approval_year"
    )
    if text:
        zones = zones.filter(
            Q(name__contains=text) | Q(city__contains=text) | Q(province__contains=text)
            | Q(pk__in=Subquery(ZoneAlias.objects.filter(name__contains=text, rejected=False).values("zone_id")))
        )
    if only_unverified:
        zones = zones.filter(verified=False)
    counts = article_counts(ZONES)
    provinces: dict[str, dict[str, KindGroup]] = {}
    labels = dict(ZoneKind.choices)
    for zone in zones:
        n = counts.get(zone.pk, 0)
        if only_covered and not n:
            continue
        kinds = provinces.setdefault(zone.province or "", {})
        group = kinds.setdefault(zone.kind, KindGroup(zone.kind, labels.get(zone.kind, zone.kind)))
        group.zones.append((zone, n))
    groups = []
    for province in provinces:
        kinds = sorted(provinces[province].values(),
                       key=lambda g: KIND_ORDER.index(g.kind) if g.kind in KIND_ORDER else len(KIND_ORDER))
        for group in kinds:
            group.zones.sort(key=lambda item: (-item[1], item[0].name))
        groups.append(ProvinceGroup(province, province_code(province), kinds))
    groups.sort(key=lambda g: (not g.code, g.code, g.province == "", g.province))
    return groups


# --- the enterprise index ------------------------------------------------------------------------


@dataclass
class EnterpriseRow:
    enterprise: Enterprise
    articles: int
    zones: list[Zone]  # where it is, as recorded (survivors, by name)


def enterprise_index(text: str = "", order: str = "articles") -> list[EnterpriseRow]:
    """Enterprises (survivors) with their article counts and zones; ``text`` matches the name or a
    short form. ``order``: most articles first, by name, or by zone (then most articles)."""
    enterprises = Enterprise.objects.filter(merged_into=None).only("pk", "slug", "name", "verified")
    if text:
        enterprises = enterprises.filter(
            Q(name__contains=text)
            | Q(pk__in=Subquery(EnterpriseAlias.objects.filter(name__contains=text, rejected=False)
                                .values("enterprise_id")))
        )
    counts = article_counts(ENTERPRISES)
    zones_of: dict[int, list[Zone]] = defaultdict(list)
    links = Enterprise.zones.through.objects.filter(enterprise__in=enterprises).select_related("zone__merged_into")
    for link in links:
        zone = link.zone.survivor()
        if zone not in zones_of[link.enterprise_id]:
            zones_of[link.enterprise_id].append(zone)
    rows = [EnterpriseRow(e, counts.get(e.pk, 0), sorted(zones_of.get(e.pk, []), key=lambda z: z.name))
            for e in enterprises]
    if order == "name":
        rows.sort(key=lambda r: r.enterprise.name)
    elif order == "zone":
        rows.sort(key=lambda r: (not r.zones, r.zones[0].name if r.zones else "", -r.articles, r.enterprise.name))
    else:
        rows.sort(key=lambda r: (-r.articles, r.enterprise.name))
    return rows


def most_covered(kind: EntityKind, limit: int = 10) -> list[tuple[object, int]]:
    counts = article_counts(kind)
    top = sorted(counts, key=lambda pk: -counts[pk])[: limit * 2]
    records = kind.model.objects.in_bulk(top)
    ranked = sorted((pk for pk in top if pk in records), key=lambda pk: (-counts[pk], records[pk].name))
    return [(records[pk], counts[pk]) for pk in ranked[:limit]]


# --- one zone, one enterprise ----------------------------------------------------------------


@dataclass
class EntityPage:
    entity: object
    ids: list[int]  # the entity and the records merged into it
    aliases: list[str]
    merged_names: list[str]
    articles: QuerySet[Article]
    per_year: list[tuple[int, int]]
    co_enterprises: list[tuple[Enterprise, int]]


def entity_page(kind: EntityKind, entity) -> EntityPage:
    ids = family_ids(kind, entity)
    family = list(kind.model.objects.filter(pk__in=ids).prefetch_related("aliases"))
    names = {entity.name}
    aliases, merged = [], []
    for record in family:
        if record.pk != entity.pk and record.name not in names:
            merged.append(record.name)
            names.add(record.name)
        for alias in record.aliases.all():
            if not alias.rejected and alias.name not in names:
                aliases.append(alias.name)
                names.add(alias.name)
    articles = articles_about(kind, ids)
    exclude = ids if kind is ENTERPRISES else []
    return EntityPage(
        entity=entity,
        ids=ids,
        aliases=sorted(aliases, key=lambda a: (len(a), a)),
        merged_names=sorted(merged),
        articles=articles,
        per_year=articles_per_year(articles),
        co_enterprises=co_mentioned(ENTERPRISES, articles, exclude=exclude),
    )


def zone_relatives(zone: Zone) -> tuple[Zone | None, list[Zone]]:
    parent = zone.parent.survivor() if zone.parent_id else None
    children = list(Zone.objects.filter(parent=zone, merged_into=None).only("pk", "slug", "name", "kind", "verified"))
    return parent, children


def enterprise_zones(enterprise: Enterprise, ids: list[int]) -> list[Zone]:
    """The zones an enterprise is in (as recorded), survivors, by name."""
    zones = {z.survivor() for z in Zone.objects.filter(enterprises__pk__in=ids).select_related("merged_into")}
    return sorted(zones, key=lambda z: z.name)
