"""Records of standards' adoptions (a group standard adopted into the green-product evaluation
list or converted to an industry or national standard; an international standard proposed and
published), zero-carbon park measurement pilots and energy measurement reviews
(see dashboard.kinds)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from dashboard.models.common import timestamp_field


class StandardAdoption(SQLModel, table=True):
    """One event in a standard's adoption: which standard (its number in the standards
    registry), what happened, when, and the number it was converted to or published as."""

    __table_args__ = (
        UniqueConstraint("standard_number", "event", name="uq_standardadoption_number_event"),
    )

    id: int | None = Field(default=None, primary_key=True)
    standard_number: str = Field(max_length=64, index=True)
    event: str = Field(max_length=40)
    event_date: date
    target_number: str | None = Field(default=None, max_length=64)
    evidence: str | None = Field(default=None, max_length=500)
    note: str | None = Field(default=None, max_length=500)
    submission_id: int | None = Field(default=None, foreign_key="submission.id")
    version: int = 1
    created_at: datetime = timestamp_field()
    updated_at: datetime = timestamp_field()


class ZeroCarbonParkPilot(SQLModel, table=True):
    """A zero-carbon park measurement pilot (action plan, guarantee measure (iii))."""

    id: int | None = Field(default=None, primary_key=True)
    park_name: str = Field(unique=True, max_length=500)
    province_code: str = Field(foreign_key="province.code", index=True)
    park_type: str = Field(max_length=32)
    stage: str = Field(index=True, max_length=32)
    stage_date: date
    organiser: str | None = Field(default=None, max_length=500)
    # where the park is, as reported (decimal degrees in `location_datum`)
    longitude: float | None = None
    latitude: float | None = None
    location_datum: str | None = Field(default=None, max_length=8)
    note: str | None = Field(default=None, max_length=500)
    submission_id: int | None = Field(default=None, foreign_key="submission.id")
    version: int = 1
    created_at: datetime = timestamp_field()
    updated_at: datetime = timestamp_field()


class ZeroCarbonParkStage(SQLModel, table=True):
    """One entry of a zero-carbon park pilot's stage history; append-only."""

    __table_args__ = (Index("ix_zcparkstage_park_date", "park_id", "stage_date"),)

    id: int | None = Field(default=None, primary_key=True)
    park_id: int = Field(foreign_key="zerocarbonparkpilot.id")
    stage: str = Field(max_length=32)
    stage_date: date
    corrects_id: int | None = Field(default=None, foreign_key="zerocarbonparkstage.id")
    note: str | None = Field(default=None, max_length=500)
    submission_id: int | None = Field(default=None, foreign_key="submission.id")
    recorded_by: str
    recorded_at: datetime = timestamp_field()


class EnergyMeasurementReview(SQLModel, table=True):
    """An energy-using unit under an energy measurement review (action plan, key task (16))."""

    id: int | None = Field(default=None, primary_key=True)
    uscc: str = Field(unique=True, max_length=18)
    unit_name: str = Field(max_length=500)
    province_code: str = Field(foreign_key="province.code", index=True)
    field: str = Field(max_length=32)
    status: str = Field(index=True, max_length=32)
    status_date: date
    note: str | None = Field(default=None, max_length=500)
    submission_id: int | None = Field(default=None, foreign_key="submission.id")
    version: int = 1
    created_at: datetime = timestamp_field()
    updated_at: datetime = timestamp_field()


class EnergyReviewEntry(SQLModel, table=True):
    """One entry of an energy measurement review's status history; append-only."""

    __table_args__ = (Index("ix_energyreviewentry_review_date", "review_id", "status_date"),)

    id: int | None = Field(default=None, primary_key=True)
    review_id: int = Field(foreign_key="energymeasurementreview.id")
    status: str = Field(max_length=32)
    status_date: date
    corrects_id: int | None = Field(default=None, foreign_key="energyreviewentry.id")
    note: str | None = Field(default=None, max_length=500)
    submission_id: int | None = Field(default=None, foreign_key="submission.id")
    recorded_by: str
    recorded_at: datetime = timestamp_field()
