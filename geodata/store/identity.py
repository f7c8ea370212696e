"""Which slug a new place is stored under: its identity is its gazetteer id, never its name.

Two places of one name ("Paris" in France and in Texas) get two slugs; the slug is settled inside
the write transaction, so a writer that linked an article before another committed cannot take
(and overwrite) the other's place.
"""

from __future__ import annotations

from collections.abc import Iterator

from geodata.models import Place


def slug_candidates(place: Place) -> Iterator[str]:
    """Yield the slugs a place may take, in order: its own, then with its country, then numbered."""
    yield place.slug
    country = (place.country or "").lower()
    base = place.slug if not country or place.slug.endswith(f"-{country}") else f"{place.slug}-{country}"
    if base != place.slug:
        yield base
    n = 2
    while True:
        yield f"{base}-{n}"
        n += 1
