"""How each quarter's forecast compared with the outcome, for a target whose deadline has
passed: the forecast made at each quarter's end (under the definition then in force, from the
data of that day) against the count at the deadline. A quarter with no forecast (nothing of
the kind counted or waiting that day) has None for its figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from dashboard.models import Target
from dashboard.progress.counting import count_as_of
from dashboard.progress.forecast import quarter_ends
from dashboard.progress.service import in_force, progress_for


@dataclass(frozen=True)
class QuarterForecast:
    made_on: date
    actual: int  # the count that day
    expected: float | None
    low: int | None
    high: int | None
    probability: float | None
    status: str
    outcome: int  # the count at the deadline
    held: bool | None  # the interval held the outcome


def quarterly_forecasts(session: Session, target: Target, today: date) -> list[QuarterForecast]:
    """Empty while the deadline has not passed."""
    final = in_force(session, target, target.deadline).definition
    if final.deadline >= today:
        return []
    outcome = count_as_of(session, final, final.deadline)
    out = []
    for day in quarter_ends(final.window_start, final.deadline):
        p = progress_for(session, target, day)
        out.append(
            QuarterForecast(
                made_on=day,
                actual=p.actual,
                expected=p.forecast,
                low=p.forecast_low,
                high=p.forecast_high,
                probability=p.probability,
                status=p.status,
                outcome=outcome,
                held=None
                if p.forecast_low is None or p.forecast_high is None
                else p.forecast_low <= outcome <= p.forecast_high,
            )
        )
    return out
