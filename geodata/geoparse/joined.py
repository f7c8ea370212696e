"""Runs joined by a connector ("Anne McLellan of Edmonton", "Southern District of Ohio"): whole name or parts.

A run joined by a connector that no gazetteer name covers whole is read as its parts.  A part
that ends in an institution's head word and comes before "of" ("Southern District of Ohio",
"University of Texas", "Central Bank of Nigeria") names the institution, never a place: its
head word is dropped, and what stands before it ("Indiana Department of ...") and what follows
"of" may be places.  Such a run is read as its parts even when a
gazetteer name covers it whole, if every entry of that name is a settlement (GeoNames lists
campuses as populated places: "University of Texas"); a division, country or sea of that name
("District of Columbia", "Gulf of Aden") keeps the whole run.
"""
from __future__ import annotations

from geodata.geoparse.gazetteer import ALTERNATE, EXACT_CASE, PRIMARY, Gazetteer, Place
from geodata.geoparse.lexicon import en
from geodata.geoparse.normalize import normalize

Token = tuple[int, int, str]
_SETTLEMENTS = ("city", "town", "village")


def _institution_before_of(run: list[Token]) -> bool:
    return any(t[2] == "of" and run[i - 1][2].casefold() in en.INSTITUTIONS for i, t in enumerate(run) if i)


def _parts(run: list[Token]) -> list[list[Token]]:
    out, part = [], []
    for i, t in enumerate(run):
        if t[2] in en.CONNECTORS:
            if t[2] == "of" and part and part[-1][2].casefold() in en.INSTITUTIONS:
                part = part[:-1]  # "Indiana Department of ...": Indiana, and what follows "of"
            if part:
                out.append(part)
            part = []
        else:
            part.append(t)
    if part:
        out.append(part)
    return out


def split_joined(text: str, runs: list[list[Token]], gaz: Gazetteer) -> list[list[Token]]:
    """Return runs with the joined ones that no gazetteer name covers whole replaced by their parts."""
    joined = [r for r in runs if len(r) > 2 and any(t[2] in en.CONNECTORS for t in r[1:-1])]
    if not joined:
        return runs
    gaz.prefetch(normalize(text[r[0][0]:r[-1][1]]) for r in joined)
    out = []
    for run in runs:
        if len(run) > 2 and any(t[2] in en.CONNECTORS for t in run[1:-1]):
            whole = gaz.lookup(normalize(text[run[0][0]:run[-1][1]]))
            if not whole or (_institution_before_of(run) and all(p.kind in _SETTLEMENTS for p, _ in whole)):
                out.extend(_parts(run))
                continue
        out.append(run)
    return out


_LEADING_KINDS = ("country", "province", "county", "region")


def leading_keys(text: str, run: list[Token]) -> list[str]:
    """Return the lookup keys leading_place may ask for (to prefetch them with the rest)."""
    return [normalize(text[run[0][0]:run[k - 1][1]]) for k in range(min(len(run) - 1, 3), 0, -1)]


def leading_place(text: str, run: list[Token], gaz: Gazetteer, given: frozenset[str],
                  common: frozenset[str]) -> tuple[int, list[tuple[Place, int]]]:
    """Return how many leading words of an unmatched run name divisions or countries, and those entries.

    "Texas Forest Service", "Laurel County Fiscal Court", "Gaza Health Ministry": a name no
    gazetteer entry covers whole that starts with a country's or a division's name is named
    after it, and that part is the place.  Not a person's name ("Georgia Smith": a given name
    first, two or three words), nor an English word ("Delta Air Lines") unless a country's name.
    """
    if run[0][2].casefold() in given and len(run) <= 3:
        return 0, []
    for k in range(min(len(run) - 1, 3), 0, -1):
        if any(t[2] in en.CONNECTORS for t in run[:k]):
            continue
        key = normalize(text[run[0][0]:run[k - 1][1]])
        hits = [(p, f) for p, f in gaz.lookup(key) if p.kind in _LEADING_KINDS and f in (PRIMARY, ALTERNATE, EXACT_CASE)
                and (p.kind == "country" or key not in common)]
        if hits:
            return k, hits
    return 0, []
