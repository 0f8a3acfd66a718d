"""Failures shown as failures: a read-only database still lets a signed-in user read (the
last_seen_at write is best effort), the login route answers 503 when the database cannot be
reached, and the app shows a bilingual 'nothing was saved' message instead of a traceback."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, SQLModel
from streamlit.testing.v1 import AppTest

from dashboard import auth
from dashboard.db import make_engine
from dashboard.db_failures import bilingual, classify
from dashboard.i18n import t
from dashboard.reference_data import sync_reference
from tests import builders as b
from tests.async_run import run as run_async

UNREACHABLE = "postgresql+psycopg://postgres@127.0.0.1:1/none?connect_timeout=2"
APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")


def _read_only_engine(path: Path):
    return create_engine(
        "sqlite://", creator=lambda: sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    )


def test_a_read_only_database_still_resolves_the_session(tmp_path):
    path = tmp_path / "ro.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    SQLModel.metadata.create_all(engine)
    with Session(engine) as s:
        sync_reference(s)
        s.commit()
    with Session(engine) as s:
        b.user(s, "alice", "ministry")
        token, _ = auth.login(s, username="alice", password="correct horse battery")
    engine.dispose()
    read_only = _read_only_engine(path)
    later = datetime.now(UTC) + timedelta(minutes=5)  # last_seen_at is due for a write
    with Session(read_only) as s:
        assert auth.resolve(s, token, now=later).username == "alice"
    with read_only.connect() as conn, pytest.raises(OperationalError) as refused:
        conn.exec_driver_sql("UPDATE user SET language = 'en'")
    assert classify(refused.value) == "read_only"


def test_an_unreachable_database_is_named_as_such():
    with pytest.raises(OperationalError) as refused:
        create_engine(UNREACHABLE).connect()
    assert classify(refused.value) == "unreachable"
    text = bilingual(refused.value)
    assert t("failure.database.unreachable", "zh") in text
    assert t("failure.nothing_saved", "en") in text


def test_the_login_route_answers_503_when_the_database_cannot_be_reached(monkeypatch):
    from starlette.requests import Request

    from dashboard import server

    monkeypatch.setattr(server, "_engine", lambda: create_engine(UNREACHABLE))
    body = b"username=alice&password=a-long-password-1&csrf_token=tok&lang=en"
    scope = {
        "type": "http",
        "method": "POST",
        "path": "/session/login",
        "query_string": b"",
        "client": ("127.0.0.1", 5000),
        "headers": [
            (b"host", b"tracker.test"),
            (b"origin", b"http://tracker.test"),
            (b"content-type", b"application/x-www-form-urlencoded"),
            (b"cookie", b"dct_csrf=tok"),
        ],
    }

    async def receive():
        return {"type": "http.request", "body": body, "more_body": False}

    response = run_async(server.login_submit(Request(scope, receive)))
    assert response.status_code == 503
    assert t("failure.database_login", "en").encode() in response.body


@pytest.fixture
def fresh_caches():
    import streamlit as st

    st.cache_resource.clear()  # the app's engine is cached per process
    st.cache_data.clear()
    yield
    st.cache_resource.clear()
    st.cache_data.clear()


def test_the_app_shows_the_failure_in_both_languages(monkeypatch, fresh_caches):
    monkeypatch.setenv("DATABASE_URL", UNREACHABLE)
    from dashboard.settings import reset_settings_cache

    reset_settings_cache()
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["auth_token"] = auth.issue_token(user_id=1, jti="j")
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    shown = " ".join(e.value for e in at.error)
    assert t("failure.database.unreachable", "zh") in shown
    assert t("failure.database.unreachable", "en") in shown
