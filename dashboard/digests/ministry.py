"""What the ministry's digest says (national roles): the targets whose status changed, the
early warnings that are new, the submissions awaiting review and the lagging regions (the
supervision ranking).
Everything comes from the services the pages use, under the reader's permissions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, select

from dashboard.digests.lagging import LaggingRegions, lagging_regions
from dashboard.models import PolicyTask, Province, TaskUpdate
from dashboard.permissions import Actor, authorize, can
from dashboard.services import overview
from dashboard.submissions.review import list_pending

MAX_PENDING_LISTED = 20
STATUS_SEVERITY = ("missed", "off_track", "at_risk", "not_started", "on_track", "achieved")


@dataclass(frozen=True)
class StatusChange:
    code: str
    name_zh: str
    name_en: str
    before: str | None  # None: the target had no card then (new, or not yet in force)
    after: str
    actual: int
    quantity: int
    deadline: date


@dataclass(frozen=True)
class PendingSubmission:
    id: int
    filename: str
    province_code: str | None
    province_zh: str | None  # None: a national submission
    province_en: str | None
    submitted_at: datetime
    row_count: int


@dataclass(frozen=True)
class MinistryDigest:
    as_of: date
    since: date
    changes: list[StatusChange]
    new_warnings: list[overview.Warning]
    pending: list[PendingSubmission] | None  # None: the reader's role does not review
    pending_total: int
    lagging: LaggingRegions | None  # None: the reader's role does not see the ranking
    chart_target: str | None

    @property
    def empty(self) -> bool:
        lagging = self.lagging is not None and self.lagging.lagging
        return not (self.changes or self.new_warnings or self.pending_total or lagging)


def headline_target(cards: list[overview.TargetCard], as_of: date) -> str | None:
    """The target whose burn-up the digest shows: of those still open, the worst status,
    then the nearest deadline; when all have passed, the first."""
    open_ = [c for c in cards if date.fromisoformat(c.progress["deadline"]) >= as_of]
    if not open_:
        return cards[0].code if cards else None

    def rank(c):
        status = c.progress["status"]
        severity = STATUS_SEVERITY.index(status) if status in STATUS_SEVERITY else 99
        return severity, c.progress["deadline"], c.code

    return min(open_, key=rank).code


def status_changes(before: list, after: list) -> list[StatusChange]:
    then = {c.code: c.progress["status"] for c in before}
    out = []
    for c in after:
        p = c.progress
        if then.get(c.code) != p["status"]:
            out.append(
                StatusChange(
                    c.code,
                    c.name_zh,
                    c.name_en,
                    then.get(c.code),
                    p["status"],
                    p["actual"],
                    p["quantity"],
                    date.fromisoformat(p["deadline"]),
                )
            )
    return out


def _task_delayed_on(session: Session, day: date) -> set[str]:
    """Tasks whose latest update on or before `day` made them delayed."""
    latest: dict[str, str] = {}
    rows = session.exec(
        select(TaskUpdate.task_code, TaskUpdate.status)
        .where(TaskUpdate.update_date <= day)
        .order_by(TaskUpdate.update_date, TaskUpdate.id)
    ).all()
    for code, status in rows:
        latest[code] = status
    return {code for code, status in latest.items() if status == "delayed"}


def new_warnings(session: Session, as_of: date, since: date, cards_now, cards_then) -> list:
    """Early warnings on `as_of` that were not warnings on `since`. Targets and provinces are
    recomputed for that day; a task is new when its latest update then did not delay it."""
    now = overview.early_warnings(session, as_of, cards_now)
    then = {
        (w.kind, w.code)
        for w in overview.early_warnings(session, since, cards_then)
        if w.kind != "task"
    }
    then |= {("task", code) for code in _task_delayed_on(session, since)}
    # a task delayed by its reference data (no update at all) is not news
    known = {
        code
        for (code,) in session.execute(
            select(PolicyTask.code).where(
                PolicyTask.code.not_in(select(TaskUpdate.task_code).distinct())
            )
        ).all()
    }
    then |= {("task", code) for code in known}
    return [w for w in now if (w.kind, w.code) not in then]


def _pending(session: Session, actor: Actor) -> tuple[list[PendingSubmission] | None, int]:
    user = authorize(session, actor, "view_aggregates")
    if not can(user.role, "view_submissions"):
        return None, 0
    staged = list_pending(session, actor=actor)
    names = {p.code: (p.name_zh, p.name_en) for p in session.exec(select(Province)).all()}
    listed = [
        PendingSubmission(
            s.id,
            s.filename,
            s.province_code,
            *names.get(s.province_code, (None, None)),
            s.submitted_at,
            s.row_count,
        )
        for s in staged[:MAX_PENDING_LISTED]
    ]
    return listed, len(staged)


def ministry_digest(session: Session, *, actor: Actor, as_of: date, since: date) -> MinistryDigest:
    authorize(session, actor, "view_aggregates")
    cards_now = overview.target_cards(session, as_of)
    cards_then = overview.target_cards(session, since)
    pending, total = _pending(session, actor)
    return MinistryDigest(
        as_of=as_of,
        since=since,
        changes=status_changes(cards_then, cards_now),
        new_warnings=new_warnings(session, as_of, since, cards_now, cards_then),
        pending=pending,
        pending_total=total,
        lagging=lagging_regions(session, actor=actor, as_of=as_of),
        chart_target=headline_target(cards_now, as_of),
    )
