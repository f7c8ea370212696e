"""Event dates in passage text, resolved against the article's publication date.

Framework-free and rule-based. A passage such as "Hajin ... fell to the SDF in December", in an
article published on 17 February 2019, dates its event to December 2018: the most recent December
on or before the publication date. Each result is a date range with a precision, like ACLED's
time_precision: day, week, month, season or year; "since 2016" is a range from 2016 up to the
publication date, with the precision of its start.

Every expression keeps its character offsets, so what is shown as "the words that date it" is a
verbatim slice of the article. Nothing here guesses beyond the rules: a passage with no dating
words falls back to its publication date (precision "published").
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache

PRECISIONS = ("day", "week", "month", "season", "year")
PUBLISHED = "published"  # no dating words: the event time is the publication date

_MONTHS = {name: i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name: i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["Sept"] = 9
_MONTH = r"(?:January|February|March|April|June|July|August|September|October|November|December|May|" \
         r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.(?= \d))?)"
_WEEKDAYS = {name: i for i, name in enumerate(calendar.day_name)}
_WEEKDAY = "|".join(calendar.day_name)
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_NOT_NUM_BEFORE = r"(?<![\d,.$£€%/-])"
_NOT_NUM_AFTER = r"(?![\d%]|,\d|\.\d)"

# Order matters: longer, more specific forms first; matches never overlap.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(rf"{_NOT_NUM_BEFORE}(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3]\d){_NOT_NUM_AFTER}")),
    ("dmy", re.compile(rf"{_NOT_NUM_BEFORE}(?P<d>[0-3]?\d)(?:st|nd|rd|th)? (?P<mon>{_MONTH})(?:,? (?P<y>{_YEAR}))?\b")),
    ("mdy", re.compile(rf"\b(?P<mon>{_MONTH}) (?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?:, (?P<y>{_YEAR}))?{_NOT_NUM_AFTER}\b")),
    ("season", re.compile(
        rf"(?i:\b(?:(?P<rel>last|this|next) (?P<s1>spring|summer|autumn|fall|winter)\b|"
        rf"(?:the )?(?P<s2>spring|summer|autumn|fall|winter)(?: of)? (?P<y>{_YEAR})\b|"
        rf"(?<=\bin )the (?P<s3>spring|summer|autumn|fall|winter)\b))")),
    ("part", re.compile(rf"(?i:\b(?P<part>early|mid|late)[- ](?P<y>{_YEAR})\b)")),
    ("monthyear", re.compile(rf"\b(?P<mon>{_MONTH})(?: of)? (?P<y>{_YEAR})\b")),
    ("relative", re.compile(r"(?i:\b(?P<rel>last|this|next) (?P<unit>week|month|year)\b)")),
    ("dayword", re.compile(r"(?i:\b(?P<word>yesterday|today)\b)")),
    ("weekday", re.compile(rf"\b(?:(?P<last>last) )?(?P<wd>{_WEEKDAY})\b")),
    # a bare month needs a word that makes it a time ("in May", not "may include")
    ("month", re.compile(rf"(?:(?<=\b[Ii]n )|(?<=\b[Ss]ince )|(?<=\b[Uu]ntil )|(?<=\b[Bb]y )|(?<=\b[Ll]ate )|"
                         rf"(?<=\b[Ee]arly )|(?<=\bmid-)|(?<=\b[Ss]ince early )|(?<=\b[Ss]ince late ))"
                         rf"(?P<mon>{_MONTH})(?![\w'])")),
    ("year", re.compile(rf"{_NOT_NUM_BEFORE}\b(?P<y>{_YEAR})\b{_NOT_NUM_AFTER}")),
]
_SINCE = re.compile(r"(?i:\bsince (?:early |late |mid-)?)$")


@dataclass(frozen=True)
class EventTime:
    """A date range that words in a text give an event, with their offsets in that text."""

    start: dt.date
    end: dt.date
    precision: str  # day | week | month | season | year | published
    text_start: int | None = None
    text_end: int | None = None
    since: bool = False  # "since X": from X up to the publication date

    def label(self) -> str:
        """Say the range the way a reader would: '17 Feb 2019', 'December 2018', 'summer 2017', 'since 2016'."""
        if self.since:
            head = EventTime(self.start, self.start, self.precision).label()
            return f"since {head}"
        return describe(self.start, self.end, self.precision)

    def as_dict(self) -> dict[str, object]:
        """Return the range as JSON-ready values."""
        return {"start": self.start.isoformat(), "end": self.end.isoformat(), "precision": self.precision,
                "label": self.label(), "text_start": self.text_start, "text_end": self.text_end}


def _month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _season_range(season: str, year: int) -> tuple[dt.date, dt.date]:
    first, last = _SEASONS[season.lower()]
    if first > last:  # winter of Y: December Y to February Y+1
        return dt.date(year, first, 1), _month_range(year + 1, last)[1]
    return dt.date(year, first, 1), _month_range(year, last)[1]


def describe(start: dt.date, end: dt.date, precision: str) -> str:
    """Return a short human label of a range at its precision."""
    if precision in ("day", PUBLISHED):
        return f"{start.day} {calendar.month_abbr[start.month]} {start.year}"
    if precision == "week":
        return f"week of {start.day} {calendar.month_abbr[start.month]} {start.year}"
    if precision == "month":
        return f"{calendar.month_name[start.month]} {start.year}"
    if precision == "season":
        for name, (first, last) in _SEASONS.items():
            if name != "fall" and start.month == first and end.month == last:
                return f"{name} {start.year}" if first <= last else f"winter {start.year}–{end.year % 100:02d}"
        return f"{calendar.month_abbr[start.month]}–{calendar.month_abbr[end.month]} {end.year}"
    return str(start.year)


def _latest_month(month: int, published: dt.date) -> int:
    """Return the year of the most recent `month` on or before the publication month."""
    return published.year if month <= published.month else published.year - 1


def _resolve(kind: str, m: re.Match[str], published: dt.date) -> tuple[dt.date, dt.date, str] | None:
    g = m.groupdict()
    year = int(g["y"]) if g.get("y") else None
    if kind == "iso":
        day = dt.date(int(g["y"]), int(g["m"]), int(g["d"]))
        return day, day, "day"
    if kind in ("dmy", "mdy"):
        month = _MONTHS[g["mon"].rstrip(".")]
        year = year or _latest_month(month, published)
        try:
            day = dt.date(year, month, int(g["d"]))
        except ValueError:
            return None
        if not g.get("y") and day > published:
            day = day.replace(year=year - 1)
        return day, day, "day"
    if kind == "season":
        if g.get("s2"):
            return (*_season_range(g["s2"], year), "season")
        name = (g.get("s1") or g.get("s3")).lower()
        # the most recent such season that had begun by publication (or the current/next one)
        first = _SEASONS[name][0]
        begun = published.year if (first, 1) <= (published.month, 1) else published.year - 1
        if name == "winter" and published.month <= 2:
            begun = published.year - 1
        rel = (g.get("rel") or "").lower()
        if rel == "last" and _season_range(name, begun)[1] >= published:
            begun -= 1  # "last winter" said during a winter: the one before
        elif rel == "next":
            begun += 1
        return (*_season_range(name, begun), "season")
    if kind == "part":
        first, last = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}[g["part"].lower()]
        return dt.date(year, first, 1), _month_range(year, last)[1], "season"
    if kind in ("monthyear", "month"):
        month = _MONTHS[g["mon"].rstrip(".")]
        return (*_month_range(year or _latest_month(month, published), month), "month")
    if kind == "relative":
        shift = {"last": -1, "this": 0, "next": 1}[g["rel"].lower()]
        unit = g["unit"].lower()
        if unit == "week":
            monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=shift)
            return monday, monday + dt.timedelta(days=6), "week"
        if unit == "month":
            index = published.year * 12 + published.month - 1 + shift
            return (*_month_range(index // 12, index % 12 + 1), "month")
        return dt.date(published.year + shift, 1, 1), dt.date(published.year + shift, 12, 31), "year"
    if kind == "dayword":
        day = published - dt.timedelta(days=1 if g["word"].lower() == "yesterday" else 0)
        return day, day, "day"
    if kind == "weekday":
        # "on Sunday" in a report: the most recent Sunday on or before publication ("last Sunday": strictly before)
        back = (published.weekday() - _WEEKDAYS[g["wd"]]) % 7
        if g.get("last") and back == 0:
            back = 7
        day = published - dt.timedelta(days=back)
        return day, day, "day"
    if kind == "year":
        return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
    return None


def find_times(text: str, published: dt.date | str, offset: int = 0) -> list[EventTime]:
    """Return every dating expression in text, in text order, resolved against the publication date.

    Offsets are Python str indices into text, plus `offset` (pass a passage's start to get
    offsets into the whole article).
    """
    if isinstance(published, str):
        published = dt.date.fromisoformat(published[:10])
    times = _times(text, published)
    if not offset:
        return list(times)
    return [replace(t, text_start=t.text_start + offset, text_end=t.text_end + offset) for t in times]


@lru_cache(maxsize=64)
def _times(text: str, published: dt.date) -> tuple[EventTime, ...]:
    # cached: a passage's times are read for its event time and again for its sentences' roles
    taken = bytearray(len(text))  # 1 where an earlier, more specific form matched: linear in the text
    found: list[EventTime] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            s, e = m.span()
            if taken.find(1, s, e) != -1:
                continue
            resolved = _resolve(kind, m, published)
            if resolved is None:
                continue
            start, end, precision = resolved
            since = bool(_SINCE.search(text[max(0, s - 16):s]))
            if since:
                end = max(end, published)
            taken[s:e] = b"\x01" * (e - s)
            found.append(EventTime(start, end, precision, s, e, since))
    return tuple(sorted(found, key=lambda t: t.text_start or 0))


def event_time(text: str, published: dt.date | str, offset: int = 0) -> EventTime:
    """Return the one event time of a passage: its most precise dating words, else the publication date.

    A point in time ("in December") wins over an open range ("since 2016"); among points the finer
    precision wins, then the earlier in the text.
    """
    if isinstance(published, str):
        published = dt.date.fromisoformat(published[:10])
    times = find_times(text, published, offset)
    if not times:
        return EventTime(published, published, PUBLISHED)
    return min(times, key=lambda t: (t.since, PRECISIONS.index(t.precision), t.text_start or 0))
