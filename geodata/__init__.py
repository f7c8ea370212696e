"""The geodata layer: articles, passages, places, mentions, gazetteer, geoparser and store.

Framework-free: nothing in this package imports Flask.
"""
