"""Releases of the national greenhouse gas emission factor database (tasks 16-17): factor
batches, and the electricity factors updated nationally and by province."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

from sqlmodel import Field

from dashboard.kinds import common
from dashboard.kinds.base import DemoRows, DemoWorld, RecordKind, columns
from dashboard.kinds.common import OPT, REQ
from dashboard.kinds.rules import BlankUnless, RequiredWhen
from dashboard.models.common import ReportedRecord
from dashboard.permission_scopes import ALL
from dashboard.synthetic import day_between

FACTOR_CATEGORIES = (
    "national_electricity_average",
    "fossil_electricity",
    "energy",
    "key_product",
)
FACTOR_SCOPES = ("national", "provincial")


class EmissionFactorRelease(ReportedRecord, table=True):
    """A batch of greenhouse gas emission factors published to the national database."""

    release_name: str = Field(unique=True, max_length=500)
    factor_category: str = Field(max_length=40)
    scope: str = Field(max_length=16)  # national | provincial
    province_code: str | None = Field(default=None, foreign_key="province.code", index=True)
    publication_date: date
    publishing_department: str | None = Field(default=None, foreign_key="department.code")
    factor_count: int | None = None
    note: str | None = Field(default=None, max_length=500)


def _demo_releases(rng: random.Random, world: DemoWorld) -> list[dict]:
    """A national batch of each category a year, and a dozen provinces' electricity factors."""
    cutoff, rows = world.cutoff, []
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
    for code in rng.sample(world.codes, 12):
        rows.append(
            {
                "release_name": f"（示例）{code} 2024年省级电力排放因子",
                "factor_category": "national_electricity_average",
                "scope": "provincial",
                "province_code": code,
                "publication_date": day_between(rng, date(2025, 1, 1), cutoff),
                "publishing_department": "MEE",
                "factor_count": 1,
                "note": None,
            }
        )
    return rows


KIND = RecordKind(
    key="emission_factor_release",
    columns=columns(
        ("release_name", "发布批次名称", "Release name", "text", REQ, None, ("批次", "名称")),
        ("factor_category", "因子类别", "Factor category", "enum", REQ, "factor_category", ()),
        ("scope", "范围", "Scope", "enum", REQ, "factor_scope", ("发布范围",)),
        replace(common.PROVINCE, required=OPT),
        ("publication_date", "发布日期", "Publication date", "date", REQ, None, ("日期",)),
        ("publishing_department", "发布部门", "Publishing department", "department", OPT),
        ("factor_count", "因子数量", "Number of factors", "int", OPT, None, ("因子数",)),
        common.NOTE,
    ),
    unique=("release_name",),
    enums={"factor_category": FACTOR_CATEGORIES, "factor_scope": FACTOR_SCOPES},
    model=EmissionFactorRelease,
    record_key=("release_name",),
    row_rules=(
        RequiredWhen("province_code", "scope", ("provincial",), "factor_province_required"),
        BlankUnless("province_code", "scope", ("provincial",), "factor_province_national"),
    ),
    name_columns=("release_name", "release_name", "release_name"),
    registry_page="emission_factors.py",
    edit_action="edit_emission_factor",
    editors=(("ministry", ALL),),
    map_measure="factor_releases",
    demo_rows=DemoRows(_demo_releases, stream=14),
)
