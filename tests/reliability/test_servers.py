"""Writes fail closed and foreign Host names are refused under every WSGI server a user may run the app with."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.reliability.servers import KINDS, ROOT, LiveServer

ARTICLE = {"id": "guard-1", "title": "Guard", "text": "Fighting was reported in Hajin.", "published": "2019-01-02",
           "source": "Test wire", "url": "https://example.org/guard"}


@pytest.fixture(scope="module", params=KINDS)
def server(request, tmp_path_factory):
    live = LiveServer(request.param, tmp_path_factory.mktemp("srv") / "served.sqlite")
    yield live
    live.stop()


@pytest.mark.parametrize("headers", [
    {"Host": "192.0.2.7"},                                  # the server reached by another name or address
    {"X-Forwarded-For": "203.0.113.9"},                     # a proxy on this machine relays a remote client
    {"Forwarded": "for=203.0.113.9"},
    {"X-Real-IP": "203.0.113.9"},
    {"Origin": "http://evil.example"},                      # a page of another site posting with fetch()
    {"Sec-Fetch-Site": "cross-site"},
], ids=["host", "x-forwarded-for", "forwarded", "x-real-ip", "origin", "sec-fetch-site"])
def test_a_write_without_token_that_is_not_provably_local_is_refused(server, headers):
    before = server.article_count()
    status, _, body = server.request("POST", "/api/articles", ARTICLE, headers)
    assert status in (400, 403), (server.kind, status, body)
    assert body["ok"] is False and body["status"] == status
    assert server.article_count() == before


def test_a_rebinding_host_gets_400_on_reads_too(server):
    status, _, body = server.request("GET", "/api/articles", headers={"Host": "rebind.attacker.example:8080"})
    assert status == 400 and body["ok"] is False and "host" in body["error"]
    assert server.request("GET", "/api/articles", headers={"Host": "localhost"})[0] == 200


def test_a_local_write_without_token_works_where_the_server_shows_forwarding_headers(server):
    status, _, body = server.request("POST", "/api/articles", {**ARTICLE, "id": f"local-{server.port}"})
    if server.kind == "waitress-serve":
        # waitress-serve drops X-Forwarded-For before the app sees it: a proxied request would look local
        assert status == 403 and "waitress-serve" in body["error"]
    else:
        assert status == 201, body


def test_a_token_writes_under_waitress_serve_but_not_for_a_foreign_host(tmp_path):
    live = LiveServer("waitress-serve", tmp_path / "token.sqlite", env={"CONFLICT_MAP_TOKEN": "s3cret"})
    try:
        auth = {"Authorization": "Bearer s3cret"}
        assert live.request("POST", "/api/articles", ARTICLE)[0] == 401
        assert live.request("POST", "/api/articles", ARTICLE, {**auth, "Host": "rebind.attacker.example"})[0] == 400
        assert live.request("POST", "/api/articles", ARTICLE, {**auth, "X-Forwarded-For": "203.0.113.9"})[0] == 201
    finally:
        live.stop()


def test_serve_extends_the_allowed_hosts_and_refuses_a_bad_trusted_proxy_in_one_line(tmp_path):
    live = LiveServer("run.py --workers 1 --allowed-host map.example --trusted-proxy 10.0.0.0/8", tmp_path / "cli.sqlite")
    try:
        assert live.request("GET", "/api/articles", headers={"Host": "map.example"})[0] == 200
        assert live.request("GET", "/api/articles", headers={"Host": "other.example"})[0] == 400
    finally:
        live.stop()
    done = subprocess.run([sys.executable, "run.py", "serve", "--db", str(tmp_path / "x.sqlite"), "--trusted-proxy", "proxy"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "trusted proxy 'proxy'" in done.stderr and "Traceback" not in done.stderr
