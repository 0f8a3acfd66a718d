"""One engine for every counting rule: a declarative spec (dashboard.programmes.spec,
docs/PROGRAMMES.md) compiled to SQL.

Every figure, breakdown and drill-down is built on `qualifying(...)`: one row per
de-duplication key (record_type, record_id of its representative, province_code, category,
since), so the list of records behind a number is exactly the set that was counted. Records
with a history are read from the counting spans of the rule's stage set (an indexed range
query, see dashboard.progress.spans); deliverables from their date and status columns.

Let end = min(as_of, deadline): nothing after the deadline counts, and a past as-of date
shows the picture the recorded dates give for that day.

`count_waiting` counts the records that may yet count, for the forecast (docs/FORECAST.md).
"""

from __future__ import annotations

import typing
from datetime import date
from typing import Any

from sqlalchemy import String, case, cast, func, literal, null, or_, select
from sqlalchemy.sql import ColumnElement, Select
from sqlmodel import Session, col

from dashboard.kinds.standard_adoption import StandardAdoption
from dashboard.models import CountingSpan, Deliverable, MeasurementReview, Pilot
from dashboard.programmes.spec import CountingSpec
from dashboard.progress.engine import TargetDefinition
from dashboard.progress.spans import active_sets, set_key, waiting_set

# The table a spec counts, chosen at run time: its columns are read by name (Any).
MODELS: dict[str, Any] = {
    "deliverable": Deliverable,
    "pilot": Pilot,
    "measurement_review": MeasurementReview,
    "standard_adoption": StandardAdoption,
}
# the column a rule's `kinds`, `categories` and `number` de-duplication read, by records
_KIND_COLUMN = {"deliverable": "kind", "pilot": "pilot_type", "standard_adoption": "event"}
_CATEGORY_COLUMN = {"deliverable": "category", "standard_adoption": "event"}
_NUMBER_COLUMN = {"deliverable": "number", "standard_adoption": "standard_number"}
_BATCH_LETTERS = tuple("abcdefghijklmnopqrstuvwxyz")
_DIGITS = tuple("0123456789")


def _end(deadline: date, as_of: date) -> date:
    return min(as_of, deadline)


def span_covers(record_type: str, stage_set: str, end: date) -> tuple[ColumnElement[bool], ...]:
    span = CountingSpan
    return (
        col(span.record_type) == record_type,
        col(span.stage_set) == stage_set,
        col(span.valid_from) <= end,
        or_(col(span.valid_to).is_(None), col(span.valid_to) > end),
    )


def _dash_free(column: Any) -> Any:
    """A standard number with em and en dashes read as hyphens."""
    return func.replace(func.replace(column, "—", "-"), "–", "-")


def _base_number(column: Any) -> Any:
    """The number without one trailing batch letter after a digit (GBW(E) 130113a)."""
    n = _dash_free(column)
    length = func.length(n)
    last = func.lower(func.substr(n, length, 1))
    before = func.substr(n, length - 1, 1)
    return case(
        (last.in_(_BATCH_LETTERS) & before.in_(_DIGITS), func.substr(n, 1, length - 1)),
        else_=n,
    )


def _key(spec: CountingSpec, model: Any) -> Any:
    if spec.dedupe == "number":
        return _dash_free(getattr(model, _NUMBER_COLUMN[spec.records]))
    if spec.dedupe == "base_number":
        return _base_number(model.number)
    if spec.dedupe == "uscc":
        return func.coalesce(model.uscc, literal("#") + cast(model.id, String))
    return model.id


def _unique_key(spec: CountingSpec) -> bool:
    """Keys that are unique per record already (no grouping needed)."""
    return spec.dedupe == "record" or (
        spec.dedupe == "uscc" and spec.records == "measurement_review"
    )


def _filters(spec: CountingSpec, model: Any) -> list[Any]:
    where = []
    if spec.kinds:
        where.append(getattr(model, _KIND_COLUMN[spec.records]).in_(spec.kinds))
    if spec.categories:
        where.append(_category(spec, model).in_(spec.categories))
    if spec.number_prefixes:
        starts = [model.number.startswith(p, autoescape=True) for p in spec.number_prefixes]
        where.append(or_(*starts))
    return where


def _category(spec: CountingSpec, model: Any) -> Any:
    return getattr(model, _CATEGORY_COLUMN.get(spec.records, "industry"))


