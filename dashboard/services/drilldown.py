"""The records behind a figure: exactly the set the counting rule counted, each with where
it came from (which submission, accepted when and by whom)."""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy import func
from sqlmodel import Session, select

from dashboard.kinds import RecordKind, by_record_type
from dashboard.models import Submission, Target
from dashboard.permissions import Actor, allowed_provinces
from dashboard.progress.counting import qualifying
from dashboard.progress.service import in_force

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


def _described(record_type: str) -> tuple[RecordKind, str, str, str, str]:
    """The kind whose records a rule counts, and its record's identifier, Chinese and
    English name and state columns (from its description)."""
    spec = by_record_type(record_type)
    names = spec.model_names if spec else None
    if spec is None or names is None or spec.model_state is None:
        raise ValueError(f"no record kind describes {record_type} records for a drill-down")
    return spec, *names, spec.model_state


def records_behind(
    session: Session,
    *,
    actor: Actor,
    target_code: str,
    as_of: date,
    province: str | None = None,
    lang: str = "zh",
) -> pd.DataFrame:
    """The counted records. A coordinator sees national records (no province) and their own
    province's; other provinces' records are left out. Names are in `lang` where the record
    keeps one in that language, else in Chinese."""
    scope = allowed_provinces(session, actor, "view_records")
    target = session.get(Target, target_code)
    if target is None:
        raise ValueError(f"unknown target {target_code}")
    d = in_force(session, target, as_of).definition
    q = qualifying(d, as_of).subquery()
    stmt = select(q)
    if province is not None:
        stmt = stmt.where(q.c.province_code == province)
    if scope is not None:
        stmt = stmt.where((q.c.province_code.is_(None)) | (q.c.province_code.in_(scope)))
    spec, ident, name, english, state = _described(d.spec.records)
    model = spec.model
    name_column = getattr(model, name)
    if lang == "en" and english != name:  # the English name where one is kept
        name_column = func.coalesce(func.nullif(getattr(model, english), ""), name_column)
    stmt = (
        stmt.with_only_columns(
            q.c.record_type,
            q.c.record_id,
            getattr(model, ident).label("identifier"),
            name_column.label("name"),
            q.c.province_code,
            q.c.category,
            getattr(model, state).label("state"),
            q.c.since,
            model.submission_id,
            Submission.filename.label("source_file"),
            Submission.decided_at.label("accepted_at"),
            Submission.decided_by.label("accepted_by"),
        )
        .join(model, model.id == q.c.record_id)
        .outerjoin(Submission, Submission.id == model.submission_id)
        .order_by(q.c.since, q.c.record_id)
    )
    rows = session.connection().execute(stmt).all()  # Core rows: no ORM loading per row
    return pd.DataFrame([tuple(r) for r in rows], columns=COLUMNS)
