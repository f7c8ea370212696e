"""Corroboration: one reported event from several articles, counted by publisher."""

from __future__ import annotations

import datetime as dt

from geodata.events.corroborate import EventReport, group

DAY = dt.date(2024, 5, 14)


def report(article: str, *, place="omdurman", lat=15.6445, lon=32.4777, publisher="", url="", days=(0, 0),
           kind="Battles", sub="Armed clash", precision=1) -> EventReport:
    return EventReport(article, 0, 100, place, lat, lon, precision, DAY + dt.timedelta(days[0]),
                       DAY + dt.timedelta(days[1]), kind, sub, publisher, url)


def test_reports_of_one_event_are_grouped_and_sources_are_publishers_not_articles():
    wire = report("a1", publisher="Example Wire")
    copy = report("a2", publisher="example  wire")  # the same publisher's second article
    other = report("a3", place="souk", url="https://www.daily.example/news/1", lat=15.66, lon=32.49)  # 2 km away
    (event,) = group([wire, copy, other])
    assert event.as_dict()["source_count"] == 2 and event.as_dict()["article_count"] == 3
    assert event.sources == ["example wire", "daily.example"]


def test_far_apart_other_times_other_kinds_and_one_article_are_not_grouped():
    base = report("a1", publisher="A")
    assert group([base, report("a2", publisher="B", place="elsewhere", lat=15.9)]) == []  # about 28 km north
    assert group([base, report("a2", publisher="B", days=(3, 4))]) == []
    assert group([base, report("a2", publisher="B", kind="Protests", sub="Peaceful protest")]) == []
    assert group([base, EventReport("a1", 200, 300, "omdurman", 15.6445, 32.4777, 1, DAY, DAY, "Battles")]) == []
    assert group([base, report("a2", publisher="B", place="sudan", precision=3)]) == []
    # a development whose kind the text did not tell goes with any type; a month-long range overlaps a day
    (event,) = group([base, report("a2", publisher="B", kind="Strategic developments", sub=None, days=(-10, 20))])
    assert len(event.reports) == 2


def test_a_readers_correction_keeps_a_passage_apart():
    a, b, c = report("a1", publisher="A"), report("a2", publisher="B"), report("a3", publisher="C")
    assert [len(g.reports) for g in group([a, b, c])] == [3]
    assert [len(g.reports) for g in group([a, b, c], apart=[b.key])] == [2]
    assert group([a, b], apart=[b.key]) == []