def _adoption_rows(spec: CountingSpec, window_start: date, end: date) -> Select:
    """Standards' adoption events whose date falls in the window (no status, no exit)."""
    a = StandardAdoption
    return select(
        col(a.id).label("record_id"), _key(spec, a).label("key"), col(a.event_date).label("since")
    ).where(col(a.event_date) >= window_start, col(a.event_date) <= end, *_filters(spec, a))


def _deliverable_rows(spec: CountingSpec, window_start: date, end: date) -> Select:
    d: Any = Deliverable  # columns read by the names the spec gives
    event = getattr(d, typing.cast(str, spec.event_date))  # a deliverable spec has one
    staying = [s for s in spec.statuses if s not in spec.exit_statuses]
    status_ok = d.status.in_(staying) if staying else literal(False)
    if spec.exit_statuses:
        exit_col = getattr(d, typing.cast(str, spec.exit_date))  # given with exit statuses
        status_ok = or_(
            status_ok,
            d.status.in_(spec.exit_statuses) & exit_col.is_not(None) & (exit_col > end),
        )
    return select(
        d.id.label("record_id"),
        _key(spec, d).label("key"),
        event.label("since"),
    ).where(
        event.is_not(None),
        event >= window_start,
        event <= end,
        status_ok,
        *_filters(spec, d),
    )


def _history_rows(spec: CountingSpec, window_start: date, end: date) -> Select:
    model = MODELS[spec.records]
    span = CountingSpan
    return (
        select(model.id.label("record_id"), _key(spec, model).label("key"), col(span.since))
        .join(model, model.id == span.record_id)
        .where(
            *span_covers(spec.records, set_key(spec.enters), end),
            col(span.since) >= window_start,
            *_filters(spec, model),
        )
    )


def qualifying_rows(
    spec: CountingSpec, *, window_start: date, deadline: date, as_of: date
) -> Select:
    """The records that count, one row per key: (record_type, record_id, province_code,
    category, since)."""
    end = _end(deadline, as_of)
    model = MODELS[spec.records]
    if spec.is_history:
        rows = _history_rows(spec, window_start, end)
    elif spec.records == "standard_adoption":
        rows = _adoption_rows(spec, window_start, end)
    else:
        rows = _deliverable_rows(spec, window_start, end)
    if not _unique_key(spec):
        sub = rows.subquery()
        rows = select(
            func.min(sub.c.record_id).label("record_id"),
            sub.c.key,
            func.min(sub.c.since).label("since"),
        ).group_by(sub.c.key)
    sub = rows.subquery()
    province = null() if spec.province == "national" else model.province_code
    return select(
        literal(spec.records).label("record_type"),
        sub.c.record_id,
        cast(province, String).label("province_code"),
        _category(spec, model).label("category"),
        sub.c.since,
    ).join(model, model.id == sub.c.record_id)


def count_statement(
    spec: CountingSpec,
    *,
    window_start: date,
    deadline: date,
    as_of: date,
    province: str | None = None,
) -> Select:
    """The statement that counts the records (also timed as raw SQL by the bench)."""
    end = _end(deadline, as_of)
    plain = spec.is_history and _unique_key(spec) and not (spec.kinds or spec.categories)
    if province is None and plain:
        # The same rows as qualifying_rows(), counted on the span index alone: a span exists
        # only for a record with a history, and an entry cannot outlive its record (FK).
        span = CountingSpan
        return (
            select(func.count())
            .select_from(span)
            .where(
                *span_covers(spec.records, set_key(spec.enters), end),
                col(span.since) >= window_start,
            )
        )
    q = qualifying_rows(spec, window_start=window_start, deadline=deadline, as_of=as_of).subquery()
    stmt = select(func.count()).select_from(q)
    if province is not None:
        stmt = stmt.where(q.c.province_code == province)
    return stmt


class UnregisteredStageSet(ValueError):
    """A rule counts a stage set that no loaded programme registered: it has no spans."""


def _check_registered(session: Session, spec: CountingSpec) -> None:
    if spec.is_history:
        key = set_key(spec.enters)
        if key not in active_sets(session.connection(), spec.records):
            raise UnregisteredStageSet(
                f"the stage set {key} of {spec.records} records is not registered: "
                "load the programme that counts it"
            )


