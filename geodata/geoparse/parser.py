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

import re
import sys
from dataclasses import asdict, dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import IO, Any, Callable, Iterable, Iterator, Mapping

from geodata.geoparse.gazetteer import PRIMARY, Gazetteer, Place, default_gazetteer
from geodata.geoparse.normalize import ARTICLES, normalize
from geodata.geoparse.recognize import Candidate, recognize
from geodata.geoparse.resolve import Resolution, direction_point, haversine_km, resolve

_SETTLEMENTS = ("city", "town", "village")
# Below this confidence a mention is doubtful: the map draws it as uncertain (another marker
# style and a note), never as a confident pin.  Measured 2026-12-02 on the shared corpora
# (bench/geoparse_eval.py): mentions of confidence 0.5-0.6 lie within 161 km of the gold point
# 31-68 % of the time, those of 0.6-0.7 72-86 %, those of 0.9 and more 85-95 %.
UNCERTAIN_BELOW = 0.6
SMALL_WATER_KM = 200  # a sea, gulf or strait whose box is smaller across than this has precision 2, else 3


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
    # the places it beat, best first: {"name","kind","country","gazetteer_id","distance_km","score"}
    candidates: tuple[dict, ...] = ()
    rule_id: int | None = None  # the reader's rule that placed it, if one did

    @property
    def uncertain(self) -> bool:
        """Say whether the map should draw this mention as doubtful."""
        return self.rule_id is None and self.confidence < UNCERTAIN_BELOW

    def as_json(self) -> dict:
        """Return the JSON form used by `run.py geoparse`: DESIGN.md's keys plus candidates, uncertain, rule_id."""
        d = asdict(self)
        del d["country_code"]
        d["candidates"] = list(self.candidates)
        d["uncertain"] = self.uncertain
        return d


def _focus_codes(focus: Iterable[str] | None, gaz: Gazetteer) -> set[str]:
    codes = set()
    for f in focus or ():
        if len(f) == 2 and f.isalpha():
            codes.add(f.upper())
        else:
            codes.update(p.country for p in gaz.search(f) if p.kind == "country" and p.country)
    return codes


def _keep(c, p, support: float, focus: set[str], context: float = 0.0) -> bool:
    # A weakly attested small place is more often a surname or a common word.
    if p.kind not in _SETTLEMENTS or c.type_word or c.direction or p.country in focus:
        return True
    if any(q.kind == "province" and (q.country, q.admin1) == (p.country, p.admin1) for q, _ in c.places):
        return True  # the town that bears its province's name stands where the province would
    if c.variant and support < 1.0 and context < 1.0:
        return False  # a spelling variant needs the article's other places ("Shaddadi" near Hasakah)
    if len(c.key.split()) == 1 and p.population < 100_000 and support < 1.0 and context < 1.0 and not c.cue \
            and all(f != PRIMARY for q, f in c.places if q is p) and not _transliteration(c, p.name):
        return False  # a one-word former name of a small town ("Wilkinson" for Putnam) is a surname more often
    if c.common and support < 1.0 and not c.cue:
        return p.population >= 100_000
    if p.population >= 20_000 or support >= 1.0 or p.gid.startswith("curated:"):
        return True
    if c.cue:  # "in Tall ad Daman": a village of a country the article is about
        return p.population >= 1_000 or context >= 1.0
    return p.population >= 5_000 and len(c.places) == 1


_ARTICLE = re.compile(r"(?i)^(?:%s)[-' ’]" % "|".join(sorted(ARTICLES, key=len, reverse=True)))


def _transliteration(c: Candidate, name: str) -> bool:
    """Say whether a mention is an Arabic-style transliteration of name ("Al-Bukamal" for Abu Kamal), not another name."""
    return bool(_ARTICLE.match(c.text)) and SequenceMatcher(None, c.key, normalize(name)).ratio() >= 0.6


def rule_key(name: str) -> str:
    """Return the key a reader's rule stores for a name (the geoparser's normalised form)."""
    return normalize(name)


def _field(rule: Any, name: str) -> Any:
    return rule.get(name) if isinstance(rule, Mapping) else getattr(rule, name, None)


def _rule_index(rules: Iterable[Any] | None) -> dict[tuple[str, str], Any]:
    """Index rules by (name_key, country); a later rule for the same pair wins."""
    return {(_field(r, "name_key") or "", (_field(r, "country") or "").upper()): r for r in rules or ()}


def _rule_for(c: Candidate, index: dict, country: str | None) -> Any:
    """Return the rule for this mention in this country context: the country's own first, then any country's."""
    for key in dict.fromkeys((c.key, normalize(c.text))):
        for cc in ((country or "").upper(), ""):
            rule = index.get((key, cc))
            if rule is not None:
                return rule
    return None


def _beaten(r: Resolution) -> tuple[dict, ...]:
    p = r.place
    return tuple({"name": q.name, "kind": q.kind, "country": q.country, "gazetteer_id": q.gid,
                  "distance_km": round(haversine_km(p.lat, p.lon, q.lat, q.lon), 1), "score": round(s, 2)}
                 for s, q in r.beaten)


