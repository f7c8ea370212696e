"""Event dates resolved against the publication date (geodata.events.timeparse) and stored per passage."""

import datetime as dt
import sqlite3

import pytest

from geodata.events.timeparse import event_time, find_times
from geodata.store.sqlite import MIGRATIONS, Store

PUB = dt.date(2019, 2, 17)  # a Sunday


def one(text, published=PUB):
    times = find_times(text, published)
    assert len(times) == 1, times
    return times[0]


def test_a_month_without_year_is_the_latest_one_before_publication():
    t = one("Hajin, a major center that fell to the SDF in December, some residents")
    assert (t.start, t.end, t.precision) == (dt.date(2018, 12, 1), dt.date(2018, 12, 31), "month")
    assert t.label() == "December 2018"
    assert one("in February").start == dt.date(2019, 2, 1)  # the publication month itself


@pytest.mark.parametrize(
    "text, start, end, precision",
    [
        ("in the summer of 2017", dt.date(2017, 6, 1), dt.date(2017, 8, 31), "season"),
        ("said on Sunday that", PUB, PUB, "day"),
        ("In a tweet Sunday,", PUB, PUB, "day"),
        ("last Sunday", dt.date(2019, 2, 10), dt.date(2019, 2, 10), "day"),
        ("on Friday", dt.date(2019, 2, 15), dt.date(2019, 2, 15), "day"),
        ("last week", dt.date(2019, 2, 4), dt.date(2019, 2, 10), "week"),
        ("in 2014", dt.date(2014, 1, 1), dt.date(2014, 12, 31), "year"),
        ("on 3 March 2018", dt.date(2018, 3, 3), dt.date(2018, 3, 3), "day"),
        ("on March 5, 2017", dt.date(2017, 3, 5), dt.date(2017, 3, 5), "day"),
        ("on 2018-04-01", dt.date(2018, 4, 1), dt.date(2018, 4, 1), "day"),
        ("in October 2016", dt.date(2016, 10, 1), dt.date(2016, 10, 31), "month"),
        ("yesterday", dt.date(2019, 2, 16), dt.date(2019, 2, 16), "day"),
        ("last summer", dt.date(2018, 6, 1), dt.date(2018, 8, 31), "season"),
    ],
)
def test_expressions_resolve_to_ranges_with_precision(text, start, end, precision):
    t = one(text)
    assert (t.start, t.end, t.precision) == (start, end, precision)
    assert text[t.text_start:t.text_end]  # the dating words, by offsets


def test_since_runs_up_to_publication():
    t = one("In decline since 2016, the group")
    assert (t.start, t.end, t.precision, t.since) == (dt.date(2016, 1, 1), PUB, "year", True)
    assert t.label() == "since 2016"


def test_numbers_and_modal_may_are_not_dates():
    assert find_times("nearly 40,000 residents, 900 fighters, 100% victory", PUB) == []
    assert find_times("The extremists may include commanders", PUB) == []


def test_a_passage_takes_its_most_precise_point_in_time():
    text = ("In decline since 2016, the militant group was stripped of its self-declared capital of Raqqa, "
            "in Syria, in the summer of 2017, leaving behind a destroyed city")
    t = event_time(text, PUB, offset=100)
    assert t.label() == "summer 2017"
    assert text[t.text_start - 100:t.text_end - 100] == "the summer of 2017"


def test_a_passage_without_dating_words_falls_back_to_publication():
    t = event_time("Small shops selling tools have sprung up.", "2019-02-17")
    assert (t.start, t.end, t.precision) == (PUB, PUB, "published")


def test_stored_passages_carry_their_event_time(store):
    hajin = store.passages_of("hajin")[0]["event"]
    assert (hajin["start"], hajin["end"], hajin["precision"], hajin["label"]) == (
        "2018-12-01", "2018-12-31", "month", "December 2018")
    assert hajin["words"] == "December"
    raqqa = store.passages_of("raqqa")[0]["event"]
    assert raqqa["label"] == "summer 2017" and raqqa["words"] == "the summer of 2017"


def test_a_database_from_before_the_migration_gets_its_event_times(tmp_path):
    path = tmp_path / "old.sqlite"
    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[0] + "; PRAGMA user_version = 1;")
    db.execute("INSERT INTO articles (id, title, text, published) VALUES ('a', 'T', 'It fell in May.', '2020-03-01')")
    db.execute("INSERT INTO passages (article_id, start, \"end\") VALUES ('a', 0, 15)")
    db.commit()
    db.close()
    store = Store(path)
    row = store.db.execute("SELECT event_start, event_end, time_precision FROM passages").fetchone()
    assert tuple(row) == ("2019-05-01", "2019-05-31", "month")
    store.close()


def test_many_dates_are_all_found_once_each():
    # a long text of dates: every expression is found, none twice (overlap check by position, not pairwise)
    text = "On 3 March 2019 and in May 2018 they met. " * 2000
    times = find_times(text, "2019-05-01")
    assert len(times) == 4000
    assert len({t.text_start for t in times}) == 4000
