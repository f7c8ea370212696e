"""The reading view's data: an article cut into paragraphs and spans by offsets, mentions marked.

Every piece of text here is a verbatim slice of the stored article text; the page renders the
pieces as escaped text (Jinja autoescape), never as HTML.
"""

from __future__ import annotations

from typing import Any

from geodata.store import Store


def segments(text: str, start: int, end: int, mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Cut text[start:end] into plain and mention segments; mentions outside or overlapping are skipped."""
    out: list[dict[str, Any]] = []
    at = start
    for m in mentions:
        if m["start"] < at or m["end"] > end:
            continue
        if m["start"] > at:
            out.append({"text": text[at : m["start"]], "start": at, "place": None})
        out.append({"text": text[m["start"] : m["end"]], "start": m["start"], "place": m["place"],
                    "method": m["method"]})
        at = m["end"]
    if at < end:
        out.append({"text": text[at:end], "start": at, "place": None})
    return out


def reading_view(store: Store, article_id: str) -> dict[str, Any] | None:
    """Return an article as paragraphs of segments, with the event time of each paragraph."""
    article = store.article(article_id)
    if article is None:
        return None
    mentions = [
        {"start": m.start, "end": m.end, "place": m.place_slug, "method": m.method}
        for m in store.mentions_of(article_id)
    ]
    paragraphs = []
    for p in store.article_passages(article_id):
        inside = [m for m in mentions if p["start"] <= m["start"] and m["end"] <= p["end"]]
        paragraphs.append({**p, "anchor": f"offset-{p['start']}", "segments": segments(article.text, p["start"], p["end"], inside)})
    return {
        **article.metadata(),
        "paragraphs": paragraphs,
        "places": sorted({m["place"] for m in mentions}),
    }
