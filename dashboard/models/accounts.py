"""Users, their sessions and the append-only, hash-chained audit trail."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from dashboard.models.common import optional_timestamp_field, timestamp_field

ROLES = ("admin", "ministry", "coordinator", "briefing")


class User(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(unique=True, max_length=64)
    display_name: str | None = None
    password_hash: str
    role: str
    province_code: str | None = Field(default=None, foreign_key="province.code")
    is_active: bool = True
    language: str | None = Field(default=None, max_length=2)
    email: str | None = Field(default=None, max_length=254)  # where digests go (0006)
    digest: str = Field(default="none", max_length=8, sa_column_kwargs={"server_default": "none"})
    failed_logins: int = 0
    locked_until: datetime | None = optional_timestamp_field()
    version: int = 1
    created_at: datetime = timestamp_field()
    updated_at: datetime = timestamp_field()


class AuthSession(SQLModel, table=True):
    """A login session; the token's jti. Revoked on logout or when the user is disabled."""

    jti: str = Field(primary_key=True, max_length=64)
    user_id: int = Field(foreign_key="user.id", index=True)
    issued_at: datetime = timestamp_field()
    last_seen_at: datetime = timestamp_field()
    expires_at: datetime = timestamp_field()
    revoked_at: datetime | None = optional_timestamp_field()


class AuditEvent(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    occurred_at: datetime = timestamp_field(index=True)
    actor: str = Field(index=True)
    action: str = Field(index=True)
    entity_type: str | None = None
    entity_id: str | None = None
    outcome: str
    detail: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    prev_hash: str
    hash: str = Field(unique=True)  # HMAC-SHA256 under the key named by key_id
    key_id: str | None = Field(default=None, max_length=16)  # None: unkeyed, from before 0004
