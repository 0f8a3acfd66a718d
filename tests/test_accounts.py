"""dashboard.accounts: add, list, disable, enable, reset passwords and set roles, from the
CLI (actor=None) and by an admin; validation; Argon2id parameters."""

from __future__ import annotations

import pytest
from argon2 import Type
from sqlmodel import Session, select

from dashboard import accounts
from dashboard.accounts import AccountError
from dashboard.auth import AuthError, login
from dashboard.models import AuditEvent, User
from dashboard.passwords import _hasher, hash_password, verify_password
from dashboard.permissions import Actor, PermissionDenied
from tests import builders as b

PASSWORD = "a-long-enough-password"


@pytest.fixture
def admin(session) -> Actor:
    return b.user(session, "root", "admin")


def _users(engine) -> dict[str, User]:
    with Session(engine) as fresh:
        return {u.username: u for u in fresh.exec(select(User)).all()}


def _events(engine, action) -> list[AuditEvent]:
    with Session(engine) as fresh:
        stmt = select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
        return list(fresh.exec(stmt).all())


@pytest.fixture(params=["cli", "admin"])
def by(request, session):
    """The acting party: None (the command line) or an admin Actor."""
    if request.param == "cli":
        return None
    return b.user(session, "root", "admin")


def _name(actor):
    return "cli" if actor is None else actor.username


def test_add_user(session, engine, by):
    user = accounts.add_user(
        session,
        actor=by,
        username="  zhejiang  ",
        password=PASSWORD,
        role="coordinator",
        province_code="330000",
        display_name="浙江",
    )
    session.commit()
    stored = _users(engine)["zhejiang"]
    assert (stored.id, stored.role, stored.province_code, stored.display_name) == (
        user.id,
        "coordinator",
        "330000",
        "浙江",
    )
    assert stored.is_active and stored.password_hash.startswith("$argon2id$")
    assert verify_password(stored.password_hash, PASSWORD)
    [event] = _events(engine, "user_add")[-1:]
    assert (event.actor, event.entity_id) == (_name(by), str(user.id))
    assert event.detail == {
        "after": {"username": "zhejiang", "role": "coordinator", "province_code": "330000"}
    }


def test_list_users(session, by):
    b.user(session, "zz", "briefing")
    b.user(session, "aa", "ministry")
    names = [u.username for u in accounts.list_users(session, actor=by)]
    assert names == sorted(names) and {"aa", "zz"} <= set(names)


def test_disable_and_enable(session, engine, by):
    b.user(session, "alice", "ministry", password=PASSWORD)
    login(session, username="alice", password=PASSWORD)
    accounts.set_active(session, actor=by, username="alice", active=False)
    session.commit()
    assert not _users(engine)["alice"].is_active
    with pytest.raises(AuthError):
        login(session, username="alice", password=PASSWORD)
    accounts.set_active(session, actor=by, username="alice", active=True)
    session.commit()
    assert _users(engine)["alice"].is_active
    assert login(session, username="alice", password=PASSWORD)[1].username == "alice"
    off, on = _events(engine, "user_disable"), _events(engine, "user_enable")
    assert [(e.actor, e.detail["sessions_ended"]) for e in off] == [(_name(by), 1)]
    assert [e.detail["after"] for e in on] == [{"is_active": True}]


def test_reset_password(session, engine, by):
    b.user(session, "alice", "ministry", password=PASSWORD)
    accounts.reset_password(session, actor=by, username="alice", password="new-password-123")
    session.commit()
    with pytest.raises(AuthError):
        login(session, username="alice", password=PASSWORD)
    assert login(session, username="alice", password="new-password-123")[1].username == "alice"
    [event] = _events(engine, "user_reset_password")
    assert event.actor == _name(by) and "new-password-123" not in str(event.detail)


