"""Reading the audit trail (administrators only)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta

import pandas as pd
from sqlmodel import Session, select

from dashboard.audit import verify_chain
from dashboard.cells import neutralise
from dashboard.models import AuditEvent
from dashboard.permissions import Actor, authorize
from dashboard.settings import display_timezone

COLS = ["id", "occurred_at", "actor", "action", "entity_type", "entity_id", "outcome", "detail"]
MAX_ROWS = 5000


def audit_frame(
    session: Session,
    *,
    actor: Actor,
    user: str = "",
    action: str = "",
    outcome: str = "",
    since: date | None = None,
    until: date | None = None,
    limit: int = MAX_ROWS,
) -> pd.DataFrame:
    authorize(session, actor, "view_audit")
    stmt = select(AuditEvent)
    if user:
        stmt = stmt.where(AuditEvent.actor == user)
    if action:
        stmt = stmt.where(AuditEvent.action == action)
    if outcome:
        stmt = stmt.where(AuditEvent.outcome == outcome)
    if since:  # days as the viewer counts them (the display zone), compared in UTC
        stmt = stmt.where(AuditEvent.occurred_at >= _utc_start(since))
    if until:
        stmt = stmt.where(AuditEvent.occurred_at < _utc_start(until + timedelta(days=1)))
    rows = session.exec(stmt.order_by(AuditEvent.id.desc()).limit(limit)).all()
    return pd.DataFrame(
        [
            {
                **{c: getattr(r, c) for c in COLS[:-1]},
                "detail": json.dumps(r.detail, ensure_ascii=False, sort_keys=True),
            }
            for r in rows
        ],
        columns=COLS,
    )


def _utc_start(day: date) -> datetime:
    """Midnight of `day` in the display zone, as a naive UTC datetime (how it is stored)."""
    start = datetime.combine(day, time.min, tzinfo=display_timezone())
    return start.astimezone(UTC).replace(tzinfo=None)


def audit_actions(session: Session, *, actor: Actor) -> list[str]:
    authorize(session, actor, "view_audit")
    return sorted(set(session.exec(select(AuditEvent.action).distinct()).all()))


def chain_status(session: Session, *, actor: Actor):
    authorize(session, actor, "view_audit")
    return verify_chain(session)


def audit_csv_bytes(df: pd.DataFrame) -> bytes:
    """The audit page's download: UTF-8 with BOM (for Excel), every text cell through the
    one formula-neutralising rule (a typed username such as =HYPERLINK(...) stays text)."""
    safe = df.map(neutralise)
    safe.columns = [neutralise(str(c)) for c in df.columns]
    return safe.to_csv(index=False).encode("utf-8-sig")
