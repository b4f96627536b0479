"""Average zone + enterprise extraction time per article, as ingest runs it (no database):
python scripts/time_extraction.py [../shared/corpus] [-n 500]"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clippings.text import evaluation, lexicon  # noqa: E402
from clippings.text.enterprises import EnterpriseIndex  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus" / "rmrb2023.jsonl.gz"))
    parser.add_argument("-n", type=int, default=500)
    args = parser.parse_args(argv)
    fixtures = ROOT / "fixtures"
    known = EnterpriseIndex(
        evaluation.known_enterprises(json.loads((fixtures / "enterprises.json").read_text(encoding="utf-8"))),
        lexicon.read(fixtures / "enterprise_lexicon.json"),
    )
    index = evaluation.zone_index(json.loads((fixtures / "zones.json").read_text(encoding="utf-8")), known)
    texts = []
    with gzip.open(args.corpus, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            texts.append("\n".join([*record["headline"], *record["paragraphs"]]))
            if len(texts) >= args.n:
                break
    evaluation.extract(texts[0], index, known)  # loads jieba's tagger
    started = time.perf_counter()
    for text in texts:
        evaluation.extract(text, index, known)
    elapsed = time.perf_counter() - started
    chars = sum(map(len, texts))
    print(f"{len(texts)} articles, {chars / len(texts):.0f} characters on average: "
          f"{elapsed / len(texts) * 1000:.1f} ms per article")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
