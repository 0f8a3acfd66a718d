"""Pace, forecast and status of a target, from counts. Plain arithmetic, no database.

Forecast (dashboard.progress.forecast, docs/FORECAST.md): from the counts over the last twelve
months and the records waiting in earlier stages, the expected count at the deadline, an
80% interval for it and the probability of meeting the target by then. After the deadline
the forecast is the count at the deadline (the outcome: probability 1 or 0). No forecast
(None, basis "none") while nothing of the kind has counted or waits (Fit.abstains).

Status, in this order:
  missed       the deadline has passed and the count at the deadline is short of the target
  achieved     the count meets the target (on or before the deadline)
  not_started  no forecast, and less than a quarter of the window has passed
  off_track    no forecast, and a quarter of the window or more has passed
  on_track     the probability of meeting the target by the deadline is at least 80%
  at_risk      the probability is at least 40%
  off_track    otherwise
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from dashboard.progress import forecast as fc

if TYPE_CHECKING:
    from dashboard.programmes.spec import CountingSpec

DAYS_PER_MONTH = fc.DAYS_PER_MONTH


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
    recent_monthly_pace: float  # the history's pace: gain a month over the last twelve months
    # the forecast: None when there is none (forecast_basis "none": nothing of the kind has
    # counted or waits, dashboard.progress.forecast.Fit.abstains)
    forecast: float | None  # expected count at the deadline
    forecast_low: int | None  # 80% interval for the count at the deadline
    forecast_high: int | None
    probability: float | None  # of meeting the target by the deadline (1 or 0 once passed)
    forecast_band: list  # [{"day", "low", "high"}] from the as-of date to the deadline
    waiting: int  # records in the stages before the counted ones on the as-of date
    forecast_basis: str  # "pace", "plan", "stalled" (forecast.Fit.basis) or "none"
    status: str
    status_reason: str

    def as_dict(self) -> dict:
        d = asdict(self)
        d["as_of"] = self.as_of.isoformat()
        d["deadline"] = self.deadline.isoformat()
        return d


def history_points(target: TargetDefinition, as_of: date) -> list[date]:
    """The days whose counts `compute` needs, oldest first (the as-of date, or the deadline
    once it has passed, last)."""
    return fc.history_points(target.window_start, min(as_of, target.deadline))


def leads(target: TargetDefinition, as_of: date, waiting: int = 0) -> fc.Leads:
    """What the forecast reads besides the history: the records waiting on the as-of date,
    the planned pace, the months left."""
    return fc.leads(
        window_start=target.window_start,
        deadline=target.deadline,
        threshold=target.threshold,
        as_of=as_of,
        waiting=waiting,
    )


def compute(
    target: TargetDefinition, *, as_of: date, counts: Sequence[int], waiting: int = 0
) -> Progress:
    """Everything about a target as of a date, from its counts at history_points(target,
    as_of) (the last of them is the count at the as-of date) and the records waiting to
    count that day (dashboard.progress.counting.count_waiting)."""
    points = history_points(target, as_of)
    if len(counts) != len(points):
        raise ValueError(f"{len(points)} counts expected, at {points}")
    actual = int(counts[-1])
    threshold = target.threshold
    days_left = (target.deadline - as_of).days
    remaining = max(threshold - actual, 0)
    fit = fc.fit(points, counts, leads(target, as_of, waiting))
    required = remaining / (days_left / DAYS_PER_MONTH) if days_left > 0 else None
    figures = _figures(target, as_of, actual, remaining, days_left, required, fit.pace)

    if days_left > 0 and actual < threshold and fit.abstains:
        # no forecast: the status from the share of the window that has passed
        elapsed = fc.window_elapsed(target.window_start, target.deadline, as_of)
        status, reason = fc.status_without_forecast(elapsed)
        return Progress(
            **figures,
            forecast=None,
            forecast_low=None,
            forecast_high=None,
            probability=None,
            forecast_band=[],
            waiting=waiting,
            forecast_basis="none",
            status=status,
            status_reason=reason,
        )
    out = fc.outlook(fit, actual=actual, threshold=threshold, horizon_days=max(days_left, 0))
    if days_left < 0 and actual < threshold:
        status, reason = "missed", "deadline_passed_short"
    elif actual >= threshold:
        status, reason = "achieved", "count_meets_target"
    else:
        status, reason = fc.status_of(out.probability)
    return Progress(
        **figures,
        forecast=round(float(out.mean), 1),
        forecast_low=out.low,
        forecast_high=out.high,
        probability=round(out.probability, 3),
        forecast_band=fc.band(fit, actual=actual, as_of=as_of, deadline=target.deadline),
        waiting=waiting,
        forecast_basis=fit.basis,
        status=status,
        status_reason=reason,
    )


def _figures(
    target: TargetDefinition,
    as_of: date,
    actual: int,
    remaining: int,
    days_left: int,
    required: float | None,
    pace: float,
) -> dict:
    """The fields that do not depend on the forecast."""
    return dict(
        code=target.code,
        as_of=as_of,
        quantity=target.quantity,
        threshold=target.threshold,
        deadline=target.deadline,
        actual=actual,
        percent=round(100.0 * actual / target.quantity, 1) if target.quantity else 0.0,
        remaining=remaining,
        days_left=max(days_left, 0),
        required_monthly_pace=round(required, 2) if required is not None else None,
        recent_monthly_pace=round(float(pace), 2),
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
