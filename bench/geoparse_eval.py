"""Evaluate the geoparser (and the geotext baseline) on gold toponym corpora.

Usage: python bench/geoparse_eval.py [--demonyms] [--out DIR] GOLD.jsonl...

Besides score.py's figures it prints, per corpus, the span-only F1 (predicted spans whose
boundaries equal a gold span's: the recogniser alone) and acc@161 per precision class
(1 town, 2 near a town, 3 region/province/country).  The cost of long texts (time per KB at
10 KB, 100 KB and 1 MB) is measured by bench/geoparse_cost.py.

Scores with shared/eval/score.py (found next to the first GOLD file, or via
--score), so every figure is measured by the same protocol.  Throughput is
measured on one core (the process is pinned to one CPU) around the geoparse
calls only; the gazetteer load is timed and printed separately.

Timing is noisy on a shared machine, so each system runs --repeat times (default
5) per corpus.  "art/s" and "MB/s" are the *best* of those runs measured in CPU
time of this process (time.process_time: one core; other processes competing
for the CPU only ever add time, so the fastest run is the least disturbed, as
timeit does); "wall a/s" is the *median* by wall clock, for reference.  Every repeat
starts cold: a freshly opened Gazetteer (empty lookup cache) and a cleared
normalize() cache, as in a new ingest process; predictions (identical across
repeats) are scored once.
"""
from __future__ import annotations

import argparse
import importlib.util
import io
import json
import os
import statistics
import sys
import tempfile
import time
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geodata.geoparse.gazetteer import Gazetteer  # noqa: E402
from geodata.geoparse.normalize import normalize  # noqa: E402
from geodata.geoparse.parser import geoparse  # noqa: E402


