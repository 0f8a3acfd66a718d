"""The counting rule for pilots and measurement reviews, evaluated straight from the histories.

This is the rule as `dashboard.progress.spans` states it, written as one SQL query (a window
over every entry on or before the day). It is slow at national scale and the pages do not use
it; it is the yardstick that `python -m dashboard spans --check` and the tests hold the
counting spans against.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import and_, func, literal, select
from sqlalchemy.sql import Select

from dashboard.models import MeasurementReview, Pilot, PilotStage, ReviewStatusEntry
from dashboard.vocab import PILOT_SET_UP_STAGES, REVIEW_COUNTING_STATUSES


def _latest_state(history, owner_col, state_col, date_col, end: date):
    """The latest effective history entry per owner on or before `end`; an entry that a
    later correction replaces is not effective."""
    corrected = select(history.corrects_id).where(history.corrects_id.is_not(None))
    ranked = (
        select(
            owner_col.label("owner_id"),
            state_col.label("state"),
            func.row_number()
            .over(partition_by=owner_col, order_by=(date_col.desc(), history.id.desc()))
            .label("rn"),
        )
        .where(date_col <= end, history.id.not_in(corrected))
        .subquery()
    )
    return ranked


def _first_date(history, owner_col, state_col, date_col, states, end: date):
    corrected = select(history.corrects_id).where(history.corrects_id.is_not(None))
    return (
        select(owner_col.label("owner_id"), func.min(date_col).label("since"))
        .where(state_col.in_(states), date_col <= end, history.id.not_in(corrected))
        .group_by(owner_col)
        .subquery()
    )


def pilots_on(end: date) -> Select:
    """Pilots that count on `end` (record_type, record_id, province_code, category, since)."""
    args = (PilotStage, PilotStage.pilot_id, PilotStage.stage, PilotStage.stage_date)
    latest = _latest_state(*args, end)
    first = _first_date(*args, PILOT_SET_UP_STAGES, end)
    return (
        select(
            literal("pilot").label("record_type"),
            Pilot.id.label("record_id"),
            Pilot.province_code.label("province_code"),
            Pilot.industry.label("category"),
            first.c.since.label("since"),
        )
        .join(latest, and_(latest.c.owner_id == Pilot.id, latest.c.rn == 1))
        .join(first, first.c.owner_id == Pilot.id)
        .where(latest.c.state.in_(PILOT_SET_UP_STAGES))
    )


def reviews_on(end: date) -> Select:
    """Measurement reviews that count on `end`."""
    args = (
        ReviewStatusEntry,
        ReviewStatusEntry.review_id,
        ReviewStatusEntry.status,
        ReviewStatusEntry.status_date,
    )
    latest = _latest_state(*args, end)
    first = _first_date(*args, REVIEW_COUNTING_STATUSES, end)
    return (
        select(
            literal("measurement_review").label("record_type"),
            MeasurementReview.id.label("record_id"),
            MeasurementReview.province_code.label("province_code"),
            MeasurementReview.industry.label("category"),
            first.c.since.label("since"),
        )
        .join(latest, and_(latest.c.owner_id == MeasurementReview.id, latest.c.rn == 1))
        .join(first, first.c.owner_id == MeasurementReview.id)
        .where(latest.c.state.in_(REVIEW_COUNTING_STATUSES))
    )


RULES = {"pilot": pilots_on, "measurement_review": reviews_on}
