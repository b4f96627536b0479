"""What the splitter made of a page, against the page's answer (no Django).

* **Segmentation**: an article found is right when its body starts with the first paragraph
  of an article of the answer and ends with that article's last paragraph (compared on the
  first and last ``KEY`` letters, spaces and punctuation left out). Precision is right / found,
  recall right / in the answer, F1 their harmonic mean.
* **Titles**: an article of the answer that has a title counts when the article found with
  its body's start has that title (spaces and character widths aside; for a stack of two
  unmarked lines either line, as plain text does not keep which was set larger).
* **Authors**: names of the found article whose body starts where the answer's does, against
  the answer's names, over the articles whose authors the answer knows.

Traditional pages are compared after folding both sides to simplified characters.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..text.evaluation import f1
from .simulate import PageAnswer, TruthArticle, to_simplified

KEY = 12
_KEEP_RE = re.compile(r"[\u3400-\u9fffA-Za-z0-9]")


def squash(text: str, traditional: bool = False) -> str:
    if traditional:
        text = to_simplified(text)
    return "".join(_KEEP_RE.findall(unicodedata.normalize("NFKC", text)))


def _title_form(text: str, traditional: bool = False) -> str:
    if traditional:
        text = to_simplified(text)
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).replace("—", "-")


@dataclass
class Found:
    """One article as the splitter made it (the fields the score reads)."""

    title: str
    authors: list[str]
    body: str


@dataclass
class Score:
    pages: int = 0
    truth: int = 0
    found: int = 0
    right: int = 0
    titled: int = 0
    titles_right: int = 0
    authors_tp: int = 0
    authors_fp: int = 0
    authors_fn: int = 0
    misses: list[dict] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("pages", "truth", "found", "right", "titled", "titles_right", "authors_tp", "authors_fp",
                     "authors_fn"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses.extend(other.misses)

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.right / self.truth if self.truth else 0.0

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)

    @property
    def title_accuracy(self) -> float:
        return self.titles_right / self.titled if self.titled else 0.0

    @property
    def authors_f1(self) -> float:
        tp, fp, fn = self.authors_tp, self.authors_fp, self.authors_fn
        return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0


def _ends(body: list[str], traditional: bool) -> tuple[str, str]:
    text = squash("".join(body), traditional)
    return text[:KEY], text[-KEY:]


def score_page(answer: PageAnswer, found: list[Found], *, keep_misses: bool = False) -> Score:
    traditional = bool(answer.style.get("traditional"))
    score = Score(pages=1, truth=len(answer.articles), found=len(found))
    got = []
    for article in found:
        text = squash(article.body, traditional=False)  # found text is folded by the caller when needed
        got.append((text[:KEY], text[-KEY:], article))
    # the article found with the same first and last words; else one that starts where it does
    # (several short reports may open with the same words: 据中央纪委国家监委网站消息…). Each found
    # article answers one truth, in page order: several meetings reported in a row may open and end
    # with the same words, and the first one found must not answer for the second too.
    ends = [_ends(truth.body, traditional=False) for truth in answer.articles]
    used: set[int] = set()
    wholes: list[Found | None] = []
    for first, last in ends:
        whole = next((a for f, l, a in got if f == first and l == last and id(a) not in used), None)
        if whole is not None:
            used.add(id(whole))
        wholes.append(whole)
    for truth, (first, last), whole in zip(answer.articles, ends, wholes):
        right = whole is not None
        match = whole or next((a for f, _, a in got if f == first and id(a) not in used), None)
        if whole is None and match is not None:
            used.add(id(match))
        score.right += right
        if truth.title:
            score.titled += 1
            ok = match is not None and _title_ok(truth, match.title)
            score.titles_right += ok
        else:
            ok = match is not None and not match.title
        if truth.authors is not None:
            want = set(truth.authors)
            have = set(match.authors) if match is not None else set()
            score.authors_tp += len(want & have)
            score.authors_fn += len(want - have)
            score.authors_fp += len(have - want)
        if keep_misses and (not right or not ok):
            score.misses.append(
                {
                    "page": answer.key,
                    "id": truth.id,
                    "title": truth.title,
                    "found_title": match.title if match else None,
                    "cut": "right" if right else ("starts right" if match else "start missed"),
                }
            )
    return score


def _title_ok(truth: TruthArticle, found: str) -> bool:
    have = _title_form(found)
    return any(have == _title_form(t) for t in [truth.title, *truth.title_alternatives] if t)
