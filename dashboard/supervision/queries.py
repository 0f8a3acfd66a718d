"""The records behind the supervision measures, read in SQL as of a day.

Histories are read as the counting rules read them (docs/PROGRAMMES.md): a record's state on
day D is its latest effective history entry on or before D (the latest by date, then by id;
an entry that a correction replaces is not effective). Submissions are read by their times:
a submission counts on day D when it arrived before the end of D (UTC, as the reporting
figures count), a return when it was decided before the end of D.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import and_, func, null, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from dashboard.kinds import by_record_type
from dashboard.kinds.energy_measurement_review import EnergyMeasurementReview
from dashboard.kinds.zero_carbon_park import ZeroCarbonParkPilot
from dashboard.models import MeasurementReview, Pilot, Submission
from dashboard.models.common import as_utc, table_of
from dashboard.vocab import PILOT_SET_UP_STAGES

# (model, code, name, the stages whose first day is read: only pilots' set-up date is used);
# the history each is read from is the one its kind describes (dashboard.kinds)
RECORDS = {
    "pilot": (Pilot, Pilot.code, Pilot.name, PILOT_SET_UP_STAGES),
    "measurement_review": (
        MeasurementReview,
        MeasurementReview.uscc,
        MeasurementReview.enterprise_name,
        None,
    ),
    "zero_carbon_park": (
        ZeroCarbonParkPilot,
        ZeroCarbonParkPilot.park_name,
        ZeroCarbonParkPilot.park_name,
        None,
    ),
    "energy_measurement_review": (
        EnergyMeasurementReview,
        EnergyMeasurementReview.uscc,
        EnergyMeasurementReview.unit_name,
        None,
    ),
}


def _history(record_type: str):
    """(history table, owner column, state column, day column) of the record type's kind."""
    kind = by_record_type(record_type)
    if kind is None or kind.history is None:
        raise KeyError(record_type)
    h = kind.history
    table = table_of(h.model)
    return table, table.c[h.owner], table.c[h.state], table.c[h.day]


@dataclass(frozen=True)
class RecordState:
    """A pilot, park or review on the day: its state, the date of its latest entry, and (pilots)
    the first day it reached a set-up stage (approved or later)."""

    record_type: str
    record_id: int
    province_code: str
    code: str
    name: str
    state: str
    state_date: date
    set_up_since: date | None


def end_of(day: date) -> datetime:
    """The first moment after `day` (UTC)."""
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=UTC)


def record_states(
    session: Session, record_type: str, day: date, provinces: list[str] | None = None
) -> list[RecordState]:
    """Every record of the type that has a history entry on or before `day`, with its state.

    The latest entry is found with two grouped maxima (the day, then the id on that day)
    rather than a window over every entry: at national scale (450,000 entries) that is the
    difference between seconds and a fraction of one."""
    model, code_col, name_col, set_up = RECORDS[record_type]
    h, owner, state, when = _history(record_type)
    corrected = select(h.c.corrects_id).where(h.c.corrects_id.is_not(None))
    effective = [when <= day, h.c.id.not_in(corrected)]
    if provinces is not None:
        effective.append(owner.in_(select(model.id).where(model.province_code.in_(provinces))))
    last_day = (
        select(owner.label("owner_id"), func.max(when).label("day"))
        .where(*effective)
        .group_by(owner)
        .subquery()
    )
    last_id = (
        select(owner.label("owner_id"), func.max(h.c.id).label("entry_id"))
        .join(last_day, and_(last_day.c.owner_id == owner, last_day.c.day == when))
        .where(*effective)
        .group_by(owner)
        .subquery()
    )
    since = (
        select(owner.label("owner_id"), func.min(when).label("since"))
        .where(*effective, state.in_(sorted(set_up or ())))
        .group_by(owner)
        .subquery()
    )
    latest = h.alias("latest")
    stmt = (
        select(
            model.id,
            model.province_code,
            code_col,
            name_col,
            latest.c[state.key],
            latest.c[when.key],
            since.c.since if set_up else null(),
        )
        .join(last_id, last_id.c.owner_id == model.id)
        .join(latest, latest.c.id == last_id.c.entry_id)
        .order_by(model.province_code, code_col)
    )
    if set_up:
        stmt = stmt.outerjoin(since, since.c.owner_id == model.id)
    if provinces is not None:
        stmt = stmt.where(model.province_code.in_(provinces))
    return [
        RecordState(record_type, rid, prov, code, name, st, st_day, first)
        for rid, prov, code, name, st, st_day, first in session.execute(stmt).all()
    ]


@dataclass(frozen=True)
class OpenReturn:
    """A submission returned on or before the day that the province had not yet resubmitted."""

    submission_id: int
    province_code: str
    filename: str
    kind: str | None
    submitted_at: datetime
    returned_at: datetime
    comment: str | None


def open_returns(
    session: Session, day: date, provinces: list[str] | None = None
) -> list[OpenReturn]:
    """Submissions returned before the end of `day` with no later submission of the same
    province and kind, arrived after the return and before the end of `day`, that the
    validator did not reject."""
    cutoff = end_of(day)
    s, later = Submission, aliased(Submission)
    resubmitted = (
        select(later.id)
        .where(
            later.province_code == s.province_code,
            func.coalesce(later.kind, "") == func.coalesce(s.kind, ""),
            later.id != s.id,
            later.submitted_at > s.decided_at,
            later.submitted_at < cutoff,
            later.status.not_in(("processing", "rejected")),
        )
        .exists()
    )
    stmt = (
        select(
            s.id,
            s.province_code,
            s.filename,
            s.kind,
            s.submitted_at,
            s.decided_at,
            s.decision_comment,
        )
        .where(
            s.status == "returned",
            s.province_code.is_not(None),
            s.decided_at.is_not(None),
            s.decided_at < cutoff,
            ~resubmitted,
        )
        .order_by(s.province_code, s.decided_at, s.id)
    )
    if provinces is not None:
        stmt = stmt.where(s.province_code.in_(provinces))
    return [
        OpenReturn(sid, prov, name, kind, as_utc(at), as_utc(decided), comment)
        for sid, prov, name, kind, at, decided, comment in session.execute(stmt).all()
    ]
