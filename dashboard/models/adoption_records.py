"""Records of standards' adoptions (a group standard adopted into the green-product evaluation
list or converted to an industry or national standard; an international standard proposed and
published), zero-carbon park measurement pilots and energy measurement reviews
(see dashboard.kinds)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field

from dashboard.models.common import (
    HistoryEntry,
    Located,
    ReportedRecord,
    StagedRecord,
    StageEntry,
)


class StandardAdoption(ReportedRecord, table=True):
    """One event in a standard's adoption: which standard (its number in the standards
    registry), what happened, when, and the number it was converted to or published as."""

    __table_args__ = (
        UniqueConstraint("standard_number", "event", name="uq_standardadoption_number_event"),
    )

    standard_number: str = Field(max_length=64, index=True)
    event: str = Field(max_length=40)
    event_date: date
    target_number: str | None = Field(default=None, max_length=64)
    evidence: str | None = Field(default=None, max_length=500)
    note: str | None = Field(default=None, max_length=500)


class ZeroCarbonParkPilot(Located, StagedRecord, table=True):
    """A zero-carbon park measurement pilot (action plan, guarantee measure (iii))."""

    park_name: str = Field(unique=True, max_length=500)
    province_code: str = Field(foreign_key="province.code", index=True)
    park_type: str = Field(max_length=32)
    organiser: str | None = Field(default=None, max_length=500)


class ZeroCarbonParkStage(StageEntry, table=True):
    """One entry of a zero-carbon park pilot's stage history."""

    __table_args__ = (Index("ix_zcparkstage_park_date", "park_id", "stage_date"),)

    park_id: int = Field(foreign_key="zerocarbonparkpilot.id")
    corrects_id: int | None = Field(default=None, foreign_key="zerocarbonparkstage.id")


class EnergyMeasurementReview(ReportedRecord, table=True):
    """An energy-using unit under an energy measurement review (action plan, key task (16))."""

    uscc: str = Field(unique=True, max_length=18)
    unit_name: str = Field(max_length=500)
    province_code: str = Field(foreign_key="province.code", index=True)
    field: str = Field(max_length=32)
    status: str = Field(index=True, max_length=32)
    status_date: date
    note: str | None = Field(default=None, max_length=500)


class EnergyReviewEntry(HistoryEntry, table=True):
    """One entry of an energy measurement review's status history."""

    __table_args__ = (Index("ix_energyreviewentry_review_date", "review_id", "status_date"),)

    review_id: int = Field(foreign_key="energymeasurementreview.id")
    status: str = Field(max_length=32)
    status_date: date
    corrects_id: int | None = Field(default=None, foreign_key="energyreviewentry.id")
    note: str | None = Field(default=None, max_length=500)
