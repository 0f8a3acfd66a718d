"""Policy tasks and measures with their lead and participating departments."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
from sqlmodel import Session, select

from dashboard import audit
from dashboard.i18n import local_today
from dashboard.models import Department, PolicyTask, TaskDepartment, TaskGroup, TaskUpdate
from dashboard.permissions import Actor, authorize
from dashboard.services.editing import EditError
from dashboard.submissions.apply import StaleRecord, apply_rows
from dashboard.submissions.changes import PAGE_SAVE
from dashboard.vocab import TASK_STATUSES

# what a task update's audit event records of the task, before and after
TASK_AUDITED = ("status", "progress_pct", "last_update_on", "version")
TASK_COLS = [
    "code",
    "version",
    "document",
    "group_code",
    "group_zh",
    "group_en",
    "number",
    "title_zh",
    "title_en",
    "lead",
    "participating",
    "departments_source",
    "status",
    "progress_pct",
    "last_update_on",
    "evidence",
    "clause_zh",
    "clause_en",
]


def departments(session: Session) -> pd.DataFrame:
    rows = session.exec(select(Department).order_by(Department.code)).all()
    return pd.DataFrame([r.model_dump() for r in rows], columns=["code", "name_zh", "name_en"])


def tasks_frame(
    session: Session,
    *,
    department: str | None = None,
    role: str | None = None,
    document: str | None = None,
    statuses: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Tasks with department codes per role; `department` (+ optional role "lead") answers
    "what does my department lead?"."""
    stmt = select(PolicyTask)
    if document:
        stmt = stmt.where(PolicyTask.document_code == document)
    if statuses:
        stmt = stmt.where(PolicyTask.status.in_(statuses))
    if department:
        link = select(TaskDepartment.task_code).where(TaskDepartment.department_code == department)
        if role:
            link = link.where(TaskDepartment.role == role)
        stmt = stmt.where(PolicyTask.code.in_(link))
    tasks = session.exec(stmt.order_by(PolicyTask.document_code, PolicyTask.seq)).all()
    groups = {g.code: g for g in session.exec(select(TaskGroup))}
    links: dict[str, dict[str, list[str]]] = {}
    for link in session.exec(select(TaskDepartment).order_by(TaskDepartment.department_code)):
        links.setdefault(link.task_code, {"lead": [], "participating": []})[link.role].append(
            link.department_code
        )
    latest_evidence = _latest_evidence(session, [t.code for t in tasks])
    rows = []
    for t in tasks:
        g = groups[t.group_code]
        d = links.get(t.code, {"lead": [], "participating": []})
        rows.append(
            {
                "code": t.code,
                "version": t.version,
                "document": t.document_code,
                "group_code": t.group_code,
                "group_zh": g.name_zh,
                "group_en": g.name_en,
                "number": t.number,
                "title_zh": t.title_zh,
                "title_en": t.title_en,
                "lead": d["lead"],
                "participating": d["participating"],
                "departments_source": t.departments_source,
                "status": t.status,
                "progress_pct": t.progress_pct,
                "last_update_on": t.last_update_on,
                "evidence": latest_evidence.get(t.code),
                "clause_zh": t.clause_zh,
                "clause_en": t.clause_en,
            }
        )
    return pd.DataFrame(rows, columns=TASK_COLS)


def _latest_evidence(session: Session, codes: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    stmt = (
        select(TaskUpdate.task_code, TaskUpdate.evidence)
        .where(TaskUpdate.task_code.in_(codes))
        .order_by(TaskUpdate.update_date, TaskUpdate.id)
    )
    for code, evidence in session.execute(stmt).all():
        if evidence:
            out[code] = evidence
    return out


def task_updates(session: Session, code: str) -> pd.DataFrame:
    rows = session.exec(
        select(TaskUpdate)
        .where(TaskUpdate.task_code == code)
        .order_by(TaskUpdate.update_date.desc(), TaskUpdate.id.desc())
    ).all()
    cols = [
        "update_date",
        "status",
        "progress_pct",
        "department_code",
        "evidence",
        "note",
        "recorded_by",
        "submission_id",
    ]
    return pd.DataFrame([{c: getattr(r, c) for c in cols} for r in rows], columns=cols)


def add_task_update(
    session: Session,
    *,
    actor: Actor,
    task_code: str,
    status: str,
    progress_pct: int,
    update_date,
    evidence: str | None = None,
    note: str | None = None,
    expected_version: int,
) -> PolicyTask:
    """A dated update of a policy task (ministry). The task's status, progress and last
    update are derived from its latest update; a save over a newer version is refused."""
    authorize(session, actor, "edit_task", entity=("policy_task", task_code))
    task = session.get(PolicyTask, task_code)
    if task is None:
        raise EditError("edit.not_found")
    if status not in TASK_STATUSES:
        raise EditError("edit.unknown_stage", stage=status)
    if not 0 <= progress_pct <= 100:
        raise EditError("tasks.progress_range")
    if update_date > local_today() + timedelta(days=1):
        raise EditError("edit.date_future", day=update_date)
    before = audit.snapshot(task, TASK_AUDITED)
    # written as a row of the task progress report, by the step that applies reports; the
    # version the user read is checked again under the apply lock
    row = {"task_code": task_code, "status": status, "progress_pct": progress_pct}
    row |= {"update_date": update_date, "department": None, "evidence": evidence, "note": note}
    try:
        apply_rows(
            session,
            kind="task_progress",
            rows=[row | {PAGE_SAVE: True}],
            submission_id=None,
            actor_name=actor.username,
            expected_versions={task_code: expected_version},
        )
    except StaleRecord:
        session.rollback()
        raise EditError("tasks.stale") from None
    # the task as saved: an update dated before the latest one joins the history but
    # leaves the task's status and progress as they were
    session.refresh(task)
    audit.record(
        session,
        actor=actor.username,
        action="task_update",
        entity_type="policy_task",
        entity_id=task_code,
        detail={
            "before": before,
            "after": audit.snapshot(task, TASK_AUDITED),
            "update": {"update_date": update_date, "status": status, "progress_pct": progress_pct},
        },
    )
    return task
