"""Score the event rules (geodata.events) on a labelled set of passages.

Usage: python bench/events_eval.py [--split dev|holdout|all] [--errors] [LABELLED.jsonl]

Each line of the set is {"id", "split", "published", "text", "mentions": [{"text", "role"}],
"type", "sub_type", "fatalities", "actors"} (type null: no event reported). A mention is found
by its first occurrence in the text. Printed: per event type, precision and recall of the
passage's type (a passage with no event counts as type "none"); sub-type accuracy over
passages whose gold type was found and whose gold sub-type is set; role accuracy over mentions;
fatalities exact-match accuracy over event passages; actor precision and recall.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from geodata.events import analyse_passage  # noqa: E402
from geodata.events.cues import EVENT_TYPES  # noqa: E402

DEFAULT_SET = Path(__file__).resolve().parents[1] / "tests" / "events" / "labelled.jsonl"
NONE = "none"


def load(path: Path, split: str = "all") -> list[dict[str, Any]]:
    """Return the labelled rows of one split (or all)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if split == "all" or r["split"] == split]


def predict(row: dict[str, Any]) -> tuple[list[str], dict | None]:
    """Return the predicted role of each labelled mention and the predicted event."""
    spans = []
    for m in row["mentions"]:
        start = row["text"].index(m["text"])
        spans.append((start, start + len(m["text"])))
    result = analyse_passage(row["text"], spans, row["published"])
    return [r.role for r in result.roles], result.event


def evaluate(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Return the figures and the list of errors for a labelled set."""
    tp, fp, fn = Counter(), Counter(), Counter()
    roles_ok = roles_n = sub_ok = sub_n = fat_ok = fat_n = 0
    actor_tp = actor_fp = actor_fn = 0
    errors = []
    for row in rows:
        roles, event = predict(row)
        gold, got = row["type"] or NONE, (event or {}).get("type") or NONE
        if gold == got:
            tp[gold] += 1
        else:
            fp[got] += 1
            fn[gold] += 1
            errors.append(f"{row['id']} type {got!r} != {gold!r}: {row['text']}")
        for m, role in zip(row["mentions"], roles):
            roles_n += 1
            roles_ok += role == m["role"]
            if role != m["role"]:
                errors.append(f"{row['id']} role of {m['text']!r} {role} != {m['role']}: {row['text']}")
        if gold != NONE and gold == got and row["sub_type"]:
            sub_n += 1
            sub_ok += event["sub_type"] == row["sub_type"]
            if event["sub_type"] != row["sub_type"]:
                errors.append(f"{row['id']} sub-type {event['sub_type']!r} != {row['sub_type']!r}: {row['text']}")
        if gold != NONE:
            fat_n += 1
            got_fat = (event or {}).get("fatalities")
            fat_ok += got_fat == row["fatalities"]
            if got_fat != row["fatalities"]:
                errors.append(f"{row['id']} fatalities {got_fat} != {row['fatalities']}: {row['text']}")
            want, have = set(row["actors"]), set((event or {}).get("actors") or [])
            actor_tp += len(want & have)
            actor_fp += len(have - want)
            actor_fn += len(want - have)
            if want != have:
                errors.append(f"{row['id']} actors {sorted(have)} != {sorted(want)}: {row['text']}")
    per_type = {}
    for kind in (*EVENT_TYPES, NONE):
        p = tp[kind] / (tp[kind] + fp[kind]) if tp[kind] + fp[kind] else 0.0
        r = tp[kind] / (tp[kind] + fn[kind]) if tp[kind] + fn[kind] else 0.0
        per_type[kind] = {"precision": p, "recall": r, "support": tp[kind] + fn[kind]}
    ratio = lambda a, b: a / b if b else 0.0  # noqa: E731
    return {
        "passages": len(rows),
        "types": per_type,
        "type_accuracy": ratio(sum(tp.values()), len(rows)),
        "sub_type_accuracy": ratio(sub_ok, sub_n), "sub_type_n": sub_n,
        "role_accuracy": ratio(roles_ok, roles_n), "mentions": roles_n,
        "fatalities_accuracy": ratio(fat_ok, fat_n),
        "actor_precision": ratio(actor_tp, actor_tp + actor_fp), "actor_recall": ratio(actor_tp, actor_tp + actor_fn),
        "errors": errors,
    }


def report(figures: dict[str, Any]) -> str:
    """Return the figures as a table."""
    lines = [f"{'type':32} {'P':>6} {'R':>6} {'n':>4}"]
    for kind, f in figures["types"].items():
        lines.append(f"{kind:32} {f['precision']:6.3f} {f['recall']:6.3f} {f['support']:4d}")
    lines += [
        f"passages {figures['passages']}; type accuracy {figures['type_accuracy']:.3f}",
        f"sub-type accuracy {figures['sub_type_accuracy']:.3f} (n={figures['sub_type_n']})",
        f"role accuracy {figures['role_accuracy']:.3f} (mentions={figures['mentions']})",
        f"fatalities exact {figures['fatalities_accuracy']:.3f}; "
        f"actors P {figures['actor_precision']:.3f} R {figures['actor_recall']:.3f}",
    ]
    return "\n".join(lines)


def main() -> None:
    """Print the figures of one split of the labelled set."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_SET)
    parser.add_argument("--split", default="all", choices=["dev", "holdout", "all"])
    parser.add_argument("--errors", action="store_true", help="also list every wrong decision")
    args = parser.parse_args()
    figures = evaluate(load(args.path, args.split))
    print(report(figures))
    if args.errors:
        print("\n".join(figures["errors"]))


if __name__ == "__main__":
    main()
