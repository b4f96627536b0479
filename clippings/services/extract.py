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
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction

from clippings.history import machine_writes
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
from clippings.search.indexing import article_ids_for, enqueue_articles
from clippings.services.gazetteer import LEXICON_FIXTURE, unique_slug, unique_slugs
from clippings.text import lexicon
from clippings.text.enterprises import EnterpriseHit, EnterpriseIndex, KnownEnterprise, extract_enterprises
from clippings.text.fold import fold
from clippings.text.zones import ZoneEntry, ZoneIndex, snippet

log = logging.getLogger(__name__)


def article_text(article: Article) -> str:
    """The text extraction reads; mention positions are offsets into it."""
    captions = [c.text for c in article.captions.all() if c.text]
    return "\n".join([article.title, article.kicker, article.subtitle, article.body, *captions])


def as_printed(text: str, folded: str, start: int, surface: str) -> str:
    """A surface found in the fold of ``text`` at ``start``, as ``text`` prints it (the surface
    itself when it is not the fold's text there: a discovered place's merged name)."""
    end = start + len(surface)
    return text[start:end] if start >= 0 and folded[start:end] == surface else surface


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
        self.known = EnterpriseIndex(_known_enterprises(), lexicon.read(LEXICON_FIXTURE))
        organisations = frozenset(s for s in self.known.names() if len(s) >= 3)
        self.index = ZoneIndex(_zone_entries(), organisations)
        self.report = ExtractReport()
        self._zone_cache: dict[object, Zone | None] = {}  # zone id in the index -> live zone
        self._enterprise_cache: dict[object, Enterprise | None] = {}  # dictionary id -> live enterprise

    def extract_batch(self, articles: list[Article], new: bool = False) -> None:
        """Link these articles again, in one transaction, with a few queries for the whole batch
        (``new``: articles just created, with no links yet)."""
        with transaction.atomic():
            if new:
                zone_kept = enterprise_kept = defaultdict(KeptLinks)
            else:
                zone_kept = _kept_links(ZoneMention, "zone_id", articles)
                enterprise_kept = _kept_links(EnterpriseMention, "enterprise_id", articles)
            zone_rows, enterprise_rows, found = [], [], []
            discovered: dict[tuple[str, str], Zone] = {}  # this transaction's places not in the gazetteer
            for article in articles:
                text = article_text(article)
                # the rules and the gazetteer read simplified characters: a traditional text is
                # read through its fold (same length, so offsets hold in the printed text)
                folded = fold(text)
                spans = self._zones(article, text, folded, zone_kept[article.pk], zone_rows, discovered)
                hits = extract_enterprises(folded, known=self.known, zone_spans=spans)
                found.append((article, text, folded, hits))
            enterprises = self._enterprises_for([hit for *_, hits in found for hit in hits])
            _add_aliases_and_zones([(enterprises[hit.name, hit.key], hit) for *_, hits in found for hit in hits])
            for article, text, folded, hits in found:
                self._enterprise_rows(article, text, folded, hits, enterprises, enterprise_kept[article.pk],
                                      enterprise_rows)
            ZoneMention.objects.bulk_create(zone_rows)
            EnterpriseMention.objects.bulk_create(enterprise_rows)
        self.report.articles += len(articles)
        self.report.zone_links += len({(r.article_id, r.zone_id) for r in zone_rows})
        self.report.enterprise_links += len({(r.article_id, r.enterprise_id) for r in enterprise_rows})

    def _zones(
        self, article: Article, text: str, folded: str, kept: KeptLinks, out: list, discovered: dict
    ) -> list[tuple[int, int, int]]:
        """Zone mention rows for ``out``; returns the zone spans (start, end, zone id) the enterprise rules use."""
        evidence = {link.key if link.key is not None else ("discovered", link.name) for link in self.index.link(folded)}
        rows: dict[tuple[int, str], ZoneMention] = {}
        spans = []
        for mention in self.index.mentions(folded):
            key = mention.entry.key if mention.entry else ("discovered", mention.surface)
            if key not in evidence:
                continue
            zone = self._zone_for(mention, discovered)
            if zone is None:
                continue
            spans.append((mention.start, mention.end, zone.pk))
            if zone.pk in kept.rejected:
                continue
            surface = as_printed(text, folded, mention.start, mention.surface_printed or mention.surface)
            row = rows.get((zone.pk, surface))
            if row is None:
                rows[(zone.pk, surface)] = ZoneMention(
                    article=article, zone=zone, surface=surface[:200], count=1, first_position=mention.start,
                    snippet=snippet(text, mention.start, mention.end)[:200], origin=Origin.MACHINE,
                )
            else:
                row.count += 1
        out.extend(r for k, r in rows.items() if (k[0], k[1][:200]) not in kept.staff)
        return spans

    def _zone_for(self, mention, discovered: dict) -> Zone | None:
        if mention.entry is None:
            # found once per transaction (``discovered``), not for the extractor's life: a
            # rolled-back ingest may have created it
            key = (mention.surface, mention.discovered_kind)
            if key not in discovered:
                discovered[key] = self.discovered_zone(*key)
            return discovered[key]
        key = mention.entry.key
        if key not in self._zone_cache:
            zone = Zone.objects.filter(pk=key).first()
            self._zone_cache[key] = zone.survivor() if zone else None
        return self._zone_cache[key]

    def discovered_zone(self, name: str, kind: str) -> Zone:
        """A place the text names that the gazetteer lacks: found again, or created unverified."""
        zone, created = _find_or_create(Zone, ZoneAlias, [name], trust_machine_aliases=True,
                                        kind=kind, verified=False, origin=Origin.MACHINE)[name]
        self.report.zones_discovered += created
        return zone

    def _enterprise_rows(
        self, article: Article, text: str, folded: str, hits, enterprises, kept: KeptLinks, out: list
    ) -> None:
        for hit in hits:
            enterprise = enterprises[hit.name, hit.key]
            if enterprise.pk in kept.rejected:
                continue
            first = hit.first_position
            for surface, count in hit.surfaces.items():
                position = folded.find(surface)
                surface = as_printed(text, folded, position, surface)
                if (enterprise.pk, surface[:200]) in kept.staff:
                    continue
                out.append(EnterpriseMention(
                    article=article, enterprise=enterprise, surface=surface[:200], count=count,
                    first_position=position if position >= 0 else first,
                    snippet=snippet(text, position, position + len(surface))[:200] if position >= 0 else hit.snippet,
                    origin=Origin.MACHINE,
                ))

    def _enterprises_for(self, hits) -> dict[tuple[str, object], Enterprise]:
        """The live enterprise of each hit, (name, dictionary key) -> record, found or created at once."""
        wanted = {(hit.name, hit.key) for hit in hits}
        missing = {key for _, key in wanted if key is not None and key not in self._enterprise_cache}
        if missing:  # dictionary enterprises existed before this run, so they can be cached
            found = {e.pk: e.survivor() for e in Enterprise.objects.filter(pk__in=missing)}
            self._enterprise_cache.update({key: found.get(key) for key in missing})
        result = {}
        for name, key in wanted:
            if key is not None and self._enterprise_cache[key] is not None:
                result[name, key] = self._enterprise_cache[key]
        # a short name one article introduced ("重庆双岭") may mean another firm elsewhere
        named = _find_or_create(Enterprise, EnterpriseAlias, {name for name, _ in wanted - result.keys()},
                                trust_machine_aliases=False)
        for name, key in wanted - result.keys():
            result[name, key] = named[name][0]
        self.report.enterprises_created += sum(created for _, created in named.values())
        return result


