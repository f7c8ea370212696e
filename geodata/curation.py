"""Correct the map by hand: say how one span of an article resolves, once for good.

A correction names the span (character offsets) and either a stored place (slug), a gazetteer
entry (id) or "not a place". It replaces whatever mentions overlapped the span (marked `override`,
so the data shows it was a human decision) and records a rule (geodata.rules): the same name in
the same country context resolves the same way in every later article. Both are one write.
"""

from __future__ import annotations

import datetime as dt

from geodata.linking import place_from_resolution, slugify
from geodata.models import Mention, Place, Rule
from geodata.rules import dominant_country, name_key
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
    # the store settles the final slug inside the write (another place may hold this one by then)
    return place_from_resolution(resolved, slugify(entry.name) or "place")


def article_country(store: Store, article_id: str, *, besides: tuple[int, int] | None = None) -> str:
    """Return the dominant country of an article's mapped places (leaving out one span), or ''."""
    slugs = [m.place_slug for m in store.mentions_of(article_id)
             if besides is None or m.end <= besides[0] or m.start >= besides[1]]
    country = {slug: (p.country if (p := store.place(slug)) else None) for slug in set(slugs)}
    return dominant_country(country[s] for s in slugs)


def override_mention(
    store: Store, article_id: str, start: int, end: int, *, place: str | None = None,
    gazetteer_id: str | None = None, not_a_place: bool = False, gazetteer=None,
) -> Mention | None:
    """Resolve article[start:end] to a stored place, a gazetteer entry or no place, replacing overlapping
    mentions and recording the rule later articles follow; return the new mention (None: not a place)."""
    article = store.article(article_id)
    if article is None:
        raise NotFound(f"No article with id {article_id!r}.")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(article.text)):
        raise CurationError(f"start and end must be offsets with 0 <= start < end <= {len(article.text)}")
    if (place is not None) + (gazetteer_id is not None) + bool(not_a_place) != 1:
        raise CurationError("give exactly one of place (a slug), gazetteer_id or not_a_place")
    name = article.text[start:end]
    key = name_key(name)
    if not key:
        raise CurationError("the span holds no name to make a rule of")
    rule = Rule(key, article_country(store, article_id, besides=(start, end)), "never",
                note=f"from {article_id}[{start}:{end}] {name!r}",
                created_at=dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"))
    try:
        if not_a_place:
            store.remove_mentions(article_id, start, end, rule=rule)
            return None
        new_place = None
        if place is not None:
            target = store.place(place)
            if target is None:
                raise NotFound(f"No place called {place!r}.")
        else:
            target = store.place_by_gazetteer_id(gazetteer_id) or _gazetteer_place(store, gazetteer_id, name, gazetteer)
            if store.place(target.slug) is None or store.place(target.slug).gazetteer_id != target.gazetteer_id:
                new_place = target
        rule = Rule(rule.name_key, rule.country, "place", target.slug, target.gazetteer_id, rule.note,
                    created_at=rule.created_at)
        # the slug a new place got inside the write, and the rule's id
        from geodata.events.annotate import mention_role

        role, cues = mention_role(article, start, end)  # a reader's new mention is read in its passage
        mention = Mention(article_id, target.slug, start, end, "override", 1.0, role=role, role_cues=cues)
        return store.replace_mentions(mention, new_place, rule=rule)
    except ValueError as e:
        raise CurationError(str(e)) from None


def rule_json(rule: Rule) -> dict[str, object]:
    """Return a rule as JSON-ready values (the API's and `rules export`'s one shape)."""
    return {"id": rule.id, "name_key": rule.name_key, "country": rule.country, "action": rule.action,
            "place": rule.place_slug, "gazetteer_id": rule.gazetteer_id, "note": rule.note,
            "created_at": rule.created_at}


def keep_apart(store: Store, article_id: str, start: int, apart: bool = True) -> None:
    """Record a reader's "not the same event": the passage at `start` joins no reported event (apart=False undoes it)."""
    if store.article(article_id) is None:
        raise NotFound(f"No article with id {article_id!r}.")
    if not store.set_apart(article_id, start, apart):
        raise NotFound(f"Article {article_id!r} has no passage starting at offset {start}.")
