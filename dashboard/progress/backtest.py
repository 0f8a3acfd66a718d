"""The forecast held against what happened (docs/FORECAST.md): forecasts made at past month
ends, with the data of that day, of the count at later quarter ends and at the deadline.

An event is "the count at horizon h reaches the required path at h": the target's threshold
at the deadline, and at an earlier quarter end the straight path from 0 at the window's
opening to the threshold at the deadline, rounded up. A forecast is kept when the count at
the day it is made is still short of that; each is compared with the count at h. Targets are
counted by their current definition. Forecasts of one target are not independent (they share
its history), so read the tables as a check, not as a test of significance.

Where the product gives no forecast (nothing of the kind counted on any day of the history
and none waiting: forecast.Fit.abstains) the case is an abstention: it keeps the model's
number (the planned pace's chance, what was shown before) so the report can give the score
with and without them, but the tables are computed on the forecasts issued (`issued`)."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session

from dashboard.progress import forecast as fc
from dashboard.progress.counting import count_as_of, count_waiting
from dashboard.progress.engine import TargetDefinition, leads, month_ends
from dashboard.progress.service import definition, list_targets

PROBABILITY_BINS = (0.0, 0.1, 0.3, 0.5, 0.7, 0.9, 1.0)
HORIZON_BINS = (0, 3, 6, 12, 24, 10_000)  # months


@dataclass(frozen=True)
class Case:
    code: str
    made_on: date
    horizon: date
    threshold: int
    actual: int
    probability: float
    low: int
    high: int
    outcome: int
    empty: bool = False  # made from a history with no gain
    waiting: int = 0  # records waiting in earlier stages that day
    basis: str = "pace"  # what the product's model rested on (forecast.Fit.basis), or "none"
    status: str = ""  # for an abstention, the status given instead (not_started, off_track)

    @property
    def abstained(self) -> bool:
        """The product gave no forecast that day (forecast.Fit.abstains)."""
        return self.basis == "none"

    @property
    def reached(self) -> bool:
        return self.outcome >= self.threshold

    @property
    def held(self) -> bool:
        return self.low <= self.outcome <= self.high

    @property
    def months_ahead(self) -> float:
        return (self.horizon - self.made_on).days / fc.DAYS_PER_MONTH


def required_at(d: TargetDefinition, day: date) -> int:
    if day >= d.deadline:
        return d.threshold
    elapsed = (day - d.window_start).days + 1
    return math.ceil(d.threshold * elapsed / ((d.deadline - d.window_start).days + 1))


# A forecasting model under test: (month ends, counts, threshold, horizon in days, leads) ->
# (outlook, whether the history had no gain).
Model = Callable[[list[date], list[int], int, int, fc.Leads], tuple[fc.Outlook, bool]]


def count_model(
    points: list[date], counts: list[int], threshold: int, horizon_days: int, lead: fc.Leads
) -> tuple[fc.Outlook, bool]:
    """The product's model (dashboard.progress.forecast): (outlook, history had no gain)."""
    f = fc.fit(points, counts, lead)
    return (
        fc.outlook(f, actual=counts[-1], threshold=threshold, horizon_days=horizon_days),
        f.gain == 0,
    )


def target_cases(
    d: TargetDefinition,
    count: Callable[[date], int],
    until: date,
    model: Model = count_model,
    waiting: Callable[[date], int] = lambda day: 0,
) -> tuple[list[Case], int]:
    """The cases of one target and how many forecasts were left out as already decided.
    `count` and `waiting` give the count and the records waiting on a day; `model` may be
    another forecaster with count_model's signature (bench/ compares one)."""
    horizons = fc.quarter_ends(d.window_start, min(d.deadline, until + timedelta(days=1)))
    if d.deadline <= until and d.deadline not in horizons:
        horizons.append(d.deadline)
    cases, decided = [], 0
    made_days = month_ends(d.window_start, d.deadline) if d.deadline >= d.window_start else []
    for h in horizons:
        threshold = required_at(d, h)
        outcome = count(h)
        for made_on in (m for m in made_days if m < h):
            points = fc.history_points(d.window_start, made_on)
            counts = [count(p) for p in points]
            if counts[-1] >= threshold:
                decided += 1
                continue
            lead = leads(d, made_on, waiting(made_on))
            o, empty = model(points, counts, threshold, (h - made_on).days, lead)
            f = fc.fit(points, counts, lead)  # what the product rests on, whatever the model
            status = ""
            if f.abstains:
                elapsed = fc.window_elapsed(d.window_start, d.deadline, made_on)
                status = fc.status_without_forecast(elapsed)[0]
            cases.append(
                Case(
                    d.code,
                    made_on,
                    h,
                    threshold,
                    counts[-1],
                    o.probability,
                    o.low,
                    o.high,
                    outcome,
                    empty=empty,
                    waiting=lead.waiting,
                    basis="none" if f.abstains else f.basis,
                    status=status,
                )
            )
    return cases, decided


