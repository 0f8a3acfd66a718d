"""Carbon emission management standardization pilots (enterprises and parks) and their stages."""

from dataclasses import replace

from dashboard import vocab
from dashboard.kinds import common
from dashboard.kinds.base import History, Listing, RecordKind, Stages, columns
from dashboard.kinds.common import OPT, REQ
from dashboard.kinds.rules import RequiredWhen
from dashboard.locations.datums import DATUMS
from dashboard.models import Pilot, PilotStage
from dashboard.permission_scopes import OWN

KIND = RecordKind(
    key="pilot_status",
    columns=columns(
        ("pilot_code", "试点编号", "Pilot code", "code", REQ, None, ("编号", "试点代码")),
        ("pilot_name", "试点名称", "Pilot name", "text", REQ, None, ("名称",)),
        ("pilot_type", "试点类型", "Pilot type", "enum", REQ, "pilot_type", ("类型",)),
        common.PROVINCE,
        replace(common.USCC, required=OPT),
        common.INDUSTRY,
        ("stage", "阶段", "Stage", "enum", REQ, "stage", ("试点阶段", "当前阶段")),
        common.STAGE_DATE,
        ("standards_adopted", "采用标准数", "Standards adopted", "int", OPT, None, ()),
        *common.LOCATION_COLUMNS,
        common.NOTE,
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
    renamed={"pilot_name": "name"},
    defaults={"standards_adopted": 0},
    stages=Stages(
        "stage",
        "stage_date",
        "stage",
        vocab.pilot_move_allowed,
        vocab.pilot_stage_rank,
        "current_stage",
        "current_stage_date",
    ),
    history=History(
        PilotStage,
        "pilot_id",
        span_type="pilot",
        span_sets=(vocab.PILOT_SET_UP_STAGES,),  # the action plan's pilots set up
    ),
    row_rules=(RequiredWhen("uscc", "pilot_type", ("enterprise",), "uscc_required"),),
    name_columns=("pilot_code", "pilot_name", "pilot_name"),
    record_type="pilot",
    registry_page="pilots.py",
    edit_action="edit_pilot",
    editors=(("coordinator", OWN),),
    map_measure="pilots_set_up",
    location=common.LOCATION,
    listing=Listing(
        columns=(
            "id",
            "code",
            "name",
            "pilot_type",
            "uscc",
            "province_code",
            "industry",
            "standards_adopted",
            "current_stage",
            "current_stage_date",
            "version",
            "updated_at",
        ),
        order=("province_code", "code"),
        search=("code", "name"),
        history=common.entry_listing("stage", "stage_date", "submission_id"),
    ),
    prefill=True,
)
