"""The two queries the briefing pack needs that no other service answers: the policy tasks at
risk as of a date, and the source documents.

A task's state as of a date is its latest progress update on or before that date (a task
with no update history keeps its current state). A task is at risk when it is delayed, or
when it is not completed and its progress is more than AT_RISK_GAP points behind the time
elapsed: the share of the time from its document's issue date to PROGRAMME_END that has
passed (both documents set their objectives for 2025).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlmodel import Session, select

from dashboard.models import Department, Document, PolicyTask, TaskDepartment, TaskUpdate

PROGRAMME_END = date(2025, 12, 31)
AT_RISK_GAP = 20  # percentage points

TASK_COLUMNS = [
    "code",
    "title_zh",
    "title_en",
    "status",
    "progress_pct",
    "expected_pct",
    "lead_zh",
    "lead_en",
    "last_update_on",
]


def time_elapsed_pct(issued_on: date, as_of: date, end: date = PROGRAMME_END) -> int:
    if as_of <= issued_on:
        return 0
    if as_of >= end:
        return 100
    return round(100 * (as_of - issued_on).days / (end - issued_on).days)


def _states_as_of(session: Session, as_of: date) -> dict[str, tuple[str, int, date]]:
    """Each task's latest update on or before the date: (status, progress, date)."""
    rows = session.exec(
        select(TaskUpdate)
        .where(TaskUpdate.update_date <= as_of)
        .order_by(TaskUpdate.task_code, TaskUpdate.update_date, TaskUpdate.id)
    ).all()
    return {u.task_code: (u.status, u.progress_pct, u.update_date) for u in rows}


def tasks_at_risk(session: Session, as_of: date) -> pd.DataFrame:
    """Tasks delayed or behind time as of the date, most behind first."""
    issued = {d.code: d.issued_on for d in session.exec(select(Document))}
    states = _states_as_of(session, as_of)
    with_history = set(session.exec(select(TaskUpdate.task_code).distinct()).all())
    names = {d.code: d for d in session.exec(select(Department))}
    leads: dict[str, list[str]] = {}
    for link in session.exec(
        select(TaskDepartment)
        .where(TaskDepartment.role == "lead")
        .order_by(TaskDepartment.department_code)
    ):
        leads.setdefault(link.task_code, []).append(link.department_code)
    rows = []
    for task in session.exec(select(PolicyTask).order_by(PolicyTask.code)):
        if task.code in states:
            status, progress, updated = states[task.code]
        elif task.code in with_history:  # no update yet on that date
            status, progress, updated = "not_started", 0, None
        else:
            status, progress, updated = task.status, task.progress_pct, task.last_update_on
        expected = time_elapsed_pct(issued[task.document_code], as_of)
        behind = status != "completed" and progress + AT_RISK_GAP < expected
        if status != "delayed" and not behind:
            continue
        lead = [names[c] for c in leads.get(task.code, []) if c in names]
        rows.append(
            {
                "code": task.code,
                "title_zh": task.title_zh,
                "title_en": task.title_en,
                "status": status,
                "progress_pct": progress,
                "expected_pct": expected,
                "lead_zh": "、".join(d.name_zh for d in lead),
                "lead_en": "; ".join(d.name_en for d in lead),
                "last_update_on": updated,
            }
        )
    df = pd.DataFrame(rows, columns=TASK_COLUMNS)
    if df.empty:
        return df
    gap = df["expected_pct"] - df["progress_pct"]
    order = df.assign(_delayed=df["status"] != "delayed", _gap=-gap)
    return df.loc[order.sort_values(["_delayed", "_gap", "code"]).index].reset_index(drop=True)


@dataclass(frozen=True)
class SourceDocument:
    code: str
    doc_number: str
    title_zh: str
    title_en: str
    issued_on: date


def source_documents(session: Session) -> list[SourceDocument]:
    return [
        SourceDocument(d.code, d.doc_number, d.title_zh, d.title_en, d.issued_on)
        for d in session.exec(select(Document).order_by(Document.issued_on, Document.code))
    ]
