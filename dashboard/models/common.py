"""Column helpers shared by the table models."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import DateTime
from sqlmodel import Field


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """A timestamp read back from the database, in UTC: SQLite gives it without a zone (it
    was stored in UTC), PostgreSQL in the connection's time zone."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def timestamp_field(*, index: bool = False):
    """A timezone-aware timestamp set to now (UTC) when the row is made."""
    return Field(
        default_factory=utcnow, sa_type=DateTime(timezone=True), nullable=False, index=index
    )


def optional_timestamp_field():
    return Field(default=None, sa_type=DateTime(timezone=True), nullable=True)
