"""The plan-status measure's data source, kept apart so that it can be swapped on its own.

Work programme III(c) asks each region to "formulate a specific plan". The plans are the
`provincial_plan` records (dashboard.kinds.provincial_plan); their status on a day is read
there: issued when the plan's issue date is on or before the day, else drafting when the plan
had been recorded by then, else none. Should this function answer None, the measure is shown
with its rule as "not yet tracked" and adds nothing to any score.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

PLAN_STATUSES = ("none", "drafting", "issued")


def plan_status_by_province(session: Session, as_of: date) -> dict[str, str] | None:
    """Each province's plan status on `as_of`: "issued", "drafting" or "none"."""
    from dashboard.kinds.provincial_plan import plan_status_by_province as recorded

    return {code: status or "none" for code, status in recorded(session, as_of).items()}
