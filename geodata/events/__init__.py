"""What happened, and when: the role of each mention, the event a passage reports, its time.

- roles.py: event or background for each place mention, with the cue words that decided it;
- kinds.py: ACLED event type and sub-type, actors (actors.py) and fatalities (fatalities.py);
- cues.py: the one lexicon of cue words; timeparse.py: event times; corroborate.py: one reported
  event from several sources.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from geodata.events.kinds import describe_event
from geodata.events.roles import BACKGROUND, EVENT, ROLES, Role, assign_roles

__all__ = ["BACKGROUND", "EVENT", "ROLES", "PassageEvents", "Role", "analyse_passage"]


@dataclass(frozen=True)
class PassageEvents:
    """The roles of a passage's mentions (in the order given) and the event it reports, or None."""

    roles: list[Role]
    event: dict | None


def analyse_passage(text: str, spans: list[tuple[int, int]], published: dt.date | str | None = None,
                    offset: int = 0) -> PassageEvents:
    """Return the role of each mention span and the passage's event, every offset shifted by `offset`.

    text is the passage; spans are mention offsets into it. The event is computed from the
    sentences that make a mention an event, so background sentences never type it; a passage
    with no event mention has no event.
    """
    roles = assign_roles(text, spans, published)
    event_sentences = sorted({r.sentence for r in roles if r.role == EVENT})
    event = None
    if event_sentences:
        hits = sorted({h for r in roles if r.role == EVENT for h in r.event_hits}, key=lambda h: h.start)
        event = describe_event(text, event_sentences, hits, offset)
    shifted = [Role(r.role, r.reason, tuple((s + offset, e + offset) for s, e in r.cues),
                    (r.sentence[0] + offset, r.sentence[1] + offset), r.event_hits) for r in roles]
    return PassageEvents(shifted, event)
