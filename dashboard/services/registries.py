"""Registries: the records of every kind described in dashboard.kinds, with filters, their
histories and stage funnels, and the submissions. What a kind's listing holds, its order,
its free-text search and who may read it come from its description (`RecordKind.listing`).
Reads are scoped: a coordinator reads national records and their own province's."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import extract, or_
from sqlalchemy.sql import ColumnElement
from sqlmodel import Session, func, select

from dashboard.kinds import KINDS, RecordKind
from dashboard.models import Submission
from dashboard.permissions import Actor, allowed_provinces, authorize
from dashboard.services.editing import EditError

HISTORY_COLS = ["stage", "stage_date", "note", "recorded_by"]  # a listing's default history


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def record_columns(spec: RecordKind) -> list[str]:
    """The record table's columns a report writes: the id, the key, the stage, the report's
    attributes, version and updated_at."""
    cols = ["id", *spec.model_key]
    if spec.stages and spec.stages.model_stage not in cols:
        cols += [spec.stages.model_stage, spec.stages.model_stage_date]
    cols += [c for c in spec.attrs.values() if c not in cols]
    return [*dict.fromkeys(cols), "version", "updated_at"]


def listing_columns(spec: RecordKind) -> list[str]:
    """The columns the kind's listing holds, in order."""
    listed = spec.listing.columns
    return list(listed) if listed is not None else record_columns(spec)


def _order(table, names: Iterable[str]) -> list[ColumnElement]:
    return [table.c[n[1:]].desc() if n.startswith("-") else table.c[n] for n in names]


def records_frame(
    session: Session,
    *,
    actor: Actor,
    kind: str,
    province: str | None = None,
    filters: Mapping[str, Iterable[str]] | None = None,
    text: str = "",
    year: tuple[str, int] | None = None,
) -> pd.DataFrame:
    """The kind's records as its listing describes them. `filters`: report column -> the
    values kept (an empty choice keeps all); `text`: matched in the listing's search
    columns; `year`: (a date column of the report, the year it falls in)."""
    spec = KINDS[kind]
    action = spec.listing.read_action
    scope = allowed_provinces(session, actor, action)
    if province is not None:
        authorize(session, actor, action, province=province)
    table = spec.model.__table__
    cols = listing_columns(spec)
    stmt = select(*(table.c[c] for c in cols))
    if spec.province_column is not None:
        column = table.c[spec.province_column]
        if province is not None:
            stmt = stmt.where(column == province)
        elif scope is not None:  # national records (no province) are everyone's
            inside = column.in_(sorted(scope))
            stmt = stmt.where(or_(column.is_(None), inside) if column.nullable else inside)
    for report_column, values in (filters or {}).items():
        if values:
            stmt = stmt.where(table.c[spec.model_column(report_column)].in_(tuple(values)))
    if year and year[1]:
        day = table.c[spec.model_column(year[0])]
        stmt = stmt.where(extract("year", day) == year[1])
    if text.strip() and spec.listing.search:
        pattern = _like(text.strip())
        stmt = stmt.where(
            or_(*(table.c[c].ilike(pattern, escape="\\") for c in spec.listing.search))
        )
    rows = session.execute(stmt.order_by(*_order(table, spec.listing.order))).all()
    return pd.DataFrame([tuple(r) for r in rows], columns=cols)


def record_history(session: Session, *, actor: Actor, kind: str, record_id: int) -> pd.DataFrame:
    """A record's history, oldest first (empty for kinds without one): the listing's history
    columns, by default the state and day as `stage` and `stage_date`, note, recorded_by."""
    spec = KINDS[kind]
    h = spec.history
    listed = spec.listing.history
    cols = list(listed) if listed is not None else HISTORY_COLS
    if h is None:
        return pd.DataFrame(columns=cols)
    record = session.get(spec.model, record_id)
    if record is None:
        raise EditError("edit.not_found")
    authorize(
        session,
        actor,
        "view_records",
        province=getattr(record, spec.province_column or "", None),
        entity=(spec.record_type or kind, record_id),
    )
    t = h.model.__table__
    picked = [h.state, h.day, "note", "recorded_by"] if listed is None else cols
    stmt = (
        select(*(t.c[c] for c in picked))
        .where(t.c[h.owner] == record_id)
        .order_by(t.c[h.day], t.c.id)
    )
    return pd.DataFrame([tuple(r) for r in session.execute(stmt)], columns=cols)


