"""The API served by the real server app (dashboard.server.app, Streamlit's ASGI app with
the /api/v1 routes and the server's middleware) on a demo database, on SQLite and
PostgreSQL, with fresh rate limits per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlmodel import Session, func, select
from starlette.testclient import TestClient

from dashboard import db
from dashboard.api import auth, tokens
from dashboard.api.limits import Limits
from dashboard.cli import main as cli
from dashboard.models import AuditEvent
from dashboard.settings import reset_settings_cache


@pytest.fixture
def api_db(db_url, monkeypatch) -> Iterator[str]:
    """The demo database the server reads (DATABASE_URL), migrated to head."""
    assert cli(["--database-url", db_url, "demo"]) == 0
    monkeypatch.setenv("DATABASE_URL", db_url)
    reset_settings_cache()
    yield db_url
    engine = db._engines.pop(db.normalise_database_url(db_url), None)
    if engine is not None:
        engine.dispose()


@pytest.fixture
def api_session(api_db) -> Iterator[Session]:
    engine = db.make_engine(api_db)
    with Session(engine, expire_on_commit=False) as s:
        yield s
    engine.dispose()


@pytest.fixture
def client(api_db, monkeypatch) -> TestClient:
    monkeypatch.setattr(auth, "LIMITS", Limits())
    from dashboard import server

    return TestClient(server.app, base_url="http://tracker.test")


@pytest.fixture
def make_token(api_session):
    """make_token(name, role, province=None, **kw) -> the token, created as the CLI does."""

    def make(name: str, role: str, province: str | None = None, **kw) -> str:
        _, token = tokens.create_token(
            api_session, name=name, role=role, province_code=province, **kw
        )
        api_session.commit()
        return token

    return make


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def api_calls(session: Session, **where) -> list[AuditEvent]:
    session.expire_all()
    stmt = select(AuditEvent).where(AuditEvent.action == "api_call")
    for key, value in where.items():
        stmt = stmt.where(getattr(AuditEvent, key) == value)
    return list(session.exec(stmt.order_by(AuditEvent.id)).all())


def count(session: Session, model, *conditions) -> int:
    session.expire_all()
    return session.exec(select(func.count()).select_from(model).where(*conditions)).one()
