"""Benchmark: full ingest vs the canonical haystack+Whoosh+jieba recipe, search latency, memory.

Runs in a throw-away data folder (its own database and index), never the archive's:

    python manage.py bench --articles 10000
    python manage.py bench --pages ../shared/seeds --repeat 200

Prints: full-ingest throughput (decode, clean, split, link zones/enterprises, store, index) beside
the canonical recipe's index-only throughput (haystack's stock Whoosh backend with jieba's
ChineseAnalyzer) on the same articles in the same run; /api/search/ latency p50/p95 over a fixed
query set; peak RSS of the ingest (it runs as two processes: pages here, index writes in the other).
"""
from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

QUERIES = [
    # common words and characters, names, figures, phrases, operators
    "发展", "企业", "项目", "的", "区", "高新区", "经济技术开发区", "开发区", "科学城", "综合保税区",
    "新能源汽车", "智能网联", "产业链", "有限公司", "集团", "亿元", "7.5%", "2020", "中国", "建设",
    '"自由贸易试验区"', "高新区 企业", "经开区 -高新区", "苏州 OR 无锡", "量子", "研究", "人民", "市场 经济",
    "华为技术有限公司", "不存在的组合词",
]


class Command(BaseCommand):
    help = "Measure ingest and search speed on a generated corpus (or given pages) in a temporary data folder."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=2000, help="size of the generated corpus")
        parser.add_argument("--pages", nargs="*", default=[], help="use these page files/folders instead of generating")
        parser.add_argument("--repeat", type=int, default=1, help="copies of --pages (each copy is made unique)")
        parser.add_argument("--keep", default="", help="keep the benchmark data folder here")
        parser.add_argument("--skip-canonical", action="store_true")
        parser.add_argument("--phase", default="", help=""" internal: run one phase inside the data folder""")

    def handle(self, *args, **options):
        if options["phase"]:
            return self.phase(options["phase"])
        root = Path(options["keep"]) if options["keep"] else Path(tempfile.mkdtemp(prefix="devnews-bench-"))
        root.mkdir(parents=True, exist_ok=True)
        corpus, data = root / "pages", root / "data"
        shutil.rmtree(data, ignore_errors=True)
        env = {**os.environ, "DEVNEWS_DATA_DIR": str(data)}
        env.pop("DATABASE_URL", None)
        try:
            figures = self.run_all(options, corpus, data, env)
        finally:
            if not options["keep"]:
                shutil.rmtree(root, ignore_errors=True)
        self.stdout.write(json.dumps(figures, ensure_ascii=False, indent=2))

    def manage(self, env, *args) -> subprocess.CompletedProcess:
        result = subprocess.run([sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, env=env,
                                capture_output=True, text=True)
        if result.returncode not in (0, 1):
            raise CommandError(f"{' '.join(args)} failed:\n{result.stderr[-3000:]}")
        return result

    def run_all(self, options, corpus: Path, data: Path, env) -> dict:
        from clippings.benchmark.corpus import write_corpus

        shutil.rmtree(corpus, ignore_errors=True)
        if options["pages"]:
            pages = self.copy_pages(options["pages"], options["repeat"], corpus)
        else:
            pages, _ = write_corpus(corpus, Path(settings.BASE_DIR) / "fixtures", options["articles"])
        self.stderr.write(f"corpus: {pages} pages in {corpus}")
        self.manage(env, "migrate", "-v0")
        self.manage(env, "collectstatic", "--noinput", "-v0")  # the pages phase renders with hashed static names
        self.manage(env, "load_gazetteer")
        stats_file = data / "ingest-stats.json"
        started = time.perf_counter()
        ingest = self.manage(env, "ingest", str(corpus), "--stats-file", str(stats_file))
        ingest_seconds = time.perf_counter() - started
        stats = json.loads(stats_file.read_text())
        writer = stats.get("index_writer") or {}
        writer_peak = writer.get("peak_rss_mb", 0)
        splitter = stats.get("page_splitter") or {}
        splitter_peak = splitter.get("peak_rss_mb", 0)
        counts = json.loads(self.manage(env, "bench", "--phase", "counts").stdout)
        self.stderr.write(f"ingest: {counts['articles']} articles in {ingest_seconds:.1f} s")
        figures = {
            "pages": counts["sources"],
            "articles": counts["articles"],
            "corpus_chars_per_article": counts["chars_per_article"],
            "full_ingest_seconds": round(ingest_seconds, 1),
            "full_ingest_articles_per_second": round(counts["articles"] / ingest_seconds, 1),
            # three processes: pages are split ahead in one, linked and stored in another, indexed in a third
            "ingest_peak_rss_mb": round(stats["ingest_peak_rss_mb"], 1),
            "index_writer_peak_rss_mb": round(writer_peak, 1),
            "page_splitter_peak_rss_mb": round(splitter_peak, 1),
            "ingest_peak_rss_sum_mb": round(stats["ingest_peak_rss_mb"] + writer_peak + splitter_peak, 1),
            # the three sampled together every 0.5 s: summed RSS (shared pages once per process) and
            # summed PSS (shared pages divided among the processes sharing them)
            "ingest_peak_rss_together_mb": round(stats.get("together_peak_rss_mb", 0), 1),
            "ingest_peak_pss_together_mb": round(stats.get("together_peak_pss_mb", 0), 1),
            # where the time goes: CPU per article in each process, and the wait for the last batch
            "ingest_cpu_ms_per_article": round(1000 * stats["ingest_cpu_seconds"] / max(counts["articles"], 1), 2),
            "index_writer_cpu_ms_per_article": round(1000 * writer.get("cpu_seconds", 0) / max(counts["articles"], 1), 2),
            "page_splitter_cpu_ms_per_article": round(1000 * splitter.get("cpu_seconds", 0) / max(counts["articles"], 1), 2),
            "index_writer_last_batch_seconds": round(writer.get("wait_seconds", 0), 1),
            "ingest_summary": ingest.stdout.strip().splitlines()[-1:],
        }
        if not options["skip_canonical"]:
            canonical = self.phase_figures(env, "canonical")
            figures.update(canonical)
            figures["full_ingest_vs_canonical_index_only"] = round(
                figures["full_ingest_articles_per_second"] / canonical["canonical_index_only_articles_per_second"], 2)
        figures.update(self.phase_figures(env, "search"))
        figures.update(self.phase_figures(env, "pages"))
        figures["index_size_mb"] = round(sum(f.stat().st_size for f in (data / "whoosh").glob("*")) / 2**20, 1)
        return figures

    def phase_figures(self, env, name: str) -> dict:
        result = self.manage(env, "bench", "--phase", name)
        if result.returncode != 0 or not result.stdout.strip():
            raise CommandError(f"bench phase {name} failed:\n{result.stderr[-3000:]}")
        return json.loads(result.stdout)

    def copy_pages(self, paths, repeat: int, corpus: Path) -> int:
        from clippings.services.ingest import find_page_files

        files, missing = find_page_files(paths)
        if missing or not files:
            raise CommandError(f"no page files in {paths}")
        corpus.mkdir(parents=True)
        count = 0
        for copy in range(repeat):
            for path in files:
                text = path.read_bytes().decode("utf-8", errors="replace")
                # a different last line makes each copy a new page (ingest skips identical pages)
                (corpus / f"{copy:05d}_{path.name}").write_text(f"{text}\n第{copy}版", encoding="utf-8")
                count += 1
        return count

    # --- phases run inside the benchmark's data folder -------------------------------------

    def phase(self, name: str) -> None:
        data = Path(settings.DATA_DIR)
        if "devnews-bench-" not in str(data) and not (data.parent / "pages").exists():
            raise CommandError("bench phases run only inside a benchmark data folder")
        result = getattr(self, f"phase_{name}")()
        self.stdout.write(json.dumps(result))

    def phase_counts(self) -> dict:
        from django.db.models import Avg
        from django.db.models.functions import Length

        from clippings.models import Article, Source

        return {
            "sources": Source.objects.count(),
            "articles": Article.objects.count(),
            "chars_per_article": round(Article.objects.aggregate(n=Avg(Length("body")))["n"] or 0),
        }

    def phase_canonical(self) -> dict:
        """haystack's stock Whoosh backend with jieba's ChineseAnalyzer: the recipe tutorials copy."""
        from haystack import connections, indexes
        from haystack.utils.loading import UnifiedIndex
        from jieba.analyse import ChineseAnalyzer

        from clippings.models import Article
        from clippings.search_indexes import ArticleIndex, searchable_text

        class CanonicalArticleIndex(indexes.SearchIndex, indexes.Indexable):
            text = indexes.CharField(document=True, analyzer=ChineseAnalyzer())

            def get_model(self):
                return Article

            def prepare_text(self, obj):
                return searchable_text(obj)

        connections.connections_info["canonical"] = {
            "ENGINE": "haystack.backends.whoosh_backend.WhooshEngine",
            "PATH": str(Path(settings.DATA_DIR) / "canonical-whoosh"),
        }
        unified = UnifiedIndex()
        unified.build(indexes=[CanonicalArticleIndex()])
        connections["canonical"]._index = unified
        backend = connections["canonical"].get_backend()
        index = unified.get_index(Article)
        # read before timing (index-only), in chunks: one prefetch over 100k ids exceeds SQLite's variable limit
        articles = list(ArticleIndex().build_queryset().iterator(chunk_size=2000))
        started = time.perf_counter()
        for start in range(0, len(articles), 1000):
            backend.update(index, articles[start : start + 1000])
        seconds = time.perf_counter() - started
        return {
            "canonical_index_only_seconds": round(seconds, 1),
            "canonical_index_only_articles_per_second": round(len(articles) / seconds, 1),
        }

    @staticmethod
    def timed(get, requests: list[tuple[str, dict]], rounds: int = 3) -> list[float]:
        """Milliseconds per request (after one warm-up round), every request answered 200; ``get`` is
        ``live_server``'s."""
        timings = []
        for n in range(rounds + 1):
            for url, params in requests:
                started = time.perf_counter()
                status, content = get(url, params)
                if n:
                    timings.append((time.perf_counter() - started) * 1000)
                if status != 200:
                    raise CommandError(f"{url} {params}: {status} {content[:200]!r}")
        return sorted(timings)

    @staticmethod
    def percentiles(name: str, timings: list[float]) -> dict:
        return {
            f"{name}_p50_ms": round(statistics.median(timings), 1),
            f"{name}_p95_ms": round(timings[max(0, int(len(timings) * 0.95) - 1)], 1),
            f"{name}_max_ms": round(timings[-1], 1),
        }

    def phase_search(self) -> dict:
        """/api/search/ over HTTP from a threaded server (a thread per request, as ``runserver`` and
        threaded WSGI servers run them: measured through the test client, on one thread, a cache kept
        per thread looked warm while every real request read it again)."""
        with live_server() as get:
            timings = self.timed(get, [("/api/search/", {"q": query}) for query in QUERIES])
        return {"search_queries": len(QUERIES), **self.percentiles("search_api", timings)}

    def phase_pages(self) -> dict:
        """Reading-room pages over HTTP: the 10 most covered zones and 10 others with articles (first
        page, newest first), 40 articles spread over the archive, the zone index and the home page."""
        import random

        from django.db.models import Count

        from clippings.models import Article, ZoneMention

        rows = list(ZoneMention.objects.filter(rejected=False).values("zone__slug")
                    .annotate(n=Count("article_id", distinct=True)).order_by("-n"))
        rng = random.Random(5)
        zones = [r["zone__slug"] for r in rows[:10]] + [r["zone__slug"] for r in rng.sample(rows[10:], min(10, len(rows[10:])))]
        ids = list(Article.objects.values_list("pk", flat=True))
        articles = rng.sample(ids, min(40, len(ids)))
        figures = {"pages_zones": len(zones), "pages_articles": len(articles),
                   "largest_zone_articles": rows[0]["n"] if rows else 0}
        with live_server() as get:
            if zones:
                figures.update(self.percentiles("zone_page", self.timed(get, [(f"/zones/{z}/", {}) for z in zones])))
            if articles:
                figures.update(self.percentiles("article_page", self.timed(get, [(f"/articles/{a}/", {}) for a in articles])))
            figures.update(self.percentiles("zone_index", self.timed(get, [("/zones/", {})], rounds=5)))
            figures.update(self.percentiles("home_page", self.timed(get, [("/", {})], rounds=5)))
        return figures


@contextmanager
def live_server():
    """Django's threaded development server on a free local port, in a thread of this process, and a
    ``get(path, params) -> (status, body)`` logged in as the benchmark user (a session cookie)."""
    import urllib.error
    import urllib.parse
    import urllib.request

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler, get_internal_wsgi_application
    from django.db import connections

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    user, _ = get_user_model().objects.get_or_create(username="bench")
    session = SessionStore()
    session.update({SESSION_KEY: str(user.pk), BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
                    HASH_SESSION_KEY: user.get_session_auth_hash()})
    session.create()
    cookie = f"{settings.SESSION_COOKIE_NAME}={session.session_key}"
    server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler, allow_reuse_address=False)
    server.daemon_threads = True
    server.set_app(get_internal_wsgi_application())
    thread = threading.Thread(target=server.serve_forever, name="bench-server", daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"

    def get(path: str, params: dict) -> tuple[int, bytes]:
        request = urllib.request.Request(f"{base}{urllib.parse.quote(path)}?{urllib.parse.urlencode(params)}", headers={"Cookie": cookie})
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    try:
        yield get
    finally:
        server.shutdown()
        server.server_close()
        connections.close_all()
