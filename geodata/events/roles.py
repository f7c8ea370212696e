"""Event or background: does a passage report something happening at the place it names?

A mention's role is "event" when its sentence reports something happening there in the reported
period, and "background" otherwise. The rules, first match wins, each keeping its cue words:

1. Asked to act: the place is in the list of those someone calls on, urges or asks to do
   something ("called on Britain, France and Germany and other European countries to take back
   their militants") -> background, cue: the asking verb.
2. The seat of a speaker or an institution: the place is followed by a speaker or institution
   word ("U.S. President", "Washington said", "Moscow's foreign ministry") or preceded by one with
   "in" ("officials in Kabul", "speaking in Geneva") -> background, cue: that word.
3. A comparison ("as in Mosul", "like Grozny", "reminiscent of Aleppo") or an origin ("foreign
   fighters from Tunisia") -> background, cue: the comparing or origin words.
4. Its sentence holds event cues (geodata.events.cues, not modal, not negated):
   - history: the sentence dates itself only to a time that ended more than HISTORY_DAYS before
     publication ("in the summer of 2017" in a 2019 article), or says "once", "years ago",
     "used to" without a recent date -> background, cue: the dating or history words;
   - else -> event, cue: the event cues of the sentence.
5. Its sentence reports nothing, but the next or previous sentence of the passage does and
   points back to the place ("there", "the town", "it") -> event, cue: that sentence's cues.
6. Otherwise -> background with no cue (nothing is reported happening there).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field

from geodata.events import cues as C
from geodata.events.kinds import WINDOW, CueHit, find_cues
from geodata.events.sentences import sentences
from geodata.events.timeparse import EventTime, find_times

MAX_CUES = 12  # cue words kept per mention: enough to show why, bounded however long the sentence
EVENT = "event"
BACKGROUND = "background"
ROLES = (EVENT, BACKGROUND)

_LIST_BETWEEN = re.compile(r"(?:[\s,]+|\b(?:the|and|or|other|fellow|its|their|countries|nations|states|"
                           r"governments|allies|neighbou?ring|neighbou?rs|[A-Z][\w.'’-]*)\b)*")
_THEN_ACT = re.compile(r"^[^.;:!?]{0,80}?\b(?:to [a-z]+|should|must|that they)\b")
_CLAUSE_BREAK = re.compile(r";|,\s+(?:while|whereas|as|but)\s|\s(?:while|whereas)\s")
_ANAPHOR = re.compile(r"\b(?:there|it|its|the (?:town|city|village|area|district|province|region|camp|base|"
                      r"neighbou?rhood|border|crossing|port|airport|hospital|market|capital|settlement|enclave|pocket))\b",
                      re.IGNORECASE)


@dataclass(frozen=True)
class Role:
    """The role of one mention, why (a short reason), and the offsets of the words that decided it."""

    role: str
    reason: str
    cues: tuple[tuple[int, int], ...] = ()
    sentence: tuple[int, int] = (0, 0)
    event_hits: tuple[CueHit, ...] = field(default=(), compare=False)


def _asked_to_act(text: str, start: int, end: int, sent: tuple[int, int]) -> tuple[int, int] | None:
    for m in C.ASKED_TO_ACT.finditer(text, max(sent[0], start - WINDOW), start):
        if _LIST_BETWEEN.fullmatch(text, m.end(), start) and _THEN_ACT.match(text[end:min(sent[1], end + WINDOW)]):
            return m.span()
    return None


def _speaker_seat(text: str, start: int, end: int, sent: tuple[int, int]) -> tuple[int, int] | None:
    after = C.SPEAKER_AFTER.match(text[end:min(sent[1], end + WINDOW)])
    if after and not C.LOCALS_OF.search(text[max(sent[0], start - 30):start]):
        word = re.search(r"[\w-]+$", after.group(0))
        return (end + word.start(), end + word.end()) if word else (end, end + after.end())
    before = list(C.SPEAKER_BEFORE.finditer(text, max(sent[0], start - 40), start))
    speech = C.SPEECH.search(text, max(sent[0], start - WINDOW), min(sent[1], end + WINDOW))
    if before and speech and re.fullmatch(r"\s*(?:the\s+)?", text[before[-1].end():start]):
        return before[-1].span()
    return None


def _compared_or_origin(text: str, start: int, sent: tuple[int, int]) -> tuple[int, int] | None:
    window = max(sent[0], start - 48)
    for pattern, gap in ((C.COMPARISON, r"\s+(?:the\s+)?(?:[\w-]+\s+){0,4}?(?:in\s+|of\s+|at\s+|for\s+)?"),
                         (C.ORIGIN, r"\s+(?:the\s+)?")):
        for m in pattern.finditer(text, window, start):
            if re.fullmatch(gap, text[m.end():start]):
                return m.span()
    return None


def _start(t: EventTime) -> int:
    return t.text_start or 0


def _history(text: str, sent: tuple[int, int], published: dt.date | None,
             times: list[EventTime]) -> list[tuple[int, int]]:
    """Return the words that put a sentence in the past (empty when it may be in the reported period).

    times: the dating words of the whole text, read once (those inside the sentence count).
    """
    recent, old = False, []
    if published is not None:
        for t in times[bisect.bisect_left(times, sent[0], key=_start):bisect.bisect_left(times, sent[1], key=_start)]:
            if t.text_end > sent[1]:
                continue
            if t.since:
                continue  # "since 2016" reaches the present: it neither dates the event nor rules it out
            if (published - t.end).days <= C.HISTORY_DAYS:
                recent = True
            else:
                old.append((t.text_start, t.text_end))
    if recent:
        return []
    return old or [m.span() for m in C.HISTORY.finditer(text, *sent)]


def assign_roles(text: str, spans: list[tuple[int, int]], published: dt.date | str | None = None) -> list[Role]:
    """Return the role of each mention span (offsets into text), in the order given."""
    if isinstance(published, str):
        published = dt.date.fromisoformat(published[:10])
    sents = sentences(text)
    hits = {s: find_cues(text, *s) for s in sents}
    times = find_times(text, published) if published is not None and any(hits.values()) else []
    history = {s: _history(text, s, published, times)[:MAX_CUES] for s in sents if hits[s]}
    pointing = {s: bool(_ANAPHOR.search(text, *s)) for s in sents if hits[s]}
    starts = {s: [h.start for h in hits[s]] for s in sents}
    ends = [e for _, e in sents]
    return [_role(text, start, end, sents, ends, hits, starts, history, pointing) for start, end in spans]


def _clause(text: str, start: int, end: int, sent: tuple[int, int]) -> tuple[int, int]:
    """Return the clause of the sentence that holds a mention ("Fighting went on in Kherson, while in Brussels ...")."""
    lo, hi = max(sent[0], start - WINDOW), min(sent[1], end + WINDOW)
    breaks = list(_CLAUSE_BREAK.finditer(text, lo, hi))
    left = max([m.end() for m in breaks if m.end() <= start], default=lo)
    right = min([m.start() for m in breaks if m.start() >= end], default=hi)
    return left, right


def _clause_hits(found: list[CueHit], starts: list[int], lo: int, hi: int) -> list[CueHit]:
    return found[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)][:MAX_CUES]


def _role(text: str, start: int, end: int, sents: list[tuple[int, int]], ends: list[int], hits: dict,
          starts: dict, history: dict, pointing: dict) -> Role:  # noqa: PLR0913 - the per-sentence tables
    i = min(bisect.bisect_right(ends, start), len(sents) - 1)
    sent = sents[i]
    for reason, found in (("asked to act", _asked_to_act(text, start, end, sent)),
                          ("seat of a speaker", _speaker_seat(text, start, end, sent)),
                          ("comparison or origin", _compared_or_origin(text, start, sent))):
        if found:
            return Role(BACKGROUND, reason, (found,), sent)
    clause = _clause(text, start, end, sent)
    here = _clause_hits(hits[sent], starts[sent], *clause)
    if here:
        if history[sent]:
            return Role(BACKGROUND, "history", tuple(history[sent]), sent)
        return Role(EVENT, "event reported", tuple((h.start, h.end) for h in here), sent, tuple(here))
    for j in (i + 1, i - 1):
        if 0 <= j < len(sents) and hits[sents[j]] and not history[sents[j]] and pointing[sents[j]]:
            near = sents[j]
            found = hits[near][:MAX_CUES]
            return Role(EVENT, "event reported nearby", tuple((h.start, h.end) for h in found), near, tuple(found))
    return Role(BACKGROUND, "nothing reported", (), sent)
