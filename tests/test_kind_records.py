"""Saving a record of a described kind from a page (one write path with report rows), on
SQLite and PostgreSQL: authorised, audited, refused with nothing written."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import func, select

from dashboard.audit_text import describe_detail
from dashboard.i18n import t
from dashboard.kinds.provincial_plan import ProvincialPlan, plan_status_by_province
from dashboard.kinds.standard_adoption import StandardAdoption
from dashboard.models import AuditEvent
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


def _denied_saves(session) -> list[AuditEvent]:
    return list(
        session.exec(
            select(AuditEvent).where(
                AuditEvent.action == "record_save", AuditEvent.outcome == "denied"
            )
        ).all()
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_version_changed_before_the_lock_is_refused_under_it(
    session, engine, people, monkeypatch, lang
):
    """Another save lands between the form's read and the apply lock: the version is
    checked under the lock, so the later save is refused, audited, and writes nothing."""
    from sqlmodel import Session

    from dashboard.submissions import apply

    save_record(session=session, actor=people["zj"], kind="provincial_plan", values=ISSUED)
    session.commit()
    real_lock, raced = apply.lock_writes, []

    def lock_after_another_save(s):
        if not raced:
            raced.append(True)
            with Session(engine) as other:  # the coordinator saves first, on its own connection
                save_record(
                    session=other,
                    actor=people["zj"],
                    kind="provincial_plan",
                    values=ISSUED | {"evidence": "省政府公告"},
                    expected_version=1,
                )
                other.commit()
        real_lock(s)

    monkeypatch.setattr(apply, "lock_writes", lock_after_another_save)
    with pytest.raises(StaleVersion) as exc:
        save_record(
            session=session,
            actor=people["ministry"],
            kind="provincial_plan",
            values=ISSUED | {"scope": "全省"},
            expected_version=1,  # what the ministry's form read
        )
    message = t(exc.value.key, lang, **exc.value.values)
    assert message.startswith("保存未成功" if lang == "zh" else "Not saved")
    assert "zhejiang" in message  # who changed it
    assert ("未覆盖任何内容" if lang == "zh" else "nothing was overwritten") in message
    session.rollback()
    plan = session.exec(select(ProvincialPlan)).one()
    session.refresh(plan)
    assert (plan.version, plan.evidence, plan.scope) == (2, "省政府公告", None)
    [denied] = _denied_saves(session)
    assert (denied.actor, denied.entity_type, denied.entity_id) == (
        "reviewer",
        "provincial_plan",
        str(plan.id),
    )
    assert denied.detail == {
        "reason": "stale_version",
        "key": "330000",
        "expected_version": 1,
        "current_version": 2,
    }
    assert describe_detail(denied.detail, lang).count(t("audit.reason.stale_version", lang)) == 1


def test_a_new_record_whose_key_was_taken_is_refused_and_audited(session, people):
    save_record(session=session, actor=people["zj"], kind="provincial_plan", values=ISSUED)
    session.commit()
    with pytest.raises(StaleVersion):  # the ministry's form was for a new plan
        save_record(
            session=session,
            actor=people["ministry"],
            kind="provincial_plan",
            values=ISSUED | {"status": "issued", "scope": "全省"},
        )
    session.rollback()
    plan = session.exec(select(ProvincialPlan)).one()
    assert (plan.version, plan.scope) == (1, None)
    [denied] = _denied_saves(session)
    assert denied.detail["expected_version"] is None and denied.detail["current_version"] == 1


def test_a_two_column_key_checks_its_own_record_only(session, people):
    """Adoptions are keyed by (standard number, event): a save at the version it read is
    not refused because another standard's adoption of the same event moved on."""
    from tests.builders import standard

    for number in ("T/CAS 1-2024", "T/CAS 2-2024"):
        standard(session, issued=date(2024, 3, 1), kind="group_standard", number=number)
    session.commit()
    event = "adopted_into_green_product_list"

    def save(number: str, evidence: str, version: int | None):
        values = {"standard_number": number, "event": event, "event_date": date(2024, 6, 1)}
        return save_record(
            session=session,
            actor=people["ministry"],
            kind="standard_adoption",
            values=values | {"evidence": evidence},
            expected_version=version,
        )

    save("T/CAS 1-2024", "a", None)
    save("T/CAS 2-2024", "b", None)
    save("T/CAS 2-2024", "b2", 1)  # the other record is at version 2 now
    save("T/CAS 1-2024", "a2", 1)
    session.commit()
    a = StandardAdoption
    rows = session.exec(
        select(a.standard_number, a.evidence, a.version).order_by(a.standard_number)
    ).all()
    assert [tuple(r) for r in rows] == [("T/CAS 1-2024", "a2", 2), ("T/CAS 2-2024", "b2", 2)]
    with pytest.raises(StaleVersion):
        save("T/CAS 1-2024", "a3", 1)
    session.rollback()
    assert _denied_saves(session)[0].detail["key"] == f"T/CAS 1-2024 {event}"
