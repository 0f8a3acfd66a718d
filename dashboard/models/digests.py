"""The record of e-mailed digests: one row per user and digest period (daily: the day,
weekly: the ISO week). The unique key is what makes a second run in the same period send
nothing; a failed delivery keeps its error and is tried again by the next run."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from dashboard.models.common import optional_timestamp_field, timestamp_field

DIGEST_FREQUENCIES = ("daily", "weekly", "none")
DELIVERY_STATUSES = ("sending", "sent", "failed")


class DigestDelivery(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("user_id", "period", name="uq_digestdelivery_user_period"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    period: str = Field(max_length=24)  # "daily:2026-12-03" | "weekly:2026-W49"
    as_of: date  # the day the digest's figures are computed for
    kind: str = Field(max_length=16)  # "ministry" | "coordinator"
    recipient: str = Field(max_length=254)
    status: str = Field(max_length=8, index=True)
    attempts: int = 0
    error: str | None = Field(default=None, max_length=500)
    message_id: str | None = Field(default=None, max_length=255)
    claimed_at: datetime = timestamp_field()
    sent_at: datetime | None = optional_timestamp_field()
