"""Several ingest processes at once on the same files: each page is stored exactly once."""
import os
import subprocess
import sys

from .conftest import ROOT, SAMPLES, SEEDS


def manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def test_parallel_ingests_store_each_page_once(tmp_path):
    env = {**os.environ, "DEVNEWS_DATA_DIR": str(tmp_path / "data")}
    env.pop("DATABASE_URL", None)
    assert manage(env, "migrate", "-v0").returncode == 0
    procs = [
        subprocess.Popen(
            [sys.executable, "manage.py", "ingest", str(SEEDS), str(SAMPLES)],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for _ in range(4)
    ]
    results = [p.communicate(timeout=300) + (p.returncode,) for p in procs]
    assert all(code == 0 for _, _, code in results), results
    counts = manage(
        env, "shell", "-c",
        "from clippings.models import Source, Article; print(Source.objects.count(), Article.objects.count())",
    )
    assert counts.stdout.split()[-2:] == ["8", "17"], counts
