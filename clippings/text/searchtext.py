"""Search text: one folding rule for the index and the query, the query language, highlighting.

Plain Python (no Django, no Whoosh): the index analyzers, the query builder and the result
pages all call these functions, so "what the index holds" and "what the user typed" are
normalised by one rule.

Folding: NFKC (full-width letters, digits and punctuation to half-width), traditional characters
to simplified ones (``fold.fold_chars``: 開發區 and 开发区 are one word), case folding, and every
space, line break and zero-width character removed (OCR puts them anywhere). Matching is on the
folded text: a query is found wherever its folded form is a substring of the folded article.
"""
from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from . import fold as simplified

# Characters OCR and web copies put between letters that carry no meaning for a search.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACE_RE = re.compile(r"\s+")

FOLD_VERSION = f"fold-2-{simplified.version()}"


def fold(text: str) -> str:
    """The searchable form of a text: NFKC, simplified characters, case-folded, no whitespace."""
    text = simplified.fold_chars(unicodedata.normalize("NFKC", text)).casefold().translate(_INVISIBLE)
    return _SPACE_RE.sub("", text)


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """``fold`` character by character, with the offset in ``text`` of every folded character.

    Used to map a hit found in the folded text back onto the text as printed. Each distinct
    character is folded once (``_FOLDED``); highlighting folds every result's text.
    """
    folded_of = _FOLDED
    for char in set(text).difference(folded_of):
        folded_of[char] = _fold_char(char)
    pieces = list(map(folded_of.__getitem__, text))
    return "".join(pieces), [index for index, piece in enumerate(pieces) for _ in piece]


def _fold_char(char: str) -> str:
    if char.isascii():
        return "" if char.isspace() else char.lower()
    folded = simplified.fold_chars(unicodedata.normalize("NFKC", char))
    return _SPACE_RE.sub("", folded.casefold().translate(_INVISIBLE))


_FOLDED: dict[str, str] = {}


def bigrams(folded: str) -> list[str]:
    """Overlapping character pairs; a one-character text is its own gram."""
    if len(folded) < 2:
        return [folded] if folded else []
    return [folded[i : i + 2] for i in range(len(folded) - 1)]


# --- the query language -------------------------------------------------------------------

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12


class QueryError(ValueError):
    """A query that cannot be run; ``code`` is one of the reasons in ``clippings.messages``."""

    def __init__(self, code: str, detail: str = ""):
        super().__init__(code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class Term:
    text: str  # folded
    raw: str  # as typed
    phrase: bool = False


@dataclass
class ParsedQuery:
    """Terms are ANDed; each group is one term or several joined by OR; excluded terms are NOTed."""

    groups: list[list[Term]] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)

    @property
    def positive_terms(self) -> list[Term]:
        return [term for group in self.groups for term in group]

    def __bool__(self) -> bool:
        return bool(self.groups)


_TOKEN_RE = re.compile(r'(-?)"([^"]*)"|(\S+)')


def _normalise_query_marks(query: str) -> str:
    # Full-width " and - are the operators typed on a Chinese keyboard. Chinese quotation
    # marks “” 「」 stay literal: articles print them, and text copied from one must be found.
    return query.replace("＂", '"').replace("－", "-")


