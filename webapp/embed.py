"""Embeddable maps for an <iframe>: one place, or one article's places; no sidebar.

Who may frame them is the EMBED_FRAME_ANCESTORS setting (a CSP source list, 'none' by default);
every other page keeps FRAME_ANCESTORS.
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, g, render_template

from geodata.selection import article_map_data, place_map_data
from webapp.db import get_store
from webapp.mapbuild import BASEMAP_URL, LABELS_URL, app_map, tile_config

bp = Blueprint("embed", __name__, url_prefix="/embed")


def _embed_page(data: dict, open_slug: str | None, link: str) -> str:
    g.frame_ancestors = current_app.config["EMBED_FRAME_ANCESTORS"]
    fmap = app_map()
    config = {"map": fmap.name, "cluster": fmap.cluster, "open": open_slug, "basemap": BASEMAP_URL,
              "labels": LABELS_URL, "tiles": tile_config(),
              "standalone": True}
    return render_template("embed.html", fmap=fmap, data=data, config=config, link=link)


@bp.get("/place/<slug>")
def place(slug: str) -> str:
    """Show one place and its passages, popup open, for an iframe."""
    data = place_map_data(get_store(), slug)
    if data is None:
        abort(404, description=f"No place called {slug!r} is on the map.")
    return _embed_page(data, slug, f"/place/{slug}")


@bp.get("/articles/<article_id>")
def article(article_id: str) -> str:
    """Show the places one article names, with that article's passages, for an iframe."""
    data = article_map_data(get_store(), article_id)
    if data is None:
        abort(404, description=f"No article with id {article_id!r}.")
    return _embed_page(data, None, f"/articles/{article_id}")
