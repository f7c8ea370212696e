"""The words of the domain: article, passage, place and mention, as plain dataclasses."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# How a mention was tied to its place; curated links win over geoparsed ones.
METHODS = ("curated", "geoparsed", "override")


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

    @property
    def names(self) -> tuple[str, ...]:
        """Return every spelling that names this place, display name first."""
        seen = dict.fromkeys((self.name, *self.aliases, *((self.name_ar,) if self.name_ar else ())))
        return tuple(seen)


@dataclass(frozen=True)
class Passage:
    """A span of an article (a paragraph), by character offsets into its text."""

    article_id: str
    start: int
    end: int


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
