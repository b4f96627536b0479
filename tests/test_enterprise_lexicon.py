"""The enterprise lexicon grown from a corpus: short names that stand for a legal-suffix name. Our own texts."""
import gzip
import json

from django.core.management import call_command

from clippings.text import lexicon
from clippings.text.enterprises import EnterpriseIndex, extract_enterprises

TEXTS = [
    "走进河南恒泽铝业股份有限公司的车间，生产线全速运转。",
    "恒泽铝业今年产值增长两成。",
    "记者在恒泽铝业看到，新产线已经投用。",
    "当地的恒泽铝业、东岭钢业等企业加快转型。",
    "村里成立了国际贸易有限公司。国际贸易持续增长。国际贸易稳中向好。国际贸易规模扩大。",
]


def test_short_names_written_on_their_own_stand_for_the_full_name():
    rows = lexicon.build(TEXTS, min_uses=3)
    assert {"name": "河南恒泽铝业股份有限公司", "aliases": ["恒泽铝业"]} in rows
    assert not any("国际贸易" in alias for row in rows for alias in row["aliases"])  # an ordinary word


def test_a_short_name_seen_too_rarely_is_left_out():
    assert lexicon.build(TEXTS[:2], min_uses=3) == []


def test_extraction_finds_the_lexicon_firm_in_an_unseen_text():
    known = EnterpriseIndex((), lexicon.known_entries(lexicon.build(TEXTS, min_uses=3)))
    hits = extract_enterprises("恒泽铝业的新工厂明年投产。", known=known)
    assert [(h.name, dict(h.surfaces)) for h in hits] == [("河南恒泽铝业股份有限公司", {"恒泽铝业": 1})]


def test_command_writes_the_lexicon(tmp_path):
    corpus = tmp_path / "corpus.jsonl.gz"
    with gzip.open(corpus, "wt", encoding="utf-8") as out:
        for i, text in enumerate(TEXTS):
            out.write(json.dumps({"id": str(i), "headline": [], "paragraphs": [text]}, ensure_ascii=False) + "\n")
    target = tmp_path / "lexicon.json"
    call_command("build_enterprise_lexicon", str(corpus), "-o", str(target), stdout=open(tmp_path / "log", "w"))
    assert {"name": "河南恒泽铝业股份有限公司", "aliases": ["恒泽铝业"]} in json.loads(target.read_text(encoding="utf-8"))
