"""authorize trusts only the actor's id: forged roles/provinces, mismatched names and
disabled users; and refusals are recorded in their own transaction."""

from __future__ import annotations

import pytest
from sqlalchemy import event, text
from sqlmodel import Session, select

from dashboard import accounts, audit
from dashboard.db import make_engine
from dashboard.models import AuditEvent, Deliverable
from dashboard.permissions import Actor, PermissionDenied, allowed_provinces, authorize
from tests import builders as b


def _denials(engine) -> list[AuditEvent]:
    with Session(engine) as fresh:
        return list(
            fresh.exec(
                select(AuditEvent).where(AuditEvent.outcome == "denied").order_by(AuditEvent.id)
            ).all()
        )


def test_forged_role_and_province_are_ignored(session, engine):
    coord = b.user(session, "zhejiang", "coordinator", "330000")
    forged = Actor(id=coord.id, username="zhejiang", role="ministry", province_code="370000")
    # what the forged ministry role would allow is refused...
    for action, province in [("edit_task", None), ("view_records", "370000"), ("export", "370000")]:
        with pytest.raises(PermissionDenied):
            authorize(session, forged, action, province=province)
    # ...while the DB user's own-province rights still apply, with the DB's province
    user = authorize(session, forged, "edit_pilot", province="330000")
    assert (user.role, user.province_code) == ("coordinator", "330000")
    assert allowed_provinces(session, forged, "view_records") == frozenset({"330000"})
    assert [(e.action, e.actor) for e in _denials(engine)] == [
        ("edit_task", "zhejiang"),
        ("view_records", "zhejiang"),
        ("export", "zhejiang"),
    ]


def test_forged_admin_role_does_not_grant_admin_actions(session, engine):
    briefing = b.user(session, "briefing", "briefing")
    forged = Actor(id=briefing.id, username="briefing", role="admin")
    with pytest.raises(PermissionDenied):
        authorize(session, forged, "manage_users")
    with pytest.raises(PermissionDenied):
        accounts.add_user(
            session, actor=forged, username="intruder", password="x" * 20, role="admin"
        )
    session.rollback()
    assert (
        session.exec(select(accounts.User).where(accounts.User.username == "intruder")).all() == []
    )
    assert len(_denials(engine)) == 2


@pytest.mark.parametrize("username", ["shandong", "ZHEJIANG", "zhejiang ", ""])
def test_username_must_match_the_id(session, engine, username):
    coord = b.user(session, "zhejiang", "coordinator", "330000")
    b.user(session, "shandong", "coordinator", "370000")
    actor = Actor(id=coord.id, username=username, role="coordinator", province_code="330000")
    with pytest.raises(PermissionDenied) as info:
        authorize(session, actor, "view_aggregates")
    assert info.value.reason == "unknown_or_disabled_user"
    [denial] = _denials(engine)
    assert (denial.actor, denial.action) == (username, "view_aggregates")
    # the genuine pair is accepted, so the refusal above was about the name
    authorize(session, Actor(id=coord.id, username="zhejiang"), "view_aggregates")


def test_unknown_id_is_refused(session, engine):
    admin = b.user(session, "admin", "admin")
    with pytest.raises(PermissionDenied) as info:
        authorize(session, Actor(id=admin.id + 1000, username="admin"), "view_aggregates")
    assert info.value.reason == "unknown_or_disabled_user"
    assert len(_denials(engine)) == 1


def test_disabled_user_is_refused_and_reenabled_user_allowed(session, engine):
    admin = b.user(session, "admin", "admin")
    b.user(session, "deputy", "admin")  # the last administrator may not be disabled
    authorize(session, admin, "manage_users")
    accounts.set_active(session, actor=None, username="admin", active=False)
    session.commit()
    for action in ("manage_users", "view_aggregates"):
        with pytest.raises(PermissionDenied) as info:
            authorize(session, admin, action)
        assert info.value.reason == "unknown_or_disabled_user"
    assert [e.action for e in _denials(engine)] == ["manage_users", "view_aggregates"]
    accounts.set_active(session, actor=None, username="admin", active=True)
    session.commit()
    assert authorize(session, admin, "manage_users").username == "admin"


def test_coordinator_without_province_is_refused_own_scope(session, engine):
    coord = b.user(session, "zhejiang", "coordinator", "330000")
    session.execute(text('UPDATE "user" SET province_code = NULL WHERE id = :i'), {"i": coord.id})
    session.commit()
    session.expire_all()
    with pytest.raises(PermissionDenied) as info:
        authorize(session, coord, "view_records")
    assert info.value.reason == "no_province"
    authorize(session, coord, "view_aggregates")  # ALL scope is unaffected
    assert len(_denials(engine)) == 1


def test_role_change_applies_on_the_next_check(session):
    coord = b.user(session, "zhejiang", "coordinator", "330000")
    with pytest.raises(PermissionDenied):
        authorize(session, coord, "edit_task")
    accounts.set_role(session, actor=None, username="zhejiang", role="ministry")
    session.commit()
    assert authorize(session, coord, "edit_task").role == "ministry"  # same stale Actor
    with pytest.raises(PermissionDenied):
        authorize(session, coord, "edit_pilot", province="330000")


# --- refusals are recorded in a separate transaction -------------------------------------


def _add_deliverable(session: Session) -> None:
    session.add(
        Deliverable(
            number="GB/T 99999-2025",
            kind="national_standard",
            category="carbon_accounting",
            title_zh="回滚测试",
            status="in_progress",
        )
    )
    session.flush()


def _deliverables(engine) -> list[Deliverable]:
    with Session(engine) as fresh:
        return list(fresh.exec(select(Deliverable)).all())


def test_denial_survives_rollback_of_later_write(session, engine):
    coord = b.user(session, "zhejiang", "coordinator", "330000")
    with pytest.raises(PermissionDenied):
        authorize(session, coord, "edit_task")
    _add_deliverable(session)
    session.rollback()
    assert _deliverables(engine) == []
    [denial] = _denials(engine)
    assert (denial.action, denial.actor) == ("edit_task", "zhejiang")


def _short_lock_engine(db_url: str, backend: str):
    """The same database, waiting at most ~1.5 s for a lock instead of 15 s / forever."""
    if backend == "sqlite":
        eng = make_engine(db_url)

        @event.listens_for(eng, "connect")
        def _short_busy(dbapi_connection, _record):
            dbapi_connection.execute("PRAGMA busy_timeout = 1500")

        return eng
    return make_engine(db_url + "%20-clock_timeout%3D1500")


@pytest.mark.parametrize("write", ["plain", "audited"])
def test_denial_survives_rollback_of_earlier_write(engine, db_url, backend, write, request):
    eng = _short_lock_engine(db_url, backend)
    try:
        with Session(eng, expire_on_commit=False) as session:
            coord = b.user(session, "zhejiang", "coordinator", "330000")
            _add_deliverable(session)
            if write == "audited":
                audit.record(session, actor="zhejiang", action="edit_pilot", detail={"n": 1})
            with pytest.raises(PermissionDenied):
                authorize(session, coord, "edit_task")
            session.rollback()
        assert _deliverables(eng) == []
        [denial] = _denials(eng)
        assert (denial.action, denial.actor, denial.outcome) == ("edit_task", "zhejiang", "denied")
        with Session(eng) as fresh:
            assert audit.verify_chain(fresh).ok
    finally:
        eng.dispose()