def load_scorer(path: Path):
    """Import score.py from path as a module."""
    spec = importlib.util.spec_from_file_location("score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def fresh_gazetteer(gaz):
    """Return a newly opened gazetteer with cold lookup caches (its load is not timed); see the docstring."""
    normalize.cache_clear()
    return Gazetteer(gaz.path).preload()


def run_ours(docs, gaz, demonyms):
    """Return predictions per doc from our geoparser."""
    return [{"id": d["id"], "places": [m.as_json() for m in geoparse(d["text"], gazetteer=gaz, demonyms=demonyms)]}
            for d in docs]


def run_geotext(docs, gaz):
    """Return predictions from geotext: its city/country spans, points from our gazetteer's most populous match."""
    import re

    from geotext import GeoText

    out = []
    for d in docs:
        places = []
        g = GeoText(d["text"])
        seen = set()
        for name in g.cities + g.countries:
            if name in seen:
                continue
            seen.add(name)
            cands = gaz.search(name)
            if not cands:
                continue
            p = cands[0]
            for m in re.finditer(r"\b%s\b" % re.escape(name), d["text"]):
                places.append({"start": m.start(), "end": m.end(), "lat": p.lat, "lon": p.lon})
        out.append({"id": d["id"], "places": places})
    return out


def exact_span_f1(gold_path, preds) -> float:
    """Return the F1 of predicted spans whose boundaries equal a gold span's (the recogniser alone: no coordinates)."""
    gold = {}
    for line in open(gold_path, encoding="utf-8"):
        if line.strip():
            d = json.loads(line)
            gold[d["id"]] = {(t["start"], t["end"]) for t in d["toponyms"] if t.get("span_check") != "unverified"}
    tp = fp = fn = 0
    for p in preds:
        got = {(m["start"], m["end"]) for m in p["places"]}
        want = gold.get(p["id"], set())
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
    return 2 * tp / max(1, 2 * tp + fp + fn)


def accuracy_by_precision(details_path, preds) -> dict[int, tuple[float, int]]:
    """Return {precision: (acc@161, matched mentions)} from score.py's details and our predictions."""
    precision = {(p["id"], m["start"], m["end"]): m["precision"] for p in preds for m in p["places"]}
    tally: dict[int, list[int]] = {}
    for line in open(details_path, encoding="utf-8"):
        r = json.loads(line)
        for t in r["tp"]:
            k = precision.get((r["id"], *t["pred"]))
            if k is not None:
                ok = tally.setdefault(k, [0, 0])
                ok[0] += t["error_km"] <= 161
                ok[1] += 1
    return {k: (ok / n, n) for k, (ok, n) in sorted(tally.items())}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold", nargs="+")
    ap.add_argument("--score", help="path to score.py (default: beside the first gold file)")
    ap.add_argument("--demonyms", action="store_true", help="also return bare demonyms (Syrian -> Syria)")
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--out", help="keep prediction files here")
    ap.add_argument("--repeat", type=int, default=5, help="timed runs per system and corpus; the median is reported")
    a = ap.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    scorer = load_scorer(Path(a.score) if a.score else Path(a.gold[0]).with_name("score.py"))
    t = time.perf_counter()
    gaz = Gazetteer().preload()
    gaz.lookup("warm up")
    print(f"gazetteer load: {time.perf_counter() - t:.3f} s ({gaz.path})")
    outdir = Path(a.out) if a.out else Path(tempfile.mkdtemp(prefix="geoparse-eval-"))
    outdir.mkdir(parents=True, exist_ok=True)
    rows = []
    for gold in a.gold:
        docs = [json.loads(line) for line in open(gold, encoding="utf-8") if line.strip()]
        mb = sum(len(d["text"].encode("utf-8")) for d in docs) / 1e6
        corpus = Path(gold).stem
        systems = [("conflict-map" + ("+demonyms" if a.demonyms else ""), lambda g: run_ours(docs, g, a.demonyms))]
        if not a.no_baseline:
            systems.append(("geotext", lambda g: run_geotext(docs, g)))
        for name, fn in systems:
            cpu, wall = [], []
            for _ in range(max(1, a.repeat)):
                g = fresh_gazetteer(gaz)
                t, c = time.perf_counter(), time.process_time()
                preds = fn(g)
                cpu.append(time.process_time() - c)
                wall.append(time.perf_counter() - t)
            dt, wdt = min(cpu), statistics.median(wall)
            pred_path = outdir / f"{corpus}.{name}.jsonl"
            with open(pred_path, "w", encoding="utf-8") as f:
                for p in preds:
                    f.write(json.dumps(p, ensure_ascii=False) + "\n")
            with redirect_stderr(io.StringIO()), redirect_stdout(io.StringIO()):
                g_docs, _, _ = scorer.load_gold(gold)
                with open(outdir / f"{corpus}.{name}.details.jsonl", "w", encoding="utf-8") as det:
                    s = scorer.score(g_docs, scorer.load_pred(str(pred_path)), details=det)
            extra = ""
            if name.startswith("conflict-map"):
                by_prec = accuracy_by_precision(outdir / f"{corpus}.{name}.details.jsonl", preds)
                extra = f"span-only F1 {exact_span_f1(gold, preds):.3f}; acc@161 by precision " + ", ".join(
                    f"{k}: {acc:.3f} ({n})" for k, (acc, n) in by_prec.items())
            rows.append((corpus, name, s, len(docs) / dt, mb / dt, len(docs) / wdt, extra))
    print(f"{'corpus':10} {'system':22} {'P':>6} {'R':>6} {'F1':>6} {'acc@161':>8} {'med km':>8} "
          f"{'mean km':>8} {'art/s':>8} {'MB/s':>6} {'wall a/s':>8}")
    for corpus, name, s, aps, mbs, waps, _ in rows:
        print(f"{corpus:10} {name:22} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} "
              f"{s['acc161']:8.3f} {s['median_km']:8.1f} {s['mean_km']:8.1f} {aps:8.0f} {mbs:6.2f} {waps:8.0f}")
    for corpus, name, *_, extra in rows:
        if extra:
            print(f"{corpus:10} {name:22} {extra}")
    print(f"art/s, MB/s: best CPU-time throughput of {max(1, a.repeat)} cold-cache runs on one core; "
          "wall a/s: their median by wall clock")
    print(f"predictions in {outdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
