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
from collections import Counter
from dataclasses import dataclass

from geodata.geoparse.gazetteer import PRIMARY, Place
from geodata.geoparse.lexicon.en import DIRECTIONS
from geodata.geoparse.normalize import normalize
from geodata.geoparse.recognize import Candidate

# A sea has no population: its bonus stands for it, so "Red Sea" is the sea before Sudan's Red Sea
# state (written "Red Sea state" when meant) and the Atlantic before Atlantic, Iowa.
_KIND_BONUS = {"country": 4.0, "continent": 4.0, "province": 1.0, "region": 2.5, "river": 2.5, "sea": 7.0,
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
    """The other mentions' current picks, indexed on grids for fast scoring.

    Duplicate picks (a place named several times) are merged keeping the
    highest weight, which gives the same maxima.  A candidate's support is the
    best of a few yes/no questions ("a pick of weight w within 50 km?"), each
    answered from the few grid cells (as wide as the radius) around it, stopping
    at the first hit, so the cost per candidate does not grow with the number
    of mentions.
    """

    def __init__(self, ctx: list[tuple[Place, float]]):
        best: dict[str, tuple[Place, float]] = {}
        for q, w in ctx:
            if q.gid not in best or best[q.gid][1] < w:
                best[q.gid] = (q, w)
        self.boxes: dict[tuple[int, int], list[tuple[str, tuple, float]]] = {}
        pts: dict[float, list[tuple[float, float, str, float, float, float]]] = {}
        for q, w in best.values():
            if q.bbox and q.kind == "province":
                s, west, n, e = q.bbox
                for i in range(_cell(s, _BOX_CELL), _cell(n, _BOX_CELL) + 1):
                    for j in range(_cell(west, _BOX_CELL), _cell(e, _BOX_CELL) + 1):
                        self.boxes.setdefault((i, j), []).append((q.gid, q.bbox, 1.5 * w))
            if q.kind in _POINTS:
                lat, lon = math.radians(q.lat), math.radians(q.lon)
                pts.setdefault(w, []).append((q.lat, q.lon, q.gid, lat, lon, math.cos(lat)))
        # few picks: one list, scanned whole; many: (support, radius, cell size, grid) questions
        # in order of the support a yes gives
        self.flat = [(gid, w, *row) for w, rows in pts.items() for _, _, gid, *row in rows]
        self.asks = []
        if len(self.flat) > _FLAT:
            for w, rows in pts.items():
                for factor, radius in _BANDS:
                    size = radius / 111.19
                    grid: dict[tuple[int, int], list] = {}
                    for lat, lon, *row in rows:
                        grid.setdefault((_cell(lat, size), _cell(lon, size)), []).append(tuple(row))
                    self.asks.append((w * factor, radius, size, grid))
            self.asks.sort(key=lambda a: -a[0])
        self.memo: dict[str, float] = {}

    def near(self, p: Place) -> float:
        """Return the strongest containment/distance support other picks give p."""
        hit = self.memo.get(p.gid)
        if hit is not None:
            return hit
        best = 0.0
        for gid, box, w in self.boxes.get((_cell(p.lat, _BOX_CELL), _cell(p.lon, _BOX_CELL)), ()):
            if w > best and gid != p.gid and _inside(p, box):
                best = w
        if p.kind in _NEAR_KINDS and not self.asks:
            best = max(best, _scan(p, self.flat, best))
        elif p.kind in _NEAR_KINDS:
            for support, radius, size, grid in self.asks:
                if support <= best:
                    break
                if _within(p, grid, radius, size):
                    best = support
                    break
        self.memo[p.gid] = best
        return best


def _scan(p: Place, rows: list, best: float) -> float:
    """Return the best distance support of the picks in rows for p."""
    p1, l1 = math.radians(p.lat), math.radians(p.lon)
    c1 = math.cos(p1)
    sin, asin, sqrt = math.sin, math.asin, math.sqrt
    for gid, w, p2, l2, c2 in rows:
        if 3.0 * w <= best or gid == p.gid:
            continue
        h = sin((p2 - p1) / 2) ** 2 + c1 * c2 * sin((l2 - l1) / 2) ** 2
        d = 12742.0 * asin(min(1.0, sqrt(h)))
        best = max(best, w * (3.0 if d < 50 else 2.0 if d < 150 else 1.0 if d < 400 else 0.0))
    return best


def _within(p: Place, grid: dict, radius: float, size: float) -> bool:
    """Say whether a pick other than p lies within radius km of p (grid cells `size` degrees wide)."""
    dlon = min(360.0, size / max(0.01, math.cos(math.radians(min(89.0, abs(p.lat) + size)))))
    cols = {_cell(((p.lon + k * size + 180.0) % 360.0) - 180.0, size)
            for k in range(-math.ceil(dlon / size), math.ceil(dlon / size) + 1)}
    return any(_any_within(p, grid.get((i, j), ()), radius)
               for i in range(_cell(p.lat - size, size), _cell(p.lat + size, size) + 1) for j in cols)


def _any_within(p: Place, rows, radius: float) -> bool:
    p1, l1 = math.radians(p.lat), math.radians(p.lon)
    c1 = math.cos(p1)
    sin, asin, sqrt = math.sin, math.asin, math.sqrt
    for gid, p2, l2, c2 in rows:
        if gid == p.gid:
            continue
        # haversine_km, inlined with precomputed radians and cosines
        h = sin((p2 - p1) / 2) ** 2 + c1 * c2 * sin((l2 - l1) / 2) ** 2
        if 12742.0 * asin(min(1.0, sqrt(h))) < radius:
            return True
    return False


def _cell(deg: float, size: float) -> int:
    return math.floor(deg / size)


_FLAT = 64  # up to this many picks a plain scan beats the grid
_BOX_CELL = 2.0  # degrees: the grid of province boxes
_POINTS = ("city", "town", "village", "river", "county")  # picks whose point supports nearby candidates
_NEAR_KINDS = ("city", "town", "village", "county")    # candidates that nearby picks support
_BANDS = ((3.0, 50.0), (2.0, 150.0), (1.0, 400.0))     # support factor for a pick within radius km


def _context_score(p: Place, ctx: _Context, countries: Counter, total: float,
                   own: tuple[str | None, float]) -> float:
    score = 0.0
    if p.country and total:
        score += _COUNTRY_VOTE * (countries.get(p.country, 0.0) - (own[1] if p.country == own[0] else 0.0)) / total
    return score + ctx.near(p)


_BEATEN = 5  # alternatives kept per mention as evidence of doubt


@dataclass
class Resolution:
    """One candidate's chosen place, how sure the choice is, and the alternatives it beat."""

    cand: Candidate
    place: Place
    confidence: float       # 0..1: the logistic of the score margin over the best alternative, damped for weak scores
    support: float          # what the other mentions added to the chosen place's prior
    score: float
    beaten: list[tuple[float, Place]]  # (score, place), best first
    context: float = 0.0    # the other mentions' support for the chosen place, even when it had no rival


_TOWN_SHARE = 0.1  # a town holding this share of its province's listed people is what the province's name means


def _towns_before_their_provinces(scored: list[tuple[float, Place]], key: str) -> list[tuple[float, Place]]:
    """Let a province's same-name town take the province's place.

    A bare "Ibb", "Zinder" or "Kunduz" is the town (ACLED's geo_precision 1): the town takes
    the better of its own and the province's score, the province falls just below it, and
    only its type word ("Kunduz province") brings it back (the recogniser then keeps
    provinces alone).  Not when the town is a small part of the province (Québec, 5 % of
    Quebec's listed people), nor when the town's own main name adds "City" ("New York City"):
    there the bare name is the province.
    """
    provinces = {(p.country, p.admin1): (s, p) for s, p in scored if p.kind == "province"}
    if not provinces:
        return scored
    best: dict[tuple[str | None, str | None], float] = {}
    for s, p in scored:
        k = (p.country, p.admin1)
        if p.kind in ("city", "town") and k in provinces and _stands_for(p, provinces[k][1], key):
            best[k] = max(s, provinces[k][0], best.get(k, s))
    if not best:
        return scored
    out = []
    for s, p in scored:
        k = (p.country, p.admin1)
        if k in best and p.kind == "province":
            s = best[k] - 0.5
        elif k in best and p.kind in ("city", "town") and _stands_for(p, provinces[k][1], key):
            s = best[k]
        out.append((s, p))
    return out


def _stands_for(town: Place, province: Place, key: str) -> bool:
    return town.population >= _TOWN_SHARE * province.population and normalize(town.name) != key + " city"


_ABROAD_SHARE = 1 / 3  # a same-name town elsewhere this populous, relative to the province, is what a bare name means


def _towns_before_provinces_elsewhere(scored: list[tuple[float, Place]], key: str,
                                      primary: set[int]) -> list[tuple[float, Place]]:
    """Rank a province below a same-name town of another province or country that is as big a place.

    "Beni" is the Congolese town, not Bolivia's El Beni department, unless a type word ("Beni
    department") or the article's context says otherwise: the province steps just below the
    town's score and context can still lift it.  Only for a town named so by its main name and
    holding at least a third of the province's listed people (Wyoming, Michigan, with a sixth of
    Wyoming's, stays behind the state).
    """
    towns = [(s, p) for s, p in scored if p.kind in ("city", "town") and p.rowid in primary
             and normalize(p.name) == key]
    if not towns:
        return scored
    out = []
    for s, p in scored:
        if p.kind == "province":
            rivals = [t for t, q in towns if (q.country, q.admin1) != (p.country, p.admin1)
                      and q.population >= _ABROAD_SHARE * p.population]
            if rivals:
                s = min(s, max(rivals) - 0.5)
        out.append((s, p))
    return out


def resolve(cands: list[Candidate], text: str, focus: set[str],
            capitals: frozenset[str] = frozenset()) -> tuple[list[Resolution], str | None]:
    """Return a Resolution per candidate and the article's dominant country (ISO2, or None).

    A national capital wins over its same-country homonyms: a bare "Washington"
    in the news is the capital (or its government), not the state, unless
    written "Washington state" (the type word then keeps only the province);
    "Tehran" is the city, not the province.  Homonyms abroad are unaffected.
    """
    priors = []
    shared: dict[tuple, list[tuple[float, Place]]] = {}  # a name repeated shares one list
    for c in cands:
        sig = (c.key, *((id(p), f) for p, f in c.places))
        sc = shared.get(sig)
        if sc is None:
            scored = [(_prior(p, f) + (2.0 if p.country in focus else 0.0), p) for p, f in c.places]
            cap = {p.country for p, _ in c.places if p.gid in capitals}
            if cap:  # the capital's same-country homonyms (the state, province, small towns) step back
                scored = [(s - _CAPITAL if p.country in cap and p.gid not in capitals else s, p) for s, p in scored]
            scored = _towns_before_their_provinces(scored, c.key)
            scored = _towns_before_provinces_elsewhere(scored, c.key, {p.rowid for p, f in c.places if f == PRIMARY})
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
    return _explain(cands, picks, priors, ctx, countries, total, votes), _dominant(countries)


def _explain(cands, picks, priors, ctx: _Context, countries: Counter, total: float, votes: dict) -> list[Resolution]:
    """Score the best alternatives of each pick in full context and turn the margin into a confidence."""
    out = []
    done: dict[tuple[int, str, str], list[tuple[float, Place]]] = {}
    for c, (s, p), sc in zip(cands, picks, priors):
        k = (id(sc), c.key, p.gid)
        beaten = done.get(k)
        own = votes.get(c.key, (None, 0.0))
        if beaten is None:
            beaten = [(t + _context_score(q, ctx, countries, total, own), q) for t, q in sc if q is not p][:_BEATEN]
            beaten = done[k] = sorted(beaten, key=lambda b: -b[0])
        margin = s - beaten[0][0] if beaten else 3.0
        conf = 1 / (1 + math.exp(-margin)) * min(1.0, 0.5 + s / 12)
        support = s - next(t for t, q in sc if q is p)
        context = support if len(sc) > 1 else _context_score(p, ctx, countries, total, own)
        out.append(Resolution(c, p, round(conf, 3), support, s, beaten, context))
    return out


def _dominant(countries: Counter) -> str | None:
    """Return the country most distinct names voted for, if it has a plurality."""
    ranked = countries.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def direction_point(p: Place, direction: str) -> tuple[float, float]:
    """Return a representative point for "northern X" etc. inside X's box."""
    fy, fx = DIRECTIONS[direction]
    s, w, n, e = p.bbox  # type: ignore[misc]
    return round(s + (n - s) * fy, 5), round(w + (e - w) * fx, 5)
