"""The write policy and the allowed hosts (webapp/access.py), through the Flask test client with faked peers."""

from __future__ import annotations

import pytest

from webapp import create_app

ARTICLE = {"id": "access-1", "title": "Access", "text": "Fighting was reported in Hajin.", "published": "2019-01-02",
           "source": "Test wire", "url": "https://example.org/access"}


def make_app(tmp_path, **config):
    return create_app({"DATABASE": str(tmp_path / "a.sqlite"), "TILE_URL": "", **config})


def post(app, headers=None, peer="127.0.0.1", host="127.0.0.1:5000", body=ARTICLE):
    client = app.test_client()
    return client.post("/api/articles", json=body, headers={"Host": host, **(headers or {})},
                       environ_base={"REMOTE_ADDR": peer})


def stored(app) -> int:
    return len(app.test_client().get("/api/articles").get_json()["articles"])


@pytest.mark.parametrize("peer,host,headers", [
    ("192.0.2.10", "127.0.0.1:5000", {}),                              # another machine, even naming loopback
    ("10.1.2.3", "localhost", {}),
    ("127.0.0.1", "192.0.2.7:5000", {}),                               # a non-loopback Host the app also serves
    ("127.0.0.1", "127.0.0.1:5000", {"X-Forwarded-For": "203.0.113.9"}),
    ("127.0.0.1", "127.0.0.1:5000", {"X-Forwarded-For": "127.0.0.1"}),  # a proxy's word is no proof
    ("::1", "[::1]:5000", {"Forwarded": "for=203.0.113.9"}),
    ("127.0.0.1", "localhost:5000", {"X-Real-IP": "203.0.113.9"}),
    ("127.0.0.1", "localhost:5000", {"Origin": "http://evil.example"}),
    ("127.0.0.1", "localhost:5000", {"Origin": "null"}),
    ("127.0.0.1", "localhost:5000", {"Origin": "http://localhost:5001"}),
    ("127.0.0.1", "localhost:5000", {"Sec-Fetch-Site": "cross-site"}),
    ("127.0.0.1", "localhost:5000", {"Sec-Fetch-Site": "same-site"}),
    ("", "localhost:5000", {}),                                        # a server that gives no peer (unix socket)
])
def test_writes_without_token_need_a_provably_local_same_site_request(tmp_path, peer, host, headers):
    app = make_app(tmp_path, ALLOWED_HOSTS="192.0.2.7")
    before = stored(app)
    r = post(app, headers, peer=peer, host=host)
    assert r.status_code == 403, r.get_json()
    assert r.get_json()["ok"] is False and "CONFLICT_MAP_TOKEN" in r.get_json()["error"]
    assert stored(app) == before


@pytest.mark.parametrize("peer,host,headers", [
    ("127.0.0.1", "127.0.0.1:5000", {}),
    ("127.5.6.7", "localhost", {}),
    ("::ffff:127.0.0.1", "localhost:5000", {}),
    ("::1", "[::1]:5000", {"Origin": "http://[::1]:5000", "Sec-Fetch-Site": "same-origin"}),
])
def test_a_local_same_origin_write_without_token_is_stored(tmp_path, peer, host, headers):
    assert post(make_app(tmp_path), headers, peer=peer, host=host).status_code == 201


def test_a_valid_token_writes_from_anywhere_and_compares_in_constant_time(tmp_path):
    app = make_app(tmp_path, WRITE_TOKEN="s3cret", ALLOWED_HOSTS="map.example")
    remote = {"peer": "203.0.113.9", "host": "map.example"}
    assert post(app, {"Origin": "http://evil.example"}, **remote).status_code == 401
    assert post(app, {"Authorization": "Bearer s3cre"}, **remote).status_code == 401
    r = post(app, {"Authorization": "Bearer s3cret", "Origin": "http://evil.example", "X-Forwarded-For": "1.2.3.4"}, **remote)
    assert r.status_code == 201


def test_behind_a_trusted_proxy_the_forwarded_client_decides(tmp_path):
    app = make_app(tmp_path, TRUSTED_PROXIES="10.0.0.0/8, 192.0.2.1")
    assert post(app, {"X-Forwarded-For": "203.0.113.9"}, peer="10.0.0.5").status_code == 403
    assert post(app, {"X-Forwarded-For": "203.0.113.9, 10.0.0.7"}, peer="10.0.0.5").status_code == 403
    # a client that forges X-Forwarded-For: 127.0.0.1 is still the hop the proxy appended
    assert post(app, {"X-Forwarded-For": "127.0.0.1, 203.0.113.9"}, peer="192.0.2.1").status_code == 403
    assert post(app, {"X-Forwarded-For": "127.0.0.1"}, peer="10.0.0.5").status_code == 201
    # an untrusted peer's forwarding headers still refuse
    assert post(app, {"X-Forwarded-For": "127.0.0.1"}, peer="127.0.0.1",
                body={**ARTICLE, "id": "access-2"}).status_code == 403


def test_every_write_method_on_every_route_is_guarded(tmp_path):
    app = make_app(tmp_path)
    client = app.test_client()
    for rule in app.url_map.iter_rules():
        for method in sorted(rule.methods & {"POST", "PUT", "PATCH", "DELETE"}):
            url = rule.build({a: "x" for a in rule.arguments}, append_unknown=False)[1]
            r = client.open(url, method=method, json={}, environ_base={"REMOTE_ADDR": "192.0.2.10"})
            assert r.status_code == 403, (method, url)


@pytest.mark.parametrize("host", ["rebind.attacker.example", "rebind.attacker.example:5000", "192.0.2.7",
                                  "localhost.attacker.example", "127.0.0.1.nip.io", "bad host", "x" * 300])
def test_a_foreign_host_gets_400_in_the_error_shape(tmp_path, host):
    client = make_app(tmp_path).test_client()
    r = client.get("/api/articles", headers={"Host": host})
    assert r.status_code == 400 and r.get_json()["ok"] is False and r.get_json()["status"] == 400
    page = client.get("/", headers={"Host": host, "Accept": "text/html"})
    assert page.status_code == 400 and page.mimetype == "text/html" and b"Hajin" not in page.data
    assert "Content-Security-Policy" in page.headers


@pytest.mark.parametrize("bind,host", [("127.0.0.1", "localhost:5000"), ("127.0.0.1", "[::1]"), ("127.0.0.2", "127.0.0.2"),
                                       ("map.internal", "map.internal:8080"), ("192.0.2.7", "192.0.2.7:5000")])
def test_loopback_names_and_the_bind_name_are_served(tmp_path, bind, host):
    client = make_app(tmp_path, BIND_HOST=bind).test_client()
    assert client.get("/api/articles", headers={"Host": host}).status_code == 200


def test_allowed_hosts_extend_by_config_and_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("CONFLICT_MAP_ALLOWED_HOSTS", "map.example, Other.Example.")
    client = make_app(tmp_path).test_client()
    for host in ("map.example", "other.example:8080"):
        assert client.get("/api/articles", headers={"Host": host}).status_code == 200
    assert client.get("/api/articles", headers={"Host": "third.example"}).status_code == 400
    monkeypatch.delenv("CONFLICT_MAP_ALLOWED_HOSTS")
    any_host = make_app(tmp_path, ALLOWED_HOSTS=["*"]).test_client()
    assert any_host.get("/api/articles", headers={"Host": "third.example"}).status_code == 200


def test_a_bad_trusted_proxy_is_refused_at_start(tmp_path):
    with pytest.raises(ValueError, match="trusted proxy 'proxy.example'"):
        make_app(tmp_path, TRUSTED_PROXIES="proxy.example")
