"""One database per test module and backend (SQLite, PostgreSQL); each test writes its records
in a transaction that is rolled back, so the many small cases stay fast."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlmodel import Session, SQLModel

import dashboard.models  # noqa: F401  (registers the tables and the spans hook)
from dashboard.db import make_engine
from dashboard.reference_data import sync_reference
from tests.conftest import PG_URL


@pytest.fixture(
    scope="module",
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
    ],
)
def oracle_engine(request, tmp_path_factory):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('oracle') / 'oracle.sqlite3'}"
        schema = None
    else:
        request.getfixturevalue("pg_check")
        schema = f"o_{uuid.uuid4().hex[:12]}"
        admin = create_engine(PG_URL)
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        sep = "&" if "?" in PG_URL else "?"
        url = f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
    eng = make_engine(url)
    SQLModel.metadata.create_all(eng)
    with Session(eng) as s:
        sync_reference(s)
        s.commit()
    yield eng
    eng.dispose()
    if schema:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def osession(oracle_engine) -> Iterator[Session]:
    """A session in a transaction that is rolled back after the test."""
    conn = oracle_engine.connect()
    trans = conn.begin()
    s = Session(bind=conn, expire_on_commit=False, join_transaction_mode="create_savepoint")
    try:
        yield s
    finally:
        s.close()
        trans.rollback()
        conn.close()
