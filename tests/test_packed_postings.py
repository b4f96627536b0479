"""The packed posting layout and the array matcher, on a Whoosh index of texts written for it."""
from __future__ import annotations

import random
from io import BytesIO

import numpy as np
import pytest
from whoosh import fields as whoosh_fields
from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3Codec, W3TermInfo
from whoosh.filedb.filestore import RamStorage
from whoosh.filedb.structfile import StructFile
from whoosh.formats import Existence
from whoosh.query import Phrase
from whoosh.system import pack_uint
from whoosh.writing import NO_MERGE, SegmentWriter

from clippings.search import packed
from clippings.search.analysis import BigramAnalyzer, UnigramAnalyzer
from clippings.search.codec import ArchiveCodec
from clippings.search.columns import ColumnPool, read_block, row_bytes, write_block
from clippings.search.fields import PiecesFieldType
from clippings.search.matching import SegmentMatcher
from clippings.search.writer import ArchiveWriter
from clippings.text.searchtext import bigrams, fold, matches, parse_query

TEXTS = [
    "哈哈哈", "哈哈哈哈哈", "abcab", "abcabc", "ababab", "经济技术开发区管委会", "开发区", "开 发\n区",
    "ＡＢＣ有限公司", "华为技术有限公司与华为技术有限公司", "增长7.6%，投资2000亿元", "区", "",
    "有限公司有限公司有限公司", "限公司有", "经开区不是高新区",
]


QUERIES = [
    "哈哈哈", "哈哈哈哈", "哈哈哈哈哈哈", "abcabc", "abab", "ababa", "bab", "开发区", "经济技术开发区", "发区管",
    "有限公司", "有限公司有限公司", "公司有限", "限公司有", "华为技术有限公司与", "7.6%", "2000亿元", "区", "哈",
    "abc", "ＡＢ", "经开区 -高新区", "哈哈哈 OR abcab", "不存在",
]


def schema():
    return whoosh_fields.Schema(
        id=whoosh_fields.ID(stored=True),
        text=PiecesFieldType(packed.PackedPositions(), BigramAnalyzer(), scorable=True),
        chars=PiecesFieldType(Existence(), UnigramAnalyzer()),
    )


def stock_writer_with_our_codec(ix):
    return SegmentWriter(ix, codec=ArchiveCodec())  # Whoosh's pool: postings come as tuples


def stock_w3_writer(ix):
    return SegmentWriter(ix, codec=W3Codec())  # W3's pickled blocks: read through Whoosh's matcher


WRITERS = [ArchiveWriter, stock_writer_with_our_codec, stock_w3_writer]


def build(tmp_path, texts, delete=(), writer_class=ArchiveWriter):
    ix = whoosh_index.create_in(tmp_path, schema())
    half = len(texts) // 2
    for first, last in ((0, half), (half, len(texts))):  # two segments: matching spans both
        writer = writer_class(ix)
        for n in range(first, last):
            writer.add_document(id=str(n), text=texts[n], chars=texts[n])
        writer.commit(mergetype=NO_MERGE)
    if delete:
        writer = ArchiveWriter(ix)
        for n in delete:
            writer.delete_by_term("id", str(n))
        writer.commit(mergetype=NO_MERGE)
    return ix


def found(ix, query: str) -> set[int]:
    parsed = parse_query(query)
    result = set()
    with ix.searcher() as searcher:
        for leaf, base in searcher.subsearchers or [(searcher, 0)]:
            reader = leaf.reader()
            if reader.doc_count_all() == 0:
                continue
            mask = SegmentMatcher(reader).match(parsed)
            result |= {int(reader.stored_fields(d)["id"]) for d in np.flatnonzero(mask)}
    return result


