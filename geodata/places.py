"""Curated places: a human-editable GeoJSON file (RFC 7946) that wins over the geoparser."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from geodata import DATA_DIR
from geodata.models import Place

CURATED_PLACES = DATA_DIR / "places.geojson"
KINDS = ("village", "town", "city", "county", "province", "country", "river", "region", "continent")


class PlaceDataError(ValueError):
    """A curated place record is incomplete or malformed."""


def place_from_feature(feature: dict[str, Any], origin: str = "curated") -> Place:
    """Return the Place a GeoJSON Feature describes, checking the fields every place needs."""
    props = feature.get("properties") or {}
    slug = feature.get("id") or props.get("slug")
    missing = [k for k in ("name", "kind", "precision", "source") if props.get(k) in (None, "")]
    if not slug or missing or not feature.get("geometry"):
        raise PlaceDataError(f"place {slug!r} lacks {', '.join(missing) or 'an id or geometry'}")
    if props["kind"] not in KINDS:
        raise PlaceDataError(f"place {slug!r} has unknown kind {props['kind']!r}")
    if props["precision"] not in (1, 2, 3):
        raise PlaceDataError(f"place {slug!r} has precision {props['precision']!r}, expected 1, 2 or 3")
    return Place(
        slug=str(slug),
        name=props["name"],
        kind=props["kind"],
        precision=int(props["precision"]),
        geometry=feature["geometry"],
        source=props["source"],
        gazetteer_id=props.get("gazetteer_id") or f"curated:{slug}",
        aliases=tuple(props.get("aliases") or ()),
        name_ar=props.get("name_ar") or "",
        country=props.get("country"),
        admin1=props.get("admin1"),
        origin=origin,
    )


def load_curated(path: Path = CURATED_PLACES) -> list[Place]:
    """Return the curated places of a GeoJSON FeatureCollection file."""
    collection = json.loads(Path(path).read_text(encoding="utf-8"))
    return [place_from_feature(f) for f in collection["features"]]
