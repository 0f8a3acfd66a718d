"""Energy measurement reviews (action plan, key task (16)): energy-using units in traditional
industries (building materials, petrochemicals, energy, steel) and key areas (data centres,
public institutions) reviewed by the regions, with the same statuses as carbon measurement
reviews (a unit in rectification may be reviewed again)."""

from __future__ import annotations

import random
from datetime import date

from sqlalchemy import Index
from sqlmodel import Field

from dashboard import vocab
from dashboard.kinds import common
from dashboard.kinds.base import DemoRows, DemoWorld, History, RecordKind, columns
from dashboard.kinds.common import REQ
from dashboard.models.common import HistoryEntry, ReportedRecord
from dashboard.permission_scopes import OWN
from dashboard.synthetic import REVIEW_PATH, distinct_enterprises, forward_path

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


def _demo_reviews(rng: random.Random, world: DemoWorld) -> list[dict]:
    rows = []
    for i, code, uscc in distinct_enterprises(rng, world.codes, 40):
        field = rng.choice(ENERGY_FIELDS)
        for status, day in forward_path(
            rng, REVIEW_PATH, date(2024, 8, 1), world.cutoff, days_per_stage=40, gap=(30, 150)
        ):
            rows.append(
                {
                    "uscc": uscc,
                    "unit_name": f"（示例）用能单位 {i + 1}",
                    "province_code": code,
                    "field": field,
                    "review_status": status,
                    "review_date": day,
                    "note": None,
                }
            )
    return rows


KIND = RecordKind(
    key="energy_measurement_review",
    columns=columns(
        common.USCC,
        ("unit_name", "用能单位名称", "Unit name", "text", REQ, None, ("单位名称", "用能单位")),
        common.PROVINCE,
        ("field", "领域", "Field", "enum", REQ, "energy_field", ("所属领域", "审查领域")),
        common.REVIEW_STATUS,
        common.REVIEW_DATE,
        common.NOTE,
    ),
    unique=("uscc", "review_status"),
    enums={"energy_field": ENERGY_FIELDS, "review_status": vocab.REVIEW_STATUSES},
    model=EnergyMeasurementReview,
    record_key=("uscc",),
    stages=common.REVIEW_STAGES,
    history=History(EnergyReviewEntry, "review_id", "status", "status_date"),
    name_columns=("uscc", "unit_name", "unit_name"),
    registry_page="energy_reviews.py",
    edit_action="edit_energy_review",
    editors=(("coordinator", OWN),),
    map_measure="energy_reviews",
    prefill=True,
    demo_rows=DemoRows(_demo_reviews, stream=15),
)
