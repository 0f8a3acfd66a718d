"""Synthetic demo records of the kinds described in dashboard.kinds beyond the first four
(provincial plans, CEMS pilots, emission factor releases, measurement centres). Invented
values for the demo only; written through the same apply step as report rows."""

from __future__ import annotations

import random
from datetime import date

from sqlmodel import Session

from dashboard.kinds.cems_pilot import CEMS_INDUSTRIES, CEMS_STAGES
from dashboard.kinds.emission_factor_release import FACTOR_CATEGORIES
from dashboard.kinds.measurement_centre import CENTRE_STAGES
from dashboard.kinds.provincial_plan import plan_regions
from dashboard.submissions import apply_rows
from dashboard.synthetic import day_between as _day
from dashboard.synthetic import forward_path as _staged
from dashboard.uscc import make_uscc

ACTOR = "demo-generator"


def _plans(rng: random.Random, session: Session, cutoff: date) -> list[dict]:
    rows = []
    for code in plan_regions(session):
        roll = rng.random()
        if roll < 0.2:
            continue  # no plan yet: what the ministry must see at a glance
        issued = roll > 0.45
        day = _day(rng, date(2024, 3, 1), cutoff)
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
                "note": "合成演示数据 synthetic demo data",
            }
        )
    return rows


def _cems(rng: random.Random, codes: list[str], cutoff: date) -> list[dict]:
    rows, seen = [], set()
    for i in range(36):
        code = rng.choice(codes)
        uscc = make_uscc(rng, code)
        if uscc in seen:
            continue
        seen.add(uscc)
        path = _staged(rng, CEMS_STAGES, date(2024, 6, 1), cutoff, days_per_stage=30, gap=(20, 120))
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


def _factors(rng: random.Random, codes: list[str], cutoff: date) -> list[dict]:
    rows = []
    for year in (2023, 2024, 2025):
        for category in FACTOR_CATEGORIES:
            rows.append(
                {
                    "release_name": f"（示例）{year}年{category}排放因子",
                    "factor_category": category,
                    "scope": "national",
                    "province_code": None,
                    "publication_date": min(cutoff, date(year + 1, rng.randint(1, 9), 15)),
                    "publishing_department": rng.choice(("MEE", "NBS")),
                    "factor_count": rng.randint(1, 400),
                    "note": None,
                }
            )
    for code in rng.sample(codes, 12):
        rows.append(
            {
                "release_name": f"（示例）{code} 2024年省级电力排放因子",
                "factor_category": "national_electricity_average",
                "scope": "provincial",
                "province_code": code,
                "publication_date": _day(rng, date(2025, 1, 1), cutoff),
                "publishing_department": "MEE",
                "factor_count": 1,
                "note": None,
            }
        )
    return rows


def _centres(rng: random.Random, codes: list[str], cutoff: date) -> list[dict]:
    rows = []
    fields = ("power", "steel", "petrochemical", "building_materials", "transport")
    for i, code in enumerate(rng.sample(codes, 9)):
        name = f"（示例）国家碳计量中心（{code}）"
        for stage, day in _staged(
            rng, CENTRE_STAGES, date(2024, 1, 10), cutoff, days_per_stage=30, gap=(20, 120)
        ):
            rows.append(
                {
                    "centre_name": name,
                    "province_code": code,
                    "field": fields[i % len(fields)],
                    "stage": stage,
                    "stage_date": day,
                    "approving_department": "SAMR",
                    "note": None,
                }
            )
    return rows


def generate(session: Session, rng: random.Random, codes: list[str], cutoff: date) -> dict:
    """Write the synthetic records of the four kinds; returns the rows per kind."""
    out = {}
    for kind, rows in (
        ("provincial_plan", _plans(rng, session, cutoff)),
        ("cems_pilot", _cems(rng, codes, cutoff)),
        ("emission_factor_release", _factors(rng, codes, cutoff)),
        ("measurement_centre", _centres(rng, codes, cutoff)),
    ):
        apply_rows(session, kind=kind, rows=rows, submission_id=None, actor_name=ACTOR)
        out[kind] = len(rows)
    return out
