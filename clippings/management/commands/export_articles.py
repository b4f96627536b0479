"""python manage.py export_articles [-o FILE] — the archive as JSON Lines, one article a line."""
from __future__ import annotations

import json
import os
import sys
import tempfile

from django.conf import settings
from django.core.management.base import BaseCommand

from clippings.selectors.articles import export_records


class Command(BaseCommand):
    help = (
        "Write every article as JSON Lines: id, source, position, title, subtitle, authors, body, "
        "captions [{text, credit}], zones [{name, surfaces}], enterprises [{name, aliases}], url, …"
    )

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", default="-", help="file to write (default: standard output)")
        parser.add_argument("--base-url", default=settings.DEVNEWS_BASE_URL, help="prefix of the article links")

    def handle(self, *args, **options):
        output = options["output"]
        if output == "-":
            try:
                self.write(sys.stdout, options["base_url"])
                sys.stdout.flush()
            except BrokenPipeError:  # the reader (head, less) stopped early
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, sys.stdout.fileno())
        else:
            # write beside the target and rename: a failed export never leaves half a file
            folder = os.path.dirname(os.path.abspath(output))
            fd, tmp = tempfile.mkstemp(prefix=".export-", suffix=".jsonl", dir=folder)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    count = self.write(handle, options["base_url"])
                os.replace(tmp, output)
            except BaseException:
                os.unlink(tmp)
                raise
            self.stderr.write(f"{count} articles → {output}")

    def write(self, handle, base_url: str) -> int:
        count = 0
        for record in export_records(base_url):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
        return count
