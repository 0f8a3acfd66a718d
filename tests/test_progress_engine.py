"""The engine's arithmetic on hand-computed cases."""

from datetime import date

import pytest

from dashboard.progress.engine import TargetDefinition, compute, month_ends

T = TargetDefinition(
    "T2", "standardization_pilots", 100, "at_least", date(2024, 1, 1), date(2025, 12, 31)
)


def test_on_track_with_hand_computed_pace_and_forecast():
    # 60 now, 42 ninety days ago: 18 in 90 days = 0.2 a day.
    p = compute(T, as_of=date(2025, 6, 30), actual=60, actual_at_recent_start=42)
    assert p.days_left == 184
    assert p.forecast == pytest.approx(60 + 0.2 * 184, abs=0.05)  # 96.8
    assert p.status == "at_risk"  # 96.8 < 100 but >= 85
    assert p.remaining == 40
    # 40 remaining over 184 days = 6.05 months -> 6.61 a month
    assert p.required_monthly_pace == pytest.approx(40 / (184 / (365.25 / 12)), abs=0.01)
    assert p.recent_monthly_pace == pytest.approx(0.2 * 365.25 / 12, abs=0.01)
    assert p.percent == 60.0


def test_on_track_and_off_track_and_achieved():
    assert (
        compute(T, as_of=date(2025, 6, 30), actual=60, actual_at_recent_start=30).status
        == "on_track"
    )
    assert (
        compute(T, as_of=date(2025, 6, 30), actual=20, actual_at_recent_start=19).status
        == "off_track"
    )
    assert (
        compute(T, as_of=date(2025, 6, 30), actual=100, actual_at_recent_start=90).status
        == "achieved"
    )


def test_missed_after_deadline_and_forecast_frozen():
    p = compute(T, as_of=date(2026, 3, 1), actual=90, actual_at_recent_start=80)
    assert p.status == "missed"
    assert p.forecast == 90
    assert p.days_left == 0
    assert p.required_monthly_pace is None


def test_more_than_needs_one_more():
    t = TargetDefinition(
        "T3",
        "measurement_review_enterprises",
        200,
        "more_than",
        date(2024, 1, 1),
        date(2025, 12, 31),
    )
    assert (
        compute(t, as_of=date(2026, 1, 5), actual=200, actual_at_recent_start=150).status
        == "missed"
    )
    assert (
        compute(t, as_of=date(2026, 1, 5), actual=201, actual_at_recent_start=150).status
        == "achieved"
    )


def test_empty_data():
    p = compute(T, as_of=date(2024, 3, 1), actual=0, actual_at_recent_start=0)
    assert p.actual == 0 and p.forecast == 0 and p.status == "off_track"
    assert p.recent_monthly_pace == 0


def test_recent_window_shorter_than_90_days_at_start():
    # 10 days after the window opened, 5 counted: 0.5 a day.
    p = compute(T, as_of=date(2024, 1, 11), actual=5, actual_at_recent_start=0)
    assert p.recent_monthly_pace == pytest.approx(0.5 * 365.25 / 12, abs=0.01)


def test_month_ends():
    assert month_ends(date(2024, 11, 15), date(2025, 2, 10)) == [
        date(2024, 11, 30),
        date(2024, 12, 31),
        date(2025, 1, 31),
        date(2025, 2, 10),
    ]
    assert month_ends(date(2024, 1, 1), date(2024, 1, 31)) == [date(2024, 1, 31)]
