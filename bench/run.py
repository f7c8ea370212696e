"""Conflict Map benchmark: builds synthetic archives reproducibly and prints every figure as measured.

    python bench/run.py [--only SECTION ...] [--work DIR] [--articles 10000] [--pairs 5]

Sections (each runs alone with --only; several --only may be given):
  start     first request after `run.py serve` start on a new database
  weight    the seed page's bytes against a default folium page: decoded to decoded, gzip to gzip
  ingest    `run.py ingest` of --articles articles, then 500 more into that store and into an empty one
  geoparse  the geoparser's cost at 10 KB, 100 KB and 1 MB of text
  api       the 100k-mention archive: GET /api/places?bbox= under 8 clients, popup data, memory
  pages     the same archive in Chromium: ours and folium's pages in alternating pairs, popups, frames
  curve     page and API figures at 1k, 10k and 100k mentions (100, 1,000 and 10,000 articles)
  pg        the ingest and bbox figures on PostgreSQL (a throwaway server, as the tests start one)
Targets are printed beside the figures, with the load average at the start and end of every table;
nothing here passes or fails. Archives are kept in --work and reused by later runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import api_bench  # noqa: E402
import browser  # noqa: E402
import folium_pages  # noqa: E402
import ingest_bench  # noqa: E402
from archive import archive, build_archive  # noqa: E402
from common import TABLES, end_section, load, machine, row, section  # noqa: E402

SECTIONS = ("start", "weight", "ingest", "geoparse", "api", "pages", "curve", "pg")


def run_pg(work: Path, args: argparse.Namespace) -> None:
    """The ingest and API figures with the store on a throwaway PostgreSQL server."""
    from tests import pgserver

    try:
        server = pgserver.Server()
    except pgserver.Unavailable as e:
        row("PostgreSQL", "not run", str(e).splitlines()[0][:80])
        return
    try:
        schemas = pgserver.Schemas(server.url)
        row("PostgreSQL server", "throwaway", "initdb in a temp dir, fsync=off, synchronous_commit=off (as the tests)")
        (_, grow), (_, empty), (_, arch) = schemas.create(), schemas.create(), schemas.create()
        ingest_bench.ingest(work, args.pg_articles, dbs=(grow, empty), label="PostgreSQL")
        t = time.perf_counter()
        mentions, places = build_archive(arch, args.articles)
        row(f"archive on PostgreSQL: {args.articles:,} articles, {mentions:,} mentions, {places:,} places",
            f"{time.perf_counter() - t:.1f} s")
        api_bench.api_figures(arch, args.seconds, archive(work, args.articles, row))
        schemas.close()
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000, help="articles of the large archive and the ingest")
    parser.add_argument("--pg-articles", type=int, default=2_000, help="articles ingested into PostgreSQL")
    parser.add_argument("--seconds", type=float, default=10.0, help="duration of each API load test")
    parser.add_argument("--page-timeout", type=float, default=120.0)
    parser.add_argument("--pairs", type=int, default=5, help="rounds of (ours, folium) page loads; medians printed")
    parser.add_argument("--folium-markers", action="store_true", help="also time folium's plain-marker page (minutes)")
    parser.add_argument("--work", type=Path, default=None, help="keep the databases here (and reuse them)")
    parser.add_argument("--only", choices=SECTIONS, action="append", help="run only these sections")
    args = parser.parse_args()
    only = args.only or list(SECTIONS)
    if {"weight", "pages", "curve"} & set(only) and not folium_pages.VENDOR.is_dir():
        sys.exit("run `make bench` (it installs folium's CDN files from npm into build/bench-vendor) first")
    work = args.work or Path(tempfile.mkdtemp(prefix="conflict-map-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"Conflict Map benchmark, {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC, {machine()}")
    print(f"load average at start: {load()}; work dir {work}")
    kinds = ("canvas", "fastcluster", "markers") if args.folium_markers else ("canvas", "fastcluster")
    if "start" in only:
        section("Start-up")
        api_bench.first_request(work / "fresh.sqlite", "/", "new database")
        end_section()
    if "weight" in only:
        section("Page weight, the seed's 13 places")
        browser.weight(work)
        end_section()
    if "geoparse" in only:
        section("Geoparser cost")
        ingest_bench.geoparse_curve()
        end_section()
    if "ingest" in only:
        section(f"Ingest, {args.articles:,} articles (SQLite)")
        ingest_bench.ingest(work, args.articles)
        end_section()
    if "api" in only:
        section(f"API on the archive of {args.articles:,} articles (SQLite)")
        db = archive(work, args.articles, row)
        api_bench.api_figures(db, args.seconds, db)  # as `run.py serve` chooses: one worker per core
        api_bench.api_figures(db, args.seconds, db, ("--workers", "1"))  # one waitress process
        end_section()
    if "pages" in only:
        section(f"Map page on the archive of {args.articles:,} articles, against folium")
        browser.page_pairs(archive(work, args.articles, row), args.page_timeout, args.pairs, kinds)
        end_section()
    if "curve" in only:
        for count in (100, 1000):  # 1k and 10k mentions; 100k is the archive of the sections above
            section(f"Cost curve: archive of {count:,} articles")
            db = archive(work, count, row)
            api_bench.api_figures(db, args.seconds / 2, db)
            browser.page_pairs(db, args.page_timeout, args.pairs, kinds)
            end_section()
    if "pg" in only:
        section("PostgreSQL")
        run_pg(work, args)
        end_section()
    print("\n\n" + "\n\n".join(TABLES))


if __name__ == "__main__":
    main()
