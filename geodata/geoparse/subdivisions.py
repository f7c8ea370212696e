"""First-level subdivisions for the gazetteer index: ISO 3166-2 names tied to GeoNames admin1 codes.

A subdivision (pycountry) is tied to the GeoNames admin1 code its populated places
carry, by the first rule that applies:

0. by ISO code (US, GB) or a curated code table (CA, AU);
1. through the Natural Earth admin-1 polygon of the same name (data/admin_points.json
   names each polygon and the admin1 code most towns inside it carry);
2. through a populated place of the same name (most governorates are named after
   their capital; "Luhanska oblast" after Luhansk);
3. through the Natural Earth polygon of the most similar name ("South Kordofan" =
   "South Kordufan"), if the similarity is 0.8 or more.

One admin1 code is one division: where several subdivisions reach the same code,
the one tied by the earliest rule keeps it (between two capitals, the larger), so
no two divisions share a point.  A division tied by rule 1 or 3 whose towns hold fewer
than 100,000 listed people is named with its type word only ("Abyan governorate",
"Wardak province"): bare, island parishes would shadow towns.  A subdivision's point is the centroid
of its linked polygons, else the midpoint of its towns' box.

A subdivision named only by a position ("Southern", "Western", "North East") is
indexed with its type word only ("Southern Province", "Western Region"): bare, the
word is an adjective far more often than that province.
"""
from __future__ import annotations

import re
from collections import Counter
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from geodata.geoparse.gazetteer import ALTERNATE, PRIMARY, WITH_TYPE_WORD
from geodata.geoparse.normalize import normalize

if TYPE_CHECKING:
    from geodata.geoparse.index_build import Builder

# Words that say what kind of subdivision a name is ("Anhui Sheng", "Amurskaya oblast'"), dropped
# when matching a pycountry subdivision name against a Natural Earth admin-1 name.
_SUBDIV_TYPE = re.compile(r"\b(sheng|zizhiqu|zhuangzu|huizu|uygur|oblast'?|kray|krai|respublika|autonomous okrug|"
                          r"region|province|provincia|state|governorate|muhafazat|wilayat|district|department|"
                          r"departamento|prefecture|county|territory|city)\b")
_POSITION = re.compile(r"^((north|south|east|west)(ern)?|central|upper|lower|middle|coast(al)?|[ -])+$")
_POSITION_ADJ = {"northern": "north", "southern": "south", "eastern": "east", "western": "west"}
_ADJ_SUFFIX = re.compile(r"(?<=\w{3})(s'?ka|s'?kaya|skaja|ka)\b")  # "Luhanska" -> "Luhan"(sk), "Zaporizka" -> "Zaporiz"
_MIN_POP = 100_000
_SIMILAR = 0.8
_CAPITAL_POP = 50_000  # a town this big that names its division is what the bare name means


def subdiv_key(name: str) -> str:
    """Return a loose matching key for a subdivision name (no brackets, type words, spaces or punctuation)."""
    n = normalize(re.sub(r"\s*\[.*?\]|\(.*?\)", "", name))
    n = " ".join(_POSITION_ADJ.get(w, w) for w in _SUBDIV_TYPE.sub("", n).split())
    return re.sub(r"[^a-z]", "", n)


def _stems(name: str) -> list[str]:
    """Return the name, without its type word, and its adjective's stems ("Luhanska oblast" -> "Luhansk")."""
    plain = re.sub(r"\s*\[.*?\]", "", name).strip()
    bare = _SUBDIV_TYPE.sub("", plain.casefold()).strip()
    base = _ADJ_SUFFIX.sub("", bare)
    return [plain, bare] + ([base + "sk", base] if base != bare else [])


def _capital(name: str, cc: str, best_named: dict, towns: dict) -> dict | None:
    """Return the most populous place named like the subdivision or its adjective's stem."""
    stems = _stems(name)
    for cand in stems:
        hit = best_named.get((cc, normalize(cand)))
        if hit:
            return hit
    stem = normalize(stems[-1])
    if len(stems) > 2 and len(stem) >= 5:  # "Zaporizka" -> Zaporizhzhia
        hits = [c for n, c in towns.get(cc, ()) if n.startswith(stem)]
        return max(hits, key=lambda c: c["population"]) if hits else None
    return None


