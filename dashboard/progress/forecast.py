"""How likely a target is: a count model of its monthly gains. Plain arithmetic (numpy), no
database. The reasoning and the backtest are in docs/FORECAST.md.

The history is the count at the as-of date and at the same day of each of the twelve
months before it (never before the counting window opened: the count there is 0). Each
month's gain is the difference of two counts, so records that left (a failed pilot, a
withdrawn standard) come off it. The leads (`Leads`) are what it reads besides: the records
waiting in the stages before the counted ones that day, the target's planned pace, the
months left.

The model (quasi-Poisson with the pace uncertain):
  pace        the total gain over the history divided by its length in months
  dispersion  how much more the monthly gains vary than a Poisson count would
              (Pearson's statistic over the months, at least 1; 1 with fewer than 3 months)
  future      the pace is drawn from its gamma posterior (mean = pace, variance = dispersion *
              pace / months, widened by the drift over the horizon), then the gain over the
              months ahead is drawn from a negative binomial with that mean and variance =
              dispersion * mean. With nothing counted yet, the pace is gamma about the
              planned pace (Jeffreys' shape 1/2); with records counted but none over the
              history, Jeffreys' prior on a pace near 0.
  waiting     any share of the records waiting, from none to all, enters by the deadline,
              evenly over the months left; the gain is the larger of this and the pace's.
  abstain     when nothing has counted on any day of the history and nothing is waiting,
              the forecast would rest on the plan alone: the engine gives no chance and no
              interval then (`Fit.abstains`), and the status follows the time elapsed
              (`status_without_forecast`).
A fixed seed makes every draw the same for the same history and leads, so the card, the
chart, the pack, the CLI and the backtest agree.
"""

from __future__ import annotations

import calendar
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import numpy as np

DAYS_PER_MONTH = 365.25 / 12
HISTORY_MONTHS = 12
LEVEL = 0.80  # the interval: from the 10th to the 90th percentile
DRAWS = 10_000
SEED = 20240714
PRIOR_SHAPE = 0.5  # Jeffreys' prior for a Poisson rate
BASE_DRIFT = 0.002  # squared relative change of the pace a month, at least (FORECAST.md)
BAND_POINTS = 8  # at most this many points of the band between the as-of date and the deadline

# The status rule (docs/FORECAST.md): the probability of meeting the target by the deadline.
ON_TRACK_FROM = 0.8
AT_RISK_FROM = 0.4
# ... and without a forecast (nothing counted or waiting): "not started" while less than this
# share of the window has passed, "off track" from then on.
NOT_STARTED_UNTIL = 0.25


def _months_back(day: date, k: int) -> date:
    """The same day k months earlier (the last day of the month when `day` is one, or when
    the earlier month is shorter)."""
    month0 = day.year * 12 + day.month - 1 - k
    year, month = divmod(month0, 12)
    last = calendar.monthrange(year, month + 1)[1]
    at_end = day.day == calendar.monthrange(day.year, day.month)[1]
    return date(year, month + 1, last if at_end else min(day.day, last))


def history_points(window_start: date, as_of: date, months: int = HISTORY_MONTHS) -> list[date]:
    """The days whose counts make the history, oldest first, `as_of` last. The oldest is the
    day before the window opened (count 0) when the window opened less than `months` ago."""
    if as_of < window_start:
        return [as_of]
    points = [as_of]
    for k in range(1, months + 1):
        day = _months_back(as_of, k)
        if day < window_start:
            points.append(window_start - timedelta(days=1))
            break
        points.append(day)
    return points[::-1]


@dataclass(frozen=True)
class Leads:
    """What the forecast knows besides the history (docs/FORECAST.md)."""

    waiting: int = 0  # records in the stages before the counted ones on the as-of date
    plan_pace: float = 0.0  # the target's threshold spread evenly over its window, a month
    months_left: float = 0.0  # from the as-of date to the deadline


def leads(
    *, window_start: date, deadline: date, threshold: int, as_of: date, waiting: int = 0
) -> Leads:
    window = ((deadline - window_start).days + 1) / DAYS_PER_MONTH
    left = max((deadline - as_of).days, 0) / DAYS_PER_MONTH
    return Leads(waiting, threshold / window if window > 0 else 0.0, left)


