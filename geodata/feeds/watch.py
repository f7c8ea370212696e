"""Live reports: read RSS/Atom feeds, fetch each new item's page, extract its text and ingest it.

feedparser reads the feed; the item's page is fetched over http(s) only, at most MAX_PAGE_BYTES,
and must be HTML; trafilatura extracts the article text without navigation, ads or footers. The
article is stored with the item's title, URL, publisher (the feed's title, or the item's source)
and date (the item's, else the page's, else today), through the same write as every ingest.

An item is new unless its URL is already stored, or an article with the same text is: the
article id is a hash of the whitespace-normalised text, so the same report reached through two
URLs is stored once. Every item's outcome is reported (added, already stored, or why it failed:
unreachable host, not HTML, no article text); one item's failure never stops the others or the watch.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from geodata.articles import ArticleError, article_from_dict
from geodata.linking import Geoparse
from geodata.store import DuplicateArticle, Store

MAX_PAGE_BYTES = 5 * 1024 * 1024
TIMEOUT_S = 20
MIN_TEXT_CHARS = 80  # less is a menu or a caption, not a report
USER_AGENT = "conflict-map-watch/0.1 (+https://github.com/; RSS reader)"
HTML_TYPES = ("text/html", "application/xhtml+xml")


class FetchError(Exception):
    """A page or feed could not be fetched; the message says why in a few words."""


@dataclass(frozen=True)
class Page:
    """A fetched resource: its final URL, media type and body."""

    url: str
    content_type: str
    body: bytes


@dataclass(frozen=True)
class ItemReport:
    """What became of one feed item."""

    feed: str
    url: str
    status: str  # added | stored | failed
    detail: str = ""
    article_id: str = ""

    def line(self) -> str:
        """Return the report as one line for the command line."""
        what = {"added": f"added {self.article_id}", "stored": "already stored", "failed": f"failed: {self.detail}"}
        return f"{what[self.status]} — {self.url or '(no link)'}"


Fetch = Callable[[str], Page]


def fetch(url: str) -> Page:
    """Fetch an http(s) URL, refusing other schemes and bodies over MAX_PAGE_BYTES."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise FetchError(f"not an http(s) URL: {url[:80]!r}")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:  # noqa: S310 - scheme checked above
            body = response.read(MAX_PAGE_BYTES + 1)
            content_type = response.headers.get_content_type()
            final = response.geturl()
    except urllib.error.HTTPError as e:
        raise FetchError(f"HTTP {e.code} {e.reason}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as e:
        reason = getattr(e, "reason", e)
        raise FetchError(f"unreachable: {reason}") from None
    if len(body) > MAX_PAGE_BYTES:
        raise FetchError(f"larger than {MAX_PAGE_BYTES // (1024 * 1024)} MB")
    return Page(final, content_type, body)


def article_id(text: str) -> str:
    """Return the id of a fetched article: a hash of its whitespace-normalised text."""
    return "web-" + hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:20]


def extract_text(page: Page) -> tuple[str, str | None]:
    """Return the article text of an HTML page (no navigation, ads or footers) and its date if the page gives one."""
    import trafilatura

    if page.content_type not in HTML_TYPES:
        raise FetchError(f"not HTML ({page.content_type})")
    html = page.body.decode("utf-8", errors="replace")
    text = trafilatura.extract(html, url=page.url, include_comments=False, include_tables=False,
                               favor_precision=True) or ""
    meta = trafilatura.extract_metadata(html, default_url=page.url)
    head, _, rest = text.strip().partition("\n")
    if meta is not None and meta.title and head.strip() == meta.title.strip():
        text = rest  # the headline is the article's title, not its text
    if len(text.strip()) < MIN_TEXT_CHARS:
        raise FetchError("no article text found on the page")
    return text.strip(), (meta.date if meta is not None and meta.date else None)


