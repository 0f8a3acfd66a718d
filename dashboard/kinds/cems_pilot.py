"""CEMS pilots: enterprises applying continuous emission monitoring to carbon emissions
(task 9), compared with accounting data and metrologically tested (key task (10))."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

from sqlalchemy import Index
from sqlmodel import Field

from dashboard.kinds import common
from dashboard.kinds.base import DemoRows, DemoWorld, History, RecordKind, columns, forward_only
from dashboard.kinds.common import OPT, REQ
from dashboard.kinds.rules import NotBefore, RequiredWhen
from dashboard.locations.datums import DATUMS
from dashboard.models.common import Located, StagedRecord, StageEntry
from dashboard.permission_scopes import OWN
from dashboard.synthetic import distinct_enterprises, forward_path

CEMS_INDUSTRIES = (
    "power",
    "cement",
    "steel",
    "petrochemical",
    "chemical",
    "nonferrous",
    "waste_incineration",
    "other",
)
CEMS_STAGES = ("planned", "installed", "compared", "tested")


def _demo_pilots(rng: random.Random, world: DemoWorld) -> list[dict]:
    rows = []
    for i, code, uscc in distinct_enterprises(rng, world.codes, 36, world.featured):
        path = forward_path(
            rng, CEMS_STAGES, date(2024, 6, 1), world.cutoff, days_per_stage=30, gap=(20, 120)
        )
        installed = path[1][1] if len(path) > 1 else None
        for stage, day in path:
            rows.append(
                {
                    "uscc": uscc,
                    "enterprise_name": f"（示例）CEMS试点企业 {i + 1}",
                    "province_code": code,
                    "industry": rng.choice(CEMS_INDUSTRIES),
                    "install_date": installed if stage != "planned" else None,
                    "stage": stage,
                    "stage_date": day,
                    "comparison_result": "（示例）偏差 ±3%"
                    if stage in ("compared", "tested")
                    else None,
                    "note": None,
                }
            )
    return rows


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


KIND = RecordKind(
    key="cems_pilot",
    columns=columns(
        *common.ENTERPRISE_COLUMNS,
        replace(common.INDUSTRY, enum="cems_industry"),
        ("install_date", "安装日期", "Installation date", "date", OPT, None, ()),
        ("stage", "阶段", "Stage", "enum", REQ, "cems_stage", ("试点阶段",)),
        common.STAGE_DATE,
        ("comparison_result", "比对结果", "Comparison result", "text", OPT, None, ()),
        *common.LOCATION_COLUMNS,
        common.NOTE,
    ),
    unique=("uscc", "stage"),
    enums={"cems_industry": CEMS_INDUSTRIES, "cems_stage": CEMS_STAGES, "datum": DATUMS},
    model=CemsPilot,
    record_key=("uscc",),
    stages=forward_only("cems_stage", CEMS_STAGES),
    history=History(CemsPilotStage, "cems_pilot_id"),
    row_rules=(
        RequiredWhen(
            "install_date", "stage", ("installed", "compared", "tested"), "cems_install_required"
        ),
        RequiredWhen("comparison_result", "stage", ("compared", "tested"), "cems_result_required"),
        NotBefore("stage_date", "install_date", "stage_before_install", "install"),
    ),
    name_columns=("uscc", "enterprise_name", "enterprise_name"),
    editors=(("coordinator", OWN),),
    map_measure="cems_pilots",
    location=common.LOCATION,
    prefill=True,
    demo_rows=DemoRows(_demo_pilots, stream=14),
)
