"""Column helpers shared by the table models, and the columns every reported record and every
entry of a stage or status history carry (the migrations write the same in
`dashboard/migrations/blocks.py`)."""

from __future__ import annotations

from datetime import UTC, date, datetime
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


class ReportedRecord(SQLModel):
    """What every record written from the reports carries besides its own columns: the id,
    the submission that last wrote it, the version a change is compared against, and when it
    was made and last changed."""

    id: int | None = Field(default=None, primary_key=True)
    submission_id: int | None = Field(default=None, foreign_key="submission.id")
    version: int = 1
    created_at: datetime = timestamp_field()
    updated_at: datetime = timestamp_field()


class StagedRecord(ReportedRecord):
    """A reported record that moves through stages (its history: a `StageEntry` table): the
    stage it is in, since when, and a note."""

    stage: str = Field(index=True, max_length=32)
    stage_date: date
    note: str | None = Field(default=None, max_length=500)


class Located(SQLModel):
    """Where a record is, as reported: decimal degrees in the datum `location_datum` (wgs84,
    gcj02 or bd09; see dashboard.locations)."""

    longitude: float | None = None
    latitude: float | None = None
    location_datum: str | None = Field(default=None, max_length=8)


class HistoryEntry(SQLModel):
    """What every entry of a stage or status history carries; entries are never updated or
    deleted: a correction is a new entry whose `corrects_id` (declared by each table, since it
    points into the table itself) names the entry it replaces."""

    id: int | None = Field(default=None, primary_key=True)
    submission_id: int | None = Field(default=None, foreign_key="submission.id")
    recorded_by: str
    recorded_at: datetime = timestamp_field()


class StageEntry(HistoryEntry):
    """An entry of the stage history of a `StagedRecord`."""

    stage: str = Field(max_length=32)
    stage_date: date
    note: str | None = Field(default=None, max_length=500)
