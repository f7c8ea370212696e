"""Regenerate geodata/geoparse/lexicon/given_names.txt from Faker's first-name lists (run by hand).

    python -m tools.build_given_names

Faker (MIT) ships first names per locale; we keep the Latin-script single words of
the locales whose names appear in English-language news (English, French, Spanish,
Italian, German, Dutch, Portuguese, Polish, Turkish, Hausa, Indonesian, Pakistani,
Nigerian, Kenyan and Indian English).  The geoparser uses the list only to tell a
person's name from a place ("Victoria said", "Mustafa Bali"), never to find places.
"""
from __future__ import annotations

import importlib

from geodata.geoparse.lexicon import GIVEN_NAMES_PATH

LOCALES = ("en_US en_GB en_IE en_IN en_NG en_PK en_KE en_NZ fr_FR es_ES es_MX it_IT de_DE nl_NL pt_BR "
           "pl_PL tr_TR ha_NG yo_NG id_ID sw").split()


def main() -> None:
    """Write the sorted, casefolded given names, one a line."""
    names: set[str] = set()
    for loc in LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{loc}").Provider
        for attr in ("first_names", "first_names_male", "first_names_female"):
            for n in getattr(provider, attr, ()):
                if n.isalpha() and len(n) >= 3 and n[0].isupper() and all(ord(c) < 0x250 for c in n):
                    names.add(n.casefold())
    with open(GIVEN_NAMES_PATH, "w", encoding="utf-8") as f:
        f.write("# Given names (Faker's first-name lists, MIT); see tools/build_given_names.py\n")
        f.writelines(n + "\n" for n in sorted(names))
    print(f"{len(names)} names -> {GIVEN_NAMES_PATH}")


if __name__ == "__main__":
    main()
