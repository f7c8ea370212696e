import json
import re

from geodata.service import load_files
from webapp import create_app
from webapp.mapbuild import escape_for_folium

PAYLOAD = "<img src=x onerror=alert(1)> <script>alert(2)</script> ${alert(3)} `tick`"


def test_escape_for_folium_neutralises_html_and_template_strings():
    out = escape_for_folium(PAYLOAD)
    assert "<" not in out and ">" not in out and "$" not in out and "`" not in out
    assert out.count("&#36;") == 1 and out.count("&#96;") == 2


def test_hostile_article_reaches_the_page_only_as_json(tmp_path):
    article = tmp_path / "hostile-2020-01-01.txt"
    article.write_text(f"Title {PAYLOAD}\n\nFighting in Raqqa {PAYLOAD} went on.\n", encoding="utf-8")
    app = create_app({"DATABASE": str(tmp_path / "h.sqlite"), "TILE_URL": ""})
    with app.app_context():
        from webapp.db import get_store

        load_files(get_store(), [article])
    html = app.test_client().get("/").get_data(as_text=True)
    assert "<img src=x" not in html and "<script>alert" not in html
    block = re.search(r'<script type="application/json" id="map-data">(.*?)</script>', html, re.S).group(1)
    texts = [p["text"] for f in json.loads(block)["features"] for p in f["properties"]["passages"]]
    assert any(PAYLOAD in t for t in texts)  # verbatim in the data, inert in the page
