"""Rows to the domain's objects and back: every column written is a field the domain computed."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import Row

from geodata.events.timeparse import EventTime
from geodata.models import Mention, Passage, Place, Rule

_POINT = '{"type": "Point"'  # how json.dumps writes a point's geometry: no need to decode it


def place_row(place: Place) -> dict[str, Any]:
    """Return a place as column values, with the marker point it carries."""
    lat, lon = place.anchor
    return {
        "slug": place.slug, "name": place.name, "kind": place.kind, "precision": place.precision,
        "geometry": json.dumps(place.geometry), "lat": lat, "lon": lon, "source": place.source,
        "gazetteer_id": place.gazetteer_id, "aliases": json.dumps(list(place.aliases), ensure_ascii=False),
        "name_ar": place.name_ar, "country": place.country, "admin1": place.admin1, "origin": place.origin,
    }


def place_of(row: Row) -> Place:
    """Return the Place of a places row; its marker point comes from the row, not from the geometry again."""
    place = Place(
        slug=row.slug, name=row.name, kind=row.kind, precision=row.precision, geometry=json.loads(row.geometry),
        source=row.source, gazetteer_id=row.gazetteer_id, aliases=tuple(json.loads(row.aliases)),
        name_ar=row.name_ar, country=row.country, admin1=row.admin1, origin=row.origin,
    )
    place.__dict__["anchor"] = (row.lat, row.lon)  # fills the cached_property
    return place


def marker_geometry(geometry: str) -> str | None:
    """Return a geometry's JSON for the map's compact rows, or None for a point (drawn from lon/lat)."""
    if geometry.startswith(_POINT) or json.loads(geometry).get("type") == "Point":
        return None
    return geometry


def passage_row(article_id: str, passage: Passage) -> dict[str, Any]:
    """Return a passage as column values: its span, the event time and the event the domain found in it."""
    t = passage.time
    return {
        "article_id": article_id, "start": passage.start, "end": passage.end,
        "event_start": t.start.isoformat() if t else None, "event_end": t.end.isoformat() if t else None,
        "time_precision": t.precision if t else None, "time_start": t.text_start if t else None,
        "time_end": t.text_end if t else None, "time_since": t.since if t else None, "event": passage.event,
    }


def event_time_of(row: Row) -> EventTime | None:
    """Return the EventTime stored in a passages row, exactly as the domain computed it."""
    if row.event_start is None:
        return None
    return EventTime(dt.date.fromisoformat(row.event_start), dt.date.fromisoformat(row.event_end),
                     row.time_precision, row.time_start, row.time_end, bool(row.time_since))


def event_dict(row: Row) -> dict[str, Any]:
    """Return a passage row's event time for JSON: range, precision, label and its verbatim dating words."""
    when = event_time_of(row)
    if when is None:
        return {"start": None, "end": None, "precision": row.time_precision, "label": None,
                "text_start": row.time_start, "text_end": row.time_end, "words": None}
    return {**when.as_dict(), "words": row.words}


def mention_row(mention: Mention, passage_id: int, place_slug: str) -> dict[str, Any]:
    """Return a mention as column values."""
    return {
        "article_id": mention.article_id, "place_slug": place_slug, "passage_id": passage_id,
        "start": mention.start, "end": mention.end, "method": mention.method, "confidence": mention.confidence,
        "role": mention.role, "role_cues": [list(c) for c in mention.role_cues],
        "candidates": list(mention.candidates), "rule_id": mention.rule_id,
    }


def mention_of(row: Row) -> Mention:
    """Return the Mention of a mentions row."""
    return Mention(row.article_id, row.place_slug, row.start, row.end, row.method, row.confidence,
                   role=row.role, role_cues=tuple(tuple(c) for c in row.role_cues),
                   candidates=tuple(row.candidates), rule_id=row.rule_id)


def mention_detail(row: Row) -> dict[str, Any]:
    """Return a mention row for JSON: span, how it was placed, its role, the places it beat, its rule."""
    return {"start": row.start, "end": row.end, "method": row.method, "confidence": row.confidence,
            "role": row.role, "role_cues": [list(c) for c in row.role_cues], "candidates": list(row.candidates),
            "rule": row.rule_id}


def rule_row(rule: Rule) -> dict[str, Any]:
    """Return a rule as column values (its id is the database's)."""
    return {"name_key": rule.name_key, "country": rule.country, "action": rule.action,
            "place_slug": rule.place_slug, "gazetteer_id": rule.gazetteer_id, "note": rule.note,
            "created_at": rule.created_at}


def rule_of(row: Row) -> Rule:
    """Return the Rule of a rules row."""
    return Rule(row.name_key, row.country, row.action, row.place_slug, row.gazetteer_id, row.note, row.id,
                row.created_at)
