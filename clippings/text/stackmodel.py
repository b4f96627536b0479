"""Which lines of an unmarked headline stack are kicker, title and subtitle (no Django).

A printed headline is a stack: a kicker (引题) above, the title, a subtitle (副题) below, and a
long title set over two lines. Type size tells them apart on paper; plain OCR text keeps only
the words. What is left still says a lot: a kicker often ends with a dash or reads as a
sentence with commas, a subtitle starts with a dash, a word running across a break joins two
lines of one title, a column tag （…） ends the title, and titles are short. A linear-chain CRF
(CRFsuite, as the line model) labels every line of a stack ``K`` kicker, ``T`` title or ``U``
subtitle from that evidence; it is trained on headline stacks of corpus pages laid out by the
page simulator (``manage.py train_splitter``). Without the file the splitter keeps its rules.
"""
from __future__ import annotations

import re
from pathlib import Path

from . import chars
from .linemodel import bucket, open_model
from .patterns import COLUMN_TAG_RE
from .wordflow import runs_on

MODEL_PATH = Path(__file__).resolve().parent / "models" / "stacks.crfsuite"
ROLE_OF = {"K": "kicker", "T": "title", "U": "subtitle"}
LABEL_OF = {role: label for label, role in ROLE_OF.items()}


def _joins(first: str, second: str, text: str) -> bool:
    """The characters either side of the break between two lines occur together in ``text``: a
    title broken inside a phrase its article repeats (智能网|联 … 智能网联汽车), where a kicker
    and its title meet at words no sentence runs together."""
    if not (chars.HAN_RE.match(first.rstrip()[-1:]) and chars.HAN_RE.match(second.lstrip()[:1])):
        return False  # a line ending on a dash or a mark ("滨江新城——") is not broken inside a phrase
    tail = "".join(chars.HAN_RE.findall(first))[-2:]
    head = "".join(chars.HAN_RE.findall(second))[:2]
    return len(tail) == 2 and len(head) == 2 and (tail + head[0] in text or tail[1] + head in text)


def _tag_lead(text: str) -> int | None:
    """How many Han characters a line has before its column tag (None without one)."""
    tag = COLUMN_TAG_RE.search(text)
    return None if tag is None else chars.han_count(text[: tag.start()])


def features(texts: list[str], body: str = "") -> list[dict[str, float]]:
    """``body``: the text of the article the stack heads (its words tell a broken title)."""
    n = len(texts)
    widths = [chars.display_width(t) for t in texts]
    longest = max(widths) or 1.0
    runs = [runs_on(a, b) for a, b in zip(texts, texts[1:])]
    joins = [_joins(a, b, body) for a, b in zip(texts, texts[1:])] if body else [False] * (n - 1)
    tags = [_tag_lead(text) for text in texts]
    out = []
    for i, text in enumerate(texts):
        f: dict[str, float] = {"bias": 1.0, f"n:{min(n, 4)}": 1.0, f"pos:{min(i, 3)}": 1.0,
                               f"pos_from_end:{min(n - 1 - i, 3)}": 1.0}
        f[f"w:{bucket(widths[i], (5, 8, 11, 14, 18, 24, 32))}"] = 1.0
        f[f"rel:{bucket(widths[i] / longest, (0.4, 0.6, 0.8, 0.95))}"] = 1.0
        if widths[i] == longest:
            f["longest"] = 1.0
        if text.endswith(("——", "—")):
            f["ends_dash"] = 1.0
        if text.startswith(("——", "—")):
            f["starts_dash"] = 1.0
        if tags[i] is not None:
            f["column_tag"] = 1.0
            # the words before the tag: a title broken before them leaves too few for a title
            f[f"tag_lead:{bucket(tags[i], (2, 4, 7))}"] = 1.0
        if i + 1 < n and tags[i + 1] is not None:
            f[f"next_tag_lead:{bucket(tags[i + 1], (2, 4, 7))}"] = 1.0
        if chars.has_sentence_punct(text):
            f["inner_punct"] = 1.0
        if chars.ends_sentence(text):
            f["ends_sentence"] = 1.0
        if len(text.split()) >= 2:
            f["spaced"] = 1.0
        if text[:1] in "“‘「":
            f["starts_quote"] = 1.0
        if "：" in text or ":" in text:
            f["colon"] = 1.0
        if re.search(r"\d", text):
            f["digits"] = 1.0
        if i > 0 and runs[i - 1]:
            f["runs_from_prev"] = 1.0
        if i + 1 < n and runs[i]:
            f["runs_into_next"] = 1.0
        if i > 0 and joins[i - 1]:
            f["joins_prev_in_body"] = 1.0
        if i + 1 < n and joins[i]:
            f["joins_next_in_body"] = 1.0
        if i + 1 < n:
            f[f"next_w:{bucket(widths[i + 1] - widths[i], (-6, -2, 2, 6))}"] = 1.0
            if texts[i + 1].startswith(("——", "—")):
                f["next_starts_dash"] = 1.0
        if i > 0 and texts[i - 1].endswith(("——", "—")):
            f["prev_ends_dash"] = 1.0
        out.append(f)
    return out


def stack_roles(texts: list[str], body: str = "") -> list[str] | None:
    """kicker / title / subtitle for each line of a stack, or None without a model."""
    tagger = open_model(MODEL_PATH)
    if tagger is None:
        return None
    labels = tagger.tag(features(texts, body))
    if "T" not in labels:
        # every stack has a title: the line the model finds likeliest to be one
        best = max(range(len(texts)), key=lambda i: tagger.marginal("T", i))
        labels[best] = "T"
    return [ROLE_OF[label] for label in labels]
