"""Rows that name a record of another kind (`RecordKind.link`): the record must be in its
registry, of the kind the row's event is for. Checked in the plan, so the validator, the
reviewer's preview, the apply step and the page saves all refuse the same rows."""

from __future__ import annotations

from sqlmodel import Session

from dashboard.kinds import RecordKind
from dashboard.submissions.changes import Conflict, fetch


def link_conflicts(session: Session, spec: RecordKind, rows: list[dict]) -> list[Conflict]:
    link = spec.link
    if link is None:
        return []
    model = link.model
    key = getattr(model, link.model_column)
    wanted = {r[link.column] for r in rows if r.get(link.column) is not None}
    found: dict[str, set[str]] = {}
    for number, kind in fetch(session, [key, getattr(model, link.kind_column)], key, wanted):
        found.setdefault(number, set()).add(kind)
    out = []
    for i, row in enumerate(rows):
        value = row.get(link.column)
        if value is None:
            continue  # a required column: the validator has refused the row already
        expected = link.kinds.get(row.get(link.by, ""))
        kinds = found.get(value)
        if kinds is None:
            out.append(
                Conflict(i, row.get("_row"), link.column, link.unknown_code, value, None, "")
            )
        elif expected is not None and expected not in kinds:
            current = sorted(kinds)[0]
            out.append(
                Conflict(i, row.get("_row"), link.column, link.kind_code, value, current, expected)
            )
    return out
