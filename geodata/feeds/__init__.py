"""Live reports: RSS/Atom feeds watched and their new items ingested (watch.py)."""
