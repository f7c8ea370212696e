"""Link an article to places: curated aliases first, then the geoparser for every other name.

Curated records always win: a geoparsed span that overlaps a curated mention is dropped, and
a geoparsed result whose gazetteer id belongs to a curated place is linked to that place.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from geodata.events.annotate import annotate
from geodata.events.timeparse import EventTime, event_time
from geodata.models import Article, Mention, Passage, Place
from geodata.passages import find_alias_mentions, passage_of, split_passages
from geodata.places import KINDS

Geoparse = Callable[[str], list]  # text -> list of geodata.geoparse.parser.ResolvedMention
PlaceLookup = Callable[[str], Place | None]  # gazetteer id -> stored place


@dataclass
class Linked:
    """An article's passages, its mentions and the places it adds to the store."""

    passages: list[Passage]
    mentions: list[Mention] = field(default_factory=list)
    new_places: list[Place] = field(default_factory=list)


def passage_time(article: Article, passage: Passage) -> EventTime:
    """Return when the events of a passage happened, from its words and the article's publication date."""
    return event_time(article.text[passage.start:passage.end], article.published, offset=passage.start)


def split_timed(article: Article) -> list[Passage]:
    """Split an article into passages, each with its event time."""
    return [replace(p, time=passage_time(article, p)) for p in split_passages(article.id, article.text)]


def slugify(name: str) -> str:
    """Return a URL-safe ASCII slug for a place name ('' when nothing Latin is left)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def place_from_resolution(resolved, slug: str) -> Place:
    """Return a geoparsed Place for a geoparser result, with its gazetteer id as source."""
    return Place(
        slug=slug,
        name=resolved.name,
        kind=resolved.kind if resolved.kind in KINDS else "region",
        precision=resolved.precision,
        geometry={"type": "Point", "coordinates": [round(resolved.lon, 6), round(resolved.lat, 6)]},
        source=f"geoparsed: offline gazetteer entry {resolved.gazetteer_id}",
        gazetteer_id=resolved.gazetteer_id,
        aliases=(resolved.text,) if resolved.text != resolved.name else (),
        country=resolved.country_code,
        origin="geoparsed",
    )


def _unique_slug(resolved, taken: Callable[[str], bool]) -> str:
    base = slugify(resolved.name) or "place"
    candidates = [base, f"{base}-{(resolved.country_code or '').lower()}".rstrip("-"),
                  f"{base}-{slugify(resolved.gazetteer_id)}"]
    for slug in candidates:
        if not taken(slug):
            return slug
    return candidates[-1]


def link_article(
    article: Article,
    curated: list[Place],
    *,
    geoparse: Geoparse | None = None,
    stored_by_gid: PlaceLookup = lambda gid: None,
    slug_taken: Callable[[str], bool] = lambda slug: False,
) -> Linked:
    """Split an article into passages and link every place name in it, curated places first."""
    linked = Linked(split_timed(article))
    inside = lambda start, end: passage_of(linked.passages, start, end) is not None  # noqa: E731
    linked.mentions = [m for m in find_alias_mentions(article.id, article.text, curated) if inside(m.start, m.end)]
    if geoparse is None:
        return _with_events(article, linked)
    curated_by_gid = {p.gazetteer_id: p for p in curated}
    taken = [(m.start, m.end) for m in linked.mentions]
    new_by_gid: dict[str, Place] = {}
    for r in geoparse(article.text):
        if any(r.start < e and s < r.end for s, e in taken) or not inside(r.start, r.end):
            continue
        place = curated_by_gid.get(r.gazetteer_id) or new_by_gid.get(r.gazetteer_id) or stored_by_gid(r.gazetteer_id)
        if place is None:
            new_slugs = {p.slug for p in new_by_gid.values()}
            place = place_from_resolution(r, _unique_slug(r, lambda s: s in new_slugs or slug_taken(s)))
            new_by_gid[r.gazetteer_id] = place
            linked.new_places.append(place)
        linked.mentions.append(Mention(article.id, place.slug, r.start, r.end, "geoparsed", round(r.confidence, 3)))
        taken.append((r.start, r.end))
    linked.mentions.sort(key=lambda m: m.start)
    return _with_events(article, linked)


def _with_events(article: Article, linked: Linked) -> Linked:
    """Decide each mention's role and each passage's event (geodata.events) before anything is written."""
    linked.passages, linked.mentions = annotate(article, linked.passages, linked.mentions)
    return linked
