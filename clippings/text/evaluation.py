"""Scoring zone and enterprise extraction against careful readings (no Django).

A reading lists, for each corpus article (``articles``/``id``) or seed page (``pages``/``page``),
the zones and enterprises a reader finds, each with the surface forms the text uses. Extraction
runs as ingest runs it: the article's text (for a seed page: each article the pipeline cuts,
then the page's entities together), the gazetteer as a zone index, the enterprise dictionary.

Matching rule: an extracted entity is right when its name or any of its surfaces equals the
name or a surface of a read entity; a read entity is found when some extracted entity matches
it. Precision = right extracted / extracted; recall = found read / read (summed over the set).
"""
from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from pathlib import Path

from .enterprises import EnterpriseIndex, KnownEnterprise, extract_enterprises
from .zones import ZoneEntry, ZoneIndex

KINDS = ("zones", "enterprises")


def known_enterprises(records: list[dict]) -> list[KnownEnterprise]:
    """The dictionary fixture (``{"name", "aliases"}``) as the extractor takes it, keyed by name."""
    return [KnownEnterprise(r["name"], r["name"], tuple(r.get("aliases", ()))) for r in records]


def zone_index(zone_records: list[dict], known: EnterpriseIndex) -> ZoneIndex:
    """The gazetteer fixture as a zone index, with the known firms as organisations (as ingest has them)."""
    entries = [
        ZoneEntry(z["name"], z["name"], z["kind"], z.get("city", ""), z.get("province", ""), tuple(z.get("aliases", ())))
        for z in zone_records
    ]
    return ZoneIndex(entries, frozenset(s for s in known.names() if len(s) >= 3))


@dataclass
class Found:
    name: str
    surfaces: set[str] = field(default_factory=set)

    def forms(self) -> set[str]:
        return {self.name, *self.surfaces}


def extract(text: str, index: ZoneIndex, known: EnterpriseIndex) -> dict[str, list[Found]]:
    """What ingest links for one article text: zones (with evidence) and enterprises."""
    links = index.link(text)
    evidence = {link.key if link.key is not None else ("discovered", link.name) for link in links}
    spans = [
        (m.start, m.end, m.entry.key if m.entry else ("discovered", m.surface))
        for m in index.mentions(text)
        if (m.entry.key if m.entry else ("discovered", m.surface)) in evidence
    ]
    zones = [Found(link.name, set(link.surfaces)) for link in links]
    enterprises = [
        Found(hit.name, set(hit.surfaces) | hit.aliases)
        for hit in extract_enterprises(text, known=known, zone_spans=spans)
    ]
    return {"zones": zones, "enterprises": enterprises}


def merge_found(groups: list[list[Found]]) -> list[Found]:
    """Entities of several articles of one page, one per name (as the database keeps them)."""
    by_name: dict[str, Found] = {}
    for group in groups:
        for item in group:
            by_name.setdefault(item.name, Found(item.name)).surfaces |= item.surfaces
    return list(by_name.values())


@dataclass
class Score:
    extracted: int = 0
    right: int = 0
    read: int = 0
    found: int = 0
    misses: list[tuple[str, str]] = field(default_factory=list)  # (unit id, read name)
    junk: list[tuple[str, str]] = field(default_factory=list)  # (unit id, extracted name)

    @property
    def precision(self) -> float:
        return self.right / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.read if self.read else 1.0

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)


def f1(precision: float, recall: float) -> float:
    """The harmonic mean of precision and recall (0 when both are 0)."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score_unit(unit: str, extracted: list[Found], read: list[dict], score: Score) -> None:
    read_forms = [{entity["name"], *entity.get("surfaces", ())} for entity in read]
    all_read = set().union(*read_forms) if read_forms else set()
    for item in extracted:
        score.extracted += 1
        if item.forms() & all_read:
            score.right += 1
        else:
            score.junk.append((unit, item.name))
    for entity, forms in zip(read, read_forms):
        score.read += 1
        if any(item.forms() & forms for item in extracted):
            score.found += 1
        else:
            score.misses.append((unit, entity["name"]))


def corpus_texts(corpus_path: Path, ids: set[str]) -> dict[str, str]:
    """headline + paragraphs of the corpus articles with these ids (the corpus file or its folder)."""
    path = Path(corpus_path)
    if path.is_dir():
        path = next(iter(sorted(path.glob("*.jsonl.gz"))), path)
    texts = {}
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            if any(i in line[:40] for i in ids):
                record = json.loads(line)
                if record["id"] in ids:
                    texts[record["id"]] = "\n".join([*record["headline"], *record["paragraphs"]])
    return texts


def seed_article_texts(raw: str) -> list[str]:
    """A seed page cut as ingest cuts it, each article's text as extraction reads it."""
    from .pipeline import process_page

    page = process_page(raw)
    return [
        "\n".join([a.title, a.kicker, a.subtitle, a.body, *(c.text for c in a.captions if c.text)])
        for a in page.articles
    ]


def evaluate_corpus(reading: dict, corpus_path: Path, index: ZoneIndex, known) -> dict[str, Score]:
    articles = reading["articles"]
    texts = corpus_texts(corpus_path, {a["id"] for a in articles})
    scores = {kind: Score() for kind in KINDS}
    for article in articles:
        if article["id"] not in texts:
            raise KeyError(f"article {article['id']} is not in {corpus_path}")
        found = extract(texts[article["id"]], index, known)
        for kind in KINDS:
            score_unit(article["id"], found[kind], article.get(kind, []), scores[kind])
    return scores


def evaluate_seeds(reading: dict, seeds_dir: Path, index: ZoneIndex, known) -> dict[str, Score]:
    scores = {kind: Score() for kind in KINDS}
    for page in reading["pages"]:
        raw = (Path(seeds_dir) / page["page"]).read_text(encoding="utf-8")
        per_article = [extract(text, index, known) for text in seed_article_texts(raw)]
        for kind in KINDS:
            found = merge_found([f[kind] for f in per_article])
            score_unit(page["page"], found, page.get(kind, []), scores[kind])
    return scores
