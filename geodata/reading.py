"""The reading view's data: an article cut into paragraphs and spans by offsets, mentions marked.

Every piece of text here is a verbatim slice of the stored article text; the page renders the
pieces as escaped text (Jinja autoescape), never as HTML.
"""

from __future__ import annotations

from typing import Any

from geodata.links import http_url
from geodata.store import Store


def segments(text: str, start: int, end: int, mentions: list[dict[str, Any]],
             cues: list[tuple[int, int]] = ()) -> list[dict[str, Any]]:
    """Cut text[start:end] into plain, mention and cue-word segments; spans outside or overlapping are skipped."""
    out: list[dict[str, Any]] = []
    at = start
    spans = sorted([*mentions, *({"start": s, "end": e, "place": None, "cue": True} for s, e in cues)],
                   key=lambda m: (m["start"], "cue" in m))
    for m in spans:
        if m["start"] < at or m["end"] > end:
            continue
        if m["start"] > at:
            out.append({"text": text[at : m["start"]], "start": at, "place": None})
        if m.get("cue"):  # a word that made the passage an event, or a mention background
            out.append({"text": text[m["start"] : m["end"]], "start": m["start"], "place": None, "cue": True})
        else:
            out.append({"text": text[m["start"] : m["end"]], "start": m["start"], "place": m["place"],
                        "method": m["method"], "role": m.get("role", "event")})
        at = m["end"]
    if at < end:
        out.append({"text": text[at:end], "start": at, "place": None})
    return out


def reading_view(store: Store, article_id: str) -> dict[str, Any] | None:
    """Return an article as paragraphs of segments, with the event time of each paragraph."""
    article = store.article(article_id)
    if article is None:
        return None
    found = store.mentions_of(article_id)  # in text order, as are the passages
    paragraphs = []
    at = 0
    for p in store.article_passages(article_id):
        # one sweep over both lists: each mention is looked at once, not once per passage
        while at < len(found) and found[at].start < p["start"]:
            at += 1
        inside = []
        while at < len(found) and found[at].end <= p["end"]:
            inside.append(found[at])
            at += 1
        event = p.get("incident")
        cues = {(c["start"], c["end"]) for c in (event or {}).get("cues", [])}
        cues |= {tuple(c) for m in inside for c in m.role_cues}
        marks = [{"start": m.start, "end": m.end, "place": m.place_slug, "method": m.method, "role": m.role}
                 for m in inside]
        paragraphs.append({**p, "anchor": f"offset-{p['start']}", "incident": event,
                           "segments": segments(article.text, p["start"], p["end"], marks, sorted(cues))})
    return {
        **article.metadata(),
        # the page links "original" only to an http(s) URL, even one stored before urls were checked
        "url": http_url(article.url) or "",
        "paragraphs": paragraphs,
        "places": sorted({m.place_slug for m in found}),
    }