@dataclass(frozen=True)
class Fit:
    pace: float  # gain a month
    dispersion: float  # variance / mean of the monthly gains, at least 1
    months: float  # length of the history in months
    gain: int  # total gain over the history (net of records that left, at least 0)
    drift: float = BASE_DRIFT  # squared relative change of the pace a month
    counted: int = 0  # the count at the as-of date
    leads: Leads = Leads()
    seen: int = 0  # the highest count on any day of the history

    @property
    def basis(self) -> str:
        """What the pace rests on: "pace" (the history's gains), "plan" (nothing has counted
        on any day of the history: the target's planned pace, very uncertain) or "stalled"
        (records counted, none gained over the history: Jeffreys' prior on a pace near 0)."""
        if self.gain > 0:
            return "pace"
        if self.seen == 0 and self.leads.plan_pace > 0:
            return "plan"
        return "stalled"

    @property
    def abstains(self) -> bool:
        """No forecast: nothing has counted on any day of the history and no record is
        waiting in an earlier stage, so the chance would rest on the plan alone."""
        return self.basis == "plan" and self.leads.waiting == 0

    @property
    def expected_pace(self) -> float:
        """The pace the forecast expects: the posterior mean (Jeffreys' prior adds half a
        record over the history, which matters only when it holds (almost) no gain), or the
        planned pace."""
        if self.basis == "plan":
            return self.leads.plan_pace
        return (self.gain + PRIOR_SHAPE * self.dispersion) / self.months if self.months else 0.0


def fit(points: Sequence[date], counts: Sequence[int], leads: Leads = Leads()) -> Fit:
    """Pace and dispersion from the counts at `points` (see history_points)."""
    if len(points) != len(counts):
        raise ValueError("one count per point")
    gains = np.diff(np.asarray(counts, dtype=float))
    exposure = np.array([(b - a).days / DAYS_PER_MONTH for a, b in itertools.pairwise(points)])
    months = float(exposure.sum())
    gain = max(round(float(gains.sum())), 0)
    counted = int(counts[-1]) if len(counts) else 0
    seen = int(max(counts)) if len(counts) else 0
    if months <= 0 or gain == 0:
        return Fit(0.0, 1.0, months, 0, BASE_DRIFT, counted, leads, seen)
    pace = gain / months
    dispersion = 1.0
    usable = exposure > 0
    if usable.sum() >= 3:
        expected = pace * exposure[usable]
        pearson = float((((gains[usable] - expected) ** 2) / expected).sum())
        dispersion = max(1.0, pearson / float(usable.sum() - 1))
    drift = _drift(gains, exposure, dispersion)
    return Fit(
        pace,
        round(float(dispersion), 6),
        months,
        gain,
        round(float(drift), 6),
        counted,
        leads,
        seen,
    )


def _drift(gains: np.ndarray, exposure: np.ndarray, dispersion: float) -> float:
    """How fast the pace changes: the squared relative difference between the paces of the
    history's older and newer halves, less what counting noise alone would give, a month
    apart; at least BASE_DRIFT."""
    months = float(exposure.sum())
    if len(gains) < 4 or months < 4:
        return BASE_DRIFT
    middle = np.searchsorted(np.cumsum(exposure), months / 2)
    older = max(float(gains[:middle].sum()), 0.0) + PRIOR_SHAPE
    newer = max(float(gains[middle:].sum()), 0.0) + PRIOR_SHAPE
    e_old, e_new = float(exposure[:middle].sum()), float(exposure[middle:].sum())
    if e_old <= 0 or e_new <= 0:
        return BASE_DRIFT
    r_old, r_new = older / e_old, newer / e_new
    mean = (older + newer) / months
    change = ((r_new - r_old) / mean) ** 2
    noise = dispersion * (1 / (mean * e_old) + 1 / (mean * e_new))
    return float(max(BASE_DRIFT, (change - noise) / (months / 2)))


@dataclass(frozen=True)
class Outlook:
    mean: float  # expected count at the horizon
    low: int  # 10th percentile of the count at the horizon
    high: int  # 90th percentile
    probability: float  # P(count at the horizon >= threshold)


