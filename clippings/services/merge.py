"""Merging zones or enterprises that are one real thing recorded twice (staff action).

Every change is a saved row, so the search index's signal queue re-indexes each article whose links
moved (and, through the alias rows saved on the survivor, every article showing its names). The survivor keeps its record; every other record's mentions and aliases move to it, their names
become its aliases, and they stay behind as ``merged_into`` the survivor, so their old URLs redirect
and re-extraction resolves their names to the survivor. ``plan_merge`` says what will change (the
confirmation page); ``merge`` does it in one transaction.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from clippings.models import Enterprise, Origin, Zone
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
def merge(survivor, others) -> MergePlan:
    """Merge ``others`` into ``survivor``; returns what was done."""
    plan = plan_merge(survivor, others)
    kind = kind_of(survivor)
    owner = "zone" if kind is ZONES else "enterprise"
    alias_model = survivor.aliases.model
    for other in plan.others:
        for mention in kind.mention.objects.filter(**{kind.field: other.pk}):
            twin = kind.mention.objects.filter(
                article_id=mention.article_id, surface=mention.surface, **{kind.field: survivor.pk}
            ).first()
            if twin is None:
                setattr(mention, owner, survivor)
                mention.save()
                continue
            twin.count += mention.count
            twin.first_position = min(twin.first_position, mention.first_position)
            twin.rejected = twin.rejected and mention.rejected
            if mention.origin == Origin.STAFF:
                twin.origin = Origin.STAFF
            twin.save()
            mention.delete()
        for alias in other.aliases.all():
            if alias_model.objects.filter(**{owner: survivor}, name=alias.name).exists():
                alias.delete()
            else:
                setattr(alias, owner, survivor)
                alias.save()
        if other.name != survivor.name and not alias_model.objects.filter(**{owner: survivor}, name=other.name).exists():
            alias_model.objects.create(**{owner: survivor}, name=other.name, origin=Origin.STAFF)
        if kind is ZONES:
            for child in Zone.objects.filter(parent=other):
                child.parent = survivor
                child.save()
            for enterprise in Enterprise.objects.filter(zones=other):
                enterprise.zones.remove(other)
                enterprise.zones.add(survivor)
        else:
            survivor.zones.add(*other.zones.all())
        other.merged_into = survivor
        other.save()
    return plan
