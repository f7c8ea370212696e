"""The domain: articles, passages, places, mentions, the geoparser, events and the store.

Framework-free: nothing in this package imports Flask or folium.
"""

from pathlib import Path

# the package's data files (curated places, gazetteer extras, basemap, regions), read by every module that needs one
DATA_DIR = Path(__file__).with_name("data")
