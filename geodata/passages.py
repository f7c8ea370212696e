"""Split articles into passages and find the spans that name a place, all by character offsets."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from geodata.models import Mention, Passage, Place

_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?![ \t]*\n)[^\n]+)*")


def split_passages(article_id: str, text: str) -> list[Passage]:
    """Return the article's paragraphs (blocks separated by blank lines) as passages."""
    passages = []
    for match in _PARAGRAPH.finditer(text):
        start, end = match.span()
        # trim surrounding spaces so the excerpt starts and ends on text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            passages.append(Passage(article_id, start, end))
    return passages


@lru_cache(maxsize=32)
def _names_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    # A name must not run on into a longer word: "Syria" must not match inside "Syrian". The
    # boundary checks are factored out of the alternation so the regex tests them once per position.
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(name) for name in names) + r")(?![\w-])")


def find_alias_mentions(article_id: str, text: str, places: Iterable[Place]) -> list[Mention]:
    """Return every non-overlapping span of text that names one of the places, longest name first."""
    names = sorted(((name, p.slug) for p in places for name in p.names if name), key=lambda n: -len(n[0]))
    if not names:
        return []
    slug_of = {name: slug for name, slug in reversed(names)}
    pattern = _names_pattern(tuple(name for name, _ in names))
    return [
        Mention(article_id, slug_of[m.group(0)], m.start(), m.end(), "curated", 1.0)
        for m in pattern.finditer(text)
    ]


def passage_of(passages: list[Passage], start: int, end: int) -> Passage | None:
    """Return the passage that contains the span, if any."""
    for passage in passages:
        if passage.start <= start and end <= passage.end:
            return passage
    return None
