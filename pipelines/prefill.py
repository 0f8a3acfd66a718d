"""Rows that pre-fill a coordinator's template: their province's pilots and measurement
reviews as they stand now (codes, names, current stage), so that a report updates rows
instead of retyping them. Uploading such a file unchanged changes nothing: each row's stage
and date are already in the record's history."""

from __future__ import annotations

from sqlmodel import Session, col, select

from dashboard.models import MeasurementReview, Pilot
from dashboard.permissions import Actor, allowed_provinces

PREFILLED_KINDS = ("pilot_status", "measurement_review")
MAX_ROWS = 5000  # the template's drop-down lists cover this many rows


def prefill_rows(session: Session, *, actor: Actor, kind: str) -> list[dict]:
    """The current records of the actor's province as rows of `kind` (column key -> value).
    Empty for a kind without records to update, and for an actor whose scope is every
    province (a national template would hold the whole country)."""
    scope = allowed_provinces(session, actor, "submit_report")
    if kind not in PREFILLED_KINDS or scope is None:
        return []
    if kind == "pilot_status":
        pilots = session.exec(
            select(Pilot).where(col(Pilot.province_code).in_(scope)).order_by(col(Pilot.code))
        ).all()
        return [
            {
                "pilot_code": p.code,
                "pilot_name": p.name,
                "pilot_type": p.pilot_type,
                "province_code": p.province_code,
                "uscc": p.uscc,
                "industry": p.industry,
                "stage": p.current_stage,
                "stage_date": p.current_stage_date,
                "standards_adopted": p.standards_adopted,
                "longitude": p.longitude,  # as reported, with its datum
                "latitude": p.latitude,
                "datum": p.location_datum,
                "note": None,
            }
            for p in pilots[:MAX_ROWS]
        ]
    reviews = session.exec(
        select(MeasurementReview)
        .where(col(MeasurementReview.province_code).in_(scope))
        .order_by(col(MeasurementReview.uscc))
    ).all()
    return [
        {
            "uscc": r.uscc,
            "enterprise_name": r.enterprise_name,
            "province_code": r.province_code,
            "industry": r.industry,
            "review_status": r.status,
            "review_date": r.status_date,
            "instruments_total": r.instruments_total,
            "instruments_calibrated": r.instruments_calibrated,
            "note": None,
        }
        for r in reviews[:MAX_ROWS]
    ]
