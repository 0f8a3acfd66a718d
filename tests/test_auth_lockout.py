"""Login lockout, indistinguishable failures, and failed logins audited without secrets."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, select

from dashboard import accounts
from dashboard.auth import LOCKOUT, MAX_FAILED_LOGINS, AuthError, login, logout, resolve
from dashboard.models import AuditEvent, AuthSession, User
from tests import builders as b

PASSWORD = b.PASSWORD
WRONG = "wrong-password-guess-1"


@pytest.fixture
def alice(session):
    return b.user(session, "alice", "ministry", password=PASSWORD)


def _fail(session, username, password, now) -> AuthError:
    with pytest.raises(AuthError) as info:
        login(session, username=username, password=password, now=now)
    return info.value


def _user(engine, username) -> User:
    with Session(engine) as fresh:
        return fresh.exec(select(User).where(User.username == username)).one()


def _aware(value):
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def test_constants():
    assert MAX_FAILED_LOGINS == 5
    assert timedelta(minutes=15) == LOCKOUT


def test_five_failures_lock_the_account_for_fifteen_minutes(session, engine, alice, t0):
    for i in range(5):
        assert _fail(session, "alice", WRONG, t0 + timedelta(seconds=i)).reason == (
            "invalid_credentials"
        )
    locked_at = t0 + timedelta(seconds=4)
    assert _aware(_user(engine, "alice").locked_until) == locked_at + LOCKOUT
    # the right password does not help while locked
    for later in (timedelta(minutes=1), timedelta(minutes=14, seconds=59)):
        err = _fail(session, "alice", PASSWORD, locked_at + later)
        assert (type(err), err.reason) == (AuthError, "invalid_credentials")
    token, user = login(
        session, username="alice", password=PASSWORD, now=locked_at + LOCKOUT + timedelta(seconds=1)
    )
    assert user.id == alice.id and token
    fresh = _user(engine, "alice")
    assert (fresh.failed_logins, fresh.locked_until) == (0, None)
    with Session(engine) as s:
        reasons = [
            e.detail["reason"]
            for e in s.exec(
                select(AuditEvent).where(AuditEvent.outcome == "failed").order_by(AuditEvent.id)
            )
        ]
    assert reasons == ["wrong_password"] * 5 + ["locked"] * 2


def test_four_failures_do_not_lock_and_success_resets_the_count(session, engine, alice, t0):
    for _ in range(4):
        _fail(session, "alice", WRONG, t0)
    assert _user(engine, "alice").failed_logins == 4
    login(session, username="alice", password=PASSWORD, now=t0)
    assert _user(engine, "alice").failed_logins == 0
    for _ in range(4):
        _fail(session, "alice", WRONG, t0)
    login(session, username="alice", password=PASSWORD, now=t0)  # still not locked
    assert _user(engine, "alice").locked_until is None


def test_password_reset_clears_the_lock(session, alice, t0):
    for _ in range(5):
        _fail(session, "alice", WRONG, t0)
    _fail(session, "alice", PASSWORD, t0)
    accounts.reset_password(session, actor=None, username="alice", password="a-new-long-password")
    session.commit()
    assert login(session, username="alice", password="a-new-long-password", now=t0)[1].id == (
        alice.id
    )


def test_failures_are_indistinguishable(session, alice, t0):
    b.user(session, "bob", "briefing", password=PASSWORD)
    accounts.set_active(session, actor=None, username="bob", active=False)
    session.commit()
    b.user(session, "carol", "briefing", password=PASSWORD)
    for _ in range(5):
        _fail(session, "carol", WRONG, t0)
    errors = {
        "unknown_user": _fail(session, "nobody", PASSWORD, t0),
        "wrong_password": _fail(session, "alice", WRONG, t0),
        "disabled": _fail(session, "bob", PASSWORD, t0),
        "locked": _fail(session, "carol", PASSWORD, t0),
    }
    shapes = {(type(e), e.reason, str(e), e.args) for e in errors.values()}
    assert shapes == {
        (AuthError, "invalid_credentials", "invalid_credentials", ("invalid_credentials",))
    }


def test_unknown_user_failures_are_audited_but_lock_nothing(session, engine, t0):
    for _ in range(6):
        _fail(session, "ghost", WRONG, t0)
    with Session(engine) as s:
        events = s.exec(select(AuditEvent).where(AuditEvent.actor == "ghost")).all()
        assert s.exec(select(User)).all() == []
    assert [(e.action, e.outcome, e.detail) for e in events] == [
        ("login", "failed", {"reason": "unknown_user"})
    ] * 6


def test_audit_trail_holds_no_password_or_token(session, engine, alice, t0):
    secrets_seen = [PASSWORD, WRONG]
    earlier = t0 - timedelta(minutes=20)
    for _ in range(5):
        _fail(session, "alice", WRONG, earlier)
    _fail(session, "alice", PASSWORD, earlier)  # locked, right password
    _fail(session, "nobody", PASSWORD, earlier)
    token, _ = login(session, username="alice", password=PASSWORD, now=t0)
    assert resolve(session, token, now=t0).username == "alice"
    logout(session, token, now=t0 + timedelta(minutes=1))
    new_password = "brand-new-password-42"
    accounts.reset_password(session, actor=None, username="alice", password=new_password)
    accounts.add_user(
        session, actor=None, username="dave", password="daves-password-99", role="briefing"
    )
    session.commit()
    secrets_seen += [new_password, "daves-password-99", token, *token.split(".")]
    with Session(engine) as s:
        events = s.exec(select(AuditEvent).order_by(AuditEvent.id)).all()
        hashes = [u.password_hash for u in s.exec(select(User)).all()]
        jtis = [row.jti for row in s.exec(select(AuthSession)).all()]
    dump = json.dumps([e.model_dump(mode="json") for e in events], ensure_ascii=False)
    failed = [e for e in events if e.outcome == "failed"]
    assert len(failed) == 7 and {e.action for e in failed} == {"login"}
    assert all(set(e.detail) == {"reason"} for e in failed)
    assert "argon2" not in dump
    for secret in [*secrets_seen, *hashes, *jtis]:
        assert secret not in dump


def test_lockout_with_non_utc_now(engine, alice, backend, request):
    now = datetime.now(ZoneInfo("Asia/Shanghai"))

    def attempt(password, at):  # one session per request, as in the app
        with Session(engine, expire_on_commit=False) as s:
            return login(s, username="alice", password=password, now=at)

    for _ in range(5):
        with pytest.raises(AuthError):
            attempt(WRONG, now)
    with pytest.raises(AuthError):
        attempt(PASSWORD, now + timedelta(minutes=14))
    assert attempt(PASSWORD, now + timedelta(minutes=16))[1].username == "alice"
