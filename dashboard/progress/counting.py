"""Counting rules in SQL: for each target metric, the records that count as of a date.

Every figure, breakdown and drill-down is built on `qualifying(...)`, so the list of records
behind a number is exactly the set that was counted. Counts are made in the database with
indexes, never by loading whole tables.

Dates are the dates things happened (issue dates, stage dates), so a past as-of date shows
the picture as the recorded histories put it on that day. Nothing after the deadline counts.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, literal, or_, select
from sqlalchemy.sql import Select
from sqlmodel import Session

from dashboard.models import CountingSpan, Deliverable, MeasurementReview, Pilot
from dashboard.progress.engine import TargetDefinition
from dashboard.vocab import TARGET_STANDARD_CATEGORIES

METRICS = (
    "national_standards_2024",
    "standardization_pilots",
    "measurement_review_enterprises",
    "measurement_standards_and_crms",
    "measurement_tech_studies",
    "jjf_specifications",
)

_RECORD_TYPES = {
    "standardization_pilots": "pilot",
    "measurement_review_enterprises": "measurement_review",
}


def record_type_of(metric: str) -> str:
    """What `qualifying(...)` lists for a metric: deliverables, pilots or reviews."""
    if metric not in METRICS:
        raise ValueError(f"unknown metric: {metric}")
    return _RECORD_TYPES.get(metric, "deliverable")


# Columns every qualifying selection has: record_type, record_id, province_code,
# category (a category, industry or kind), since (the date it started counting).


def _deliverables(target: TargetDefinition, as_of: date, date_col, *conditions) -> Select:
    end = min(as_of, target.deadline)
    return select(
        literal("deliverable").label("record_type"),
        Deliverable.id.label("record_id"),
        Deliverable.province_code.label("province_code"),
        Deliverable.category.label("category"),
        date_col.label("since"),
    ).where(date_col.is_not(None), date_col >= target.window_start, date_col <= end, *conditions)


def span_covers(record_type: str, end: date) -> tuple:
    span = CountingSpan
    return (
        span.record_type == record_type,
        span.valid_from <= end,
        or_(span.valid_to.is_(None), span.valid_to > end),
    )


def from_spans(record_type: str, model, end: date) -> Select:
    """Records whose counting span covers `end` (see dashboard.progress.spans)."""
    return (
        select(
            literal(record_type).label("record_type"),
            model.id.label("record_id"),
            model.province_code.label("province_code"),
            model.industry.label("category"),
            CountingSpan.since.label("since"),
        )
        .join(model, model.id == CountingSpan.record_id)
        .where(*span_covers(record_type, end))
    )


def _pilots(target: TargetDefinition, as_of: date) -> Select:
    return from_spans("pilot", Pilot, min(as_of, target.deadline))


def _reviews(target: TargetDefinition, as_of: date) -> Select:
    return from_spans("measurement_review", MeasurementReview, min(as_of, target.deadline))


def qualifying(target: TargetDefinition, as_of: date) -> Select:
    """The records that count for `target` as of `as_of`."""
    metric = target.metric
    if metric == "national_standards_2024":
        return _deliverables(
            target,
            as_of,
            Deliverable.issue_date,
            Deliverable.kind == "national_standard",
            Deliverable.category.in_(TARGET_STANDARD_CATEGORIES),
        )
    if metric == "measurement_standards_and_crms":
        return _deliverables(
            target,
            as_of,
            Deliverable.issue_date,
            Deliverable.kind.in_(("measurement_standard", "reference_material")),
        )
    if metric == "measurement_tech_studies":
        return _deliverables(
            target, as_of, Deliverable.started_on, Deliverable.kind == "technology_study"
        )
    if metric == "jjf_specifications":
        # National specifications only: "JJF 1234-2024", not provincial "JJF(皖) ...".
        return _deliverables(
            target,
            as_of,
            Deliverable.issue_date,
            Deliverable.kind == "measurement_spec",
            Deliverable.number.like("JJF %"),
        )
    if metric == "standardization_pilots":
        return _pilots(target, as_of)
    if metric == "measurement_review_enterprises":
        return _reviews(target, as_of)
    raise ValueError(f"unknown metric: {metric}")


def count_as_of(
    session: Session, target: TargetDefinition, as_of: date, *, province: str | None = None
) -> int:
    record_type = record_type_of(target.metric)
    if province is None and record_type != "deliverable":
        # The same rows as qualifying(), counted on the span index alone: a span exists only
        # for a record with a history, and a history entry cannot outlive its record (FK).
        end = min(as_of, target.deadline)
        stmt = select(func.count()).select_from(CountingSpan).where(*span_covers(record_type, end))
        return int(session.scalar(stmt) or 0)
    q = qualifying(target, as_of).subquery()
    stmt = select(func.count()).select_from(q)
    if province is not None:
        stmt = stmt.where(q.c.province_code == province)
    return int(session.scalar(stmt) or 0)


def count_by(
    session: Session, target: TargetDefinition, as_of: date, *, by: str
) -> dict[str | None, int]:
    """Counts grouped by "province_code" or "category"."""
    if by not in {"province_code", "category"}:
        raise ValueError(by)
    q = qualifying(target, as_of).subquery()
    col = q.c[by]
    rows = session.execute(select(col, func.count()).group_by(col)).all()
    return {key: int(n) for key, n in rows}


def counts_at(session: Session, target: TargetDefinition, dates: list[date]) -> list[int]:
    """The count at each date; used for burn-up series."""
    return [count_as_of(session, target, d) for d in dates]
