"""The index follows the database: saves, deletes, bulk updates, and many writers at once."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
from django.core.management import call_command

from clippings.models import Article
from clippings.search.indexing import backend
from clippings.services.ingest import ingest_path
from clippings.text.searchtext import parse_query

from .conftest import ROOT, SAMPLES


def ids_for(query):
    return set(backend().execute(parse_query(query), limit=1000).ids)


@pytest.fixture
def samples(transactional_db, search_index):
    for path in sorted(SAMPLES.glob("*.txt")):
        assert ingest_path(path).status == "created"
    return list(Article.objects.order_by("pk"))


def test_ingested_articles_are_searchable_at_once(samples):
    assert ids_for("量子") and ids_for("量子") <= {a.pk for a in samples}


def test_an_edited_title_is_found_under_its_new_words(samples):
    article = samples[0]
    article.title = "全新标题琉璃瓦计划"
    article.save()
    assert ids_for("琉璃瓦计划") == {article.pk}


def test_a_deleted_article_leaves_the_index(samples):
    article = samples[0]
    word = article.body[:6]
    assert article.pk in ids_for(word)
    article.delete()
    assert article.pk not in ids_for(word)


def test_deleting_a_source_removes_its_articles(samples):
    source = samples[0].source
    gone = set(source.articles.values_list("pk", flat=True))
    source.delete()
    assert not (ids_for("区") & gone)


def test_search_sync_repairs_bulk_updates(samples, capsys):
    article = samples[1]
    Article.objects.filter(pk=article.pk).update(title="批量更新不发信号的标题")
    assert ids_for("不发信号") == set()  # QuerySet.update sends no signal
    with pytest.raises(SystemExit):
        call_command("search_sync", "--check")
    out = capsys.readouterr().out
    assert "过期 1 篇" in out or "1 out of date" in out  # the check names the stale article
    call_command("search_sync")
    assert ids_for("不发信号") == {article.pk}
    call_command("search_sync", "--check")  # no SystemExit: equal


def manage(env, *args, timeout=600):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=timeout)


EDITOR = textwrap.dedent("""
    import random, sys
    from django.db import transaction
    from clippings.models import Article
    rng = random.Random(int(sys.argv[-1]) if sys.argv[-1].isdigit() else 0)
    worker = {worker}
    rng = random.Random(worker)
    for step in range(12):
        ids = list(Article.objects.values_list("pk", flat=True))
        if not ids:
            break
        with transaction.atomic():
            article = Article.objects.filter(pk=rng.choice(ids)).first()
            if article is None:
                continue
            if step % 4 == 3:
                article.delete()
            else:
                article.title = f"编辑{{worker}}号第{{step}}次改写"
                article.save()
    print("done", worker)
