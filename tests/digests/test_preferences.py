"""A user's address and digest frequency: set by an administrator (service and `users
set-digest`), chosen by the user for themselves; refused input says why in both languages
and changes nothing; every change is audited. SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from dashboard.cli import main as cli
from dashboard.digests.preferences import (
    DigestSettingError,
    clean_email,
    set_own_digest,
    set_user_digest,
)
from dashboard.models import AuditEvent, User
from dashboard.permissions import PermissionDenied
from tests import builders as b


def _user(engine, name: str) -> User:
    with Session(engine) as s:
        return s.exec(select(User).where(User.username == name)).one()


def _events(engine, action: str) -> list[AuditEvent]:
    with Session(engine) as s:
        return list(s.exec(select(AuditEvent).where(AuditEvent.action == action)).all())


def test_new_users_get_no_digest(session, engine):
    b.user(session, "alice", "ministry")
    stored = _user(engine, "alice")
    assert (stored.email, stored.digest) == (None, "none")


def test_admin_sets_address_and_frequency(session, engine):
    admin = b.user(session, "root", "admin")
    b.user(session, "alice", "ministry")
    set_user_digest(
        session, actor=admin, username="alice", email="  alice@ndrc.example.cn ", frequency="weekly"
    )
    session.commit()
    stored = _user(engine, "alice")
    assert (stored.email, stored.digest) == ("alice@ndrc.example.cn", "weekly")
    [event] = _events(engine, "user_set_digest")
    assert event.actor == "root" and event.entity_id == str(stored.id)
    assert event.detail == {
        "before": {"email": None, "digest": "none"},
        "after": {"email": "alice@ndrc.example.cn", "digest": "weekly"},
    }
    # clearing the address turns the digest off, in the same audited change
    set_user_digest(session, actor=admin, username="alice", email="")
    session.commit()
    stored = _user(engine, "alice")
    assert (stored.email, stored.digest) == (None, "none")
    assert _events(engine, "user_set_digest")[-1].detail["after"] == {
        "email": None,
        "digest": "none",
    }


@pytest.mark.parametrize(
    ("email", "frequency", "key"),
    [
        ("not-an-address", "daily", "digest.error.email_invalid"),
        ("a b@example.cn", "daily", "digest.error.email_invalid"),
        ("x@example.cn\r\nBcc: evil@example.cn", "daily", "digest.error.email_invalid"),
        ("nodot@localhost", "daily", "digest.error.email_invalid"),
        ("a" * 250 + "@x.cn", "daily", "digest.error.email_length"),
        ("", "daily", "digest.error.needs_email"),
        ("ok@example.cn", "hourly", "digest.error.frequency"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(session, engine, email, frequency, key):
    admin = b.user(session, "root", "admin")
    b.user(session, "alice", "ministry")
    with pytest.raises(DigestSettingError) as caught:
        set_user_digest(session, actor=admin, username="alice", email=email, frequency=frequency)
    session.rollback()
    assert caught.value.key == key
    zh, en = caught.value.text("zh"), caught.value.text("en")
    assert zh != en and zh and en
    stored = _user(engine, "alice")
    assert (stored.email, stored.digest) == (None, "none")
    assert _events(engine, "user_set_digest") == []


def test_only_an_administrator_sets_another_users_digest(session, engine):
    ministry = b.user(session, "wang", "ministry")
    b.user(session, "alice", "ministry")
    with pytest.raises(PermissionDenied):
        set_user_digest(session, actor=ministry, username="alice", email="a@example.cn")
    assert _user(engine, "alice").email is None
    [denied] = _events(engine, "manage_users")
    assert (denied.actor, denied.outcome) == ("wang", "denied")


def test_a_user_chooses_their_own_frequency(session, engine):
    coordinator = b.user(session, "li", "coordinator", "330000")
    with pytest.raises(DigestSettingError) as caught:
        set_own_digest(session, actor=coordinator, frequency="daily")
    session.rollback()
    assert caught.value.key == "digest.error.own_needs_email"
    set_user_digest(session, actor=None, username="li", email="li@zj.example.cn")
    session.commit()
    set_own_digest(session, actor=coordinator, frequency="daily")
    session.commit()
    assert _user(engine, "li").digest == "daily"
    [event] = _events(engine, "set_own_digest")
    assert event.actor == "li"
    assert event.detail == {"before": {"digest": "none"}, "after": {"digest": "daily"}}


def test_a_disabled_user_cannot_change_theirs(session, engine):
    from dashboard.accounts import set_active

    coordinator = b.user(session, "li", "coordinator", "330000")
    set_user_digest(session, actor=None, username="li", email="li@zj.example.cn")
    set_active(session, actor=None, username="li", active=False)
    session.commit()
    with pytest.raises(PermissionDenied):
        set_own_digest(session, actor=coordinator, frequency="weekly")
    assert _user(engine, "li").digest == "none"


def test_clean_email_accepts_plain_addresses():
    assert clean_email(" zhang.san+digest@mee.gov.cn ") == "zhang.san+digest@mee.gov.cn"
    assert clean_email("") is None and clean_email(None) is None


def test_users_set_digest_command(db_url, engine, capsys):
    with Session(engine) as s:
        b.user(s, "alice", "ministry")
    args = ["--database-url", db_url, "users", "set-digest", "alice"]
    assert cli([*args, "--email", "alice@ndrc.example.cn", "--frequency", "daily"]) == 0
    assert "digest daily, address alice@ndrc.example.cn" in capsys.readouterr().out
    assert cli([*args, "--email", "bad address"]) == 2
    assert "is not valid" in capsys.readouterr().err
    stored = _user(engine, "alice")
    assert (stored.email, stored.digest) == ("alice@ndrc.example.cn", "daily")
    assert cli(["--database-url", db_url, "users", "list"]) == 0
    assert "daily   alice@ndrc.example.cn" in capsys.readouterr().out
    assert cli([*args, "--no-email"]) == 0
    stored = _user(engine, "alice")
    assert (stored.email, stored.digest) == (None, "none")
    assert [e.actor for e in _events(engine, "user_set_digest")] == ["cli", "cli"]
