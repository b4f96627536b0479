"""Build the line-role model the splitter ships with (clippings/text/models/lines.crfsuite)."""
from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from clippings.evaluation.training import train
from clippings.text.linemodel import MODEL_PATH


class Command(BaseCommand):
    help = "Train the splitter's line-role model on corpus pages (July–August) laid out by the page simulator."

    def add_arguments(self, parser):
        parser.add_argument("--pages", type=int, default=700)
        parser.add_argument("--seed", type=int, default=1000, help="the simulation's seed (not the evaluation's)")
        parser.add_argument(
            "--corpus", type=Path, default=Path(settings.BASE_DIR).parent / "shared" / "corpus" / "rmrb2023.jsonl.gz"
        )
        parser.add_argument("-o", "--output", type=Path, default=MODEL_PATH)

    def handle(self, *args, **opts):
        if not opts["corpus"].exists():
            raise CommandError(f"corpus not found: {opts['corpus']}")
        result = train(opts["corpus"], opts["pages"], opts["seed"], opts["output"], log=self.stdout.write)
        self.stdout.write(f"model written: {result['file']} ({result['lines']} lines, {result['seconds']} s)")
