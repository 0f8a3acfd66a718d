"""Coordinators' edits of their own province's pilots and measurement reviews.

A move appends to the history (only forward moves and exits; a correction is a new entry
naming the entry it corrects). Optimistic locking: the caller passes the version it read;
a save over a newer version is refused with who changed it and when, and nothing is
overwritten. Every attempt is authorised on the server and audited.

One write path: after the page's own checks, a move is written as a row of the kind's
report by the step that applies accepted reports (`dashboard.submissions.apply_rows`),
which keeps the record, its history and its counting spans together in one transaction."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlmodel import Session, select

from dashboard import audit
from dashboard.i18n import local_today
from dashboard.kinds import KINDS
from dashboard.models import AuditEvent, MeasurementReview, Pilot, PilotStage
from dashboard.permissions import Actor, authorize
from dashboard.submissions.apply import StaleRecord, apply_rows
from dashboard.submissions.changes import PAGE_SAVE
from dashboard.submissions.errors import MoveConflict
from dashboard.submissions.history_kinds import CORRECTS, ENTRY_NOTE
from dashboard.vocab import PILOT_ALL_STAGES, pilot_move_allowed, review_move_allowed


class EditError(ValueError):
    """A refused edit; `key` is a catalog key and `values` fill its placeholders."""

    def __init__(self, key: str, **values):
        super().__init__(key)
        self.key = key
        self.values = values


class StaleVersion(EditError):
    pass


def _last_change(session: Session, entity_type: str, entity_id: int) -> tuple[str, datetime]:
    event = session.exec(
        select(AuditEvent)
        .where(
            AuditEvent.entity_type == entity_type,
            AuditEvent.entity_id == str(entity_id),
            AuditEvent.outcome == "ok",
        )
        .order_by(AuditEvent.id.desc())
    ).first()
    return (event.actor, event.occurred_at) if event else ("?", None)


def _check_version(session, record, entity_type: str, expected_version: int) -> None:
    if record.version != expected_version:
        who, when = _last_change(session, entity_type, record.id)
        raise StaleVersion("edit.stale", who=who, when=when)


def _save_row(session, actor: Actor, kind: str, record, entity_type: str, expected: int, row):
    """Write a page's change as a row of the kind's report, through the step that applies
    accepted reports (dashboard.submissions.apply_rows): the record, its history entry and
    its counting spans in this transaction. The version the user read is checked again
    under the apply lock, so of two concurrent saves only one is written."""
    spec = KINDS[kind]
    key = getattr(record, spec.model_key[-1])
    try:
        apply_rows(
            session,
            kind=kind,
            rows=[row],
            submission_id=None,
            actor_name=actor.username,
            expected_versions={key: expected},
        )
    except StaleRecord:
        session.rollback()
        who, when = _last_change(session, entity_type, record.id)
        raise StaleVersion("edit.stale", who=who, when=when) from None
    except MoveConflict as exc:  # the page's checks ran on what it read; the history moved
        session.rollback()
        c = exc.conflicts[0]
        raise EditError("edit.move_not_allowed", current=c.current, new=c.new) from None
    session.refresh(record)


def _page_row(kind: str, record, stage: str, day: date, note: str | None, **extra) -> dict:
    """The report row a page's move makes: the record's key, the stage and its date; the
    note goes to the history entry only, and blank attributes keep the record's."""
    spec = KINDS[kind]
    row = {spec.record_key[0]: getattr(record, spec.model_key[0])}
    row |= {spec.stages.column: stage, spec.stages.date_column: day, ENTRY_NOTE: note}
    return row | {PAGE_SAVE: True} | extra


def _check_date(day: date, not_before: date | None) -> None:
    if day > local_today() + timedelta(days=1):
        raise EditError("edit.date_future", day=day)
    if not_before is not None and day < not_before:
        raise EditError("edit.date_before_current", day=day, current=not_before)


