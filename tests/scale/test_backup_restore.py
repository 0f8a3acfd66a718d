"""A backup that is known to restore: fill a PostgreSQL schema with the demo data, pg_dump it,
restore the dump with psql into a fresh database, and check that the restored database gives
the same figures (`python -m dashboard progress --json`) and an intact audit chain.

docs/DEPLOY.md describes the same procedure for operators."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from dashboard.cli import main as cli
from tests.conftest import PG_URL

ROOT = Path(__file__).resolve().parents[2]
AS_OF = "2025-06-30"
AS_OF_ARGS = ("--as-of", AS_OF)
DUMP_OPTIONS = ("--no-owner", "--no-privileges")

pytestmark = pytest.mark.postgres


def _tool(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    for candidate in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True):
        return str(candidate)
    return None


@pytest.fixture
def pg_tools(pg_check) -> dict[str, str]:
    tools = {name: _tool(name) for name in ("pg_dump", "psql")}
    missing = [n for n, path in tools.items() if path is None]
    if missing:
        message = f"{', '.join(missing)} not installed (apt-get install postgresql-client)"
        if os.environ.get("REQUIRE_POSTGRES") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return tools


def _libpq(url: str) -> tuple[list[str], dict[str, str]]:
    """Connection options and environment for pg_dump and psql from a SQLAlchemy URL."""
    u = make_url(url)
    args = ["-h", u.host or "127.0.0.1", "-p", str(u.port or 5432), "-U", u.username or "postgres"]
    env = {**os.environ}
    if u.password:
        env["PGPASSWORD"] = u.password
    return args, env


def _with_schema(url: str, schema: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"


def _progress(url: str) -> str:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "dashboard",
            "--database-url",
            url,
            "progress",
            "--json",
            *AS_OF_ARGS,
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def _audit(url: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "dashboard", "--database-url", url, "audit", "verify"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_dump_and_restore_give_the_same_figures(pg_tools, tmp_path):
    base = PG_URL.split("?")[0]
    u = make_url(base)
    schema = f"bk_{uuid.uuid4().hex[:10]}"
    restored_db = f"restore_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    source = _with_schema(base, schema)
    restored = _with_schema(str(u.set(database=restored_db)), schema)
    dump = tmp_path / "tracker.sql"
    options, env = _libpq(base)
    try:
        # the demo data and the reference data (init-db's sync) in a schema of their own
        assert cli(["--database-url", source, "demo"]) == 0
        before = _progress(source)
        audit_before = _audit(source)

        subprocess.run(
            [
                pg_tools["pg_dump"],
                *options,
                "-d",
                u.database,
                "-n",
                schema,
                *DUMP_OPTIONS,
                "-f",
                str(dump),
            ],
            env=env,
            check=True,
            capture_output=True,
        )
        assert dump.stat().st_size > 10_000

        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{restored_db}"'))
        subprocess.run(
            [
                pg_tools["psql"],
                *options,
                "-d",
                restored_db,
                "-v",
                "ON_ERROR_STOP=1",
                "-q",
                "-f",
                str(dump),
            ],
            env=env,
            check=True,
            capture_output=True,
        )

        after = _progress(restored)
        assert after == before
        assert '"targets"' in after and len(after) > 500
        assert _audit(restored) == audit_before
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            conn.execute(text(f'DROP DATABASE IF EXISTS "{restored_db}" WITH (FORCE)'))
        admin.dispose()
