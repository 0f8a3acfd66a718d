"""API tokens: what another department's system presents to read `/api/v1`. A token is
scoped like a user (a role and, for a coordinator, a province) and has an expiry; only the
SHA-256 of its secret is kept (dashboard/api/tokens.py)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from dashboard.models.common import optional_timestamp_field, timestamp_field


class ApiToken(SQLModel, table=True):
    __tablename__ = "apitoken"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, max_length=64)
    token_hash: str = Field(unique=True, max_length=64)  # SHA-256 hex of the whole token
    prefix: str = Field(max_length=16)  # the token's first characters, to recognise it
    role: str = Field(max_length=16)
    province_code: str | None = Field(default=None, foreign_key="province.code")
    created_at: datetime = timestamp_field()
    created_by: str = Field(max_length=64)
    expires_at: datetime | None = optional_timestamp_field()
    revoked_at: datetime | None = optional_timestamp_field()
    revoked_by: str | None = Field(default=None, max_length=64)
    last_used_at: datetime | None = optional_timestamp_field()
