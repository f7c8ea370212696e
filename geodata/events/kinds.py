"""What kind of event a passage reports: ACLED event type and sub-type, actors and fatalities.

Rules, in order (the words come from geodata.events.cues; every decision keeps its cue words):

1. A cue counts unless a modal or conditional word comes before it in its clause ("could
   explain the slow final push", "threatened to attack") or a negation just before it
   ("no fighting was reported").
2. Territory changing hands is a battle: "Government regains territory" when the force that took
   it is a state force (or the words say it was taken back: "recaptured", "retook"), "Non-state
   actor overtakes territory" when it is a non-state group ("fell to the SDF"); the sub-type
   stays unset when the text names no one.
3. Demonstrations: when protesters turn violent (stones, arson, clashes with police) it is
   Riots/Violent demonstration; when they are shot at, Protests/Excessive force against
   protesters; dispersed, beaten or arrested, Protests/Protest with intervention; else a
   Peaceful protest.
4. Otherwise the strongest cue decides, in the order of cues.EVENT_CUES: armed clashes, then
   explosions and remote violence (suicide bomb, chemical weapon, IED, air or drone strike,
   shelling, grenade), then violence against civilians (sexual violence, abduction, attack), mob
   violence, front lines and sieges, then strategic developments (agreement, arrests, looting,
   base established, withdrawal, disrupted weapons, change to a group). So an air strike that
   kills civilians is Explosions/Remote violence, as ACLED codes it.
5. Words that report something happening without its kind ("took place", "fled", "killed")
   make a Strategic development with the sub-type unset.

Actors are the named forces (geodata.events.actors): the one that acted comes first (named
after "to"/"by" following the deciding cue, else the nearest before it), the others in text order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geodata.events import cues as C
from geodata.events.actors import ActorMention, find_actors
from geodata.events.fatalities import fatalities

_CLAUSE_BREAK = re.compile(r"[;:]|,\s+(?:but|while|and|as|after|before|when)\s|\bbut\b|\bwhile\b")


@dataclass(frozen=True)
class CueHit:
    """A cue found in a text: its rank in cues.EVENT_CUES (None for a generic cue) and its offsets."""

    rank: int | None
    start: int
    end: int

    @property
    def cue(self) -> C.Cue | None:
        """Return the typed cue, or None for a generic one."""
        return None if self.rank is None else C.EVENT_CUES[self.rank]


def _clause_start(text: str, pos: int, floor: int) -> int:
    starts = [m.end() for m in _CLAUSE_BREAK.finditer(text, floor, pos)]
    return starts[-1] if starts else floor


def _counts(text: str, start: int, floor: int) -> bool:
    """Return whether a cue at start reports something that happened (not modal, not negated)."""
    clause = text[_clause_start(text, start, floor):start]
    if C.MODAL.search(clause):
        return False
    return not C.NEGATION.search(" ".join(text[max(floor, start - 24):start].split()[-2:]))


def find_cues(text: str, start: int = 0, end: int | None = None) -> list[CueHit]:
    """Return the event cues in text[start:end] that count, typed ones first-ranked where two overlap."""
    end = len(text) if end is None else end
    hits: list[CueHit] = []
    for rank, cue in enumerate(C.EVENT_CUES):
        hits += [CueHit(rank, m.start(), m.end()) for m in cue.pattern.finditer(text, start, end)]
    hits += [CueHit(None, m.start(), m.end()) for m in C.GENERIC_EVENT.finditer(text, start, end)]
    kept: list[CueHit] = []
    for h in sorted(hits, key=lambda h: (h.rank is None, h.rank or 0, h.start)):
        if not any(h.start < k.end and k.start < h.end for k in kept) and _counts(text, h.start, start):
            kept.append(h)
    return sorted(kept, key=lambda h: h.start)


def _agent(text: str, hit: CueHit, actors: list[ActorMention]) -> ActorMention | None:
    """Return the actor that did what the cue says: named right after 'to'/'by', else the nearest before it."""
    after = C.AGENT_AFTER.match(text, hit.end) or re.compile(r"\s+(?:the\s+)?").match(text, hit.end)
    if after:  # "captured by rebels", "fell to the SDF"
        for a in actors:
            if a.start == after.end():
                return a
    before = [a for a in actors if a.end <= hit.start]
    return before[-1] if before else None


def _territory(text: str, hit: CueHit, actors: list[ActorMention]) -> str | None:
    agent = _agent(text, hit, actors)
    if agent is not None:
        return "Government regains territory" if agent.actor.kind == "state" else "Non-state actor overtakes territory"
    return "Government regains territory" if hit.cue.sub_type == "Government regains territory" else None


def _demonstration(text: str, spans: list[tuple[int, int]]) -> tuple[str, str, list[tuple[int, int]]]:
    for pattern, kind, sub in ((C.DEMO_VIOLENT, C.RIOTS, "Violent demonstration"),
                               (C.DEMO_LETHAL, C.PROTESTS, "Excessive force against protesters"),
                               (C.DEMO_INTERVENTION, C.PROTESTS, "Protest with intervention")):
        found = [m.span() for s, e in spans for m in pattern.finditer(text, s, e)]
        if found:
            return kind, sub, found
    return C.PROTESTS, "Peaceful protest", []


def classify(text: str, hits: list[CueHit], spans: list[tuple[int, int]],
             actors: list[ActorMention]) -> tuple[str, str | None, CueHit | None, list[tuple[int, int]]]:
    """Return (type, sub-type, the deciding cue, extra cue spans) for the cues of an event passage."""
    typed = [h for h in hits if h.rank is not None]
    territory = [h for h in typed if h.cue.type == C.BATTLES and h.cue.sub_type in ("territory", "Government regains territory")]
    if territory:
        return C.BATTLES, _territory(text, territory[0], actors), territory[0], []
    demo = [h for h in typed if h.cue.type in (C.PROTESTS, C.RIOTS) and h.cue.sub_type != "Mob violence"]
    if any(h.cue.type == C.PROTESTS for h in demo) or (demo and not [h for h in typed if h.cue.type != C.RIOTS]):
        kind, sub, extra = _demonstration(text, spans)
        return kind, sub, demo[0], extra
    mob = [h for h in typed if h.cue.sub_type == "Mob violence"]
    if mob:  # what a mob does is mob violence, whoever it attacks
        return C.RIOTS, "Mob violence", mob[0], []
    disrupted = [h for h in typed if h.cue.sub_type == "Disrupted weapons use"]
    if disrupted and fatalities(" ".join(text[s:e] for s, e in spans)) is None:
        return C.STRATEGIC, "Disrupted weapons use", disrupted[0], []  # "defused a bomb": the bomb never went off
    if typed:
        best = min(typed, key=lambda h: (h.rank, h.start))
        return best.cue.type, best.cue.sub_type, best, []
    return C.STRATEGIC, None, (hits[0] if hits else None), []


def _named_first(text: str, actors: list[ActorMention]) -> list[ActorMention]:
    """Drop generic names that restate a named actor: "Boko Haram militants", "the army" beside "Ukrainian troops"."""
    named_kinds = {a.actor.kind for a in actors if a.actor.kind != "generic" and not a.actor.source.startswith("generic")}
    kept = []
    for a in actors:
        generic = a.actor.source.startswith("generic")
        if generic and kept and not text[kept[-1].end:a.start].strip():
            continue  # directly after a named actor: part of its name
        if generic and a.actor.kind == "state" and "state" in named_kinds:
            continue
        kept.append(a)
    return kept


def ordered_actors(text: str, decisive: CueHit | None, actors: list[ActorMention]) -> list[str]:
    """Return the distinct actor names, the one that acted first."""
    actors = _named_first(text, actors)
    first = _agent(text, decisive, actors) if decisive is not None else None
    names = [first.actor.name] if first else []
    for a in actors:
        if a.actor.name not in names:
            names.append(a.actor.name)
    return names


def describe_event(text: str, spans: list[tuple[int, int]], hits: list[CueHit], offset: int = 0) -> dict:
    """Return the event of a passage: {type, sub_type, fatalities, actors, cues}, from its event sentences.

    spans are the sentences (offsets into text) that report the event; hits their cues; offset
    is added to every cue offset so they index the whole article.
    """
    actors = [a for s, e in spans for a in find_actors(text[s:e], s)]
    kind, sub, decisive, extra = classify(text, hits, spans, actors)
    cue_spans = sorted({(h.start, h.end) for h in hits} | set(extra))
    body = " ".join(text[s:e] for s, e in spans)
    return {
        "type": kind,
        "sub_type": sub,
        "fatalities": fatalities(body),
        "actors": ordered_actors(text, decisive, actors),
        "cues": [{"start": s + offset, "end": e + offset} for s, e in cue_spans],
    }
