"""A throwaway PostgreSQL server for the tests, or the one CONFLICT_MAP_TEST_PG_URL names.

The server is started from the Debian `postgresql` package's binaries (initdb, pg_ctl) in a
temporary directory, listening only on a unix socket there, with trust authentication. initdb
refuses to run as root, so as root the cluster belongs to the `postgres` system user.
Each test gets a schema of its own (search_path in the URL), dropped afterwards.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path
from urllib.parse import quote


class Unavailable(Exception):
    """No PostgreSQL server can be had here; the message says why."""


def _binaries() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[4]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).resolve().parent
    raise Unavailable("no PostgreSQL binaries (initdb, pg_ctl): apt-get install postgresql")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A PostgreSQL cluster in a temporary directory, stopped and removed by stop()."""

    def __init__(self) -> None:
        bindir = _binaries()
        self.root = Path(tempfile.mkdtemp(prefix="conflict-map-pg-"))
        self.root.chmod(0o755)
        self.data, self.sockets, self.log = self.root / "data", self.root / "run", self.root / "server.log"
        self.data.mkdir()
        self.sockets.mkdir()
        self.log.touch()
        self.port = _free_port()
        self.prefix: list[str] = []
        user = pwd.getpwuid(os.getuid()).pw_name
        if os.getuid() == 0:  # initdb and postgres refuse to run as root
            try:
                pw = pwd.getpwnam("postgres")
            except KeyError as e:
                raise Unavailable("running as root and there is no `postgres` user to own the cluster") from e
            for p in (self.data, self.sockets, self.log):
                os.chown(p, pw.pw_uid, pw.pw_gid)
            runuser = shutil.which("runuser")
            if runuser is None:
                raise Unavailable("running as root without runuser to start PostgreSQL as `postgres`")
            self.prefix, user = [runuser, "-u", "postgres", "--"], "postgres"
        self.pg_ctl = str(bindir / "pg_ctl")
        self._run([str(bindir / "initdb"), "-D", str(self.data), "-U", user, "--auth=trust",
                   "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"])
        options = (f"-k {self.sockets} -p {self.port} -c listen_addresses='' -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=100")
        self._run([self.pg_ctl, "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "-t", "60", "start"])
        self.url = f"postgresql://{quote(user)}@/postgres?host={quote(str(self.sockets))}&port={self.port}"

    def _run(self, argv: list[str]) -> None:
        done = subprocess.run(self.prefix + argv, capture_output=True, text=True, cwd=self.root)
        if done.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise Unavailable(f"{Path(argv[0]).name} failed ({done.returncode}): {done.stderr.strip()[-2000:]}\n{log}")

    def stop(self) -> None:
        try:
            self._run([self.pg_ctl, "-D", str(self.data), "-m", "immediate", "-w", "stop"])
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def schema_url(base: str, schema: str) -> str:
    """Return the URL with the session's search_path set to one schema (and named after it)."""
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options={quote(f'-csearch_path={schema}')}&application_name={schema}"


class Schemas:
    """Hands out fresh schemas on one server and drops them again."""

    def __init__(self, base_url: str) -> None:
        import psycopg

        self.base_url = base_url
        try:
            self.admin = psycopg.connect(base_url, autocommit=True, connect_timeout=10)
        except psycopg.OperationalError as e:
            raise Unavailable(f"cannot connect to {base_url}: {e}") from e

    def create(self) -> tuple[str, str]:
        name = f"t_{uuid.uuid4().hex[:12]}"
        self.admin.execute(f"CREATE SCHEMA {name}")
        return name, schema_url(self.base_url, name)

    def drop(self, name: str) -> None:
        # connections a test forgot to close would hold locks on the schema's tables
        self.admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid != pg_backend_pid() "
            "AND datname = current_database() AND application_name = %s", (name,)
        )
        self.admin.execute(f"DROP SCHEMA {name} CASCADE")

    def close(self) -> None:
        self.admin.close()
