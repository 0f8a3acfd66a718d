"""Digest periods. A daily digest's period is its day, a weekly one's the ISO week of its
day (Monday to Sunday): the delivery record's unique key is (user, period), so a timer that
runs twice in a period sends nothing twice, and a weekly user gets one digest whichever day
of the week the timer first runs.

A digest reports what changed since the day of the user's last digest that was sent (so a
failed or missed day is covered by the next one), at most LOOKBACK_DAYS back; without one,
since one period before its day."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

PERIOD_DAYS = {"daily": 1, "weekly": 7}
LOOKBACK_DAYS = 31


def period_key(frequency: str, day: date) -> str:
    if frequency == "daily":
        return f"daily:{day.isoformat()}"
    if frequency == "weekly":
        year, week, _ = day.isocalendar()
        return f"weekly:{year}-W{week:02d}"
    raise ValueError(f"no digest period for frequency {frequency!r}")


def since(frequency: str, as_of: date, last_sent: date | None) -> date:
    """The day the digest compares with: what changed after it, up to `as_of`."""
    if last_sent is not None and as_of - timedelta(days=LOOKBACK_DAYS) <= last_sent < as_of:
        return last_sent
    return as_of - timedelta(days=PERIOD_DAYS[frequency])


def events_after(since_day: date, last_composed: datetime | None, zone) -> datetime:
    """Events (such as a returned submission) are reported when they happened after the
    previous digest was composed; without one, after the start of the day after `since`
    in the display zone."""
    if last_composed is not None:
        return last_composed
    start = datetime.combine(since_day + timedelta(days=1), time(0), tzinfo=zone)
    return start.astimezone(UTC)
