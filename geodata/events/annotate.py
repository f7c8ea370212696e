"""Fill in what the event rules decide before an article is written: each mention's role, each passage's event."""

from __future__ import annotations

from dataclasses import replace

from geodata.events import analyse_passage
from geodata.models import Article, Mention, Passage


def annotate(article: Article, passages: list[Passage], mentions: list[Mention]) -> tuple[list[Passage], list[Mention]]:
    """Return the passages with their event (or None) and the mentions with their role and cue offsets."""
    out_passages: list[Passage] = []
    decided: dict[tuple[int, int], Mention] = {}
    for p in passages:
        inside = [m for m in mentions if p.start <= m.start and m.end <= p.end]
        if not inside:
            out_passages.append(replace(p, event=None))
            continue
        result = analyse_passage(article.text[p.start:p.end], [(m.start - p.start, m.end - p.start) for m in inside],
                                 article.published, offset=p.start)
        out_passages.append(replace(p, event=result.event))
        for m, role in zip(inside, result.roles):
            decided[(m.start, m.end)] = replace(m, role=role.role, role_cues=role.cues)
    return out_passages, [decided.get((m.start, m.end), m) for m in mentions]
