"""`python -m dashboard users ...` and `audit verify` in a subprocess, on a SQLite file.
Passwords come from standard input; there is no way to give one on the command line."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import Session, select

from dashboard.db import make_engine
from dashboard.models import AuditEvent, User
from dashboard.passwords import verify_password

REPO = Path(__file__).resolve().parents[1]
PASSWORD = "cli-password-long-enough"


@pytest.fixture(scope="module")
def initialised(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "template.sqlite3"
    result = run(f"sqlite:///{path}", "init-db")
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture
def url(initialised, tmp_path) -> str:
    """A copy of the initialised database for this test."""
    path = tmp_path / "cli.sqlite3"
    shutil.copy(initialised, path)
    return f"sqlite:///{path}"


def run(db_url: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "DASHBOARD_FAST_HASH": "1"}
    env.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "dashboard", "--database-url", db_url, *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=120,
    )


def users(db_url: str) -> dict[str, User]:
    engine = make_engine(db_url)
    try:
        with Session(engine) as s:
            return {u.username: u for u in s.exec(select(User)).all()}
    finally:
        engine.dispose()


def test_add_user_reads_password_from_stdin(url):
    args = ["users", "add", "zhejiang", "--role", "coordinator", "--province", "330000"]
    result = run(url, *args, stdin=PASSWORD + "\n")
    assert result.returncode == 0, result.stderr
    assert "zhejiang" in result.stdout and PASSWORD not in result.stdout + result.stderr
    user = users(url)["zhejiang"]
    assert (user.role, user.province_code) == ("coordinator", "330000")
    assert verify_password(user.password_hash, PASSWORD)
    assert not verify_password(user.password_hash, PASSWORD + "\n")


@pytest.mark.parametrize(
    "extra",
    [["--password", PASSWORD], [f"--password={PASSWORD}"], ["--passwd", PASSWORD], ["-p", "x"]],
)
def test_password_on_command_line_is_rejected(url, extra):
    result = run(url, "users", "add", "bob", "--role", "admin", *extra, stdin=PASSWORD + "\n")
    assert result.returncode == 2
    assert "unrecognized arguments" in result.stderr
    assert "bob" not in users(url)


def test_no_password_option_exists_anywhere():
    from dashboard.cli import build_parser

    parser = build_parser()
    seen = []

    def walk(p):
        for action in p._actions:
            seen.extend(action.option_strings)
            if isinstance(action, argparse._SubParsersAction):
                for sub in action.choices.values():
                    walk(sub)

    walk(parser)
    assert "--role" in seen and "--province" in seen  # the walk reached the subcommands
    assert not [o for o in seen if "pass" in o.lower() or "secret" in o.lower()]


@pytest.mark.parametrize(
    ("args", "stdin"),
    [
        (["users", "add", "bob", "--role", "admin"], "short\n"),
        (["users", "add", "bob", "--role", "admin"], ""),
        (["users", "add", "bob", "--role", "coordinator"], PASSWORD + "\n"),
        (["users", "add", "bob", "--role", "ministry", "--province", "330000"], PASSWORD + "\n"),
    ],
    ids=["short_password", "no_stdin", "coordinator_without_province", "national_with_province"],
)
def test_add_errors_exit_2_and_leave_no_user(url, args, stdin):
    result = run(url, *args, stdin=stdin)
    assert result.returncode == 2
    assert result.stderr.startswith("error: ")
    assert users(url) == {}


def test_unknown_role_rejected_by_argparse(url):
    result = run(url, "users", "add", "bob", "--role", "root", stdin=PASSWORD + "\n")
    assert result.returncode == 2 and "invalid choice" in result.stderr
    assert users(url) == {}


def test_user_lifecycle_and_audit_verify(url):
    assert (
        run(url, "users", "add", "alice", "--role", "ministry", stdin=PASSWORD + "\n").returncode
        == 0
    )
    assert run(url, "users", "disable", "alice").returncode == 0
    assert not users(url)["alice"].is_active
    assert run(url, "users", "enable", "alice").returncode == 0
    new = "another-long-password"
    reset = run(url, "users", "reset-password", "alice", stdin=new + "\n")
    assert reset.returncode == 0, reset.stderr
    assert verify_password(users(url)["alice"].password_hash, new)
    role = run(url, "users", "set-role", "alice", "--role", "coordinator", "--province", "370000")
    assert role.returncode == 0, role.stderr
    assert (users(url)["alice"].role, users(url)["alice"].province_code) == (
        "coordinator",
        "370000",
    )
    listing = run(url, "users", "list")
    assert listing.returncode == 0 and "alice" in listing.stdout and "370000" in listing.stdout
    missing = run(url, "users", "disable", "ghost")
    assert missing.returncode == 2 and "ghost" in missing.stderr

    ok = run(url, "audit", "verify")
    assert ok.returncode == 0, ok.stderr
    assert "10 events" in ok.stdout  # 5 programmes loaded; add, disable, enable, reset, set-role
    engine = make_engine(url)
    try:
        with Session(engine) as s:
            events = s.exec(select(AuditEvent).order_by(AuditEvent.id)).all()
            assert {e.actor for e in events} == {"cli", "reference-data"}
            assert [e.actor for e in events if e.action != "load_programme"] == ["cli"] * 5
            assert PASSWORD not in str([e.detail for e in events])
            middle = events[2].id
            s.execute(text("UPDATE auditevent SET actor = 'mallory' WHERE id = :i"), {"i": middle})
            s.commit()
    finally:
        engine.dispose()
    broken = run(url, "audit", "verify")
    assert broken.returncode == 1
    assert f"event {middle} " in broken.stderr
