"""Review of staged submissions: list, preview, accept, return, history.

Works on what is already in the database (no reader, no validator). Every function
authorises the actor, returns plain dataclasses (never live ORM objects) and, when it
changes something, writes an audit event in the caller's transaction; the caller commits.
A decision is optimistic: it names the version the reviewer saw, and a stale version is
refused with who decided the submission and when.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import cast

from sqlalchemy import func, update
from sqlalchemy.engine import CursorResult
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from dashboard import audit
from dashboard.dataclass_copy import from_attributes
from dashboard.models import Submission
from dashboard.models.common import utcnow
from dashboard.permissions import Actor, allowed_provinces, authorize
from dashboard.submissions.apply import apply_rows
from dashboard.submissions.errors import (
    CommentRequired,
    NotPending,
    StaleSubmission,
    SubmissionNotFound,
)
from dashboard.submissions.plan import as_dates, make_plan

NATIONAL = "national"  # the scope of a submission that names no single province
MAX_MOVES_SHOWN = 200


@dataclass(frozen=True)
class SubmissionSummary:
    id: int
    filename: str
    kind: str | None
    province_code: str | None
    submitted_by: str
    submitted_at: datetime
    status: str
    row_count: int
    error_count: int
    warning_count: int
    decided_by: str | None
    decided_at: datetime | None
    decision_comment: str | None
    version: int


@dataclass(frozen=True)
class Preview:
    """What accepting a submission would change now: per table new/updated/unchanged
    counts, the stage moves (first MAX_MOVES_SHOWN), and moves no longer allowed."""

    submission_id: int
    kind: str
    counts: dict[str, dict[str, int]]
    moves: list[dict]
    move_count: int
    conflicts: list[dict]


@dataclass(frozen=True)
class SubmissionDetail:
    summary: SubmissionSummary
    errors: list[dict]
    warnings: list[dict]
    rows: list[dict] = field(default_factory=list)
    archive_path: str | None = None


def _summary(sub: Submission) -> SubmissionSummary:
    """The submission's columns of the same names, and how many errors and warnings it has."""
    return from_attributes(
        SubmissionSummary,
        sub,
        error_count=len(sub.errors or []),
        warning_count=len(sub.warnings or []),
    )


def visible_submission(
    session: Session, actor: Actor, submission_id: int, action: str
) -> Submission:
    """The submission, if the actor may `action` it; unknown ids raise SubmissionNotFound."""
    sub = session.get(Submission, submission_id, populate_existing=True)
    if sub is None:
        authorize(session, actor, action)
        raise SubmissionNotFound(id=submission_id)
    authorize(
        session,
        actor,
        action,
        province=sub.province_code or NATIONAL,
        entity=("submission", submission_id),
    )
    return sub


def _scoped(
    session: Session, actor: Actor, action: str, province: str | None
) -> SelectOfScalar[Submission]:
    scope = allowed_provinces(session, actor, action)
    query = select(Submission)
    if scope is not None:
        if province is not None and province not in scope:
            authorize(session, actor, action, province=province)
        query = query.where(col(Submission.province_code).in_(scope))
    if province is not None:
        query = query.where(Submission.province_code == province)
    return query


def list_pending(session: Session, *, actor: Actor) -> list[SubmissionSummary]:
    """Staged submissions the actor may see, oldest first."""
    query = _scoped(session, actor, "view_submissions", None)
    query = query.where(Submission.status == "staged").order_by(col(Submission.submitted_at))
    return [_summary(s) for s in session.exec(query).all()]


def history(
    session: Session,
    *,
    actor: Actor,
    province: str | None = None,
    status: str | None = None,
    limit: int = 500,
) -> list[SubmissionSummary]:
    """Submissions visible to the actor (a coordinator: only their province's), newest first."""
    query = _scoped(session, actor, "view_submissions", province)
    if status is not None:
        query = query.where(Submission.status == status)
    newest = (col(Submission.submitted_at).desc(), col(Submission.id).desc())
    query = query.order_by(*newest).limit(limit)
    return [_summary(s) for s in session.exec(query).all()]


def get_submission(
    session: Session, *, actor: Actor, submission_id: int, max_rows: int | None = 1000
) -> SubmissionDetail:
    """One submission with its errors, warnings and (the first `max_rows`) normalized rows."""
    sub = visible_submission(session, actor, submission_id, "view_submissions")
    rows = sub.payload if max_rows is None else sub.payload[:max_rows]
    return SubmissionDetail(
        _summary(sub), list(sub.errors), list(sub.warnings), rows, sub.archive_path
    )


