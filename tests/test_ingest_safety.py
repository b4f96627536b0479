"""Ingest against hostile or unlucky input: files that are not regular files, markup saved as a page,
values longer than their column, uploads of files that are not pages."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from clippings.models import Source
from clippings.text.decoding import PageFileError, decode_page

from .conftest import ROOT, SAMPLES, all_seed_paths
from .test_ingest import run_ingest

pytestmark = pytest.mark.django_db

GOOD = SAMPLES / "hefei_2024-05-10_A3.txt"


def manage(env, *args, timeout=300):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=timeout)


@pytest.fixture
def data_env(tmp_path):
    env = {**os.environ, "DEVNEWS_DATA_DIR": str(tmp_path / "data")}
    env.pop("DATABASE_URL", None)
    assert manage(env, "migrate", "-v0").returncode == 0
    return env


def test_a_symlink_to_dev_zero_and_a_fifo_fail_alone_and_the_folder_still_loads(tmp_path, data_env):
    pages = tmp_path / "pages"
    pages.mkdir()
    shutil.copy(GOOD, pages / "good.txt")
    os.symlink("/dev/zero", pages / "zero.txt")
    os.mkfifo(pages / "x.txt")
    # a hang fails here (TimeoutExpired) instead of hanging the suite
    run = manage(data_env, "ingest", str(pages), timeout=120)
    assert run.returncode == 1, run.stdout + run.stderr
    for name in ("zero.txt", "x.txt"):
        lines = [line for line in run.stderr.splitlines() if name in line]
        assert len(lines) == 1 and "不是普通文件" in lines[0], run.stderr
    assert "命名管道" in run.stderr and "设备文件" in run.stderr
    assert "共 3 页：导入 1 页" in run.stdout, run.stdout
    check = manage(data_env, "shell", "-c",
                   "from clippings.models import Source; "
                   "print(sorted(Source.objects.values_list('original_name', flat=True)))")
    assert check.stdout.strip().splitlines()[-1] == "['good.txt']"


def test_a_symlink_to_a_regular_page_is_read(media, tmp_path):
    os.symlink(GOOD, tmp_path / "linked.txt")
    code, _, err = run_ingest(tmp_path)
    assert code == 0, err
    assert Source.objects.filter(original_name="linked.txt").exists()


def test_a_sidecar_that_is_a_fifo_fails_its_page_only(media, tmp_path):
    shutil.copy(GOOD, tmp_path / "a.txt")
    shutil.copy(GOOD, tmp_path / "b.txt")
    (tmp_path / "b.txt").write_text(GOOD.read_text(encoding="utf-8") + "\n第二份。\n", encoding="utf-8")
    os.mkfifo(tmp_path / "a.json")
    code, _, err = run_ingest(tmp_path)
    assert code == 1
    assert "a.txt" in err and "元数据" in err and "命名管道" in err
    assert list(Source.objects.values_list("original_name", flat=True)) == ["b.txt"]


@pytest.mark.parametrize("text", [
    "<!DOCTYPE html>\n<html><body><h1>重庆高新区</h1><p>正文。</p></body></html>",
    "  <html>\n<head><title>开发区</title></head>\n<body>高新区发展。</body>\n</html>",
    '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    '<?xml version="1.0"?>\n<page>高新区</page>',
    "<div>\n<p>重庆高新区加快发展数字经济。</p>\n<p>全年实现产值两千亿元。</p>\n</div>\n",
    "本报讯 高新区发展迅速。\n<img src=x onerror=alert(1)>\n正文继续。",
])
def test_markup_saved_as_a_page_is_refused_with_a_reason(media, tmp_path, text):
    with pytest.raises(PageFileError) as error:
        decode_page(text.encode("utf-8"))
    assert error.value.code == "markup"
    (tmp_path / "page.txt").write_text(text, encoding="utf-8")
    code, _, err = run_ingest(tmp_path)
    assert code == 1 and "不是 OCR 版面文字" in err, err
    assert not Source.objects.exists()


def test_no_real_page_reads_as_markup():
    from clippings.text.decoding import markup_kind

    pages = [*all_seed_paths(), *sorted(SAMPLES.glob("*.txt"))]
    assert pages
    for path in pages:
        assert markup_kind(decode_page(path.read_bytes()).text) == "", path.name
    assert markup_kind("《关于加快高新区发展的意见》提出，产值>100亿元、增速<5%……") == ""


def test_a_sidecar_value_longer_than_its_column_fails_that_page(media, tmp_path):
    shutil.copy(GOOD, tmp_path / "long.txt")
    (tmp_path / "long.json").write_text(json.dumps({"newspaper": "报" * 5000}), encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_text(GOOD.read_text(encoding="utf-8") + "\n另一份。\n", encoding="utf-8")
    code, _, err = run_ingest(tmp_path)
    assert code == 1
    lines = [line for line in err.splitlines() if "long.txt" in line]
    assert len(lines) == 1 and "报纸" in lines[0] and "100" in lines[0], err
    assert list(Source.objects.values_list("original_name", flat=True)) == ["other.txt"]


def test_a_manifest_value_longer_than_its_column_fails_that_page(media, tmp_path):
    shutil.copy(GOOD, tmp_path / "p.txt")
    (tmp_path / "manifest.csv").write_text(f"file,newspaper,date,page\np.txt,开发区导报,2024-05-10,{'A' * 80}\n",
                                           encoding="utf-8")
    code, _, err = run_ingest(tmp_path)
    assert code == 1 and "p.txt" in err and "50" in err, err
    assert not Source.objects.exists()


# --- a killed ingest ----------------------------------------------------------------------------------


def _children(pid: int) -> set[int]:
    """Every living descendant of ``pid`` (from /proc)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[0] != "Z":
                parents[int(entry)] = int(fields[1])
    found, todo = set(), [pid]
    while todo:
        parent = todo.pop()
        for child, ppid in parents.items():
            if ppid == parent and child not in found:
                found.add(child)
                todo.append(child)
    return found


