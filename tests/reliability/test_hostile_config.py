"""Redirects never echo the client's Host; a tile URL setting cannot add CSP directives (issue 14, item 8)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.reliability.servers import ROOT
from webapp import create_app

HOSTILE_TILES = [
    "https://tile.example/{z}/{x}/{y}.png; script-src * 'unsafe-inline'",
    "https://tile.example;script-src *",
    "https://tile.example/{z}/{x}/{y}.png 'unsafe-eval'",
    "https://tile.example/{z}/{x}/{y}.png, script-src *",
    "https://tile.example/{z}/{x}/{y}.png'",
    "javascript:alert(1)//{z}/{x}/{y}",
    "data:image/png;base64,AAAA",
    "//evil.example/{z}/{x}/{y}.png",
]


def directives(csp: str) -> dict[str, str]:
    return dict((d.strip().split(" ", 1) + [""])[:2] for d in csp.split(";") if d.strip())


@pytest.mark.parametrize("host", ["localhost:5000", "rebind.attacker.example"])
def test_the_double_slash_redirect_has_a_relative_location(tmp_path, host):
    app = create_app({"DATABASE": str(tmp_path / "a.sqlite"), "TILE_URL": "", "ALLOWED_HOSTS": "*"})
    r = app.test_client().get("//", headers={"Host": host})
    assert r.status_code in (301, 308) and r.headers["Location"] == "/"


@pytest.mark.parametrize("url", HOSTILE_TILES)
def test_a_hostile_tile_url_is_refused_at_config_time(tmp_path, monkeypatch, url):
    with pytest.raises(ValueError, match="tile URL"):
        create_app({"DATABASE": str(tmp_path / "a.sqlite"), "TILE_URL": url})
    monkeypatch.setenv("CONFLICT_MAP_TILE_URL", url)
    with pytest.raises(ValueError, match="tile URL"):
        create_app({"DATABASE": str(tmp_path / "a.sqlite")})


def test_serve_refuses_a_hostile_tile_url_in_one_line(tmp_path):
    done = subprocess.run([sys.executable, "run.py", "serve", "--db", str(tmp_path / "x.sqlite"), "--tiles", HOSTILE_TILES[0]],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "tile URL" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("url,origin", [("https://tile.example:8443/{z}/{x}/{y}.png?key=k&v=2", "https://tile.example:8443"),
                                        ("https://{s}.tile.example/{z}/{x}/{y}.png", "https://*.tile.example"),
                                        ("/tiles/{z}/{x}/{y}.png", None)])
def test_a_valid_tile_url_adds_only_its_origin_to_img_src(tmp_path, url, origin):
    app = create_app({"DATABASE": str(tmp_path / "a.sqlite"), "TILE_URL": url, "TILES_ON": True})
    csp = directives(app.test_client().get("/api/articles").headers["Content-Security-Policy"])
    assert csp["img-src"].split() == ["'self'", "data:"] + ([origin] if origin else [])
    assert csp["script-src"] == "'self'" and csp["default-src"] == "'self'"
    assert set(csp) == {"default-src", "script-src", "style-src", "img-src", "connect-src", "object-src", "base-uri",
                        "form-action", "frame-ancestors"}
