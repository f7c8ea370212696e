"""run.py watch: a feed and its pages served by a local HTTP server; new items ingested once and only once."""

from __future__ import annotations

import http.server
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from geodata.feeds.watch import article_id, read_feed_list
from geodata.service import open_store
from webapp.cli import cli

STORY = [
    "Heavy fighting broke out between the army and the Rapid Support Forces in Omdurman on Tuesday, "
    "residents said, and the clashes spread to the markets of the old town by the evening.",
    "Medics at the city's main hospital said at least 14 people were killed and dozens wounded, most of "
    "them civilians caught in the crossfire as they tried to leave the area along the river road.",
    "Aid groups said thousands of families had fled towards the north since the weekend, many of them on "
    "foot, and that the roads out of the city were crowded with carts and buses.",
]


def page(paragraphs: list[str], title: str) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!doctype html><html><head><title>{title}</title></head><body>"
            "<nav><a href='/'>Home</a> <a href='/world'>World news</a> <a href='/sport'>Sport</a></nav>"
            f"<main><article><h1>{title}</h1>{body}</article></main>"
            "<footer>Copyright Example Wire. Subscribe to our newsletter for more.</footer></body></html>").encode()


def rss(base: str, items: list[tuple[str, str]]) -> bytes:
    entries = "".join(f"<item><title>{t}</title><link>{base}{path}</link>"
                      "<pubDate>Tue, 14 May 2024 09:00:00 GMT</pubDate></item>" for t, path in items)
    return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Example Wire</title>"
            f"<link>{base}/</link><description>news</description>{entries}</channel></rss>").encode()


def atom(base: str) -> bytes:
    return (f"<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
            f"<title>Atom Desk</title><id>{base}/atom</id><updated>2024-05-15T10:00:00Z</updated>"
            f"<entry><title>Shelling in Kharkiv</title><link href='{base}/kharkiv.html'/><id>{base}/kharkiv</id>"
            "<updated>2024-05-15T10:00:00Z</updated></entry></feed>").encode()


@pytest.fixture
def site():
    """Serve a feed whose items are: a report, the same report at another URL, a 404, JSON, an empty page, a dead host."""
    routes: dict[str, tuple[str, bytes]] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the stdlib's name
            found = routes.get(self.path)
            if found is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", found[0])
            self.end_headers()
            self.wfile.write(found[1])

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{server.server_port}"
    kharkiv = ["Russian shelling hit the northern districts of Kharkiv overnight, regional officials said, "
               "damaging apartment blocks and a school in the Saltivka neighbourhood."] + STORY[2:]
    routes.update({
        "/omdurman.html": ("text/html; charset=utf-8", page(STORY, "Fighting in Omdurman")),
        "/copy.html": ("text/html; charset=utf-8", page(STORY, "Fighting in Omdurman")),
        "/data.json": ("application/json", b'{"not": "html"}'),
        "/empty.html": ("text/html", b"<html><body><nav>Home</nav></body></html>"),
        "/kharkiv.html": ("text/html", page(kharkiv, "Shelling in Kharkiv")),
        "/atom.xml": ("application/atom+xml", atom(base)),
    })
    routes["/feed.xml"] = ("application/rss+xml", rss(base, [
        ("Fighting in Omdurman", "/omdurman.html"), ("Fighting in Omdurman (copy)", "/copy.html"),
        ("Gone", "/gone.html"), ("Data", "/data.json"), ("Empty", "/empty.html"),
    ]) .replace(b"</channel>", b"<item><title>Dead host</title><link>http://127.0.0.1:9/x.html</link></item></channel>"))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()
    server.server_close()


def test_watch_once_ingests_new_items_once_and_reports_each_failure(site, tmp_path: Path):
    db = str(tmp_path / "watch.sqlite")
    runner = CliRunner()
    first = runner.invoke(cli, ["watch", "--once", "--db", db, f"{site}/feed.xml", f"{site}/atom.xml"])
    assert first.exit_code == 0, first.output
    out = first.output
    assert f"already stored — {site}/copy.html" in out  # same text, other URL
    assert "failed: HTTP 404" in out and f"failed: not HTML (application/json) — {site}/data.json" in out
    assert f"failed: no article text found on the page — {site}/empty.html" in out
    assert "failed: unreachable" in out
    assert "added: 2; already stored: 1; failed: 4" in out

    store = open_store(db)
    article = store.article(article_id(store.article(next(
        a["id"] for a in store.articles() if a["url"] == f"{site}/omdurman.html")).text))
    assert (article.title, article.source, article.published) == ("Fighting in Omdurman", "Example Wire", "2024-05-14")
    assert "Heavy fighting broke out" in article.text and "Subscribe" not in article.text and "Sport" not in article.text
    kharkiv = next(a for a in store.articles() if a["url"] == f"{site}/kharkiv.html")
    assert (kharkiv["source"], kharkiv["published"]) == ("Atom Desk", "2024-05-15")
    assert {p.slug for p, _ in store.places(article=article.id)} >= {"omdurman"}
    count = store.count("articles")
    store.close()

    second = runner.invoke(cli, ["watch", "--once", "--db", db, f"{site}/feed.xml", f"{site}/atom.xml"])
    assert second.exit_code == 0, second.output
    assert "added: 0;" in second.output
    store = open_store(db)
    assert store.count("articles") == count
    store.close()


def test_a_feed_list_file_and_a_bad_feed(site, tmp_path: Path):
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# our feeds\n{site}/atom.xml\n\n{site}/data.json  # not a feed\n", encoding="utf-8")
    assert read_feed_list(feeds.read_text()) == [f"{site}/atom.xml", f"{site}/data.json"]
    result = CliRunner().invoke(cli, ["watch", "--once", "--db", str(tmp_path / "w.sqlite"), "--feeds", str(feeds)])
    assert result.exit_code == 0, result.output
    assert "added: 1;" in result.output and "failed: feed: not an RSS or Atom feed" in result.output


def test_watch_needs_a_feed(tmp_path: Path):
    result = CliRunner().invoke(cli, ["watch", "--once", "--db", str(tmp_path / "w.sqlite")])
    assert result.exit_code == 2 and "FEED_URL" in result.output


def test_a_running_app_shows_what_the_watch_added_without_a_restart(site, tmp_path: Path):
    from webapp import create_app

    db = str(tmp_path / "live.sqlite")
    client = create_app({"TESTING": True, "DATABASE": db, "TILE_URL": ""}).test_client()
    before = {f["id"] for f in client.get("/api/places").get_json()["features"]}
    assert "omdurman" not in before and b"Omdurman" not in client.get("/").data
    result = CliRunner().invoke(cli, ["watch", "--once", "--db", db, f"{site}/feed.xml"])
    assert "added: 1;" in result.output
    after = {f["id"] for f in client.get("/api/places").get_json()["features"]}
    assert "omdurman" in after - before
    assert b"Omdurman" in client.get("/").data
    assert b"Fighting in Omdurman" in client.get("/articles").data
