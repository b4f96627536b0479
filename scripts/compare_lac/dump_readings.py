"""Dump, per reading, each unit's texts, gold enterprises and the project's extraction to a /tmp JSON.
Run from the project folder with its venv and DEVNEWS_DATA_DIR set to a scratch folder."""
import json, os, sys, time
from pathlib import Path
sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "devnews.settings")
import django
django.setup()
from django.conf import settings
from clippings.services.gazetteer import ENTERPRISES_FIXTURE, LEXICON_FIXTURE, ZONES_FIXTURE, read_records
from clippings.text import evaluation, lexicon
from clippings.text.enterprises import EnterpriseIndex

BASE = Path(settings.BASE_DIR); SHARED = BASE.parent / "shared"
known = EnterpriseIndex(evaluation.known_enterprises(read_records(ENTERPRISES_FIXTURE)), lexicon.read(LEXICON_FIXTURE))
index = evaluation.zone_index(read_records(ZONES_FIXTURE), known)
out = {"corpus": [], "seeds": []}
reading = json.loads((BASE / "tests/data/entity_reading_corpus.json").read_text())
texts = evaluation.corpus_texts(SHARED / "corpus", {a["id"] for a in reading["articles"]})
for a in reading["articles"]:
    t = texts[a["id"]]
    f = evaluation.extract(t, index, known)["enterprises"]
    out["corpus"].append({"unit": a["id"], "texts": [t], "gold": a.get("enterprises", []),
                          "project": [{"name": x.name, "surfaces": sorted(x.surfaces)} for x in f]})
reading = json.loads((BASE / "tests/data/entity_reading_seeds.json").read_text())
for p in reading["pages"]:
    raw = (SHARED / "seeds" / p["page"]).read_text(encoding="utf-8")
    ts = evaluation.seed_article_texts(raw)
    f = evaluation.merge_found([evaluation.extract(t, index, known)["enterprises"] for t in ts])
    out["seeds"].append({"unit": p["page"], "texts": ts, "gold": p.get("enterprises", []),
                         "project": [{"name": x.name, "surfaces": sorted(x.surfaces)} for x in f]})
Path(sys.argv[1]).write_text(json.dumps(out, ensure_ascii=False))
print({k: (len(v), sum(len(u["gold"]) for u in v)) for k, v in out.items()})
