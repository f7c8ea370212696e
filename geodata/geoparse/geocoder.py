"""A geopy geocoder over the offline gazetteer, so it can be swapped for Nominatim.

    geocoder = OfflineGeocoder()            # or geopy.geocoders.Nominatim(user_agent=...)
    geocoder.geocode("Raqqa").point
"""
from __future__ import annotations

from geopy.geocoders.base import Geocoder
from geopy.location import Location

from geodata.geoparse.gazetteer import ATTRIBUTION, Gazetteer, Place, default_gazetteer
from geodata.geoparse.resolve import haversine_km

_RANK = {"country": 3, "continent": 3, "province": 2, "region": 2, "river": 2}


def _location(p: Place) -> Location:
    label = ", ".join(x for x in (p.name, p.country) if x)
    return Location(label, (p.lat, p.lon), {"gazetteer_id": p.gid, "kind": p.kind, "country": p.country,
                                           "name": p.name, "population": p.population,
                                           "attribution": ATTRIBUTION})


class OfflineGeocoder(Geocoder):
    """Forward and reverse geocoding from the local gazetteer; no network."""

    def __init__(self, gazetteer: Gazetteer | None = None):
        super().__init__()
        self.gazetteer = gazetteer

    def _gaz(self) -> Gazetteer:
        if self.gazetteer is None:  # open lazily: constructing a geocoder stays cheap
            self.gazetteer = default_gazetteer()
        return self.gazetteer

    def geocode(self, query: str, exactly_one: bool = True, **kwargs) -> Location | list[Location] | None:
        """Return the best match for a place name (or all matches, best first)."""
        places = sorted(self._gaz().search(query), key=lambda p: (-_RANK.get(p.kind, 0), -p.population))
        if not places:
            return None
        return _location(places[0]) if exactly_one else [_location(p) for p in places]

    def reverse(self, query, exactly_one: bool = True, **kwargs) -> Location | list[Location] | None:
        """Return the nearest populated place (or nearby places, nearest first) to (lat, lon)."""
        if hasattr(query, "latitude"):
            lat, lon = query.latitude, query.longitude
        elif isinstance(query, str):
            lat, lon = (float(x) for x in query.split(","))
        else:
            lat, lon = (float(x) for x in query)
        for radius in (0.25, 1.0, 4.0):
            places = self._gaz().nearby(lat, lon, radius)
            if places:
                break
        else:
            return None
        places.sort(key=lambda p: haversine_km(lat, lon, p.lat, p.lon))
        return _location(places[0]) if exactly_one else [_location(p) for p in places[:10]]