def _similar(key: str, ne: dict[str, list[str]]) -> str | None:
    """Return the one admin1 code whose Natural Earth name is most similar to key, if similar enough."""
    scored = sorted(((SequenceMatcher(None, key, k).ratio(), k) for k in ne), reverse=True)
    if not scored or scored[0][0] < _SIMILAR or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    codes = ne[scored[0][1]]
    return codes[0] if len(codes) == 1 else None


def _best_named(cities: list[dict]) -> dict[tuple[str, str], dict]:
    """Return (cc, normalised name or alternate name) -> the most populous place of that name."""
    best_named: dict[tuple[str, str], dict] = {}
    for c in cities:
        for n in {c["name"], *c["alternatenames"]}:
            k = (c["countrycode"], normalize(n))
            if k not in best_named or best_named[k]["population"] < c["population"]:
                best_named[k] = c
    return best_named


def _ne_names(admin1_pts: dict) -> dict[str, dict[str, list[str]]]:
    """Return per country the admin1 codes of each Natural Earth polygon name (by subdiv_key)."""
    ne_names: dict[str, dict[str, list[str]]] = {}
    for cc, subs in admin1_pts.items():
        for code, pt in subs.items():
            if pt[2]:
                ne_names.setdefault(cc, {}).setdefault(subdiv_key(pt[2]), []).append(code)
    return ne_names


def _around_cities(links: list[tuple], admin1_pts: dict) -> tuple[list[tuple], dict[str, dict]]:
    """Tie the division around a city that is a division of its own to its own polygon.

    "Kyiv" (the city) and "Kyivska oblast" both reach the code of Kyiv's towns through the
    town Kyiv: the division named as the town keeps the code; the other takes the Natural
    Earth polygon of another code named like the town ("Kiev" beside "Kiev City"), if one,
    and the town's spellings with a type word ("Kyiv Oblast").  Returns the links and, per
    moved division's ISO code, the town it is around.
    """
    ne = _ne_names(admin1_pts)
    groups: dict[tuple[str, str], list[tuple]] = {}
    for t in links:
        if t[0] == 2 and t[4]:
            groups.setdefault((t[2].country_code, t[3]), []).append(t)
    moved, around = {}, {}
    for (cc, a1), group in groups.items():
        cap = group[0][4]
        own = [t for t in group if normalize(_stems(t[2].name)[1]) == normalize(cap["name"])]
        if len(group) < 2 or len({t[4]["geonameid"] for t in group}) > 1 or len(own) != 1:
            continue
        keys = {subdiv_key(n) for n in [cap["name"], *cap["alternatenames"]] if n.isascii()}
        others = {c for k in keys for c in ne.get(cc, {}).get(k, []) if c != a1}
        for t in group:
            if t is not own[0] and len(others) == 1:
                moved[id(t)] = (t[0], 0, t[2], others.pop(), None)
                around[t[2].code] = cap
    return [moved.get(id(t), t) for t in links], around


def _links(best_named: dict, extra: dict, admin1_pts: dict) -> list[tuple]:
    """Return (rule, -capital population, sub, admin1, capital or None) per subdivision that can be tied."""
    import pycountry

    ne_names = _ne_names(admin1_pts)
    codes = extra["admin1_codes"]
    towns: dict[str, list[tuple[str, dict]]] = {}
    for (cc, n), c in best_named.items():
        towns.setdefault(cc, []).append((n, c))
    out = []
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None:
            continue
        cc, local = sub.country_code, sub.code.split("-", 1)[1]
        ne = ne_names.get(cc, {})
        cap = _capital(sub.name, cc, best_named, towns)
        by_name = ne.get(subdiv_key(sub.name), [])
        if cc in ("US", "GB") or cc in codes:
            rule, a1 = 0, local if cc in ("US", "GB") else codes[cc].get(local)
        elif len(by_name) == 1:
            rule, a1 = 1, by_name[0]
        elif cap:
            rule, a1 = 2, cap["admin1code"]
        else:
            rule, a1 = 3, next(filter(None, (_similar(subdiv_key(n), ne) for n in _stems(sub.name)[1:])), None)
        if a1:
            out.append((rule, -(cap["population"] if cap else 0), sub, a1,
                        cap if cap and cap["admin1code"] == a1 else None))
    return out


