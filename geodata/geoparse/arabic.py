"""Arabic-script names in a run of Arabic words: longest gazetteer match, clitics and type words apart."""
from __future__ import annotations

from geodata.geoparse.gazetteer import Gazetteer
from geodata.geoparse.lexicon import ar
from geodata.geoparse.normalize import normalize


def arabic_names(text: str, run: list[tuple[int, int, str]], gaz: Gazetteer,
                 types: dict[int, tuple[int, str]]) -> list[list[tuple[int, int, str]]]:
    """Return the longest gazetteer names in a run of Arabic words, clitics ("و", "ب", "ل", "ف") cut off.

    A type word just before a name ("مدينة", "محافظة", "نهر") is recorded in `types` (name start ->
    its start and type); alone it is never a place.
    """
    out: list[list[tuple[int, int, str]]] = []
    i, pending = 0, None
    while i < len(run):
        s, e, tok = run[i]
        for k in (0, *ar.strip_clitics(tok)):
            kind = ar.TYPE_WORDS.get(tok[k:])
            if kind:
                pending, i = (s, kind), i + 1
                break
            first = (s + k, e, tok[k:])
            j = next((j for j in range(min(len(run), i + 4), i, -1)
                      if len(key := normalize(text[first[0]:run[j - 1][1]])) > 2 and gaz.lookup(key)), None)
            if j is not None:
                if pending and pending[0] == run[i - 1][0]:
                    types[first[0]] = pending
                out.append([first, *run[i + 1:j]])
                i, pending = j, None
                break
        else:
            i += 1
    return out
