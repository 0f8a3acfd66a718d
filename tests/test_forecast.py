"""The forecast model on hand-built monthly histories (dashboard.progress.forecast)."""

import itertools
import math
from datetime import date

import numpy as np
import pytest

from dashboard.progress import forecast as fc

AS_OF = date(2025, 6, 30)
POINTS = fc.history_points(date(2024, 1, 1), AS_OF)


def _counts(gains: list[int], start: int = 0) -> list[int]:
    return [start, *(start + int(g) for g in np.cumsum(gains))]


def test_history_points_are_month_ends_back_twelve_months():
    assert POINTS[0] == date(2024, 6, 30) and POINTS[-1] == AS_OF
    assert POINTS[1:4] == [date(2024, 7, 31), date(2024, 8, 31), date(2024, 9, 30)]
    assert len(POINTS) == 13


def test_history_points_mid_month_and_clamped_at_the_window():
    assert fc.history_points(date(2024, 1, 1), date(2024, 3, 31)) == [
        date(2023, 12, 31),  # the day before the window opened: the count is 0 there
        date(2024, 1, 31),
        date(2024, 2, 29),
        date(2024, 3, 31),
    ]
    assert fc.history_points(date(2020, 1, 1), date(2025, 3, 15))[:2] == [
        date(2024, 3, 15),
        date(2024, 4, 15),
    ]
    assert fc.history_points(date(2024, 1, 1), date(2023, 12, 1)) == [date(2023, 12, 1)]


def test_fit_pace_and_dispersion_by_hand():
    steady = fc.fit(POINTS, _counts([4] * 12))
    assert steady.gain == 48
    assert steady.months == pytest.approx(365 / (365.25 / 12))
    assert steady.pace == pytest.approx(48 / steady.months)
    assert steady.dispersion == 1.0  # less variable than Poisson: held at 1
    assert steady.drift == fc.BASE_DRIFT  # the same pace in both halves
    batches = fc.fit(POINTS, _counts([0, 0, 24, 0, 0, 0, 0, 24, 0, 0, 0, 0]))
    assert batches.dispersion > 10  # two batches of 24 are far more variable than Poisson
    ramp = fc.fit(POINTS, _counts([0, 0, 0, 0, 0, 0, 8, 8, 8, 8, 8, 8]))
    assert ramp.drift > 0.1  # from nothing to 8 a month: the pace changes fast
    exits = fc.fit(POINTS, _counts([3, -5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], start=10))
    assert exits.gain == 0 and exits.pace == 0  # net loss: no pace


def test_no_gains_and_short_gives_probability_zero_and_a_narrow_interval():
    f = fc.fit(POINTS, _counts([0] * 12, start=30))
    o = fc.outlook(f, actual=30, threshold=100, horizon_days=184)
    assert o.probability == 0.0
    # Jeffreys' prior: half a record over the year, so the 90th percentile may be one more
    assert o.low == 30 and o.high <= 31
    assert o.mean == pytest.approx(30 + 0.5 / f.months * 184 / fc.DAYS_PER_MONTH)
    near = fc.outlook(f, actual=30, threshold=40, horizon_days=184)
    assert near.probability < 0.001
    met = fc.outlook(f, actual=30, threshold=30, horizon_days=184)
    assert met.probability == 1.0


def test_steady_high_gains_give_probability_near_one():
    f = fc.fit(POINTS, _counts([10] * 12, start=40))  # 160 now, about 60 more by December
    o = fc.outlook(f, actual=160, threshold=190, horizon_days=184)  # twice the pace needed
    assert o.probability > 0.99
    assert o.low < o.mean < o.high
    assert o.low > 190


def test_slow_gains_give_probability_near_zero():
    f = fc.fit(POINTS, _counts([1] * 12, start=40))
    o = fc.outlook(f, actual=52, threshold=100, horizon_days=184)
    assert o.probability < 0.01


def test_the_same_history_gives_the_same_figures():
    f = fc.fit(POINTS, _counts([0, 3, 1, 7, 2, 0, 4, 5, 1, 0, 2, 6], start=5))
    first = fc.outlook(f, actual=36, threshold=60, horizon_days=200)
    fc._gains.cache_clear()
    assert fc.outlook(f, actual=36, threshold=60, horizon_days=200) == first


def _simulate(rate: float, dispersion: float, horizon_days: int, reps: int, seed: int):
    """Histories drawn from a known process; the forecast's interval and probability
    against the truth drawn from the same process."""
    rng = np.random.default_rng(seed)

    def draw(mean: float) -> int:
        if dispersion > 1:
            mean = rng.gamma(mean / (dispersion - 1), dispersion - 1)
        return int(rng.poisson(mean))

    horizon = horizon_days / fc.DAYS_PER_MONTH
    covered, probs, hits = 0, [], []
    for _ in range(reps):
        months = [(b - a).days / fc.DAYS_PER_MONTH for a, b in itertools.pairwise(POINTS)]
        gains = [draw(rate * m) for m in months]
        counts = _counts(gains, start=50)
        f = fc.fit(POINTS, counts)
        actual = counts[-1]
        threshold = actual + round(rate * horizon)
        o = fc.outlook(f, actual=actual, threshold=threshold, horizon_days=horizon_days)
        truth = actual + draw(rate * horizon)
        covered += o.low <= truth <= o.high
        probs.append(o.probability)
        hits.append(truth >= threshold)
    return covered / reps, float(np.mean(probs)), float(np.mean(hits))


