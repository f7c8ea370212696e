"""Writers and readers at once against the real waitress server (`run.py serve`): every article
stored exactly once, no errors. A bounded version of bench/concurrency.py (8 writers x 50, 4 readers)."""

from __future__ import annotations

import http.client
import json
import threading

from tests.reliability.conftest import row_counts

WRITERS, PER_WRITER, READERS = 4, 10, 2
PLACES = ["Hajin", "Baghouz", "Raqqa", "Al-Susah", "Deir el-Zour", "Syria", "Iraq", "the Euphrates"]


def article(writer: int, n: int) -> dict:
    a, b = PLACES[(writer + n) % len(PLACES)], PLACES[(writer * 3 + n) % len(PLACES)]
    return {
        "id": f"w{writer}-a{n}",
        "title": f"Report {n} from writer {writer}",
        "text": f"Shelling was reported in {a} on Monday.\n\nFamilies fled towards {b}, witnesses said.",
        "published": f"2019-03-{1 + n % 28:02d}",
        "source": "Concurrency test",
    }


def test_writers_and_readers_at_once(live_server):
    before = row_counts(live_server.db)["articles"]
    errors: list[str] = []
    created: list[str] = []
    reads = [0]
    writers_done = threading.Event()
    lock = threading.Lock()

    def writer(w: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", live_server.port, timeout=30)
        for n in range(PER_WRITER):
            body = json.dumps(article(w, n))
            conn.request("POST", "/api/articles", body, {"Content-Type": "application/json"})
            r = conn.getresponse()
            payload = r.read()
            with lock:
                if r.status == 201:
                    created.append(json.loads(payload)["id"])
                else:
                    errors.append(f"POST {r.status} {payload[:200]!r}")
        conn.close()

    def reader(i: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", live_server.port, timeout=30)
        urls = ["/api/places?bbox=35,30,45,40", "/api/places", "/api/places/hajin", "/api/articles"]
        k = 0
        while not writers_done.is_set() or k < 4:
            conn.request("GET", urls[(i + k) % len(urls)])
            r = conn.getresponse()
            payload = r.read()
            k += 1
            with lock:
                reads[0] += 1
                if r.status != 200:
                    errors.append(f"GET {r.status} {payload[:200]!r}")
                elif not json.loads(payload):
                    errors.append("GET returned an empty document")
        conn.close()

    readers = [threading.Thread(target=reader, args=(i,)) for i in range(READERS)]
    writers = [threading.Thread(target=writer, args=(w,)) for w in range(WRITERS)]
    for t in readers + writers:
        t.start()
    for t in writers:
        t.join(timeout=120)
    writers_done.set()
    for t in readers:
        t.join(timeout=60)

    assert errors == []
    assert sorted(created) == sorted(f"w{w}-a{n}" for w in range(WRITERS) for n in range(PER_WRITER))
    assert row_counts(live_server.db)["articles"] == before + WRITERS * PER_WRITER
    assert reads[0] >= READERS * 4
    # and each stored article can be read back with its places
    conn = http.client.HTTPConnection("127.0.0.1", live_server.port, timeout=30)
    conn.request("GET", "/api/articles/w1-a3")
    r = conn.getresponse()
    assert r.status == 200 and json.loads(r.read())["places"]
