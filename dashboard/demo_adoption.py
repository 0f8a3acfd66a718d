"""Synthetic demo records of standards' adoptions (with the international standard proposals
they name), zero-carbon park measurement pilots and energy measurement reviews. Invented
values for the demo only; written through the same apply step as report rows."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlmodel import Session, select

from dashboard.kinds.energy_measurement_review import ENERGY_FIELDS
from dashboard.kinds.zero_carbon_park import PARK_STAGES, PARK_TYPES
from dashboard.models import Deliverable
from dashboard.submissions import apply_rows
from dashboard.synthetic import day_between as _day
from dashboard.synthetic import forward_path as _path
from dashboard.uscc import make_uscc

ACTOR = "demo-generator"
NOTE = "合成演示数据 synthetic demo data"


def _proposals(rng: random.Random, cutoff: date) -> list[dict]:
    """International standard proposals led from China (kept as international standards)."""
    rows = []
    for i in range(6):
        rows.append(
            {
                "number": f"ISO/NP {14090 + i}",
                "kind": "international_standard",
                "category": rng.choice(("carbon_accounting", "carbon_footprint", "ccus")),
                "title_zh": f"（示例）国际标准提案 {i + 1}",
                "title_en": f"(Synthetic) international standard proposal {i + 1}",
                "status": "in_progress",
                "started_on": _day(rng, date(2024, 3, 1), cutoff - timedelta(days=400)),
                "responsible_org": "SAC (synthetic)",
            }
        )
    return rows


def _adoptions(rng, session: Session, proposals: list[dict], cutoff: date) -> list[dict]:
    groups = session.exec(
        select(Deliverable.number, Deliverable.issue_date)
        .where(Deliverable.kind == "group_standard", Deliverable.issue_date.is_not(None))
        .order_by(Deliverable.number)
    ).all()
    rows = []
    for i, (number, issued) in enumerate(rng.sample(list(groups), min(16, len(groups)))):
        if issued >= cutoff:
            continue
        listed = _day(rng, issued, cutoff)
        if i % 2 == 0:
            rows.append(_event(number, "adopted_into_green_product_list", listed, None))
        if i % 3 == 0:
            day = _day(rng, issued, cutoff)
            if i % 2:
                target = f"GB/T {47100 + i}-{day.year}"
                rows.append(_event(number, "converted_to_national_standard", day, target))
            else:
                target = f"HJ {1500 + i}-{day.year}"
                rows.append(_event(number, "converted_to_industry_standard", day, target))
    for i, proposal in enumerate(proposals):
        submitted = proposal["started_on"] + timedelta(days=rng.randint(10, 90))
        rows.append(_event(proposal["number"], "international_proposal_submitted", submitted))
        if i < 2:
            day = _day(rng, submitted + timedelta(days=200), cutoff)
            published = f"ISO {14090 + i}:{day.year}"
            rows.append(
                _event(proposal["number"], "international_standard_published", day, published)
            )
    return rows


def _event(number: str, event: str, day: date, target: str | None = None) -> dict:
    return {
        "standard_number": number,
        "event": event,
        "event_date": day,
        "target_number": target,
        "evidence": "（示例）公告",
        "note": NOTE,
    }


def _parks(rng: random.Random, codes: list[str], cutoff: date) -> list[dict]:
    rows = []
    for i, code in enumerate(rng.sample(codes, 10)):
        name = f"（示例）零碳园区计量试点 {i + 1}（{code}）"
        park_type = rng.choice(PARK_TYPES)
        for stage, day in _path(
            rng, PARK_STAGES, date(2024, 9, 1), cutoff, days_per_stage=40, gap=(30, 150)
        ):
            rows.append(
                {
                    "park_name": name,
                    "province_code": code,
                    "park_type": park_type,
                    "stage": stage,
                    "stage_date": day,
                    "organiser": "（示例）省市场监管局",
                    "note": NOTE,
                }
            )
    return rows


def _energy_reviews(rng: random.Random, codes: list[str], cutoff: date) -> list[dict]:
    rows, seen = [], set()
    statuses = ("planned", "in_review", "rectification", "completed")
    for i in range(40):
        code = rng.choice(codes)
        uscc = make_uscc(rng, code)
        if uscc in seen:
            continue
        seen.add(uscc)
        field = rng.choice(ENERGY_FIELDS)
        for status, day in _path(
            rng, statuses, date(2024, 8, 1), cutoff, days_per_stage=40, gap=(30, 150)
        ):
            rows.append(
                {
                    "uscc": uscc,
                    "unit_name": f"（示例）用能单位 {i + 1}",
                    "province_code": code,
                    "field": field,
                    "review_status": status,
                    "review_date": day,
                    "note": None,
                }
            )
    return rows


def generate(session: Session, rng: random.Random, codes: list[str], cutoff: date) -> dict:
    """Write the synthetic records; returns the rows per kind."""
    proposals = _proposals(rng, cutoff)
    apply_rows(session, kind="standard", rows=proposals, submission_id=None, actor_name=ACTOR)
    out = {}
    for kind, rows in (
        ("standard_adoption", _adoptions(rng, session, proposals, cutoff)),
        ("zero_carbon_park", _parks(rng, codes, cutoff)),
        ("energy_measurement_review", _energy_reviews(rng, codes, cutoff)),
    ):
        apply_rows(session, kind=kind, rows=rows, submission_id=None, actor_name=ACTOR)
        out[kind] = len(rows)
    return out