def _mention(text: str, c: Candidate, p: Place, conf: float, candidates: tuple[dict, ...] = (),
             rule_id: int | None = None) -> ResolvedMention:
    lat, lon, name, kind, gid = p.lat, p.lon, p.name, p.kind, p.gid
    if p.kind in _SETTLEMENTS:
        precision = 2 if (c.near or c.type_word in ("province", "county")) else 1
    elif p.kind == "sea" and p.bbox and haversine_km(*p.bbox[:2], *p.bbox[2:]) < SMALL_WATER_KM:
        precision = 2  # a strait or bay a few tens of km across (the Bosporus) places an event as a town does
    else:
        precision = 3
    if c.direction and p.bbox:
        lat, lon = direction_point(p, c.direction)
        name, kind, gid = f"{c.direction} {p.name}", "region", f"region:{c.direction}:{p.gid}"
    return ResolvedMention(c.start, c.end, text[c.start:c.end], name, lat, lon, kind, precision, conf, gid,
                           p.country, candidates, rule_id)


def geoparse(text: str, *, gazetteer: Gazetteer | None = None, focus: list[str] | None = None,
             demonyms: bool = False, rules: Iterable[Any] | None = None) -> list[ResolvedMention]:
    """Find and resolve the toponyms in text; a reader's rule for a name in this country context wins.

    A rule has ``name_key`` (see rule_key), ``country`` (ISO2, or "" for any), ``action``
    ("place" or "never"), ``gazetteer_id`` and ``id``, as a mapping or attributes.  The country
    context is the article's dominant country as the resolver estimates it.
    """
    gaz = gazetteer or default_gazetteer()
    index = _rule_index(rules)
    cands = recognize(text, gaz, demonyms=demonyms, keep=frozenset(k for k, _ in index))
    codes = _focus_codes(focus, gaz)
    resolved, country = resolve([c for c in cands if c.places], text, codes, gaz.capitals())
    by_cand = {id(r.cand): r for r in resolved}
    out = []
    for c in cands:
        rule = _rule_for(c, index, country) if index else None
        if rule is not None:
            place = gaz.get(_field(rule, "gazetteer_id") or "") if _field(rule, "action") == "place" else None
            if place is not None:
                out.append(_mention(text, c, place, 1.0, rule_id=_field(rule, "id")))
            continue  # "never a place", or a place the geoparser cannot point to: the rule's owner links it
        r = by_cand.get(id(c))
        if r is None or not _keep(c, r.place, r.support, codes, r.context):
            continue
        out.append(_mention(text, c, r.place, r.confidence, _beaten(r)))
    return out


def _articles(inputs: Iterable[str | Path] | None, stdin: IO[str],
              problem: Callable[[str], None] | None) -> Iterator[tuple[str, str]]:
    from geodata.articles import ArticleError, json_lines

    for src in inputs or ["-"]:
        src = str(src)
        if src == "-":
            name = "stdin"
            try:
                data = stdin.read()
            except UnicodeDecodeError as e:
                raise ArticleError(f"stdin: not UTF-8 text (byte {e.start + 1}); send UTF-8") from None
            jsonl = data.lstrip().startswith("{")
            raw = data.encode("utf-8", "surrogateescape")
        else:
            path, name = Path(src), Path(src).name
            raw, jsonl = path.read_bytes(), path.suffix == ".jsonl"
        if not jsonl:
            try:
                yield (Path(src).stem if src != "-" else "stdin"), raw.decode("utf-8")
            except UnicodeDecodeError as e:
                raise ArticleError(f"{name}: not UTF-8 text (byte {e.start + 1}); save the file as UTF-8") from None
            continue
        for number, obj in json_lines(raw.split(b"\n")):
            if not isinstance(obj, ArticleError) and not (isinstance(obj, dict) and isinstance(obj.get("text"), str)):
                obj = ArticleError('expected {"id": ..., "text": "..."}')
            if isinstance(obj, ArticleError):
                if problem is None:
                    raise ArticleError(f"{name}: line {number}: {obj}")
                problem(f"{name}: line {number}: {obj}")
                continue
            yield str(obj.get("id", f"{name}:{number}")), obj["text"]


def geoparse_lines(inputs: Iterable[str | Path] | None = None, *, gazetteer: Gazetteer | None = None,
                   stdin: IO[str] | None = None, demonyms: bool = False,
                   rules: Iterable[Any] | None = None, problem: Callable[[str], None] | None = None) -> Iterator[dict]:
    """Yield {"id", "places"} for each article in .txt/.jsonl files or stdin ("-"), a reader's rules first.

    A bad JSON line goes to problem(message) and the next is read (raises ArticleError with no problem).
    """
    gaz = gazetteer or default_gazetteer()
    rules = list(rules or ())
    for aid, text in _articles(inputs, stdin or sys.stdin, problem):
        yield {"id": aid, "places": [m.as_json() for m in geoparse(text, gazetteer=gaz, demonyms=demonyms, rules=rules)]}
