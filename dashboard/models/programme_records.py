"""Records of the rest of the programme: provincial implementation plans, CEMS pilots,
emission factor releases and national carbon measurement centres (see dashboard.kinds)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Index
from sqlmodel import Field

from dashboard.models.common import Located, ReportedRecord, StagedRecord, StageEntry


class ProvincialPlan(ReportedRecord, table=True):
    """A province's (or the XPCC's) implementation plan for the work programme: one each."""

    province_code: str = Field(foreign_key="province.code", unique=True)
    status: str  # drafting | issued
    document_number: str | None = Field(default=None, max_length=500)
    issuing_body: str | None = Field(default=None, max_length=500)
    issue_date: date | None = None
    scope: str | None = Field(default=None, max_length=500)
    evidence: str | None = Field(default=None, max_length=500)
    note: str | None = Field(default=None, max_length=500)


class CemsPilot(Located, StagedRecord, table=True):
    """An enterprise piloting continuous emission monitoring (CEMS) of carbon emissions."""

    uscc: str = Field(unique=True, max_length=18)
    enterprise_name: str = Field(max_length=500)
    province_code: str = Field(foreign_key="province.code", index=True)
    industry: str = Field(max_length=32)
    install_date: date | None = None
    comparison_result: str | None = Field(default=None, max_length=500)


class CemsPilotStage(StageEntry, table=True):
    """One entry of a CEMS pilot's stage history."""

    __table_args__ = (Index("ix_cemspilotstage_pilot_date", "cems_pilot_id", "stage_date"),)

    cems_pilot_id: int = Field(foreign_key="cemspilot.id")
    corrects_id: int | None = Field(default=None, foreign_key="cemspilotstage.id")


class EmissionFactorRelease(ReportedRecord, table=True):
    """A batch of greenhouse gas emission factors published to the national database."""

    release_name: str = Field(unique=True, max_length=500)
    factor_category: str = Field(max_length=40)
    scope: str = Field(max_length=16)  # national | provincial
    province_code: str | None = Field(default=None, foreign_key="province.code", index=True)
    publication_date: date
    publishing_department: str | None = Field(default=None, foreign_key="department.code")
    factor_count: int | None = None
    note: str | None = Field(default=None, max_length=500)


class MeasurementCentre(StagedRecord, table=True):
    """A national carbon measurement centre, by province and field."""

    centre_name: str = Field(unique=True, max_length=500)
    province_code: str = Field(foreign_key="province.code", index=True)
    field: str = Field(max_length=32)
    approving_department: str | None = Field(default=None, foreign_key="department.code")


class MeasurementCentreStage(StageEntry, table=True):
    """One entry of a measurement centre's stage history."""

    __table_args__ = (Index("ix_centrestage_centre_date", "centre_id", "stage_date"),)

    centre_id: int = Field(foreign_key="measurementcentre.id")
    corrects_id: int | None = Field(default=None, foreign_key="measurementcentrestage.id")
