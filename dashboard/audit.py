"""The append-only audit trail. Each event stores the MAC of the one before it, so an edited,
reordered or deleted event breaks the chain that `verify_chain` walks.

- The MAC is an HMAC-SHA256 under the audit key (`audit_keys`, from the settings), so a
  chain recomputed by someone who can write to the database but has not the key does not
  verify. `key_id` names the key of each event (rotation: docs/DEPLOY.md). Events written
  before keys existed (key_id NULL, a plain SHA-256) are checked and signed once by
  `adopt_unkeyed` (`init-db` runs it); afterwards an unkeyed event is refused.
- Deleting the newest events leaves a shorter chain that is still whole: so every committed
  event's id and MAC are also appended to a file outside the database (`audit_anchor`,
  settings.audit_anchor), and `verify_chain` reports a chain shorter than its anchor.

Passwords and tokens never enter an event: `record` drops keys that name them."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import event as sa_event
from sqlalchemy import text
from sqlmodel import Session, SQLModel, select

from dashboard import audit_anchor
from dashboard.audit_keys import Keyring, current_keyring
from dashboard.models import AuditEvent
from dashboard.models.common import utcnow

GENESIS = "0" * 64
SECRET_KEYS = {"password", "password_hash", "token", "secret", "new_password"}
PG_CHAIN_LOCK = 7_207_146


def _canonical_time(value: datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def _body(event: AuditEvent) -> bytes:
    return json.dumps(
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
    ).encode()


def event_hash(event: AuditEvent) -> str:
    """The unkeyed SHA-256 of events written before the chain was keyed (key_id NULL)."""
    return hashlib.sha256(_body(event)).hexdigest()


def event_mac(event: AuditEvent, key: bytes) -> str:
    return hmac.new(key, _body(event), hashlib.sha256).hexdigest()


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
    """Append an event in the caller's transaction (it stands or falls with the change); its
    id and MAC are appended to the anchor file when the transaction commits."""
    _lock_chain(session)
    keys = current_keyring()
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
        key_id=keys.current_id,
    )
    event.hash = event_mac(event, keys.current)
    session.add(event)
    session.flush()
    _anchor_on_commit(session, event)
    return event


def snapshot(row: object, columns: Iterable[str]) -> dict:
    """The named columns of `row` (a change's before or after, as its event records it)."""
    return {c: getattr(row, c) for c in columns}


def record_row(
    session: Session,
    row: SQLModel,
    *,
    actor: str,
    action: str,
    entity_type: str,
    detail: dict | None = None,
) -> AuditEvent:
    """Write a new or changed row and the event that records it: the row is flushed first,
    so that a new one has the id the event names."""
    session.add(row)
    session.flush()
    return record(
        session,
        actor=actor,
        action=action,
        entity_type=entity_type,
        entity_id=row.id,  # type: ignore[attr-defined]
        detail=detail,
    )


def record_refusal(
    session: Session,
    actor: str,
    action: str,
    entity: tuple[str | None, str | int | None],
    reason: str,
    **detail,
) -> None:
    """Record a refused `action` on `entity` (its type and id) and commit it: called after
    the refused unit of work was rolled back, so that the refusal is kept although nothing
    else is. The event's detail is the `reason`, then `detail`."""
    entity_type, entity_id = entity
    record(
        session,
        actor=actor,
        action=action,
        outcome="denied",
        entity_type=entity_type,
        entity_id=entity_id,
        detail={"reason": reason, **detail},
    )
    session.commit()


def _anchor_on_commit(session: Session, event: AuditEvent) -> None:
    if audit_anchor.path() is None:
        return
    pending = session.info.setdefault("audit_anchor", [])
    if not pending:
        first = session.exec(select(AuditEvent.hash).order_by(AuditEvent.id).limit(1)).first()
        session.info["audit_chain"] = audit_anchor.chain_id(first or event.hash)
    pending.append((event.id, event.hash))
    if not session.info.get("audit_anchor_listening"):
        session.info["audit_anchor_listening"] = True
        sa_event.listen(session, "after_commit", _write_anchor)
        sa_event.listen(session, "after_rollback", _drop_anchor)


def _write_anchor(session) -> None:
    pending = session.info.pop("audit_anchor", [])
    if pending:
        audit_anchor.append(session.info.get("audit_chain", ""), pending)


def _drop_anchor(session) -> None:
    session.info.pop("audit_anchor", None)


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    broken_id: int | None = None
    reason: str | None = None
    head: str = GENESIS
    anchored: int = 0  # the newest id the anchor file holds for this chain (0: none)


def adopt_unkeyed(session: Session, keys: Keyring | None = None) -> int:
    """Sign a chain written before the audit key existed: every unkeyed event is checked
    against its plain SHA-256 and link first (a broken chain is refused, not blessed), then
    the chain from the first unkeyed event on is signed again with the current key. Returns
    the number of events signed; the caller commits."""
    keys = keys or current_keyring()
    _lock_chain(session)
    first = session.exec(
        select(AuditEvent.id).where(AuditEvent.key_id.is_(None)).order_by(AuditEvent.id)
    ).first()
    if first is None:
        return 0
    prev_old = prev_new = GENESIS
    signed = 0
    for event in session.exec(select(AuditEvent).order_by(AuditEvent.id)).all():
        if event.prev_hash != prev_old:
            raise ValueError(f"audit event {event.id}: link broken; not signed")
        old = event.hash
        known = event_hash(event) if event.key_id is None else None
        if event.key_id is not None and event.key_id in keys.by_id:
            known = event_mac(event, keys.by_id[event.key_id])
        if known != old:
            raise ValueError(f"audit event {event.id}: content changed; not signed")
        if event.id >= first:
            event.prev_hash, event.key_id = prev_new, keys.current_id
            event.hash = event_mac(event, keys.current)
            signed += 1
        prev_old, prev_new = old, event.hash
    session.flush()
    return signed


def verify_chain(session: Session, keys: Keyring | None = None) -> ChainReport:
    """Walk the chain from the oldest event: links, MACs, and the anchor file's entries."""
    keys = keys or current_keyring()
    prev, n, chain = GENESIS, 0, None
    anchors: dict[int, str] = {}
    for event in session.exec(select(AuditEvent).order_by(AuditEvent.id)).yield_per(1000):
        n += 1
        if chain is None:
            chain = audit_anchor.chain_id(event.hash)
            anchors = audit_anchor.read(chain)
        if event.prev_hash != prev:
            return ChainReport(False, n, event.id, "link_broken")
        if event.key_id is None:  # adopt_unkeyed signs old chains once
            return ChainReport(False, n, event.id, "unkeyed")
        key = keys.by_id.get(event.key_id)
        if key is None:
            return ChainReport(False, n, event.id, "unknown_key")
        if not hmac.compare_digest(event_mac(event, key), event.hash):
            return ChainReport(False, n, event.id, "content_changed")
        if anchors.get(event.id, event.hash) != event.hash:
            return ChainReport(False, n, event.id, "anchor_mismatch")
        prev, last_id = event.hash, event.id
    newest = max(anchors, default=0)
    if (chain is None or not anchors) and audit_anchor.has_entries():
        # the file anchors events, none of them of this chain: emptied or replaced
        return ChainReport(False, n, None, "anchor_mismatch" if n else "truncated", head=prev)
    if n and newest > last_id:
        return ChainReport(False, n, newest, "truncated", head=prev, anchored=newest)
    return ChainReport(True, n, head=prev, anchored=newest)