def test_set_role(session, engine, by):
    b.user(session, "alice", "ministry")
    accounts.set_role(
        session, actor=by, username="alice", role="coordinator", province_code="370000"
    )
    session.commit()
    stored = _users(engine)["alice"]
    assert (stored.role, stored.province_code, stored.version) == ("coordinator", "370000", 2)
    [event] = _events(engine, "user_set_role")
    assert event.detail["before"] == {"role": "ministry", "province_code": None}
    assert event.detail["after"] == {"role": "coordinator", "province_code": "370000"}


OPERATIONS = {
    "add": lambda s, a: accounts.add_user(
        s, actor=a, username="new", password=PASSWORD, role="briefing"
    ),
    "list": lambda s, a: accounts.list_users(s, actor=a),
    "disable": lambda s, a: accounts.set_active(s, actor=a, username="victim", active=False),
    "enable": lambda s, a: accounts.set_active(s, actor=a, username="victim", active=True),
    "reset": lambda s, a: accounts.reset_password(s, actor=a, username="victim", password=PASSWORD),
    "set_role": lambda s, a: accounts.set_role(s, actor=a, username="victim", role="admin"),
}


def _snapshot(engine) -> dict:
    return {
        k: (u.role, u.province_code, u.is_active, u.password_hash, u.version)
        for k, u in _users(engine).items()
    }


@pytest.mark.parametrize("op", OPERATIONS.values(), ids=OPERATIONS.keys())
def test_non_admin_is_refused(session, engine, op):
    b.user(session, "victim", "briefing")
    for role in ("ministry", "coordinator", "briefing"):
        actor = b.user(session, f"{role}_actor", role, "330000" if role == "coordinator" else None)
        before = _snapshot(engine)
        with pytest.raises(PermissionDenied):
            op(session, actor)
        session.commit()  # even a commit afterwards changes nothing
        assert _snapshot(engine) == before, role
        [denial] = _events(engine, "manage_users")[-1:]
        assert (denial.actor, denial.outcome) == (actor.username, "denied")
    assert len(_events(engine, "manage_users")) == 3


def test_disabled_admin_is_refused(session, admin):
    b.user(session, "deputy", "admin")  # the last administrator may not be disabled
    accounts.set_active(session, actor=None, username="root", active=False)
    session.commit()
    with pytest.raises(PermissionDenied):
        accounts.list_users(session, actor=admin)


INVALID = {
    "unknown_role": {"role": "superuser"},
    "coordinator_without_province": {"role": "coordinator"},
    "unknown_province": {"role": "coordinator", "province_code": "999999"},
    "national_with_province": {"role": "ministry", "province_code": "330000"},
    "admin_with_province": {"role": "admin", "province_code": "330000"},
    "short_password": {"role": "briefing", "password": "short-11chr"},
    "empty_password": {"role": "briefing", "password": ""},
    "duplicate_user": {"role": "briefing", "username": "dup"},
    "duplicate_user_padded": {"role": "briefing", "username": " dup "},
    "blank_username": {"role": "briefing", "username": "   "},
    "long_username": {"role": "briefing", "username": "x" * 65},
}


def test_validation_errors_leave_no_user(session, engine, by):
    b.user(session, "dup", "ministry")
    before = _snapshot(engine)
    adds_before = len(_events(engine, "user_add"))
    for name, changes in INVALID.items():
        kwargs = {"username": "newbie", "password": PASSWORD, "province_code": None, **changes}
        with pytest.raises(AccountError):
            accounts.add_user(session, actor=by, **kwargs)
        session.commit()
        assert _snapshot(engine) == before, name
    assert len(_events(engine, "user_add")) == adds_before


def test_valid_control_for_validation_cases(session, engine, by):
    """The base arguments of the validation cases are themselves valid."""
    accounts.add_user(session, actor=by, username="newbie", password="x" * 12, role="briefing")
    session.commit()
    assert "newbie" in _users(engine)


