"""Sentences of a passage, by character offsets, for the event rules that read one clause at a time."""

from __future__ import annotations

import re

_END = re.compile(r"[.!?][\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])")
# a full stop after these is not the end of a sentence: "U.S. troops", "Gen. Haftar", "Jan. 3"
_ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Za-z]\.)+[A-Za-z]?|\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sgt|Capt|Maj|Cpl|Brig|Adm|St|No|Rev|Prof|Sen|Rep|Gov|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|vs|etc|approx|al|Jr|Sr|Mt|Ft))$")


def sentences(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) offsets of each sentence of text, spaces trimmed."""
    spans, start = [], 0
    for m in _END.finditer(text):
        if _ABBREVIATION.search(text[max(0, m.start() - 12):m.start() + 1].rstrip(".")
                                + ("" if text[m.start()] == "." else "!")):
            continue
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out
