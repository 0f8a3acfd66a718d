"""Carbon emission management standardization pilots (enterprises and parks) and their stages."""

from dashboard import vocab
from dashboard.kinds.base import History, RecordKind, Stages, columns
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
from dashboard.kinds.rules import BothOrNeither, RequiredWhen
from dashboard.locations.datums import DATUMS
from dashboard.models import Pilot, PilotStage

KIND = RecordKind(
    key="pilot_status",
    columns=columns(
        ("pilot_code", "试点编号", "Pilot code", "code", REQ, None, ("编号", "试点代码")),
        ("pilot_name", "试点名称", "Pilot name", "text", REQ, None, ("名称",)),
        ("pilot_type", "试点类型", "Pilot type", "enum", REQ, "pilot_type", ("类型",)),
        PROVINCE,
        ("uscc", "统一社会信用代码", "USCC", "uscc", OPT, None, USCC_ALIASES),
        ("industry", "行业", "Industry", "enum", REQ, "industry", ("所属行业",)),
        ("stage", "阶段", "Stage", "enum", REQ, "stage", ("试点阶段", "当前阶段")),
        ("stage_date", "阶段日期", "Stage date", "date", REQ, None, ("日期",)),
        ("standards_adopted", "采用标准数", "Standards adopted", "int", OPT, None, ()),
        LONGITUDE,
        LATITUDE,
        DATUM,
        NOTE,
    ),
    unique=("pilot_code", "stage"),
    enums={
        "pilot_type": vocab.PILOT_TYPES,
        "stage": vocab.PILOT_ALL_STAGES,
        "industry": vocab.INDUSTRIES,
        "datum": DATUMS,
    },
    model=Pilot,
    record_key=("pilot_code",),
    model_key=("code",),
    attrs={
        "pilot_name": "name",
        "pilot_type": "pilot_type",
        "uscc": "uscc",
        "province_code": "province_code",
        "industry": "industry",
        "standards_adopted": "standards_adopted",
        "longitude": "longitude",
        "latitude": "latitude",
        "datum": "location_datum",
        "note": "note",
    },
    defaults={"standards_adopted": 0},
    planner="staged",
    stages=Stages(
        "stage",
        "stage_date",
        "stage",
        vocab.pilot_move_allowed,
        vocab.pilot_stage_rank,
        "current_stage",
        "current_stage_date",
    ),
    history=History(PilotStage, "pilot_id", "stage", "stage_date", span_type="pilot"),
    status_group="stage",
    row_rules=(
        RequiredWhen("uscc", "pilot_type", ("enterprise",), "uscc_required"),
        BothOrNeither("longitude", "latitude", "location_pair"),
    ),
    name_columns=("pilot_code", "pilot_name", "pilot_name"),
    record_type="pilot",
    registry_page="pilots.py",
    edit_action="edit_pilot",
    map_measure="pilots_set_up",
    location=LOCATION,
)
