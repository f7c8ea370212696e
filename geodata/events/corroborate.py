"""Corroboration: event passages from different articles that report the same event, grouped with their sources.

Two event passages are one reported event when
- they come from different articles,
- their places are the same or within RADIUS_KM of each other (towns and points near towns
  only: a country or a province is too coarse to say two reports are about one event),
- their event times overlap (date ranges, geodata.events.timeparse; a passage with no dating
  words stands at its article's publication date), and
- their event types agree (or one of them is a Strategic development whose kind the text did not tell).
Groups are closed under this relation (single link). "Reported by N sources" counts distinct
publishers (an article's source, else its URL's host, else the article itself), not articles:
two wire copies of one report are one source.

The grouping is computed when read, from what is stored: a reader's correction of a mention
(another place, or not a place) changes the inputs and so undoes the grouping it caused; a
passage listed in `apart` (a reader's "not the same event") never joins a group.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from geopy.distance import geodesic

from geodata.events.cues import STRATEGIC

RADIUS_KM = 5.0
MAX_PRECISION = 2  # ACLED geo-precision: 1 the town, 2 near a town; 3 (region, country) is never grouped


@dataclass(frozen=True)
class EventReport:
    """One event passage as corroboration sees it."""

    article: str
    start: int  # passage offsets in its article
    end: int
    place: str  # slug
    lat: float
    lon: float
    precision: int
    time_start: dt.date
    time_end: dt.date
    type: str
    sub_type: str | None = None
    publisher: str = ""
    url: str = ""
    title: str = ""
    place_name: str = ""

    @property
    def key(self) -> tuple[str, int]:
        """Return the passage's identity: its article and start offset."""
        return (self.article, self.start)

    def source(self) -> str:
        """Return who published it: the normalised source name, else the URL's host, else the article id."""
        name = " ".join(self.publisher.lower().split())
        return name or (urlsplit(self.url).hostname or "").removeprefix("www.") or f"article:{self.article}"


@dataclass
class ReportedEvent:
    """Event passages from several articles that report one event, and who reported it."""

    reports: list[EventReport] = field(default_factory=list)

    @property
    def sources(self) -> list[str]:
        """Return the distinct publishers, in the order first seen."""
        return list(dict.fromkeys(r.source() for r in self.reports))

    def as_dict(self) -> dict:
        """Return the group as JSON: how many sources, the passages that make it up (each with its place,
        event time and type, so a reader sees why they were grouped) and the distance rule."""
        return {
            "source_count": len(self.sources),
            "article_count": len({r.article for r in self.reports}),
            "sources": self.sources,
            "radius_km": RADIUS_KM,
            "reports": [{"article": r.article, "start": r.start, "end": r.end, "place": r.place,
                         "place_name": r.place_name or r.place, "title": r.title, "publisher": r.publisher,
                         "source": r.source(), "url": r.url, "type": r.type,
                         "time": {"start": r.time_start.isoformat(), "end": r.time_end.isoformat()}}
                        for r in self.reports],
        }


def same_event(a: EventReport, b: EventReport) -> bool:
    """Return whether two event passages report one event (see the module's rules)."""
    if a.article == b.article or max(a.precision, b.precision) > MAX_PRECISION:
        return False
    if a.time_start > b.time_end or b.time_start > a.time_end:
        return False
    untold = (a.type == STRATEGIC and not a.sub_type) or (b.type == STRATEGIC and not b.sub_type)
    if a.type != b.type and not untold:
        return False
    return a.place == b.place or geodesic((a.lat, a.lon), (b.lat, b.lon)).km <= RADIUS_KM


def group(reports: Iterable[EventReport], apart: Iterable[tuple[str, int]] = ()) -> list[ReportedEvent]:
    """Return the reported events: groups of two or more articles' passages, each passage in at most one group."""
    items = [r for r in dict.fromkeys(reports)]
    alone = set(apart)
    parent = list(range(len(items)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # sorted by start date, so only reports whose ranges can still overlap are compared
    order = sorted(range(len(items)), key=lambda i: items[i].time_start)
    for n, i in enumerate(order):
        if items[i].key in alone:
            continue
        for j in order[n + 1:]:
            if items[j].time_start > items[i].time_end:
                break
            if items[j].key not in alone and same_event(items[i], items[j]):
                parent[root(j)] = root(i)
    groups: dict[int, ReportedEvent] = {}
    for i, r in enumerate(items):
        groups.setdefault(root(i), ReportedEvent()).reports.append(r)
    return [g for g in groups.values() if len({r.article for r in g.reports}) > 1]


def _is_event_here(passage: dict, slug: str) -> bool:
    return bool(passage.get("event")) and any(m.get("role") == "event" for m in passage["mentions"]
                                              if m.get("place", slug) == slug)


def reported_events(store, place, passages: list[dict]) -> dict[tuple[str, int], dict]:
    """Return, for each of a place's API passages (geodata.service.api_passage) that is part of a
    reported event, that event as JSON, keyed by (article, start)."""
    if place.precision > MAX_PRECISION or not any(_is_event_here(p, place.slug) for p in passages):
        return {}
    from geodata.placeindex import place_index
    from geodata.service import api_passage

    lat, lon = place.anchor
    index = place_index(store)
    near = [r for r in index.rows if r[0] != place.slug and r[3] <= MAX_PRECISION
            and abs(r[5] - lat) < 0.1 and geodesic((lat, lon), (r[5], r[4])).km <= RADIUS_KM]
    found = [(place.slug, place.name, lat, lon, place.precision, p) for p in passages]
    for slug, name, _kind, precision, plon, plat, _geometry, _n in near:
        found += [(slug, name, plat, plon, precision, api_passage(p, slug)) for p in store.passages_of(slug)]
    articles: dict[str, object] = {}
    reports = []
    for slug, name, plat, plon, precision, p in found:
        if not _is_event_here(p, slug):
            continue
        if p["article"] not in articles:
            articles[p["article"]] = store.article(p["article"])
        a = articles[p["article"]]
        when = p.get("time") or {}
        start = dt.date.fromisoformat(when.get("start") or p["published"])
        end = dt.date.fromisoformat(when.get("end") or p["published"])
        reports.append(EventReport(p["article"], p["start"], p["end"], slug, plat, plon, precision, start, end,
                                   p["event"]["type"], p["event"].get("sub_type"), getattr(a, "source", ""),
                                   getattr(a, "url", ""), p["title"], name))
    apart = [(p["article"], p["start"]) for *_, p in found if p.get("apart")]
    out = {}
    for event in group(reports, apart):
        for r in event.reports:
            if r.place == place.slug:
                out[r.key] = event.as_dict()
    return out
