"""Name normalisation shared by the gazetteer build and the geoparser lookups.

Both sides must fold names identically, so this is the only place that does it.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters NFKD does not decompose into base + mark.
_FOLD = str.maketrans({
    "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ı": "i", "æ": "ae",
    "Æ": "ae", "œ": "oe", "Œ": "oe", "þ": "th", "ð": "d", "ħ": "h",
    # Arabic letter variants that spellings mix freely.
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ـ": None,
    # Apostrophes, ayin/hamza marks and dots vanish: Sana'a == Sanaa, U.S. == US.
    "'": None, "’": None, "‘": None, "`": None, "´": None, "ʼ": None, "ʻ": None,
    "ʿ": None, "ʾ": None, ".": None,
})
_SEP = re.compile(r"[\s\-‐‑‒–—_/,;:()\[\]\"“”]+")

# Arabic definite-article transliterations; optional wherever they occur
# before another word ("Deir el-Zour" == "Deir ez-Zor" == "Deir Zor").
ARTICLES = frozenset("al el as ad ar an ash az at ath ed er es ez ul".split())
_ABBREV = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}
_DOUBLED = re.compile(r"([b-df-hj-np-tv-z])\1+")


@lru_cache(maxsize=200_000)
def normalize(name: str) -> str:
    """Fold a place name to its lookup key."""
    if name.isalpha() and name.isascii():  # one plain word: the common case, and the same result
        w = name.casefold()
        return _ABBREV.get(w, w)
    if name.isascii():  # nothing to decompose
        s = name.translate(_FOLD).casefold()
    else:
        s = unicodedata.normalize("NFKD", name)
        s = "".join(c for c in s if not unicodedata.combining(c)).translate(_FOLD).casefold()
    words = [w for w in _SEP.split(s) if w]
    out = []
    for i, w in enumerate(words):
        if i + 1 < len(words) and w in ARTICLES:
            continue
        if len(w) > 3 and w.startswith("ال"):  # Arabic article written joined
            w = w[2:]
        out.append(_ABBREV.get(w, w))
    return " ".join(out)


def skeleton(key: str) -> str:
    """Return a lookup key's transliteration skeleton: doubled consonants written once.

    Transliterations of one Arabic, Persian or Pashto name differ most often in whether a
    doubled (shadda) consonant is written twice: "Shaddadi" and "Shadadi", "Maarat al-Numan"
    and "Ma'arrat an-Nu'man".  The articles al-/ash-/ad- are already optional (normalize).
    """
    return _DOUBLED.sub(r"\1", key) if key.isascii() else key
