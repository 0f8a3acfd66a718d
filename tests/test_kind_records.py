"""Saving a record of a described kind from a page (one write path with report rows), on
SQLite and PostgreSQL: authorised, audited, refused with nothing written."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import func, select

from dashboard.kinds.provincial_plan import plan_status_by_province
from dashboard.models import AuditEvent, ProvincialPlan
from dashboard.permissions import PermissionDenied
from dashboard.services.editing import EditError, StaleVersion
from dashboard.services.kind_records import plan_overview, records_frame, save_record
from tests.builders import user

ISSUED = {
    "province_code": "330000",
    "status": "issued",
    "document_number": "浙政办发〔2024〕12号",
    "issue_date": date(2024, 5, 8),
}


@pytest.fixture
def people(session):
    return {
        "zj": user(session, "zhejiang", "coordinator", "330000"),
        "ministry": user(session, "reviewer", "ministry"),
    }


def _plans(session) -> int:
    return session.exec(select(func.count()).select_from(ProvincialPlan)).one()


def test_coordinator_saves_own_plan_and_it_is_audited(session, people):
    save_record(session=session, actor=people["zj"], kind="provincial_plan", values=ISSUED)
    session.commit()
    plan = session.exec(select(ProvincialPlan)).one()
    assert (plan.status, plan.version) == ("issued", 1)
    event = session.exec(select(AuditEvent).where(AuditEvent.action == "record_save")).one()
    assert (event.actor, event.entity_type, event.entity_id) == (
        "zhejiang",
        "provincial_plan",
        str(plan.id),
    )
    status = plan_status_by_province(session, date(2024, 6, 1))
    assert status["330000"] == "issued" and status["370000"] is None and "XPCC" in status
    assert plan_status_by_province(session, date(2024, 5, 1))["330000"] in ("drafting", None)
    glance = plan_overview(session, actor=people["ministry"], as_of=date(2024, 6, 1))
    assert len(glance) == 32 and glance.iloc[-1]["plan_status"] == "issued"


def test_other_province_refused_and_audited(session, people):
    with pytest.raises(PermissionDenied):
        save_record(
            session=session,
            actor=people["zj"],
            kind="provincial_plan",
            values=ISSUED | {"province_code": "370000"},
        )
    assert _plans(session) == 0
    denied = session.exec(select(AuditEvent).where(AuditEvent.outcome == "denied")).one()
    assert denied.action == "edit_provincial_plan"


def test_rules_stale_versions_and_backward_moves_write_nothing(session, people):
    with pytest.raises(EditError) as exc:
        save_record(
            session=session,
            actor=people["zj"],
            kind="provincial_plan",
            values=ISSUED | {"document_number": None},
        )
    assert exc.value.key == "pipeline.error.plan_number_required"
    assert _plans(session) == 0
    save_record(session=session, actor=people["zj"], kind="provincial_plan", values=ISSUED)
    session.commit()
    with pytest.raises(StaleVersion):
        save_record(
            session=session, actor=people["ministry"], kind="provincial_plan", values=ISSUED
        )
    session.rollback()
    with pytest.raises(EditError) as back:
        save_record(
            session=session,
            actor=people["ministry"],
            kind="provincial_plan",
            values={"province_code": "330000", "status": "drafting"},
            expected_version=1,
        )
    assert back.value.key == "edit.move_not_allowed"
    session.rollback()
    assert session.exec(select(ProvincialPlan)).one().status == "issued"


def test_coordinator_reads_own_records_only(session, people):
    save_record(session=session, actor=people["zj"], kind="provincial_plan", values=ISSUED)
    save_record(
        session=session,
        actor=people["ministry"],
        kind="provincial_plan",
        values={"province_code": "370000", "status": "drafting"},
    )
    session.commit()
    mine = records_frame(session, actor=people["zj"], kind="provincial_plan")
    assert list(mine["province_code"]) == ["330000"]
    assert len(records_frame(session, actor=people["ministry"], kind="provincial_plan")) == 2