def count_records(
    session: Session,
    spec: CountingSpec,
    *,
    window_start: date,
    deadline: date,
    as_of: date,
    province: str | None = None,
) -> int:
    _check_registered(session, spec)
    if _end(deadline, as_of) < window_start:
        return 0
    stmt = count_statement(
        spec, window_start=window_start, deadline=deadline, as_of=as_of, province=province
    )
    return int(session.scalar(stmt) or 0)


def records_counted(
    session: Session, spec: CountingSpec, *, window_start: date, deadline: date, as_of: date
) -> list[tuple]:
    _check_registered(session, spec)
    q = qualifying_rows(spec, window_start=window_start, deadline=deadline, as_of=as_of)
    return [tuple(r) for r in session.connection().execute(q).all()]


# ------------------------------------------------------------------ by target definition
def qualifying(target: TargetDefinition, as_of: date) -> Select:
    """The records that count for `target` as of `as_of`, one row per key."""
    return qualifying_rows(
        target.spec, window_start=target.window_start, deadline=target.deadline, as_of=as_of
    )


def count_as_of(
    session: Session, target: TargetDefinition, as_of: date, *, province: str | None = None
) -> int:
    return count_records(
        session,
        target.spec,
        window_start=target.window_start,
        deadline=target.deadline,
        as_of=as_of,
        province=province,
    )


# deliverables not yet issued: these, or a status the rule counts with its date still ahead
_PRE_EVENT_STATUSES = ("planned", "in_progress")


def waiting_statement(spec: CountingSpec, end: date) -> Select | None:
    """The records waiting on `end` to enter what the rule counts, one row per key, or None
    when the rule's records have no stage before it:
    - pilots and reviews whose state that day is in a stage before the first counted one
      (the rule's waiting set, dashboard.progress.spans), whenever they entered it;
    - deliverables counted by their issue or implementation date that had started by then
      (`started_on`) and whose date was still ahead or empty.
    The rule's kinds, categories and number prefixes apply."""
    model = MODELS[spec.records]
    if spec.is_history:
        key = waiting_set(spec.records, set_key(spec.enters))
        if key is None:
            return None
        span = CountingSpan
        if _unique_key(spec) and not (spec.kinds or spec.categories):
            # one span a record on any day: the span index alone, as count_statement does
            return select(col(span.record_id)).where(*span_covers(spec.records, key, end))
        return (
            select(_key(spec, model).label("key"))
            .select_from(span)
            .join(model, model.id == span.record_id)
            .where(*span_covers(spec.records, key, end), *_filters(spec, model))
            .distinct()
        )
    if spec.records != "deliverable" or spec.event_date == "started_on":
        return None
    event = getattr(model, typing.cast(str, spec.event_date))
    statuses = sorted({*spec.statuses, *_PRE_EVENT_STATUSES})
    return (
        select(_key(spec, model).label("key"))
        .where(
            model.started_on.is_not(None),
            model.started_on <= end,
            or_(event.is_(None), event > end),
            model.status.in_(statuses),
            *_filters(spec, model),
        )
        .distinct()
    )


def count_waiting(session: Session, target: TargetDefinition, as_of: date) -> int:
    """How many records wait to count for `target` on `as_of` (see waiting_statement); 0 when
    the rule's records have no earlier stage. The waiting set of a counted set is kept with
    it (dashboard.progress.spans.active_sets)."""
    stmt = waiting_statement(target.spec, _end(target.deadline, as_of))
    if stmt is None:
        return 0
    return int(session.scalar(select(func.count()).select_from(stmt.subquery())) or 0)


def count_by(
    session: Session, target: TargetDefinition, as_of: date, *, by: str
) -> dict[str | None, int]:
    """Counts grouped by "province_code" or "category"."""
    if by not in {"province_code", "category"}:
        raise ValueError(by)
    if _end(target.deadline, as_of) < target.window_start:
        return {}
    q = qualifying(target, as_of).subquery()
    col = q.c[by]
    rows = session.execute(select(col, func.count()).group_by(col)).all()
    return {key: int(n) for key, n in rows}


def counts_at(session: Session, target: TargetDefinition, dates: list[date]) -> list[int]:
    """The count at each date; used for burn-up series."""
    return [count_as_of(session, target, d) for d in dates]