def _alive(pids: set[int]) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
                if handle.read().rsplit(")", 1)[1].split()[0] != "Z":
                    alive.add(pid)
        except OSError:
            pass
    return alive


def _stored_pages(data_dir) -> int:
    import sqlite3

    try:
        with sqlite3.connect(f"file:{data_dir}/devnews.sqlite3?mode=ro", uri=True, timeout=1) as db:
            return db.execute("select count(*) from clippings_source").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_an_ingest_killed_mid_folder_leaves_no_process_and_the_rerun_indexes_everything(tmp_path, data_env):
    import signal
    import time

    pages = tmp_path / "pages"
    code = (f"from pathlib import Path; from clippings.benchmark.corpus import write_corpus; "
            f"print(write_corpus(Path(r'{pages}'), Path(r'{ROOT / 'fixtures'}'), 160, seed=17))")
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=data_env).returncode == 0
    assert len(list(pages.glob("*.txt"))) >= 30
    data_dir = data_env["DEVNEWS_DATA_DIR"]
    assert (tmp_path / "data" / "devnews.sqlite3").exists()
    ingest = subprocess.Popen([sys.executable, "manage.py", "ingest", str(pages)], cwd=ROOT, env=data_env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    helpers: set[int] = set()
    deadline = time.monotonic() + 240
    while _stored_pages(data_dir) < 5 and ingest.poll() is None and time.monotonic() < deadline:
        helpers |= _children(ingest.pid)
        time.sleep(0.02)
    helpers |= _children(ingest.pid)
    stored = _stored_pages(data_dir)
    assert ingest.poll() is None, "the ingest ended before it could be killed"
    assert helpers, "the ingest started its index writer and page splitter"
    os.kill(ingest.pid, signal.SIGKILL)
    ingest.wait()
    assert 5 <= stored < len(list(pages.glob("*.txt")))
    deadline = time.monotonic() + 20
    while _alive(helpers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = _alive(helpers)
    for pid in left:  # do not leave them to the machine
        os.kill(pid, signal.SIGKILL)
    assert not left, "helper processes outlived the killed ingest"
    rerun = manage(data_env, "ingest", str(pages), timeout=300)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    check = manage(data_env, "search_sync", "--check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert not list((tmp_path / "data" / "whoosh").glob("devnews-unindexed-*")), "ledgers of finished runs are removed"


def test_recover_writes_what_an_ended_process_left_in_its_ledger(transactional_db, search_index):
    from clippings.models import Article
    from clippings.search.indexing import recover
    from clippings.services.ingest import ingest_path
    from clippings.text.searchtext import parse_query

    assert ingest_path(GOOD).status == "created"
    article = Article.objects.order_by("pk").first()
    Article.objects.filter(pk=article.pk).update(title="台账补建索引")  # no signal: the index does not know
    found = lambda: set(search_index.execute(parse_query("台账补建索引"), limit=10).ids)  # noqa: E731
    assert found() == set()
    # what a killed process leaves: its ledger, no longer locked
    (Path(search_index.path) / "devnews-unindexed-999999-1.ids").write_text(f"{article.pk}\n", encoding="ascii")
    assert recover() == 1
    assert found() == {article.pk}
    assert not list(Path(search_index.path).glob("devnews-unindexed-*"))


def test_a_ledger_of_a_running_process_is_left_to_it(transactional_db, search_index):
    from clippings.models import Article
    from clippings.search.indexing import Ledger, recover
    from clippings.services.ingest import ingest_path

    assert ingest_path(GOOD).status == "created"
    article = Article.objects.order_by("pk").first()
    ledger = Ledger.create(search_index.path)  # locked while its process (this one) keeps it open
    ledger.add([article.pk])
    assert recover() == 0 and ledger.path.exists()
    ledger.close(written=False)  # what an ended process leaves
    assert recover() == 1 and not ledger.path.exists()


def test_the_web_server_start_writes_what_an_ended_process_left(transactional_db, search_index):
    import importlib
    import threading

    from clippings.models import Article
    from clippings.services.ingest import ingest_path
    from clippings.text.searchtext import parse_query

    assert ingest_path(GOOD).status == "created"
    article = Article.objects.order_by("pk").first()
    Article.objects.filter(pk=article.pk).update(title="服务启动补建索引")
    (Path(search_index.path) / "devnews-unindexed-999998-1.ids").write_text(f"{article.pk}\n", encoding="ascii")
    import devnews.wsgi

    importlib.reload(devnews.wsgi)  # what loading the WSGI application at a server's start runs
    for thread in threading.enumerate():
        if thread.name == "devnews-index-recover":
            thread.join(60)
    assert set(search_index.execute(parse_query("服务启动补建索引"), limit=10).ids) == {article.pk}
