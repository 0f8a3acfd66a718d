"""A kind described only here, in the test, is listed by the registries, pre-fills a
coordinator's template and shows what accepting its report would change to the figures,
with no code naming it anywhere else: those read the kind descriptions, on SQLite and
PostgreSQL.

The first toy is a second, shorter report of the measurement reviews (no instrument counts,
no note) over their tables: a target counts only the record sets the counting engine knows
(measurement reviews are one). The second toy, a register of calibration laboratories, has a
table of its own, declared here next to its description, and says who may edit its records:
its edit permission comes from that description. A kind of the product declares its tables
in its module and needs a migration (docs/ARCHITECTURE.md, "A new record kind"); the toy's
table is on a metadata of its own, made in the test's database only, so the schema every
other test builds stays without it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from dashboard import permissions
from dashboard.kinds import KINDS, RecordKind
from dashboard.kinds.base import Listing, columns
from dashboard.kinds.common import REQ
from dashboard.models import MeasurementReview, Province, Submission
from dashboard.models.common import ReportedRecord, table_of
from dashboard.permission_scopes import OWN
from dashboard.permissions import PermissionDenied, can, edit_grants, permission_table
from dashboard.services.kind_records import save_record
from dashboard.services.registries import record_columns, records_frame
from dashboard.submissions.impact import acceptance_impact
from pipelines.prefill import prefill_rows
from tests import builders as b

REVIEW = KINDS["measurement_review"]
# The measurement reviews' report without its instrument counts and note (nor their rule),
# over the same tables, stages and history, its records counted as measurement reviews; its
# page, edit permission, map measure and listing are the defaults, not the measurement reviews'.
TOY = replace(
    REVIEW,
    key="toy_review",
    columns=tuple(
        c
        for c in REVIEW.columns
        if c.key not in ("instruments_total", "instruments_calibrated", "note")
    ),
    row_rules=(),
    registry_page=None,
    edit_action=None,
    editors=(),
    map_measure=None,
    listing=Listing(),
)


class ToyTables(SQLModel, registry=registry()):
    """The toy's tables, on a metadata of their own (not SQLModel.metadata)."""


class ToyLab(ReportedRecord, ToyTables, table=True):
    """A calibration laboratory of a province."""

    lab_name: str = Field(unique=True, max_length=500)
    province_code: str = Field(foreign_key="province.code", index=True)
    note: str | None = Field(default=None, max_length=500)


for _named in (Province, Submission):  # the tables its foreign keys name, for its DDL
    table_of(_named).to_metadata(ToyTables.metadata)

TOY_LAB = RecordKind(
    key="toy_lab",
    columns=columns(
        ("lab_name", "实验室名称", "Laboratory", "text", REQ),
        ("province_code", "省份代码", "Province code", "province", REQ),
        ("note", "备注", "Note", "text"),
    ),
    unique=("lab_name",),
    enums={},
    model=ToyLab,
    record_key=("lab_name",),
    name_columns=("lab_name", "lab_name", "lab_name"),
    editors=(("coordinator", OWN),),
)
AS_OF = date(2025, 12, 31)
ENTERPRISES_REVIEWED = "T3"  # the action plan's target on measurement review enterprises


@pytest.fixture
def toy(monkeypatch):
    monkeypatch.setitem(KINDS, TOY.key, TOY)
    return TOY


@pytest.fixture
def toy_lab(monkeypatch, engine):
    """The laboratory toy among the kinds, its table in the test's database, and the
    permission table as dashboard.permissions builds it from the kinds."""
    ToyTables.metadata.create_all(engine, tables=[table_of(ToyLab)])
    monkeypatch.setitem(KINDS, TOY_LAB.key, TOY_LAB)
    monkeypatch.setattr(permissions, "PERMISSIONS", permission_table(KINDS.values()))
    return TOY_LAB


@pytest.fixture
def people(session):
    return {
        "ministry": b.user(session, "reviewer", "ministry"),
        "zj": b.user(session, "zj", "coordinator", "330000"),
        "admin": b.user(session, "adm", "admin"),
    }


@pytest.fixture
def reviews(session):
    own = b.review(session, [("planned", date(2024, 5, 1))], province="330000")
    other = b.review(session, [("planned", date(2024, 5, 1))], province="370000")
    session.commit()
    return {"own": own, "other": other}