@pytest.mark.parametrize(("rate", "dispersion"), [(3.0, 1.0), (10.0, 2.0)])
def test_interval_holds_the_truth_at_about_the_nominal_rate(rate, dispersion):
    coverage, mean_probability, frequency = _simulate(rate, dispersion, 184, 300, seed=7)
    assert 0.72 <= coverage <= 0.90  # nominal 0.80; 300 draws: +-0.05 is two standard errors
    assert abs(mean_probability - frequency) < 0.1  # the probability means something


# --- what the forecast reads besides the history (docs/FORECAST.md, "Leads") -------------
# Each probability is computed here from the distribution the clause states, independently
# of the draws; 10,000 draws put the model's share within 0.015 of it (three standard errors).
TOL = 0.015


def _nb_at_least(k: int, shape: float, mean: float) -> float:
    """P(X >= k) for a negative binomial (a gamma-mixed Poisson) with this shape and mean."""
    p = shape / (shape + mean)
    below = sum(
        math.exp(
            math.lgamma(j + shape)
            - math.lgamma(shape)
            - math.lgamma(j + 1)
            + shape * math.log(p)
            + j * math.log1p(-p)
        )
        for j in range(k)
    )
    return 1.0 - below


def _waiting_at_least(k: int, n: int, spread: float) -> float:
    """P(Binomial(n, U * spread) >= k) with U uniform on [0, 1]: the share of the n records
    waiting that enter by the horizon (midpoint rule over U)."""
    grid = (np.arange(4000) + 0.5) / 4000
    return float(
        np.mean(
            [
                sum(
                    math.comb(n, j) * (u * spread) ** j * (1 - u * spread) ** (n - j)
                    for j in range(k, n + 1)
                )
                for u in grid
            ]
        )
    )


def test_nothing_counted_yet_rests_on_the_planned_pace():
    # the window opened on 1 January 2024; nothing counted by 29 February; 100 due by the
    # end of 2025: the planned pace is 100 over the window's 731 days
    points = fc.history_points(date(2024, 1, 1), date(2024, 2, 29))
    lead = fc.leads(
        window_start=date(2024, 1, 1),
        deadline=date(2025, 12, 31),
        threshold=100,
        as_of=date(2024, 2, 29),
    )
    assert lead.plan_pace == pytest.approx(100 / (731 / fc.DAYS_PER_MONTH))
    f = fc.fit(points, [0, 0, 0], lead)
    assert f.basis == "plan" and f.expected_pace == lead.plan_pace
    horizon = (date(2025, 12, 31) - date(2024, 2, 29)).days
    o = fc.outlook(f, actual=0, threshold=100, horizon_days=horizon)
    months = horizon / fc.DAYS_PER_MONTH
    # the pace is gamma with Jeffreys' shape 1/2 about the plan: the gain is negative binomial
    assert o.probability == pytest.approx(
        _nb_at_least(100, fc.PRIOR_SHAPE, lead.plan_pace * months), abs=TOL
    )
    assert 0.2 < o.probability < fc.AT_RISK_FROM  # neither certain failure nor a promise
    assert o.mean == pytest.approx(lead.plan_pace * months)
    assert o.low <= 2 and o.high > 150  # the data cannot confirm the plan yet: a wide range
    # a record counted before (none since) is a stalled history, not an unstarted one
    assert fc.fit(points, [0, 1, 1], lead).basis == "pace"
    assert fc.fit(POINTS, _counts([0] * 12, start=5), lead).basis == "stalled"
    assert fc.fit(points, [0, 1, 0], lead).basis == "stalled"  # counted, then left
    # with nothing waiting either, the engine gives no forecast (the chance above is the
    # plan's alone); one record waiting is evidence enough to give it
    assert f.abstains
    assert not fc.fit(points, [0, 0, 0], fc.Leads(1, lead.plan_pace, lead.months_left)).abstains
    assert not fc.fit(points, [0, 1, 0], lead).abstains


def test_the_status_without_a_forecast_and_the_share_of_the_window():
    start, deadline = date(2024, 1, 1), date(2025, 12, 31)  # 731 days
    assert fc.window_elapsed(start, deadline, date(2024, 1, 1)) == pytest.approx(1 / 731)
    assert fc.window_elapsed(start, deadline, date(2024, 6, 30)) == pytest.approx(182 / 731)
    assert fc.window_elapsed(start, deadline, date(2023, 6, 30)) == 0.0
    assert fc.window_elapsed(start, deadline, date(2026, 6, 30)) == 1.0
    assert fc.status_without_forecast(0.0) == ("not_started", "nothing_yet_early")
    assert fc.status_without_forecast(0.2499) == ("not_started", "nothing_yet_early")
    assert fc.status_without_forecast(0.25) == ("off_track", "nothing_yet_late")
    assert fc.status_without_forecast(1.0) == ("off_track", "nothing_yet_late")


