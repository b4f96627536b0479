"""Linking articles to zones and enterprises (writes).

Machine links are rebuilt on every run; staff corrections are kept apart and win:
* a link staff added (``origin=staff``) is never removed by re-extraction;
* a link staff removed is kept as a ``rejected`` row, and re-extraction never adds it back;
* merged zones and enterprises resolve to the record they were merged into;
* zones and enterprises staff confirmed, renamed or gave aliases keep those edits, and their
  aliases (staff's included) are what the next extraction matches.
Re-running extraction never duplicates a record: discovered zones and enterprises are found
again by name or alias.
"""
from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from clippings.search.indexing import enqueue_articles
from clippings.models import (
    Article,
    Enterprise,
    EnterpriseAlias,
    EnterpriseMention,
    Origin,
    Zone,
    ZoneAlias,
    ZoneMention,
)
from clippings.services.gazetteer import unique_slug
from clippings.text.enterprises import KnownEnterprise, extract_enterprises
from clippings.text.zones import ZoneEntry, ZoneIndex, snippet

log = logging.getLogger(__name__)


def article_text(article: Article) -> str:
    """The text extraction reads; mention positions are offsets into it."""
    captions = [c.text for c in article.captions.all() if c.text]
    return "\n".join([article.title, article.kicker, article.subtitle, article.body, *captions])


@dataclass
class ExtractReport:
    articles: int = 0
    zone_links: int = 0
    enterprise_links: int = 0
    zones_discovered: int = 0
    enterprises_created: int = 0


class Extractor:
    """The gazetteer and dictionary read once from the database, used for many articles."""

    def __init__(self):
        self.known = _known_enterprises()
        organisations = frozenset(s for k in self.known for s in (k.name, *k.aliases) if len(s) >= 3)
        self.index = ZoneIndex(_zone_entries(), organisations)
        self.report = ExtractReport()
        self._zone_cache: dict[object, Zone | None] = {}  # zone id in the index -> live zone

    def extract(self, article: Article) -> None:
        text = article_text(article)
        mentions = self.index.mentions(text)
        evidence = {link.key if link.key is not None else ("discovered", link.name) for link in self.index.link(text)}
        with transaction.atomic():
            self._zones(article, text, mentions, evidence)
        self.report.articles += 1

    def _zones(self, article: Article, text: str, mentions, evidence) -> None:
        rejected = set(ZoneMention.objects.filter(article=article, rejected=True).values_list("zone_id", flat=True))
        ZoneMention.objects.filter(article=article, origin=Origin.MACHINE, rejected=False).delete()
        rows: dict[tuple[int, str], ZoneMention] = {}
        spans = []
        for mention in mentions:
            key = mention.entry.key if mention.entry else ("discovered", mention.surface)
            if key not in evidence:
                continue
            zone = self._zone_for(mention)
            if zone is None:
                continue
            spans.append((mention.start, mention.end, zone.pk))
            if zone.pk in rejected:
                continue
            surface = mention.surface_printed or mention.surface
            row = rows.get((zone.pk, surface))
            if row is None:
                rows[(zone.pk, surface)] = ZoneMention(
                    article=article, zone=zone, surface=surface[:200], count=1, first_position=mention.start,
                    snippet=snippet(text, mention.start, mention.end)[:200], origin=Origin.MACHINE,
                )
            else:
                row.count += 1
        staff = set(ZoneMention.objects.filter(article=article).values_list("zone_id", "surface"))
        ZoneMention.objects.bulk_create([r for k, r in rows.items() if k not in staff])
        self.report.zone_links += len({zone for zone, _ in rows})
        self._enterprises(article, text, spans)

    def _zone_for(self, mention) -> Zone | None:
        if mention.entry is None:  # not cached: a rolled-back ingest may have created it
            return self.discovered_zone(mention.surface, mention.discovered_kind)
        key = mention.entry.key
        if key not in self._zone_cache:
            zone = Zone.objects.filter(pk=key).first()
            self._zone_cache[key] = zone.survivor() if zone else None
        return self._zone_cache[key]

    def discovered_zone(self, name: str, kind: str) -> Zone:
        """A place the text names that the gazetteer lacks: found again, or created unverified."""
        zone, created = _find_or_create(Zone, ZoneAlias, name, trust_machine_aliases=True,
                                        kind=kind, verified=False, origin=Origin.MACHINE)
        self.report.zones_discovered += created
        return zone

    def _enterprises(self, article: Article, text: str, spans) -> None:
        rejected = set(
            EnterpriseMention.objects.filter(article=article, rejected=True).values_list("enterprise_id", flat=True)
        )
        EnterpriseMention.objects.filter(article=article, origin=Origin.MACHINE, rejected=False).delete()
        staff = set(EnterpriseMention.objects.filter(article=article).values_list("enterprise_id", "surface"))
        rows = []
        for hit in extract_enterprises(text, known=self.known, zone_spans=spans):
            enterprise = self.enterprise_for(hit.name, hit.key)
            for alias in hit.aliases:
                if not EnterpriseAlias.objects.filter(enterprise=enterprise, name=alias).exists():
                    EnterpriseAlias.objects.create(enterprise=enterprise, name=alias[:200], origin=Origin.MACHINE)
            if hit.zones:
                enterprise.zones.add(*hit.zones)
            if enterprise.pk in rejected:
                continue
            first = hit.first_position
            for surface, count in hit.surfaces.items():
                if (enterprise.pk, surface) in staff:
                    continue
                position = text.find(surface)
                rows.append(EnterpriseMention(
                    article=article, enterprise=enterprise, surface=surface[:200], count=count,
                    first_position=position if position >= 0 else first,
                    snippet=snippet(text, position, position + len(surface))[:200] if position >= 0 else hit.snippet,
                    origin=Origin.MACHINE,
                ))
        EnterpriseMention.objects.bulk_create(rows)
        self.report.enterprise_links += len({r.enterprise_id for r in rows})

    def enterprise_for(self, name: str, key=None) -> Enterprise:
        if key is not None:
            found = Enterprise.objects.filter(pk=key).first()
            if found:
                return found.survivor()
        # a short name one article introduced ("重庆双环") may mean another firm elsewhere
        enterprise, created = _find_or_create(Enterprise, EnterpriseAlias, name, trust_machine_aliases=False)
        self.report.enterprises_created += created
        return enterprise


