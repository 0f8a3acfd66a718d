"""Sessions: the one place where tokens are made (`issue_token`) and checked
(`verify_token`), logins with lockout, logout, and resolving a request's user.

HS256 is pinned in one constant and passed as `algorithms=[...]` on every decode. A token
is only a pointer to a server-side session (its jti): logout and disabling a user end the
session at once, and the user's role and province are read from the database each time.
"""

from __future__ import annotations

import re
import secrets
from datetime import UTC, datetime, timedelta
from typing import NoReturn, cast

import jwt
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, col, select

from dashboard import audit, login_limits
from dashboard.models import AuthSession, User
from dashboard.passwords import DUMMY_HASH, verify_password
from dashboard.permissions import Actor
from dashboard.settings import get_settings

ALGORITHM = "HS256"
ISSUER = "dual-carbon-tracker"
AUDIENCE = "dual-carbon-tracker-web"
REQUIRED_CLAIMS = ("sub", "iat", "nbf", "exp", "iss", "aud", "jti")
MAX_FAILED_LOGINS = login_limits.MAX_FAILED_LOGINS
LOCKOUT = timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 12  # accounts.MIN_PASSWORD_LENGTH (accounts imports this module)
LAST_SEEN_RESOLUTION = timedelta(seconds=30)
COOKIE_NAME = "dct_session"


class AuthError(Exception):
    """Any reason a token or login is not accepted; `reason` is a short code."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _now(now: datetime | None) -> datetime:
    """Now, or the given time, in UTC (SQLite keeps no offset, so store UTC only)."""
    return _aware(now).astimezone(UTC) if now else datetime.now(UTC)


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def issue_token(
    *, user_id: int, jti: str, now: datetime | None = None, secret: str | None = None
) -> str:
    now = _now(now)
    settings = get_settings()
    claims = {
        "sub": str(user_id),
        "iat": now,
        "nbf": now,
        "exp": now + timedelta(hours=settings.session_absolute_hours),
        "iss": ISSUER,
        "aud": AUDIENCE,
        "jti": jti,
    }
    return jwt.encode(claims, secret or settings.secret_key, algorithm=ALGORITHM)


def verify_token(token: str, *, secret: str | None = None, now: datetime | None = None) -> dict:
    """The token's claims, or AuthError for any invalid token."""
    if not token or not isinstance(token, str):
        raise AuthError("missing_token")
    try:
        claims = jwt.decode(
            token,
            secret or get_settings().secret_key,
            algorithms=[ALGORITHM],
            audience=AUDIENCE,
            issuer=ISSUER,
            options={
                "require": list(REQUIRED_CLAIMS),
                # with the caller's clock, the times are checked below against it
                "verify_exp": now is None,
                "verify_nbf": now is None,
                "verify_iat": now is None,
            },
        )
    except jwt.ExpiredSignatureError as exc:
        raise AuthError("expired") from exc
    except jwt.InvalidTokenError as exc:
        raise AuthError("invalid_token") from exc
    if not re.fullmatch(r"[0-9]{1,18}", str(claims.get("sub", ""))):
        raise AuthError("invalid_token")
    if now is not None:  # the caller's clock (tests, and resolve's `now`)
        stamp = _now(now).timestamp()
        if claims["exp"] <= stamp:
            raise AuthError("expired")
        if claims["nbf"] > stamp:
            raise AuthError("not_yet_valid")
    return claims


