"""Zero-carbon park measurement pilots (action plan, guarantee measure (iii): "organize and
carry out zero-carbon park measurement pilot projects"), by province, through their stages."""

from __future__ import annotations

import random
from datetime import date

from sqlalchemy import Index
from sqlmodel import Field

from dashboard.kinds import common
from dashboard.kinds.base import DemoRows, DemoWorld, History, RecordKind, columns, forward_only
from dashboard.kinds.common import OPT, REQ
from dashboard.locations.datums import DATUMS
from dashboard.models.common import Located, StagedRecord, StageEntry
from dashboard.permission_scopes import ALL, OWN
from dashboard.synthetic import DEMO_NOTE, featured_sample, forward_path

PARK_TYPES = ("industrial", "economic_development", "high_tech", "other")
PARK_STAGES = ("applied", "approved", "under_construction", "accepted")


def _demo_parks(rng: random.Random, world: DemoWorld) -> list[dict]:
    rows = []
    for i, code in enumerate(featured_sample(rng, world.codes, 10, world.featured)):
        name = f"（示例）零碳园区计量试点 {i + 1}（{code}）"
        park_type = rng.choice(PARK_TYPES)
        for stage, day in forward_path(
            rng, PARK_STAGES, date(2024, 9, 1), world.cutoff, days_per_stage=40, gap=(30, 150)
        ):
            rows.append(
                {
                    "park_name": name,
                    "province_code": code,
                    "park_type": park_type,
                    "stage": stage,
                    "stage_date": day,
                    "organiser": "（示例）省市场监管局",
                    "note": DEMO_NOTE,
                }
            )
    return rows


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


KIND = RecordKind(
    key="zero_carbon_park",
    columns=columns(
        ("park_name", "园区名称", "Park name", "text", REQ, None, ("园区",)),
        common.PROVINCE,
        ("park_type", "园区类型", "Park type", "enum", REQ, "park_type", ("类型",)),
        ("stage", "试点阶段", "Pilot stage", "enum", REQ, "park_stage", ("阶段",)),
        common.STAGE_DATE,
        ("organiser", "组织单位", "Organiser", "text", OPT, None, ("组织部门",)),
        *common.LOCATION_COLUMNS,
        common.NOTE,
    ),
    unique=("park_name", "stage"),
    enums={"park_type": PARK_TYPES, "park_stage": PARK_STAGES, "datum": DATUMS},
    model=ZeroCarbonParkPilot,
    record_key=("park_name",),
    stages=forward_only("park_stage", PARK_STAGES),
    history=History(ZeroCarbonParkStage, "park_id"),
    name_columns=("park_name", "park_name", "park_name"),
    editors=(("coordinator", OWN), ("ministry", ALL)),
    map_measure="zero_carbon_parks",
    location=common.LOCATION,
    prefill=True,
    demo_rows=DemoRows(_demo_parks, stream=15),
)
