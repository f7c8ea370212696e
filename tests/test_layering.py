"""The domain stays free of the web: nothing under geodata/ imports Flask, folium or webapp, not even lazily."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = {"flask", "folium", "webapp"}


def imports_of(source: str, module: str) -> set[str]:
    """Return every module the source imports anywhere (top level, in functions, relative imports resolved,
    importlib.import_module and __import__ of a constant name), as dotted names."""
    package = module.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            found.add(".".join([*base, node.module] if node.module else base))
        elif (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)
              and isinstance(node.args[0].value, str)
              and ((isinstance(node.func, ast.Attribute) and node.func.attr == "import_module")
                   or (isinstance(node.func, ast.Name) and node.func.id in ("__import__", "import_module")))):
            found.add(node.args[0].value)
    return found


def forbidden_imports(root: Path = ROOT) -> list[str]:
    """Return 'file: module' for every import of Flask, folium or webapp under geodata/."""
    bad = []
    for path in sorted((root / "geodata").rglob("*.py")):
        rel = path.relative_to(root)
        module = ".".join(rel.with_suffix("").parts)
        for name in sorted(imports_of(path.read_text(encoding="utf-8"), module)):
            if name.split(".")[0] in FORBIDDEN:
                bad.append(f"{rel}: {name}")
    return bad


def test_geodata_never_imports_flask_folium_or_webapp():
    assert len(list((ROOT / "geodata").rglob("*.py"))) > 30  # the walk sees the package, sub-packages included
    assert forbidden_imports() == []


def test_the_check_sees_lazy_relative_and_dynamic_imports():
    lazy = "def f():\n    from webapp.offline import standalone_html\n    return standalone_html\n"
    assert "webapp.offline" in imports_of(lazy, "geodata.export.formats")
    assert "flask" in imports_of("if True:\n    import flask as f\n", "geodata.service")
    assert "folium.plugins" in imports_of("def g():\n    import folium.plugins\n", "geodata.service")
    assert "webapp" in imports_of("import importlib\nimportlib.import_module('webapp')\n", "geodata.service")
    assert "webapp.api" in imports_of("__import__('webapp.api')\n", "geodata.service")
    # `from .. import x` inside geodata.export.formats is geodata
    assert imports_of("from .. import models\n", "geodata.export.formats") == {"geodata"}


def test_the_check_fails_on_a_planted_lazy_import(tmp_path):
    (tmp_path / "geodata" / "export").mkdir(parents=True)
    (tmp_path / "geodata" / "__init__.py").write_text("")
    (tmp_path / "geodata" / "export" / "formats.py").write_text(
        "def export():\n    from webapp.offline import standalone_html\n    return standalone_html\n")
    assert forbidden_imports(tmp_path) == ["geodata/export/formats.py: webapp.offline"]


def test_importing_every_geodata_module_loads_no_web_framework():
    """Imported for real, in a fresh interpreter: no module of geodata brings Flask, folium or webapp along."""
    code = (
        "import importlib, pkgutil, sys\n"
        "import geodata\n"
        # alembic's env.py runs only inside a migration (it reads alembic's context on import)
        "names = [m.name for m in pkgutil.walk_packages(geodata.__path__, 'geodata.')\n"
        "         if not m.name.endswith('.migrations.env')]\n"
        "for name in names:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted({m.split('.')[0] for m in sys.modules} & {'flask', 'folium', 'webapp'})\n"
        "print(len(names), ','.join(loaded))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout.split()
    assert int(out[0]) > 30 and out[1:] == []
