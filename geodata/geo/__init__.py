"""Geometry, containment, encodings and the map layers built from Natural Earth."""
