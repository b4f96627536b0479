"""Build the splitter's models (clippings/text/models/): line roles, story breaks, headline stacks."""
from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from clippings.evaluation.training import train, train_stacks, train_stories


class Command(BaseCommand):
    help = (
        "Train the splitter's three models on corpus pages (July–August) laid out by the page simulator: "
        "the line-role model first, then the story-break and headline-stack models that read its labels."
    )

    def add_arguments(self, parser):
        parser.add_argument("--pages", type=int, default=700, help="pages for the line model")
        parser.add_argument("--story-pages", type=int, default=3200, help="pages for the story and stack models")
        parser.add_argument("--seed", type=int, default=1000, help="the simulation's seed (not the evaluation's)")
        parser.add_argument(
            "--corpus", type=Path, default=Path(settings.BASE_DIR).parent / "shared" / "corpus" / "rmrb2023.jsonl.gz"
        )

    def handle(self, *args, **opts):
        corpus = opts["corpus"]
        if not corpus.exists():
            raise CommandError(f"corpus not found: {corpus}")
        log = self.stdout.write
        result = train(corpus, opts["pages"], opts["seed"], log=log)
        log(f"model written: {result['file']} ({result['lines']} lines, {result['seconds']} s)")
        # each model on its own pages: the later two see the line model's labels as the splitter will
        for trainer, offset in ((train_stories, 1000), (train_stacks, 2000)):
            result = trainer(corpus, opts["story_pages"], opts["seed"] + offset, log=log)
            log(f"model written: {result['file']} ({result['stacks']} stacks, {result['seconds']} s)")
