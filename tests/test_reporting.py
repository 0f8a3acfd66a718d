from datetime import UTC, date, datetime

from dashboard.reporting import Quarter, quarter_of, quarters_due, timeliness


def test_calendar():
    assert Quarter(2024, 3).due == date(2024, 10, 15)
    assert Quarter(2024, 4).due == date(2025, 1, 15)
    assert quarters_due(date(2024, 10, 14)) == []
    assert [q.label() for q in quarters_due(date(2025, 1, 15))] == ["2024Q3", "2024Q4"]


def test_quarter_windows():
    assert quarter_of(date(2024, 9, 1)) == Quarter(2024, 3)
    assert quarter_of(date(2024, 11, 30)) == Quarter(2024, 3)
    assert quarter_of(date(2024, 12, 1)) == Quarter(2024, 4)
    assert quarter_of(date(2025, 1, 10)) == Quarter(2024, 4)


def _at(y, m, d):
    return datetime(y, m, d, 10, tzinfo=UTC)


def test_timeliness_counts_on_time_late_missing():
    subs = [
        (_at(2024, 10, 10), "accepted"),  # Q3 on time
        (_at(2024, 10, 12), "returned"),  # Q3 again: the first one counts
        (_at(2025, 1, 20), "accepted"),  # Q4 late
        (_at(2025, 4, 1), "rejected"),  # Q1 2025: a rejected file is not a report
    ]
    tl = timeliness(subs, date(2025, 4, 20))
    assert (tl.due, tl.on_time, tl.late, tl.missing) == (3, 1, 1, 1)
    assert tl.on_time_share == 33.3
    assert (tl.accepted, tl.returned, tl.rejected) == (2, 1, 1)
    assert tl.days_since_last == (date(2025, 4, 20) - date(2025, 1, 20)).days


def test_timeliness_ignores_later_submissions_and_empty():
    tl = timeliness([(_at(2025, 1, 20), "accepted")], date(2024, 12, 31))
    assert tl.last_report is None and tl.on_time_share == 0.0
    assert timeliness([], date(2024, 1, 1)).on_time_share is None
