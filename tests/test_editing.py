"""Coordinators' edits: forward moves only, their own province only, no lost updates."""

from datetime import date
from functools import partial

import pytest
from sqlmodel import Session, select

from dashboard.models import AuditEvent, Pilot, PilotStage
from dashboard.permissions import PermissionDenied
from dashboard.services.editing import EditError, StaleVersion
from tests import builders as b


def _stages(session, pilot_id):
    return [
        s.stage
        for s in session.exec(
            select(PilotStage).where(PilotStage.pilot_id == pilot_id).order_by(PilotStage.id)
        )
    ]


def test_coordinator_moves_own_pilot_forward_and_it_is_audited(session):
    zj = b.user(session, "zj", "coordinator", "330000")
    p = b.pilot(session, [("applied", date(2024, 9, 1)), ("approved", date(2024, 11, 1))])
    session.commit()
    b.move_pilot(session, zj, p, "under_construction", date(2025, 1, 10))
    session.commit()
    session.refresh(p)
    assert (p.current_stage, p.version) == ("under_construction", 2)
    assert _stages(session, p.id) == ["applied", "approved", "under_construction"]
    event = session.exec(select(AuditEvent).where(AuditEvent.action == "pilot_stage")).one()
    assert event.actor == "zj"
    assert event.detail == {
        "before": {"stage": "approved", "stage_date": "2024-11-01", "version": 1},
        "after": {"stage": "under_construction", "stage_date": "2025-01-10", "version": 2},
        "corrects_id": None,
        "note": None,
    }


def test_backward_move_refused_and_nothing_written(session):
    zj = b.user(session, "zj", "coordinator", "330000")
    p = b.pilot(session, [("applied", date(2024, 9, 1)), ("accepted", date(2025, 9, 1))])
    session.commit()
    with pytest.raises(EditError) as exc:
        b.move_pilot(session, zj, p, "applied", date(2025, 10, 1))
    assert exc.value.key == "edit.move_not_allowed"
    session.rollback()
    assert _stages(session, p.id) == ["applied", "accepted"]


def test_other_province_refused_and_logged(session, engine):
    zj = b.user(session, "zj", "coordinator", "330000")
    p = b.pilot(session, [("applied", date(2024, 9, 1))], province="370000")
    session.commit()
    with pytest.raises(PermissionDenied):
        b.move_pilot(session, zj, p, "recommended", date(2024, 10, 1))
    session.rollback()
    assert _stages(session, p.id) == ["applied"]
    with Session(engine) as other:
        denied = other.exec(select(AuditEvent).where(AuditEvent.outcome == "denied")).one()
    assert denied.entity_id == str(p.id) and denied.detail["reason"] == "outside_own_province"


def test_ministry_cannot_edit_pilots(session):
    ministry = b.user(session, "min", "ministry")
    p = b.pilot(session, [("applied", date(2024, 9, 1))])
    session.commit()
    with pytest.raises(PermissionDenied):
        b.move_pilot(session, ministry, p, "recommended", date(2024, 10, 1))


def test_save_over_newer_version_refused_naming_who(session, engine):
    zj = b.user(session, "zj", "coordinator", "330000")
    zj2 = b.user(session, "zj2", "coordinator", "330000")
    p = b.pilot(session, [("applied", date(2024, 9, 1))])
    session.commit()
    b.move_pilot(session, zj2, p, "recommended", date(2024, 10, 1))
    session.commit()
    with Session(engine) as s2, pytest.raises(StaleVersion) as exc:
        b.move_pilot(s2, zj, p, "approved", date(2024, 11, 1))
    assert exc.value.values["who"] == "zj2"
    session.expire_all()
    assert session.get(Pilot, p.id).current_stage == "recommended"


def test_correction_needs_a_note_and_names_the_entry(session):
    zj = b.user(session, "zj", "coordinator", "330000")
    p = b.pilot(session, [("applied", date(2024, 9, 1)), ("approved", date(2024, 11, 1))])
    session.commit()
    wrong = session.exec(select(PilotStage).where(PilotStage.stage == "approved")).one()
    with pytest.raises(EditError):
        b.move_pilot(session, zj, p, "recommended", date(2024, 11, 1), corrects_id=wrong.id)
    session.rollback()
    b.move_pilot(
        session,
        zj,
        p,
        "recommended",
        date(2024, 11, 1),
        corrects_id=wrong.id,
        note="approval was recorded by mistake",
    )
    session.commit()
    assert _stages(session, p.id) == ["applied", "approved", "recommended"]


def test_review_update_checks_instrument_range(session):
    zj = b.user(session, "zj", "coordinator", "330000")
    r = b.review(session, [("planned", date(2024, 9, 1))], province="330000")
    session.commit()
    update = partial(
        b.update_review, session, zj, r, "in_review", date(2024, 10, 1), instruments_total=10
    )
    with pytest.raises(EditError) as exc:
        update(instruments_calibrated=11)
    assert exc.value.key == "edit.instruments_range"
    session.rollback()
    update(instruments_calibrated=7)
    session.commit()
    session.refresh(r)
    assert (r.status, r.instruments_calibrated, r.version) == ("in_review", 7, 2)
    event = session.exec(select(AuditEvent).where(AuditEvent.action == "review_update")).one()
    assert event.entity_type == "measurement_review" and event.entity_id == str(r.id)
    assert event.detail["before"]["version"] == 1
    assert event.detail["after"] == {
        "status": "in_review",
        "status_date": "2024-10-01",
        "instruments_total": 10,
        "instruments_calibrated": 7,
        "version": 2,
    }


