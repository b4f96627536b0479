"""Merging zones or enterprises that are one real thing recorded twice (staff action).

Every change is a saved row, so the search index's signal queue re-indexes each article whose links
moved (and, through the alias rows saved on the survivor, every article showing its names). The survivor keeps its record; every other record's mentions and aliases move to it, their names
become its aliases, and they stay behind as ``merged_into`` the survivor, so their old URLs redirect
and re-extraction resolves their names to the survivor. ``plan_merge`` says what will change (the
confirmation page); ``merge`` does it in one transaction and records what it moved (``MergeRecord``);
``unmerge`` puts back what a merge moved, as far as nobody changed it since.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from clippings.models import Enterprise, MergeRecord, Origin, Zone
from clippings.selectors.entities import ENTERPRISES, ZONES, EntityKind


def kind_of(entity) -> EntityKind:
    return ZONES if isinstance(entity, Zone) else ENTERPRISES


@dataclass
class MergePlan:
    survivor: object
    others: list
    mentions: int = 0  # mention rows that move
    articles: int = 0  # articles whose links change
    aliases: list[str] = field(default_factory=list)  # aliases that move to the survivor
    names: list[str] = field(default_factory=list)  # names of the others that become aliases
    children: list[str] = field(default_factory=list)  # child zones whose parent becomes the survivor


class MergeError(ValueError):
    pass


MENTION_FIELDS = ("article_id", "surface", "count", "first_position", "snippet", "origin", "rejected")


def _check(survivor, others) -> list:
    others = [o for o in others if o.pk != survivor.pk]
    if not others:
        raise MergeError("nothing_to_merge")
    if survivor.merged_into_id:
        raise MergeError("survivor_merged")
    if any(type(o) is not type(survivor) for o in others):
        raise MergeError("mixed_kinds")
    return others


def plan_merge(survivor, others) -> MergePlan:
    others = _check(survivor, others)
    kind = kind_of(survivor)
    ids = [o.pk for o in others]
    mentions = kind.mention.objects.filter(**{f"{kind.field}__in": ids})
    known = {survivor.name, *survivor.aliases.values_list("name", flat=True)}
    aliases, names = [], []
    for other in others:
        if other.name not in known:
            names.append(other.name)
            known.add(other.name)
        for alias in other.aliases.filter(rejected=False):
            if alias.name not in known:
                aliases.append(alias.name)
                known.add(alias.name)
    children = list(Zone.objects.filter(parent_id__in=ids).values_list("name", flat=True)) if kind is ZONES else []
    return MergePlan(
        survivor=survivor, others=others, mentions=mentions.count(),
        articles=mentions.values("article_id").distinct().count(), aliases=aliases, names=names, children=children,
    )


@transaction.atomic
def merge(survivor, others, user=None) -> MergePlan:
    """Merge ``others`` into ``survivor``; returns what was done."""
    plan = plan_merge(survivor, others)
    kind = kind_of(survivor)
    owner = "zone" if kind is ZONES else "enterprise"
    alias_model = survivor.aliases.model
    for other in plan.others:
        log = {"moved_mentions": [], "combined": [], "moved_aliases": [], "dropped_aliases": [], "added_alias": None,
               "children": [], "enterprises": [], "zones_added": [], "merged_into": other.merged_into_id}
        for mention in kind.mention.objects.filter(**{kind.field: other.pk}):
            twin = kind.mention.objects.filter(
                article_id=mention.article_id, surface=mention.surface, **{kind.field: survivor.pk}
            ).first()
            if twin is None:
                setattr(mention, owner, survivor)
                mention.save()
                log["moved_mentions"].append(mention.pk)
                continue
            log["combined"].append({"twin": twin.pk, "before": {f: getattr(twin, f) for f in MENTION_FIELDS},
                                    "deleted": {f: getattr(mention, f) for f in MENTION_FIELDS}})
            twin.count += mention.count
            twin.first_position = min(twin.first_position, mention.first_position)
            twin.rejected = twin.rejected and mention.rejected
            if mention.origin == Origin.STAFF:
                twin.origin = Origin.STAFF
            twin.save()
            mention.delete()
        for alias in other.aliases.all():
            if alias_model.objects.filter(**{owner: survivor}, name=alias.name).exists():
                log["dropped_aliases"].append({"name": alias.name, "origin": alias.origin, "rejected": alias.rejected})
                alias.delete()
            else:
                setattr(alias, owner, survivor)
                alias.save()
                log["moved_aliases"].append(alias.pk)
        if other.name != survivor.name and not alias_model.objects.filter(**{owner: survivor}, name=other.name).exists():
            added = alias_model.objects.create(**{owner: survivor}, name=other.name, origin=Origin.STAFF)
            log["added_alias"] = added.pk
        if kind is ZONES:
            for child in Zone.objects.filter(parent=other):
                child.parent = survivor
                child.save()
                log["children"].append(child.pk)
            for enterprise in Enterprise.objects.filter(zones=other):
                log["enterprises"].append([enterprise.pk, enterprise.zones.filter(pk=survivor.pk).exists()])
                enterprise.zones.remove(other)
                enterprise.zones.add(survivor)
        else:
            had = set(survivor.zones.values_list("pk", flat=True))
            log["zones_added"] = [pk for pk in other.zones.values_list("pk", flat=True) if pk not in had]
            survivor.zones.add(*other.zones.all())
        other.merged_into = survivor
        other.save()
        MergeRecord.objects.create(kind=owner, survivor_id=survivor.pk, merged_id=other.pk, changes=log,
                                   merged_by=user if getattr(user, "pk", None) else None)
    return plan


def last_merge(record) -> MergeRecord | None:
    """The merge that made ``record`` part of another one, if it was recorded and not undone."""
    if not record.merged_into_id:
        return None
    return MergeRecord.objects.filter(kind="zone" if isinstance(record, Zone) else "enterprise", merged_id=record.pk,
                                      survivor_id=record.merged_into_id, undone_at=None).first()


@transaction.atomic
def unmerge(record, user=None):
    """Undo the merge of ``record`` into its survivor: its links, aliases, zones within and enterprise
    zones go back to it, the alias the merge gave the survivor goes, and it is a record of its own again.
    Rows changed by a person since the merge are left as they are. Returns the survivor."""
    if not record.merged_into_id:
        raise MergeError("not_merged")
    entry = last_merge(record)
    if entry is None:
        raise MergeError("no_merge_record")
    kind = kind_of(record)
    owner = entry.kind
    survivor = type(record).objects.get(pk=entry.survivor_id)
    if survivor.merged_into_id:
        raise MergeError("survivor_merged_since")
    log = entry.changes
    for mention in kind.mention.objects.filter(pk__in=log["moved_mentions"], **{kind.field: survivor.pk}):
        setattr(mention, owner, record)
        mention.save()
    for combined in log["combined"]:
        twin = kind.mention.objects.filter(pk=combined["twin"]).first()
        if twin is not None:
            for name, value in combined["before"].items():
                setattr(twin, name, value)
            twin.save()
        kind.mention.objects.get_or_create(**{owner: record}, article_id=combined["deleted"]["article_id"],
                                           surface=combined["deleted"]["surface"], defaults=combined["deleted"])
    alias_model = record.aliases.model
    for alias in alias_model.objects.filter(pk__in=log["moved_aliases"], **{owner: survivor}):
        setattr(alias, owner, record)
        alias.save()
    for dropped in log["dropped_aliases"]:
        alias_model.objects.get_or_create(**{owner: record}, name=dropped["name"], defaults=dropped)
    if log["added_alias"]:
        for alias in alias_model.objects.filter(pk=log["added_alias"], **{owner: survivor}):
            alias.delete()
    for child in Zone.objects.filter(pk__in=log["children"], parent_id=survivor.pk):
        child.parent = record
        child.save()
    for enterprise_id, had_survivor in log["enterprises"]:
        for enterprise in Enterprise.objects.filter(pk=enterprise_id):
            enterprise.zones.add(record)
            if not had_survivor:
                enterprise.zones.remove(survivor)
    if log["zones_added"]:
        survivor.zones.remove(*log["zones_added"])
    record.merged_into_id = log["merged_into"]
    record.save()
    entry.undone_at, entry.undone_by = timezone.now(), user if getattr(user, "pk", None) else None
    entry.save(update_fields=["undone_at", "undone_by"])
    return survivor