def test_zero_recent_gains_with_records_waiting():
    f0 = fc.fit(POINTS, _counts([0] * 12, start=30))  # nothing counted over the year
    lead = fc.Leads(waiting=60, plan_pace=100 / 24, months_left=184 / fc.DAYS_PER_MONTH)
    f = fc.fit(POINTS, _counts([0] * 12, start=30), lead)
    alone = fc.outlook(f0, actual=30, threshold=70, horizon_days=184)
    o = fc.outlook(f, actual=30, threshold=70, horizon_days=184)
    assert alone.probability == 0.0
    # any share of the 60 from none to all, by the deadline: each of 0..60 equally likely,
    # so 40 or more with probability 21/61
    assert o.probability == pytest.approx(21 / 61, abs=TOL)
    assert o.probability > 0.3  # the floor the waiting records give
    # its 10th and 90th percentiles: 6 and 54 of them (one either way for the draws)
    assert 35 <= o.low <= 37 and 83 <= o.high <= 85
    # half way to the deadline the share is spread over half the time
    half = fc.outlook(f, actual=30, threshold=50, horizon_days=92)
    assert half.probability == pytest.approx(_waiting_at_least(20, 60, 92 / 184), abs=TOL)
    assert o.mean == pytest.approx(60, abs=0.5)  # half of them expected by the deadline


def test_the_pace_and_the_waiting_records_give_the_larger_gain():
    lead = fc.Leads(waiting=30, plan_pace=0.0, months_left=184 / fc.DAYS_PER_MONTH)
    gains = [3, 5, 2, 6, 4, 3, 5, 2, 4, 6, 3, 5]
    pace = fc.outlook(fc.fit(POINTS, _counts(gains)), actual=48, threshold=75, horizon_days=184)
    both = fc.outlook(
        fc.fit(POINTS, _counts(gains), lead), actual=48, threshold=75, horizon_days=184
    )
    # independent draws: short only when both the pace's gain and the waiting records' are
    expected = 1 - (1 - pace.probability) * (1 - _waiting_at_least(27, 30, 1.0))
    assert both.probability == pytest.approx(expected, abs=TOL)
    assert both.probability > pace.probability


def test_overdispersion_grows_with_the_horizon():
    f = fc.fit(POINTS, _counts([3, 5, 2, 6, 4, 3, 5, 2, 4, 6, 3, 5]))
    ratios = []
    for months in (3, 6, 12, 24, 36):
        o = fc.outlook(f, actual=48, threshold=0, horizon_days=round(months * fc.DAYS_PER_MONTH))
        ratios.append((o.high - o.low) / math.sqrt(o.mean - 48))
    # a Poisson count's 80% interval is about 2 x 1.28 standard deviations wide at any
    # horizon; the pace's own error and its drift widen it more the further ahead
    assert ratios == sorted(ratios) and ratios[0] > 2 * 1.28
    assert ratios[-1] > 2.5 * ratios[0]


def test_status_rule_clauses():
    assert fc.status_of(0.8) == ("on_track", "probability_high")
    assert fc.status_of(0.95) == ("on_track", "probability_high")
    assert fc.status_of(0.7999) == ("at_risk", "probability_middle")
    assert fc.status_of(0.4) == ("at_risk", "probability_middle")
    assert fc.status_of(0.3999) == ("off_track", "probability_low")
    assert fc.status_of(0.0) == ("off_track", "probability_low")


def test_band_widens_to_the_interval_at_the_deadline():
    f = fc.fit(POINTS, _counts([0, 3, 1, 7, 2, 0, 4, 5, 1, 0, 2, 6], start=5))
    rows = fc.band(f, actual=36, as_of=AS_OF, deadline=date(2025, 12, 31))
    assert rows[0] == {"day": "2025-06-30", "low": 36, "high": 36}
    assert [r["day"] for r in rows[1:]] == [
        "2025-07-31",
        "2025-08-31",
        "2025-09-30",
        "2025-10-31",
        "2025-11-30",
        "2025-12-31",
    ]
    widths = [r["high"] - r["low"] for r in rows]
    assert widths == sorted(widths) and widths[-1] > 0
    at_deadline = fc.outlook(f, actual=36, threshold=0, horizon_days=184)
    assert (rows[-1]["low"], rows[-1]["high"]) == (at_deadline.low, at_deadline.high)
    assert fc.band(f, actual=36, as_of=date(2026, 1, 5), deadline=date(2025, 12, 31)) == []


def test_band_is_thinned_for_a_far_deadline():
    days = fc.band_days(date(2025, 6, 30), date(2030, 12, 31))
    assert len(days) <= fc.BAND_POINTS and days[-1] == date(2030, 12, 31)
