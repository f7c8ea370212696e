"""Correct the map by hand: override how one span of an article is resolved.

An override names the span (character offsets) and either a stored place (slug) or a
gazetteer entry (id); it replaces whatever mentions overlapped the span and is marked
`override`, so a later look at the data shows it was a human decision.
"""

from __future__ import annotations

from geodata.linking import place_from_resolution, slugify
from geodata.models import Mention, Place
from geodata.store import Store

_SETTLEMENTS = ("city", "town", "village")


class CurationError(ValueError):
    """An override cannot be applied; the message says why."""


class NotFound(LookupError):
    """The article, place or gazetteer entry an override names does not exist."""


def _gazetteer_place(store: Store, gazetteer_id: str, text: str, gazetteer=None) -> Place:
    from types import SimpleNamespace

    from geodata.geoparse.gazetteer import default_gazetteer

    entry = (gazetteer or default_gazetteer()).get(gazetteer_id)
    if entry is None:
        raise NotFound(f"No gazetteer entry {gazetteer_id!r}.")
    resolved = SimpleNamespace(
        name=entry.name, kind=entry.kind, precision=1 if entry.kind in _SETTLEMENTS else 3, lat=entry.lat,
        lon=entry.lon, gazetteer_id=entry.gid, country_code=entry.country, text=text,
    )
    slug = slugify(entry.name) or "place"
    if store.place(slug) is not None:
        slug = f"{slug}-{slugify(entry.gid)}"
    return place_from_resolution(resolved, slug)


def override_mention(
    store: Store, article_id: str, start: int, end: int, *, place: str | None = None,
    gazetteer_id: str | None = None, gazetteer=None,
) -> Mention:
    """Resolve article[start:end] to a stored place or a gazetteer entry, replacing overlapping mentions."""
    article = store.article(article_id)
    if article is None:
        raise NotFound(f"No article with id {article_id!r}.")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(article.text)):
        raise CurationError(f"start and end must be offsets with 0 <= start < end <= {len(article.text)}")
    if (place is None) == (gazetteer_id is None):
        raise CurationError("give exactly one of place (a slug) or gazetteer_id")
    new_place = None
    if place is not None:
        target = store.place(place)
        if target is None:
            raise NotFound(f"No place called {place!r}.")
    else:
        target = store.place_by_gazetteer_id(gazetteer_id) or _gazetteer_place(
            store, gazetteer_id, article.text[start:end], gazetteer)
        if store.place(target.slug) is None:
            new_place = target
    mention = Mention(article_id, target.slug, start, end, "override", 1.0)
    try:
        return store.replace_mentions(mention, new_place)  # the slug a new place got inside the write
    except ValueError as e:
        raise CurationError(str(e)) from None
