"""Per-article caps, defined once: the API, `ingest`, the feed watcher and the OpenAPI description read them here.

They bound what one article can cost every later reader: its text is cut into passages, each
mention is a row the exports and popups read, and the reading view draws every passage.
A text over MAX_TEXT_CHARS is refused before any work (HTTP 413); an article that would make
more than MAX_PASSAGES passages or MAX_MENTIONS mentions is refused after splitting and linking,
before anything is written (HTTP 422).
"""

from __future__ import annotations

MAX_TEXT_CHARS = 200_000  # characters of article text (a long feature is 10,000–40,000)
MAX_PASSAGES = 5_000  # passages (lines, or pieces of long lines) of one article
MAX_MENTIONS = 5_000  # place mentions of one article

# characters of the other fields of an article
FIELD_LIMITS: dict[str, int] = {
    "id": 128, "title": 1000, "text": MAX_TEXT_CHARS, "source": 1000, "url": 2000, "language": 16,
    "credit": 1000, "published": 40,
}


class LimitExceeded(ValueError):
    """An article is over one of the caps; `status` is the HTTP status that says so (413 or 422)."""

    def __init__(self, message: str, status: int = 422) -> None:
        super().__init__(message)
        self.status = status


def check_text(text: str) -> None:
    """Raise LimitExceeded (413) when an article's text is longer than MAX_TEXT_CHARS."""
    if len(text) > MAX_TEXT_CHARS:
        raise LimitExceeded(f"text is {len(text):,} characters long; an article may have at most "
                            f"{MAX_TEXT_CHARS:,} (split it into several articles)", status=413)


def check_count(what: str, count: int) -> None:
    """Raise LimitExceeded (422) when an article has more passages or mentions than its cap."""
    cap = {"passages": MAX_PASSAGES, "mentions": MAX_MENTIONS}[what]
    if count > cap:
        raise LimitExceeded(f"the article has {count:,} {what}; at most {cap:,} are stored per article "
                            f"(split it into several articles)", status=422)
