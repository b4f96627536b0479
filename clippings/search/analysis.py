"""Whoosh analyzers for Chinese: character grams for exact recall, jieba words for ranking.

One folding rule (``clippings.text.searchtext.fold``) runs on both sides, index and query.

- ``BigramAnalyzer``: overlapping character pairs of the folded text, with positions; a query
  term of n ≥ 2 characters is the phrase of its n-1 pairs, which matches exactly where the folded
  term is a substring of the folded text.
- ``UnigramAnalyzer``: each distinct character once (no positions), for one-character queries.
- ``WordAnalyzer``: jieba words through rjieba (the Rust port: same dictionary and algorithm,
  identical output on our texts, about 25 times faster), for BM25 ranking and more-like-this.

Tokenizers hand Whoosh one reused ``Token`` as Whoosh's own tokenizers do. A document's text goes
to three fields (pairs, characters, words): it is folded once for the three (``_folded``).
"""
from __future__ import annotations

import hashlib
import threading
from functools import lru_cache
from pathlib import Path

import jieba
import rjieba
from whoosh.analysis import Token, Tokenizer

from clippings.text.searchtext import FOLD_VERSION, bigrams, fold

_jieba_lock = threading.Lock()
_jieba_instance: rjieba.Jieba | None = None


def _jieba() -> rjieba.Jieba:
    """One tokenizer per process: rjieba's default instance loads jieba's own dictionary (dict.txt),
    about 0.1 s, and its ``cut`` only reads it (jieba-rs takes ``&self``), so threads share it — one
    per thread cost every search in a threaded server, a thread per request, that load."""
    global _jieba_instance
    if _jieba_instance is None:
        with _jieba_lock:
            if _jieba_instance is None:
                _jieba_instance = rjieba.Jieba()
    return _jieba_instance


@lru_cache(maxsize=1)
def dictionary_version() -> str:
    """A short hash of jieba's dictionary file: a different dictionary means different words (read
    once per process: every new backend, one per thread, checks the index's schema version)."""
    path = Path(jieba.__file__).with_name("dict.txt")
    digest = hashlib.sha1(path.read_bytes()).hexdigest()[:10]
    return f"jieba-{jieba.__version__}-{digest}-rjieba-{getattr(rjieba, '__version__', '0.2')}"


@lru_cache(maxsize=8)
def _folded(value: str) -> str:
    return fold(value)


class _PieceTokenizer(Tokenizer):
    """Yields ``pieces(value)`` as Whoosh tokens (one reused ``Token``); subclasses say what a piece is."""

    def __eq__(self, other):
        return type(self) is type(other)

    def __hash__(self):
        return hash(type(self).__name__)

    def pieces(self, value: str) -> list[str]:
        raise NotImplementedError

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for pos, piece in enumerate(self.pieces(value), start_pos):
            token.text = piece
            token.boost = 1.0
            token.stopped = False
            if positions:
                token.pos = pos
            yield token


class BigramTokenizer(_PieceTokenizer):
    def pieces(self, value):
        return bigrams(_folded(value))


class UnigramTokenizer(_PieceTokenizer):
    def pieces(self, value):
        return sorted(set(_folded(value)))


def words(text: str) -> list[str]:
    """jieba's words of a text (folded), without punctuation and single Latin letters."""
    return [w for w in _jieba().cut(_folded(text)) if len(w) > 1 or "\u4e00" <= w <= "\u9fff"]


class WordTokenizer(_PieceTokenizer):
    def pieces(self, value):
        return words(value)


def BigramAnalyzer():
    return BigramTokenizer()


def UnigramAnalyzer():
    return UnigramTokenizer()


def WordAnalyzer():
    return WordTokenizer()


ANALYZER_VERSION = f"{FOLD_VERSION}-bigram-1-unigram-1-words-1"
