"""Pages split ahead in a worker process: the same splits as splitting here, used only when they
match the text, and an ingest that goes on by itself when the worker is gone."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from functools import partial

import pytest

from clippings.models import Article
from clippings.services.ingest import PageMeta, ingest_path, page_meta
from clippings.services.splitahead import SplitAhead
from clippings.text.decoding import decode_page
from clippings.text.pipeline import process_page

from .conftest import ROOT, SAMPLES, all_seed_paths

pytestmark = pytest.mark.django_db


def _files():
    return [*all_seed_paths(), *sorted(SAMPLES.glob("*.txt"))]


def test_splits_made_ahead_are_the_splits_made_here(media):
    files = _files()
    meta_for = partial(page_meta, defaults=PageMeta())
    with SplitAhead(files, meta_for, 10**7, window=3, min_files=1) as ahead:
        for path in files:
            split = ahead.get(path)
            try:
                decoded = decode_page(path.read_bytes())
            except Exception:  # a sample in a broken encoding: the worker hands nothing
                assert split is None
                continue
            assert split is not None and split.sha256 == decoded.sha256
            assert split.page == process_page(decoded.text, issue_date=meta_for(path).issue_date)
        assert ahead.stats == {}
    assert ahead.stats["peak_rss_mb"] > 0 and ahead.stats["cpu_seconds"] > 0


def test_asked_out_of_order_gives_nothing(media):
    files = all_seed_paths()
    with SplitAhead(files, partial(page_meta, defaults=PageMeta()), 10**7, min_files=1) as ahead:
        assert ahead.get(files[1]) is None
        assert ahead.get(files[0]) is not None


def test_a_split_of_another_text_is_not_used(media):
    """The split handed in belongs to another page: the page is split from its own text."""
    first, second = all_seed_paths()[:2]
    with SplitAhead([second], partial(page_meta, defaults=PageMeta()), 10**7, min_files=1) as ahead:
        wrong = ahead.get(second)
    assert wrong is not None
    result = ingest_path(first, split=wrong)
    assert result.status == "created"
    expected = process_page(decode_page(first.read_bytes()).text)
    stored = list(Article.objects.filter(source=result.source).order_by("position").values_list("title", flat=True))
    assert stored == [a.title for a in expected.articles]


def test_ingest_goes_on_when_the_worker_dies(media):
    files = all_seed_paths()
    with SplitAhead(files, partial(page_meta, defaults=PageMeta()), 10**7, window=1, min_files=1) as ahead:
        assert ahead.get(files[0]) is not None
        os.kill(ahead._worker.pid, signal.SIGKILL)
        results = [ingest_path(path, split=ahead.get(path)) for path in files[1:]]
    assert [r.status for r in results] == ["created"] * (len(files) - 1)


def test_the_worker_is_a_new_interpreter_with_the_text_pipeline_only(media):
    """Not a fork of the ingest: a new interpreter importing the worker's module, which loads neither
    Django nor the search index (a fork carried all the ingest had loaded, ~80 MB more resident
    memory in the worker); and not multiprocessing's spawn, which runs the caller's main script."""
    files = all_seed_paths()
    with SplitAhead(files, partial(page_meta, defaults=PageMeta()), 10**7, min_files=1) as ahead:
        assert ahead.get(files[0]) is not None
        command = open(f"/proc/{ahead._worker.pid}/cmdline", "rb").read().split(b"\0")
    assert command[1:3] == [b"-m", b"clippings.services.splitahead"]
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, clippings.services.splitahead; print(sorted({'django', 'whoosh', 'haystack'} & set(sys.modules)))"],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )
    assert loaded.stdout.strip() == "[]"


def test_a_short_batch_is_split_without_a_worker(media):
    files = all_seed_paths()
    with SplitAhead(files, partial(page_meta, defaults=PageMeta()), 10**7, min_files=len(files) + 1) as ahead:
        assert ahead.get(files[0]) is None
    assert ahead.stats == {}
