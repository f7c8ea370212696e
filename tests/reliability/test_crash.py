"""Crash safety: SIGKILL `run.py ingest` at random points; the database stays sound and every
article is either stored whole (all its passages and mentions) or not at all."""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from geodata.articles import read_articles
from geodata.geoparse.parser import geoparse
from geodata.linking import link_article
from geodata.places import load_curated

ROOT = Path(__file__).resolve().parents[2]
PLACES = ["Hajin", "Baghouz", "Raqqa", "Al-Susah", "Deir el-Zour", "Syria", "Iraq", "Euphrates"]
ARTICLES = 600
KILLS = 4


def write_corpus(path: Path, rng: random.Random) -> None:
    with path.open("w", encoding="utf-8") as out:
        for n in range(ARTICLES):
            paragraphs = [
                f"Residents of {rng.choice(PLACES)} said shelling resumed at dawn, {n} days into the offensive. "
                f"Aid groups in {rng.choice(PLACES)} counted {rng.randint(2, 900)} families on the move."
                for _ in range(rng.randint(3, 12))
            ]
            out.write(json.dumps({"id": f"crash-{n:04d}", "title": f"Dispatch {n}", "text": "\n\n".join(paragraphs),
                                  "published": "2019-02-20", "source": "Crash test"}) + "\n")


def stored_count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM articles WHERE id LIKE 'crash-%'").fetchone()[0]
    except sqlite3.OperationalError:
        return 0  # not created yet


def ingest(db: Path, corpus: Path, kill_at: int | None, pause: float = 0.0) -> int:
    """Run the ingest; with kill_at, SIGKILL it once that many articles are stored, after a random pause."""
    proc = subprocess.Popen([sys.executable, str(ROOT / "run.py"), "ingest", "--db", str(db), str(corpus)],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if kill_at is None:
        return proc.wait(timeout=120)
    deadline = time.monotonic() + 60
    while proc.poll() is None and stored_count(db) < kill_at and time.monotonic() < deadline:
        time.sleep(0.002)
    time.sleep(pause)  # so the kill lands at a random point inside a write, not just between two
    proc.send_signal(signal.SIGKILL)
    return proc.wait(timeout=30)


def test_sigkill_during_ingest_leaves_every_article_whole_or_absent(tmp_path):
    rng = random.Random(20190217)
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus, rng)
    db = tmp_path / "crash.sqlite"
    expected = {}
    places = load_curated()
    for article in read_articles(corpus):
        linked = link_article(article, places, geoparse=geoparse)  # what ingest links: curated, then geoparsed
        expected[article.id] = (len(linked.passages), len(linked.mentions))

    counts = []
    for k in range(KILLS):
        # somewhere in the middle of the writes, further on each time
        target = rng.randint(1 + k * ARTICLES // (KILLS + 1), (k + 1) * ARTICLES // (KILLS + 1))
        code = ingest(db, corpus, kill_at=target, pause=rng.uniform(0, 0.005))
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
            stored = dict(conn.execute("SELECT a.id, (SELECT count(*) FROM passages p WHERE p.article_id = a.id) "
                                       "FROM articles a WHERE a.id LIKE 'crash-%'").fetchall())
            stored_mentions = dict(conn.execute("SELECT article_id, count(*) FROM mentions "
                                                "WHERE article_id LIKE 'crash-%' GROUP BY article_id").fetchall())
            orphans = conn.execute("SELECT count(*) FROM passages WHERE article_id NOT IN (SELECT id FROM articles)")
            assert orphans.fetchone()[0] == 0
        for article_id, passage_count in stored.items():
            assert (passage_count, stored_mentions.get(article_id, 0)) == expected[article_id], article_id
        assert set(stored_mentions) <= set(stored)
        counts.append((code, len(stored)))

    # the kills really landed mid-ingest at least once, and the data grew between runs
    assert all(code == -signal.SIGKILL and 0 < n < ARTICLES for code, n in counts), counts
    assert [n for _, n in counts] == sorted(n for _, n in counts)
    # a final, uninterrupted run completes the corpus (duplicates are skipped, not doubled)
    ingest(db, corpus, kill_at=None)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles WHERE id LIKE 'crash-%'").fetchone()[0] == ARTICLES
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
