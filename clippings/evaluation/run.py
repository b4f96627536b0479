"""Run the splitter over simulated pages and over a reading of real pages (no Django)."""
from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ..text.pipeline import process_page
from .corpus import read_pages, split_pages
from .scoring import Found, Score, score_page, squash
from .simulate import PageAnswer, TruthArticle, simulate, to_simplified, to_traditional

Splitter = Callable[[str], list[Found]]
# rows of the traditional-twin comparison: the simplified pages, and the same pages in traditional
TWIN_OF, TWIN = "twin: simplified", "twin: traditional"


def pipeline_splitter(raw: str) -> list[Found]:
    # what a reader reads: the text, or for an item of pictures alone (图片报道) their captions, as
    # the answer has it
    return [
        Found(a.title, list(a.authors), a.body or "\n".join(c.text for c in a.captions if c.text))
        for a in process_page(raw).articles
    ]


@dataclass
class Run:
    by_style: dict[str, Score]
    seconds: float
    pages: int

    @property
    def overall(self) -> Score:
        total = Score()
        for name, score in self.by_style.items():
            if name not in (TWIN_OF, TWIN):
                total.add(score)
        return total


def _folded(found: list[Found]) -> list[Found]:
    return [Found(to_simplified(f.title), [to_simplified(a) for a in f.authors], to_simplified(f.body)) for f in found]


def evaluate_simulated(
    corpus: Path, count: int, style: str = "all", seed: int = 0, splitter: Splitter = pipeline_splitter,
    keep_misses: bool = False, write_to: Path | None = None, traditional_twin: bool = False,
) -> Run:
    """Split ``count`` simulated pages and score them per style. With ``traditional_twin`` every
    page not already traditional is split a second time converted to traditional characters,
    scored as "traditional twin" (the same pages, so the two rows compare directly)."""
    _, pages = split_pages(read_pages(corpus))  # the months the line model was not trained on
    by_style: dict[str, Score] = {}
    spent = 0.0
    for n, (name, text, answer) in enumerate(simulate(pages, count, style, seed)):
        if write_to is not None:
            write_to.mkdir(parents=True, exist_ok=True)
            stem = f"{n:05d}_{name}_{answer.key}"
            (write_to / f"{stem}.txt").write_text(text, encoding="utf-8")
            (write_to / f"{stem}.answer.json").write_text(
                json.dumps(answer.to_json(), ensure_ascii=False, indent=1), encoding="utf-8"
            )
        started = time.perf_counter()
        found = splitter(text)
        spent += time.perf_counter() - started
        if answer.style.get("traditional"):
            found = _folded(found)
        by_style.setdefault(name, Score()).add(score_page(answer, found, keep_misses=keep_misses))
        if traditional_twin and not answer.style.get("traditional"):
            by_style.setdefault(TWIN_OF, Score()).add(score_page(answer, found, keep_misses=keep_misses))
            twin = _folded(splitter(to_traditional(text)))
            by_style.setdefault(TWIN, Score()).add(score_page(answer, twin, keep_misses=keep_misses))
    return Run(by_style, spent, count)


def seed_answers(reading: Path) -> Iterable[tuple[str, PageAnswer]]:
    """A reading of real pages (file name -> articles) as answers."""
    data = json.loads(reading.read_text(encoding="utf-8"))
    for page in data["pages"]:
        articles = [
            TruthArticle(
                id=f"{page['file']}#{n}",
                kind=a["kind"],
                kicker=a["kicker"],
                title=a["title"],
                subtitle=a.get("subtitle", ""),
                title_alternatives=[],
                authors=a["authors"],
                blocks=[("para", a["body_starts"]), ("para", a["body_ends"])],
            )
            for n, a in enumerate(page["articles"], start=1)
        ]
        yield page["file"], PageAnswer(page["file"], {"name": "seeds"}, articles)


def evaluate_reading(
    reading: Path, pages_dir: Path, splitter: Splitter = pipeline_splitter, keep_misses: bool = False
) -> Score:
    total = Score()
    for name, answer in seed_answers(reading):
        matches = sorted(pages_dir.glob(f"{name}*"))
        if not matches:
            raise FileNotFoundError(f"page {name} of the reading not found in {pages_dir}")
        found = splitter(matches[0].read_text(encoding="utf-8"))
        total.add(_score_ends(answer, found, keep_misses))
    return total


def _score_ends(answer: PageAnswer, found: list[Found], keep_misses: bool) -> Score:
    """A reading gives where each body starts and ends (any length), not whole paragraphs."""
    exact = []
    for truth in answer.articles:
        start, end = (squash(t) for _, t in truth.blocks)
        exact.append((truth, start, end))
    score = Score(pages=1, truth=len(answer.articles), found=len(found))
    for truth, start, end in exact:
        bodies = [(squash(f.body), f) for f in found]
        match = next((f for text, f in bodies if text.startswith(start)), None)
        right = any(text.startswith(start) and text.endswith(end) for text, _ in bodies)
        score.right += right
        if truth.title:
            score.titled += 1
            score.titles_right += match is not None and squash(match.title) == squash(truth.title)
        want, have = set(truth.authors or []), set(match.authors if match else [])
        score.authors_tp += len(want & have)
        score.authors_fn += len(want - have)
        score.authors_fp += len(have - want)
        if keep_misses and not (right and match is not None and squash(match.title) == squash(truth.title)):
            score.misses.append({"page": answer.key, "id": truth.id, "title": truth.title,
                                 "found_title": match.title if match else None, "cut": "right" if right else "wrong"})
    return score