BLOCK_CASES = {
    # field: (postings of doc 0, of doc 1, of doc 2) as (term, weight, value); how its block stores them
    "presence": ([(b"a", 1.0, b""), (b"b", 1.0, b"")], [(b"a", 1.0, b"")], [(b"c", 1.0, b"")]),
    "positions": ([(b"ab", 2.0, packed.PackedPositions().encode([0, 3]))], [(b"ab", 1.0, packed.PackedPositions().encode([70000]))],
                  [(b"bc", 1.0, packed.PackedPositions().encode([1]))]),
    "counts": ([(b"w", 3.0, pack_uint(3)), (b"x", 1.0, pack_uint(1))], [(b"w", 1.0, pack_uint(1))], []),
    "own": ([(b"k", 2.5, b"abcd")], [(b"k", 1.0, b"")], [(b"k", 0.5, b"efghij")]),
}


def test_column_blocks_give_back_every_terms_postings():
    """Each field's block, written and read back term by term: ids, weights and values as added
    (documents ascending within a term), whichever columns the block leaves out."""
    pool = ColumnPool()
    for docnum in (0, 1, 2):
        for fieldname, docs in BLOCK_CASES.items():
            postings = docs[docnum]
            pool.extend(fieldname, docnum, [t for t, _, _ in postings], [w for _, w, _ in postings],
                        [v for _, _, v in postings])
    postfile = StructFile(BytesIO())
    postfile.write(b"head")
    written = {}
    for fieldname, postings in pool.fields():
        block, rows = write_block(postfile, postings, None)
        written[fieldname] = (block, dict(zip(postings.terms, (W3TermInfo.from_bytes(r) for r in row_bytes(rows)))))
    kinds = {name: (b.weights is not None, b.lengths is not None, b.count_weights, b.frequency_values)
             for name, (b, _) in written.items()}
    assert kinds == {"presence": (False, False, False, False), "positions": (False, True, True, False),
                     "counts": (True, False, False, True), "own": (True, True, False, False)}
    for fieldname, docs in BLOCK_CASES.items():
        block, infos = written[fieldname]
        expected: dict[bytes, list] = {}
        for docnum, postings in enumerate(docs):
            for term, weight, value in postings:
                expected.setdefault(term, []).append((docnum, weight, value))
        assert sorted(infos) == sorted(expected)
        for term, want in expected.items():
            info = infos[term]
            offset, start = info.extent()
            got = read_block(postfile, block.as_dict(), info.doc_frequency(), offset, start[0])
            assert got.ids.tolist() == [d for d, _, _ in want]
            assert got.weights.tolist() == [w for _, w, _ in want]
            assert list(got.values()) == [v for _, _, v in want]


def test_pool_iterates_as_whoosh_tuples():
    """``writer.iter_postings()``: (field, term, doc, weight, value) sorted by field, term, doc."""
    pool = ColumnPool()
    added = []
    for docnum in (0, 1, 2):
        for fieldname, docs in BLOCK_CASES.items():
            for term, weight, value in docs[docnum]:
                pool.extend(fieldname, docnum, [term], [weight], [value])
                added.append((fieldname, term, docnum, weight, value))
    assert list(pool) == sorted(added)


def test_positions_decode_as_one_array():
    fmt = packed.PackedPositions()
    values = [fmt.encode([0, 3]), fmt.encode([7])]
    postings = packed.from_lists([2, 9], [2.0, 1.0], values)
    docs, positions = postings.positions()
    assert docs.tolist() == [2, 2, 9] and positions.tolist() == [0, 3, 7]
    assert fmt.decode_positions(values[0]) == [0, 3]


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("writer_class", WRITERS)
def test_array_matcher_finds_exactly_the_texts_containing_the_query(tmp_path, query, writer_class):
    ix = build(tmp_path, TEXTS, writer_class=writer_class)
    parsed = parse_query(query)
    expected = {n for n, text in enumerate(TEXTS) if matches(parsed, fold(text))}
    assert found(ix, query) == expected