def stage_funnel(session: Session, *, actor: Actor, kind: str) -> pd.DataFrame:
    """How many records of a kind with a history ever reached each of its stages, in the
    stages' order, within the actor's scope: columns `stage` and `records`."""
    spec = KINDS[kind]
    h, stages = spec.history, spec.stages
    if h is None or stages is None:
        raise ValueError(f"{kind} has no stage history")
    scope = allowed_provinces(session, actor, spec.listing.read_action)
    t, model = h.model.__table__, spec.model.__table__
    owner = t.c[h.owner]
    stmt = select(t.c[h.state], func.count(func.distinct(owner))).group_by(t.c[h.state])
    if scope is not None and spec.province_column is not None:
        # without a scope every entry counts: its record exists (foreign key)
        stmt = stmt.join(model, model.c.id == owner).where(
            model.c[spec.province_column].in_(sorted(scope))
        )
    counts = dict(session.execute(stmt).all())
    values = spec.enums[stages.group]
    return pd.DataFrame([{"stage": s, "records": int(counts.get(s, 0))} for s in values])


# The registries with filters of their own (the pages and the API name them).


@dataclass(frozen=True)
class StandardFilter:
    kinds: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    year: int | None = None
    text: str = ""


def standards_frame(session: Session, *, actor: Actor, f: StandardFilter) -> pd.DataFrame:
    """Deliverables are national, public documents: every role that reads aggregates may
    list them."""
    filters = {"kind": f.kinds, "category": f.categories, "status": f.statuses}
    return records_frame(
        session,
        actor=actor,
        kind="standard",
        filters=filters,
        text=f.text,
        year=("issue_date", f.year) if f.year else None,
    )


PILOT_COLS = listing_columns(KINDS["pilot_status"])
REVIEW_COLS = listing_columns(KINDS["measurement_review"])


def pilots_frame(
    session: Session,
    *,
    actor: Actor,
    province: str | None = None,
    stages: tuple[str, ...] = (),
    industries: tuple[str, ...] = (),
    text: str = "",
) -> pd.DataFrame:
    filters = {"stage": stages, "industry": industries}
    return records_frame(
        session, actor=actor, kind="pilot_status", province=province, filters=filters, text=text
    )


def pilot_funnel(session: Session, *, actor: Actor) -> pd.DataFrame:
    """How many pilots ever reached each stage (the funnel), within the actor's scope."""
    funnel = stage_funnel(session, actor=actor, kind="pilot_status")
    return funnel.rename(columns={"records": "pilots"})


def pilot_history(session: Session, *, actor: Actor, pilot_id: int) -> pd.DataFrame:
    return record_history(session, actor=actor, kind="pilot_status", record_id=pilot_id)


def reviews_frame(
    session: Session,
    *,
    actor: Actor,
    province: str | None = None,
    statuses: tuple[str, ...] = (),
    text: str = "",
) -> pd.DataFrame:
    filters = {"review_status": statuses}
    return records_frame(
        session,
        actor=actor,
        kind="measurement_review",
        province=province,
        filters=filters,
        text=text,
    )


def review_history(session: Session, *, actor: Actor, review_id: int) -> pd.DataFrame:
    return record_history(session, actor=actor, kind="measurement_review", record_id=review_id)


SUBMISSION_COLS = [
    "id",
    "filename",
    "kind",
    "province_code",
    "submitted_by",
    "submitted_at",
    "status",
    "row_count",
    "decided_by",
    "decided_at",
    "decision_comment",
]


def submissions_frame(
    session: Session, *, actor: Actor, province: str | None = None
) -> pd.DataFrame:
    scope = allowed_provinces(session, actor, "view_submissions")
    if province is not None:
        authorize(session, actor, "view_submissions", province=province)
        scope = frozenset({province})
    stmt = select(Submission)
    if scope is not None:
        stmt = stmt.where(Submission.province_code.in_(scope))
    rows = session.exec(stmt.order_by(Submission.submitted_at.desc())).all()
    return pd.DataFrame(
        [{c: getattr(r, c) for c in SUBMISSION_COLS} for r in rows], columns=SUBMISSION_COLS
    )
