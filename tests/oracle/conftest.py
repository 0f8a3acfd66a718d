"""One database per test module and backend (SQLite, PostgreSQL); each test writes its records
in a transaction that is rolled back, so the many small cases stay fast."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlmodel import Session

import dashboard.models  # noqa: F401  (registers the tables and the spans hook)
from tests.conftest import reference_engine, scratch_database


@pytest.fixture(
    scope="module",
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
    ],
)
def oracle_engine(request, tmp_path_factory):
    directory = tmp_path_factory.mktemp("oracle")
    with scratch_database(request.param, request, directory, prefix="o") as url:
        eng = reference_engine(url)
        yield eng
        eng.dispose()


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
