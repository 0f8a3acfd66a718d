"""The engine's arithmetic on hand-computed cases: counts at the history's days in, pace,
forecast, interval, probability and status out (the status rule: docs/FORECAST.md)."""

from datetime import date

import pytest

from dashboard.progress import forecast as fc
from dashboard.progress.engine import TargetDefinition, compute, history_points, month_ends
from tests.test_forecast import TOL, _nb_at_least

T = TargetDefinition(
    "T2", "standardization_pilots", 100, "at_least", date(2024, 1, 1), date(2025, 12, 31)
)
AS_OF = date(2025, 6, 30)  # 184 days before the deadline


def _steady(now: int, per_month: int) -> list[int]:
    """Counts at the 13 month ends from 2024-06-30 to 2025-06-30, rising evenly to `now`."""
    return [now - per_month * (12 - i) for i in range(13)]


def test_history_is_twelve_month_ends_back():
    points = history_points(T, AS_OF)
    assert points[0] == date(2024, 6, 30) and points[-1] == AS_OF and len(points) == 13
    with pytest.raises(ValueError):
        compute(T, as_of=AS_OF, counts=[1, 2])


def test_hand_computed_pace_forecast_and_required_pace():
    p = compute(T, as_of=AS_OF, counts=_steady(60, 2))  # 36 a year ago, 2 a month
    months = 365 / (365.25 / 12)  # 2024-06-30 to 2025-06-30
    assert p.days_left == 184
    assert p.recent_monthly_pace == pytest.approx(24 / months, abs=0.01)
    # the expected pace adds Jeffreys' half record to the year's 24
    assert p.forecast == pytest.approx(60 + 24.5 / months * 184 / (365.25 / 12), abs=0.05)
    assert p.remaining == 40
    assert p.required_monthly_pace == pytest.approx(40 / (184 / (365.25 / 12)), abs=0.01)
    assert p.percent == 60.0
    assert p.forecast_low <= p.forecast <= p.forecast_high
    assert p.probability < 0.01 and p.status == "off_track"


def test_each_status_clause_from_a_hand_built_history():
    on = compute(T, as_of=AS_OF, counts=_steady(60, 10))  # about 120 expected
    assert on.probability >= fc.ON_TRACK_FROM and on.status == "on_track"
    assert on.status_reason == "probability_high"
    risk = compute(T, as_of=AS_OF, counts=_steady(60, 7))  # about 102 expected
    assert fc.AT_RISK_FROM <= risk.probability < fc.ON_TRACK_FROM
    assert (risk.status, risk.status_reason) == ("at_risk", "probability_middle")
    off = compute(T, as_of=AS_OF, counts=_steady(60, 4))  # about 84 expected
    assert off.probability < fc.AT_RISK_FROM
    assert (off.status, off.status_reason) == ("off_track", "probability_low")
    done = compute(T, as_of=AS_OF, counts=_steady(100, 5))
    assert (done.status, done.status_reason, done.probability) == (
        "achieved",
        "count_meets_target",
        1.0,
    )


def test_missed_after_deadline_and_forecast_frozen():
    # after the deadline the history ends at the deadline; the outcome is known
    points = history_points(T, date(2026, 3, 1))
    assert points[-1] == T.deadline
    p = compute(T, as_of=date(2026, 3, 1), counts=[90 - (12 - i) for i in range(13)])
    assert p.status == "missed"
    assert p.forecast == 90 and (p.forecast_low, p.forecast_high) == (90, 90)
    assert p.probability == 0.0
    assert p.days_left == 0
    assert p.required_monthly_pace is None
    assert p.forecast_band == []


def test_more_than_needs_one_more():
    t = TargetDefinition(
        "T3",
        "measurement_review_enterprises",
        200,
        "more_than",
        date(2024, 1, 1),
        date(2025, 12, 31),
    )
    as_of = date(2026, 1, 5)
    assert compute(t, as_of=as_of, counts=[150] * 12 + [200]).status == "missed"
    assert compute(t, as_of=as_of, counts=[150] * 12 + [201]).status == "achieved"


def test_nothing_counted_or_waiting_gives_no_forecast():
    p = compute(T, as_of=date(2024, 3, 1), counts=[0, 0, 0, 0])
    assert p.actual == 0 and p.recent_monthly_pace == 0 and p.waiting == 0
    # no chance, no interval, no band: the plan alone is not evidence
    assert p.forecast_basis == "none"
    assert (p.probability, p.forecast, p.forecast_low, p.forecast_high) == (None,) * 4
    assert p.forecast_band == []
    # the pace required is still given: 100 in the 670 days left
    assert p.required_monthly_pace == round(100 / (670 / (365.25 / 12)), 2)
    # 2024-03-01 is day 61 of the window's 731: under a quarter
    assert (p.status, p.status_reason) == ("not_started", "nothing_yet_early")
    assert p.as_dict()["probability"] is None


