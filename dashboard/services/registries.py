"""Registries: standards and measurement deliverables, standardization pilots, measurement
reviews and submissions, with filters and histories. Pilots, reviews and submissions are
scoped: a coordinator reads only their own province's."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import extract, or_
from sqlmodel import Session, func, select

from dashboard.models import (
    Deliverable,
    MeasurementReview,
    Pilot,
    PilotStage,
    ReviewStatusEntry,
    Submission,
)
from dashboard.permissions import Actor, allowed_provinces, authorize
from dashboard.vocab import PILOT_ALL_STAGES


@dataclass(frozen=True)
class StandardFilter:
    kinds: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    year: int | None = None
    text: str = ""


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def standards_frame(session: Session, *, actor: Actor, f: StandardFilter) -> pd.DataFrame:
    """Deliverables are national, public documents: every role that reads aggregates may
    list them."""
    authorize(session, actor, "view_aggregates")
    stmt = select(Deliverable)
    if f.kinds:
        stmt = stmt.where(Deliverable.kind.in_(f.kinds))
    if f.categories:
        stmt = stmt.where(Deliverable.category.in_(f.categories))
    if f.statuses:
        stmt = stmt.where(Deliverable.status.in_(f.statuses))
    if f.year:
        stmt = stmt.where(extract("year", Deliverable.issue_date) == f.year)
    if f.text.strip():
        pattern = _like(f.text.strip())
        stmt = stmt.where(
            or_(
                Deliverable.number.ilike(pattern, escape="\\"),
                Deliverable.title_zh.ilike(pattern, escape="\\"),
                Deliverable.title_en.ilike(pattern, escape="\\"),
            )
        )
    rows = session.exec(stmt.order_by(Deliverable.issue_date.desc(), Deliverable.number)).all()
    cols = [
        "id",
        "number",
        "adopted_standard",
        "kind",
        "category",
        "title_zh",
        "title_en",
        "status",
        "started_on",
        "issue_date",
        "implementation_date",
        "responsible_org",
        "province_code",
    ]
    return pd.DataFrame([{c: getattr(r, c) for c in cols} for r in rows], columns=cols)


def _scoped(stmt, column, scope):
    return stmt if scope is None else stmt.where(column.in_(scope))


def _province_filter(session, actor, province):
    scope = allowed_provinces(session, actor, "view_records")
    if province is not None:
        authorize(session, actor, "view_records", province=province)
        return frozenset({province})
    return scope


PILOT_COLS = [
    "id",
    "code",
    "name",
    "pilot_type",
    "uscc",
    "province_code",
    "industry",
    "standards_adopted",
    "current_stage",
    "current_stage_date",
    "version",
    "updated_at",
]


def pilots_frame(
    session: Session,
    *,
    actor: Actor,
    province: str | None = None,
    stages: tuple[str, ...] = (),
    industries: tuple[str, ...] = (),
    text: str = "",
) -> pd.DataFrame:
    scope = _province_filter(session, actor, province)
    stmt = _scoped(select(*(Pilot.__table__.c[c] for c in PILOT_COLS)), Pilot.province_code, scope)
    if stages:
        stmt = stmt.where(Pilot.current_stage.in_(stages))
    if industries:
        stmt = stmt.where(Pilot.industry.in_(industries))
    if text.strip():
        pattern = _like(text.strip())
        stmt = stmt.where(
            or_(Pilot.code.ilike(pattern, escape="\\"), Pilot.name.ilike(pattern, escape="\\"))
        )
    rows = session.connection().execute(stmt.order_by(Pilot.province_code, Pilot.code)).all()
    return pd.DataFrame([tuple(r) for r in rows], columns=PILOT_COLS)


def pilot_funnel(session: Session, *, actor: Actor) -> pd.DataFrame:
    """How many pilots ever reached each stage (the funnel), within the actor's scope."""
    scope = allowed_provinces(session, actor, "view_records")
    stmt = select(PilotStage.stage, func.count(func.distinct(PilotStage.pilot_id))).group_by(
        PilotStage.stage
    )
    if scope is not None:  # without a scope every entry counts: its pilot exists (foreign key)
        stmt = stmt.join(Pilot, Pilot.id == PilotStage.pilot_id).where(
            Pilot.province_code.in_(scope)
        )
    counts = dict(session.execute(stmt).all())
    return pd.DataFrame([{"stage": s, "pilots": int(counts.get(s, 0))} for s in PILOT_ALL_STAGES])


def pilot_history(session: Session, *, actor: Actor, pilot_id: int) -> pd.DataFrame:
    pilot = session.get(Pilot, pilot_id)
    if pilot is None:
        raise ValueError(f"unknown pilot {pilot_id}")
    authorize(
        session, actor, "view_records", province=pilot.province_code, entity=("pilot", pilot_id)
    )
    rows = session.exec(
        select(PilotStage)
        .where(PilotStage.pilot_id == pilot_id)
        .order_by(PilotStage.stage_date, PilotStage.id)
    ).all()
    cols = [
        "id",
        "stage",
        "stage_date",
        "corrects_id",
        "note",
        "submission_id",
        "recorded_by",
        "recorded_at",
    ]
    return pd.DataFrame([{c: getattr(r, c) for c in cols} for r in rows], columns=cols)


REVIEW_COLS = [
    "id",
    "uscc",
    "enterprise_name",
    "province_code",
    "industry",
    "status",
    "status_date",
    "instruments_total",
    "instruments_calibrated",
    "version",
    "updated_at",
]


def reviews_frame(
    session: Session,
    *,
    actor: Actor,
    province: str | None = None,
    statuses: tuple[str, ...] = (),
    text: str = "",
) -> pd.DataFrame:
    scope = _province_filter(session, actor, province)
    stmt = _scoped(select(MeasurementReview), MeasurementReview.province_code, scope)
    if statuses:
        stmt = stmt.where(MeasurementReview.status.in_(statuses))
    if text.strip():
        pattern = _like(text.strip())
        stmt = stmt.where(
            or_(
                MeasurementReview.uscc.ilike(pattern, escape="\\"),
                MeasurementReview.enterprise_name.ilike(pattern, escape="\\"),
            )
        )
    rows = session.exec(stmt.order_by(MeasurementReview.province_code, MeasurementReview.id)).all()
    return pd.DataFrame(
        [{c: getattr(r, c) for c in REVIEW_COLS} for r in rows], columns=REVIEW_COLS
    )


def review_history(session: Session, *, actor: Actor, review_id: int) -> pd.DataFrame:
    review = session.get(MeasurementReview, review_id)
    if review is None:
        raise ValueError(f"unknown review {review_id}")
    authorize(
        session,
        actor,
        "view_records",
        province=review.province_code,
        entity=("measurement_review", review_id),
    )
    rows = session.exec(
        select(ReviewStatusEntry)
        .where(ReviewStatusEntry.review_id == review_id)
        .order_by(ReviewStatusEntry.status_date, ReviewStatusEntry.id)
    ).all()
    cols = ["id", "status", "status_date", "corrects_id", "note", "recorded_by", "recorded_at"]
    return pd.DataFrame([{c: getattr(r, c) for c in cols} for r in rows], columns=cols)


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
    stmt = _scoped(select(Submission), Submission.province_code, scope)
    rows = session.exec(stmt.order_by(Submission.submitted_at.desc())).all()
    return pd.DataFrame(
        [{c: getattr(r, c) for c in SUBMISSION_COLS} for r in rows], columns=SUBMISSION_COLS
    )
