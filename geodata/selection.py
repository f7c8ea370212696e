"""Choose what a response shows: one page of places (keyset cursor), or the map of one place or article."""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from geodata.geo.geometry import bounds
from geodata.models import Place
from geodata.service import map_data, place_detail, place_feature
from geodata.store import Store

MAX_LIMIT = 1000
DEFAULT_LIMIT = 100


def _key(place: Place) -> tuple[int, str, str]:
    """Return the stable sort key of the places list: precision, name, then slug to break ties."""
    return (place.precision, place.name, place.slug)


def encode_cursor(key: tuple[int, str, str]) -> str:
    """Return an opaque cursor that resumes the list after key."""
    raw = json.dumps(list(key), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str) -> tuple[int, str, str]:
    """Return the key a cursor holds, or raise ValueError when it is not one this API made."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        value = json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise ValueError("cursor is not valid: use the 'next' link of a previous page") from None
    if not (isinstance(value, list) and len(value) == 3 and type(value[0]) is int
            and isinstance(value[1], str) and isinstance(value[2], str)):
        raise ValueError("cursor is not valid: use the 'next' link of a previous page")
    return value[0], value[1], value[2]


def parse_limit(text: str | None) -> int:
    """Parse a page size between 1 and MAX_LIMIT, or raise ValueError saying what is wrong."""
    if text is None or text == "":
        return DEFAULT_LIMIT
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= MAX_LIMIT:
        raise ValueError(f"limit must be a whole number from 1 to {MAX_LIMIT}")
    return int(text)


def places_page(
    store: Store,
    *,
    limit: int,
    cursor: str | None = None,
    bbox: tuple[float, float, float, float] | None = None,
    article: str | None = None,
) -> tuple[dict[str, Any], str | None]:
    """Return one page of mapped places as a FeatureCollection and the cursor of the next page (None at the end)."""
    after = decode_cursor(cursor) if cursor else None
    rows = sorted(store.places(bbox=bbox, article=article), key=lambda row: _key(row[0]))
    if after is not None:
        rows = [row for row in rows if _key(row[0]) > after]
    page = rows[:limit]
    next_cursor = encode_cursor(_key(page[-1][0])) if len(rows) > limit else None
    collection = {"type": "FeatureCollection", "features": [place_feature(p, n) for p, n in page]}
    return collection, next_cursor


def place_map_data(store: Store, slug: str) -> dict[str, Any] | None:
    """Return the map data (as map_data) of one place alone, or None when there is no such place."""
    feature = place_detail(store, slug)
    if feature is None:
        return None
    place = store.place(slug)
    return {"type": "FeatureCollection", "features": [feature], "bbox": bounds([place]) if place else None}


def article_map_data(store: Store, article_id: str) -> dict[str, Any] | None:
    """Return the map data of one article: its places, each with only that article's passages."""
    if store.article(article_id) is None:
        return None
    data = map_data(store, article=article_id)
    for feature in data["features"]:
        props = feature["properties"]
        props["passages"] = [p for p in props["passages"] if p["article"] == article_id]
        props["passage_count"] = len(props["passages"])
    return data
