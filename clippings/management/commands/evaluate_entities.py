"""python manage.py evaluate_entities — precision, recall and F1 of zone and enterprise extraction
against the readings in tests/data (the scoring is clippings/text/evaluation.py)."""
from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from clippings.services.gazetteer import ENTERPRISES_FIXTURE, LEXICON_FIXTURE, ZONES_FIXTURE, read_records
from clippings.text import evaluation, lexicon
from clippings.text.enterprises import EnterpriseIndex

BASE = Path(settings.BASE_DIR)
SHARED = BASE.parent / "shared"


class Command(BaseCommand):
    help = "Score zone and enterprise extraction against readings of corpus articles and seed pages."

    def add_arguments(self, parser):
        parser.add_argument("--corpus", action="append", default=[],
                            help="reading of corpus articles (repeatable; default tests/data/entity_reading_corpus*.json)")
        parser.add_argument("--seeds", action="append", default=[],
                            help="reading of the seed pages (default tests/data/entity_reading_seeds.json)")
        parser.add_argument("--corpus-file", default=str(SHARED / "corpus"), help="the corpus (.jsonl.gz or its folder)")
        parser.add_argument("--seed-dir", default=str(SHARED / "seeds"), help="folder of the seed pages")
        parser.add_argument("--verbose", action="store_true", help="list the misses and the junk")

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            corpus = options["corpus"] or sorted(str(p) for p in (BASE / "tests" / "data").glob("entity_reading_corpus*.json"))
            seeds = options["seeds"] or [str(p) for p in [BASE / "tests" / "data" / "entity_reading_seeds.json"] if p.exists()]
            if not corpus and not seeds:
                raise CommandError(_("No reading to score against: give --corpus or --seeds."))
            known = EnterpriseIndex(evaluation.known_enterprises(read_records(ENTERPRISES_FIXTURE)),
                                    lexicon.read(LEXICON_FIXTURE))
            index = evaluation.zone_index(read_records(ZONES_FIXTURE), known)
            for path in corpus:
                scores = evaluation.evaluate_corpus(self._reading(path), Path(options["corpus_file"]), index, known)
                self._print(path, scores, options["verbose"])
            for path in seeds:
                scores = evaluation.evaluate_seeds(self._reading(path), Path(options["seed_dir"]), index, known)
                self._print(path, scores, options["verbose"])

    def _reading(self, path: str) -> dict:
        try:
            return json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CommandError(_("Cannot read the reading %(path)s: %(error)s") % {"path": path, "error": exc})

    def _print(self, path: str, scores: dict, verbose: bool) -> None:
        self.stdout.write(Path(path).name)
        labels = {"zones": pgettext("evaluation", "zones"), "enterprises": pgettext("evaluation", "enterprises")}
        for kind, score in scores.items():
            self.stdout.write(
                f"  {labels[kind]} P {score.precision:.2f}  R {score.recall:.2f}  F1 {score.f1:.2f}"
                f"  ({score.right}/{score.extracted}, {score.found}/{score.read})"
            )
            if verbose:
                for unit, name in score.misses:
                    self.stdout.write(f"    {_('missed')} {unit} {name}")
                for unit, name in score.junk:
                    self.stdout.write(f"    {_('junk')} {unit} {name}")
