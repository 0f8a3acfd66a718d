"""Shared fixtures: a throwaway database per test on SQLite and on PostgreSQL.

PostgreSQL tests use TEST_DATABASE_URL (default: the local server's `test` database) and a
fresh schema per test. When REQUIRE_POSTGRES=1 (as in .ci/run) an unreachable server fails
the run instead of skipping.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlmodel import Session, SQLModel

os.environ.setdefault("DASHBOARD_FAST_HASH", "1")
os.environ.setdefault("DASHBOARD_SECRET_KEY", "test-secret-key-with-at-least-32-bytes-of-length")
os.environ.setdefault("DASHBOARD_I18N_STRICT", "1")

# registers every table: the record kinds' own (dashboard/kinds/<kind>.py), the shared ones
import dashboard.kinds
import dashboard.models  # noqa: F401
from dashboard.db import make_engine
from dashboard.reference_data import sync_reference
from dashboard.settings import reset_settings_cache

PG_URL = os.environ.get("TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
ENGINES = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
]


def _pg_available() -> str | None:
    try:
        probe = create_engine(PG_URL, connect_args={"connect_timeout": 3})
        with probe.connect() as conn:
            conn.execute(text("SELECT 1"))
        probe.dispose()
        return None
    except Exception as exc:
        return str(exc).splitlines()[0]


@pytest.fixture(scope="session")
def pg_check() -> None:
    problem = _pg_available()
    if problem:
        if os.environ.get("REQUIRE_POSTGRES") == "1":
            pytest.fail(f"PostgreSQL required but unreachable at {PG_URL}: {problem}")
        pytest.skip(f"PostgreSQL unreachable: {problem}")


@pytest.fixture(autouse=True)
def _fresh_settings(monkeypatch, tmp_path_factory) -> Iterator[None]:
    # each test's audit events are anchored in a file of its own (dashboard/audit_anchor.py)
    anchor = tmp_path_factory.mktemp("anchor") / "audit-anchor.log"
    monkeypatch.setenv("DASHBOARD_AUDIT_ANCHOR", str(anchor))
    reset_settings_cache()
    yield
    reset_settings_cache()


@pytest.fixture
def t0() -> datetime:
    """Now, in UTC (the clock the auth tests move forward from)."""
    return datetime.now(UTC)


@pytest.fixture(params=ENGINES)
def backend(request) -> str:
    return request.param


@contextmanager
def scratch_database(backend: str, request, directory: Path, prefix: str = "t") -> Iterator[str]:
    """The URL of an empty database: a SQLite file in `directory`, or a PostgreSQL schema of
    its own (named `prefix_...`), dropped afterwards."""
    if backend == "sqlite":
        yield f"sqlite:///{directory / 'test.sqlite3'}"
        return
    request.getfixturevalue("pg_check")
    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in PG_URL else "?"
    try:
        yield f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def reference_engine(url: str):
    """An engine on `url` with the tables made from the models and the reference data in."""
    eng = make_engine(url)
    SQLModel.metadata.create_all(eng)
    with Session(eng) as session:
        sync_reference(session)
        session.commit()
    return eng


@pytest.fixture
def db_url(backend, request, tmp_path) -> Iterator[str]:
    with scratch_database(backend, request, tmp_path) as url:
        yield url


@pytest.fixture
def engine(db_url):
    eng = reference_engine(db_url)
    yield eng
    eng.dispose()


@pytest.fixture
def session(engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as s:
        yield s
