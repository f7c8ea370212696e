"""Geoparse plain text: find the places it names and resolve them to points.

    >>> geoparse("Fighting in Hajin and Baghouz, Syria")  # doctest: +SKIP
    [ResolvedMention(start=12, end=17, text='Hajin', name='Hajīn', ...), ...]

Recognition rules are documented in geodata.geoparse.recognize (demonyms are not
toponyms unless ``demonyms=True``; metonyms such as "Washington said" count as
the place), resolution in geodata.geoparse.resolve.  Precision follows ACLED's
geo_precision: 1 the named town itself, 2 near a town or a town standing in for
its province, 3 a region, province, country, continent or river.
"""
from __future__ import annotations

import json
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Iterable, Iterator

from geodata.geoparse.gazetteer import Gazetteer, default_gazetteer
from geodata.geoparse.recognize import recognize
from geodata.geoparse.resolve import direction_point, resolve

_SETTLEMENTS = ("city", "town", "village")


@dataclass(frozen=True)
class ResolvedMention:
    """A place named in a text, at text[start:end], resolved to a point."""

    start: int
    end: int
    text: str
    name: str
    lat: float
    lon: float
    kind: str
    precision: int
    confidence: float
    gazetteer_id: str
    country_code: str | None

    def as_json(self) -> dict:
        """Return the stable JSON form used by `run.py geoparse`."""
        d = asdict(self)
        del d["country_code"]
        return d


def _focus_codes(focus: Iterable[str] | None, gaz: Gazetteer) -> set[str]:
    codes = set()
    for f in focus or ():
        if len(f) == 2 and f.isalpha():
            codes.add(f.upper())
        else:
            codes.update(p.country for p in gaz.search(f) if p.kind == "country" and p.country)
    return codes


def _keep(c, p, support: float, focus: set[str]) -> bool:
    # A weakly attested small place is more often a surname or a common word.
    if p.kind not in _SETTLEMENTS or c.type_word or c.direction or p.country in focus:
        return True
    if c.common and support < 1.0 and not c.cue:
        return p.population >= 100_000
    if p.population >= 20_000 or support >= 1.0 or p.gid.startswith("curated:"):
        return True
    if c.cue:
        return p.population >= 1_000
    return p.population >= 5_000 and len(c.places) == 1


def geoparse(text: str, *, gazetteer: Gazetteer | None = None, focus: list[str] | None = None,
             demonyms: bool = False) -> list[ResolvedMention]:
    """Find and resolve the toponyms in text."""
    gaz = gazetteer or default_gazetteer()
    cands = recognize(text, gaz, demonyms=demonyms)
    out = []
    codes = _focus_codes(focus, gaz)
    for c, p, conf, support in resolve(cands, text, codes, gaz.capitals()):
        if not _keep(c, p, support, codes):
            continue
        lat, lon, name, kind, gid = p.lat, p.lon, p.name, p.kind, p.gid
        if p.kind in _SETTLEMENTS:
            precision = 2 if (c.near or c.type_word in ("province", "county")) else 1
        else:
            precision = 3
        if c.direction and p.bbox:
            lat, lon = direction_point(p, c.direction)
            name, kind, gid = f"{c.direction} {p.name}", "region", f"region:{c.direction}:{p.gid}"
        out.append(ResolvedMention(c.start, c.end, text[c.start:c.end], name, lat, lon, kind, precision,
                                   conf, gid, p.country))
    return out


def _articles(inputs: Iterable[str | Path] | None, stdin: IO[str]) -> Iterator[tuple[str, str]]:
    for src in inputs or ["-"]:
        src = str(src)
        if src == "-":
            data, stem, jsonl = stdin.read(), "stdin", None
            jsonl = data.lstrip().startswith("{")
        else:
            path = Path(src)
            data, stem, jsonl = path.read_text(encoding="utf-8"), path.stem, path.suffix == ".jsonl"
        if jsonl:
            for line in data.splitlines():
                if line.strip():
                    obj = json.loads(line)
                    yield str(obj["id"]), obj["text"]
        else:
            yield stem, data


def geoparse_lines(inputs: Iterable[str | Path] | None = None, *, gazetteer: Gazetteer | None = None,
                   stdin: IO[str] | None = None, demonyms: bool = False) -> Iterator[dict]:
    """Yield {"id", "places"} for each article in .txt/.jsonl files or stdin ("-")."""
    gaz = gazetteer or default_gazetteer()
    for aid, text in _articles(inputs, stdin or sys.stdin):
        yield {"id": aid, "places": [m.as_json() for m in geoparse(text, gazetteer=gaz, demonyms=demonyms)]}
