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

from dashboard.models import Deliverable, PolicyTask, TaskUpdate
from dashboard.submissions.changes import (
    CHUNK,
    DATE_FIELDS,
    KINDS,
    Conflict,
    Plan,
    as_dates,
    changed,
    chunks,
    fetch,
    group_rows,
    kept,
)
from dashboard.submissions.staged import STAGED, plan_staged

__all__ = ["CHUNK", "DATE_FIELDS", "KINDS", "Conflict", "Plan", "as_dates", "chunks", "make_plan"]

STANDARD_ATTRS = (
    "adopted_standard",
    "category",
    "title_zh",
    "title_en",
    "status",
    "started_on",
    "issue_date",
    "implementation_date",
    "withdrawn_on",
    "responsible_org",
    "province_code",
)


def _plan_standard(session: Session, rows: list[dict], scope) -> Plan:
    plan = Plan("standard", Deliverable.__tablename__)
    columns = [Deliverable.id, Deliverable.kind, Deliverable.number, Deliverable.version]
    columns += [getattr(Deliverable, c) for c in STANDARD_ATTRS]
    numbers = {r["number"] for r in rows}
    existing = {(r.kind, r.number): r for r in fetch(session, columns, Deliverable.number, numbers)}
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
        values = kept(current, {c: row.get(c) for c in STANDARD_ATTRS})
        if current is None:
            plan.inserts.append({"kind": key[0], "number": key[1], **values})
        elif changed(current, values):
            plan.updates.append({"id": current.id, "version": current.version + 1, **values})
        else:
            plan.unchanged += 1
    return plan


def _plan_tasks(session: Session, rows: list[dict], recorded_by: str) -> Plan:
    plan = Plan("task_progress", PolicyTask.__tablename__, TaskUpdate.__tablename__)
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
    conflicts_only: bool = False,
) -> Plan:
    """The changes `rows` (normalized, with dates) would make now. `scope`: the provinces
    whose records the submitter may change (None: all). `conflicts_only`: the validator
    needs only the conflicts (the inserts and updates are left out)."""
    if kind in STAGED:
        return plan_staged(session, kind, rows, scope, recorded_by, conflicts_only)
    if kind == "standard":
        return _plan_standard(session, rows, scope)
    if kind == "task_progress":
        return _plan_tasks(session, rows, recorded_by)
    raise ValueError(f"unknown report kind: {kind}")
