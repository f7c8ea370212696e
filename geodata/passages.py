"""Split articles into passages and find the spans that name a place, all by character offsets."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from functools import lru_cache

from geodata.models import Mention, Passage, Place

MAX_PASSAGE = 1000  # characters: a longer paragraph is cut at sentence ends into passages of at most this
_LINE = re.compile(r"[^\n\r\u2028\u2029\x85]+")
# A sentence ends at . ! ? … (or Arabic ؟ ۔) with any closing quotes or brackets, before a space.
_SENTENCE_END = re.compile(r"(?<!\b\w)[.!?…؟۔][\"'”’»)\]]*(?=\s)")


def split_passages(article_id: str, text: str) -> list[Passage]:
    """Return the article's passages: each line, cut at sentence ends where longer than MAX_PASSAGE."""
    passages = []
    for match in _LINE.finditer(text):
        start, end = _trim(text, *match.span())
        for s, e in _pieces(text, start, end):
            passages.append(Passage(article_id, s, e))
    return passages


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Move start and end inward past spaces so the excerpt starts and ends on text."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _pieces(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Yield spans of text[start:end] of at most MAX_PASSAGE characters, cut after a sentence end if there is one."""
    while end - start > MAX_PASSAGE:
        limit = start + MAX_PASSAGE
        cut = None
        for m in _SENTENCE_END.finditer(text, start, limit):
            cut = m.end()
        if cut is None:  # one sentence longer than a passage: cut at its last space before the limit
            space = text.rfind(" ", start, limit)
            cut = space if space > start else limit
        s, e = _trim(text, start, cut)
        if e > s:
            yield s, e
        start = _trim(text, cut, end)[0]
    if end > start:
        yield start, end


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
    """Return the passage that contains the span, if any (passages in text order, as split_passages gives them)."""
    i = bisect_right(passages, start, key=lambda p: p.start) - 1
    if i >= 0 and passages[i].start <= start and end <= passages[i].end:
        return passages[i]
    return None
