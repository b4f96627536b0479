"""python manage.py build_enterprise_lexicon CORPUS — grow the enterprise lexicon
(fixtures/enterprise_lexicon.json) from a corpus of articles (clippings/text/lexicon.py)."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from clippings.services.gazetteer import LEXICON_FIXTURE
from clippings.text import lexicon


def corpus_texts(path: Path):
    """Article texts (headline + paragraphs) of a corpus: .jsonl(.gz) files, or a folder of them or of .txt files."""
    files = sorted(path.rglob("*")) if path.is_dir() else [path]
    for file in files:
        if file.name.endswith((".jsonl.gz", ".jsonl")):
            opener = gzip.open if file.name.endswith(".gz") else open
            with opener(file, "rt", encoding="utf-8") as lines:
                for line in lines:
                    record = json.loads(line)
                    yield "\n".join([*record.get("headline", []), *record.get("paragraphs", [])])
        elif file.suffix == ".txt":
            yield file.read_text(encoding="utf-8")


class Command(BaseCommand):
    help = "Grow the enterprise lexicon: short names that stand for a legal-suffix name elsewhere in the corpus."

    def add_arguments(self, parser):
        parser.add_argument("corpus", help="corpus file (.jsonl.gz) or folder")
        parser.add_argument("-o", "--output", default=str(LEXICON_FIXTURE))
        parser.add_argument("--min-uses", type=int, default=3, help="uses of a short name on its own to keep it")

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            path = Path(options["corpus"])
            if not path.exists():
                raise CommandError(_("No such corpus: %(path)s") % {"path": path})
            rows = lexicon.build(corpus_texts(path), min_uses=options["min_uses"])
            output = Path(options["output"])
            temporary = output.with_suffix(".tmp")
            temporary.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            temporary.replace(output)
            self.stdout.write(_("%(count)d enterprises with short names written to %(path)s")
                              % {"count": len(rows), "path": output})