def _add_aliases_and_zones(pairs: list[tuple[Enterprise, EnterpriseHit]]) -> None:
    """Short names the articles introduced become aliases (unless the enterprise has that alias,
    staff-rejected ones included), and zones the text puts an enterprise in become its zones."""
    aliases = {(enterprise.pk, alias[:200]): enterprise for enterprise, hit in pairs for alias in hit.aliases}
    if aliases:
        existing = set(EnterpriseAlias.objects.filter(
            enterprise_id__in={e for e, _ in aliases}, name__in={n for _, n in aliases},
        ).values_list("enterprise_id", "name"))
        new = [key for key in aliases if key not in existing]
        EnterpriseAlias.objects.bulk_create(
            [EnterpriseAlias(enterprise_id=e, name=n, origin=Origin.MACHINE) for e, n in new], ignore_conflicts=True)
        # bulk_create sends no signals: the articles that show these enterprises' names
        for enterprise in {aliases[key] for key in new}:
            enqueue_articles(article_ids_for(Enterprise, enterprise))
    through = Enterprise.zones.through
    links = {(enterprise.pk, zone) for enterprise, hit in pairs for zone in hit.zones}
    through.objects.bulk_create([through(enterprise_id=e, zone_id=z) for e, z in links], ignore_conflicts=True)


