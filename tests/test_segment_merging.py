"""Segments merged straight from their column blocks (``clippings.search.merging``) and the tiered
merge policy: a merged index finds exactly what its segments found, with every term row right."""
from __future__ import annotations

import random

import pytest
from whoosh.writing import NO_MERGE, OPTIMIZE

from clippings.search import merging
from clippings.search import writer as writer_module
from clippings.search.writer import ArchiveWriter

from .test_packed_postings import QUERIES, TEXTS, WRITERS, build, check_term_rows, found


def stored_ids(ix) -> list[str]:
    with ix.searcher() as searcher:
        return sorted(fields["id"] for fields in searcher.all_stored_fields())


def merge_all(ix):
    writer = ArchiveWriter(ix)
    writer.commit(mergetype=OPTIMIZE)


@pytest.mark.parametrize("budget", [1, 5, None])  # postings merged at once: ranges of one term, a few, all
@pytest.mark.parametrize("writer_class", WRITERS)
def test_merged_index_finds_what_its_segments_found(tmp_path, monkeypatch, budget, writer_class):
    """Three segments (one with deleted documents, one a second copy of a text) merged into one:
    every query finds the same texts, the deleted stay gone, and every term row agrees with its
    postings (document count, weights, first and last document, lengths)."""
    if budget:
        monkeypatch.setattr(merging, "POSTINGS_PER_RANGE", budget)
        monkeypatch.setattr(merging, "TERMS_PER_READ", 3)
    texts = TEXTS * 2
    ix = build(tmp_path, texts, delete=(5, 6, 20), writer_class=writer_class)
    writer = writer_class(ix)
    writer.add_document(id="99", text="开发区又一篇", chars="开发区又一篇")
    writer.commit(mergetype=NO_MERGE)
    before = {query: found(ix, query) for query in QUERIES}
    ids = stored_ids(ix)
    assert before["开发区"] and 5 not in before["开发区"]

    streamed = []
    monkeypatch.setattr(merging, "merged", lambda *a, _merged=merging.merged, **k: streamed.append(1) or _merged(*a, **k))
    merge_all(ix)

    # (segments Whoosh's codec wrote have no blocks: they go through Whoosh's pool)
    assert bool(streamed) == (writer_class is not WRITERS[2])
    with ix.searcher() as searcher:
        assert len(searcher.reader().leaf_readers()) == 1 and not searcher.reader().has_deletions()
    assert {query: found(ix, query) for query in QUERIES} == before
    assert stored_ids(ix) == ids
    assert check_term_rows(ix) > 50


def test_merge_with_new_documents_and_deletions_keeps_documents_in_order(tmp_path, monkeypatch):
    """A commit adding documents and merging segments that lost some: a term's documents ascend
    in the merged segment (the matcher relies on it), and random substrings find exactly the
    texts that hold them."""
    monkeypatch.setattr(merging, "POSTINGS_PER_RANGE", 40)
    rng = random.Random(5)
    texts = ["".join(rng.choice("甲乙丙丁戊") for _ in range(rng.randrange(3, 40))) for _ in range(90)]
    ix = build(tmp_path, texts[:60], delete=range(0, 60, 7))
    writer = ArchiveWriter(ix)
    for n in range(60, 90):
        writer.add_document(id=str(n), text=texts[n], chars=texts[n])
    writer.commit(mergetype=OPTIMIZE)
    live = {n: t for n, t in enumerate(texts) if not (n < 60 and n % 7 == 0)}
    with ix.searcher() as searcher:
        reader = searcher.reader()
        assert len(reader.leaf_readers()) == 1 and reader.doc_count() == len(live)
        for btext in reader.lexicon("text"):
            ids = list(reader.postings("text", btext).all_ids())
            assert ids == sorted(ids)
    for _ in range(120):
        source = rng.choice(list(live.values()))
        start = rng.randrange(len(source))
        query = source[start : start + rng.choice([1, 2, 3, 5])]
        assert found(ix, query) == {n for n, t in live.items() if query in t}, query
    check_term_rows(ix)


@pytest.mark.parametrize("largest", [None, 30])
def test_tiers_keep_the_segment_count_low_and_lose_nothing(tmp_path, monkeypatch, largest):
    """Batches committed one after another: ``TIERS`` batch segments become one, ``TIERS`` of those
    one more, so the index never holds more than about ``TIERS`` segments a tier; every document
    stays findable, once; no merge makes a segment larger than ``MAX_MERGED_DOCS``."""
    monkeypatch.setattr(writer_module, "BATCH_DOCS", 4)
    monkeypatch.setattr(writer_module, "TIERS", 3)
    if largest:
        monkeypatch.setattr(writer_module, "MAX_MERGED_DOCS", largest)
    ix = build(tmp_path, ["起始"])
    counts = []
    for batch in range(30):
        writer = ArchiveWriter(ix)
        for n in range(4):
            number = 1000 + 4 * batch + n
            writer.add_document(id=str(number), text=f"批{number}开发区", chars=f"批{number}")
        writer.commit()
        with ix.searcher() as searcher:
            counts.append(len(searcher.reader().leaf_readers()))
    with ix.searcher() as searcher:
        sizes = [leaf.doc_count_all() for leaf, _ in searcher.reader().leaf_readers()]
    if largest:
        # a full tier of merged segments stays as it is: merging it would pass the cap
        assert max(sizes) <= largest and sum(size > 4 for size in sizes) >= 3
    else:
        assert max(counts) <= 2 * 3 + 2  # (two tiers not yet full, and the first small segments)
        assert counts[-1] < 30 / 3 and max(sizes) > 30
    assert ix.doc_count() == 121
    assert found(ix, "开发区") == set(range(1000, 1120)) and found(ix, "批1029开") == {1029}
    assert len(stored_ids(ix)) == len(set(stored_ids(ix))) == 121


def test_a_segment_whoosh_wrote_is_merged_through_whoosh(tmp_path):
    """Segments without column blocks (an index Whoosh's own codec wrote) merge the slow way, and
    still find the same."""
    from whoosh.codec.whoosh3 import W3Codec
    from whoosh.writing import SegmentWriter

    ix = build(tmp_path, TEXTS)  # two segments with blocks
    writer = SegmentWriter(ix, codec=W3Codec())
    writer.add_document(id="50", text="开发区", chars="开发区")
    writer.commit(mergetype=NO_MERGE)
    before = {query: found(ix, query) for query in QUERIES}
    assert 50 in before["开发区"]
    merge_all(ix)
    assert {query: found(ix, query) for query in QUERIES} == before
    with ix.searcher() as searcher:
        assert len(searcher.reader().leaf_readers()) == 1