def login(
    session: Session, *, username: str, password: str, now: datetime | None = None
) -> tuple[str, User]:
    """Check the password and open a session. Failures raise AuthError("invalid_credentials")
    whether the user exists, is disabled, locked or typed a wrong password.

    Typed values are bounded before anything reaches the database, and a password is checked
    only after an attempt has been reserved on the account with one atomic UPDATE
    (`login_limits.reserve_attempt`): however many guesses arrive at once, at most
    MAX_FAILED_LOGINS passwords are checked before the account locks.

    It commits (the failed-login counter and the audit event must stand), so call it with a
    session of its own, as the login route does."""
    now = _now(now)
    if not login_limits.acceptable(username, password):
        verify_password(DUMMY_HASH, "x")
        _fail(session, username, "too_long")
    if not get_settings().demo_mode and len(password) < MIN_PASSWORD_LENGTH:
        # every real account has a long password; short ones (the demo accounts') sign in
        # only in demo mode
        verify_password(DUMMY_HASH, password)
        _fail(session, username, "short_password")
    user = session.exec(select(User).where(User.username == username)).first()
    if user is None:
        verify_password(DUMMY_HASH, password)
        _fail(session, username, "unknown_user")
    user_id, is_active, password_hash = cast(int, user.id), user.is_active, user.password_hash
    if not is_active:
        verify_password(DUMMY_HASH, password)
        _fail(session, username, "disabled")
    if not login_limits.reserve_attempt(session, user_id, now=now, lockout=LOCKOUT):
        verify_password(DUMMY_HASH, password)
        _fail(session, username, "locked")
    if not verify_password(password_hash, password):
        _fail(session, username, "wrong_password")
    login_limits.clear_attempts(session, user_id)
    jti = secrets.token_urlsafe(24)
    settings = get_settings()
    session.add(
        AuthSession(
            jti=jti,
            user_id=user_id,
            issued_at=now,
            last_seen_at=now,
            expires_at=now + timedelta(hours=settings.session_absolute_hours),
        )
    )
    audit.record(session, actor=username, action="login", entity_type="user", entity_id=user_id)
    session.commit()
    session.refresh(user)
    return issue_token(user_id=user_id, jti=jti, now=now), user


def _fail(session: Session, username: str, why: str) -> NoReturn:
    audit.record(
        session,
        actor=login_limits.audit_name(username),
        action="login",
        outcome="failed",
        entity_type="user",
        detail={"reason": why},
    )
    session.commit()
    raise AuthError("invalid_credentials")


def resolve(session: Session, token: str, *, now: datetime | None = None) -> Actor:
    """The user behind a request's token, or AuthError. Enforces the idle and absolute
    timeouts, revocation and disabled users on the server."""
    now = _now(now)
    claims = verify_token(token, now=now)
    record = session.get(AuthSession, claims["jti"])
    if record is None or record.user_id != int(claims["sub"]):
        raise AuthError("unknown_session")
    if record.revoked_at is not None:
        raise AuthError("revoked")
    settings = get_settings()
    if _aware(record.expires_at) <= now:
        raise AuthError("expired")
    if _aware(record.last_seen_at) + timedelta(minutes=settings.session_idle_minutes) <= now:
        raise AuthError("idle_timeout")
    user = session.get(User, record.user_id)
    if user is None or not user.is_active:
        raise AuthError("disabled")
    actor = Actor(
        id=cast(int, user.id),
        username=user.username,
        role=user.role,
        province_code=user.province_code,
    )
    if now - _aware(record.last_seen_at) >= LAST_SEEN_RESOLUTION:
        record.last_seen_at = now
        try:  # best effort: a read-only or busy database still lets the user read
            session.commit()
        except DBAPIError:
            session.rollback()
    return actor


def logout(session: Session, token: str, *, now: datetime | None = None) -> None:
    now = _now(now)
    try:
        claims = verify_token(token)
    except AuthError:
        return
    record = session.get(AuthSession, claims["jti"])
    if record is None or record.revoked_at is not None:
        return
    record.revoked_at = now
    user = session.get(User, record.user_id)
    audit.record(
        session,
        actor=user.username if user else "?",
        action="logout",
        entity_type="user",
        entity_id=record.user_id,
    )
    session.commit()


def revoke_all_sessions(session: Session, user_id: int, *, now: datetime | None = None) -> int:
    now = _now(now)
    open_sessions = session.exec(
        select(AuthSession).where(
            AuthSession.user_id == user_id, col(AuthSession.revoked_at).is_(None)
        )
    ).all()
    for s in open_sessions:
        s.revoked_at = now
    return len(open_sessions)