def test_deleted_documents_are_not_found(tmp_path):
    ix = build(tmp_path, TEXTS, delete=(6, 5))
    assert found(ix, "开发区") == {7}


def test_random_substrings_of_generated_text(tmp_path):
    """Texts from a small alphabet repeat every pair often: positions must decide, not pairs."""
    rng = random.Random(3)
    texts = ["".join(rng.choice("甲乙丙丁") for _ in range(rng.randrange(5, 60))) for _ in range(60)]
    ix = build(tmp_path, texts)
    for _ in range(150):
        source = rng.choice(texts)
        start = rng.randrange(len(source))
        query = source[start : start + rng.choice([1, 2, 3, 4, 6, 9])]
        expected = {n for n, text in enumerate(texts) if query in text}
        assert found(ix, query) == expected, query


def test_whoosh_own_phrase_query_reads_packed_postings(tmp_path):
    """Whoosh's matchers (used when merging segments) read the packed records too."""
    ix = build(tmp_path, TEXTS)
    with ix.searcher() as searcher:
        hits = {int(searcher.stored_fields(d)["id"]) for d in Phrase("text", bigrams("有限公司")).docs(searcher)}
    assert hits == {n for n, text in enumerate(TEXTS) if "有限公司" in fold(text)}


@pytest.mark.parametrize("writer_class", WRITERS)
def test_batch_lookup_of_replaced_documents_agrees_with_whoosh(tmp_path, writer_class):
    """The documents a batch replaces (one array lookup per segment) are those Whoosh's ``Term``
    query finds one id at a time: live copies only, in every segment, none for absent ids."""
    from whoosh.query import Term

    from clippings.search.replacing import live_documents

    texts = [f"文本{n}" for n in range(40)]
    ix = build(tmp_path, texts, delete=(3, 25))
    writer = ArchiveWriter(ix)  # a third segment holds a second copy of id 7
    writer.add_document(id="7", text="再次", chars="再次")
    writer.commit(mergetype=NO_MERGE)
    wanted = [str(n) for n in (0, 3, 7, 19, 20, 25, 39)] + ["40", "", "不存在"]
    with ix.searcher() as searcher:
        reader = searcher.reader()
        assert len(list(reader.leaf_readers())) == 3
        expected = {key: sorted(searcher.docs_for_query(Term("id", key))) for key in wanted}
        got = live_documents(reader, "id", wanted)
    assert {k: sorted(v) for k, v in got.items()} == {k: v for k, v in expected.items() if v}
    assert len(got["7"]) == 2 and "3" not in got and "40" not in got


def test_updating_documents_across_segments_keeps_one_copy_each(tmp_path):
    from clippings.search.replacing import live_documents

    ix = build(tmp_path, [f"第{n}篇" for n in range(10)])
    for round_ in range(2):  # rewrite every document twice, each time as a new segment
        writer = ArchiveWriter(ix)
        replaced = live_documents(writer.searcher().reader(), "id", [str(n) for n in range(10)])
        for n in range(10):
            for docnum in replaced.get(str(n), ()):
                writer.delete_document(docnum)
            writer.add_document(id=str(n), text=f"改{round_}第{n}篇", chars="改")
        writer.commit(mergetype=NO_MERGE)
    assert ix.doc_count() == 10
    assert found(ix, "改1") == set(range(10)) and not found(ix, "改0") and not found(ix, "第3篇") - {3}


@pytest.mark.parametrize("writer_class", [ArchiveWriter, stock_writer_with_our_codec])
def test_term_table_statistics_match_the_postings(tmp_path, writer_class):
    """Every term's row (written without Whoosh's term-info object) says what its postings say:
    document count, total and largest weight, first and last document, shortest and longest
    document (Whoosh's one-byte lengths), as Whoosh's ``TermInfo`` reads them."""
    ix = build(tmp_path, TEXTS * 3, writer_class=writer_class)
    assert check_term_rows(ix) > 100


