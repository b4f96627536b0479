"""Train the line-role model (``clippings/text/linemodel.py``) on simulated pages (no Django).

The pages are corpus pages of the training months laid out in every style; each line's label is
the role the simulator gave it. The same first pass the splitter runs (``layout._read_lines``)
types the lines, so the model learns from exactly what it will see. Traditional pages are folded
to simplified first, as the pipeline does before splitting.
"""
from __future__ import annotations

import time
from pathlib import Path

from ..text import linemodel
from ..text.layout import _read_lines, lines_of
from .corpus import read_pages, split_pages
from .simulate import simulate, to_simplified

# CRFsuite's L-BFGS with L1+L2 regularisation; settings measured with evaluate_split
C1, C2, MAX_ITERATIONS = 0.0, 0.1, 200


def examples(corpus: Path, count: int, seed: int):
    train, _ = split_pages(read_pages(corpus))
    for _name, text, answer in simulate(train, count, "all", seed):
        if answer.style.get("traditional"):
            text = to_simplified(text)
        pieces, markdown = _read_lines(text, [])
        if markdown:
            continue  # marked pages are read by their marks
        lines = lines_of(pieces)
        yield linemodel.features(lines), [answer.lines[line.number - 1] or "B" for line in lines]


def train(corpus: Path, count: int, seed: int, out: Path = linemodel.MODEL_PATH, log=print) -> dict:
    import pycrfsuite

    started = time.perf_counter()
    trainer = pycrfsuite.Trainer(verbose=False)
    items = 0
    for xseq, yseq in examples(corpus, count, seed):
        trainer.append(xseq, yseq)
        items += len(yseq)
    prepared = time.perf_counter() - started
    log(f"{items} lines from {count} pages prepared in {prepared:.0f} s; training…")
    trainer.set_params({"c1": C1, "c2": C2, "max_iterations": MAX_ITERATIONS, "feature.possible_transitions": True})
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    return {"lines": items, "pages": count, "seconds": round(time.perf_counter() - started, 1), "file": str(out)}
