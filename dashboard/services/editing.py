"""Coordinators' edits of their own province's pilots (stage and location) and measurement
reviews, and the location check every page save of a located kind makes.

A move appends to the history (only forward moves and exits; a correction is a new entry
naming the entry it corrects). Optimistic locking: the caller passes the version it read;
a save over a newer version is refused with who changed it and when, and nothing is
overwritten. Every attempt is authorised on the server and audited.

One write path: after the page's own checks, a move is written as a row of the kind's
report by the step that applies accepted reports (`dashboard.submissions.apply_rows`),
which keeps the record, its history and its counting spans together in one transaction."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from sqlmodel import Session, select

from dashboard import audit
from dashboard.i18n import local_today
from dashboard.kinds import KINDS
from dashboard.locations.check import DECIMALS, check_locations
from dashboard.locations.datums import DATUMS, DEFAULT_DATUM
from dashboard.models import AuditEvent, MeasurementReview, Pilot, PilotStage, Submission
from dashboard.permissions import Actor, authorize
from dashboard.province_names import reference_index
from dashboard.submissions.apply import StaleRecord, apply_rows
from dashboard.submissions.changes import PAGE_SAVE
from dashboard.submissions.errors import MoveConflict
from dashboard.submissions.history_kinds import CORRECTS, ENTRY_NOTE
from dashboard.vocab import PILOT_ALL_STAGES, pilot_move_allowed, review_move_allowed

PILOT_EDIT = {"entity_type": "pilot", "action": "edit_pilot"}
# what the audit events of a location change and of a review update record, before and after
LOCATION_AUDITED = ("longitude", "latitude", "location_datum", "version")
REVIEW_AUDITED = ("status", "status_date", "instruments_total", "instruments_calibrated", "version")


class EditError(ValueError):
    """A refused edit; `key` is a catalog key and `values` fill its placeholders."""

    def __init__(self, key: str, **values):
        super().__init__(key)
        self.key = key
        self.values = values


class StaleVersion(EditError):
    pass


class LocationWarning(EditError):
    """A point outside its declared province: saved only once the person saving confirms it
    (as a report's submitter confirms the same warning)."""


def _last_event(session: Session, entity_type: str, entity_id: int) -> AuditEvent | None:
    return session.exec(
        select(AuditEvent)
        .where(
            AuditEvent.entity_type == entity_type,
            AuditEvent.entity_id == str(entity_id),
            AuditEvent.outcome == "ok",
        )
        .order_by(AuditEvent.id.desc())
    ).first()


def stale_version(
    session: Session, entity_type: str, record_id: int | None, submission_id: int | None
) -> StaleVersion:
    """The refusal of a save made on an old version, naming the last change from the audit
    trail: a page save (who and when), or the accepted report that last wrote the record
    (its submitter and when it was accepted), whichever came later."""
    page = _last_event(session, entity_type, record_id) if record_id is not None else None
    report = _last_event(session, "submission", submission_id) if submission_id else None
    if report is not None and (page is None or report.id > page.id):
        sub = session.get(Submission, submission_id)
        who = sub.submitted_by if sub is not None else report.actor
        return StaleVersion("edit.stale_report", who=who, when=report.occurred_at)
    if page is not None:
        return StaleVersion("edit.stale", who=page.actor, when=page.occurred_at)
    return StaleVersion("edit.stale_unknown")


def _check_version(session, record, entity_type: str, expected_version: int) -> None:
    if record.version != expected_version:
        raise stale_version(session, entity_type, record.id, record.submission_id)


def _editable(
    session, actor: Actor, model, record_id: int, *, entity_type: str, action: str, expected: int
):
    """The record the actor may `action`, at the version they read; refused when it is gone,
    outside the actor's grant (authorize audits the refusal) or changed since."""
    record = session.get(model, record_id)
    if record is None:
        raise EditError("edit.not_found")
    authorize(
        session, actor, action, province=record.province_code, entity=(entity_type, record_id)
    )
    _check_version(session, record, entity_type, expected)
    return record


def _save_row(
    session,
    actor: Actor,
    kind: str,
    record,
    entity_type: str,
    expected: int,
    row,
    *,
    action: str,
    detail: Callable[[Any], dict],
) -> None:
    """Write a page's change as a row of the kind's report, through the step that applies
    accepted reports (dashboard.submissions.apply_rows): the record, its history entry and
    its counting spans in this transaction. The version the user read is checked again
    under the apply lock, so of two concurrent saves only one is written. The save's audit
    event `action` goes in the same transaction, its detail made by `detail` from the
    record as saved (so that it names the version the save wrote)."""
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
        session.refresh(record)
        raise stale_version(session, entity_type, record.id, record.submission_id) from None
    except MoveConflict as exc:  # the page's checks ran on what it read; the history moved
        session.rollback()
        c = exc.conflicts[0]
        raise EditError("edit.move_not_allowed", current=c.current, new=c.new) from None
    session.refresh(record)
    audit.record(
        session,
        actor=actor.username,
        action=action,
        entity_type=entity_type,
        entity_id=record.id,
        detail=detail(record),
    )


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
    pilot = _editable(session, actor, Pilot, pilot_id, **PILOT_EDIT, expected=expected_version)
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
    _save_row(
        session,
        actor,
        "pilot_status",
        pilot,
        "pilot",
        expected_version,
        row,
        action="pilot_correct" if corrects_id else "pilot_stage",
        detail=lambda saved: {
            "before": before,
            "after": {"stage": stage, "stage_date": stage_date, "version": saved.version},
            "corrects_id": corrects_id,
            "note": note,
        },
    )
    return pilot


def set_pilot_location(
    *,
    session: Session,
    actor: Actor,
    pilot_id: int,
    longitude: float | None,
    latitude: float | None,
    datum: str | None,
    expected_version: int,
    confirmed: bool = False,
) -> Pilot:
    """Give a pilot a location (decimal degrees in `datum`, WGS-84 when None), checked as a
    report's is: both coordinates or neither (neither changes nothing), in range, in China,
    and in the pilot's province unless `confirmed`. Written as a row of the pilot report
    repeating the current stage (no history entry), through the step that applies reports."""
    pilot = _editable(session, actor, Pilot, pilot_id, **PILOT_EDIT, expected=expected_version)
    if longitude is None and latitude is None:
        raise EditError("locs.error.no_location")
    if longitude is None or latitude is None:
        raise EditError("pipeline.error.location_pair")
    for value, bound in ((longitude, 180), (latitude, 90)):
        if not -bound <= value <= bound:
            raise EditError("pipeline.error.coordinate_range", value=value, min=-bound, max=bound)
    where = {"longitude": longitude, "latitude": latitude, "datum": datum}
    where["province_code"] = pilot.province_code
    warnings = check_location("pilot_status", where, pilot, confirmed=confirmed)
    before = audit.snapshot(pilot, LOCATION_AUDITED)
    row = _page_row("pilot_status", pilot, pilot.current_stage, pilot.current_stage_date, None)
    row |= {k: where[k] for k in ("longitude", "latitude", "datum")}
    _save_row(
        session,
        actor,
        "pilot_status",
        pilot,
        "pilot",
        expected_version,
        row,
        action="pilot_location",
        detail=lambda saved: {
            "before": before,
            "after": audit.snapshot(saved, LOCATION_AUDITED),
            "location_warnings": warnings,
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
    review = _editable(
        session,
        actor,
        MeasurementReview,
        review_id,
        entity_type="measurement_review",
        action="edit_review",
        expected=expected_version,
    )
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
    before = audit.snapshot(review, REVIEW_AUDITED)
    moved = status != review.status
    # unmoved, the row repeats the current status and date (already in the history)
    day = status_date if moved else review.status_date
    row = _page_row("measurement_review", review, status, day, note)
    row |= {"instruments_total": total, "instruments_calibrated": calibrated}
    _save_row(
        session,
        actor,
        "measurement_review",
        review,
        "measurement_review",
        expected_version,
        row,
        action="review_update",
        detail=lambda saved: {"before": before, "after": audit.snapshot(saved, REVIEW_AUDITED)},
    )
    return review


def check_location(kind: str, row: dict, record=None, *, confirmed: bool = False) -> list[dict]:
    """The location check of reports (dashboard.locations.check) on a page's row of `kind`
    (its location and province columns, the pair rule already met): the degrees rounded as
    a report's are and the datum filled in (WGS-84 when blank). A point outside China is
    refused (EditError); one in another province is refused until `confirmed`
    (LocationWarning), then returned for the audit trail. A location and province that
    `record` already has are not checked again (they were when they came in)."""
    spec = KINDS[kind]
    if spec.location is None:
        return []
    lon_key, lat_key, datum_key = spec.location
    if row.get(lon_key) is None or row.get(lat_key) is None:
        row[datum_key] = None  # no location given: the record keeps its own
        return []
    row[lon_key] = round(float(row[lon_key]), DECIMALS)
    row[lat_key] = round(float(row[lat_key]), DECIMALS)
    if row.get(datum_key) is None:
        row[datum_key] = DEFAULT_DATUM
    elif row[datum_key] not in DATUMS:
        raise EditError("kinds.error.value", column="坐标系", column_en="Datum")
    province_key = spec.province_column or ""
    keys = (lon_key, lat_key, datum_key)
    if record is not None:
        has = [getattr(record, spec.attrs[k]) for k in keys] + [getattr(record, province_key)]
        if has == [row[k] for k in keys] + [row[province_key]]:
            return []
    found: list[tuple[str, str, str, dict]] = []
    check_locations(
        spec,
        [row],
        lambda level, code, _row, _column, value, params: found.append(
            (level, code, value, params)
        ),
        reference_index(),
    )
    warnings = []
    for level, code, value, params in found:
        if level == "error":
            raise EditError(f"pipeline.error.{code}", value=value, **params)
        if not confirmed:
            raise LocationWarning(f"pipeline.error.{code}", value=value, **params)
        warnings.append({"found": params["found"], "declared": params["declared"]})
    return warnings
