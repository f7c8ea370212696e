"""Bulk ingest: read article files, link them in worker processes, write each article all or nothing.

Linking (passages, event times, geoparsing, event rules) is the costly part of ingest and reads
nothing from the store, only the curated places and readers' rules read once per batch, so it runs
in a pool of worker processes; the writes stay in this process, one transaction per article, in
file order. Small ingests run in-process: starting workers costs more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from geodata.articles import ArticleError, read_articles
from geodata.limits import LimitExceeded
from geodata.linking import Linked, link_article
from geodata.models import Article, Place, Rule
from geodata.service import default_geoparse, store_linked
from geodata.store import DuplicateArticle, Store

BATCH = 256
PARALLEL_MIN_BYTES = 1_000_000  # below this much text, one process is faster


@dataclass
class IngestReport:
    """What an ingest did: articles added or already stored, distinct places linked, the problems met."""

    added: int = 0
    stored: int = 0  # already in the store with the same text, so left as they are
    places: set[str] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)


def count_articles(paths: Iterable[Path]) -> int:
    """Return how many articles the files hold (non-empty lines of .jsonl, one per other file)."""
    total = 0
    for path in paths:
        if Path(path).suffix == ".jsonl":
            with open(path, "rb") as f:
                total += sum(1 for line in f if line.strip())
        else:
            total += 1
    return total


def _link(task: tuple[Article, list[Place], list[Rule]]) -> Linked | LimitExceeded:
    article, curated, rules = task
    try:
        return link_article(article, curated, geoparse=default_geoparse(), rules=rules)
    except LimitExceeded as e:  # returned, not raised: one article over a limit must not stop the pool
        return e


def _batches(path: Path, report: IngestReport) -> Iterator[list[Article]]:
    batch: list[Article] = []
    try:
        for article in read_articles(path, report.problems.append):
            batch.append(article)
            if len(batch) == BATCH:
                yield batch
                batch = []
    except (ArticleError, OSError) as e:  # a whole-file problem: unreadable, not UTF-8, wrong kind
        message = str(e) if isinstance(e, ArticleError) else f"{path.name}: cannot read it ({e.strerror or e})"
        report.problems.append(message)
    yield batch


def default_workers(paths: Iterable[Path]) -> int:
    """Worker processes for linking: one per core for large ingests, none for small ones."""
    size = sum(Path(p).stat().st_size for p in paths)
    return (os.cpu_count() or 1) if size >= PARALLEL_MIN_BYTES and (os.cpu_count() or 1) > 1 else 0


def ingest_files(store: Store, paths: list[Path], *, workers: int | None = None,
                 progress: Callable[[int], None] = lambda n: None) -> IngestReport:
    """Store every article of the files; progress(n) is called as n more articles are done."""
    report = IngestReport()
    workers = default_workers(paths) if workers is None else workers
    # spawn, not fork: the parent holds SQLite connections a forked child must never touch
    pool = multiprocessing.get_context("spawn").Pool(workers) if workers > 1 else None
    try:
        for path in paths:
            for batch in _batches(Path(path), report):
                stored = store.stored_ids([a.id for a in batch])
                texts = store.article_texts([a.id for a in batch if a.id in stored])
                fresh = []
                for article in batch:
                    if article.id not in stored:
                        fresh.append(article)
                    elif texts.get(article.id) == article.text:
                        report.stored += 1  # ingesting a file again is not a problem: it is already there
                    else:
                        report.problems.append(f"{Path(path).name}: {article.id}: another article with this id is "
                                               "already stored; give this one a new id")
                progress(len(batch) - len(fresh))
                # once per batch: nothing per article reads more than its own rows
                curated, rules = store.curated_places(), store.rules()
                tasks = [(a, curated, rules) for a in fresh]
                for article, linked in zip(fresh, pool.imap(_link, tasks, chunksize=8) if pool else map(_link, tasks)):
                    try:
                        if isinstance(linked, LimitExceeded):
                            raise linked
                        report.places.update(store_linked(store, article, linked))
                    except (DuplicateArticle, LimitExceeded) as e:
                        report.problems.append(f"{Path(path).name}: {article.id}: {e}")
                    else:
                        report.added += 1
                    progress(1)
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    return report