def set_pilot_stage(
    *,
    session: Session,
    actor: Actor,
    pilot_id: int,
    stage: str,
    stage_date: date,
    expected_version: int,
    note: str | None = None,
    corrects_id: int | None = None,
) -> Pilot:
    pilot = session.get(Pilot, pilot_id)
    if pilot is None:
        raise EditError("edit.not_found")
    authorize(
        session, actor, "edit_pilot", province=pilot.province_code, entity=("pilot", pilot_id)
    )
    _check_version(session, pilot, "pilot", expected_version)
    if stage not in PILOT_ALL_STAGES:
        raise EditError("edit.unknown_stage", stage=stage)
    if corrects_id is None:
        if not pilot_move_allowed(pilot.current_stage, stage):
            raise EditError("edit.move_not_allowed", current=pilot.current_stage, new=stage)
        _check_date(stage_date, pilot.current_stage_date)
    else:
        corrected = session.get(PilotStage, corrects_id)
        if corrected is None or corrected.pilot_id != pilot.id:
            raise EditError("edit.correction_target")
        if not note or not note.strip():
            raise EditError("edit.correction_needs_note")
        _check_date(stage_date, None)
    before = {
        "stage": pilot.current_stage,
        "stage_date": pilot.current_stage_date,
        "version": pilot.version,
    }
    row = _page_row("pilot_status", pilot, stage, stage_date, note)
    if corrects_id is not None:
        row[CORRECTS] = corrects_id
    _save_row(session, actor, "pilot_status", pilot, "pilot", expected_version, row)
    audit.record(
        session,
        actor=actor.username,
        action="pilot_correct" if corrects_id else "pilot_stage",
        entity_type="pilot",
        entity_id=pilot.id,
        detail={
            "before": before,
            "after": {"stage": stage, "stage_date": stage_date, "version": pilot.version},
            "corrects_id": corrects_id,
            "note": note,
        },
    )
    return pilot


def set_review_status(
    *,
    session: Session,
    actor: Actor,
    review_id: int,
    status: str,
    status_date: date,
    expected_version: int,
    note: str | None = None,
    instruments_total: int | None = None,
    instruments_calibrated: int | None = None,
) -> MeasurementReview:
    review = session.get(MeasurementReview, review_id)
    if review is None:
        raise EditError("edit.not_found")
    authorize(
        session,
        actor,
        "edit_review",
        province=review.province_code,
        entity=("measurement_review", review_id),
    )
    _check_version(session, review, "measurement_review", expected_version)
    if status != review.status and not review_move_allowed(review.status, status):
        raise EditError("edit.move_not_allowed", current=review.status, new=status)
    total = review.instruments_total if instruments_total is None else instruments_total
    calibrated = (
        review.instruments_calibrated if instruments_calibrated is None else instruments_calibrated
    )
    if total is not None and (
        total < 0 or (calibrated is not None and not 0 <= calibrated <= total)
    ):
        raise EditError("edit.instruments_range", total=total, calibrated=calibrated)
    _check_date(status_date, review.status_date if status != review.status else None)
    before = {
        "status": review.status,
        "status_date": review.status_date,
        "instruments_total": review.instruments_total,
        "instruments_calibrated": review.instruments_calibrated,
        "version": review.version,
    }
    moved = status != review.status
    # unmoved, the row repeats the current status and date (already in the history)
    day = status_date if moved else review.status_date
    row = _page_row("measurement_review", review, status, day, note)
    row |= {"instruments_total": total, "instruments_calibrated": calibrated}
    _save_row(
        session, actor, "measurement_review", review, "measurement_review", expected_version, row
    )
    audit.record(
        session,
        actor=actor.username,
        action="review_update",
        entity_type="measurement_review",
        entity_id=review.id,
        detail={
            "before": before,
            "after": {
                "status": status,
                "status_date": status_date,
                "instruments_total": total,
                "instruments_calibrated": calibrated,
                "version": review.version,
            },
        },
    )
    return review