""")


def test_eight_processes_editing_and_deleting_leave_the_index_equal_to_the_database(tmp_path):
    env = {**os.environ, "DEVNEWS_DATA_DIR": str(tmp_path / "data")}
    env.pop("DATABASE_URL", None)
    assert manage(env, "migrate", "-v0").returncode == 0
    pages = tmp_path / "pages"
    code = (f"from pathlib import Path; from clippings.benchmark.corpus import write_corpus; "
            f"write_corpus(Path(r'{pages}'), Path(r'{ROOT / 'fixtures'}'), 120, seed=11)")
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env).returncode == 0
    ingest = manage(env, "ingest", str(pages), str(SAMPLES))
    assert ingest.returncode == 0, ingest.stderr
    procs = [
        subprocess.Popen([sys.executable, "manage.py", "shell", "-c", EDITOR.format(worker=w)], cwd=ROOT, env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for w in range(8)
    ]
    outcomes = [p.communicate(timeout=600) + (p.returncode,) for p in procs]
    assert all(code == 0 for _, _, code in outcomes), [err[-2000:] for _, err, _ in outcomes]
    assert all("LockError" not in err for _, err, _ in outcomes)
    check = manage(env, "search_sync", "--check")
    assert check.returncode == 0, check.stdout + check.stderr


def _segment_sizes():
    engine = backend()
    return sorted(s.doc_count() for s in engine.index.refresh()._segments())


def test_small_commits_are_merged_and_stay_searchable(samples, monkeypatch):
    """Every save is a commit (a segment); small segments are merged and nothing is lost."""
    from clippings.search import writer

    monkeypatch.setattr(writer, "BATCH_DOCS", 4)
    monkeypatch.setattr(writer, "MERGE_FACTOR", 3)
    for n, article in enumerate(samples * 3):
        article.title = f"合并检验标题{n:02d}号"
        article.save()
    sizes = _segment_sizes()
    assert len(sizes) < 3 * len(samples)  # merged
    assert max(sizes) <= 4  # never past a batch
    assert sum(sizes) == len(samples)  # each article once, the older versions dropped
    last = 3 * len(samples) - len(samples)
    for n, article in enumerate(samples, start=last):
        assert ids_for(f"合并检验标题{n:02d}号") == {article.pk}
        assert ids_for(article.body[5:12]) >= {article.pk}
    assert ids_for("合并检验标题00号") == set()  # an overwritten title is gone


def test_a_searcher_kept_across_merges_sees_only_the_latest_commit(samples, monkeypatch):
    """Searchers kept between searches, while edits are committed and small segments
    merged: it finds each article once, not its old copies (Whoosh's own refresh kept merged-away
    segments), and what was read from merged-away segments leaves the per-segment cache."""
    from clippings.search import writer
    from clippings.search.segmentcache import segment_id

    monkeypatch.setattr(writer, "BATCH_DOCS", 4)
    monkeypatch.setattr(writer, "MERGE_FACTOR", 3)
    engine = backend()
    seen = set()
    for n, article in enumerate(samples * 2):
        article.title = f"缓存检验标题{n:02d}号"
        article.save()
        assert ids_for(f"缓存检验标题{n:02d}号") == {article.pk}  # a search reads every segment
        assert engine.execute(None, limit=1000).count == len(samples)
        seen |= engine._segments.segment_ids()
    assert ids_for("缓存检验标题00号") == set()  # an overwritten title is gone
    with engine.searching() as searcher:
        current = {segment_id(leaf.reader()) for leaf, _ in engine._leaves(searcher)}
    assert seen - current  # segments were merged away while searching
    assert engine._segments.segment_ids() <= current


def test_merging_drops_segments_of_deleted_articles(samples, monkeypatch):
    from clippings.search import writer

    monkeypatch.setattr(writer, "MERGE_FACTOR", 2)
    for article in samples[1:]:
        article.delete()
    samples[0].save()
    assert sum(_segment_sizes()) == 1
    call_command("search_sync", "--check")


def test_a_save_while_the_index_is_busy_is_journalled_then_written(samples, monkeypatch):
    """A long merge holds the writer lock: the edit is saved at once and indexed by the next writer."""
    import threading

    from clippings.search import indexing
    from clippings.search.locking import writer_lock

    monkeypatch.setattr(indexing, "REQUEST_WAIT", 0.2)
    engine = backend()
    held, release = threading.Event(), threading.Event()

    def hold():
        with writer_lock(engine.path, 10):
            held.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait(5)
    try:
        article = samples[0]
        article.title = "忙碌时保存的新标题"
        article.save()  # no error reaches the user
        assert indexing.journal_peek(engine.path) == {article.pk}
        assert ids_for("忙碌时保存") == set()  # not yet written
    finally:
        release.set()
        holder.join()
    indexing._journal_writer.join(30)  # written as soon as the lock is free, with no other save
    assert ids_for("忙碌时保存") == {article.pk}
    assert indexing.journal_peek(engine.path) == set()


def test_the_next_writer_takes_the_journal(samples):
    from clippings.search import indexing

    engine = backend()
    article = samples[0]
    type(article).objects.filter(pk=article.pk).update(title="日志里等待的新标题")  # no signal
    indexing.journal_add(engine.path, [article.pk])
    samples[1].save()
    assert ids_for("日志里等待") == {article.pk}
    assert indexing.journal_peek(engine.path) == set()


def test_a_zone_merge_reindexes_the_articles_of_both(samples):
    import io

    from clippings.models import Zone, ZoneMention
    from clippings.services.merge import merge

    call_command("load_gazetteer", stdout=io.StringIO())
    call_command("extract", stdout=io.StringIO())
    keep, gone = Zone.objects.filter(mentions__rejected=False).distinct().order_by("pk")[:2]
    both = set(ZoneMention.objects.filter(zone__in=[keep, gone], rejected=False).values_list("article_id", flat=True))
    merge(keep, [gone])
    found = backend().execute(None, filters={"zones": [str(keep.pk)]}, limit=1000)
    assert set(found.ids) == both
    assert not backend().execute(None, filters={"zones": [str(gone.pk)]}, limit=1000).ids
