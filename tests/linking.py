"""The gazetteer and dictionary fixtures as plain-Python indexes, for linking tests."""
import json
from functools import lru_cache

from clippings.text import evaluation, lexicon
from clippings.text.enterprises import EnterpriseIndex, KnownEnterprise
from clippings.text.zones import ZoneIndex

from .conftest import ROOT


@lru_cache(maxsize=1)
def dictionary() -> tuple[KnownEnterprise, ...]:
    rows = json.loads((ROOT / "fixtures" / "enterprises.json").read_text(encoding="utf-8"))
    return tuple(evaluation.known_enterprises(rows))


@lru_cache(maxsize=1)
def zone_index() -> ZoneIndex:
    rows = json.loads((ROOT / "fixtures" / "zones.json").read_text(encoding="utf-8"))
    return evaluation.zone_index(rows, known())


@lru_cache(maxsize=1)
def known() -> EnterpriseIndex:
    """The dictionary and the lexicon, as extraction has them."""
    return EnterpriseIndex(dictionary(), lexicon.read(ROOT / "fixtures" / "enterprise_lexicon.json"))


def zones_in(text: str) -> set[str]:
    return {link.name for link in zone_index().link(text)}
