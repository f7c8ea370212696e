"""Readers' rules: a correction of one name, kept so that later articles resolve it the same way.

A rule holds the name as geodata.geoparse.normalize folds it and the country context of the article
it was made on (its dominant country, or '' when it has none). A rule for the article's own country
wins over one made without a country; "never" keeps the name off the map, "place" links it to the place.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from geodata.geoparse.normalize import normalize
from geodata.models import Rule


def name_key(name: str) -> str:
    """Return the key a rule is found by for a name as it is written."""
    return normalize(name.strip())


def dominant_country(countries: Iterable[str | None]) -> str:
    """Return the country most of an article's places lie in (first named wins a tie), or ''."""
    counts = Counter(c for c in countries if c)
    return counts.most_common(1)[0][0] if counts else ""


class RuleBook:
    """The rules in force, found by name and country context."""

    def __init__(self, rules: Iterable[Rule] = ()) -> None:
        self._by_key = {(r.name_key, r.country): r for r in rules}

    def __bool__(self) -> bool:
        return bool(self._by_key)

    def find(self, name: str, country: str) -> Rule | None:
        """Return the rule for a name in this country context, else the one made without a country."""
        if not self._by_key:
            return None
        key = name_key(name)
        return self._by_key.get((key, country)) or self._by_key.get((key, ""))
