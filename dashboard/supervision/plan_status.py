"""The plan-status measure's data source, kept apart so that it can be wired on its own.

Work programme III(c) asks each region to "formulate a specific plan". This version of the
tracker has no record of provincial implementation plans, so the measure is shown with its
rule and marked "not yet tracked", and it adds nothing to any province's score.

To wire it: make `plan_status_by_province` return, for every province code, the status of its
plan on `as_of` ("issued", "drafting", or "none" when the province has no plan record), read
from the provincial-plan records. `rules.plan_points` and the sheets do the rest.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

PLAN_STATUSES = ("none", "drafting", "issued")


def plan_status_by_province(session: Session, as_of: date) -> dict[str, str] | None:
    """Each province's plan status on `as_of`, or None while the tracker keeps no
    provincial-plan records (the measure is then "not yet tracked")."""
    return None
