"""The provincial reporting calendar and timeliness.

Each province reports once a quarter, starting with the third quarter of 2024 (the action
plan was issued in July 2024). A quarter's report is due on the 15th day of the month after
the quarter ends. A quarter counts as reported on time when a submission of the province
that was not rejected by the validator arrived on or before the due date; accepted and
returned submissions both show the province reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
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


@dataclass
class ReportingFacts:
    """A province's submissions up to a day, aggregated (the database makes these with one
    GROUP BY; `facts_from_pairs` makes them from a list)."""

    first_by_month: dict[tuple[int, int], date] = field(default_factory=dict)  # not rejected
    by_status: dict[str, int] = field(default_factory=dict)
    last_report: datetime | None = None  # the latest submission that was not rejected


def facts_from_pairs(submissions: list[tuple[datetime, str]], as_of: date) -> ReportingFacts:
    facts = ReportingFacts()
    for stamp, status in submissions:
        if stamp.date() > as_of:
            continue
        facts.by_status[status] = facts.by_status.get(status, 0) + 1
        if status == "rejected":
            continue
        month = (stamp.year, stamp.month)
        if month not in facts.first_by_month or stamp.date() < facts.first_by_month[month]:
            facts.first_by_month[month] = stamp.date()
        if facts.last_report is None or stamp > facts.last_report:
            facts.last_report = stamp
    return facts


def timeliness(submissions: list[tuple[datetime, str]], as_of: date) -> Timeliness:
    """From a province's (submitted_at, status) pairs up to `as_of`."""
    return timeliness_from(facts_from_pairs(submissions, as_of), as_of)


def timeliness_from(facts: ReportingFacts, as_of: date) -> Timeliness:
    quarters = quarters_due(as_of)
    first_per_quarter: dict[Quarter, date] = {}
    for (year, month), first in facts.first_by_month.items():
        quarter = quarter_of(date(year, month, 1))
        if quarter not in first_per_quarter or first < first_per_quarter[quarter]:
            first_per_quarter[quarter] = first
    on_time = sum(1 for q in quarters if q in first_per_quarter and first_per_quarter[q] <= q.due)
    late = sum(1 for q in quarters if q in first_per_quarter and first_per_quarter[q] > q.due)
    last = facts.last_report
    return Timeliness(
        due=len(quarters),
        on_time=on_time,
        late=late,
        missing=len(quarters) - on_time - late,
        accepted=facts.by_status.get("accepted", 0),
        returned=facts.by_status.get("returned", 0),
        rejected=facts.by_status.get("rejected", 0),
        last_report=last,
        days_since_last=(as_of - last.date()).days if last else None,
    )
