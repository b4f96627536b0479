"""The gazetteer and dictionary fixtures as plain-Python indexes, for linking tests."""
import json
from functools import lru_cache

from clippings.text.enterprises import KnownEnterprise
from clippings.text.zones import ZoneEntry, ZoneIndex

from .conftest import ROOT


@lru_cache(maxsize=1)
def dictionary() -> tuple[KnownEnterprise, ...]:
    rows = json.loads((ROOT / "fixtures" / "enterprises.json").read_text(encoding="utf-8"))
    return tuple(KnownEnterprise(r["name"], r["name"], tuple(r["aliases"])) for r in rows)


@lru_cache(maxsize=1)
def zone_index() -> ZoneIndex:
    rows = json.loads((ROOT / "fixtures" / "zones.json").read_text(encoding="utf-8"))
    entries = [ZoneEntry(z["name"], z["name"], z["kind"], z["city"], z["province"], tuple(z["aliases"])) for z in rows]
    organisations = frozenset(s for k in dictionary() for s in (k.name, *k.aliases) if len(s) >= 3)
    return ZoneIndex(entries, organisations)


def zones_in(text: str) -> set[str]:
    return {link.name for link in zone_index().link(text)}
