"""Coordinators' edits of their own province's pilots and measurement reviews.

A move appends to the history (only forward moves and exits; a correction is a new entry
naming the entry it corrects). Optimistic locking: the caller passes the version it read;
a save over a newer version is refused with who changed it and when, and nothing is
overwritten. Every attempt is authorised on the server and audited."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import update
from sqlmodel import Session, select

from dashboard import audit
from dashboard.models import AuditEvent, MeasurementReview, Pilot, PilotStage, ReviewStatusEntry
from dashboard.models.common import utcnow
from dashboard.permissions import Actor, authorize
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


def _compare_and_set(session, model, record, entity_type: str, expected: int, values: dict):
    """Write `values` only if the row still has the version the user read (atomic in the
    database, so two concurrent saves cannot both win)."""
    result = session.execute(
        update(model)
        .where(model.id == record.id, model.version == expected)
        .values(**values, version=expected + 1, updated_at=utcnow())
    )
    if result.rowcount != 1:
        session.rollback()
        who, when = _last_change(session, entity_type, record.id)
        raise StaleVersion("edit.stale", who=who, when=when)
    session.refresh(record)


def _check_date(day: date, not_before: date | None) -> None:
    if day > date.today() + timedelta(days=1):
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
    _compare_and_set(
        session,
        Pilot,
        pilot,
        "pilot",
        expected_version,
        {"current_stage": stage, "current_stage_date": stage_date},
    )
    session.add(
        PilotStage(
            pilot_id=pilot.id,
            stage=stage,
            stage_date=stage_date,
            corrects_id=corrects_id,
            note=note,
            recorded_by=actor.username,
        )
    )
    session.flush()
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
    values = {"instruments_total": total, "instruments_calibrated": calibrated}
    if moved:
        values |= {"status": status, "status_date": status_date}
    _compare_and_set(
        session, MeasurementReview, review, "measurement_review", expected_version, values
    )
    if moved:
        session.add(
            ReviewStatusEntry(
                review_id=review.id,
                status=status,
                status_date=status_date,
                note=note,
                recorded_by=actor.username,
            )
        )
    session.flush()
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
