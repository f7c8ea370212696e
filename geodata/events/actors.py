"""Actors: the armed groups and forces a passage names, from a curated list with sources.

The list is data (geodata/data/actors.json): each actor has a display name, the aliases news
prose uses for it, a kind (state, non-state or generic) and the source of the name (the English
Wikipedia article, or a generic description for unnamed forces). Acronyms written in capitals
("IS", "SDF", "RSF") match only in capitals, so the verb "is" is never the Islamic State; every
other alias matches in any case. The longest alias wins where two overlap ("US-led coalition"
over "coalition").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from geodata import DATA_DIR

ACTORS_FILE = DATA_DIR / "actors.json"


@dataclass(frozen=True)
class Actor:
    """An armed group or force, with the name it is shown under and where that name comes from."""

    name: str
    kind: str  # state | non-state | generic
    source: str


@dataclass(frozen=True)
class ActorMention:
    """A span of a text that names an actor."""

    actor: Actor
    start: int
    end: int


def _is_acronym(alias: str) -> bool:
    return alias.isupper() and len(alias) <= 6


@lru_cache(maxsize=1)
def _matchers() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, Actor]]:
    entries = json.loads(ACTORS_FILE.read_text(encoding="utf-8"))["actors"]
    by_alias: dict[str, Actor] = {}
    for e in entries:
        actor = Actor(e["name"], e["kind"], e["source"])
        for alias in (e["name"], *e["aliases"]):
            by_alias.setdefault(alias if _is_acronym(alias) else alias.lower(), actor)
    exact = sorted((a for a in by_alias if _is_acronym(a)), key=len, reverse=True)
    folded = sorted((a for a in by_alias if not _is_acronym(a)), key=len, reverse=True)

    def compile_(aliases: list[str], flags: int) -> re.Pattern[str]:
        return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(a) for a in aliases) + r")(?![\w-])", flags)

    return compile_(exact, 0), compile_(folded, re.IGNORECASE), by_alias


def all_actors() -> list[Actor]:
    """Return every actor in the curated list, once each."""
    return list(dict.fromkeys(_matchers()[2].values()))


def find_actors(text: str, offset: int = 0) -> list[ActorMention]:
    """Return the non-overlapping spans of text that name an actor, in text order, longest alias first."""
    exact, folded, by_alias = _matchers()
    hits = [(m.start(), m.end(), by_alias[m.group(0)]) for m in exact.finditer(text)]
    hits += [(m.start(), m.end(), by_alias[m.group(0).lower()]) for m in folded.finditer(text)]
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    kept: list[ActorMention] = []
    for start, end, actor in hits:
        if kept and start < kept[-1].end - offset:
            if end - start > kept[-1].end - kept[-1].start:  # a longer name starting inside the last one
                kept[-1] = ActorMention(actor, start + offset, end + offset)
            continue
        kept.append(ActorMention(actor, start + offset, end + offset))
    return kept
