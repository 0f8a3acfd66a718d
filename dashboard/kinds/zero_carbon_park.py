"""Zero-carbon park measurement pilots (action plan, guarantee measure (iii): "organize and
carry out zero-carbon park measurement pilot projects"), by province, through their stages."""

from __future__ import annotations

from sqlalchemy import Index
from sqlmodel import Field

from dashboard.kinds.base import History, RecordKind, Stages, columns, forward_only
from dashboard.kinds.common import DATUM, LATITUDE, LOCATION, LONGITUDE, NOTE, OPT, PROVINCE, REQ
from dashboard.kinds.rules import BothOrNeither
from dashboard.locations.datums import DATUMS
from dashboard.models.common import Located, StagedRecord, StageEntry
from dashboard.permission_scopes import ALL, OWN

PARK_TYPES = ("industrial", "economic_development", "high_tech", "other")
PARK_STAGES = ("applied", "approved", "under_construction", "accepted")
_allowed, _rank = forward_only(PARK_STAGES)


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
        PROVINCE,
        ("park_type", "园区类型", "Park type", "enum", REQ, "park_type", ("类型",)),
        ("stage", "试点阶段", "Pilot stage", "enum", REQ, "park_stage", ("阶段",)),
        ("stage_date", "阶段日期", "Stage date", "date", REQ, None, ("日期",)),
        ("organiser", "组织单位", "Organiser", "text", OPT, None, ("组织部门",)),
        LONGITUDE,
        LATITUDE,
        DATUM,
        NOTE,
    ),
    unique=("park_name", "stage"),
    enums={"park_type": PARK_TYPES, "park_stage": PARK_STAGES, "datum": DATUMS},
    model=ZeroCarbonParkPilot,
    record_key=("park_name",),
    model_key=("park_name",),
    attrs={
        "province_code": "province_code",
        "park_type": "park_type",
        "organiser": "organiser",
        "longitude": "longitude",
        "latitude": "latitude",
        "datum": "location_datum",
        "note": "note",
    },
    planner="staged",
    stages=Stages("stage", "stage_date", "park_stage", _allowed, _rank, "stage", "stage_date"),
    history=History(ZeroCarbonParkStage, "park_id", "stage", "stage_date"),
    status_group="park_stage",
    row_rules=(BothOrNeither("longitude", "latitude", "location_pair"),),
    name_columns=("park_name", "park_name", "park_name"),
    record_type="zero_carbon_park",
    registry_page="zero_carbon_parks.py",
    edit_action="edit_zero_carbon_park",
    editors=(("coordinator", OWN), ("ministry", ALL)),
    map_measure="zero_carbon_parks",
    location=LOCATION,
)
