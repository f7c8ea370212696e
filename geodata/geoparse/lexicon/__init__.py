"""Word lists the geoparser reads, each defined once: English (en), Arabic script (ar), given names."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

GIVEN_NAMES_PATH = Path(__file__).with_name("given_names.txt")


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Return casefolded given names (a person's first name, not a place, when it stands for a person)."""
    text = GIVEN_NAMES_PATH.read_text(encoding="utf-8")
    return frozenset(w for w in text.split("\n") if w and not w.startswith("#"))
