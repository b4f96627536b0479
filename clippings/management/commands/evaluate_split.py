"""How well pages are split: simulated pages of the corpus (known answers) and the seed reading."""
from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from clippings.evaluation.run import TWIN, TWIN_OF, evaluate_reading, evaluate_simulated
from clippings.evaluation.scoring import Score
from clippings.evaluation.simulate import STYLE_NAMES

ROOT = Path(settings.BASE_DIR)


class Command(BaseCommand):
    help = (
        "Lay corpus pages out as OCR-like pages in many styles, split them, and print segmentation F1, "
        "title accuracy and author F1 per style; then the same on the reading of the seed pages."
    )

    def add_arguments(self, parser):
        parser.add_argument("--pages", type=int, default=270, help="simulated pages (styles taken in turn)")
        parser.add_argument("--style", default="all", choices=("all", "mixed", *STYLE_NAMES))
        parser.add_argument("--seed", type=int, default=0, help="the simulation's random seed")
        parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "rmrb2023.jsonl.gz")
        parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
        parser.add_argument("--reading", type=Path, default=ROOT / "tests" / "data" / "seed_split_reading.json")
        parser.add_argument("--write", type=Path, help="also write every page and its answer (PAGE.answer.json) here")
        parser.add_argument("--misses", type=int, default=0, help="print this many articles cut or titled wrong")
        parser.add_argument("--json", action="store_true", help="print the figures as JSON")
        parser.add_argument(
            "--traditional-twin", action="store_true",
            help="also split every simplified page converted to traditional characters and compare the two",
        )

    def handle(self, *args, **opts):
        if not opts["corpus"].exists():
            raise CommandError(f"corpus not found: {opts['corpus']}")
        run = evaluate_simulated(
            opts["corpus"], opts["pages"], opts["style"], opts["seed"], keep_misses=bool(opts["misses"]),
            write_to=opts["write"], traditional_twin=opts["traditional_twin"],
        )
        twins = {name: run.by_style.pop(name) for name in (TWIN_OF, TWIN) if name in run.by_style}
        rows = {name: score for name, score in sorted(run.by_style.items())}
        rows["ALL simulated"] = run.overall
        rows.update(twins)
        if opts["reading"].exists() and opts["seeds"].exists():
            rows["seeds (reading)"] = evaluate_reading(opts["reading"], opts["seeds"], keep_misses=bool(opts["misses"]))
        if opts["json"]:
            figures = {name: _figures(s) for name, s in rows.items()}
            figures["ms_per_page"] = round(1000 * run.seconds / max(run.pages, 1), 2)
            self.stdout.write(json.dumps(figures, ensure_ascii=False, indent=1))
            return
        self.stdout.write(f"{'style':18} {'pages':>5} {'articles':>8} {'found':>5} {'P':>5} {'R':>5} {'F1':>5} "
                          f"{'titles':>6} {'authF1':>6}")
        for name, s in rows.items():
            self.stdout.write(
                f"{name:18} {s.pages:5d} {s.truth:8d} {s.found:5d} {s.precision:5.3f} {s.recall:5.3f} {s.f1:5.3f} "
                f"{s.title_accuracy:6.3f} {s.authors_f1:6.3f}"
            )
        self.stdout.write(f"splitting: {1000 * run.seconds / max(run.pages, 1):.1f} ms a page on average")
        misses = [m for s in rows.values() for m in s.misses][: opts["misses"]]
        for miss in misses:
            self.stdout.write(json.dumps(miss, ensure_ascii=False))


def _figures(s: Score) -> dict:
    return {
        "pages": s.pages, "articles": s.truth, "found": s.found, "precision": round(s.precision, 4),
        "recall": round(s.recall, 4), "f1": round(s.f1, 4), "titles": round(s.title_accuracy, 4),
        "authors_f1": round(s.authors_f1, 4),
    }
