"""Report submissions and their review, plus dataset-level facts (synthetic data, refresh)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column, Index
from sqlmodel import Field, SQLModel

from dashboard.models.common import optional_timestamp_field, timestamp_field


class Submission(SQLModel, table=True):
    # covers the reporting aggregates (by province, status and time) without the JSON rows
    __table_args__ = (
        Index("ix_submission_province_status_at", "province_code", "status", "submitted_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    sha256: str = Field(unique=True, max_length=64)
    filename: str
    kind: str | None = None
    province_code: str | None = Field(default=None, foreign_key="province.code", index=True)
    submitted_by: str
    submitted_at: datetime = timestamp_field(index=True)
    status: str = Field(default="processing", index=True)
    row_count: int = 0
    errors: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    warnings: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    payload: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    decided_by: str | None = None
    decided_at: datetime | None = optional_timestamp_field()
    decision_comment: str | None = None
    archive_path: str | None = None
    version: int = 1


class DatasetFact(SQLModel, table=True):
    """Small key/value facts about the dataset: whether it is synthetic, when refreshed."""

    key: str = Field(primary_key=True, max_length=64)
    value: str
    updated_at: datetime = timestamp_field()
