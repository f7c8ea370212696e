"""Exports of the mapped data: one registry of formats (GeoJSON, KML, CSV here; the offline HTML map is
registered by the web app, which renders it) that the CLI, the routes, OpenAPI and the download menu read."""

from geodata.export.formats import ExportError
from geodata.export.registry import (
    ExportFormat,
    export,
    export_format,
    export_formats,
    export_stream,
    register,
    unregister,
)

__all__ = ["ExportError", "ExportFormat", "export", "export_format", "export_formats", "export_stream", "register",
           "unregister"]
