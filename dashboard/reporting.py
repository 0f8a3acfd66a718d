"""The provincial reporting calendar and timeliness.

Each province reports once a quarter, starting with the third quarter of 2024 (the action
plan was issued in July 2024). A quarter's report is due on the 15th day of the month after
the quarter ends. A quarter counts as reported on time when a submission of the province
that was not rejected by the validator arrived on or before the due date; accepted and
returned submissions both show the province reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

FIRST_QUARTER = (2024, 3)
DUE_DAY = 15


@dataclass(frozen=True)
class Quarter:
    year: int
    q: int

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.q - 2, 1)

    @property
    def due(self) -> date:
        month = 3 * self.q + 1
        year = self.year + (month > 12)
        return date(year, (month - 1) % 12 + 1, DUE_DAY)

    def label(self) -> str:
        return f"{self.year}Q{self.q}"


def quarters_due(as_of: date) -> list[Quarter]:
    """Quarters whose report was due on or before `as_of`."""
    out = []
    year, q = FIRST_QUARTER
    while True:
        quarter = Quarter(year, q)
        if quarter.due > as_of:
            return out
        out.append(quarter)
        year, q = (year + 1, 1) if q == 4 else (year, q + 1)


def quarter_of(day: date) -> Quarter:
    """The quarter a submission made on `day` reports on: a quarter's window opens on the
    first day of its last month and closes when the next quarter's window opens (Q3 2024:
    1 September to 30 November 2024; due 15 October)."""
    index = day.year * 12 + (day.month - 1) - 2
    year, month0 = divmod(index, 12)
    return Quarter(year, month0 // 3 + 1)


@dataclass(frozen=True)
class Timeliness:
    due: int
    on_time: int
    late: int
    missing: int
    accepted: int
    returned: int
    rejected: int
    last_report: datetime | None
    days_since_last: int | None

    @property
    def on_time_share(self) -> float | None:
        return round(100.0 * self.on_time / self.due, 1) if self.due else None


def timeliness(submissions: list[tuple[datetime, str]], as_of: date) -> Timeliness:
    """From a province's (submitted_at, status) pairs up to `as_of`."""
    subs = [(s, st) for s, st in submissions if s.date() <= as_of]
    quarters = quarters_due(as_of)
    first_per_quarter: dict[Quarter, date] = {}
    for stamp, status in sorted(subs):
        if status == "rejected":
            continue
        quarter = quarter_of(stamp.date())
        first_per_quarter.setdefault(quarter, stamp.date())
    on_time = sum(1 for q in quarters if q in first_per_quarter and first_per_quarter[q] <= q.due)
    late = sum(1 for q in quarters if q in first_per_quarter and first_per_quarter[q] > q.due)
    last = max((s for s, st in subs if st != "rejected"), default=None)
    return Timeliness(
        due=len(quarters),
        on_time=on_time,
        late=late,
        missing=len(quarters) - on_time - late,
        accepted=sum(1 for _, st in subs if st == "accepted"),
        returned=sum(1 for _, st in subs if st == "returned"),
        rejected=sum(1 for _, st in subs if st == "rejected"),
        last_report=last,
        days_since_last=(as_of - last.date()).days if last else None,
    )
