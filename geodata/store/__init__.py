"""The store: articles, passages, mentions and places in SQLite (by default) or PostgreSQL (by URL)."""

from geodata.store.sqlite import DuplicateArticle, Store

__all__ = ["DuplicateArticle", "Store"]
