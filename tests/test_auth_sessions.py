"""Server-side sessions: login, resolve, logout, revocation, idle and absolute timeouts,
and the role read from the database on every request."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import jwt
import pytest
from sqlalchemy import text
from sqlmodel import Session, select

from dashboard import accounts, auth
from dashboard.auth import AuthError, issue_token, login, logout, resolve
from dashboard.models import AuditEvent, AuthSession
from tests import builders as b

PASSWORD = b.PASSWORD


@pytest.fixture
def zhejiang(session):
    return b.user(session, "zhejiang", "coordinator", "330000", password=PASSWORD)


def _login(session, now):
    token, _user = login(session, username="zhejiang", password=PASSWORD, now=now)
    return token


def _stored(engine, token) -> AuthSession:
    jti = jwt.decode(token, options={"verify_signature": False})["jti"]
    with Session(engine) as fresh:
        return fresh.get(AuthSession, jti)


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def test_login_returns_a_token_that_resolves_to_the_user(session, engine, zhejiang, t0):
    token, user = login(session, username="zhejiang", password=PASSWORD, now=t0)
    assert user.id == zhejiang.id
    actor = resolve(session, token, now=t0)
    assert (actor.id, actor.username, actor.role, actor.province_code) == (
        zhejiang.id,
        "zhejiang",
        "coordinator",
        "330000",
    )
    stored = _stored(engine, token)
    assert stored.user_id == zhejiang.id and stored.revoked_at is None
    assert _aware(stored.expires_at) == t0 + timedelta(hours=12)
    with Session(engine) as fresh:
        events = fresh.exec(select(AuditEvent).where(AuditEvent.action == "login")).all()
    assert [(e.actor, e.outcome) for e in events] == [("zhejiang", "ok")]


def test_two_logins_are_two_sessions(session, zhejiang, t0):
    first, second = _login(session, t0), _login(session, t0)
    assert first != second
    logout(session, first, now=t0)
    assert resolve(session, second, now=t0).username == "zhejiang"


def test_logout_revokes_the_token(session, engine, zhejiang, t0):
    token = _login(session, t0)
    assert resolve(session, token, now=t0).id == zhejiang.id
    logout(session, token, now=t0 + timedelta(minutes=1))
    with pytest.raises(AuthError) as info:
        resolve(session, token, now=t0 + timedelta(minutes=2))
    assert info.value.reason == "revoked"
    assert _stored(engine, token).revoked_at is not None
    with Session(engine) as fresh:
        [event] = fresh.exec(select(AuditEvent).where(AuditEvent.action == "logout")).all()
    assert (event.actor, event.entity_id) == ("zhejiang", str(zhejiang.id))
    logout(session, token)  # a second logout is a no-op...
    logout(session, "garbage")  # ...and so is a bad token
    with Session(engine) as fresh:
        assert len(fresh.exec(select(AuditEvent).where(AuditEvent.action == "logout")).all()) == 1


def test_disabling_the_user_ends_existing_sessions_at_once(session, zhejiang, t0):
    token = _login(session, t0)
    resolve(session, token, now=t0)
    accounts.set_active(session, actor=None, username="zhejiang", active=False)
    session.commit()
    with pytest.raises(AuthError) as info:
        resolve(session, token, now=t0)
    assert info.value.reason == "revoked"
    accounts.set_active(session, actor=None, username="zhejiang", active=True)
    session.commit()
    with pytest.raises(AuthError):  # re-enabling does not bring the old session back
        resolve(session, token, now=t0)


def test_disabled_user_refused_even_if_session_not_revoked(session, zhejiang, t0):
    token = _login(session, t0)
    session.execute(text('UPDATE "user" SET is_active = false WHERE id = :i'), {"i": zhejiang.id})
    session.commit()
    session.expire_all()
    with pytest.raises(AuthError) as info:
        resolve(session, token, now=t0)
    assert info.value.reason == "disabled"


def test_password_reset_ends_sessions(session, zhejiang, t0):
    token = _login(session, t0)
    accounts.reset_password(session, actor=None, username="zhejiang", password="n" * 16)
    session.commit()
    with pytest.raises(AuthError) as info:
        resolve(session, token, now=t0)
    assert info.value.reason == "revoked"


def test_idle_timeout(session, engine, zhejiang, t0):
    token = _login(session, t0)
    with pytest.raises(AuthError) as info:
        resolve(session, token, now=t0 + timedelta(minutes=31))
    assert info.value.reason == "idle_timeout"
    # the refused request did not extend the session
    assert _aware(_stored(engine, token).last_seen_at) == t0


def test_activity_within_idle_window_extends_it(session, engine, zhejiang, t0):
    token = _login(session, t0)
    seen = t0 + timedelta(minutes=29)
    assert resolve(session, token, now=seen).username == "zhejiang"
    assert _aware(_stored(engine, token).last_seen_at) == seen
    # 58 minutes after login, but 29 after the last activity: still fine
    assert resolve(session, token, now=seen + timedelta(minutes=29)).id == zhejiang.id
    last = seen + timedelta(minutes=29)
    assert _aware(_stored(engine, token).last_seen_at) == last
    with pytest.raises(AuthError) as info:
        resolve(session, token, now=last + timedelta(minutes=31))
    assert info.value.reason == "idle_timeout"


def test_absolute_timeout_of_twelve_hours_despite_activity(session, zhejiang, t0):
    token = _login(session, t0)
    at = t0
    while at + timedelta(minutes=25) < t0 + timedelta(hours=12):
        at += timedelta(minutes=25)
        assert resolve(session, token, now=at).username == "zhejiang"
    assert at > t0 + timedelta(hours=11, minutes=30)
    with pytest.raises(AuthError) as info:
        resolve(session, token, now=t0 + timedelta(hours=12, minutes=1))
    assert info.value.reason == "expired"


def test_role_is_read_from_the_database(session, zhejiang, t0):
    token = _login(session, t0)
    assert resolve(session, token, now=t0).role == "coordinator"
    accounts.set_role(session, actor=None, username="zhejiang", role="ministry")
    session.commit()
    actor = resolve(session, token, now=t0 + timedelta(minutes=1))
    assert (actor.role, actor.province_code) == ("ministry", None)
    accounts.set_role(
        session, actor=None, username="zhejiang", role="coordinator", province_code="370000"
    )
    session.commit()
    actor = resolve(session, token, now=t0 + timedelta(minutes=2))
    assert (actor.role, actor.province_code) == ("coordinator", "370000")


def test_token_for_unknown_session_is_refused(session, zhejiang):
    token = issue_token(user_id=zhejiang.id, jti="never-issued")
    with pytest.raises(AuthError) as info:
        resolve(session, token)
    assert info.value.reason == "unknown_session"


def test_token_with_swapped_subject_is_refused(session, zhejiang, t0):
    other = b.user(session, "admin", "admin")
    token = _login(session, t0)
    jti = jwt.decode(token, options={"verify_signature": False})["jti"]
    forged = issue_token(user_id=other.id, jti=jti, now=t0)  # right key, other user's id
    with pytest.raises(AuthError) as info:
        resolve(session, forged, now=t0)
    assert info.value.reason == "unknown_session"


def test_invalid_token_is_refused_by_resolve(session, zhejiang, t0):
    token = _login(session, t0)
    with pytest.raises(AuthError) as info:
        resolve(session, token[:-2] + ("AA" if not token.endswith("AA") else "BB"), now=t0)
    assert info.value.reason == "invalid_token"
    with pytest.raises(AuthError):
        resolve(session, "", now=t0)


def test_revoke_all_sessions_counts(session, zhejiang, t0):
    tokens = [_login(session, t0) for _ in range(3)]
    logout(session, tokens[0], now=t0)
    assert auth.revoke_all_sessions(session, zhejiang.id, now=t0) == 2
    session.commit()
    for token in tokens:
        with pytest.raises(AuthError):
            resolve(session, token, now=t0)
