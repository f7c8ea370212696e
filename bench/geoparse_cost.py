"""Time per KB of geoparsing and event-time parsing at 10 KB, 100 KB and 1 MB of text: the cost must stay linear.

Usage: python bench/geoparse_cost.py [GOLD.jsonl]

The text is the articles of a corpus (default: shared/eval/lgl.jsonl) joined end to end,
cut at each size; the dates text repeats a sentence dense with dating words.  CPU time of
this process on one core; the gazetteer is opened (and its caches warmed on the first
10 KB) before timing.
"""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geodata.events.timeparse import find_times  # noqa: E402
from geodata.geoparse.gazetteer import Gazetteer  # noqa: E402
from geodata.geoparse.parser import geoparse  # noqa: E402

SIZES_KB = (10, 100, 1000)
DATES = "On 3 March 2019 and in May 2018, on Sunday, last week and since 2016, fighting went on. "


def _timed(fn) -> tuple[float, object]:
    t = time.process_time()
    out = fn()
    return time.process_time() - t, out


def main(argv: list[str] | None = None) -> int:
    """Print the time per KB of each size for both parsers."""
    args = argv if argv is not None else sys.argv[1:]
    gold = Path(args[0]) if args else Path(__file__).resolve().parents[2] / "shared" / "eval" / "lgl.jsonl"
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    texts = [json.loads(line)["text"] for line in open(gold, encoding="utf-8") if line.strip()]
    news = "\n\n".join(texts)
    while len(news) < SIZES_KB[-1] * 1000:
        news += "\n\n" + news
    dates = DATES * (SIZES_KB[-1] * 1000 // len(DATES) + 1)
    gaz = Gazetteer().preload()
    geoparse(news[:10_000], gazetteer=gaz)
    print(f"{'size':>8} {'geoparse ms/KB':>15} {'mentions':>9} {'timeparse ms/KB':>16} {'dates':>7}")
    for kb in SIZES_KB:
        n = kb * 1000
        g, ms = _timed(lambda: geoparse(news[:n], gazetteer=gaz))
        t, ts = _timed(lambda: find_times(dates[:n], "2019-05-01"))
        print(f"{kb:>6} KB {g / kb * 1000:>15.2f} {len(ms):>9} {t / kb * 1000:>16.2f} {len(ts):>7}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
