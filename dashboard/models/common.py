"""Column helpers shared by the table models."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Table
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """A timestamp read back from the database, in UTC: SQLite gives it without a zone (it
    was stored in UTC), PostgreSQL in the connection's time zone."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def timestamp_field(*, index: bool = False) -> Any:
    """A timezone-aware timestamp set to now (UTC) when the row is made."""
    return Field(
        default_factory=utcnow, sa_type=DateTime(timezone=True), nullable=False, index=index
    )


def optional_timestamp_field() -> Any:
    return Field(default=None, sa_type=DateTime(timezone=True), nullable=True)


def table_of(model: type[SQLModel]) -> Table:
    """The Core table of a table model, for bulk statements."""
    # SQLModel's metaclass sets __table__ on table=True models; its type does not declare it.
    return model.__table__  # type: ignore[attr-defined]
