"""Choose one gazetteer entry per recognised candidate, with precision and confidence.

Scoring, per candidate entry (all generic):
- prior: log10 of population, a bonus by feature type (countries, states and
  continents are what a bare name most often means), a bonus for the entry's
  main name over an alternate spelling;
- focus: entries in the caller's focus countries;
- co-occurrence, in a second pass: entries in countries the article's other
  mentions resolved to, and entries close (great-circle distance) to the
  other mentions' points or inside their bounding boxes; "X, Y" where Y is a
  state/country containing the entry.
Distances are computed with the haversine formula: geopy's geodesic would be
correct to a few metres more but is far too slow for thousands of pairs per
article, and 0.5 % does not change a choice.
"""
from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import Counter

from geodata.geoparse.gazetteer import PRIMARY, Place
from geodata.geoparse.recognize import _DIRECTIONS, Candidate

_KIND_BONUS = {"country": 4.0, "continent": 4.0, "province": 1.0, "region": 2.5, "river": 2.5,
               "city": 0.5, "town": 0.0, "village": 0.0}


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


_CAPITAL = 2.0
_MAX_HOMONYMS = 25  # bound the work for names with hundreds of homonyms ("Springfield")
_COUNTRY_VOTE = 4.5  # support for a candidate in the country of all the other names
_MAX_CONTEXT = _COUNTRY_VOTE + 3.0  # the most _context_score can add (country share 1, a town within 50 km)
_PRIORS: dict[tuple, float] = {}


def _prior(p: Place, flag: int) -> float:
    key = (p.gid, p.population, p.kind, flag)  # everything the prior depends on
    hit = _PRIORS.get(key)
    if hit is None:
        if len(_PRIORS) > 200_000:
            _PRIORS.clear()
        hit = _PRIORS[key] = _prior_uncached(p, flag)
    return hit


def _prior_uncached(p: Place, flag: int) -> float:
    return math.log10(p.population + 10) + _KIND_BONUS.get(p.kind, 1.0) + (0.7 if flag == PRIMARY else 0.0) \
        + (1.0 if p.gid.startswith("curated:") else 0.0)


def _inside(p: Place, box: tuple[float, float, float, float]) -> bool:
    s, w, n, e = box
    return s <= p.lat <= n and w <= p.lon <= e


class _Context:
    """The other mentions' current picks, prepared for fast scoring.

    Duplicate picks (a place named several times) are merged keeping the
    highest weight, which gives the same maxima; settlements are sorted by
    latitude so only those within 400 km north-south are measured.
    """

    def __init__(self, ctx: list[tuple[Place, float]]):
        best: dict[str, tuple[Place, float]] = {}
        for q, w in ctx:
            if q.gid not in best or best[q.gid][1] < w:
                best[q.gid] = (q, w)
        self.boxes = [(q.gid, q.bbox, 1.5 * w) for q, w in best.values() if q.bbox and q.kind == "province"]
        pts = sorted((q.lat, q.lon, q.gid, w) for q, w in best.values() if q.kind in _POINTS)
        self.pts = [(gid, w, math.radians(lat), math.radians(lon), math.cos(math.radians(lat)))
                    for lat, lon, gid, w in pts]
        self.lats = [t[0] for t in pts]
        self.memo: dict[str, float] = {}

    def near(self, p: Place) -> float:
        """Return the strongest containment/distance support other picks give p."""
        hit = self.memo.get(p.gid)
        if hit is not None:
            return hit
        best = 0.0
        for gid, box, w in self.boxes:
            if w > best and gid != p.gid and _inside(p, box):
                best = w
        if p.kind in _NEAR_KINDS:
            lo = bisect_left(self.lats, p.lat - _LAT_400KM)
            hi = bisect_right(self.lats, p.lat + _LAT_400KM)
            if lo < hi:
                p1, l1 = math.radians(p.lat), math.radians(p.lon)
                c1 = math.cos(p1)
                sin, asin, sqrt = math.sin, math.asin, math.sqrt
                for gid, w, p2, l2, c2 in self.pts[lo:hi]:
                    if 3.0 * w <= best or gid == p.gid:
                        continue
                    # haversine_km, inlined with precomputed radians and cosines
                    h = sin((p2 - p1) / 2) ** 2 + c1 * c2 * sin((l2 - l1) / 2) ** 2
                    d = 12742.0 * asin(min(1.0, sqrt(h)))
                    best = max(best, w * (3.0 if d < 50 else 2.0 if d < 150 else 1.0 if d < 400 else 0.0))
        self.memo[p.gid] = best
        return best


_POINTS = ("city", "town", "village", "river", "county")  # picks whose point supports nearby candidates
_NEAR_KINDS = ("city", "town", "village", "county")    # candidates that nearby picks support
_LAT_400KM = 400 / 111.19 + 0.01  # degrees of latitude


