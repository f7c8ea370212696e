"""Exports of the mapped data: GeoJSON, KML, CSV (and the offline HTML map, rendered by the web app)."""

from geodata.export.formats import MEDIA_TYPES, ExportError, export, export_stream

__all__ = ["MEDIA_TYPES", "ExportError", "export", "export_stream"]
