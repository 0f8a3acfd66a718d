"""Target progress for the pages, the CLI and exports: counts from SQL, arithmetic from
the engine."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from dashboard.models import Target
from dashboard.progress.counting import count_as_of, count_by, counts_at
from dashboard.progress.engine import (
    Progress,
    TargetDefinition,
    compute,
    month_ends,
    recent_window_start,
)


def definition(target: Target) -> TargetDefinition:
    return TargetDefinition(
        code=target.code,
        metric=target.metric,
        quantity=target.quantity,
        comparison=target.comparison,
        window_start=target.window_start,
        deadline=target.deadline,
    )


def list_targets(session: Session) -> list[Target]:
    return list(session.exec(select(Target).order_by(Target.code)).all())


def progress_for(session: Session, target: Target, as_of: date) -> Progress:
    d = definition(target)
    effective = min(as_of, d.deadline)
    actual = count_as_of(session, d, as_of)
    start = recent_window_start(d, effective)
    earlier = count_as_of(session, d, start) if start < effective else actual
    return compute(d, as_of=as_of, actual=actual, actual_at_recent_start=earlier)


def all_progress(session: Session, as_of: date) -> list[tuple[Target, Progress]]:
    return [(t, progress_for(session, t, as_of)) for t in list_targets(session)]


@dataclass(frozen=True)
class BurnupPoint:
    day: date
    actual: int


def burnup(session: Session, target: Target, as_of: date) -> list[BurnupPoint]:
    """Cumulative count at each month end from the window start to the as-of date."""
    d = definition(target)
    end = min(as_of, d.deadline)
    if end < d.window_start:
        return []
    days = month_ends(d.window_start, end)
    return [BurnupPoint(day, n) for day, n in zip(days, counts_at(session, d, days), strict=True)]


def breakdown(session: Session, target: Target, as_of: date, *, by: str) -> dict:
    return count_by(session, definition(target), as_of, by=by)