def _find_or_create(model, alias_model, name: str, *, trust_machine_aliases: bool, **defaults):
    """The live record known by ``name`` (as its name or an alias), or a new one; (record, created)."""
    record = model.objects.filter(name=name).first()
    if record is None:
        aliases = alias_model.objects.filter(name=name, rejected=False)
        if not trust_machine_aliases:
            aliases = aliases.exclude(origin=Origin.MACHINE)
        alias = aliases.first()
        record = getattr(alias, alias_model.owner_field) if alias else None
    if record is not None:
        return record.survivor(), False
    try:
        with transaction.atomic():
            record = model.objects.create(name=name, slug=unique_slug(model, name), **defaults)
        return record, True
    except IntegrityError:  # another process created it a moment ago
        return model.objects.filter(name=name).first().survivor(), False


def _zone_entries() -> list[ZoneEntry]:
    """Live zones with every name they answer to (their merged zones' names included)."""
    zones = {z.pk: z for z in Zone.objects.all()}
    names: dict[int, set[str]] = defaultdict(set)
    for zone in zones.values():
        target = zone.survivor()
        names[target.pk].add(zone.name)
        if zone.gazetteer_key:
            names[target.pk].add(zone.gazetteer_key)
    for alias in ZoneAlias.objects.filter(rejected=False).values("zone_id", "name"):
        target = zones[alias["zone_id"]].survivor()
        names[target.pk].add(alias["name"])
    rejected = defaultdict(set)
    for alias in ZoneAlias.objects.filter(rejected=True).values("zone_id", "name"):
        rejected[alias["zone_id"]].add(alias["name"])
    entries = []
    for zone in zones.values():
        if zone.merged_into_id:
            continue
        aliases = tuple(sorted(names[zone.pk] - {zone.name} - rejected[zone.pk]))
        entries.append(ZoneEntry(zone.pk, zone.name, zone.kind, zone.city, zone.province, aliases))
    return entries


def _known_enterprises() -> list[KnownEnterprise]:
    """The dictionary: enterprises staff confirmed or loaded, with their non-machine aliases."""
    aliases = defaultdict(list)
    for alias in EnterpriseAlias.objects.filter(rejected=False).exclude(origin=Origin.MACHINE):
        aliases[alias.enterprise_id].append(alias.name)
    known = []
    for enterprise in Enterprise.objects.filter(merged_into__isnull=True).exclude(verified=False, origin=Origin.MACHINE):
        known.append(KnownEnterprise(enterprise.pk, enterprise.name, tuple(aliases[enterprise.pk])))
    return known


def extract_articles(articles, extractor: Extractor | None = None, progress=None) -> ExtractReport:
    extractor = extractor or Extractor()
    iterator = articles.prefetch_related("captions") if hasattr(articles, "prefetch_related") else articles
    done = []
    for article in progress(iterator) if progress else iterator:
        extractor.extract(article)
        done.append(article.pk)
    enqueue_articles(done)  # mentions are bulk-created: no signals
    return extractor.report
