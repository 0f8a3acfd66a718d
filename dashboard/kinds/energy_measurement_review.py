"""Energy measurement reviews (action plan, key task (16)): energy-using units in traditional
industries (building materials, petrochemicals, energy, steel) and key areas (data centres,
public institutions) reviewed by the regions, with the same statuses as carbon measurement
reviews (a unit in rectification may be reviewed again)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Index
from sqlmodel import Field

from dashboard import vocab
from dashboard.kinds.base import History, RecordKind, Stages, columns
from dashboard.kinds.common import NOTE, PROVINCE, REQ, USCC_ALIASES
from dashboard.models.common import HistoryEntry, ReportedRecord
from dashboard.permission_scopes import OWN

ENERGY_FIELDS = (
    "building_materials",
    "petrochemical",
    "energy",
    "steel",
    "data_center",
    "public_institution",
    "other",
)


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


KIND = RecordKind(
    key="energy_measurement_review",
    columns=columns(
        ("uscc", "统一社会信用代码", "USCC", "uscc", REQ, None, USCC_ALIASES),
        ("unit_name", "用能单位名称", "Unit name", "text", REQ, None, ("单位名称", "用能单位")),
        PROVINCE,
        ("field", "领域", "Field", "enum", REQ, "energy_field", ("所属领域", "审查领域")),
        ("review_status", "审查状态", "Review status", "enum", REQ, "review_status", ("状态",)),
        ("review_date", "状态日期", "Review date", "date", REQ, None, ("审查日期", "日期")),
        NOTE,
    ),
    unique=("uscc", "review_status"),
    enums={"energy_field": ENERGY_FIELDS, "review_status": vocab.REVIEW_STATUSES},
    model=EnergyMeasurementReview,
    record_key=("uscc",),
    model_key=("uscc",),
    attrs={
        "unit_name": "unit_name",
        "province_code": "province_code",
        "field": "field",
        "note": "note",
    },
    planner="staged",
    stages=Stages(
        "review_status",
        "review_date",
        "review_status",
        vocab.review_move_allowed,
        vocab.REVIEW_STATUSES.index,
        "status",
        "status_date",
    ),
    history=History(EnergyReviewEntry, "review_id", "status", "status_date"),
    status_group="review_status",
    name_columns=("uscc", "unit_name", "unit_name"),
    record_type="energy_measurement_review",
    registry_page="energy_reviews.py",
    edit_action="edit_energy_review",
    editors=(("coordinator", OWN),),
    map_measure="energy_reviews",
)
