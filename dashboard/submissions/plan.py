"""What applying a report's rows would change, worked out against the database as it is now.

A plan lists the records to insert and update, the history entries to append, the stage
moves, and the conflicts: moves the history does not allow (nothing goes back from accepted
to applied; nothing moves after an exit) and records outside the submitter's provinces.
A row whose stage and date are already in the record's history changes nothing, so applying
the same rows twice leaves the database as once. The same plan serves the validator, the
reviewer's preview and the apply step.
"""

from __future__ import annotations

from sqlmodel import Session

from dashboard.kinds import KINDS as RECORD_KINDS
from dashboard.kinds import RecordKind
from dashboard.models import PolicyTask, TaskUpdate
from dashboard.models.common import table_of
from dashboard.submissions.changes import (
    CHUNK,
    DATE_FIELDS,
    PAGE_SAVE,
    REPORT_KINDS,
    Conflict,
    Plan,
    as_dates,
    changed,
    chunks,
    fetch,
    group_rows,
    kept,
)
from dashboard.submissions.history_kinds import plan_history_kind
from dashboard.submissions.links import link_conflicts

__all__ = [
    "CHUNK",
    "DATE_FIELDS",
    "REPORT_KINDS",
    "Conflict",
    "Plan",
    "as_dates",
    "chunks",
    "make_plan",
]


def _plan_keyed(
    session: Session, spec: RecordKind, rows: list[dict], scope: frozenset[str] | None
) -> Plan:
    """Records upserted by their key, with no history (standards, provincial plans, ...).
    A kind with a stage machine and no history has its moves checked against the record."""
    model = spec.model
    plan = Plan(spec.key, model.__tablename__)
    attrs = tuple(spec.attrs.items())
    key_cols = [getattr(model, c) for c in spec.model_key]
    columns = [model.id, *key_cols, model.version] + [getattr(model, c) for _r, c in attrs]
    stages = spec.stages
    if stages is not None and stages.model_stage not in spec.attrs.values():
        columns.append(getattr(model, stages.model_stage))
    last = spec.record_key[-1]
    wanted = {r[last] for r in rows}
    existing = {
        tuple(getattr(r, c) for c in spec.model_key): r
        for r in fetch(session, columns, key_cols[-1], wanted)
    }
    plan.conflicts.extend(link_conflicts(session, spec, rows))
    refused = {c.index for c in plan.conflicts}
    for i, row in enumerate(rows):
        if i in refused:
            continue
        key = tuple(row[c] for c in spec.record_key)
        current = existing.get(key)
        provincial = spec.province_column is not None
        if (
            provincial
            and current is not None
            and scope is not None
            and current.province_code not in scope
        ):
            plan.conflicts.append(
                Conflict(
                    i,
                    row.get("_row"),
                    last,
                    "record_province",
                    row[last],
                    current.province_code,
                    row.get("province_code") or "",
                )
            )
            continue
        if stages is not None:
            was = None if current is None else getattr(current, stages.model_stage)
            new = row[stages.column]
            if new != was and not stages.allowed(was, new):
                plan.conflicts.append(
                    Conflict(i, row.get("_row"), stages.column, "stage_move", row[last], was, new)
                )
                continue
            if new != was:
                plan.moves.append(
                    {"key": row[last], "from": was, "to": new, "date": row[stages.date_column]}
                )
        values = kept(current, {c: row.get(r) for r, c in attrs})
        if current is None:
            for name, default in spec.defaults.items():
                if values.get(name) is None:
                    values[name] = default
            plan.inserts.append(dict(zip(spec.model_key, key, strict=True)) | values)
        elif changed(current, values):
            plan.updates.append({"id": current.id, "version": current.version + 1, **values})
        else:
            plan.unchanged += 1
    return plan


def _plan_tasks(session: Session, rows: list[dict], recorded_by: str) -> Plan:
    plan = Plan("task_progress", table_of(PolicyTask).name, table_of(TaskUpdate).name)
    groups = group_rows(rows, "task_code", lambda r: r["update_date"])
    columns = [
        PolicyTask.code,
        PolicyTask.version,
        PolicyTask.status,
        PolicyTask.progress_pct,
        PolicyTask.last_update_on,
    ]
    tasks = {t.code: t for t in fetch(session, columns, PolicyTask.code, groups)}
    marks = [TaskUpdate.task_code, TaskUpdate.update_date, TaskUpdate.status]
    marks.append(TaskUpdate.progress_pct)
    recorded = {tuple(r) for r in fetch(session, marks, TaskUpdate.task_code, groups)}
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
            if mark in recorded and not row.get(PAGE_SAVE):
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
            if any(rows[i].get(PAGE_SAVE) for i in idxs):  # a new version all the same
                plan.updates.append({"code": code, "version": task.version + 1})
            else:
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
    conflicts_only: bool = False,
) -> Plan:
    """The changes `rows` (normalized, with dates) would make now. `scope`: the provinces
    whose records the submitter may change (None: all). `conflicts_only`: the validator
    needs only the conflicts (the inserts and updates are left out)."""
    spec = RECORD_KINDS.get(kind)
    if spec is None:
        raise ValueError(f"unknown report kind: {kind}")
    if spec.planner == "staged":
        return plan_history_kind(session, kind, rows, scope, recorded_by, conflicts_only)
    if spec.planner == "keyed":
        return _plan_keyed(session, spec, rows, scope)
    return _plan_tasks(session, rows, recorded_by)
