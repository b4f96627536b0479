"""Loading the curated gazetteer and the enterprise dictionary into the database (writes).

Loading is an upsert that can be repeated: a zone is found again by the gazetteer name it was
loaded under, fields staff edited (``edited_fields``) keep the staff's value, aliases staff
removed (``rejected``) are not added back, and zones staff merged stay merged.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify

from clippings.history import machine_writes
from clippings.models import Enterprise, EnterpriseAlias, Origin, Zone, ZoneAlias

ZONES_FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "zones.json"
ENTERPRISES_FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "enterprises.json"
# grown from the corpus by `build_enterprise_lexicon`; read by extraction, not loaded as records
LEXICON_FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "enterprise_lexicon.json"
ZONE_FIELDS = ("name", "kind", "level", "province", "city", "approval_year")


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    aliases: int = 0


def unique_slug(model, name: str) -> str:
    return unique_slugs(model, [name])[name]


def unique_slugs(model, names) -> dict[str, str]:
    """A free slug for each name: unlike each other's and every existing record's (one query for
    the usual case, where the plain slugs are free)."""
    bases = {name: slugify(name, allow_unicode=True)[:200] or "zone" for name in dict.fromkeys(names)}
    taken = set(model.objects.filter(slug__in=set(bases.values())).values_list("slug", flat=True))
    result = {}
    for name, base in bases.items():
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
            if slug not in taken and model.objects.filter(slug=slug).exists():
                taken.add(slug)
        taken.add(slug)
        result[name] = slug
    return result


def _add_aliases(alias_model, owner, names, origin: str) -> int:
    """Add the aliases the owner lacks; one staff removed (``rejected``) is not added back."""
    field = alias_model.owner_field
    known = set(alias_model.objects.filter(**{field: owner}).values_list("name", flat=True))
    new = [alias_model(**{field: owner}, name=name, origin=origin) for name in names if name not in known]
    alias_model.objects.bulk_create(new)
    return len(new)


@transaction.atomic
@machine_writes()
def load_zones(records: list[dict]) -> LoadReport:
    report = LoadReport()
    by_key = {z.gazetteer_key: z for z in Zone.objects.filter(gazetteer_key__isnull=False)}
    by_name = {z.name: z for z in Zone.objects.filter(gazetteer_key__isnull=True)}
    loaded: dict[str, Zone] = {}
    for record in records:
        key = record["name"]
        zone = by_key.get(key) or by_name.get(key)  # a discovered zone the gazetteer now knows
        values = {field: record.get(field) or ("" if field != "approval_year" else None) for field in ZONE_FIELDS}
        if zone is None:
            zone = Zone.objects.create(
                **values, slug=unique_slug(Zone, key), gazetteer_key=key, verified=True, origin=Origin.GAZETTEER
            )
            report.created += 1
        else:
            changed = [f for f in ZONE_FIELDS if f not in zone.edited_fields and getattr(zone, f) != values[f]]
            for field in changed:
                setattr(zone, field, values[field])
            if zone.gazetteer_key != key:
                zone.gazetteer_key = key
                zone.verified = True
                zone.origin = Origin.GAZETTEER
                changed += ["gazetteer_key", "verified", "origin"]
            if changed:
                zone.save(update_fields=[*changed, "updated_at"])
                report.updated += 1
            else:
                report.unchanged += 1
        loaded[key] = zone
        report.aliases += _add_aliases(ZoneAlias, zone, record.get("aliases", []), Origin.GAZETTEER)
    for record in records:
        parent = loaded.get(record.get("parent") or "")
        zone = loaded[record["name"]]
        if parent is not None and zone.parent_id is None and "parent" not in zone.edited_fields:
            zone.parent = parent
            zone.save(update_fields=["parent"])
    return report


@transaction.atomic
@machine_writes()
def load_enterprises(records: list[dict]) -> LoadReport:
    """The dictionary of brand-named firms (``{"name", "aliases"}``); staff grow it in the admin."""
    report = LoadReport()
    for record in records:
        enterprise = Enterprise.objects.filter(name=record["name"]).first()
        if enterprise is None:
            enterprise = Enterprise.objects.create(
                name=record["name"], slug=unique_slug(Enterprise, record["name"]), verified=True,
                origin=Origin.GAZETTEER,
            )
            report.created += 1
        else:
            report.unchanged += 1
        report.aliases += _add_aliases(EnterpriseAlias, enterprise, record.get("aliases", []),
                                       Origin.GAZETTEER)
    return report


def read_records(path: Path) -> list[dict]:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def ensure_gazetteer() -> LoadReport | None:
    """Load the gazetteer and the dictionary (the same loader as ``load_gazetteer``) when the archive
    has no gazetteer zone yet — a data folder made by ``migrate`` alone — so that ingest never links
    against an empty gazetteer; ``None`` when it was there."""
    if Zone.objects.filter(origin=Origin.GAZETTEER).exists():
        return None
    report = load_zones(read_records(ZONES_FIXTURE))
    load_enterprises(read_records(ENTERPRISES_FIXTURE))
    return report
