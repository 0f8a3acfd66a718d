"""What applying a report's rows would change, worked out against the database as it is now.

A plan lists the records to insert and update, the history entries to append, the stage
moves, and the conflicts: moves the history does not allow (nothing goes back from accepted
to applied; nothing moves after an exit) and records outside the submitter's provinces.
A row whose stage and date are already in the record's history changes nothing, so applying
the same rows twice leaves the database as once. The same plan serves the validator, the
reviewer's preview and the apply step.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlmodel import Session

from dashboard import vocab
from dashboard.models import (
    Deliverable,
    MeasurementReview,
    Pilot,
    PilotStage,
    PolicyTask,
    ReviewStatusEntry,
    TaskUpdate,
)

KINDS = ("pilot_status", "measurement_review", "standard", "task_progress")
DATE_FIELDS = {
    "pilot_status": ("stage_date",),
    "measurement_review": ("review_date",),
    "standard": ("issue_date", "implementation_date", "started_on"),
    "task_progress": ("update_date",),
}
CHUNK = 5000


@dataclass(frozen=True)
class Conflict:
    index: int  # position in the rows
    row: int | None  # spreadsheet row (header = 1)
    column: str
    code: str  # stage_move | stage_date_order | record_province | task_unknown
    key: str
    current: str | None
    new: str
    current_date: date | None = None

    def as_dict(self) -> dict:
        return {
            "row": self.row,
            "column": self.column,
            "code": self.code,
            "key": self.key,
            "current": self.current,
            "new": self.new,
            "current_date": self.current_date.isoformat() if self.current_date else None,
        }


@dataclass
class Plan:
    kind: str
    table: str
    history_table: str | None = None
    inserts: list[dict] = field(default_factory=list)
    updates: list[dict] = field(default_factory=list)  # each with "id" and full values
    unchanged: int = 0
    history: list[tuple[str, dict]] = field(default_factory=list)  # (record key, entry)
    moves: list[dict] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    ids: dict[str, int] = field(default_factory=dict)  # existing records' ids by key

    def counts(self) -> dict[str, dict[str, int]]:
        out = {
            self.table: {
                "new": len(self.inserts),
                "updated": len(self.updates),
                "unchanged": self.unchanged,
            }
        }
        if self.history_table:
            out[self.history_table] = {"new": len(self.history)}
        return out


def chunks(items: list, size: int = CHUNK) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def as_dates(kind: str, rows: Iterable[dict]) -> list[dict]:
    """Rows with ISO date strings (as stored in a submission's payload) turned into dates."""
    fields = DATE_FIELDS[kind]
    out = []
    for row in rows:
        fixed = dict(row)
        for name in fields:
            value = fixed.get(name)
            if isinstance(value, str) and value:
                fixed[name] = date.fromisoformat(value)
        out.append(fixed)
    return out


def _fetch(session: Session, columns: list, key_column, keys: Iterable) -> list:
    found = []
    for part in chunks(sorted(set(keys))):
        found.extend(session.execute(select(*columns).where(key_column.in_(part))).all())
    return found


def _group(rows: list[dict], key: str, order) -> dict[str, list[int]]:
    groups: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        groups[row[key]].append(i)
    for idxs in groups.values():
        if len(idxs) > 1:
            idxs.sort(key=lambda i: order(rows[i]))
    return groups


def _changed(current, values: dict) -> bool:
    return any(getattr(current, name) != value for name, value in values.items())


def _kept(current, values: dict) -> dict:
    """Blank optional cells keep what the record has."""
    if current is None:
        return values
    return {k: (getattr(current, k) if v is None else v) for k, v in values.items()}


@dataclass(frozen=True)
class _Staged:
    """How one kind with a stage history maps onto its tables."""

    model: type
    history_model: type
    key: str  # report column naming the record
    model_key: str
    stage: str  # report column of the stage
    stage_date: str
    model_stage: str
    model_stage_date: str
    history_fk: str
    attrs: dict[str, str]  # report column -> model column
    defaults: dict
    allowed: object  # (current, new) -> bool
    rank: object


_STAGED = {
    "pilot_status": _Staged(
        Pilot,
        PilotStage,
        "pilot_code",
        "code",
        "stage",
        "stage_date",
        "current_stage",
        "current_stage_date",
        "pilot_id",
        {
            "pilot_name": "name",
            "pilot_type": "pilot_type",
            "uscc": "uscc",
            "province_code": "province_code",
            "industry": "industry",
            "standards_adopted": "standards_adopted",
            "note": "note",
        },
        {"standards_adopted": 0},
        vocab.pilot_move_allowed,
        vocab.pilot_stage_rank,
    ),
    "measurement_review": _Staged(
        MeasurementReview,
        ReviewStatusEntry,
        "uscc",
        "uscc",
        "review_status",
        "review_date",
        "status",
        "status_date",
        "review_id",
        {
            "enterprise_name": "enterprise_name",
            "province_code": "province_code",
            "industry": "industry",
            "instruments_total": "instruments_total",
            "instruments_calibrated": "instruments_calibrated",
            "note": "note",
        },
        {},
        vocab.review_move_allowed,
        vocab.REVIEW_STATUSES.index,
    ),
}


def _plan_staged(session: Session, kind: str, rows: list[dict], scope, recorded_by: str) -> Plan:
    spec = _STAGED[kind]
    model, hist = spec.model, spec.history_model
    plan = Plan(kind, model.__tablename__, hist.__tablename__)
    groups = _group(rows, spec.key, lambda r: (r[spec.stage_date], spec.rank(r[spec.stage])))
    model_key = getattr(model, spec.model_key)
    attr_cols = list(spec.attrs.values())
    columns = [model.id, model_key, model.version, getattr(model, spec.model_stage)]
    columns += [getattr(model, spec.model_stage_date)] + [getattr(model, c) for c in attr_cols]
    existing = {getattr(r, spec.model_key): r for r in _fetch(session, columns, model_key, groups)}
    plan.ids = {key: r.id for key, r in existing.items()}
    seen: dict[int, set] = defaultdict(set)
    hist_fk = getattr(hist, spec.history_fk)
    hist_stage = getattr(hist, "stage" if kind == "pilot_status" else "status")
    hist_date = getattr(hist, "stage_date" if kind == "pilot_status" else "status_date")
    ids = [r.id for r in existing.values()]
    for rid, stage, day in _fetch(session, [hist_fk, hist_stage, hist_date], hist_fk, ids):
        seen[rid].add((stage, day))

    for key, idxs in groups.items():
        current = existing.get(key)
        if current is not None and scope is not None and current.province_code not in scope:
            first = rows[idxs[0]]
            plan.conflicts.append(
                Conflict(
                    idxs[0],
                    first.get("_row"),
                    "province_code",
                    "record_province",
                    key,
                    current.province_code,
                    first.get("province_code") or "",
                )
            )
            continue
        stage = getattr(current, spec.model_stage) if current else None
        day = getattr(current, spec.model_stage_date) if current else None
        known = seen[current.id] | {(stage, day)} if current else set()
        appended = []
        for i in idxs:
            row = rows[i]
            new, new_day = row[spec.stage], row[spec.stage_date]
            if (new, new_day) in known:
                continue
            code = None
            if not spec.allowed(stage, new):
                code = "stage_move"
            elif day is not None and new_day < day:
                code = "stage_date_order"
            if code:
                plan.conflicts.append(
                    Conflict(i, row.get("_row"), spec.stage, code, key, stage, new, day)
                )
                continue
            plan.moves.append({"key": key, "from": stage, "to": new, "date": new_day})
            appended.append(i)
            stage, day = new, new_day
            known.add((new, new_day))
        last = rows[idxs[-1]]
        values = {col: last.get(report) for report, col in spec.attrs.items()}
        values = _kept(current, values)
        values[spec.model_stage], values[spec.model_stage_date] = stage, day
        if current is None:
            if not appended:
                continue
            values = {k: spec.defaults.get(k) if v is None else v for k, v in values.items()}
            plan.inserts.append({spec.model_key: key, **values})
        elif _changed(current, values):
            plan.updates.append({"id": current.id, "version": current.version + 1, **values})
        else:
            plan.unchanged += 1
        for i in appended:
            row = rows[i]
            entry = {
                "stage" if kind == "pilot_status" else "status": row[spec.stage],
                hist_date.key: row[spec.stage_date],
                "note": row.get("note"),
                "recorded_by": recorded_by,
            }
            plan.history.append((key, entry))
    return plan


STANDARD_ATTRS = (
    "category",
    "title_zh",
    "title_en",
    "status",
    "started_on",
    "issue_date",
    "implementation_date",
    "responsible_org",
    "province_code",
)


def _plan_standard(session: Session, rows: list[dict], scope) -> Plan:
    plan = Plan("standard", Deliverable.__tablename__)
    columns = [Deliverable.id, Deliverable.kind, Deliverable.number, Deliverable.version]
    columns += [getattr(Deliverable, c) for c in STANDARD_ATTRS]
    numbers = {r["number"] for r in rows}
    existing = {
        (r.kind, r.number): r for r in _fetch(session, columns, Deliverable.number, numbers)
    }
    for i, row in enumerate(rows):
        key = (row["kind"], row["number"])
        current = existing.get(key)
        if current is not None and scope is not None and current.province_code not in scope:
            plan.conflicts.append(
                Conflict(
                    i,
                    row.get("_row"),
                    "number",
                    "record_province",
                    row["number"],
                    current.province_code,
                    row.get("province_code") or "",
                )
            )
            continue
        values = _kept(current, {c: row.get(c) for c in STANDARD_ATTRS})
        if current is None:
            plan.inserts.append({"kind": key[0], "number": key[1], **values})
        elif _changed(current, values):
            plan.updates.append({"id": current.id, "version": current.version + 1, **values})
        else:
            plan.unchanged += 1
    return plan


def _plan_tasks(session: Session, rows: list[dict], recorded_by: str) -> Plan:
    plan = Plan("task_progress", PolicyTask.__tablename__, TaskUpdate.__tablename__)
    groups = _group(rows, "task_code", lambda r: r["update_date"])
    columns = [
        PolicyTask.code,
        PolicyTask.version,
        PolicyTask.status,
        PolicyTask.progress_pct,
        PolicyTask.last_update_on,
    ]
    tasks = {t.code: t for t in _fetch(session, columns, PolicyTask.code, groups)}
    marks = [TaskUpdate.task_code, TaskUpdate.update_date, TaskUpdate.status]
    marks.append(TaskUpdate.progress_pct)
    recorded = {tuple(r) for r in _fetch(session, marks, TaskUpdate.task_code, groups)}
    for code, idxs in groups.items():
        task = tasks.get(code)
        if task is None:
            for i in idxs:
                row = rows[i]
                plan.conflicts.append(
                    Conflict(i, row.get("_row"), "task_code", "task_unknown", code, None, code)
                )
            continue
        latest = None
        for i in idxs:
            row = rows[i]
            mark = (code, row["update_date"], row["status"], row["progress_pct"])
            if mark in recorded:
                continue
            recorded.add(mark)
            entry = {
                "update_date": row["update_date"],
                "status": row["status"],
                "progress_pct": row["progress_pct"],
                "department_code": row.get("department"),
                "evidence": row.get("evidence"),
                "note": row.get("note"),
                "recorded_by": recorded_by,
            }
            plan.history.append((code, entry))
            if task.last_update_on is None or row["update_date"] >= task.last_update_on:
                latest = row
        if latest is None:
            plan.unchanged += 1
            continue
        values = {
            "status": latest["status"],
            "progress_pct": latest["progress_pct"],
            "last_update_on": latest["update_date"],
        }
        if values["status"] != task.status:
            move = {"key": code, "from": task.status, "to": values["status"]}
            plan.moves.append(move | {"date": latest["update_date"]})
        plan.updates.append({"code": code, "version": task.version + 1, **values})
    return plan


def make_plan(
    session: Session,
    *,
    kind: str,
    rows: list[dict],
    scope: frozenset[str] | None = None,
    recorded_by: str = "",
) -> Plan:
    """The changes `rows` (normalized, with dates) would make now. `scope`: the provinces
    whose records the submitter may change (None: all)."""
    if kind in _STAGED:
        return _plan_staged(session, kind, rows, scope, recorded_by)
    if kind == "standard":
        return _plan_standard(session, rows, scope)
    if kind == "task_progress":
        return _plan_tasks(session, rows, recorded_by)
    raise ValueError(f"unknown report kind: {kind}")