@lru_cache(maxsize=4096)
def _gains(f: Fit, horizon: float) -> np.ndarray:
    """DRAWS draws of the gain over `horizon` months (seeded: the same every time)."""
    rng = np.random.default_rng(SEED)
    if f.basis == "plan":
        # nothing counted yet: the planned pace, as uncertain as Jeffreys' shape makes it
        rate = rng.gamma(shape=PRIOR_SHAPE, scale=f.leads.plan_pace / PRIOR_SHAPE, size=DRAWS)
        mean = rate * horizon
    else:
        # the future pace is uncertain: the estimate's own error (quasi-likelihood with
        # Jeffreys' prior) plus a drift that grows with the horizon (see docs/FORECAST.md)
        shape = f.gain / f.dispersion + PRIOR_SHAPE
        cv2 = 1.0 / shape + f.drift * horizon
        scale = shape * f.dispersion / f.months * cv2
        mean = rng.gamma(shape=1.0 / cv2, scale=scale, size=DRAWS) * horizon
        if f.dispersion > 1.0:  # negative binomial: a gamma-mixed Poisson, variance d * mean
            mean = rng.gamma(shape=mean / (f.dispersion - 1.0), scale=f.dispersion - 1.0)
    out = rng.poisson(mean)
    if f.leads.waiting > 0:
        # the records waiting: any share of them, from none to all, enters by the deadline,
        # evenly over the months left; the gain is the larger of this and the pace's
        spread = min(1.0, horizon / f.leads.months_left) if f.leads.months_left > 0 else 1.0
        share = rng.uniform(size=DRAWS) * spread
        out = np.maximum(out, rng.binomial(f.leads.waiting, share))
    out.setflags(write=False)
    return out


def outlook(f: Fit, *, actual: int, threshold: int, horizon_days: int) -> Outlook:
    """The count `horizon_days` after the as-of date, from the count now and the fit."""
    if horizon_days <= 0 or (f.months <= 0 and f.basis != "plan"):
        return Outlook(float(actual), actual, actual, 1.0 if actual >= threshold else 0.0)
    horizon = horizon_days / DAYS_PER_MONTH
    gains = _gains(f, round(horizon, 6))
    draws = actual + gains
    low, high = np.quantile(draws, [(1 - LEVEL) / 2, (1 + LEVEL) / 2], method="inverted_cdf")
    # the expected gain: the pace times the months, or with records waiting the draws' mean
    gain = float(gains.mean()) if f.leads.waiting > 0 else f.expected_pace * horizon
    return Outlook(
        mean=actual + gain,
        low=int(low),
        high=int(high),
        probability=float((draws >= threshold).mean()),
    )


def quarter_ends(start: date, end: date) -> list[date]:
    """The quarter ends from `start` (inclusive) to `end` (exclusive)."""
    out = []
    for year in range(start.year, end.year + 1):
        for month in (3, 6, 9, 12):
            day = date(year, month, 31 if month in (3, 12) else 30)
            if start <= day < end:
                out.append(day)
    return out


def band_days(as_of: date, deadline: date) -> list[date]:
    """Days at which the chart draws the band: month ends between the as-of date and the
    deadline, thinned to at most BAND_POINTS, the deadline always last."""
    days = []
    year, month = as_of.year, as_of.month
    while True:
        end = date(year, month, calendar.monthrange(year, month)[1])
        if end >= deadline:
            break
        if end > as_of:
            days.append(end)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    step = max(1, -(-len(days) // (BAND_POINTS - 1)))
    return [*days[::-1][::step][::-1], deadline]


def band(f: Fit, *, actual: int, as_of: date, deadline: date) -> list[dict]:
    """The interval at the as-of date (the count itself) and at each of band_days."""
    rows = [{"day": as_of.isoformat(), "low": actual, "high": actual}]
    if as_of >= deadline:
        return []
    for day in band_days(as_of, deadline):
        o = outlook(f, actual=actual, threshold=0, horizon_days=(day - as_of).days)
        rows.append({"day": day.isoformat(), "low": o.low, "high": o.high})
    return rows


def status_of(probability: float) -> tuple[str, str]:
    """The status and its reason for a target not yet met whose deadline is ahead."""
    if probability >= ON_TRACK_FROM:
        return "on_track", "probability_high"
    if probability >= AT_RISK_FROM:
        return "at_risk", "probability_middle"
    return "off_track", "probability_low"


def window_elapsed(window_start: date, deadline: date, as_of: date) -> float:
    """The share of the counting window that has passed on the as-of date (its days, the
    as-of date included; 0 before the window opens)."""
    days = (deadline - window_start).days + 1
    return min(max((as_of - window_start).days + 1, 0) / days, 1.0) if days > 0 else 1.0


def status_without_forecast(elapsed: float) -> tuple[str, str]:
    """The status and its reason when there is no forecast (Fit.abstains), from the share of
    the window that has passed."""
    if elapsed < NOT_STARTED_UNTIL:
        return "not_started", "nothing_yet_early"
    return "off_track", "nothing_yet_late"