def preview(session: Session, *, actor: Actor, submission_id: int) -> Preview:
    sub = visible_submission(session, actor, submission_id, "view_submissions")
    if not sub.kind:
        return Preview(cast(int, sub.id), "", {}, [], 0, [])
    plan = make_plan(session, kind=sub.kind, rows=as_dates(sub.kind, sub.payload))
    moves = [m | {"date": m["date"].isoformat()} for m in plan.moves[:MAX_MOVES_SHOWN]]
    conflicts = [c.as_dict() for c in plan.conflicts]
    return Preview(cast(int, sub.id), sub.kind, plan.counts(), moves, len(plan.moves), conflicts)


def _claim(session: Session, sub: Submission, expected_version: int, values: dict) -> Submission:
    """Move a staged submission on, if it is still at the version the reviewer saw."""
    result = session.execute(
        update(Submission)
        .where(col(Submission.id) == sub.id)
        .where(col(Submission.version) == expected_version)
        .where(col(Submission.status) == "staged")
        .values(version=col(Submission.version) + 1, **values)
    )
    session.refresh(sub)
    if cast(CursorResult, result).rowcount != 1:  # an UPDATE's result
        if sub.version != expected_version:
            raise StaleSubmission(
                id=sub.id, by=sub.decided_by or "—", at=sub.decided_at or "—", status=sub.status
            )
        raise NotPending(id=sub.id, status=sub.status)
    return sub


def _audit_decision(
    session: Session, actor: Actor, sub: Submission, action: str, detail: dict
) -> None:
    """The audit event of a decision on a submission: its kind and file, then `detail`."""
    audit.record(
        session,
        actor=actor.username,
        action=action,
        entity_type="submission",
        entity_id=sub.id,
        detail={"kind": sub.kind, "filename": sub.filename, **detail},
    )


def accept(
    session: Session, *, actor: Actor, submission_id: int, expected_version: int
) -> dict[str, int]:
    """Apply a staged submission to the records and mark it accepted, re-checking every
    stage move against the records as they are now; refuses the whole submission with
    MoveConflict if any move is no longer allowed. Returns the counts of changes."""
    sub = visible_submission(session, actor, submission_id, "review_submission")
    _claim(
        session,
        sub,
        expected_version,
        {"status": "accepted", "decided_by": actor.username, "decided_at": utcnow()},
    )
    counts = apply_rows(
        session,
        kind=cast(str, sub.kind),  # a staged submission has its kind
        rows=sub.payload,
        submission_id=sub.id,
        actor_name=actor.username,
    )
    _audit_decision(session, actor, sub, "submission_accept", {"rows": sub.row_count, **counts})
    return counts


def return_submission(
    session: Session, *, actor: Actor, submission_id: int, comment: str, expected_version: int
) -> SubmissionSummary:
    """Send a staged submission back to its coordinator with a comment (required)."""
    comment = (comment or "").strip()
    if not comment:
        raise CommentRequired(id=submission_id)
    sub = visible_submission(session, actor, submission_id, "review_submission")
    values = {
        "status": "returned",
        "decided_by": actor.username,
        "decided_at": utcnow(),
        "decision_comment": comment,
    }
    _claim(session, sub, expected_version, values)
    _audit_decision(session, actor, sub, "submission_return", {"comment": comment})
    return _summary(sub)


def pending_records(
    session: Session, *, actor: Actor, kind: str, limit: int = 10_000
) -> list[dict]:
    """Rows of staged submissions of one kind, each marked pending with its submission, for
    showing beside the accepted figures (which never count them)."""
    query = _scoped(session, actor, "view_submissions", None)
    query = query.where(Submission.status == "staged", Submission.kind == kind)
    out: list[dict] = []
    for sub in session.exec(query.order_by(col(Submission.submitted_at))).all():
        for row in sub.payload:
            out.append(row | {"pending": True, "submission_id": sub.id})
            if len(out) >= limit:
                return out
    return out


def status_counts(session: Session, *, actor: Actor) -> dict[str, int]:
    """How many visible submissions are in each status."""
    query = _scoped(session, actor, "view_submissions", None).subquery()
    rows = session.execute(select(query.c.status, func.count()).group_by(query.c.status))
    return {status: n for status, n in rows}
