"""The gazetteer and dictionary fixtures as plain-Python indexes, for linking tests."""
import json
from functools import lru_cache

from clippings.text import evaluation
from clippings.text.enterprises import KnownEnterprise
from clippings.text.zones import ZoneIndex

from .conftest import ROOT


@lru_cache(maxsize=1)
def dictionary() -> tuple[KnownEnterprise, ...]:
    rows = json.loads((ROOT / "fixtures" / "enterprises.json").read_text(encoding="utf-8"))
    return tuple(evaluation.known_enterprises(rows))


@lru_cache(maxsize=1)
def zone_index() -> ZoneIndex:
    rows = json.loads((ROOT / "fixtures" / "zones.json").read_text(encoding="utf-8"))
    return evaluation.zone_index(rows, list(dictionary()))


def zones_in(text: str) -> set[str]:
    return {link.name for link in zone_index().link(text)}
