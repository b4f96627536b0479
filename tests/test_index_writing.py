"""The index writer's own parts: the term table file it writes for Whoosh's reader, and the tagger
whose hidden-Markov step runs on arrays (it must give jieba's tags exactly)."""
from __future__ import annotations

import random
import re

import jieba.posseg as posseg
import pytest
from jieba.posseg import char_state_tab_P, emit_P, start_P, trans_P
from jieba.posseg.viterbi import viterbi as jieba_viterbi
from whoosh.filedb.filestore import RamStorage
from whoosh.filedb.filetables import OrderedHashReader

from clippings.search import termtable
from clippings.search.termtable import BulkOrderedHashWriter
from clippings.text.postagging import FastPOSTokenizer, viterbi
from tests.conftest import SAMPLES, all_seed_paths


def test_whoosh_reads_every_key_of_the_term_table(monkeypatch):
    """50,000 keys in two batches: Whoosh's reader finds each one's value by hash, none that was
    not written, walks them in order and finds the nearest key; some keys' probes wrapped round
    their table's end (counted, so the case is really exercised)."""
    wrapped = []
    place = termtable.BulkOrderedHashWriter._wrap_around

    def counting(slot, numslots):
        wrapped.append(int((slot >= numslots).sum()))
        place(slot, numslots)

    monkeypatch.setattr(termtable.BulkOrderedHashWriter, "_wrap_around", staticmethod(counting))
    rng = random.Random(1)
    keys = sorted({rng.randbytes(rng.randint(1, 8)) for _ in range(50_000)})
    values = [rng.randbytes(rng.randint(0, 20)) for _ in keys]
    storage = RamStorage()
    writer = BulkOrderedHashWriter(storage.create_file("terms"))
    half = len(keys) // 2
    writer.add_many(keys[:half], values[:half])
    writer.add_many(keys[half:], values[half:])
    writer.extras["note"] = "kept"
    writer.close()
    assert sum(wrapped) > 0

    reader = OrderedHashReader(storage.open_file("terms"), storage.file_length("terms"))
    assert all(reader[k] == v for k, v in zip(keys, values))
    written = set(keys)
    absent = [k for k in (rng.randbytes(rng.randint(1, 8)) for _ in range(2_000)) if k not in written]
    assert absent and not any(k in reader for k in absent)
    assert list(reader.keys()) == keys
    assert reader.closest_key(keys[100] + b"\0") == keys[101]
    assert reader.extras["note"] == "kept"


def test_keys_must_ascend():
    writer = BulkOrderedHashWriter(RamStorage().create_file("terms"))
    writer.add_many([b"b", b"c"], [b"", b""])
    with pytest.raises(ValueError):
        writer.add_many([b"a"], [b""])


def _han_runs() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in all_seed_paths()]
    texts += [p.read_text(encoding="utf-8", errors="replace") for p in sorted(SAMPLES.glob("*.txt"))]  # (some are GBK on purpose)
    return [run for text in texts for run in re.findall("[\u4e00-\u9fd5]+", text)]


def test_viterbi_gives_jiebas_route():
    """Every run of Chinese characters on the seed and sample pages, and random strings of their
    characters, get the same (position, tag) states as jieba's own Viterbi search."""
    runs = _han_runs()
    rng = random.Random(5)
    alphabet = sorted(set("".join(runs)))
    runs += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))) for _ in range(500)]
    different = [run for run in runs if viterbi(run) != jieba_viterbi(run, char_state_tab_P, start_P, trans_P, emit_P)[1]]
    assert len(runs) > 2_000 and different == []


def test_tagger_gives_jiebas_tags():
    """The windows name boundaries are tagged on: same words and tags as jieba.posseg."""
    fast = FastPOSTokenizer()
    text = "".join(p.read_text(encoding="utf-8") for p in all_seed_paths())
    windows = [text[i : i + 16] for i in range(0, len(text) - 16, 11)]
    assert len(windows) > 1_000
    for window in windows:
        assert [tuple(p) for p in fast.cut(window)] == [tuple(p) for p in posseg.cut(window)], window


