"""The wheel declares what it imports and ships what it reads."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIRST_PARTY = {"geodata", "webapp"}
_NAME = re.compile(r"^[A-Za-z0-9._-]+")


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared(project: dict, extras: tuple[str, ...] = ("postgres",)) -> set[str]:
    """Return the distributions pyproject.toml names as runtime dependencies (and the optional backends)."""
    reqs = list(project["dependencies"])
    for extra in extras:
        reqs += project["optional-dependencies"][extra]
    return {_normal(_NAME.match(r).group(0)) for r in reqs}


def imported_modules(*packages: str) -> dict[str, str]:
    """Return each top-level module imported anywhere under the packages, with one file that imports it."""
    found: dict[str, str] = {}
    for pkg in packages:
        for path in sorted((ROOT / pkg).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                for name in names:
                    found.setdefault(name.split(".")[0], str(path.relative_to(ROOT)))
    return found


def undeclared(modules: dict[str, str], declared: set[str]) -> list[str]:
    """Return the third-party modules no declared distribution provides."""
    dists = packages_distributions()
    missing = []
    for mod, where in sorted(modules.items()):
        if mod in FIRST_PARTY or mod in sys.stdlib_module_names or mod == "__future__":
            continue
        if not {_normal(d) for d in dists.get(mod, [mod])} & declared:
            missing.append(f"{mod} (imported by {where})")
    return missing


def test_every_third_party_import_of_the_app_is_a_declared_dependency():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    modules = imported_modules("geodata", "webapp")
    assert {"flask", "sqlalchemy", "numpy", "shapely"} <= set(modules)  # the walk sees the imports at all
    assert undeclared(modules, _declared(project)) == []


def test_the_check_finds_a_dependency_left_out():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    project["dependencies"] = [r for r in project["dependencies"] if not r.startswith("numpy")]
    assert any(m.startswith("numpy ") for m in undeclared(imported_modules("geodata"), _declared(project)))


def test_the_app_never_imports_the_build_time_tools():
    assert "tools" not in imported_modules("geodata", "webapp")


def test_the_wheel_ships_the_seeds_and_leaves_tools_out():
    setup_py = (ROOT / "setup.py").read_text(encoding="utf-8")
    assert '"geodata.seeds": "seeds"' in setup_py
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["tool"]["setuptools"]["package-data"]["geodata.seeds"]
    from setuptools import find_packages
    assert not [p for p in find_packages(str(ROOT), include=["geodata", "geodata.*", "webapp", "webapp.*"]) if p.startswith("tools")]
