"""The evaluation of zone and enterprise extraction against readings (tests/data), and its floors."""
import json

import pytest
from django.core.management import call_command

from clippings.text import evaluation

from .conftest import ROOT
from .linking import known, zone_index

DATA = ROOT / "tests" / "data"
CORPUS = ROOT.parent / "shared" / "corpus"
# what extraction reaches on each reading, a little below (precision matters most)
FLOORS = {
    "entity_reading_corpus.json": {"zones": (0.96, 0.86), "enterprises": (0.96, 0.85)},
    "entity_reading_corpus_dev.json": {"zones": (0.97, 0.89), "enterprises": (0.97, 0.85)},
}
SEED_FLOORS = {"zones": (0.97, 0.94), "enterprises": (0.97, 0.88)}


def test_an_entity_is_right_by_its_name_or_any_surface():
    score = evaluation.Score()
    read = [{"name": "某某经济技术开发区", "surfaces": ["某某经开区"]}, {"name": "另一园", "surfaces": []}]
    extracted = [evaluation.Found("甲乙经济技术开发区", {"某某经开区"}), evaluation.Found("无关公司", {"无关公司"})]
    evaluation.score_unit("a", extracted, read, score)
    assert (score.right, score.extracted, score.found, score.read) == (1, 2, 1, 2)
    assert score.junk == [("a", "无关公司")] and score.misses == [("a", "另一园")]
    assert score.precision == 0.5 and score.recall == 0.5 and score.f1 == 0.5


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_extraction_holds_its_floors(name):
    reading = json.loads((DATA / name).read_text(encoding="utf-8"))
    scores = evaluation.evaluate_corpus(reading, CORPUS, zone_index(), known())
    for kind, (precision, f1) in FLOORS[name].items():
        assert scores[kind].precision >= precision, (kind, scores[kind].junk)
        assert scores[kind].f1 >= f1, (kind, scores[kind].misses)


def test_extraction_on_the_seed_pages_holds_its_floors():
    reading = json.loads((DATA / "entity_reading_seeds.json").read_text(encoding="utf-8"))
    scores = evaluation.evaluate_seeds(reading, ROOT.parent / "shared" / "seeds", zone_index(), known())
    for kind, (precision, f1) in SEED_FLOORS.items():
        assert scores[kind].precision >= precision, (kind, scores[kind].junk)
        assert scores[kind].f1 >= f1, (kind, scores[kind].misses)


def test_command_prints_figures_and_with_verbose_the_misses(capsys):
    call_command("evaluate_entities", "--corpus", str(DATA / "entity_reading_corpus_dev.json"), "--verbose")
    out = capsys.readouterr().out
    assert "F1" in out and "entity_reading_corpus_dev.json" in out
    assert "20230" in out  # a miss or a junk record names its article
