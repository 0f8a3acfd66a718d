"""Releases of the national greenhouse gas emission factor database (tasks 16-17): factor
batches, and the electricity factors updated nationally and by province."""

from __future__ import annotations

from datetime import date

from sqlmodel import Field

from dashboard.kinds.base import RecordKind, columns
from dashboard.kinds.common import NOTE, OPT, PROVINCE_ALIASES, REQ
from dashboard.kinds.rules import BlankUnless, RequiredWhen
from dashboard.models.common import ReportedRecord
from dashboard.permission_scopes import ALL

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


KIND = RecordKind(
    key="emission_factor_release",
    columns=columns(
        ("release_name", "发布批次名称", "Release name", "text", REQ, None, ("批次", "名称")),
        ("factor_category", "因子类别", "Factor category", "enum", REQ, "factor_category", ()),
        ("scope", "范围", "Scope", "enum", REQ, "factor_scope", ("发布范围",)),
        ("province_code", "省份代码", "Province code", "province", OPT, None, PROVINCE_ALIASES),
        ("publication_date", "发布日期", "Publication date", "date", REQ, None, ("日期",)),
        ("publishing_department", "发布部门", "Publishing department", "department", OPT),
        ("factor_count", "因子数量", "Number of factors", "int", OPT, None, ("因子数",)),
        NOTE,
    ),
    unique=("release_name",),
    enums={"factor_category": FACTOR_CATEGORIES, "factor_scope": FACTOR_SCOPES},
    model=EmissionFactorRelease,
    record_key=("release_name",),
    model_key=("release_name",),
    attrs={
        "factor_category": "factor_category",
        "scope": "scope",
        "province_code": "province_code",
        "publication_date": "publication_date",
        "publishing_department": "publishing_department",
        "factor_count": "factor_count",
        "note": "note",
    },
    planner="keyed",
    row_rules=(
        RequiredWhen("province_code", "scope", ("provincial",), "factor_province_required"),
        BlankUnless("province_code", "scope", ("provincial",), "factor_province_national"),
    ),
    name_columns=("release_name", "release_name", "release_name"),
    record_type="emission_factor_release",
    registry_page="emission_factors.py",
    edit_action="edit_emission_factor",
    editors=(("ministry", ALL),),
    map_measure="factor_releases",
)