OTHER_INVALID = {
    "role_unknown": lambda s: accounts.set_role(s, actor=None, username="alice", role="nope"),
    "role_coordinator_no_province": lambda s: accounts.set_role(
        s, actor=None, username="alice", role="coordinator"
    ),
    "role_national_with_province": lambda s: accounts.set_role(
        s, actor=None, username="alice", role="briefing", province_code="330000"
    ),
    "reset_short": lambda s: accounts.reset_password(
        s, actor=None, username="alice", password="short"
    ),
    "disable_unknown_user": lambda s: accounts.set_active(
        s, actor=None, username="ghost", active=False
    ),
    "reset_unknown_user": lambda s: accounts.reset_password(
        s, actor=None, username="ghost", password=PASSWORD
    ),
    "set_role_unknown_user": lambda s: accounts.set_role(
        s, actor=None, username="ghost", role="admin"
    ),
}


def test_other_validation_errors_change_nothing(session, engine):
    b.user(session, "alice", "ministry", password=PASSWORD)
    before = _snapshot(engine)
    for name, call in OTHER_INVALID.items():
        with pytest.raises(AccountError):
            call(session)
        session.commit()
        assert _snapshot(engine) == before, name


def test_argon2id_owasp_parameters():
    h = _hasher(False)
    assert h.memory_cost >= 19456 and h.time_cost >= 2 and h.type is Type.ID
    produced = h.hash("whatever")
    assert produced.startswith("$argon2id$v=19$m=19456,t=2")
    assert h.verify(produced, "whatever")


def test_fast_hash_is_only_for_tests(monkeypatch):
    monkeypatch.setenv("DASHBOARD_FAST_HASH", "0")
    assert hash_password("x" * 12).startswith("$argon2id$v=19$m=19456,t=2")
    monkeypatch.setenv("DASHBOARD_FAST_HASH", "1")
    fast = hash_password("x" * 12)
    assert fast.startswith("$argon2id$") and verify_password(fast, "x" * 12)
    assert not verify_password(fast, "y" * 12) and not verify_password("garbage", "x")


def test_demo_users(session, engine):
    made = accounts.create_demo_users(session)
    session.commit()
    assert [u.username for u in made] == [u for u, _, _ in accounts.DEMO_USERS]
    assert accounts.create_demo_users(session) == []  # idempotent
    assert _users(engine)["zhejiang"].province_code == "330000"


LAST_ADMIN_CHANGES = {
    "disable": lambda s, a: accounts.set_active(s, actor=a, username="root", active=False),
    "demote": lambda s, a: accounts.set_role(s, actor=a, username="root", role="ministry"),
}


@pytest.mark.parametrize("change", list(LAST_ADMIN_CHANGES))
def test_the_last_administrator_is_kept(session, engine, admin, change):
    b.user(session, "gone", "admin")
    accounts.set_active(session, actor=None, username="gone", active=False)  # inactive: no help
    b.user(session, "minister", "ministry")
    session.commit()
    before = _snapshot(engine)
    with pytest.raises(AccountError) as refused:
        LAST_ADMIN_CHANGES[change](session, admin)
    session.rollback()
    assert refused.value.key == "account.error.last_administrator"
    assert "root" in refused.value.text("zh") and "root" in str(refused.value)
    assert _snapshot(engine) == before
    # with a second active administrator the same change is allowed and audited
    b.user(session, "deputy", "admin")
    LAST_ADMIN_CHANGES[change](session, admin)
    session.commit()
    root = _users(engine)["root"]
    assert (root.is_active, root.role) == (
        (False, "admin") if change == "disable" else (True, "ministry")
    )
    action = "user_disable" if change == "disable" else "user_set_role"
    assert [e.actor for e in _events(engine, action) if e.entity_id == str(root.id)][-1] == "root"


def test_an_administrator_may_be_given_the_same_role(session, engine, admin):
    accounts.set_role(session, actor=admin, username="root", role="admin")  # nothing lost
    session.commit()
    assert _users(engine)["root"].role == "admin"
