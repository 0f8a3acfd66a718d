"""A staged submission's changes as a reviewer reads them: the names of the records it
touches and the vocabulary its values belong to. Plain data; the page labels it."""

from __future__ import annotations

from sqlmodel import Session, col, select

from dashboard.kinds import KINDS
from dashboard.models import PolicyTask
from dashboard.permissions import Actor
from dashboard.submissions.review import visible_submission

# The vocabulary (i18n group) of a kind's stage or status values.
STAGE_GROUP = {key: kind.status_group for key, kind in KINDS.items() if kind.status_group}
# The catalog key naming the records of each table a plan changes.
TABLE_KEY = {
    table.__tablename__: f"review.table.{table.__tablename__}"
    for kind in KINDS.values()
    for table in (kind.model, kind.history.model if kind.history else None)
    if table is not None
} | {"taskupdate": "review.table.taskupdate"}
_NAME_COLUMNS = {key: kind.name_columns for key, kind in KINDS.items() if kind.name_columns}


def record_names(
    session: Session, *, actor: Actor, submission_id: int
) -> dict[str, dict[str, str]]:
    """Key (pilot code, USCC, standard number, task code) -> {"zh": name, "en": name} of the
    records the submission names: from its own rows, and for tasks from the task list."""
    sub = visible_submission(session, actor, submission_id, "view_submissions")
    names: dict[str, dict[str, str]] = {}
    if sub.kind == "task_progress":
        codes = {r.get("task_code") for r in sub.payload}
        rows = session.exec(select(PolicyTask).where(col(PolicyTask.code).in_(codes)))
        return {p.code: {"zh": p.title_zh, "en": p.title_en or p.title_zh} for p in rows}
    columns = _NAME_COLUMNS.get(sub.kind or "")
    if columns is None:
        return names
    key, zh, en = columns
    for row in sub.payload:
        name_zh = row.get(zh) or row.get(en) or ""
        name_en = row.get(en) or name_zh
        if row.get(key) is not None and name_zh:
            names[str(row[key])] = {"zh": name_zh, "en": name_en}
    return names
