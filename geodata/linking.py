"""Link an article to places: readers' rules first, curated aliases next, then the geoparser.

A reader's rule (geodata.rules) for a name in the article's country context decides that name:
"never" keeps it off the map, "place" links it to its place (method "rule"). Curated records win
over the geoparser: a geoparsed span that overlaps a curated mention is dropped, and a geoparsed
result whose gazetteer id belongs to a curated place is linked to that place. Every step is linear
in the mentions: spans and passages are looked up by bisection, not by scanning.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from geodata.events.annotate import annotate
from geodata.events.timeparse import EventTime, event_time
from geodata.limits import check_count
from geodata.models import Article, Mention, Passage, Place, Rule
from geodata.passages import find_alias_mentions, split_passages
from geodata.places import KINDS
from geodata.rules import RuleBook, dominant_country

Geoparse = Callable[[str], list]  # text -> list of geodata.geoparse.parser.ResolvedMention


@dataclass
class Linked:
    """An article's passages, its mentions and the places it adds to the store."""

    passages: list[Passage]
    mentions: list[Mention] = field(default_factory=list)
    new_places: list[Place] = field(default_factory=list)


def passage_time(article: Article, passage: Passage) -> EventTime:
    """Return when the events of a passage happened, from its words and the article's publication date."""
    return event_time(article.text[passage.start:passage.end], article.published, offset=passage.start)


def split_timed(article: Article) -> list[Passage]:
    """Split an article into passages, each with its event time; raise LimitExceeded beyond MAX_PASSAGES."""
    passages = split_passages(article.id, article.text)
    check_count("passages", len(passages))  # before the event times: they cost more than the split
    return [replace(p, time=passage_time(article, p)) for p in passages]


def slugify(name: str) -> str:
    """Return a URL-safe ASCII slug for a place name ('' when nothing Latin is left)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def place_from_resolution(resolved, slug: str) -> Place:
    """Return a geoparsed Place for a geoparser result, with its gazetteer id as source."""
    return Place(
        slug=slug,
        name=resolved.name,
        kind=resolved.kind if resolved.kind in KINDS else "region",
        precision=resolved.precision,
        geometry={"type": "Point", "coordinates": [round(resolved.lon, 6), round(resolved.lat, 6)]},
        source=f"geoparsed: offline gazetteer entry {resolved.gazetteer_id}",
        gazetteer_id=resolved.gazetteer_id,
        aliases=(resolved.text,) if resolved.text != resolved.name else (),
        country=resolved.country_code,
        origin="geoparsed",
    )


def _unique_slug(resolved, taken: Callable[[str], bool]) -> str:
    base = slugify(resolved.name) or "place"
    candidates = [base, f"{base}-{(resolved.country_code or '').lower()}".rstrip("-"),
                  f"{base}-{slugify(resolved.gazetteer_id)}"]
    for slug in candidates:
        if not taken(slug):
            return slug
    return candidates[-1]


class _Spans:
    """Non-overlapping spans of text, sorted, with an overlap test by bisection."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end)  # spans starting before `end`; only the last can overlap
        return i > 0 and self.ends[i - 1] > start

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


def _inside(passages: list[Passage]) -> Callable[[int, int], bool]:
    """Return a test: does a span lie inside one passage (passages sorted, not overlapping)?"""
    starts = [p.start for p in passages]

    def inside(start: int, end: int) -> bool:
        i = bisect.bisect_right(starts, start) - 1
        return i >= 0 and end <= passages[i].end

    return inside


def _by_rule(mention: Mention, rule: Rule) -> Mention | None:
    """Return the mention as the rule decides it: linked to the rule's place, or None (never a place)."""
    if rule.action == "never" or not rule.place_slug:
        return None
    return replace(mention, place_slug=rule.place_slug, method="rule", confidence=1.0, rule_id=rule.id,
                   candidates=())


def link_article(
    article: Article,
    curated: list[Place],
    *,
    geoparse: Geoparse | None = None,
    rules: Iterable[Rule] = (),
) -> Linked:
    """Split an article into passages and link every place name in it: rules, then curated places, then the rest.

    A geoparsed place is new to this article; the store, inside its write, maps it to the place already
    stored under its gazetteer id or gives it a free slug, so linking reads nothing from the store.
    """
    linked = Linked(split_timed(article))
    inside = _inside(linked.passages)
    book = RuleBook(rules)
    found = [m for m in find_alias_mentions(article.id, article.text, curated) if inside(m.start, m.end)]
    parsed = list(geoparse(article.text)) if geoparse is not None else []
    curated_by_slug = {p.slug: p for p in curated}
    country = dominant_country([curated_by_slug[m.place_slug].country for m in found]
                               + [r.country_code for r in parsed]) if book else ""
    taken = _Spans()
    for alias in found:
        rule = book.find(article.text[alias.start:alias.end], country)
        m = _by_rule(alias, rule) if rule else alias
        taken.add(alias.start, alias.end)  # a never-place name is decided too: nothing else takes its span
        if m is not None:
            linked.mentions.append(m)
    curated_by_gid = {p.gazetteer_id: p for p in curated}
    new_by_gid: dict[str, Place] = {}
    new_slugs: set[str] = set()
    for r in parsed:
        if taken.overlaps(r.start, r.end) or not inside(r.start, r.end):
            continue
        rule = book.find(r.text, country)
        if rule is not None:
            m = _by_rule(Mention(article.id, "", r.start, r.end), rule)
            taken.add(r.start, r.end)  # a never-place name is decided too: nothing else takes its span
            if m is not None:
                linked.mentions.append(m)
            continue
        place = curated_by_gid.get(r.gazetteer_id) or new_by_gid.get(r.gazetteer_id)
        if place is None:
            place = place_from_resolution(r, _unique_slug(r, new_slugs.__contains__))
            new_by_gid[r.gazetteer_id] = place
            new_slugs.add(place.slug)
            linked.new_places.append(place)
        linked.mentions.append(Mention(article.id, place.slug, r.start, r.end, "geoparsed", round(r.confidence, 3),
                                       candidates=tuple(getattr(r, "candidates", ()) or ())))
        taken.add(r.start, r.end)
    linked.mentions.sort(key=lambda m: m.start)
    check_count("mentions", len(linked.mentions))
    return _with_events(article, linked)


def _with_events(article: Article, linked: Linked) -> Linked:
    """Decide each mention's role and each passage's event (geodata.events) before anything is written."""
    linked.passages, linked.mentions = annotate(article, linked.passages, linked.mentions)
    return linked
