"""A kind described only here, in the test, is listed by the registries, pre-fills a
coordinator's template and shows what accepting its report would change to the figures,
with no code naming it anywhere else: those read the kind descriptions, on SQLite and
PostgreSQL.

The toy is a second, shorter report of the measurement reviews (no instrument counts, no
note) over their tables. A kind with tables of its own needs its model and a migration
(docs/ARCHITECTURE.md, "A new record kind"), which a test cannot add without changing the
schema every other test builds; and a target counts only the record sets the counting
engine knows (measurement reviews are one)."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.kinds import KINDS, History, RecordKind, Stages
from dashboard.kinds.base import columns
from dashboard.models import MeasurementReview, ReviewStatusEntry
from dashboard.services.registries import record_columns, records_frame
from dashboard.submissions.impact import acceptance_impact
from dashboard.vocab import INDUSTRIES, REVIEW_STATUSES, review_move_allowed
from pipelines.prefill import prefill_rows
from tests import builders as b

REQ = True
TOY = RecordKind(
    key="toy_review",
    columns=columns(
        ("uscc", "统一社会信用代码", "USCC", "uscc", REQ),
        ("enterprise_name", "企业名称", "Enterprise name", "text", REQ),
        ("province_code", "省份代码", "Province code", "province", REQ),
        ("industry", "行业", "Industry", "enum", REQ, "industry"),
        ("review_status", "审查状态", "Review status", "enum", REQ, "review_status"),
        ("review_date", "状态日期", "Review date", "date", REQ),
    ),
    unique=("uscc", "review_status"),
    enums={"industry": INDUSTRIES, "review_status": REVIEW_STATUSES},
    model=MeasurementReview,
    record_key=("uscc",),
    model_key=("uscc",),
    attrs={
        "enterprise_name": "enterprise_name",
        "province_code": "province_code",
        "industry": "industry",
    },
    planner="staged",
    stages=Stages(
        "review_status",
        "review_date",
        "review_status",
        review_move_allowed,
        REVIEW_STATUSES.index,
        "status",
        "status_date",
    ),
    history=History(
        ReviewStatusEntry, "review_id", "status", "status_date", span_type="measurement_review"
    ),
    status_group="review_status",
    name_columns=("uscc", "enterprise_name", "enterprise_name"),
    record_type="measurement_review",
    prefill=True,
)
AS_OF = date(2025, 12, 31)
ENTERPRISES_REVIEWED = "T3"  # the action plan's target on measurement review enterprises


@pytest.fixture
def toy(monkeypatch):
    monkeypatch.setitem(KINDS, TOY.key, TOY)
    return TOY


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
    sub = b.submission(
        session,
        kind=toy.key,
        province_code="330000",
        submitted_by="zj",
        row_count=len(rows),
        payload=rows,
    )
    session.commit()

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
