"""Records of the rest of the programme: provincial implementation plans, CEMS pilots,
emission factor releases and national carbon measurement centres (see dashboard.kinds)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from dashboard.models.common import timestamp_field


class ProvincialPlan(SQLModel, table=True):
    """A province's (or the XPCC's) implementation plan for the work programme: one each."""

    id: int | None = Field(default=None, primary_key=True)
    province_code: str = Field(foreign_key="province.code", unique=True)
    status: str  # drafting | issued
    document_number: str | None = Field(default=None, max_length=500)
    issuing_body: str | None = Field(default=None, max_length=500)
    issue_date: date | None = None
    scope: str | None = Field(default=None, max_length=500)
    evidence: str | None = Field(default=None, max_length=500)
    note: str | None = Field(default=None, max_length=500)
    submission_id: int | None = Field(default=None, foreign_key="submission.id")
    version: int = 1
    created_at: datetime = timestamp_field()
    updated_at: datetime = timestamp_field()


class CemsPilot(SQLModel, table=True):
    """An enterprise piloting continuous emission monitoring (CEMS) of carbon emissions."""

    id: int | None = Field(default=None, primary_key=True)
    uscc: str = Field(unique=True, max_length=18)
    enterprise_name: str = Field(max_length=500)
    province_code: str = Field(foreign_key="province.code", index=True)
    industry: str = Field(max_length=32)
    install_date: date | None = None
    stage: str = Field(index=True, max_length=32)
    stage_date: date
    comparison_result: str | None = Field(default=None, max_length=500)
    # where the site is, as reported (decimal degrees in `location_datum`)
    longitude: float | None = None
    latitude: float | None = None
    location_datum: str | None = Field(default=None, max_length=8)
    note: str | None = Field(default=None, max_length=500)
    submission_id: int | None = Field(default=None, foreign_key="submission.id")
    version: int = 1
    created_at: datetime = timestamp_field()
    updated_at: datetime = timestamp_field()


class CemsPilotStage(SQLModel, table=True):
    """One entry of a CEMS pilot's stage history; append-only."""

    __table_args__ = (Index("ix_cemspilotstage_pilot_date", "cems_pilot_id", "stage_date"),)

    id: int | None = Field(default=None, primary_key=True)
    cems_pilot_id: int = Field(foreign_key="cemspilot.id")
    stage: str = Field(max_length=32)
    stage_date: date
    corrects_id: int | None = Field(default=None, foreign_key="cemspilotstage.id")
    note: str | None = Field(default=None, max_length=500)
    submission_id: int | None = Field(default=None, foreign_key="submission.id")
    recorded_by: str
    recorded_at: datetime = timestamp_field()


class EmissionFactorRelease(SQLModel, table=True):
    """A batch of greenhouse gas emission factors published to the national database."""

    id: int | None = Field(default=None, primary_key=True)
    release_name: str = Field(unique=True, max_length=500)
    factor_category: str = Field(max_length=40)
    scope: str = Field(max_length=16)  # national | provincial
    province_code: str | None = Field(default=None, foreign_key="province.code", index=True)
    publication_date: date
    publishing_department: str | None = Field(default=None, foreign_key="department.code")
    factor_count: int | None = None
    note: str | None = Field(default=None, max_length=500)
    submission_id: int | None = Field(default=None, foreign_key="submission.id")
    version: int = 1
    created_at: datetime = timestamp_field()
    updated_at: datetime = timestamp_field()


class MeasurementCentre(SQLModel, table=True):
    """A national carbon measurement centre, by province and field."""

    id: int | None = Field(default=None, primary_key=True)
    centre_name: str = Field(unique=True, max_length=500)
    province_code: str = Field(foreign_key="province.code", index=True)
    field: str = Field(max_length=32)
    stage: str = Field(index=True, max_length=32)
    stage_date: date
    approving_department: str | None = Field(default=None, foreign_key="department.code")
    note: str | None = Field(default=None, max_length=500)
    submission_id: int | None = Field(default=None, foreign_key="submission.id")
    version: int = 1
    created_at: datetime = timestamp_field()
    updated_at: datetime = timestamp_field()


class MeasurementCentreStage(SQLModel, table=True):
    """One entry of a measurement centre's stage history; append-only."""

    __table_args__ = (Index("ix_centrestage_centre_date", "centre_id", "stage_date"),)

    id: int | None = Field(default=None, primary_key=True)
    centre_id: int = Field(foreign_key="measurementcentre.id")
    stage: str = Field(max_length=32)
    stage_date: date
    corrects_id: int | None = Field(default=None, foreign_key="measurementcentrestage.id")
    note: str | None = Field(default=None, max_length=500)
    submission_id: int | None = Field(default=None, foreign_key="submission.id")
    recorded_by: str
    recorded_at: datetime = timestamp_field()
