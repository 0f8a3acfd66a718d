"""Enterprises in carbon measurement review pilots and their review status."""

from dashboard import vocab
from dashboard.kinds import common
from dashboard.kinds.base import History, Listing, RecordKind, columns
from dashboard.kinds.common import OPT
from dashboard.kinds.rules import NotMore
from dashboard.models import MeasurementReview, ReviewStatusEntry
from dashboard.permission_scopes import OWN

KIND = RecordKind(
    key="measurement_review",
    columns=columns(
        *common.ENTERPRISE_COLUMNS,
        common.INDUSTRY,
        common.REVIEW_STATUS,
        common.REVIEW_DATE,
        ("instruments_total", "计量器具总数", "Instruments total", "int", OPT, None, ()),
        (
            "instruments_calibrated",
            "已检定校准器具数",
            "Instruments calibrated",
            "int",
            OPT,
            None,
            ("已检定器具数", "已校准器具数"),
        ),
        common.NOTE,
    ),
    unique=("uscc", "review_status"),
    enums={"industry": vocab.INDUSTRIES, "review_status": vocab.REVIEW_STATUSES},
    model=MeasurementReview,
    record_key=("uscc",),
    stages=common.REVIEW_STAGES,
    history=History(
        ReviewStatusEntry,
        "review_id",
        "status",
        "status_date",
        span_type="measurement_review",
        span_sets=(vocab.REVIEW_COUNTING_STATUSES,),  # the action plan's enterprises reviewed
    ),
    row_rules=(
        NotMore("instruments_calibrated", "instruments_total", "instruments_exceed", "total"),
    ),
    name_columns=("uscc", "enterprise_name", "enterprise_name"),
    edit_action="edit_review",
    editors=(("coordinator", OWN),),
    map_measure="review_enterprises",
    listing=Listing(
        columns=(
            "id",
            "uscc",
            "enterprise_name",
            "province_code",
            "industry",
            "status",
            "status_date",
            "instruments_total",
            "instruments_calibrated",
            "version",
            "updated_at",
        ),
        order=("province_code", "id"),
        search=("uscc", "enterprise_name"),
        history=common.entry_listing("status", "status_date"),
    ),
    prefill=True,
)
