"""Editing the records of any kind described in dashboard.kinds, for its registry page (the
reads, `records_frame` and `record_history`, are the registries').

One write path: a record saved on a page becomes a report row and goes through the same
plan and apply step as the rows of an accepted report (`dashboard.submissions.apply_rows`),
after the kind's own row rules; it is authorised on the server and audited in the same
transaction. Reads are scoped: a coordinator sees national records and their own province's.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import NoReturn

import pandas as pd
from sqlalchemy import select
from sqlmodel import Session

from dashboard import audit
from dashboard.i18n import local_today
from dashboard.kinds import KINDS, RecordKind
from dashboard.kinds.rules import Named, violations
from dashboard.permissions import Actor, authorize
from dashboard.services.editing import EditError, check_location, stale_version
from dashboard.services.registries import record_columns, record_history, records_frame
from dashboard.submissions import MoveConflict, apply_rows
from dashboard.submissions.apply import StaleRecord
from dashboard.uscc import ALPHABET, check_char

__all__ = ["page_kinds", "plan_overview", "record_history", "records_frame", "save_record"]

MAX_TEXT = 500
MAX_CODE = 64


def page_kinds() -> list[RecordKind]:
    """The kinds whose registry page is the generic one (the others have pages of their own)."""
    return [k for k in KINDS.values() if k.registry_page and k.planner != "task" and k.demo]


def _checked(spec: RecordKind, values: dict, today: date) -> dict:
    """The row as a report would give it, after the cell and row rules a page form can
    break (types come from the widgets; lengths, required cells, vocabularies, dates)."""
    row: dict = {c.key: None for c in spec.columns}
    for col in spec.columns:
        value = values.get(col.key)
        if isinstance(value, str):
            value = value.strip() or None
        if value is None:
            if col.required:
                raise EditError("kinds.error.required", column=col.zh, column_en=col.en)
            continue
        limit = MAX_TEXT if col.type == "text" else MAX_CODE
        if isinstance(value, str) and len(value) > limit:
            raise EditError("kinds.error.too_long", column=col.zh, column_en=col.en, max=limit)
        bad_uscc = col.type == "uscc" and not _uscc_ok(value)
        if bad_uscc or (col.type == "enum" and value not in col.values):
            raise EditError("kinds.error.value", column=col.zh, column_en=col.en)
        if col.type == "int" and (not isinstance(value, int) or not 0 <= value <= 10_000_000):
            raise EditError("kinds.error.value", column=col.zh, column_en=col.en)
        bounds = {"longitude": 180, "latitude": 90}.get(col.type)
        if bounds and (not isinstance(value, int | float) or not -bounds <= value <= bounds):
            raise EditError("kinds.error.value", column=col.zh, column_en=col.en)
        if col.type == "date" and not col.future_ok and value > today + timedelta(days=1):
            raise EditError("edit.date_future", day=value)
        row[col.key] = value
    for code, column, value, params in violations(
        tuple(r for r in spec.row_rules if not isinstance(r, Named)), row
    ):
        raise EditError(f"pipeline.error.{code}", value=value, column=column, **params)
    return row


def _uscc_ok(value) -> bool:
    text = str(value).upper()
    return (
        len(text) == 18
        and all(c in ALPHABET for c in text)
        and text[:2] != "00"
        and check_char(text[:17]) == text[17]
    )


def _key_of(spec: RecordKind, row: dict) -> tuple:
    return tuple(row[c] for c in spec.record_key)


def _record_filter(spec: RecordKind, row: dict) -> list:
    """The conditions that select the record a row names (its key's columns)."""
    table = spec.model.__table__
    return [table.c[m] == v for m, v in zip(spec.model_key, _key_of(spec, row), strict=True)]


def _version_key(spec: RecordKind, row: dict):
    """The record's key as `apply_rows(expected_versions=...)` takes it."""
    key = _key_of(spec, row)
    return key if len(key) > 1 else key[0]


def _refuse_stale(
    session: Session, actor: Actor, spec: RecordKind, row: dict, expected: int | None
) -> NoReturn:
    """Undo the save, record the refusal with the version read and the one found, and
    raise StaleVersion naming who changed the record and when."""
    session.rollback()
    model = spec.model
    where = _record_filter(spec, row)
    found = session.execute(
        select(model.id, model.version, model.submission_id).where(*where)
    ).first()
    record_id, version, submission_id = found if found else (None, None, None)
    audit.record_refusal(
        session,
        actor.username,
        "record_save",
        (spec.key, record_id if record_id is not None else "new"),
        "stale_version",
        key=" ".join(str(k) for k in _key_of(spec, row)),
        expected_version=expected,
        current_version=version,
    )
    raise stale_version(session, spec.key, record_id, submission_id)


def save_record(
    session: Session,
    *,
    actor: Actor,
    kind: str,
    values: dict,
    expected_version: int | None = None,
    confirm_location: bool = False,
) -> dict:
    """Create or update one record of `kind` from a page form. `expected_version`: the
    version the user read (None for a new record); a save over a newer version (or a new
    record whose key another save took first) is refused, audited, and writes nothing. The
    version is checked under the apply lock, as a page's pilot, review or task save and an
    accepted report are, so of two saves over the same version only the first is written.
    A location is checked as a report's is (`editing.check_location`): outside China is
    refused, in another province refused until `confirm_location`. Returns what changed
    (as an applied report says it)."""
    spec = KINDS[kind]
    if spec.edit_action is None:
        raise EditError("edit.not_found")
    row = _checked(spec, values, local_today())
    province = row.get(spec.province_column) if spec.province_column else None
    model = spec.model
    where = _record_filter(spec, row)
    current = session.execute(select(model).where(*where)).scalars().first()
    entity = (kind, current.id if current else "new")
    authorize(session, actor, spec.edit_action, province=province, entity=entity)
    if current is not None:
        was = getattr(current, spec.province_column) if spec.province_column else None
        authorize(session, actor, spec.edit_action, province=was, entity=entity)
    elif expected_version is not None:
        raise EditError("edit.not_found")
    warnings = check_location(kind, row, current, confirmed=confirm_location)
    # what the user read; if the record has moved on since, the check under the lock refuses
    written = record_columns(spec)[1:-1]  # without the id and updated_at
    before = None if current is None else audit.snapshot(current, written)
    try:
        counts = apply_rows(
            session,
            kind=kind,
            rows=[row],
            submission_id=None,
            actor_name=actor.username,
            expected_versions={_version_key(spec, row): expected_version},
        )
    except StaleRecord:
        _refuse_stale(session, actor, spec, row, expected_version)
    except MoveConflict as exc:
        c = exc.conflicts[0]
        if spec.link is not None and c.code in (spec.link.unknown_code, spec.link.kind_code):
            kinds = {"current": c.current, "new": c.new} if c.code == spec.link.kind_code else {}
            raise EditError(f"pipeline.error.{c.code}", record=c.key, **kinds) from None
        raise EditError("edit.move_not_allowed", current=c.current, new=c.new) from None
    fresh = select(model).where(*where).execution_options(populate_existing=True)
    saved = session.execute(fresh).scalars().one()
    audit.record(
        session,
        actor=actor.username,
        action="record_save",
        entity_type=kind,
        entity_id=saved.id,
        detail={
            "key": " ".join(str(k) for k in _key_of(spec, row)),
            "before": before,
            "after": audit.snapshot(saved, written),
            "counts": counts,
            **({"location_warnings": warnings} if warnings else {}),
        },
    )
    return counts


def plan_overview(session: Session, *, actor: Actor, as_of: date) -> pd.DataFrame:
    """Every province and the XPCC with its plan status on `as_of` ("none": no plan), the
    ones without a plan first: what the ministry reads at a glance."""
    from dashboard.kinds.provincial_plan import plan_status_by_province

    authorize(session, actor, "view_aggregates")
    status = plan_status_by_province(session, as_of)
    order = {"none": 0, "drafting": 1, "issued": 2}
    rows = sorted(((code, s or "none") for code, s in status.items()), key=lambda r: order[r[1]])
    return pd.DataFrame(rows, columns=["province_code", "plan_status"])
