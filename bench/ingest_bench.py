"""Ingest through `run.py ingest` (wall, CPU, memory, flatness as the store grows) and the geoparser's cost curve."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import corpus
from common import ROOT, row, tree_rss_mb


def write_corpus(path: Path, count: int, skip: int = 0) -> None:
    """Write articles skip..count of the fixed-seed corpus as JSON lines."""
    with path.open("w", encoding="utf-8") as out:
        for i, (article, _) in enumerate(corpus.articles(count)):
            if i >= skip:
                out.write(json.dumps(article, ensure_ascii=False) + "\n")


def _sample(proc: subprocess.Popen, peak: list[float]) -> None:
    while proc.poll() is None:
        peak[0] = max(peak[0], tree_rss_mb(proc.pid))
        time.sleep(0.2)


def run_ingest(db: Path | str, path: Path) -> tuple[float, float, float, float, str]:
    """Run `run.py ingest`; return wall s, CPU s (all processes), main RSS MB, tree peak RSS MB, last output line."""
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(ROOT / "run.py"), "ingest", "--db", str(db), str(path)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    peak = [0.0]
    sampler = threading.Thread(target=_sample, args=(proc, peak), daemon=True)
    sampler.start()
    _, _, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t
    proc.returncode = 0
    sampler.join()
    out = proc.stdout.read().decode().strip()
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, peak[0], (out.splitlines() or [""])[-1]


def ingest(work: Path, count: int, tail: int = 500, dbs: tuple[str, str] | None = None, label: str = "SQLite") -> None:
    """Ingest count articles into a new store, then `tail` more into it and the same `tail` into an empty store.

    dbs: the two stores (growing, empty) as URLs; by default two new SQLite files in work."""
    path, more = work / f"corpus-{count}.jsonl", work / f"corpus-{count}-tail{tail}.jsonl"
    write_corpus(path, count)
    write_corpus(more, count + tail, skip=count)
    db = dbs[0] if dbs else None
    target, fresh = dbs or (str(work / "ingest.sqlite"), str(work / "ingest-fresh.sqlite"))
    if db is None:
        for stale in [*work.glob("ingest.sqlite*"), *work.glob("ingest-fresh.sqlite*")]:
            stale.unlink()
    wall, cpu, rss, peak, last = run_ingest(target, path)
    row(f"ingest {count:,} articles ({label}, `run.py ingest`), wall", f"{wall:.1f} s",
        f"target ≤ 60 s; {wall / count * 1000:.1f} ms an article")
    row("  CPU time, all processes (user+sys)", f"{cpu:.1f} s")
    row("  peak RSS: main process / whole tree incl. workers", f"{rss:.0f} / {peak:.0f} MB", "target ≤ 500 MB")
    row("  summary printed", last[:60])
    grown, *_ = run_ingest(target, more)
    empty, *_ = run_ingest(fresh, more)
    row(f"  {tail} more articles into that store / into an empty one ({label})", f"{grown:.1f} / {empty:.1f} s",
        f"ratio {grown / empty:.2f}, target ≤ 1 (flat as the store grows)")
    if db is None:
        with sqlite3.connect(target) as conn:
            n = conn.execute("SELECT count(*) FROM mentions").fetchone()[0]
        row("  mentions stored", f"{n:,}")


def geoparse_curve(sizes: tuple[int, ...] = (10_000, 100_000, 1_000_000)) -> None:
    """Time the geoparser on 10 KB, 100 KB and 1 MB of corpus text (one call each, after a warm-up)."""
    from geodata.geoparse.parser import geoparse

    text, articles = "", corpus.articles(2000)
    while len(text) < max(sizes):
        text += next(articles)[0]["text"] + "\n\n"
    geoparse(text[:5000])  # opens the gazetteer index
    for size in sizes:
        chunk = text[:size]
        t = time.perf_counter()
        found = geoparse(chunk)
        elapsed = time.perf_counter() - t
        row(f"geoparse {size / 1000:,.0f} KB of text", f"{elapsed * 1000:.0f} ms",
            f"{elapsed * 1000 / (size / 3300):.2f} ms per 3.3 KB article; {len(found):,} mentions")
