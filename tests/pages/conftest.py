"""A demo database shared by the page tests, and AppTest runs signed in as a demo user."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from sqlmodel import Session
from streamlit.testing.v1 import AppTest

from dashboard import accounts, auth
from dashboard.cli import main as cli
from dashboard.db import shared_engine
from dashboard.models import User
from dashboard.permissions import Actor
from dashboard.settings import reset_settings_cache

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")


@pytest.fixture(scope="session")
def demo_url(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('pages') / 'demo.sqlite3'}"
    assert cli(["--database-url", url, "demo"]) == 0
    return url


@pytest.fixture
def demo_env(demo_url, monkeypatch) -> str:
    monkeypatch.setenv("DATABASE_URL", demo_url)
    monkeypatch.setenv("DASHBOARD_DEMO", "1")
    reset_settings_cache()
    return demo_url


@pytest.fixture
def writable_demo(demo_url, tmp_path, monkeypatch) -> str:
    """A private copy of the demo database, for tests that write through the pages.

    The app's engine and cached reads are cleared before and after, so neither this test
    nor the next one reads the other's database."""
    path = tmp_path / "demo-copy.sqlite3"
    src = sqlite3.connect(demo_url.removeprefix("sqlite:///"))
    dst = sqlite3.connect(path)
    with dst:
        src.backup(dst)
    src.close()
    dst.close()
    yield from served(f"sqlite:///{path}", tmp_path, monkeypatch)


def served(url: str, tmp_path, monkeypatch):
    """Serve `url` to the app for one test (demo mode, an archive under tmp_path), with the
    app's engine and cached reads cleared before and after; yields the URL."""
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("DASHBOARD_DEMO", "1")
    monkeypatch.setenv("DASHBOARD_ARCHIVE_DIR", str(tmp_path / "archive"))
    reset_settings_cache()
    _forget_app_caches()
    yield url
    _forget_app_caches()
    reset_settings_cache()
    from dashboard import db

    engine = db._engines.pop(db.normalise_database_url(url), None)
    if engine is not None:
        engine.dispose()


def _forget_app_caches() -> None:
    from dashboard.ui import cached, context

    context.engine.clear()
    cached.clear()


def audit_events(url: str, action: str, **where) -> list:
    """The audit events of one action (optionally filtered by column values), oldest first."""
    from sqlmodel import select

    from dashboard.models import AuditEvent

    with Session(shared_engine(url), expire_on_commit=False) as s:
        query = select(AuditEvent).where(AuditEvent.action == action)
        for col, value in where.items():
            query = query.where(getattr(AuditEvent, col) == value)
        return list(s.exec(query.order_by(AuditEvent.id)).all())


def login(url: str, username: str, lang: str = "zh") -> str:
    with Session(shared_engine(url)) as s:
        token, user = auth.login(s, username=username, password="demo")
        accounts.set_language(s, actor=Actor(id=user.id, username=user.username), lang=lang)
        s.commit()
    return token


def app_as(url: str, username: str, lang: str = "zh") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["auth_token"] = login(url, username, lang)
    return at


def user_row(url: str, username: str) -> User:
    with Session(shared_engine(url), expire_on_commit=False) as s:
        from sqlmodel import select

        return s.exec(select(User).where(User.username == username)).one()


os.environ.setdefault("DASHBOARD_I18N_STRICT", "1")


def stage_report(url: str, username: str, header: list[str], rows: list[list]) -> int:
    """A CSV report submitted by `username` through the pipeline; the submission's id."""
    from pipelines.ingest import ingest_bytes
    from tests.pipelines.make_corpus import csv_bytes

    user = user_row(url, username)
    actor = Actor(id=user.id, username=user.username, role=user.role)
    result = ingest_bytes(
        shared_engine(url),
        data=csv_bytes(header, rows),
        filename=f"{username}-report.csv",
        actor=actor,
    )
    assert result.status == "staged", (result.status, result.errors)
    return result.submission_id


def zhejiang_pilot_report(url: str) -> tuple[int, dict]:
    """A Zhejiang report that sets up one of its applied pilots before the 100-pilot target's
    deadline and adds a new approved pilot: acceptance changes that target's figure by 2."""
    from datetime import date

    from sqlmodel import select

    from dashboard.models import Pilot
    from tests.pipelines.make_corpus import PILOT

    with Session(shared_engine(url)) as s:
        pilot = s.exec(
            select(Pilot)
            .where(Pilot.province_code == "330000")
            .where(Pilot.current_stage.in_(("applied", "recommended")))
            .where(Pilot.current_stage_date < date(2025, 12, 1))
            .order_by(Pilot.code)
        ).first()
        assert pilot is not None, "the demo data has no applied Zhejiang pilot"
        known = {"code": pilot.code, "name": pilot.name}
        rows = [
            [pilot.code, pilot.name, pilot.pilot_type, "330000", pilot.uscc or "",
             pilot.industry, "approved", "2025-12-15", "", ""],
            ["ZJ-NEW-01", "测试新园区 *粗体*", "park", "330000", "", "steel", "approved",
             "2025-12-20", "", ""],
        ]  # fmt: skip
    return stage_report(url, "zhejiang", PILOT, rows), known
