"""Train the line-role model (``clippings/text/linemodel.py``) on simulated pages (no Django).

The pages are corpus pages of the training months laid out in every style; each line's label is
the role the simulator gave it. The same first pass the splitter runs (``layout._read_lines``)
types the lines, so the model learns from exactly what it will see. Traditional pages are folded
to simplified first, as the pipeline does before splitting.
"""
from __future__ import annotations

import time
from itertools import chain
from pathlib import Path

from ..text import linemodel, stackmodel, storymodel
from ..text.layout import _read_lines, clean_page, lines_of
from ..text.segment import segment_page
from .corpus import read_pages, split_pages
from .scoring import squash
from .simulate import simulate, to_simplified

# CRFsuite's L-BFGS with L1+L2 regularisation; settings measured with evaluate_split
C1, C2, MAX_ITERATIONS = 0.0, 0.1, 200
# the story model's L2 weight
STORY_C2 = 1.0
# the story model also trains on a page of the columns style for every this many pages of all styles
JUMP_SHARE = 4


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


def _fit(sequences, params: dict, out: Path, what: str, count: int, log) -> dict:
    """Train one CRFsuite model on (features, labels) sequences and write it to ``out``."""
    import pycrfsuite

    started = time.perf_counter()
    trainer = pycrfsuite.Trainer(verbose=False)
    items = 0
    for xseq, yseq in sequences:
        trainer.append(xseq, yseq)
        items += len(yseq) if what == "lines" else 1
    log(f"{items} {what} from {count} pages prepared in {time.perf_counter() - started:.0f} s; training…")
    trainer.set_params({"c1": 0.0, "max_iterations": MAX_ITERATIONS, **params})
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    # the next step reads this model: not a tagger of the file it replaced, kept open from before
    linemodel.open_model.cache_clear()
    return {what: items, "pages": count, "seconds": round(time.perf_counter() - started, 1), "file": str(out)}


def train(corpus: Path, count: int, seed: int, out: Path = linemodel.MODEL_PATH, log=print) -> dict:
    return _fit(examples(corpus, count, seed), {"c1": C1, "c2": C2, "feature.possible_transitions": True}, out,
                "lines", count, log)


def story_examples(corpus: Path, count: int, seed: int):
    """(evidence, "N"/"S"/"J") at every unmarked headline stack the splitter meets after text.

    The splitter runs with the answer as its oracle, so the article so far is always the right
    one and the evidence is what it will see when its earlier calls were right."""
    train, _ = split_pages(read_pages(corpus))
    # …and pages whose columns OCR read out of order, the one style with the third call, which
    # the styles taken in turn give too few of to learn (about 60 in 1,600 pages)
    pages = chain(simulate(train, count, "all", seed), simulate(train, count // JUMP_SHARE, "columns", seed + 1))
    for _name, text, answer in pages:
        if answer.style.get("traditional"):
            text = to_simplified(text)
        found: list[tuple[dict[str, float], str]] = []

        def oracle(evidence, stack, article, owners=answer.owners):
            parts = [b for role, b in article.parts if role != "caption" and b.lines]
            if not parts or not stack[0].lines:
                return None
            here = owners[stack[0].lines[0] - 1]
            before = owners[max(b.lines[-1] for b in parts) - 1]
            if before < 0 or here < 0:
                return None
            call = storymodel.NEW if here != before else storymodel.SAME
            if evidence.get("lead") and len(parts) > 1:
                # the paragraph above the stack (the article's last part) is the next story's first
                prior = owners[max(b.lines[-1] for b in parts[:-1]) - 1]
                if before == here and prior != here and prior >= 0:
                    call = storymodel.JUMP
            if evidence.get("broken") and call == storymodel.SAME:
                # under a paragraph the stack broke off (set aside), the paragraph above goes with the
                # story under the stack, whether or not the one above it does too
                call = storymodel.JUMP
            found.append((evidence, call))
            return call

        segment_page(clean_page(text), oracle)
        yield from found


def train_stories(corpus: Path, count: int, seed: int, out: Path = storymodel.MODEL_PATH, log=print) -> dict:
    one_item = (([evidence], [label]) for evidence, label in story_examples(corpus, count, seed))
    return _fit(one_item, {"c2": STORY_C2}, out, "stacks", count, log)


def stack_examples(corpus: Path, count: int, seed: int):
    """(features, labels) of every headline stack of two or more lines the splitter gives an
    article whose body it starts right, each line labelled by the answer's kicker, title or subtitle."""
    train, _ = split_pages(read_pages(corpus))
    for _name, text, answer in simulate(train, count, "all", seed):
        if answer.style.get("traditional"):
            text = to_simplified(text)
        page = clean_page(text)
        if page.uses_markdown:
            continue
        truths = {squash("".join(t.body))[:12]: t for t in answer.articles}
        for article in segment_page(page).articles:
            truth = truths.get(squash(article.body)[:12])
            heads = [b.text for role, b in article.parts if role in ("kicker", "title", "subtitle")]
            if truth is None or len(heads) < 2:
                continue
            labels = [_stack_label(squash(h), truth) for h in heads]
            if None not in labels:
                yield stackmodel.features(heads, article.body), labels


def _stack_label(line: str, truth) -> str | None:
    parts = {"T": squash(truth.title), "K": squash(truth.kicker), "U": squash(truth.subtitle)}
    for label, text in parts.items():
        if line and line == text:
            return label
    for label, text in parts.items():
        if line and line in text:
            return label
    return None


def train_stacks(corpus: Path, count: int, seed: int, out: Path = stackmodel.MODEL_PATH, log=print) -> dict:
    return _fit(stack_examples(corpus, count, seed), {"c2": STORY_C2, "feature.possible_transitions": True}, out,
                "stacks", count, log)