def test_review_update_without_a_move_keeps_the_status_date_and_says_so(session):
    zj = b.user(session, "zj", "coordinator", "330000")
    r = b.review(session, [("in_review", date(2024, 9, 1))], province="330000")
    session.commit()
    # the form's date is today's when only the instruments change: the status date stays
    b.update_review(session, zj, r, "in_review", date(2025, 1, 5), instruments_total=8)
    session.commit()
    session.refresh(r)
    assert (r.status_date, r.instruments_total, r.version) == (date(2024, 9, 1), 8, 2)
    event = session.exec(select(AuditEvent).where(AuditEvent.action == "review_update")).one()
    assert event.detail["after"]["status_date"] == "2024-09-01"
    assert event.detail["after"]["instruments_total"] == 8


def test_ministry_records_task_progress_and_stale_save_is_refused(session):
    from dashboard.models import PolicyTask, TaskUpdate
    from dashboard.services.tasks import add_task_update

    ministry = b.user(session, "min", "ministry")
    zj = b.user(session, "zj", "coordinator", "330000")
    task = session.get(PolicyTask, "WP-01")
    add_task_update(
        session,
        actor=ministry,
        task_code="WP-01",
        status="in_progress",
        progress_pct=40,
        update_date=date(2025, 3, 1),
        evidence="report",
        expected_version=task.version,
    )
    session.commit()
    session.refresh(task)
    assert (task.status, task.progress_pct, task.version) == ("in_progress", 40, 2)
    complete = partial(
        add_task_update,
        session,
        task_code="WP-01",
        status="completed",
        progress_pct=100,
        update_date=date(2025, 4, 1),
    )
    with pytest.raises(EditError):  # saved over the version before the update
        complete(actor=ministry, expected_version=1)
    with pytest.raises(PermissionDenied):
        complete(actor=zj, expected_version=2)
    assert len(session.exec(select(TaskUpdate)).all()) == 1
    assert session.exec(select(AuditEvent).where(AuditEvent.action == "task_update")).one()


def test_a_backdated_task_update_is_audited_as_leaving_the_task_unchanged(session):
    from dashboard.models import PolicyTask
    from dashboard.services.tasks import add_task_update

    ministry = b.user(session, "min", "ministry")
    task = session.get(PolicyTask, "WP-02")
    version = task.version
    common = {"actor": ministry, "task_code": "WP-02"}
    add_task_update(
        session,
        **common,
        status="in_progress",
        progress_pct=60,
        update_date=date(2025, 6, 1),
        expected_version=version,
    )
    add_task_update(
        session,
        **common,
        status="not_started",
        progress_pct=0,
        update_date=date(2025, 1, 1),  # an older report, recorded late
        expected_version=version + 1,
    )
    session.commit()
    session.refresh(task)
    assert (task.status, task.progress_pct) == ("in_progress", 60)
    events = session.exec(
        select(AuditEvent).where(AuditEvent.action == "task_update").order_by(AuditEvent.id)
    ).all()
    late = events[-1].detail
    assert (late["after"]["status"], late["after"]["progress_pct"]) == ("in_progress", 60)
    assert late["after"]["last_update_on"] == "2025-06-01"
    assert (late["before"]["version"], late["after"]["version"]) == (version + 1, task.version)
    entry = {"update_date": "2025-01-01", "status": "not_started", "progress_pct": 0}
    assert late["update"] == entry


def test_a_page_move_keeps_the_report_the_pilot_came_from_and_its_spans(session):
    """The page's save goes through the report write path: the record's source report
    (shown in the drill-down) stays, and its counting span starts on the move's day."""
    from dashboard.models import CountingSpan

    zj = b.user(session, "zj", "coordinator", "330000")
    sub = b.submission(session, kind="pilot_status", submitted_by="zj", status="accepted")
    p = b.pilot(session, [("applied", date(2024, 9, 1))])
    session.flush()
    p.submission_id = sub.id
    session.commit()
    b.move_pilot(session, zj, p, "approved", date(2024, 12, 2), note="approved by the province")
    session.commit()
    session.refresh(p)
    assert (p.current_stage, p.submission_id, p.note, p.version) == ("approved", sub.id, None, 2)
    entry = session.exec(select(PilotStage).where(PilotStage.stage == "approved")).one()
    assert (entry.note, entry.recorded_by, entry.submission_id) == (
        "approved by the province",
        "zj",
        None,
    )
    spans = session.exec(
        select(CountingSpan).where(
            CountingSpan.record_id == p.id,
            CountingSpan.stage_set == "accepted+approved+midterm_evaluation+under_construction",
        )
    ).all()
    assert [(s.since, s.valid_to) for s in spans] == [(date(2024, 12, 2), None)]
