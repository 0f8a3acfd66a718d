"""The audit chain is keyed and anchored outside the database: truncating the newest
events, or recomputing the chain without the key, is detected; keys rotate."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, text
from sqlmodel import Session, select

from dashboard import audit
from dashboard.audit_keys import make_keyring
from dashboard.cli import main
from dashboard.models import AuditEvent
from dashboard.settings import reset_settings_cache

KEY_A = b"audit-key-A-with-enough-bytes-0123456789"
KEY_B = b"audit-key-B-with-enough-bytes-0123456789"


def _events(session, n=6):
    for i in range(n):
        audit.record(session, actor="root", action="note", detail={"i": i})
        session.commit()


def _settings(monkeypatch, **env):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    reset_settings_cache()


def test_truncating_the_newest_events_is_detected(session, db_url, capsys):
    _events(session)
    assert audit.verify_chain(session).ok
    newest = session.exec(select(AuditEvent.id).order_by(AuditEvent.id.desc())).first()
    session.execute(text("DELETE FROM auditevent WHERE id >= :i"), {"i": newest - 1})
    session.commit()
    report = audit.verify_chain(session)
    assert (report.ok, report.reason, report.broken_id) == (False, "truncated", newest)
    assert main(["--database-url", db_url, "audit", "verify"]) == 1
    assert "truncated" in capsys.readouterr().err


def test_emptying_the_trail_is_detected(session):
    _events(session, 3)
    session.execute(text("DELETE FROM auditevent"))
    session.commit()
    assert audit.verify_chain(session).reason == "truncated"


def _recompute(session, sign):
    """Rewrite every event's links and hash with `sign(event) -> (key_id, hash)`."""
    prev = audit.GENESIS
    for event in session.exec(select(AuditEvent).order_by(AuditEvent.id)).all():
        event.actor = "someone else"
        event.prev_hash = prev
        event.key_id, event.hash = sign(event)
        prev = event.hash
    session.commit()


@pytest.mark.parametrize(
    ("sign", "reason"),
    [
        (lambda e: (None, audit.event_hash(e)), "unkeyed"),  # as before the chain was keyed
        (lambda e: (e.key_id, audit.event_mac(e, b"guessed-key")), "content_changed"),
        (lambda e: ("0" * 16, audit.event_mac(e, b"own-key")), "unknown_key"),
    ],
)
def test_a_chain_recomputed_without_the_key_is_detected(session, sign, reason, monkeypatch):
    _events(session)
    _settings(monkeypatch, DASHBOARD_AUDIT_ANCHOR="none")  # not even the anchor is needed
    _recompute(session, sign)
    report = audit.verify_chain(session)
    assert (report.ok, report.reason) == (False, reason)


def _empty(session) -> None:
    """Start from no events (the reference load audits each programme it loads)."""
    session.execute(delete(AuditEvent))
    session.commit()


def test_keys_rotate_and_old_events_verify_with_the_previous_key(session, monkeypatch):
    _empty(session)
    _settings(monkeypatch, DASHBOARD_AUDIT_KEY=KEY_A.decode())
    _events(session, 3)
    _settings(monkeypatch, DASHBOARD_AUDIT_KEY=KEY_B.decode())
    assert audit.verify_chain(session).reason == "unknown_key"  # A is not listed
    _settings(monkeypatch, DASHBOARD_AUDIT_PREVIOUS_KEYS=KEY_A.decode())
    _events(session, 3)
    assert audit.verify_chain(session).ok
    key_ids = set(session.exec(select(AuditEvent.key_id)).all())
    assert key_ids == {make_keyring(KEY_A).current_id, make_keyring(KEY_B).current_id}


def test_an_unkeyed_chain_is_checked_then_signed_once(session, monkeypatch):
    _empty(session)
    _settings(monkeypatch, DASHBOARD_AUDIT_ANCHOR="none")
    _events(session, 4)
    _recompute(session, lambda e: (None, audit.event_hash(e)))  # a chain from before 0005
    assert audit.verify_chain(session).reason == "unkeyed"
    first = "(SELECT MIN(id) FROM auditevent)"
    with Session(session.get_bind()) as s:
        s.execute(text(f"UPDATE auditevent SET actor = 'x' WHERE id = {first}"))
        with pytest.raises(ValueError, match="content changed"):
            audit.adopt_unkeyed(s)  # a broken chain is not blessed
        s.rollback()
    assert audit.adopt_unkeyed(session) == 4
    session.commit()
    assert audit.verify_chain(session).ok
    assert audit.adopt_unkeyed(session) == 0


# The page runs against a SQLite file; the report it shows is engine-neutral (the chain
# checks above run on both engines), so this one runs on SQLite only rather than skipping.
@pytest.mark.parametrize("backend", ["sqlite"])
def test_the_audit_page_says_the_trail_was_cut_short(
    backend, session, engine, monkeypatch, tmp_path
):
    """AppTest of the audit view after the newest events were deleted."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from dashboard.i18n import t
    from tests import builders as b

    assert engine.dialect.name == "sqlite"
    admin = b.user(session, "root", "admin")
    _events(session)
    newest = session.exec(select(AuditEvent.id).order_by(AuditEvent.id.desc())).first()
    session.execute(text("DELETE FROM auditevent WHERE id = :i"), {"i": newest})
    session.commit()
    monkeypatch.setenv("DATABASE_URL", str(engine.url))
    reset_settings_cache()
    script = tmp_path / "audit_view.py"
    script.write_text(
        "from dashboard.permissions import Actor\n"
        "from dashboard.ui.admin_view import render_audit\n"
        "from dashboard.ui.context import Viewer\n"
        f"render_audit(Viewer(actor=Actor(id={admin.id}, username='root', role='admin'),"
        " lang='en', display_name='root'))\n"
    )
    st.cache_resource.clear()
    try:
        at = AppTest.from_file(str(script), default_timeout=60).run()
    finally:
        st.cache_resource.clear()
    assert not at.exception, [e.message for e in at.exception]
    expected = t("audit.chain_truncated", "en", n=str(len(session.exec(select(AuditEvent)).all())))
    assert [e.value for e in at.error] == [expected]