def _context_score(p: Place, ctx: _Context, countries: Counter, total: float,
                   own: tuple[str | None, float]) -> float:
    score = 0.0
    if p.country and total:
        score += _COUNTRY_VOTE * (countries.get(p.country, 0.0) - (own[1] if p.country == own[0] else 0.0)) / total
    return score + ctx.near(p)


def resolve(cands: list[Candidate], text: str, focus: set[str],
            capitals: frozenset[str] = frozenset()) -> list[tuple[Candidate, Place, float, float]]:
    """Return (candidate, chosen place, confidence, context support) per candidate.

    A national capital wins over its same-country homonyms: a bare "Washington"
    in the news is the capital (or its government), not the state, unless
    written "Washington state" (the type word then keeps only the province);
    "Tehran" is the city, not the province.  Homonyms abroad are unaffected.
    """
    priors = []
    shared: dict[tuple, list[tuple[float, Place]]] = {}  # a name repeated shares one list
    for c in cands:
        sig = tuple((id(p), f) for p, f in c.places)
        sc = shared.get(sig)
        if sc is None:
            scored = [(_prior(p, f) + (2.0 if p.country in focus else 0.0), p) for p, f in c.places]
            cap = {p.country for p, _ in c.places if p.gid in capitals}
            if cap:  # the capital's same-country homonyms (the state, province, small towns) step back
                scored = [(s - _CAPITAL if p.country in cap and p.gid not in capitals else s, p) for s, p in scored]
            # bound the work for names with hundreds of homonyms ("Springfield")
            sc = shared[sig] = sorted(scored, key=lambda t: -t[0])[:_MAX_HOMONYMS]
        priors.append(sc)
    # "X, Y": Y (a state or country) contains X; the strongest co-occurrence there is.
    for i in range(len(cands) - 1):
        a, b = cands[i], cands[i + 1]
        if text[a.end:b.start].strip() == ",":
            boxes = [p for p, _ in b.places if p.kind in ("province", "country")]
            if boxes:
                priors[i] = [(s + (5.0 if any(p.country == q.country and (q.kind == "country" or p.admin1 == q.admin1)
                                             for q in boxes) else 0.0), p) for s, p in priors[i]]
                priors[i].sort(key=lambda t: -t[0])  # kept in prior order (stable for ties)
    picks = [max(sc, key=lambda t: t[0]) for sc in priors]
    for _ in range(2):  # re-score with the other mentions' current picks as context
        raw: list[tuple[Place, float]] = []
        countries: Counter = Counter()
        votes: dict[str, tuple[str | None, float]] = {}  # one vote per distinct name (one sense per discourse)
        for c, (s, p), sc in zip(cands, picks, priors):
            w = 1.0 if len(sc) == 1 else 0.6
            raw.append((p, w))
            if c.key not in votes:
                cc = p.country if p.country and p.kind != "continent" else None
                votes[c.key] = (cc, w)
                if cc:
                    countries[cc] += w
        total = sum(countries.values())
        ctx = _Context(raw)
        new = []
        done: dict[tuple[int, str], tuple[float, Place]] = {}  # same list, same name: same pick
        for c, (s0, p0), sc in zip(cands, picks, priors):
            if len(sc) == 1:
                new.append(sc[0])
                continue
            k = (id(sc), c.key)
            best = done.get(k)
            if best is None:
                own = votes[c.key]  # a name must not vote for itself
                best = None
                for s, p in sc:  # sorted by prior: stop once no context could lift the rest past the best
                    if best is not None and s + _MAX_CONTEXT <= best[0]:
                        break
                    t = (s + _context_score(p, ctx, countries, total, own), p)
                    if best is None or t[0] > best[0]:
                        best = t
                done[k] = best
            new.append(best)
        unchanged = all(a[1] is b[1] for a, b in zip(picks, new))
        picks = new
        if unchanged:
            break  # the context is the one just used: another pass would give the same scores
    out = []
    for c, (s, p), sc in zip(cands, picks, priors):
        others = sorted((t for t, q in sc if q is not p), reverse=True)
        margin = s - others[0] if others else 3.0
        conf = 1 / (1 + math.exp(-margin)) * min(1.0, 0.5 + s / 12)
        support = s - next(t for t, q in sc if q is p)
        out.append((c, p, round(conf, 3), support))
    return out


def direction_point(p: Place, direction: str) -> tuple[float, float]:
    """Return a representative point for "northern X" etc. inside X's box."""
    fy, fx = _DIRECTIONS[direction]
    s, w, n, e = p.bbox  # type: ignore[misc]
    return round(s + (n - s) * fy, 5), round(w + (e - w) * fx, 5)