def parse_query(query: str) -> ParsedQuery:
    """Parse what a user typed.

    - terms separated by spaces are all required: ``开发区 新能源``
    - ``"…"`` is one term kept whole, spaces included: ``"智能网联 汽车"``
    - ``-x`` excludes; ``a OR b`` (also ``|``) accepts either
    Every term matches as an exact substring of the folded text.
    """
    query = _normalise_query_marks(query or "").strip()
    if not query:
        raise QueryError("empty")
    if len(query) > MAX_QUERY_LENGTH:
        raise QueryError("too_long", str(MAX_QUERY_LENGTH))
    if query.count('"') % 2:
        raise QueryError("unbalanced_quote")

    parsed = ParsedQuery()
    join_next = False
    for match in _TOKEN_RE.finditer(query):
        negated, quoted, bare = match.group(1), match.group(2), match.group(3)
        if bare is not None:
            if bare in ("OR", "|"):
                if not parsed.groups or join_next:
                    raise QueryError("dangling_or")
                join_next = True
                continue
            negated = "-" if bare.startswith("-") and len(bare) > 1 else ""
            raw = bare[1:] if negated else bare
            phrase = False
        else:
            raw, phrase = quoted, True
        folded = fold(raw)
        if not folded:
            if phrase:
                raise QueryError("empty_phrase")
            continue  # a lone "-" or punctuation that folds away
        term = Term(folded, raw, phrase)
        if negated:
            if join_next:
                raise QueryError("dangling_or")
            parsed.excluded.append(term)
        elif join_next:
            parsed.groups[-1].append(term)
            join_next = False
        else:
            parsed.groups.append([term])
    if join_next:
        raise QueryError("dangling_or")
    if not parsed.groups:
        raise QueryError("only_exclusions" if parsed.excluded else "empty")
    if len(parsed.positive_terms) + len(parsed.excluded) > MAX_TERMS:
        raise QueryError("too_many_terms", str(MAX_TERMS))
    return parsed


def matches(parsed: ParsedQuery, folded_text: str) -> bool:
    """The query's meaning, stated once in plain Python (tests and index checks compare to it)."""
    if any(term.text in folded_text for term in parsed.excluded):
        return False
    return all(any(term.text in folded_text for term in group) for group in parsed.groups)


# --- highlighting -------------------------------------------------------------------------


def hit_spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Spans of ``text`` (as printed) where any folded term occurs, merged and sorted."""
    folded, offsets = fold_with_offsets(text)
    spans: list[tuple[int, int]] = []
    for term in {t for t in terms if t}:
        start = folded.find(term)
        while start != -1:
            end = start + len(term) - 1
            spans.append((offsets[start], offsets[end] + 1))
            start = folded.find(term, start + 1)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def mark(text: str, spans: list[tuple[int, int]], start: int = 0, end: int | None = None) -> str:
    """``text[start:end]`` HTML-escaped, with the spans inside ``<mark>``; nothing else is markup."""
    end = len(text) if end is None else end
    out: list[str] = []
    cursor = start
    for span_start, span_end in spans:
        span_start, span_end = max(span_start, start), min(span_end, end)
        if span_start >= span_end:
            continue
        out.append(html.escape(text[cursor:span_start]))
        out.append("<mark>" + html.escape(text[span_start:span_end]) + "</mark>")
        cursor = span_end
    out.append(html.escape(text[cursor:end]))
    return "".join(out)


def highlight(text: str, terms: list[str]) -> str:
    """The whole text, escaped, every hit marked (for titles)."""
    return mark(text, hit_spans(text, terms))


def snippet(text: str, terms: list[str], width: int = 120) -> str:
    """The window of ``text`` with the most hits (or its opening), escaped, hits marked."""
    text = _SPACE_RE.sub(" ", text).strip()
    spans = hit_spans(text, terms)
    if len(text) <= width:
        return mark(text, spans)
    # spans are sorted and apart, so their starts and ends both ascend: the spans inside a window
    # are those from the first starting in it to the last ending in it (two binary searches)
    starts = [s for s, _ in spans]
    ends = [e for _, e in spans]
    best_start, best_count = 0, -1
    for span_start in starts:
        window_start = max(0, span_start - width // 4)
        count = max(0, bisect_right(ends, window_start + width) - bisect_left(starts, window_start))
        if count > best_count:
            best_start, best_count = window_start, count
    best_start = min(best_start, max(0, len(text) - width))
    end = min(len(text), best_start + width)
    prefix = "…" if best_start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return prefix + mark(text, spans, best_start, end) + suffix
