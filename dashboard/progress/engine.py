"""Pace, forecast and status of a target, from counts. Plain arithmetic, no database.

Forecast: the count at the as-of date plus the recent pace (the average daily gain over the
last 90 days, or since the counting window opened if that is shorter) carried on to the
deadline. After the deadline the forecast is the count at the deadline.

Status, in this order:
  missed     the deadline has passed and the count at the deadline is short of the target
  achieved   the count meets the target (on or before the deadline)
  on_track   the forecast meets the target
  at_risk    the forecast reaches at least 85% of the target
  off_track  otherwise
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dashboard.programmes.spec import CountingSpec

DAYS_PER_MONTH = 365.25 / 12
RECENT_WINDOW_DAYS = 90
AT_RISK_SHARE = 0.85


@dataclass(frozen=True)
class TargetDefinition:
    code: str
    spec: CountingSpec
    quantity: int
    comparison: str  # "at_least" | "more_than" | "about"
    window_start: date
    deadline: date

    @property
    def threshold(self) -> int:
        return self.quantity + 1 if self.comparison == "more_than" else self.quantity


@dataclass(frozen=True)
class Progress:
    code: str
    as_of: date
    quantity: int
    threshold: int
    deadline: date
    actual: int
    percent: float
    remaining: int
    days_left: int
    required_monthly_pace: float | None
    recent_monthly_pace: float
    forecast: float
    status: str
    status_reason: str

    def as_dict(self) -> dict:
        d = asdict(self)
        d["as_of"] = self.as_of.isoformat()
        d["deadline"] = self.deadline.isoformat()
        return d


def recent_window_start(target: TargetDefinition, as_of: date) -> date:
    """Start of the window over which the recent pace is measured."""
    return max(target.window_start, as_of - timedelta(days=RECENT_WINDOW_DAYS))


def compute(
    target: TargetDefinition, *, as_of: date, actual: int, actual_at_recent_start: int
) -> Progress:
    """Everything about a target as of a date, from the count then and at the start of
    the recent window (see recent_window_start)."""
    threshold = target.threshold
    effective = min(as_of, target.deadline)
    recent_start = recent_window_start(target, effective)
    recent_days = (effective - recent_start).days
    gain = max(actual - actual_at_recent_start, 0)
    daily = gain / recent_days if recent_days > 0 else 0.0
    days_left = (target.deadline - as_of).days
    remaining = max(threshold - actual, 0)

    if days_left > 0:
        forecast = actual + daily * days_left
        required = remaining / (days_left / DAYS_PER_MONTH)
    else:
        forecast = float(actual)
        required = None

    if days_left < 0 and actual < threshold:
        status, reason = "missed", "deadline_passed_short"
    elif actual >= threshold:
        status, reason = "achieved", "count_meets_target"
    elif forecast >= threshold:
        status, reason = "on_track", "forecast_meets_target"
    elif forecast >= AT_RISK_SHARE * threshold:
        status, reason = "at_risk", "forecast_within_15pct"
    else:
        status, reason = "off_track", "forecast_short"

    return Progress(
        code=target.code,
        as_of=as_of,
        quantity=target.quantity,
        threshold=threshold,
        deadline=target.deadline,
        actual=actual,
        percent=round(100.0 * actual / target.quantity, 1) if target.quantity else 0.0,
        remaining=remaining,
        days_left=max(days_left, 0),
        required_monthly_pace=round(required, 2) if required is not None else None,
        recent_monthly_pace=round(daily * DAYS_PER_MONTH, 2),
        forecast=round(forecast, 1),
        status=status,
        status_reason=reason,
    )


def month_ends(start: date, end: date) -> list[date]:
    """The last day of each month from start's month to end's month, with end itself last."""
    points: list[date] = []
    year, month = start.year, start.month
    while True:
        nxt = date(year + (month == 12), month % 12 + 1, 1)
        last = nxt - timedelta(days=1)
        if last >= end:
            points.append(end)
            return points
        points.append(last)
        year, month = nxt.year, nxt.month
