"""haystack fields that say which Whoosh field they are (the backend's ``build_schema`` asks them)."""
from __future__ import annotations

from haystack import indexes
from whoosh import fields as whoosh_fields
from whoosh.formats import Existence, Frequency, Positions

from clippings.search.analysis import BigramAnalyzer, UnigramAnalyzer, WordAnalyzer


class GramField(indexes.CharField):
    """Character pairs with positions: exact substring matching by phrase."""

    def __init__(self, **kwargs):
        kwargs.setdefault("analyzer", BigramAnalyzer())
        super().__init__(**kwargs)

    def whoosh_field(self):
        return whoosh_fields.FieldType(Positions(), self.analyzer, scorable=True, stored=False)


class UnigramField(indexes.CharField):
    """Which characters a document has (no positions, no weights): one-character queries."""

    def __init__(self, **kwargs):
        kwargs.setdefault("analyzer", UnigramAnalyzer())
        super().__init__(**kwargs)

    def whoosh_field(self):
        return whoosh_fields.FieldType(Existence(), self.analyzer, scorable=False, stored=False)


class WordField(indexes.CharField):
    """jieba words with frequencies: BM25 ranking and similar articles."""

    def __init__(self, **kwargs):
        kwargs.setdefault("analyzer", WordAnalyzer())
        super().__init__(**kwargs)

    def whoosh_field(self):
        return whoosh_fields.FieldType(Frequency(), self.analyzer, scorable=True, stored=False)


class KeySetField(indexes.MultiValueField):
    """Exact keys (ids, names), several per document: filters, facets and name boosts."""

    def whoosh_field(self):
        return whoosh_fields.KEYWORD(commas=True, scorable=True, stored=False)


class KeyField(indexes.CharField):
    """One exact key per document."""

    def whoosh_field(self):
        return whoosh_fields.ID(stored=self.stored)
