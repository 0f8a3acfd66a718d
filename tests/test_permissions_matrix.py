"""The whole permission matrix, generated from PERMISSIONS / ACTIONS / ROLES and checked
against real users in a real database (SQLite and PostgreSQL).

Every role x action x (own province, other province, no province) is one test case. The
database and its users are made once per backend (module scope) so the ~900 cases stay fast.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from dashboard.models import ROLES, AuditEvent
from dashboard.permissions import (
    ACTIONS,
    ALL,
    OWN,
    PERMISSIONS,
    PermissionDenied,
    allowed_provinces,
    authorize,
    can,
)
from tests import builders as b
from tests.conftest import ENGINES, reference_engine, scratch_database

OWN_PROVINCE = "330000"  # the coordinator's province (Zhejiang)
OTHER_PROVINCE = "370000"  # Shandong
PLACES = {"own": OWN_PROVINCE, "other": OTHER_PROVINCE, "none": None}
USER_PROVINCE = {"coordinator": OWN_PROVINCE}  # national roles have none

# The expectation, written out from the table itself (not via scope_for).
TABLE: dict[tuple[str, str], str] = {}
for _role, _action, _scope in PERMISSIONS:
    TABLE[(_role, _action)] = _scope

CASES = [
    pytest.param(role, action, place, id=f"{role}-{action}-{place}")
    for role in ROLES
    for action in ACTIONS
    for place in PLACES
]


def expected_allowed(role: str, action: str, place: str) -> bool:
    scope = TABLE.get((role, action))
    if scope is None:
        return False  # denied by default
    if scope == ALL:
        return True
    return place in ("own", "none")  # OWN: own province (or unrestricted read), never another


@pytest.fixture(scope="module", params=ENGINES)
def matrix_db(request, tmp_path_factory):
    """(engine, {role: Actor}) on a database made once per backend for this module."""
    directory = tmp_path_factory.mktemp("matrix")
    with scratch_database(request.param, request, directory) as url:
        engine = reference_engine(url)
        with Session(engine, expire_on_commit=False) as session:
            actors = {
                role: b.user(session, f"user_{role}", role, USER_PROVINCE.get(role))
                for role in ROLES
            }
        yield engine, actors
        engine.dispose()


def _last_event_id(session: Session) -> int:
    return session.exec(select(func.coalesce(func.max(AuditEvent.id), 0))).one()


def _new_events(engine, after_id: int) -> list[AuditEvent]:
    with Session(engine) as fresh:
        return list(
            fresh.exec(
                select(AuditEvent).where(AuditEvent.id > after_id).order_by(AuditEvent.id)
            ).all()
        )


def test_table_is_well_formed():
    pairs = [(r, a) for r, a, _ in PERMISSIONS]
    assert len(pairs) == len(set(pairs)), "a (role, action) pair appears twice"
    assert {r for r, _, _ in PERMISSIONS} <= set(ROLES)
    assert {s for _, _, s in PERMISSIONS} <= {ALL, OWN}
    assert set(ACTIONS) == {a for _, a, _ in PERMISSIONS}
    # a few anchors so that the generated cases are not trivially empty
    assert len(CASES) == len(ROLES) * len(ACTIONS) * 3 > 100
    assert TABLE[("coordinator", "edit_pilot")] == OWN
    assert ("coordinator", "manage_users") not in TABLE
    assert [r for r in ROLES if (r, "manage_users") in TABLE] == ["admin"]


@pytest.mark.parametrize(("role", "action", "place"), CASES)
def test_matrix(matrix_db, role, action, place):
    engine, actors = matrix_db
    actor = actors[role]
    province = PLACES[place]
    with Session(engine) as session:
        before = _last_event_id(session)
        if expected_allowed(role, action, place):
            user = authorize(session, actor, action, province=province)
            assert (user.id, user.role) == (actor.id, role)
            assert _new_events(engine, before) == []
            return
        with pytest.raises(PermissionDenied) as info:
            authorize(session, actor, action, province=province)
        session.rollback()  # the refusal must stand without the caller's commit
    assert info.value.action == action
    events = _new_events(engine, before)
    assert len(events) == 1
    event = events[0]
    assert (event.outcome, event.action, event.actor) == ("denied", action, actor.username)
    assert event.detail["province"] == province
    expected_reason = (
        "role_not_permitted" if (role, action) not in TABLE else "outside_own_province"
    )
    assert info.value.reason == event.detail["reason"] == expected_reason


@pytest.mark.parametrize(
    ("role", "action"), [pytest.param(r, a, id=f"{r}-{a}") for r in ROLES for a in ACTIONS]
)
def test_allowed_provinces(matrix_db, role, action):
    engine, actors = matrix_db
    with Session(engine) as session:
        before = _last_event_id(session)
        scope = TABLE.get((role, action))
        if scope is None:
            with pytest.raises(PermissionDenied):
                allowed_provinces(session, actors[role], action)
            assert [e.outcome for e in _new_events(engine, before)] == ["denied"]
        elif scope == ALL:
            assert allowed_provinces(session, actors[role], action) is None
        else:
            assert allowed_provinces(session, actors[role], action) == frozenset({OWN_PROVINCE})


@pytest.mark.parametrize("role", ROLES)
def test_unknown_action_is_denied_by_default(matrix_db, role):
    engine, actors = matrix_db
    with Session(engine) as session:
        before = _last_event_id(session)
        with pytest.raises(PermissionDenied):
            authorize(session, actors[role], "drop_database", province=USER_PROVINCE.get(role))
    assert not can(role, "drop_database")
    assert [(e.action, e.outcome) for e in _new_events(engine, before)] == [
        ("drop_database", "denied")
    ]


@pytest.mark.parametrize("role", ROLES)
def test_can_agrees_with_table(role):
    assert {a for a in ACTIONS if can(role, a)} == {a for r, a in TABLE if r == role}
