"""The records that targets count: deliverables, standardization pilots and
measurement reviews, each with an append-only history where it moves through stages."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from dashboard.models.common import HistoryEntry, Located, ReportedRecord


class Deliverable(ReportedRecord, table=True):
    """A standard (national, industry, local, group or international), measurement
    specification, verification regulation, measurement standard, reference material or
    technology study."""

    __table_args__ = (
        UniqueConstraint("kind", "number", name="uq_deliverable_kind_number"),
        Index("ix_deliverable_kind_issue", "kind", "issue_date"),
    )

    number: str
    kind: str
    # the international standard this one adopts ("ISO 14067:2018" for a number written
    # GB/T 24067-2024/ISO 14067:2018); the number itself stays "GB/T 24067-2024"
    adopted_standard: str | None = Field(default=None, max_length=64)
    category: str = Field(index=True)
    title_zh: str
    title_en: str | None = None
    status: str
    started_on: date | None = None
    issue_date: date | None = None
    implementation_date: date | None = None
    withdrawn_on: date | None = None  # a withdrawn standard stops counting from this day
    responsible_org: str | None = None
    province_code: str | None = Field(default=None, foreign_key="province.code", index=True)


class Pilot(Located, ReportedRecord, table=True):
    """A carbon emission management standardization pilot (enterprise or park)."""

    code: str = Field(unique=True)
    name: str
    pilot_type: str
    uscc: str | None = Field(default=None, index=True)
    province_code: str = Field(foreign_key="province.code", index=True)
    industry: str
    standards_adopted: int = 0
    current_stage: str = Field(index=True)
    current_stage_date: date
    note: str | None = None


class PilotStage(HistoryEntry, table=True):
    """One entry of a pilot's stage history."""

    __table_args__ = (
        Index("ix_pilotstage_pilot_date", "pilot_id", "stage_date"),
        Index("ix_pilotstage_stage_pilot", "stage", "pilot_id"),  # the registry's funnel
    )

    pilot_id: int = Field(foreign_key="pilot.id")
    stage: str
    stage_date: date = Field(index=True)
    corrects_id: int | None = Field(default=None, foreign_key="pilotstage.id")
    note: str | None = None


class MeasurementReview(ReportedRecord, table=True):
    """An enterprise in a carbon measurement review pilot."""

    uscc: str = Field(unique=True)
    enterprise_name: str
    province_code: str = Field(foreign_key="province.code", index=True)
    industry: str
    status: str = Field(index=True)
    status_date: date
    instruments_total: int | None = None
    instruments_calibrated: int | None = None
    note: str | None = None


class ReviewStatusEntry(HistoryEntry, table=True):
    """One entry of a measurement review's status history."""

    __table_args__ = (Index("ix_reviewstatus_review_date", "review_id", "status_date"),)

    review_id: int = Field(foreign_key="measurementreview.id")
    status: str
    status_date: date = Field(index=True)
    corrects_id: int | None = Field(default=None, foreign_key="reviewstatusentry.id")
    note: str | None = None


class SpanSet(SQLModel, table=True):
    """A set of stages some target's counting rule counts (any version of any programme):
    the counting spans are kept for each of them."""

    record_type: str = Field(primary_key=True, max_length=24)
    stage_set: str = Field(primary_key=True, max_length=160)


class CountingSpan(SQLModel, table=True):
    """A period during which a pilot or a measurement review is in one counting stage set.

    Derived from the stage or status history by `dashboard.progress.spans` in the same
    transaction as every history write, so the counting rule becomes an indexed range
    query instead of a window over the whole history. `since` is the record's first
    counting date (the drill-down's "counting since"); the record counts on day D when
    `valid_from <= D` and (`valid_to` is empty or `D < valid_to`).
    """

    __table_args__ = (
        Index("ix_countingspan_set_from", "record_type", "stage_set", "valid_from"),
        Index("ix_countingspan_type_record", "record_type", "record_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    record_type: str = Field(max_length=24)
    stage_set: str = Field(max_length=160)  # the counting stages, sorted, joined by "+"
    record_id: int
    since: date
    valid_from: date
    valid_to: date | None = None
