"""Provincial implementation plans (work programme III(c): "each region should formulate a
specific plan"): one per province and the XPCC, drafting or issued."""

from __future__ import annotations

import random
from datetime import date

from sqlmodel import Field, Session, col, select

from dashboard.kinds import common
from dashboard.kinds.base import Column, DemoRows, DemoWorld, RecordKind, columns, forward_only
from dashboard.kinds.common import OPT, REQ
from dashboard.kinds.rules import RequiredWhen
from dashboard.models.common import ReportedRecord
from dashboard.permission_scopes import ALL, OWN
from dashboard.synthetic import DEMO_NOTE, day_between

PLAN_STATUSES = ("drafting", "issued")


def _demo_plans(rng: random.Random, world: DemoWorld) -> list[dict]:
    """Most regions have a plan, drafting or issued; a fifth have none yet (what the ministry
    must see at a glance)."""
    rows = []
    for code in plan_regions(world.session):
        roll = rng.random()
        if roll < 0.2:
            continue
        issued = roll > 0.45
        day = day_between(rng, date(2024, 3, 1), world.cutoff)
        rows.append(
            {
                "province_code": code,
                "status": "issued" if issued else "drafting",
                "document_number": f"（示例）{code[:2]}政办发〔{day.year}〕{rng.randint(1, 60)}号"
                if issued
                else None,
                "issuing_body": "（示例）省人民政府办公厅" if issued else None,
                "issue_date": day if issued else None,
                "scope": "（示例）全省碳排放统计核算与计量体系建设",
                "evidence": None,
                "note": DEMO_NOTE,
            }
        )
    return rows


class ProvincialPlan(ReportedRecord, table=True):
    """A province's (or the XPCC's) implementation plan for the work programme: one each."""

    province_code: str = Field(foreign_key="province.code", unique=True)
    status: str  # drafting | issued
    document_number: str | None = Field(default=None, max_length=500)
    issuing_body: str | None = Field(default=None, max_length=500)
    issue_date: date | None = None
    scope: str | None = Field(default=None, max_length=500)
    evidence: str | None = Field(default=None, max_length=500)
    note: str | None = Field(default=None, max_length=500)


KIND = RecordKind(
    key="provincial_plan",
    columns=columns(
        common.PROVINCE,
        ("status", "方案状态", "Plan status", "enum", REQ, "plan_status", ("状态",)),
        ("document_number", "文号", "Document number", "text", OPT, None, ("发文字号",)),
        ("issuing_body", "印发机关", "Issuing body", "text", OPT, None, ("发文机关",)),
        Column("issue_date", "印发日期", "Issue date", "date", aliases=("发布日期",)),
        ("scope", "适用范围", "Scope", "text", OPT, None, ("范围",)),
        common.EVIDENCE,
        common.NOTE,
    ),
    unique=("province_code",),
    enums={"plan_status": PLAN_STATUSES},
    model=ProvincialPlan,
    record_key=("province_code",),
    stages=forward_only("plan_status", PLAN_STATUSES, "status", "issue_date"),
    row_rules=(
        RequiredWhen("issue_date", "status", ("issued",), "plan_issue_date_required"),
        RequiredWhen("document_number", "status", ("issued",), "plan_number_required"),
    ),
    name_columns=("province_code", "issuing_body", "issuing_body"),
    editors=(("coordinator", OWN), ("ministry", ALL)),
    map_measure="plans_issued",
    prefill=True,
    demo_rows=DemoRows(_demo_plans, stream=14),
)


def plan_regions(session: Session) -> list[str]:
    """The regions the work programme asks for a plan: the 31 mainland provinces and the
    XPCC (not Hong Kong, Macao or Taiwan)."""
    from sqlalchemy import or_

    from dashboard.models import Province

    mainland = col(Province.is_standard) & (col(Province.code) < "700000")
    stmt = select(Province.code).where(or_(mainland, col(Province.code) == "XPCC"))
    return list(session.exec(stmt.order_by(Province.code)).all())


def plan_status_by_province(session: Session, as_of: date) -> dict[str, str | None]:
    """Every mainland province and the XPCC -> its plan's status as of `as_of`:
    "issued" (issued on or before the day), "drafting", or None (no plan reported).

    Not scoped: plan status is an aggregate every role that reads aggregates may see.
    A plan recorded after `as_of` counts as drafting only if it was created by then."""
    out: dict[str, str | None] = dict.fromkeys(plan_regions(session))
    for plan in session.exec(select(ProvincialPlan)).all():
        if plan.province_code not in out:
            continue
        if plan.status == "issued" and plan.issue_date and plan.issue_date <= as_of:
            out[plan.province_code] = "issued"
        elif plan.created_at.date() <= as_of:
            out[plan.province_code] = "drafting"
    return out
