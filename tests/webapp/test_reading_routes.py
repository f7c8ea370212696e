"""The reading view and article list pages (Flask test client)."""

from tests.conftest import SEED_ID

HOSTILE = "<img src=x onerror=alert(1)> <script>alert(2)</script>"


def test_articles_page_lists_title_date_source_and_places(client):
    html = client.get("/articles").get_data(as_text=True)
    assert "Taking their last breath" in html and "2019-02-17" in html
    assert f'href="/articles/{SEED_ID}"' in html
    places = len(client.get(f"/api/articles/{SEED_ID}").get_json()["places"])
    assert f'<td class="num">{places}</td>' in html


def test_reading_view_marks_every_mention_with_its_place(client, app):
    html = client.get(f"/articles/{SEED_ID}").get_data(as_text=True)
    assert html.count('data-place="baghouz"') == 3
    assert html.count('class="mention" data-place="hajin"') == 1
    assert 'id="offset-' in html


def test_reading_view_text_is_escaped(client, app):
    from webapp.db import get_store

    with app.app_context():
        from geodata.models import Article
        from geodata.service import add_articles

        add_articles(get_store(), [Article("hostile", "T " + HOSTILE, f"Raqqa {HOSTILE}", "2020-01-01")])
    html = client.get("/articles/hostile").get_data(as_text=True)
    assert "<script>alert(2)" not in html and "&lt;script&gt;alert(2)" in html
    assert "<img src=x" not in html


def test_unknown_article_page_is_a_404(client):
    r = client.get("/articles/nope")
    assert r.status_code == 404 and "nope" in r.get_data(as_text=True)
