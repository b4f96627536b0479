"""haystack fields that say which Whoosh field they are (the backend's ``build_schema`` asks them)."""
from __future__ import annotations

from array import array
from collections import Counter

from haystack import indexes
from whoosh import fields as whoosh_fields
from whoosh.formats import Existence, Frequency
from whoosh.system import pack_uint

from clippings.search.analysis import BigramAnalyzer, UnigramAnalyzer, WordAnalyzer
from clippings.search.packed import PackedPositions


class PiecesFieldType(whoosh_fields.FieldType):
    """A Whoosh field that indexes a text through its tokenizer's ``pieces`` in one pass.

    Whoosh's ``FieldType.index`` runs every token through its analysis pipeline and format (a
    ``Token`` object and several calls per token); with about 1,700 tokens per article that was
    the larger half of indexing time. The postings are the same: the tokenizer's pieces, their
    positions (``PackedPositions``), counts (``Frequency``) or presence (``Existence``).
    """

    def index(self, value, **kwargs):
        if not isinstance(value, str):
            return super().index(value, **kwargs)
        terms, weights, values, _ = self.columns(value)
        return [(t, int(w), w, v) for t, w, v in zip(terms, weights, values)]

    def columns(self, value: str) -> tuple[list[bytes], list[float], list[bytes], int]:
        """One value's postings as columns (terms, weights, values) and its length in tokens: what
        the index writer pools (``ArchiveWriter.add_document``)."""
        pieces = self.analyzer.pieces(value)
        if isinstance(self.format, PackedPositions):
            where: dict[str, list[int]] = {}
            for pos, piece in enumerate(pieces):
                found = where.get(piece)
                if found is None:
                    where[piece] = [pos]
                else:
                    found.append(pos)
            lists = where.values()
            return (
                [p.encode("utf-8") for p in where],
                [float(len(ps)) for ps in lists],
                [_ONE_POSITION[ps[0]] if len(ps) == 1 and ps[0] < _SHARED else array("I", ps).tobytes() for ps in lists],
                len(pieces),
            )
        if isinstance(self.format, Frequency):
            counts = Counter(pieces)
            return ([p.encode("utf-8") for p in counts], [float(n) for n in counts.values()],
                    [pack_uint(n) for n in counts.values()], len(pieces))
        present = set(pieces)
        return [p.encode("utf-8") for p in present], [1.0] * len(present), [b""] * len(present), len(pieces)


# Most character pairs occur once in an article: a one-position list is a shared bytes object rather
# than an array made and encoded per posting (about 1,700 postings an article). (It also saved pool
# memory while the pool kept a bytes object per posting; it keeps their bytes in one string now.)
_SHARED = 4096
_ONE_POSITION = [array("I", [pos]).tobytes() for pos in range(_SHARED)]


class GramField(indexes.CharField):
    """Character pairs with positions: exact substring matching by phrase."""

    def __init__(self, **kwargs):
        kwargs.setdefault("analyzer", BigramAnalyzer())
        super().__init__(**kwargs)

    def whoosh_field(self):
        return PiecesFieldType(PackedPositions(), self.analyzer, scorable=True, stored=False)


class UnigramField(indexes.CharField):
    """Which characters a document has (no positions, no weights): one-character queries."""

    def __init__(self, **kwargs):
        kwargs.setdefault("analyzer", UnigramAnalyzer())
        super().__init__(**kwargs)

    def whoosh_field(self):
        return PiecesFieldType(Existence(), self.analyzer, scorable=False, stored=False)


class WordField(indexes.CharField):
    """jieba words with frequencies: BM25 ranking and similar articles."""

    def __init__(self, **kwargs):
        kwargs.setdefault("analyzer", WordAnalyzer())
        super().__init__(**kwargs)

    def whoosh_field(self):
        return PiecesFieldType(Frequency(), self.analyzer, scorable=True, stored=False)


class KeySetField(indexes.MultiValueField):
    """Exact keys (ids, names), several per document: filters, facets and name boosts."""

    def whoosh_field(self):
        return whoosh_fields.KEYWORD(commas=True, scorable=True, stored=False)


class KeyField(indexes.CharField):
    """One exact key per document."""

    def whoosh_field(self):
        return whoosh_fields.ID(stored=self.stored)