def test_batch_segments_with_a_few_reindexed_documents_are_not_rewritten(tmp_path, monkeypatch):
    """Eight batch segments, each with one document deleted since (re-indexed elsewhere): the
    merge policy leaves them as written (the old policy rewrote one: 9 live documents, under a
    batch); eight small commits are merged into the next one."""
    from whoosh import fields as whoosh_fields
    from whoosh import index as whoosh_index

    from clippings.search import writer as writer_module
    from clippings.search.writer import ArchiveWriter

    monkeypatch.setattr(writer_module, "BATCH_DOCS", 10)
    monkeypatch.setattr(writer_module, "MERGE_FACTOR", 8)
    ix = whoosh_index.create_in(tmp_path, whoosh_fields.Schema(id=whoosh_fields.ID(stored=True)))

    def commit(ids, delete=()):
        writer = ArchiveWriter(ix)
        for key in delete:
            writer.delete_by_term("id", key)
        for key in ids:
            writer.add_document(id=key)
        writer.commit()

    for batch in range(8):
        commit([f"{batch}-{n}" for n in range(10)])
    commit([], delete=[f"{batch}-0" for batch in range(8)])
    assert sorted(s.doc_count() for s in ix.refresh()._segments()) == [9] * 8
    for n in range(9):  # the ninth commit finds eight small segments
        commit([f"edit-{n}"])
    segments = ix.refresh()._segments()
    assert sorted((s.doc_count_all(), s.doc_count()) for s in segments) == [(9, 9)] + [(10, 9)] * 8
    assert ix.refresh().doc_count() == 81


def test_a_full_batch_takes_no_small_segments_and_the_next_small_commit_does(tmp_path, monkeypatch):
    """A merge adds the merged segments' postings to the commit's pool: a full batch merges nothing
    (its pool stays one batch), a small commit merges the small segments that fit."""
    from whoosh import fields as whoosh_fields
    from whoosh import index as whoosh_index

    from clippings.search import writer as writer_module
    from clippings.search.writer import ArchiveWriter

    monkeypatch.setattr(writer_module, "BATCH_DOCS", 10)
    monkeypatch.setattr(writer_module, "MERGE_FACTOR", 3)
    ix = whoosh_index.create_in(tmp_path, whoosh_fields.Schema(id=whoosh_fields.ID(stored=True)))

    def commit(ids):
        writer = ArchiveWriter(ix)
        for key in ids:
            writer.add_document(id=key)
        writer.commit()
        return sorted(s.doc_count_all() for s in ix.refresh()._segments())

    for n in range(3):
        commit([f"small-{n}-a", f"small-{n}-b"])
    assert commit([f"batch-{n}" for n in range(10)]) == [2, 2, 2, 10]
    assert commit(["edit"]) == [7, 10]
    assert ix.refresh().doc_count() == 17


@pytest.mark.parametrize("count, sizes", [(0, []), (5, [5]), (1000, [1000]), (1003, [502, 501]), (2001, [667, 667, 667])])
def test_index_batches_are_split_evenly(count, sizes):
    from clippings.search.indexing import even_chunks

    chunks = even_chunks(list(range(count)), 1000)
    assert [len(c) for c in chunks] == sizes
    assert [i for c in chunks for i in c] == list(range(count))


def test_background_writer_commits_full_batches(monkeypatch):
    """Ids arrive a page at a time: the writer commits exactly a batch and keeps the rest for the
    next (before, a batch and a page were split in two halves: every ingest commit was half a
    batch), and the last ids at the end."""
    import queue

    from clippings.search import indexing

    commits = []
    monkeypatch.setattr(indexing, "write_articles", lambda ids: commits.append(list(ids)) or (len(ids), 0))
    ids, results = queue.Queue(), queue.Queue()
    sent = list(range(1, 48))
    for first in range(0, len(sent), 3):  # pages of three articles
        ids.put(sent[first : first + 3])
    ids.put(None)
    indexing._background_worker(ids, results, 10)
    assert [len(c) for c in commits] == [10, 10, 10, 10, 7]
    assert [pk for c in commits for pk in c] == sent
    assert results.get()["written"] == 47
