"""Memory of a group of processes at the same moments (no Django).

An ingest runs as three processes (the index writer forked from the page process, the page splitter
a new interpreter): summing each one's own peak RSS counts the pages the forked two share once per
process, and adds peaks that came at different times. ``GroupMemory`` samples this process and its children
together and keeps the peak of their summed RSS and of their summed PSS (shared pages divided among
the processes that share them: what the group really holds).
"""
from __future__ import annotations

import os
import threading
from pathlib import Path


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # "pid (comm) state ppid …": comm may hold spaces and brackets, so split after its last ")"
        fields = stat[stat.rfind(")") + 2 :].split()
        if len(fields) > 1 and int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


def _rss_pss_kb(pid: int) -> tuple[int, int]:
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0, 0
    values = {}
    for line in text.splitlines():
        name, _, rest = line.partition(":")
        if name in ("Rss", "Pss"):
            values[name] = int(rest.split()[0])
    return values.get("Rss", 0), values.get("Pss", 0)


class GroupMemory:
    """Samples this process and its children every ``interval`` seconds while running."""

    def __init__(self, interval: float = 0.5):
        self.interval = interval
        self.peak_rss_mb = 0.0
        self.peak_pss_mb = 0.0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @staticmethod
    def available() -> bool:
        return Path(f"/proc/{os.getpid()}/smaps_rollup").exists()

    def sample(self) -> None:
        me = os.getpid()
        rss = pss = 0
        for pid in (me, *_children(me)):
            r, p = _rss_pss_kb(pid)
            rss, pss = rss + r, pss + p
        self.peak_rss_mb = max(self.peak_rss_mb, rss / 1024)
        self.peak_pss_mb = max(self.peak_pss_mb, pss / 1024)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def start(self) -> None:
        if self.available() and self._thread is None:
            self.sample()
            self._thread = threading.Thread(target=self._run, name="devnews-memory", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self.sample()

    def __enter__(self) -> GroupMemory:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
