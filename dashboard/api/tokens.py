"""API tokens: made by an administrator on the command line, shown once, kept as a hash.

A token is `dct_` and 43 URL-safe characters (256 random bits). The database keeps its
SHA-256 (a secret of that entropy needs no slow hash) and its first 12 characters, so that
`api-tokens list` can show which token is which. A token has a role and, for a coordinator,
a province, exactly like an account (the permission table applies to it), and an expiry.
Creating and revoking a token are audited; the token itself never enters the audit trail.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import datetime, timedelta

from sqlmodel import Session, select

from dashboard import audit
from dashboard.accounts import AccountError, _check_role
from dashboard.models import ApiToken
from dashboard.models.common import as_utc, utcnow
from dashboard.permissions import token_is_live

PREFIX = "dct_"
SHOWN_CHARS = 12
MAX_TOKEN_CHARS = 128
DEFAULT_EXPIRY_DAYS = 365
MAX_EXPIRY_DAYS = 3650
NAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
LAST_USED_RESOLUTION = timedelta(minutes=1)
CLI_ACTOR = "cli"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def _check_name(session: Session, name: str) -> None:
    if not NAME_PATTERN.fullmatch(name):
        raise AccountError("api.error.token_name")
    if session.exec(select(ApiToken).where(ApiToken.name == name)).first():
        raise AccountError("api.error.token_exists", name=name)


def create_token(
    session: Session,
    *,
    name: str,
    role: str,
    province_code: str | None = None,
    expires_days: int = DEFAULT_EXPIRY_DAYS,
    created_by: str = CLI_ACTOR,
    now: datetime | None = None,
) -> tuple[ApiToken, str]:
    """The new token's row and the token itself (shown once; only its hash is kept)."""
    name = name.strip()
    _check_name(session, name)
    _check_role(session, role, province_code)
    if not 1 <= expires_days <= MAX_EXPIRY_DAYS:
        raise AccountError("api.error.expiry_days", max=MAX_EXPIRY_DAYS)
    now = now or utcnow()
    token = PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(
        name=name,
        token_hash=token_hash(token),
        prefix=token[:SHOWN_CHARS],
        role=role,
        province_code=province_code,
        created_at=now,
        created_by=created_by,
        expires_at=now + timedelta(days=expires_days),
    )
    audit.record_row(
        session,
        row,
        actor=created_by,
        action="api_token_create",
        entity_type="api_token",
        detail={
            "after": {
                "name": name,
                "role": role,
                "province_code": province_code,
                "expires_at": row.expires_at,
                "prefix": row.prefix,
            }
        },
    )
    return row, token


def list_tokens(session: Session) -> list[ApiToken]:
    return list(session.exec(select(ApiToken).order_by(ApiToken.name)).all())


def revoke_token(
    session: Session, *, name: str, revoked_by: str = CLI_ACTOR, now: datetime | None = None
) -> ApiToken:
    row = session.exec(select(ApiToken).where(ApiToken.name == name)).first()
    if row is None:
        raise AccountError("api.error.no_token", name=name)
    if row.revoked_at is not None:
        raise AccountError("api.error.already_revoked", name=name)
    row.revoked_at, row.revoked_by = now or utcnow(), revoked_by
    audit.record_row(
        session,
        row,
        actor=revoked_by,
        action="api_token_revoke",
        entity_type="api_token",
        detail={"name": name, "prefix": row.prefix},
    )
    return row


def state(row: ApiToken, now: datetime | None = None) -> str:
    """ "active", "revoked" or "expired"."""
    if row.revoked_at is not None:
        return "revoked"
    return "active" if token_is_live(row, now) else "expired"


def resolve(session: Session, token: str | None, now: datetime | None = None) -> ApiToken | None:
    """The live token row that `token` is, or None (unknown, malformed, revoked, expired)."""
    if not token or len(token) > MAX_TOKEN_CHARS or not token.startswith(PREFIX):
        return None
    digest = token_hash(token)
    row = session.exec(select(ApiToken).where(ApiToken.token_hash == digest)).first()
    if row is None or not hmac.compare_digest(row.token_hash, digest):
        return None
    return row if token_is_live(row, now) else None


def touch(session: Session, row: ApiToken, now: datetime | None = None) -> None:
    """Note when the token was last used (at most once a minute: one write per call is the
    audit event's)."""
    now = now or utcnow()
    if row.last_used_at is None or now - as_utc(row.last_used_at) >= LAST_USED_RESOLUTION:
        row.last_used_at = now
        session.add(row)
