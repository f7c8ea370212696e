"""The words of the domain: article, passage, place and mention, as plain dataclasses."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from geodata.events.timeparse import EventTime

# How a mention was tied to its place; curated links win over geoparsed ones; "rule": a reader's
# correction (a Rule) decided it.
METHODS = ("curated", "geoparsed", "override", "rule")
# What a mention's place is to its passage: where something happened, or only background.
ROLES = ("event", "background")
# What a reader's rule does with a name: always this place, or never a place.
RULE_ACTIONS = ("place", "never")


@dataclass(frozen=True)
class Article:
    """A news text as ingested; immutable once stored."""

    id: str
    title: str
    text: str
    published: str  # ISO date, YYYY-MM-DD
    source: str = ""
    url: str = ""
    language: str = "en"
    credit: str = ""

    def metadata(self) -> dict[str, str]:
        """Return every field but the text, for listings and JSON."""
        return {"id": self.id, "title": self.title, "published": self.published, "source": self.source,
                "url": self.url, "language": self.language, "credit": self.credit}


@dataclass(frozen=True)
class Place:
    """A location with a stable slug, a geometry and the provenance of its coordinates."""

    slug: str
    name: str
    kind: str
    precision: int  # 1 the town itself, 2 near a town / part of a region, 3 region or country
    geometry: dict[str, Any]  # GeoJSON geometry, [lon, lat]
    source: str
    gazetteer_id: str
    aliases: tuple[str, ...] = ()
    name_ar: str = ""
    country: str | None = None
    admin1: str | None = None
    origin: str = "curated"  # curated | geoparsed

    @cached_property
    def anchor(self) -> tuple[float, float]:
        """Return the (lat, lon) where the place's marker goes, computed once from its geometry."""
        from geodata.geo.geometry import marker_point  # geometry needs shapely; most places are points

        return marker_point(self.geometry)

    @property
    def names(self) -> tuple[str, ...]:
        """Return every spelling that names this place, display name first."""
        seen = dict.fromkeys((self.name, *self.aliases, *((self.name_ar,) if self.name_ar else ())))
        return tuple(seen)


@dataclass(frozen=True)
class Passage:
    """A span of an article (a paragraph), by character offsets into its text, with what the domain
    found in it: its event time (geodata.events.timeparse) and the event it reports (geodata.events)."""

    article_id: str
    start: int
    end: int
    time: EventTime | None = field(default=None, compare=False)
    # {"type", "sub_type", "fatalities", "actors", "cues": [{"start", "end"}]}, ACLED event types
    event: dict[str, Any] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Mention:
    """A span of an article that names a place."""

    article_id: str
    place_slug: str
    start: int
    end: int
    method: str = "curated"
    confidence: float = 1.0
    extra: dict[str, Any] = field(default_factory=dict, compare=False)
    role: str = "event"  # one of ROLES
    role_cues: tuple[tuple[int, int], ...] = ()  # article offsets of the words that decided the role
    # the places it beat: {"name", "kind", "country", "gazetteer_id", "distance_km", "score"}
    candidates: tuple[dict[str, Any], ...] = field(default=(), hash=False)
    rule_id: int | None = None  # the reader's rule that placed it (method "rule")


@dataclass(frozen=True)
class Rule:
    """A reader's correction, kept for later articles: this name, in this country context, is this
    place (action "place") or never a place (action "never")."""

    name_key: str  # the name as geodata.geoparse.normalize.normalize gives it
    country: str  # ISO 3166-1 alpha-2 of the article's dominant country, or ''
    action: str  # one of RULE_ACTIONS
    place_slug: str | None = None
    gazetteer_id: str | None = None
    note: str = ""
    id: int | None = None
    created_at: str = ""
