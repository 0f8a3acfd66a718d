"""Enterprises in carbon measurement review pilots and their review status."""

from dashboard import vocab
from dashboard.kinds.base import History, Listing, RecordKind, Stages, columns
from dashboard.kinds.common import NOTE, OPT, PROVINCE, REQ, USCC_ALIASES
from dashboard.kinds.rules import NotMore
from dashboard.models import MeasurementReview, ReviewStatusEntry
from dashboard.permission_scopes import OWN

KIND = RecordKind(
    key="measurement_review",
    columns=columns(
        ("uscc", "统一社会信用代码", "USCC", "uscc", REQ, None, USCC_ALIASES),
        ("enterprise_name", "企业名称", "Enterprise name", "text", REQ, None, ("企业",)),
        PROVINCE,
        ("industry", "行业", "Industry", "enum", REQ, "industry", ("所属行业",)),
        ("review_status", "审查状态", "Review status", "enum", REQ, "review_status", ("状态",)),
        ("review_date", "状态日期", "Review date", "date", REQ, None, ("审查日期", "日期")),
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
        NOTE,
    ),
    unique=("uscc", "review_status"),
    enums={"industry": vocab.INDUSTRIES, "review_status": vocab.REVIEW_STATUSES},
    model=MeasurementReview,
    record_key=("uscc",),
    model_key=("uscc",),
    attrs={
        "enterprise_name": "enterprise_name",
        "province_code": "province_code",
        "industry": "industry",
        "instruments_total": "instruments_total",
        "instruments_calibrated": "instruments_calibrated",
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
    history=History(
        ReviewStatusEntry,
        "review_id",
        "status",
        "status_date",
        span_type="measurement_review",
        span_sets=(vocab.REVIEW_COUNTING_STATUSES,),  # the action plan's enterprises reviewed
    ),
    status_group="review_status",
    row_rules=(
        NotMore("instruments_calibrated", "instruments_total", "instruments_exceed", "total"),
    ),
    name_columns=("uscc", "enterprise_name", "enterprise_name"),
    record_type="measurement_review",
    registry_page="measurement_reviews.py",
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
        history=(
            "id",
            "status",
            "status_date",
            "corrects_id",
            "note",
            "recorded_by",
            "recorded_at",
        ),
    ),
    prefill=True,
)