def _find_or_create(model, alias_model, names, *, trust_machine_aliases: bool, **defaults) -> dict:
    """The live record known by each name (as its name or an alias), or a new one: name -> (record, created)."""
    names = set(names)
    if not names:
        return {}
    found: dict[str, object] = {}
    for record in model.objects.filter(name__in=names).order_by("pk"):
        found.setdefault(record.name, record)
    rest = names - found.keys()
    if rest:
        aliases = alias_model.objects.filter(name__in=rest, rejected=False)
        if not trust_machine_aliases:
            aliases = aliases.exclude(origin=Origin.MACHINE)
        for alias in aliases.select_related(alias_model.owner_field).order_by("pk"):
            found.setdefault(alias.name, getattr(alias, alias_model.owner_field))
    result = {name: (record.survivor(), False) for name, record in found.items()}
    new = sorted(names - found.keys())
    if new:
        slugs = unique_slugs(model, new)
        try:
            with transaction.atomic():
                created = model.objects.bulk_create([model(name=n, slug=slugs[n], **defaults) for n in new])
            result.update({record.name: (record, True) for record in created})
        except IntegrityError:  # another process took a slug a moment ago: one at a time
            for name in new:
                result[name] = _create(model, name, defaults)
    return result


def _create(model, name: str, defaults: dict):
    try:
        with transaction.atomic():
            return model.objects.create(name=name, slug=unique_slug(model, name), **defaults), True
    except IntegrityError:  # another process created it a moment ago
        return model.objects.filter(name=name).order_by("pk").first().survivor(), False


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


@dataclass
class KeptLinks:
    """What re-extraction leaves alone for one article: links staff removed and links staff made."""

    rejected: set = field(default_factory=set)  # entity ids
    staff: set = field(default_factory=set)  # (entity id, surface)


def _kept_links(model, entity_field: str, articles) -> dict[int, KeptLinks]:
    """Drop the articles' machine links (they are rebuilt) and return what staff decided, per article."""
    ids = [a.pk for a in articles]
    kept: dict[int, KeptLinks] = defaultdict(KeptLinks)
    rows = model.objects.filter(article_id__in=ids).exclude(origin=Origin.MACHINE, rejected=False)
    for article_id, entity_id, surface, rejected in rows.values_list("article_id", entity_field, "surface", "rejected"):
        if rejected:
            kept[article_id].rejected.add(entity_id)
        kept[article_id].staff.add((entity_id, surface))
    model.objects.filter(article_id__in=ids, origin=Origin.MACHINE, rejected=False).delete()
    return kept


@machine_writes()
def extract_articles(articles, extractor: Extractor | None = None, progress=None, batch_size: int = 200,
                     new: bool = False) -> ExtractReport:
    """Link the articles (a queryset or a list) to zones and enterprises, ``batch_size`` per transaction
    (``new``: articles just created, with no links to keep or replace)."""
    extractor = extractor or Extractor()
    iterator = articles.prefetch_related("captions") if hasattr(articles, "prefetch_related") else articles
    batch: list[Article] = []
    for article in progress(iterator) if progress else iterator:
        batch.append(article)
        if len(batch) >= batch_size:
            extractor.extract_batch(batch, new)
            enqueue_articles([a.pk for a in batch])  # mentions are bulk-created: no signals
            batch = []
    if batch:
        extractor.extract_batch(batch, new)
        enqueue_articles([a.pk for a in batch])
    return extractor.report
