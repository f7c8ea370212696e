"""Arabic-script words the recogniser reads: one-letter clitics and the type words before a name."""
from __future__ import annotations

# Conjunctions (wa, fa) and prepositions (bi, li, ka) written joined to the next word:
# "وبحلب" is "and in Aleppo".  Tried only when the whole word names no place.
CONJUNCTIONS = ("و", "ف")
PREPOSITIONS = ("ب", "ل", "ك")

# Type words written before a name ("محافظة الرقة", Raqqa governorate), with the English type
# they give; alone they are never places ("مدينة" is "city", not Medina).
TYPE_WORDS = {"مدينة": "city", "المدينة": "city", "بلدة": "town", "قرية": "village", "محافظة": "province",
              "ولاية": "province", "منطقة": "province", "إقليم": "province", "نهر": "river", "ريف": "near"}


def strip_clitics(word: str) -> list[int]:
    """Return how many leading letters may be clitics of word, longest first ("وبحلب" -> [2, 1])."""
    out = []
    i = 1 if word[:1] in CONJUNCTIONS and len(word) > 3 else 0
    if word[i:i + 1] in PREPOSITIONS and len(word) - i > 3:
        out.append(i + 1)
    if i:
        out.append(i)
    return out