def _item_date(entry) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:
        return dt.datetime.fromtimestamp(calendar.timegm(parsed), dt.timezone.utc).date().isoformat()
    return None


def _publisher(feed, entry) -> str:
    source = entry.get("source") or {}
    named = source.get("title") if hasattr(source, "get") else ""
    return named or feed.feed.get("title", "") or urlsplit(entry.get("link", "")).hostname or ""


def read_feed(url: str, get: Fetch = fetch):
    """Return the parsed feed at url (feedparser), or raise FetchError when it cannot be read."""
    import feedparser

    page = get(url)
    headers = {"content-location": page.url, "content-type": page.content_type}
    feed = feedparser.parse(page.body, response_headers=headers)
    if feed.bozo and not feed.entries:
        raise FetchError(f"not an RSS or Atom feed ({type(feed.get('bozo_exception')).__name__})")
    return feed


def watch_once(store: Store, feeds: Iterable[str], *, get: Fetch = fetch, geoparse: Geoparse | None = None,
               report: Callable[[ItemReport], None] = lambda r: None) -> list[ItemReport]:
    """Read each feed once and ingest its new items; return (and report, as they happen) every item's outcome."""
    from geodata.service import add_articles

    stored_urls = {a["url"] for a in store.articles() if a.get("url")}
    reports: list[ItemReport] = []

    def note(r: ItemReport) -> None:
        reports.append(r)
        report(r)

    for feed_url in feeds:
        try:
            feed = read_feed(feed_url, get)
        except Exception as e:  # noqa: BLE001 - one bad feed must not stop the others
            note(ItemReport(feed_url, feed_url, "failed", f"feed: {e}"))
            continue
        for entry in feed.entries:
            link = entry.get("link", "")
            if link in stored_urls:
                note(ItemReport(feed_url, link, "stored"))
                continue
            try:
                note(_ingest_item(store, feed_url, feed, entry, get, geoparse, add_articles))
            except Exception as e:  # noqa: BLE001 - reported per item, never stops the watch
                note(ItemReport(feed_url, link, "failed", str(e) or type(e).__name__))
            stored_urls.add(link)
    return reports


def _ingest_item(store: Store, feed_url: str, feed, entry, get: Fetch, geoparse, add_articles) -> ItemReport:
    link = entry.get("link", "")
    if not link:
        raise FetchError("the item has no link")
    page = get(link)
    text, page_date = extract_text(page)
    title = " ".join((entry.get("title") or "").split()) or text.split("\n", 1)[0][:200]
    aid = article_id(text)
    if store.has_article(aid):
        return ItemReport(feed_url, link, "stored", "same text", aid)
    try:
        article = article_from_dict({
            "id": aid, "title": title[:1000], "text": text, "url": link[:2000],
            "source": _publisher(feed, entry)[:1000],
            "published": _item_date(entry) or page_date or dt.date.today().isoformat(),
        })
        add_articles(store, [article], geoparse=geoparse)
    except DuplicateArticle:
        return ItemReport(feed_url, link, "stored", "same text", aid)
    except ArticleError as e:
        raise FetchError(str(e)) from None
    return ItemReport(feed_url, link, "added", "", aid)


def watch(store: Store, feeds: list[str], *, interval: float, once: bool = False, get: Fetch = fetch,
          geoparse: Geoparse | None = None, report: Callable[[ItemReport], None] = lambda r: None,
          sleep: Callable[[float], None] = time.sleep) -> None:
    """Read the feeds every `interval` seconds (or once) and ingest what is new, until interrupted."""
    while True:
        watch_once(store, feeds, get=get, geoparse=geoparse, report=report)
        if once:
            return
        sleep(interval)


def read_feed_list(text: str) -> list[str]:
    """Return the feed URLs of a feed list: one per line, blank lines and '#' comments ignored."""
    return [line.split("#", 1)[0].strip() for line in text.splitlines() if line.split("#", 1)[0].strip()]
