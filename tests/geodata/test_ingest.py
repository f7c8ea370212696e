import json

from geodata.ingest import count_articles, ingest_files
from geodata.service import open_store

TEXTS = [
    "Shelling hit Hajin on Monday.\n\nFamilies fled from Mosul towards Baghdad.",
    "Aid reached Raqqa and Aleppo.\n\nThe Euphrates was low near Deir ez-Zor.",
    "Reports from Kharkiv and Khartoum could not be verified.",
]


def write_corpus(path, n=12, bad_line_at=None):
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            if i == bad_line_at:
                f.write("{not json\n")
            f.write(json.dumps({"id": f"doc-{i}", "title": f"Doc {i}", "text": TEXTS[i % 3], "published": "2020-01-02"}) + "\n")


def snapshot(store):
    return sorted((m.article_id, m.place_slug, m.start, m.end, m.method)
                  for a in store.articles() for m in store.mentions_of(a["id"]))


def test_workers_store_exactly_what_one_process_stores(tmp_path):
    corpus = tmp_path / "c.jsonl"
    write_corpus(corpus)
    assert count_articles([corpus]) == 12
    results = []
    for workers in (0, 2):
        store = open_store(tmp_path / f"w{workers}.sqlite")
        done = []
        report = ingest_files(store, [corpus], workers=workers, progress=done.append)
        assert report.added == 12 and report.problems == [] and sum(done) == 12
        results.append(snapshot(store))
        store.close()
    assert results[0] == results[1] and len(results[0]) > 12


def test_a_bad_line_is_reported_and_the_articles_around_it_are_kept(tmp_path):
    corpus = tmp_path / "c.jsonl"
    write_corpus(corpus, n=6, bad_line_at=4)
    store = open_store(tmp_path / "a.sqlite")
    report = ingest_files(store, [corpus], workers=0)
    assert report.added == 6 and len(report.problems) == 1 and "line 5" in report.problems[0]
    again = ingest_files(store, [corpus], workers=0)
    assert again.added == 0 and again.stored == 6 and again.problems == [report.problems[0]]
    store.close()


def test_the_statements_an_article_costs_do_not_grow_with_its_places_or_the_store(tmp_path):
    from sqlalchemy import event

    def statements(store, path):
        count = []
        listener = lambda *args: count.append(1)  # noqa: E731
        event.listen(store.engine, "before_cursor_execute", listener)
        try:
            assert ingest_files(store, [path], workers=0).problems == []
        finally:
            event.remove(store.engine, "before_cursor_execute", listener)
        return len(count)

    def corpus(name, n, places):
        path = tmp_path / f"{name}.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for i in range(n):
                text = f"Shelling hit {', '.join(places)} on Monday."
                f.write(json.dumps({"id": f"{name}-{i}", "title": "t", "text": text, "published": "2020-01-02"}) + "\n")
        return path

    few, many = ["Mosul"], ["Mosul", "Baghdad", "Aleppo", "Kharkiv", "Khartoum", "Kabul", "Sanaa", "Tripoli"]
    store = open_store(tmp_path / "s.sqlite")
    small = statements(store, corpus("few", 10, few))
    assert small <= 6 * 10  # a handful per article: its write, not reads of what is stored
    assert statements(store, corpus("many", 10, many)) <= small  # per article, not per mention or place
    assert statements(store, corpus("again", 10, many)) <= small  # nor per place already stored
