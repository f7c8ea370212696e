"""Read articles from files (text, Markdown, JSON lines) and check their fields.

The same loader fills the store from seeds/ on first run, from `run.py ingest`, and in tests.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from geodata.limits import FIELD_LIMITS, check_text
from geodata.links import check_url
from geodata.models import Article


def _seeds_dir() -> Path:
    """Return the shipped articles: geodata/seeds/ in an installed wheel, else the repository's seeds/."""
    here = Path(__file__).resolve().parent
    packaged = here / "seeds"
    # the wheel maps the repository's top-level seeds/ to geodata/seeds (setup.py), so both layouts find them
    return packaged if packaged.is_dir() else here.parent / "seeds"


SEEDS_DIR = _seeds_dir()
ARTICLE_SUFFIXES = (".txt", ".md", ".jsonl")
_DATE_IN_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")


class ArticleError(ValueError):
    """An article's fields are missing or malformed; the message says which."""


def check_date(value: Any) -> str:
    """Return value as an ISO date string, or raise ArticleError."""
    try:
        return dt.date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        raise ArticleError(f"published must be a date like 2019-02-17, not {str(value)[:40]!r}") from None


def article_from_dict(data: Any) -> Article:
    """Return an Article from a JSON object, checking types and limits."""
    if not isinstance(data, dict):
        raise ArticleError("an article must be a JSON object")
    fields: dict[str, str] = {}
    for key, limit in FIELD_LIMITS.items():
        value = data.get(key, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise ArticleError(f"{key} must be a string")
        if "\x00" in value:
            raise ArticleError(f"{key} must not contain null bytes")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ArticleError(f"{key} holds an unpaired surrogate (\\ud800-\\udfff): not valid Unicode text") from None
        if key == "text":
            check_text(value)  # 413, not 400: the article is well formed, only too long
        if len(value) > limit:
            raise ArticleError(f"{key} is longer than {limit:,} characters")
        fields[key] = value
    for key in ("id", "title", "text", "published"):
        if not fields[key].strip():
            raise ArticleError(f"{key} is required")
    if not _ID.match(fields["id"]):
        raise ArticleError("id may hold only letters, digits, '.', '_' and '-' (at most 128)")
    fields["published"] = check_date(fields["published"])
    try:
        fields["url"] = check_url(fields["url"])
    except ValueError as e:
        raise ArticleError(str(e)) from None
    fields["language"] = fields["language"] or "en"
    return Article(**fields)


def _utf8(data: bytes, where: str = "") -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        where = f"{where}: " if where else ""
        raise ArticleError(f"{where}not UTF-8 text (byte {e.start + 1}); save the file as UTF-8") from None


def _text_article(path: Path) -> Article:
    raw = _utf8(path.read_bytes(), path.name)
    meta: dict[str, Any] = {}
    sidecar = path.with_suffix(".json")
    if sidecar.exists():
        try:
            meta = json.loads(_utf8(sidecar.read_bytes(), sidecar.name))
        except json.JSONDecodeError as e:
            raise ArticleError(f"{sidecar.name}: not valid JSON ({e})") from None
        if not isinstance(meta, dict):
            raise ArticleError(f"{sidecar.name}: expected a JSON object of article fields")
    first, _, body = raw.lstrip("\ufeff").partition("\n")
    title = meta.get("title") or first.strip().lstrip("#").strip()
    date = _DATE_IN_NAME.search(path.stem)
    return article_from_dict(
        {
            "id": meta.get("id") or path.stem,
            "title": title,
            # the first line is the title; the stored text is the body, verbatim
            "text": body.lstrip("\n"),
            "published": meta.get("published") or (date.group(1) if date else dt.date.today().isoformat()),
            "source": meta.get("source", ""),
            "url": meta.get("url", ""),
            "language": meta.get("language", "en"),
            "credit": meta.get("credit", ""),
        }
    )


def json_lines(data: Iterable[bytes]) -> Iterator[tuple[int, Any]]:
    """Yield (line number, value) for each non-blank JSON line, or (number, ArticleError) for a bad one.

    Lines end at "\\n" only: binary lines, so U+2028, U+0085 and the like inside a JSON string
    stay in their line, as JSON allows.
    """
    for number, line in enumerate(data, 1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(_utf8(line).lstrip("\ufeff"))
        except ArticleError as e:
            yield number, e
        except json.JSONDecodeError as e:
            yield number, ArticleError(f"not valid JSON ({e.msg} at column {e.colno})")


def read_articles(path: Path, problem: Callable[[str], None] | None = None) -> Iterator[Article]:
    """Yield the articles a file holds: one for .txt/.md, one per line for .jsonl.

    A bad line of a .jsonl file is passed to problem(message) and the next line read; with no
    problem callback the first bad line raises ArticleError.
    """
    path = Path(path)
    if path.suffix == ".jsonl":
        with path.open("rb") as lines:
            for number, value in json_lines(lines):
                try:
                    if isinstance(value, ArticleError):
                        raise value
                    yield article_from_dict(value)
                except ArticleError as e:
                    message = f"{path.name}: line {number}: {e}"
                    if problem is None:
                        raise ArticleError(message) from None
                    problem(message)
    elif path.suffix in (".txt", ".md"):
        yield _text_article(path)
    else:
        raise ArticleError(f"{path.name}: expected .txt, .md or .jsonl")


def seed_files(seeds_dir: Path = SEEDS_DIR) -> list[Path]:
    """Return the article files shipped in seeds/."""
    return sorted(p for p in Path(seeds_dir).iterdir() if p.suffix in (".txt", ".jsonl") and p.name != "README.md")
