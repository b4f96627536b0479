"""How a record reads where its data is missing or noisy: an untitled article's opening words, and a
byline without its layout marks and with the photo note apart. Plain text in, plain text out."""
from __future__ import annotations

import re

from .patterns import BULLET, PHOTO_NOTE_RE

OPENING_CHARS = 24
# an opening quote or bracket is cut off from its closing one by the cut: it would read as stray
_LEADING_MARKS = "“”\"'‘’「」『』【】〔〕（）()[]，、。：:；;—…·　 "
_SENTENCE_END_RE = re.compile(r"(?<=[。！？!?])")
_BULLET_RE = re.compile(rf"^\s*{BULLET}+\s*")


def opening_words(text: str, limit: int = OPENING_CHARS) -> str:
    """The first words of the first paragraph, at most ``limit`` characters of its first sentence."""
    first = next((line.strip() for line in text.split("\n") if line.strip()), "")
    first = _SENTENCE_END_RE.split(first, maxsplit=1)[0].strip(_LEADING_MARKS)
    if len(first) > limit:
        return first[:limit].rstrip(_LEADING_MARKS) + "…"
    return first


def byline_parts(byline: str) -> tuple[str, str]:
    """(the byline without its bullet mark and photo note, the photo note) — as printed otherwise."""
    text = _BULLET_RE.sub("", byline or "").strip()
    note = PHOTO_NOTE_RE.search(text)
    if not note:
        return text, ""
    return " ".join((text[: note.start()] + " " + text[note.end():]).split()), note.group(0)
