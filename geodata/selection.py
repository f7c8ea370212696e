"""Choose what a response shows: one page of places (keyset cursor), or the map of one place or article."""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from geodata.geo.geometry import bounds
from geodata.placeindex import dumps, place_index, sort_key
from geodata.service import map_data, place_detail, place_feature
from geodata.store import Store

# Every places listing is paged, so no response is unbounded; a page holds this many features at most.
MAX_LIMIT = 1000
DEFAULT_LIMIT = MAX_LIMIT


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
    """Parse a page size between 1 and MAX_LIMIT (none given: DEFAULT_LIMIT), or raise ValueError."""
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
) -> tuple[list[bytes], str | None]:
    """Return one page of mapped places as serialised Features, and the cursor of the next page (None at the end).

    The whole map's places come from the revision's PlaceIndex (features serialised once, bbox by
    STRtree); one article's few places are built as they are asked for.
    """
    after = decode_cursor(cursor) if cursor else None
    if article is None:
        index = place_index(store)
        chosen, last = index.page(index.in_bbox(bbox), after, limit)
        return [index.feature(i, store) for i in chosen], (encode_cursor(last) if last else None)
    rows = sorted(store.places(bbox=bbox, article=article), key=lambda row: sort_key(row[0]))
    if after is not None:
        rows = [row for row in rows if sort_key(row[0]) > after]
    page = rows[:limit]
    next_cursor = encode_cursor(sort_key(page[-1][0])) if len(rows) > limit else None
    return [dumps(place_feature(p, n)) for p, n in page], next_cursor


def collection_bytes(features: list[bytes], **members: Any) -> bytes:
    """Return a GeoJSON FeatureCollection of serialised Features, with further top-level members."""
    tail = b"".join(b"," + dumps(k) + b":" + dumps(v) for k, v in members.items())
    return b'{"type":"FeatureCollection","features":[' + b",".join(features) + b"]" + tail + b"}"


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
