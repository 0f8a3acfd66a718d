"""The append-only audit trail. Each event stores the hash of the one before it, so an
edited, reordered or deleted event breaks the chain that `verify_chain` walks. Deleting the
newest events leaves a shorter chain that is still whole: `audit verify` prints the count and
the head hash so that an operator can keep them outside the database (see docs/DEPLOY.md).

Passwords and tokens never enter an event: `record` drops keys that name them."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import text
from sqlmodel import Session, select

from dashboard.models import AuditEvent
from dashboard.models.common import utcnow

GENESIS = "0" * 64
SECRET_KEYS = {"password", "password_hash", "token", "secret", "new_password"}
PG_CHAIN_LOCK = 7_207_146


def _canonical_time(value: datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def event_hash(event: AuditEvent) -> str:
    body = json.dumps(
        [
            event.prev_hash,
            _canonical_time(event.occurred_at),
            event.actor,
            event.action,
            event.entity_type,
            event.entity_id,
            event.outcome,
            event.detail,
        ],
        sort_keys=True,
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(body.encode()).hexdigest()


def _scrub(value):
    if isinstance(value, dict):
        return {k: _scrub(v) for k, v in value.items() if k.lower() not in SECRET_KEYS}
    if isinstance(value, list | tuple):
        return [_scrub(v) for v in value]
    if isinstance(value, datetime):
        return _canonical_time(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _lock_chain(session: Session) -> None:
    """Serialise writers of the chain until the transaction ends."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_CHAIN_LOCK})
    else:  # SQLite: take the database write lock before reading the chain's head
        session.execute(text("UPDATE auditevent SET id = id WHERE 1 = 0"))


def record(
    session: Session,
    *,
    actor: str,
    action: str,
    outcome: str = "ok",
    entity_type: str | None = None,
    entity_id: str | int | None = None,
    detail: dict | None = None,
) -> AuditEvent:
    """Append an event in the caller's transaction (it stands or falls with the change)."""
    _lock_chain(session)
    last = session.exec(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)).first()
    event = AuditEvent(
        occurred_at=utcnow(),
        actor=actor,
        action=action,
        entity_type=entity_type,
        entity_id=None if entity_id is None else str(entity_id),
        outcome=outcome,
        detail=json.loads(json.dumps(_scrub(detail or {}), ensure_ascii=False, default=str)),
        prev_hash=last or GENESIS,
        hash="",
    )
    event.hash = event_hash(event)
    session.add(event)
    session.flush()
    return event


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    broken_id: int | None = None
    reason: str | None = None
    head: str = GENESIS


def verify_chain(session: Session) -> ChainReport:
    prev = GENESIS
    n = 0
    for event in session.exec(select(AuditEvent).order_by(AuditEvent.id)).yield_per(1000):
        n += 1
        if event.prev_hash != prev:
            return ChainReport(False, n, event.id, "link_broken")
        if event_hash(event) != event.hash:
            return ChainReport(False, n, event.id, "content_changed")
        prev = event.hash
    return ChainReport(True, n, head=prev)
