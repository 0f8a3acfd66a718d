"""National carbon measurement centres (key task (XIV)), by province and field."""

from __future__ import annotations

import random
from datetime import date

from sqlalchemy import Index
from sqlmodel import Field

from dashboard import vocab
from dashboard.kinds import common
from dashboard.kinds.base import DemoRows, DemoWorld, History, RecordKind, columns, forward_only
from dashboard.kinds.common import OPT, REQ
from dashboard.models.common import StagedRecord, StageEntry
from dashboard.permission_scopes import ALL
from dashboard.synthetic import forward_path

CENTRE_STAGES = ("approved_preparation", "under_construction", "accepted")


def _demo_centres(rng: random.Random, world: DemoWorld) -> list[dict]:
    rows = []
    fields = ("power", "steel", "petrochemical", "building_materials", "transport")
    for i, code in enumerate(rng.sample(world.codes, 9)):
        name = f"（示例）国家碳计量中心（{code}）"
        for stage, day in forward_path(
            rng, CENTRE_STAGES, date(2024, 1, 10), world.cutoff, days_per_stage=30, gap=(20, 120)
        ):
            rows.append(
                {
                    "centre_name": name,
                    "province_code": code,
                    "field": fields[i % len(fields)],
                    "stage": stage,
                    "stage_date": day,
                    "approving_department": "SAMR",
                    "note": None,
                }
            )
    return rows


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


KIND = RecordKind(
    key="measurement_centre",
    columns=columns(
        ("centre_name", "计量中心名称", "Centre name", "text", REQ, None, ("名称", "中心名称")),
        common.PROVINCE,
        ("field", "领域", "Field", "enum", REQ, "industry", ("行业", "所属领域")),
        ("stage", "阶段", "Stage", "enum", REQ, "centre_stage", ("建设阶段",)),
        common.STAGE_DATE,
        ("approving_department", "批准部门", "Approving department", "department", OPT),
        common.NOTE,
    ),
    unique=("centre_name", "stage"),
    enums={"centre_stage": CENTRE_STAGES, "industry": vocab.INDUSTRIES},
    model=MeasurementCentre,
    record_key=("centre_name",),
    stages=forward_only("centre_stage", CENTRE_STAGES),
    history=History(MeasurementCentreStage, "centre_id"),
    name_columns=("centre_name", "centre_name", "centre_name"),
    editors=(("ministry", ALL),),
    map_measure="measurement_centres",
    prefill=True,
    demo_rows=DemoRows(_demo_centres, stream=14),
)
