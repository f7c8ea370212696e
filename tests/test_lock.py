"""constraints.txt pins every dependency the project declares, at a version its declared bounds accept."""

from __future__ import annotations

import tomllib
from pathlib import Path

from packaging.requirements import Requirement

from tools.deps import locked

ROOT = Path(__file__).resolve().parents[1]


def declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = project["dependencies"] + project["optional-dependencies"]["test"]
    return [Requirement(r) for r in names]


def test_every_declared_dependency_is_pinned_within_its_bounds():
    pins = locked(ROOT / "constraints.txt")
    for req in declared():
        if req.marker is not None and not req.marker.evaluate():
            continue  # e.g. gunicorn on Windows
        name = req.name.lower().replace("_", "-")
        assert name in pins, f"{req.name} is not in constraints.txt: run make lock"
        assert req.specifier.contains(pins[name], prereleases=True), f"{req.name}=={pins[name]} is outside {req.specifier}"


def test_every_pin_is_exact():
    lines = [line for line in (ROOT / "constraints.txt").read_text().splitlines() if line.strip() and not line.startswith("#")]
    assert lines and all("==" in line and ">" not in line and "<" not in line for line in lines)
