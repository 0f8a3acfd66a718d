"""The hash-chained audit trail: intact chains verify, and every kind of tampering done
with raw SQL is found at the first broken event, by verify_chain and by `audit verify`."""

from __future__ import annotations

import json
from itertools import pairwise

import pytest
from sqlalchemy import delete, text
from sqlmodel import Session, select

from dashboard import accounts, audit
from dashboard.auth import AuthError, login, logout
from dashboard.cli import main
from dashboard.models import AuditEvent
from dashboard.permissions import PermissionDenied, authorize
from tests import builders as b

COLUMNS = ("occurred_at", "actor", "action", "entity_type", "entity_id", "outcome", "detail")


def _populate(session) -> list[int]:
    """At least eight events from several kinds of operation; returns their ids."""
    admin = b.user(session, "root", "admin")
    coord = b.user(session, "zhejiang", "coordinator", "330000", password="zj-password-123")
    accounts.set_role(
        session, actor=admin, username="zhejiang", role="coordinator", province_code="370000"
    )
    session.commit()
    with pytest.raises(PermissionDenied):
        authorize(session, coord, "manage_users")
    with pytest.raises(AuthError):
        login(session, username="zhejiang", password="wrong")
    token, _ = login(session, username="zhejiang", password="zj-password-123")
    logout(session, token)
    accounts.set_active(session, actor=None, username="zhejiang", active=False)
    audit.record(session, actor="root", action="note", detail={"text": "中文 ✓", "n": 1.5})
    session.commit()
    ids = list(session.exec(select(AuditEvent.id).order_by(AuditEvent.id)).all())
    assert len(ids) >= 8
    return ids


def _verify_cli(db_url, capsys) -> tuple[int, str]:
    code = main(["--database-url", db_url, "audit", "verify"])
    return code, capsys.readouterr().err


def _json(session, name: str) -> str:
    """A bind parameter for the JSON column (PostgreSQL needs the cast, SQLite must not)."""
    return (
        f"CAST(:{name} AS JSON)" if session.get_bind().dialect.name == "postgresql" else f":{name}"
    )


def _row(session, event_id) -> dict:
    cols = ", ".join((*COLUMNS, "prev_hash", "hash"))
    row = session.execute(text(f"SELECT {cols} FROM auditevent WHERE id = :i"), {"i": event_id})
    return dict(row.mappings().one())


def _write_row(session, event_id, values: dict) -> None:
    detail = values["detail"]
    values = {**values, "detail": detail if isinstance(detail, str) else json.dumps(detail)}
    sets = ", ".join(_json_and(session, c) for c in values)
    session.execute(
        text(f"UPDATE auditevent SET {sets} WHERE id = :id"), {**values, "id": event_id}
    )


def _json_and(session, column: str) -> str:
    return f"{column} = {_json(session, column) if column == 'detail' else ':' + column}"


def _swap(session, a: int, b: int) -> None:
    """Exchange the whole contents (all but the id) of two events."""
    first, second = _row(session, a), _row(session, b)
    session.execute(text("UPDATE auditevent SET hash = 'tmp' WHERE id = :i"), {"i": a})
    _write_row(session, b, first)
    _write_row(session, a, second)


def edit_detail(session, ids):
    target = ids[3]
    session.execute(
        text(f"UPDATE auditevent SET detail = {_json(session, 'v')} WHERE id = :i"),
        {"v": json.dumps({"reason": "nothing to see"}), "i": target},
    )
    return target, "content_changed"


def edit_actor(session, ids):
    session.execute(text("UPDATE auditevent SET actor = 'someone' WHERE id = :i"), {"i": ids[3]})
    return ids[3], "content_changed"


def edit_time(session, ids):
    session.execute(
        text("UPDATE auditevent SET occurred_at = :t WHERE id = :i"),
        {"t": "2020-01-01 00:00:00", "i": ids[3]},
    )
    return ids[3], "content_changed"


def delete_middle(session, ids):
    session.execute(text("DELETE FROM auditevent WHERE id = :i"), {"i": ids[3]})
    return ids[4], "link_broken"


def swap_two(session, ids):
    _swap(session, ids[2], ids[5])
    return ids[2], "link_broken"


def swap_adjacent(session, ids):
    _swap(session, ids[3], ids[4])
    return ids[3], "link_broken"