def check_term_rows(ix) -> int:
    """Assert every term's row agrees with its postings; return how many terms were checked."""
    from whoosh.util.numeric import byte_to_length, length_to_byte

    checked = 0
    with ix.searcher() as searcher:
        for leaf, _ in searcher.reader().leaf_readers():
            for fieldname in ("text", "chars"):
                lengths = [leaf.doc_field_length(d, fieldname, 0) for d in range(leaf.doc_count_all())]
                for btext in leaf.lexicon(fieldname):
                    info = leaf.term_info(fieldname, btext)
                    matcher = leaf.postings(fieldname, btext)
                    ids, weights = [], []
                    while matcher.is_active():
                        ids.append(matcher.id())
                        weights.append(matcher.weight())
                        matcher.next()
                    assert (info.doc_frequency(), info.min_id(), info.max_id()) == (len(ids), ids[0], ids[-1])
                    assert info.weight() == pytest.approx(sum(weights)) and info.max_weight() == max(weights)
                    if fieldname == "text":  # scorable: lengths recorded
                        doc_lengths = [lengths[i] for i in ids]
                        assert info.min_length() == byte_to_length(length_to_byte(min(doc_lengths)))
                        assert info.max_length() == byte_to_length(length_to_byte(max(doc_lengths)))
                    checked += 1
    return checked


@pytest.mark.parametrize("unit", [1, 4])
def test_pooled_values_are_reordered_whole_across_chunks(unit):
    """The pool keeps values as one byte string; sorting takes each value whole, in the new order,
    also when the order crosses the chunks the gather works in (a value split or shifted by one
    byte would corrupt positions)."""
    from array import array

    from clippings.search.columns import gathered

    rng = random.Random(unit)
    values = [bytes(rng.randrange(256) for _ in range(unit * rng.randrange(5))) for _ in range(1000)]
    order = np.array(rng.sample(range(len(values)), len(values)), dtype=np.int64)
    lengths = np.frombuffer(array("I", map(len, values)), dtype=np.uint32)
    expected = b"".join(values[i] for i in order.tolist())
    assert gathered(bytearray(b"".join(values)), lengths, order, chunk=7) == expected
    assert gathered(bytearray(b"".join(values)), lengths, order) == expected


@pytest.mark.parametrize("size", [1, 3, 4096])
def test_term_rows_read_in_bulk_are_whooshs(size):
    """``records_from`` (a batch of term table records per read) gives each field's keys and
    values as Whoosh's ``items_from`` does, keys of any length, batches ending anywhere."""
    from whoosh.filedb.filetables import OrderedHashReader

    from clippings.search.termtable import BulkOrderedHashWriter, records_from

    rng = random.Random(1)
    records = {}
    for prefix in (b"\x00\x00", b"\x00\x01", b"\x00\x03"):
        for n in range(rng.randrange(1, 30)):
            key = prefix + bytes(rng.randrange(256) for _ in range(rng.randrange(0, 12))) + bytes([n])
            records[key] = bytes(rng.randrange(256) for _ in range(5))
    storage = RamStorage()
    writer = BulkOrderedHashWriter(storage.create_file("t"))
    keys = sorted(records)
    writer.add_many(keys, [records[k] for k in keys])
    writer.close()
    reader = OrderedHashReader.open(storage, "t")
    for prefix in (b"\x00\x00", b"\x00\x01", b"\x00\x02", b"\x00\x03", b"\x00\x04"):
        expected = [(k[2:], v) for k, v in reader.items_from(prefix) if k.startswith(prefix)]
        got = []
        for batch_keys, values in records_from(reader, prefix, 5, size):
            assert len(values) == 5 * len(batch_keys) and 0 < len(batch_keys) <= size
            got += [(k, values[5 * i : 5 * i + 5]) for i, k in enumerate(batch_keys)]
        assert got == expected
    with pytest.raises(ValueError):
        list(records_from(reader, b"\x00\x00", 6))
