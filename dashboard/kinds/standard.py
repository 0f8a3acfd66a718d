"""Standards and measurement deliverables (national, group, international, local standards,
measurement specifications and standards, reference materials, technology studies)."""

from dataclasses import replace

from dashboard import vocab
from dashboard.kinds import common
from dashboard.kinds.base import Column, Listing, RecordKind, columns
from dashboard.kinds.common import OPT, REQ
from dashboard.kinds.rules import BlankUnless, Named, NotBefore, RequiredWhen
from dashboard.models import Deliverable

KIND = RecordKind(
    key="standard",
    columns=columns(
        ("number", "标准编号", "Number", "number", REQ, None, ("编号", "标准号")),
        ("kind", "成果类型", "Kind", "enum", REQ, "kind", ("类型", "标准类型")),
        ("category", "领域", "Category", "enum", REQ, "category", ("标准领域", "类别")),
        ("title_zh", "中文名称", "Title (Chinese)", "text", REQ, None, ("标准名称", "名称")),
        ("title_en", "英文名称", "Title (English)", "text", OPT, None, ()),
        ("status", "状态", "Status", "enum", REQ, "dstatus", ()),
        ("issue_date", "发布日期", "Issue date", "date", OPT, None, ()),
        Column("implementation_date", "实施日期", "Implementation date", "date", future_ok=True),
        (
            "responsible_org",
            "归口单位",
            "Responsible organisation",
            "text",
            OPT,
            None,
            ("负责单位", "牵头单位"),
        ),
        ("started_on", "立项日期", "Started on", "date", OPT, None, ()),
        replace(common.PROVINCE, required=OPT),
        ("withdrawn_on", "废止日期", "Withdrawn on", "date", OPT, None, ("撤销日期",)),
    ),
    unique=("kind", "number"),
    enums={
        "kind": vocab.DELIVERABLE_KINDS,
        "category": vocab.DELIVERABLE_CATEGORIES,
        "dstatus": vocab.DELIVERABLE_STATUSES,
    },
    model=Deliverable,
    record_key=("kind", "number"),
    derived=("adopted_standard",),  # set by the standard_number rule from an adoption notation
    status_group="dstatus",
    row_rules=(
        Named("standard_number"),
        RequiredWhen("issue_date", "status", ("issued",), "issue_date_required"),
        NotBefore("implementation_date", "issue_date", "implementation_before_issue", "issue"),
        BlankUnless("withdrawn_on", "status", ("withdrawn",), "withdrawn_on_needs_status"),
        NotBefore(
            "withdrawn_on",
            "issue_date",
            "withdrawn_before_issue",
            "issue",
            when=("status", ("withdrawn",)),
        ),
    ),
    name_columns=("number", "title_zh", "title_en"),
    record_type="deliverable",
    state="status",
    # national, public documents: every role that reads aggregates lists them all
    listing=Listing(
        columns=(
            "id",
            "number",
            "adopted_standard",
            "kind",
            "category",
            "title_zh",
            "title_en",
            "status",
            "started_on",
            "issue_date",
            "implementation_date",
            "responsible_org",
            "province_code",
        ),
        order=("-issue_date", "number"),
        search=("number", "title_zh", "title_en"),
        read_action="view_aggregates",
    ),
)
