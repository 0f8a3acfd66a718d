"""Engines and sessions for SQLite (default) and PostgreSQL (when DATABASE_URL says so)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, create_engine

from dashboard.settings import default_database_url, normalise_database_url

SQLITE_BUSY_TIMEOUT_MS = 15_000


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str) -> Engine:
    url = normalise_database_url(url)
    if url.startswith("sqlite"):
        if url in {"sqlite://", "sqlite:///:memory:"}:
            engine = create_engine(
                "sqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool
            )
        else:
            path = Path(url.split("sqlite:///", 1)[1])
            path.parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 15})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)


def engine_for(args: object) -> Engine:
    """The engine a command works on: its `--database-url`, else DATABASE_URL, else the
    default SQLite file. Every command module takes it from here (none imports another's)."""
    url = (
        getattr(args, "database_url", None)
        or os.environ.get("DATABASE_URL")
        or default_database_url()
    )
    return make_engine(url)


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A unit of work: commit on success, roll back on any error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


_engines: dict[str, Engine] = {}


def shared_engine(url: str) -> Engine:
    """One engine per URL per process (the web server's routes and the Streamlit script
    share it)."""
    url = normalise_database_url(url)
    if url not in _engines:
        _engines[url] = make_engine(url)
    return _engines[url]
