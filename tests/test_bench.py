"""The benchmark command runs end to end on a tiny generated corpus and prints every figure."""
import json
import os
import subprocess
import sys

from .conftest import ROOT


def test_bench_prints_every_figure(tmp_path):
    env = {**os.environ, "DEVNEWS_DATA_DIR": str(tmp_path / "unused")}
    result = subprocess.run(
        [sys.executable, "manage.py", "bench", "--articles", "40", "--keep", str(tmp_path / "bench")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=900, check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    figures = json.loads(result.stdout)
    assert figures["articles"] > 0 and figures["full_ingest_articles_per_second"] > 0
    assert figures["canonical_index_only_articles_per_second"] > 0 and figures["full_ingest_vs_canonical_index_only"] > 0
    for name in ("search_api", "zone_page", "article_page", "zone_index", "home_page"):
        assert figures[f"{name}_p95_ms"] >= figures[f"{name}_p50_ms"] > 0, name
    assert figures["index_writer_peak_rss_mb"] > 0 and figures["index_size_mb"] > 0
    together = figures["ingest_peak_rss_together_mb"]
    assert together >= figures["ingest_peak_pss_together_mb"] > 0
    # each process's own peak (getrusage) comes from the kernel's RSS counters, which it updates in
    # batches of pages, the group's from a page walk of /proc/PID/smaps_rollup: the sum of own peaks
    # can trail the group's peak by a few hundred kB (CI saw 360.3 against 360.6)
    assert figures["ingest_peak_rss_sum_mb"] >= together * 0.98


def test_group_memory_counts_child_processes_once_each():
    """200 MB written by a child process show in the group's peak; shared pages count once in PSS."""
    from clippings.benchmark.memory import GroupMemory

    with GroupMemory(interval=0.05) as memory:
        alone = memory.peak_pss_mb
        subprocess.run([sys.executable, "-c", "x = bytearray(200 * 2**20); import time; time.sleep(0.5)"], check=True)
    assert memory.peak_pss_mb >= alone + 190
    assert memory.peak_rss_mb >= memory.peak_pss_mb