def test_the_status_without_a_forecast_follows_the_time_elapsed():
    # the window 2024-01-01 to 2025-12-31 has 731 days; a quarter is 182.75 of them
    last_early = compute(T, as_of=date(2024, 6, 30), counts=[0] * 7)  # day 182: 24.9%
    assert (last_early.status, last_early.status_reason) == ("not_started", "nothing_yet_early")
    first_late = compute(T, as_of=date(2024, 7, 1), counts=[0] * 8)  # day 183: 25.03%
    assert (first_late.status, first_late.status_reason) == ("off_track", "nothing_yet_late")
    assert first_late.probability is None
    late = compute(T, as_of=AS_OF, counts=[0] * 13)  # day 547: 74.8%
    assert (late.status, late.status_reason) == ("off_track", "nothing_yet_late")
    before = compute(T, as_of=date(2023, 12, 1), counts=[0])  # the window has not opened
    assert (before.status, before.forecast_basis) == ("not_started", "none")
    # once the deadline has passed it is the outcome, not an abstention
    after = compute(T, as_of=date(2026, 1, 5), counts=[0] * 13)
    assert (after.status, after.probability, after.forecast_basis) == ("missed", 0.0, "plan")


def test_records_waiting_with_nothing_counted_give_the_plans_chance():
    p = compute(T, as_of=date(2024, 3, 1), counts=[0, 0, 0, 0], waiting=50)
    assert p.forecast_basis == "plan" and p.waiting == 50 and p.probability is not None
    assert p.forecast_low is not None and p.forecast_band
    # the planned pace, 100 over the window's 731 days, for the 670 days left, with
    # Jeffreys' shape, and any share of the 50 waiting: at least 100 needs the pace's draw
    plan = 100 / (731 / (365.25 / 12))
    assert p.probability == pytest.approx(
        _nb_at_least(100, fc.PRIOR_SHAPE, plan * 670 / (365.25 / 12)), abs=TOL
    )
    assert p.status == "off_track" and p.status_reason == "probability_low"


def test_records_that_counted_and_left_are_no_abstention():
    # 3 pilots set up in February, gone (failed) by May: nothing counts now, but something did
    p = compute(T, as_of=date(2024, 6, 30), counts=[0, 0, 3, 3, 3, 0, 0])
    assert p.forecast_basis == "stalled" and p.probability is not None
    assert (p.status, p.status_reason) == ("off_track", "probability_low")


def test_records_waiting_lift_a_history_without_gains():
    still = [40] * 13  # 40 set up a year ago, none since
    alone = compute(T, as_of=AS_OF, counts=still)
    assert alone.forecast_basis == "stalled" and alone.probability == 0
    p = compute(T, as_of=AS_OF, counts=still, waiting=90)
    # 60 more needed by the deadline; any share of the 90 waiting from none to all
    assert p.waiting == 90 and p.probability == pytest.approx(31 / 91, abs=TOL)
    assert p.status == "off_track"
    more = compute(T, as_of=AS_OF, counts=still, waiting=400)
    assert more.probability == pytest.approx(341 / 401, abs=TOL)
    assert more.status == "on_track"


def test_history_shorter_than_a_year_at_the_start():
    # 5 counted in the window's first 11 days (1 to 11 January): 5/11 a day
    assert history_points(T, date(2024, 1, 11)) == [date(2023, 12, 31), date(2024, 1, 11)]
    p = compute(T, as_of=date(2024, 1, 11), counts=[0, 5])
    assert p.recent_monthly_pace == pytest.approx(5 / 11 * 365.25 / 12, abs=0.01)


def test_band_runs_from_the_count_to_the_interval_at_the_deadline():
    p = compute(T, as_of=AS_OF, counts=_steady(60, 7))
    assert p.forecast_band[0] == {"day": "2025-06-30", "low": 60, "high": 60}
    assert p.forecast_band[-1] == {
        "day": "2025-12-31",
        "low": p.forecast_low,
        "high": p.forecast_high,
    }


def test_month_ends():
    assert month_ends(date(2024, 11, 15), date(2025, 2, 10)) == [
        date(2024, 11, 30),
        date(2024, 12, 31),
        date(2025, 1, 31),
        date(2025, 2, 10),
    ]
    assert month_ends(date(2024, 1, 1), date(2024, 1, 31)) == [date(2024, 1, 31)]
