"""Conflict Map's command line, run from a checkout: python run.py [serve|ingest|geoparse|export|...]."""

from webapp.cli import main

if __name__ == "__main__":
    main()
