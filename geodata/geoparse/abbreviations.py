"""Abbreviated US states and subdivisions in running text: "Gainesville, Ga.", "Paris, TX", "S.C.", "in NSW"."""
from __future__ import annotations

import re

from geodata.geoparse.gazetteer import Gazetteer, Place
from geodata.geoparse.lexicon import en

_SUBDIVISION_RE = re.compile(r"(?<![\w.])(?<!\d )(NSW|B\.C\.)(?!\w)")
# Two initials with dots ("S.C.", "N.Y.", "D.C.") name a state anywhere: no English word is written so
_INITIALS = [k for k in en.US_STATE_ABBREVS if re.fullmatch(r"[A-Z]\.[A-Z]\.", k)]
_INITIALS_RE = re.compile(r"(?<![\w.])(%s)(?!\s?[A-Z]\.|\w)" % "|".join(re.escape(k) for k in _INITIALS))
_US_STATE_RE = re.compile(r", (?:(%s)|(%s)(?!\w|\.\w))" % (
    "|".join(re.escape(k) for k in sorted(en.US_STATE_ABBREVS, key=len, reverse=True)), "|".join(en.US_POSTAL)))


def abbreviated_subdivisions(text: str, gaz: Gazetteer) -> list[tuple[int, int, Place]]:
    """Return (start, end, state) for "Ga.", "W.Va.", "TX" right after "Place, ", and "S.C.", "NSW", "B.C." anywhere.

    Toponyms only right after "Place, ", since "Miss.", "Ind." or "PA" mean other things elsewhere;
    two dotted initials ("S.C. Highway Patrol", "D-N.Y.") are a state anywhere.
    """
    found = []
    if ", " in text:
        for m in _US_STATE_RE.finditer(text):
            s = m.start() + 2
            if s < 3 or not text[s - 3].isalpha():
                continue
            code = en.US_STATE_ABBREVS[m.group(1)] if m.group(1) else m.group(2)
            state = gaz.admin1("US", code)
            if state is not None:
                found.append((s, m.end(), state))
    taken = {s for s, _, _ in found}
    for m in _INITIALS_RE.finditer(text):
        state = gaz.admin1("US", en.US_STATE_ABBREVS[m.group(1)])
        if state is not None and m.start() not in taken:
            found.append((m.start(), m.end(), state))
    if "NSW" in text or "B.C." in text:
        for m in _SUBDIVISION_RE.finditer(text):  # not "300 B.C."
            sub = gaz.get(en.SUBDIVISION_ABBREVS[m.group(1)])
            if sub is not None:
                found.append((m.start(), m.end(), sub))
    return found
