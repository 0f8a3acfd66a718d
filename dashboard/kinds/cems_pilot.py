"""CEMS pilots: enterprises applying continuous emission monitoring to carbon emissions
(task 9), compared with accounting data and metrologically tested (key task (10))."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Index
from sqlmodel import Field

from dashboard.kinds.base import History, RecordKind, Stages, columns, forward_only
from dashboard.kinds.common import (
    DATUM,
    LATITUDE,
    LOCATION,
    LONGITUDE,
    NOTE,
    OPT,
    PROVINCE,
    REQ,
    USCC_ALIASES,
)
from dashboard.kinds.rules import BothOrNeither, NotBefore, RequiredWhen
from dashboard.locations.datums import DATUMS
from dashboard.models.common import Located, StagedRecord, StageEntry
from dashboard.permission_scopes import OWN

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
_allowed, _rank = forward_only(CEMS_STAGES)


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
        ("uscc", "统一社会信用代码", "USCC", "uscc", REQ, None, USCC_ALIASES),
        ("enterprise_name", "企业名称", "Enterprise name", "text", REQ, None, ("企业",)),
        PROVINCE,
        ("industry", "行业", "Industry", "enum", REQ, "cems_industry", ("所属行业",)),
        ("install_date", "安装日期", "Installation date", "date", OPT, None, ()),
        ("stage", "阶段", "Stage", "enum", REQ, "cems_stage", ("试点阶段",)),
        ("stage_date", "阶段日期", "Stage date", "date", REQ, None, ("日期",)),
        ("comparison_result", "比对结果", "Comparison result", "text", OPT, None, ()),
        LONGITUDE,
        LATITUDE,
        DATUM,
        NOTE,
    ),
    unique=("uscc", "stage"),
    enums={"cems_industry": CEMS_INDUSTRIES, "cems_stage": CEMS_STAGES, "datum": DATUMS},
    model=CemsPilot,
    record_key=("uscc",),
    model_key=("uscc",),
    attrs={
        "enterprise_name": "enterprise_name",
        "province_code": "province_code",
        "industry": "industry",
        "install_date": "install_date",
        "comparison_result": "comparison_result",
        "longitude": "longitude",
        "latitude": "latitude",
        "datum": "location_datum",
        "note": "note",
    },
    planner="staged",
    stages=Stages("stage", "stage_date", "cems_stage", _allowed, _rank, "stage", "stage_date"),
    history=History(CemsPilotStage, "cems_pilot_id", "stage", "stage_date"),
    status_group="cems_stage",
    row_rules=(
        RequiredWhen(
            "install_date", "stage", ("installed", "compared", "tested"), "cems_install_required"
        ),
        RequiredWhen("comparison_result", "stage", ("compared", "tested"), "cems_result_required"),
        NotBefore("stage_date", "install_date", "stage_before_install", "install"),
        BothOrNeither("longitude", "latitude", "location_pair"),
    ),
    name_columns=("uscc", "enterprise_name", "enterprise_name"),
    record_type="cems_pilot",
    registry_page="cems_pilots.py",
    edit_action="edit_cems_pilot",
    editors=(("coordinator", OWN),),
    map_measure="cems_pilots",
    location=LOCATION,
)
