"""The store: articles, passages, mentions, places and rules in SQLite (by default) or PostgreSQL (by URL)."""

from geodata.store.core import DuplicateArticle, Store

__all__ = ["DuplicateArticle", "Store"]