def test_the_registry_lists_the_toy_kinds_records_in_scope(session, toy, people, reviews):
    mine = records_frame(session, actor=people["zj"], kind=toy.key)
    assert list(mine.columns) == record_columns(toy)
    assert "instruments_total" not in mine.columns  # what the toy's report does not hold
    own = reviews["own"]
    assert mine[["uscc", "enterprise_name", "status"]].values.tolist() == [
        [own.uscc, own.enterprise_name, "planned"]
    ]
    every = records_frame(session, actor=people["ministry"], kind=toy.key)
    assert sorted(every["province_code"]) == ["330000", "370000"]


def test_a_coordinators_toy_template_is_prefilled_with_the_toys_columns(
    session, toy, people, reviews
):
    own = reviews["own"]
    assert prefill_rows(session, actor=people["zj"], kind=toy.key) == [
        {
            "uscc": own.uscc,
            "enterprise_name": own.enterprise_name,
            "province_code": "330000",
            "industry": "power",
            "review_status": "planned",
            "review_date": date(2024, 5, 1),
        }
    ]
    assert prefill_rows(session, actor=people["admin"], kind=toy.key) == []  # national


def test_accepting_a_toy_report_shows_its_change_to_the_figures(session, toy, people, reviews):
    own = reviews["own"]
    rows = [
        {
            "uscc": own.uscc,
            "enterprise_name": own.enterprise_name,
            "province_code": "330000",
            "industry": "power",
            "review_status": "in_review",
            "review_date": "2025-03-01",
        },
        {
            "uscc": "91330000MA0000001X",
            "enterprise_name": "新企业",
            "province_code": "330000",
            "industry": "steel",
            "review_status": "in_review",
            "review_date": "2025-04-01",
        },
    ]
    sub = b.staged_submission(session, toy.key, rows, by="zj")

    impact = acceptance_impact(session, actor=people["ministry"], submission_id=sub.id, as_of=AS_OF)

    assert not impact.refused
    (t,) = impact.targets
    assert (t.code, t.before, t.after) == (ENTERPRISES_REVIEWED, 0, 2)
    assert [(p.province_code, p.before, p.after) for p in t.provinces] == [("330000", 0, 2)]
    assert sorted((r.key, r.name_zh) for r in t.starting) == sorted(
        [(own.uscc, own.enterprise_name), ("91330000MA0000001X", "新企业")]
    )
    session.expire_all()
    assert session.get(MeasurementReview, own.id).status == "planned"  # nothing stays written


def test_the_toy_tables_stay_out_of_the_shared_schema():
    assert ToyLab.metadata is not SQLModel.metadata
    assert table_of(ToyLab).name not in SQLModel.metadata.tables


def test_the_toy_kinds_edit_permission_comes_from_its_description(toy_lab):
    assert edit_grants([toy_lab]) == (("coordinator", "edit_toy_lab", OWN),)
    assert ("coordinator", "edit_toy_lab", OWN) in permissions.PERMISSIONS
    assert can("coordinator", "edit_toy_lab")
    assert not can("ministry", "edit_toy_lab")  # not among its editors


def test_a_coordinator_saves_toy_records_of_their_own_province_only(session, toy_lab, people):
    lab = {"lab_name": "浙江校准实验室", "province_code": "330000", "note": None}
    save_record(session, actor=people["zj"], kind=toy_lab.key, values=lab)
    session.commit()

    listed = records_frame(session, actor=people["zj"], kind=toy_lab.key)
    assert listed[["lab_name", "province_code"]].values.tolist() == [["浙江校准实验室", "330000"]]
    other = {"lab_name": "山东校准实验室", "province_code": "370000"}
    with pytest.raises(PermissionDenied) as outside:
        save_record(session, actor=people["zj"], kind=toy_lab.key, values=other)
    assert outside.value.reason == "outside_own_province"
    with pytest.raises(PermissionDenied) as national:
        save_record(session, actor=people["ministry"], kind=toy_lab.key, values=other)
    assert national.value.reason == "role_not_permitted"
    assert len(records_frame(session, actor=people["ministry"], kind=toy_lab.key)) == 1