def run(
    session: Session, *, until: date, programme: str | None = None, model: Model = count_model
) -> tuple[list[Case], int]:
    cases, decided = [], 0
    for tg in list_targets(session, programme):
        d = definition(tg)
        memo: dict[date, int] = {}
        waits: dict[date, int] = {}

        def count(day: date, d: TargetDefinition = d, memo: dict[date, int] = memo) -> int:
            if day not in memo:
                memo[day] = count_as_of(session, d, day)
            return memo[day]

        def waiting(day: date, d: TargetDefinition = d, waits: dict[date, int] = waits) -> int:
            if day not in waits:
                waits[day] = count_waiting(session, d, day)
            return waits[day]

        got, left_out = target_cases(d, count, until, model, waiting)
        cases += got
        decided += left_out
    return cases, decided


@dataclass(frozen=True)
class Row:
    label: str
    n: int
    mean_probability: float
    observed: float
    coverage: float


def issued(cases: list[Case]) -> list[Case]:
    """The forecasts the product gave (abstentions left out)."""
    return [c for c in cases if not c.abstained]


def abstentions(cases: list[Case]) -> list[tuple[str, int, int]]:
    """(status given instead, abstentions, of them reached) for each status, in the rule's
    order; empty groups left out."""
    out = []
    for status in ("not_started", "off_track"):
        inside = [c for c in cases if c.abstained and c.status == status]
        if inside:
            out.append((status, len(inside), sum(c.reached for c in inside)))
    return out


def summary(label: str, cases: list[Case]) -> Row:
    n = len(cases)
    return Row(
        label,
        n,
        sum(c.probability for c in cases) / n if n else float("nan"),
        sum(c.reached for c in cases) / n if n else float("nan"),
        sum(c.held for c in cases) / n if n else float("nan"),
    )


def calibration(cases: list[Case]) -> list[Row]:
    rows = []
    edges = PROBABILITY_BINS
    for i, (lo, hi) in enumerate(itertools.pairwise(edges)):
        last = i == len(edges) - 2
        inside = [c for c in cases if lo <= c.probability < hi or (last and c.probability == hi)]
        rows.append(summary(f"{lo:.1f}–{hi:.1f}", inside))
    return rows


def coverage_by_horizon(cases: list[Case]) -> list[tuple[int, int | None, Row]]:
    """(from, to or None for open-ended, row) for each horizon bin in months."""
    rows = []
    for lo, hi in itertools.pairwise(HORIZON_BINS):
        inside = [c for c in cases if lo < c.months_ahead <= hi]
        if inside:
            rows.append((lo, hi if hi < HORIZON_BINS[-1] else None, summary(f"{lo}", inside)))
    return rows


def by_target(cases: list[Case]) -> list[Row]:
    codes = sorted({c.code for c in cases})
    return [summary(code, [c for c in cases if c.code == code]) for code in codes]


def by_basis(cases: list[Case]) -> list[Row]:
    """One row per basis the model rested on (pace, plan, stalled, none: abstained) and
    whether records were waiting (label "<basis> waiting" or "<basis> none"); empty groups
    left out."""
    rows = [
        summary(
            f"{b} {w}",
            [c for c in cases if c.basis == b and (c.waiting > 0) == (w == "waiting")],
        )
        for b in ("pace", "plan", "stalled", "none")
        for w in ("none", "waiting")
    ]
    return [r for r in rows if r.n]


def brier(cases: list[Case]) -> tuple[float, float]:
    """The model's Brier score and that of a constant forecast at the observed frequency."""
    if not cases:
        return float("nan"), float("nan")
    base = sum(c.reached for c in cases) / len(cases)
    model = sum((c.probability - c.reached) ** 2 for c in cases) / len(cases)
    return model, sum((base - c.reached) ** 2 for c in cases) / len(cases)
