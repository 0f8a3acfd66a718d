"""The records behind a figure: exactly the set the counting rule counted, each with where
it came from (which submission, accepted when and by whom)."""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlmodel import Session, select

from dashboard.models import Deliverable, MeasurementReview, Pilot, Submission, Target
from dashboard.permissions import Actor, allowed_provinces
from dashboard.progress.counting import qualifying
from dashboard.progress.service import definition

COLUMNS = [
    "record_type",
    "record_id",
    "identifier",
    "name",
    "province_code",
    "category",
    "state",
    "since",
    "submission_id",
    "source_file",
    "accepted_at",
    "accepted_by",
]

_MODELS = {
    "deliverable": (Deliverable, "number", "title_zh", "status", "kind"),
    "pilot": (Pilot, "code", "name", "current_stage", "pilot_type"),
    "measurement_review": (MeasurementReview, "uscc", "enterprise_name", "status", "industry"),
}


def records_behind(
    session: Session, *, actor: Actor, target_code: str, as_of: date, province: str | None = None
) -> pd.DataFrame:
    """The counted records. A coordinator sees national records (no province) and their own
    province's; other provinces' records are left out."""
    scope = allowed_provinces(session, actor, "view_records")
    target = session.get(Target, target_code)
    if target is None:
        raise ValueError(f"unknown target {target_code}")
    q = qualifying(definition(target), as_of).subquery()
    stmt = select(q)
    if province is not None:
        stmt = stmt.where(q.c.province_code == province)
    if scope is not None:
        stmt = stmt.where((q.c.province_code.is_(None)) | (q.c.province_code.in_(scope)))
    counted = session.execute(stmt.order_by(q.c.since, q.c.record_id)).all()
    if not counted:
        return pd.DataFrame(columns=COLUMNS)
    record_type = counted[0].record_type
    model, ident, name, state, _ = _MODELS[record_type]
    ids = [r.record_id for r in counted]
    rows = {r.id: r for r in session.exec(select(model).where(model.id.in_(ids))).all()}
    subs = {
        s.id: s
        for s in session.exec(
            select(Submission).where(
                Submission.id.in_({r.submission_id for r in rows.values() if r.submission_id})
            )
        ).all()
    }
    out = []
    for c in counted:
        rec = rows[c.record_id]
        sub = subs.get(rec.submission_id)
        out.append(
            {
                "record_type": record_type,
                "record_id": rec.id,
                "identifier": getattr(rec, ident),
                "name": getattr(rec, name),
                "province_code": c.province_code,
                "category": c.category,
                "state": getattr(rec, state),
                "since": c.since,
                "submission_id": rec.submission_id,
                "source_file": sub.filename if sub else None,
                "accepted_at": sub.decided_at if sub else None,
                "accepted_by": sub.decided_by if sub else None,
            }
        )
    return pd.DataFrame(out, columns=COLUMNS)
