"""The counting rule for pilots and measurement reviews, evaluated straight from the histories.

This is the rule as `dashboard.progress.spans` states it, written as one SQL query (a window
over every entry on or before the day). It is slow at national scale and the pages do not use
it; it is the yardstick that `python -m dashboard spans` and the tests hold the counting
spans against. The histories are described once, by `spans.SPECS`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import and_, func, literal, select
from sqlalchemy.sql import ColumnElement, Select, Subquery

from dashboard.models import MeasurementReview, Pilot
from dashboard.progress.spans import DEFAULT_SETS, SPECS, HistorySpec, stages_of

# The record table of each history, chosen at run time (its columns are read by name).
RECORD_MODELS: dict[str, Any] = {"pilot": Pilot, "measurement_review": MeasurementReview}


def _effective(spec: HistorySpec, end: date) -> tuple[ColumnElement[bool], ...]:
    """Entries on or before `end` that no correction replaces."""
    h = spec.table
    corrected = select(h.c.corrects_id).where(h.c.corrects_id.is_not(None))
    return (h.c[spec.day] <= end, h.c.id.not_in(corrected))


def _latest_state(spec: HistorySpec, end: date) -> Subquery:
    """The latest effective history entry per owner on or before `end`."""
    h = spec.table
    owner, day = h.c[spec.owner], h.c[spec.day]
    return (
        select(
            owner.label("owner_id"),
            h.c[spec.state].label("state"),
            func.row_number()
            .over(partition_by=owner, order_by=(day.desc(), h.c.id.desc()))
            .label("rn"),
        )
        .where(*_effective(spec, end))
        .subquery()
    )


def _first_date(spec: HistorySpec, stages: frozenset[str], end: date) -> Subquery:
    """The first day on or before `end` whose state (the day's latest effective entry) was
    in the set, per owner."""
    h = spec.table
    owner, day = h.c[spec.owner], h.c[spec.day]
    day_last = (
        select(
            owner.label("owner_id"),
            day.label("day"),
            h.c[spec.state].label("state"),
            func.row_number().over(partition_by=(owner, day), order_by=h.c.id.desc()).label("rn"),
        )
        .where(*_effective(spec, end))
        .subquery()
    )
    return (
        select(day_last.c.owner_id, func.min(day_last.c.day).label("since"))
        .where(day_last.c.rn == 1, day_last.c.state.in_(sorted(stages)))
        .group_by(day_last.c.owner_id)
        .subquery()
    )


def counting_on(record_type: str, end: date, stage_set: str | None = None) -> Select:
    """Records of this type whose state on `end` is in the stage set (default: the action
    plan's), with the first day they were (record_type, record_id, province_code, category,
    since)."""
    spec, model = SPECS[record_type], RECORD_MODELS[record_type]
    stages = stages_of(stage_set or DEFAULT_SETS[record_type][0])
    latest, first = _latest_state(spec, end), _first_date(spec, stages, end)
    return (
        select(
            literal(record_type).label("record_type"),
            model.id.label("record_id"),
            model.province_code.label("province_code"),
            model.industry.label("category"),
            first.c.since.label("since"),
        )
        .join(latest, and_(latest.c.owner_id == model.id, latest.c.rn == 1))
        .join(first, first.c.owner_id == model.id)
        .where(latest.c.state.in_(sorted(stages)))
    )
