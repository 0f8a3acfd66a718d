"""Checks of a report's rows against the records already in the database: stage moves the
records' history does not allow, records of another province than the submitter's, linked
records that are missing or of the wrong kind. The rows are planned in a few bulk queries
by dashboard.submissions.make_plan, the same plan that applies them, and each conflict of
the plan becomes an error as the submitter reads it (`conflict_errors`, also used when an
import meets a conflict under the apply lock)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlmodel import Session

from dashboard.submissions import Conflict, make_plan
from pipelines.messages import issue
from pipelines.schemas import REPORT_KINDS
from pipelines.validation_context import Context, Validation


def check_history(session: Session, result: Validation, ctx: Context) -> None:
    """Add the errors of rows whose moves the records' history does not allow, or whose
    records belong to a province outside the submitter's scope."""
    if not result.rows or result.kind is None:  # rows come only with a kind
        return
    plan = make_plan(
        session, kind=result.kind, rows=result.rows, scope=ctx.scope, conflicts_only=True
    )
    result.errors.extend(conflict_errors(result.kind, result.rows, plan.conflicts))
    result.errors.sort(key=lambda e: e["row"] or 0)


def conflict_errors(
    kind: str, rows: list[dict[str, Any]], conflicts: Sequence[Conflict]
) -> list[dict[str, Any]]:
    """Errors for the conflicts of a plan (dashboard.submissions.Conflict)."""
    spec = REPORT_KINDS[kind]
    group = spec.stages.group if spec.stages else spec.status_group
    link = spec.link
    errors = []
    for c in conflicts:
        params: dict[str, Any] = {"record": c.key}
        if c.code in ("stage_move", "stage_date_order"):
            params |= {"current": (group, c.current), "new": (group, c.new)}
            params["current_date"] = c.current_date.isoformat() if c.current_date else "—"
        elif c.code == "record_province":
            params["current"] = c.current or "—"
        elif link is not None and c.code == link.kind_code:  # a linked record's kind
            params |= {"current": ("kind", c.current), "new": ("kind", c.new)}
        value = rows[c.index].get(c.column) if c.index < len(rows) else ""
        errors.append(
            issue(c.code, kind=kind, row=c.row, column=c.column, value=value, params=params)
        )
    return errors