def _typed_names(sub, bases: list[str]) -> list[tuple[str, int]]:
    """Return the division's names with its type words ("Kharkiv Oblast", "Kharkiv Region")."""
    types = {sub.type.casefold(), *(m.group(1) for m in [_SUBDIV_TYPE.search(sub.name.casefold())] if m)}
    bare = [_SUBDIV_TYPE.sub("", b.casefold()).strip() for b in bases]
    return [(f"{b} {t}", ALTERNATE) for b in dict.fromkeys(bare) if b for t in types if t]


def _display(sub) -> tuple[str, bool]:
    """Return the division's name and whether it is a bare position word."""
    name = re.sub(r"\s*\[.*?\]", "", sub.name).strip()
    if _POSITION.match(name.casefold()):
        return f"{name} {sub.type}", True
    return name, False


def add_subdivisions(b: "Builder", cities: list[dict], extra: dict, admin1_pts: dict,
                     us_states: dict[str, str]) -> None:
    """Add the first-level subdivisions to the index being built."""
    from geodata.geoparse.index_build import box, usable_alias

    by_admin: dict[tuple[str, str], list[tuple[float, float]]] = {}
    admin_pop: dict[tuple[str, str], int] = {}
    for c in cities:
        k = (c["countrycode"], c["admin1code"])
        by_admin.setdefault(k, []).append((c["latitude"], c["longitude"]))
        admin_pop[k] = admin_pop.get(k, 0) + c["population"]
    best_named = _best_named(cities)
    links, around = _around_cities(_links(best_named, extra, admin1_pts), admin1_pts)
    links.sort(key=lambda t: t[:2])
    # Several governorates whose capitals share one admin1 code (the West Bank's towns all carry
    # "WE"): the code is a larger unit than any of them, so none takes its point.
    claims = Counter((t[2].country_code, t[3]) for t in links if t[0] == 2)
    taken = {k for k, n in claims.items() if n > 1} - {(t[2].country_code, t[3]) for t in links if t[0] != 2}
    for rule, _, sub, a1, cap in links:
        cc, local = sub.country_code, sub.code.split("-", 1)[1]
        pts = by_admin.get((cc, a1))
        if not pts or (cc, a1) in taken:
            continue
        minor = rule in (1, 3) and admin_pop.get((cc, a1), 0) < _MIN_POP
        taken.add((cc, a1))
        name, positional = _display(sub)
        if cc == "US":
            name = us_states.get(local, name)
        # Only the 3 most outlying places each side are dropped (stray or mis-coded
        # points): a percentage trim would cut the sparse, empty part of big
        # provinces (western New South Wales, northern Ontario) and pull their
        # point towards the populated coast.
        bx = box(pts, outliers=3)
        pt = admin1_pts.get(cc, {}).get(a1)
        names: list[tuple[str, int]] = []
        # the ISO name without its type word ("Hunan" for "Hunan Sheng") and the Natural Earth
        # spelling ("Nangarhar"); with a type word only if a town of the division bears it ("Kharkiv")
        for n in ([] if positional else _stems(sub.name)[:2]) + ([pt[2]] if pt and pt[2] else []):
            town = best_named.get((cc, normalize(n)))
            if n and not _POSITION.match(n.casefold()):
                big = bool(town) and town["admin1code"] == a1 and town["population"] >= _CAPITAL_POP
                names.append((n, WITH_TYPE_WORD if big else ALTERNATE))
                cap = cap or (town if big else None)
        if minor:  # "Abyan governorate", "Wardak province": bare names only with a type word
            names = [(n, WITH_TYPE_WORD) for n, _ in names]
        town = cap or around.get(sub.code)  # the division's own capital, or the city-division it surrounds
        spellings = [] if not town else [n for n in [town["name"], *town["alternatenames"]] if n.isascii() and
                                         SequenceMatcher(None, normalize(n), normalize(town["name"])).ratio() >= 0.6]
        names += _typed_names(sub, [n for n, _ in names] + spellings)  # "Mykolaiv Oblast", "Mykolayiv Region"
        if cap:  # the capital's spellings name the province too ("Deir el-Zour province", "Kharkiv Oblast")
            names += [(n, WITH_TYPE_WORD) for n in [cap["name"], *cap["alternatenames"]] if usable_alias(n)]
        lat, lon = pt[:2] if pt else ((bx[0] + bx[2]) / 2, (bx[1] + bx[3]) / 2)
        b.add(f"iso3166:{sub.code}", name, "province", lat, lon, cc, a1, admin_pop.get((cc, a1), 0), names, bx,
              main_flag=WITH_TYPE_WORD if minor else PRIMARY)
