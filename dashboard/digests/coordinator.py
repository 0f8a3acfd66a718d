"""What a provincial coordinator's digest says: their next quarterly report and when it is
due (the 15th rule, dashboard/reporting.py), the submissions returned to them since the last
digest with the reviewer's comment, and their pilots due for the mid-term evaluation.

Mid-term evaluation (no clause of the seeds fixes when it falls): a pilot is due for it
MIDTERM_AFTER_MONTHS after it was approved (set up) while it is still approved or under
construction; the digest lists those whose date falls within REMINDER_DAYS of its day, or
has passed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, func, select

from dashboard.i18n import local_time
from dashboard.models import Pilot, PilotStage, Province
from dashboard.models.common import as_utc
from dashboard.permissions import Actor, authorize
from dashboard.reporting import FIRST_QUARTER, Quarter, quarter_of, quarters_due
from dashboard.submissions.review import history

MIDTERM_AFTER_MONTHS = 12
REMINDER_DAYS = 30
MIDTERM_BEFORE = ("approved", "under_construction")
MAX_LISTED = 50


@dataclass(frozen=True)
class ReportDue:
    quarter: str  # "2026Q4"
    due: date
    days_left: int
    received_on: date | None  # the first report for that quarter, if one came in
    previous: str | None  # the quarter before it, when its report never arrived
    previous_due: date | None


@dataclass(frozen=True)
class ReturnedSubmission:
    id: int
    filename: str
    submitted_at: datetime
    decided_by: str | None
    decided_at: datetime | None
    comment: str


@dataclass(frozen=True)
class MidtermDue:
    code: str
    name: str
    stage: str
    approved_on: date
    due_on: date


@dataclass(frozen=True)
class CoordinatorDigest:
    as_of: date
    since: date
    province_code: str
    province_zh: str
    province_en: str
    report: ReportDue
    returned: list[ReturnedSubmission]
    midterm: list[MidtermDue]
    midterm_total: int
    chart_target: str | None


def _next(q: Quarter) -> Quarter:
    return Quarter(q.year + 1, 1) if q.q == 4 else Quarter(q.year, q.q + 1)


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month0 = divmod(index, 12)
    for d in (day.day, 30, 29, 28):  # 31 January + 1 month: the last day of February
        try:
            return date(year, month0 + 1, d)
        except ValueError:
            continue
    raise ValueError(day)


def report_due(submissions: list, as_of: date) -> ReportDue:
    """The next report due on or after `as_of`, from the province's submissions
    (summaries with submitted_at and status)."""
    done = quarters_due(as_of)
    last = done[-1] if done else None
    upcoming = _next(last) if last else Quarter(*FIRST_QUARTER)
    if last is not None and last.due == as_of:  # due today: still the one to send
        upcoming, last = last, (done[-2] if len(done) > 1 else None)
    firsts: dict[Quarter, date] = {}
    for s in submissions:
        day = local_time(s.submitted_at).date()
        if s.status in {"rejected", "processing"} or day > as_of:
            continue
        q = quarter_of(day)
        firsts[q] = min(day, firsts.get(q, day))
    missing = last is not None and last not in firsts
    return ReportDue(
        quarter=upcoming.label(),
        due=upcoming.due,
        days_left=(upcoming.due - as_of).days,
        received_on=firsts.get(upcoming),
        previous=last.label() if missing else None,
        previous_due=last.due if missing else None,
    )


def midterm_due(session: Session, province: str, as_of: date) -> list[MidtermDue]:
    superseded = select(PilotStage.corrects_id).where(PilotStage.corrects_id.is_not(None))
    approved = (
        select(PilotStage.pilot_id, func.min(PilotStage.stage_date).label("on"))
        .where(PilotStage.stage == "approved", PilotStage.id.not_in(superseded))
        .group_by(PilotStage.pilot_id)
        .subquery()
    )
    rows = session.execute(
        select(Pilot.code, Pilot.name, Pilot.current_stage, approved.c.on)
        .join(approved, approved.c.pilot_id == Pilot.id)
        .where(Pilot.province_code == province, Pilot.current_stage.in_(MIDTERM_BEFORE))
        .order_by(approved.c.on, Pilot.code)
    ).all()
    out = []
    for code, name, stage, on in rows:
        due = add_months(on, MIDTERM_AFTER_MONTHS)
        if (due - as_of).days <= REMINDER_DAYS:
            out.append(MidtermDue(code, name, stage, on, due))
    return out


def coordinator_digest(
    session: Session,
    *,
    actor: Actor,
    as_of: date,
    since: date,
    returned_after: datetime,
    chart_target: str | None,
) -> CoordinatorDigest:
    """`returned_after`: the moment the previous digest was composed (returns are events,
    reported once each; figures are compared by day)."""
    user = authorize(session, actor, "view_records")
    province = session.get(Province, user.province_code)
    subs = history(session, actor=actor, province=user.province_code)
    returned = [
        ReturnedSubmission(
            s.id, s.filename, s.submitted_at, s.decided_by, s.decided_at, s.decision_comment or ""
        )
        for s in subs
        if s.status == "returned"
        and s.decided_at is not None
        and as_utc(s.decided_at) > returned_after
        and local_time(s.decided_at).date() <= as_of
    ]
    midterm = midterm_due(session, user.province_code, as_of)
    return CoordinatorDigest(
        as_of=as_of,
        since=since,
        province_code=province.code,
        province_zh=province.name_zh,
        province_en=province.name_en,
        report=report_due(subs, as_of),
        returned=returned[:MAX_LISTED],
        midterm=midterm[:MAX_LISTED],
        midterm_total=len(midterm),
        chart_target=chart_target,
    )
