"""Lock and audit the dependencies: `make lock` pins the venv into constraints.txt, `make audit` checks them.

    python -m tools.deps lock     # write constraints.txt from the venv (pip freeze, editable project left out)
    python -m tools.deps audit [PIP_AUDIT]   # pip-audit (build/audit/bin/pip-audit, its own venv) over
                                  # constraints.txt when it installed and PyPI answers; always the offline
                                  # checks: pip check, and the venv matches the lock

Installs (`make run`, `make test`) use `pip install -c constraints.txt`, so every machine gets the
versions that were tested. Exit status 1 when a check fails.
"""

from __future__ import annotations

import datetime
import json
import platform
import subprocess
import sys
from pathlib import Path

LOCK = Path(__file__).resolve().parents[1] / "constraints.txt"


def frozen() -> dict[str, str]:
    """Return the venv's installed distributions as {lower-case name: version}, the project itself left out."""
    out = subprocess.run([sys.executable, "-m", "pip", "freeze", "--exclude-editable"], capture_output=True, text=True,
                         check=True).stdout
    return {name.lower(): version for name, _, version in (line.partition("==") for line in out.splitlines()) if version}


def locked(path: Path = LOCK) -> dict[str, str]:
    """Return the pins of a constraints file as {lower-case name: version}."""
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        name, _, version = line.split("#", 1)[0].strip().partition("==")
        if version:
            pins[name.strip().lower()] = version.strip()
    return pins


def lock() -> int:
    """Write constraints.txt with the venv's pinned versions."""
    pins = frozen()
    header = [
        "# Pinned versions of every package the venv has (the project's dependencies and extras, and theirs).",
        f"# Written by `make lock` on {datetime.date.today().isoformat()} with Python {platform.python_version()};"
        " installs use `pip install -c constraints.txt`.",
        "# Re-run `make lock` after changing pyproject.toml, and `make audit` to check these versions.",
    ]
    LOCK.write_text("\n".join(header + [f"{name}=={pins[name]}" for name in sorted(pins)]) + "\n", encoding="utf-8")
    print(f"constraints.txt: {len(pins)} packages pinned")
    return 0


def offline_checks() -> bool:
    """Run the checks that need no network: pip check, and the venv against the lock. Return whether both pass."""
    check = subprocess.run([sys.executable, "-m", "pip", "check"], capture_output=True, text=True)
    print("pip check (installed packages' requirements are met):", "ok" if check.returncode == 0 else "FAILED")
    if check.returncode:
        print(check.stdout.strip())
    have, pins = frozen(), locked()
    drift = sorted(f"{n}: locked {pins[n]}, installed {have.get(n, 'none')}" for n in pins if have.get(n) != pins[n])
    print(f"venv against constraints.txt ({len(pins)} pins):", "ok" if not drift else "DIFFERS")
    for line in drift:
        print("  " + line)
    return check.returncode == 0 and not drift


def audit(pip_audit: str = "build/audit/bin/pip-audit") -> int:
    """Audit the locked versions with pip-audit when it can run, and always run the offline checks."""
    ok = offline_checks()
    if not Path(pip_audit).exists():
        print(f"pip-audit is not installed at {pip_audit} (no PyPI?): known vulnerabilities were NOT checked; only "
              "the two offline checks above ran (requirements consistent, venv equal to the lock).")
        return 0 if ok else 1
    # pip-audit lives in its own venv (make audit), so its packages never enter the app's venv or its lock
    done = subprocess.run([pip_audit, "--requirement", str(LOCK), "--no-deps", "--disable-pip", "--progress-spinner", "off",
                           "--format", "json"], capture_output=True, text=True)
    try:
        deps = json.loads(done.stdout)["dependencies"]
    except (ValueError, KeyError):
        print(f"pip-audit failed (exit {done.returncode}): known vulnerabilities were NOT checked.\n{done.stderr[-2000:]}")
        return 1
    audited = [d for d in deps if "skip_reason" not in d]
    vulnerable = [d for d in audited if d.get("vulns")]
    print(f"pip-audit: {len(audited)} of {len(deps)} locked packages checked against PyPI's advisory data")
    if len(audited) < len(deps):
        print(f"  {len(deps) - len(audited)} NOT checked (advisory data unreachable or package unknown there), e.g. "
              + ", ".join(d["name"] for d in deps if "skip_reason" in d)[:300])
    for d in vulnerable:
        print(f"  {d['name']} {d['version']}: " + ", ".join(v["id"] + (f" (fixed in {', '.join(v['fix_versions'])})"
                                                                   if v.get("fix_versions") else "") for v in d["vulns"]))
    return 0 if ok and not vulnerable else 1


def main(argv: list[str]) -> int:
    """Run `lock` or `audit`."""
    if argv == ["lock"]:
        return lock()
    if argv[:1] == ["audit"] and len(argv) <= 2:
        return audit(*argv[1:])
    print("usage: python -m tools.deps lock | audit [PIP_AUDIT]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