def change_prev_hash(session, ids):
    session.execute(
        text("UPDATE auditevent SET prev_hash = :h WHERE id = :i"), {"h": "f" * 64, "i": ids[3]}
    )
    return ids[3], "link_broken"


def recompute_own_hash(session, ids):
    """Edit an event and recompute its hash without the key: the MAC gives it away."""
    event = session.get(AuditEvent, ids[3])
    session.expunge(event)
    event.actor = "someone"
    session.execute(
        text("UPDATE auditevent SET actor = 'someone', hash = :h WHERE id = :i"),
        {"h": audit.event_hash(event), "i": ids[3]},
    )
    return ids[3], "content_changed"


def two_edits(session, ids):
    for i in (ids[2], ids[5]):
        session.execute(text("UPDATE auditevent SET actor = 'x' WHERE id = :i"), {"i": i})
    return ids[2], "content_changed"


TAMPERING = [
    edit_detail,
    edit_actor,
    edit_time,
    delete_middle,
    swap_two,
    swap_adjacent,
    change_prev_hash,
    recompute_own_hash,
    two_edits,
]


def test_intact_chain_verifies(session, db_url, capsys):
    ids = _populate(session)
    report = audit.verify_chain(session)
    assert (report.ok, report.checked, report.broken_id, report.reason) == (
        True,
        len(ids),
        None,
        None,
    )
    events = session.exec(select(AuditEvent).order_by(AuditEvent.id)).all()
    assert events[0].prev_hash == audit.GENESIS
    assert all(e.prev_hash == p.hash for p, e in pairwise(events))
    assert {"denied", "failed", "ok"} <= {e.outcome for e in events}
    assert _verify_cli(db_url, capsys) == (0, "")


def test_empty_chain_verifies(session):
    session.execute(delete(AuditEvent))  # the reference load audits each programme it loads
    report = audit.verify_chain(session)
    assert (report.checked, report.broken_id) == (0, None)


def test_the_reference_load_audits_each_programme(session):
    loads = session.exec(select(AuditEvent).where(AuditEvent.action == "load_programme")).all()
    assert {e.entity_id for e in loads} >= {"AP2024", "WP2024", "PCFG2025"}
    assert audit.verify_chain(session).ok


@pytest.mark.parametrize("tamper", TAMPERING, ids=[t.__name__ for t in TAMPERING])
def test_tampering_is_found_at_the_first_broken_event(session, db_url, capsys, tamper):
    ids = _populate(session)
    assert audit.verify_chain(session).ok
    broken_id, reason = tamper(session, ids)
    session.commit()
    session.expire_all()
    report = audit.verify_chain(session)
    assert (report.ok, report.broken_id, report.reason) == (False, broken_id, reason)
    assert report.checked == ids.index(broken_id) + 1 - (tamper is delete_middle)
    code, err = _verify_cli(db_url, capsys)
    assert code == 1
    assert f"BROKEN at event {broken_id} ({reason})" in err


def test_chain_continues_after_rollback(session):
    ids = _populate(session)
    audit.record(session, actor="root", action="discarded")
    session.rollback()
    audit.record(session, actor="root", action="kept")
    session.commit()
    report = audit.verify_chain(session)
    assert report.ok and report.checked == len(ids) + 1


def test_detail_scrubbing_drops_secret_keys(session, engine):
    detail = {
        "password": "p1-secret",
        "Password": "p2-secret",
        "TOKEN": "t1-secret",
        "token": "t2-secret",
        "new_password": "p3-secret",
        "password_hash": "$argon2id$v=19$secret",
        "secret": "s-secret",
        "reason": "kept",
        "nested": {"token": "t3-secret", "keep": 1, "deeper": [{"password": "p4-secret", "k": 2}]},
        "items": [{"token": "t4-secret"}, "plain"],
    }
    event = audit.record(session, actor="root", action="note", detail=detail)
    session.commit()
    expected = {
        "reason": "kept",
        "nested": {"keep": 1, "deeper": [{"k": 2}]},
        "items": [{}, "plain"],
    }
    assert event.detail == expected
    with Session(engine) as fresh:
        stored = fresh.get(AuditEvent, event.id)
        assert stored.detail == expected
        assert "secret" not in json.dumps(stored.model_dump(mode="json"))
        assert audit.verify_chain(fresh).ok
    assert detail["password"] == "p1-secret"  # the caller's dict is not modified
