"""Which targets each listed record counts for: the registries' "counts for" marker,
from the same qualifying rows as the figures (dashboard.progress.counting)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pandas as pd
from sqlalchemy import select
from sqlmodel import Session

from dashboard.i18n import t
from dashboard.progress.counting import qualifying
from dashboard.progress.service import in_force, list_targets

MARK_COLUMN = "counts_for"


def counted_for(
    session: Session, record_type: str, as_of: date
) -> dict[int, list[tuple[str, bool]]]:
    """Record id -> (target code, at its deadline) for each target (not retired) whose
    figure on `as_of` counts the record; a target past its deadline counts on its deadline,
    as its figure does. A record that a de-duplication key represents by another record (a
    second batch) is not marked."""
    marks: dict[int, list[tuple[str, bool]]] = defaultdict(list)
    for target in list_targets(session):
        if target.retired_on and target.retired_on <= as_of:
            continue
        d = in_force(session, target, as_of).definition
        if d.spec.records != record_type:
            continue
        q = qualifying(d, as_of).subquery()
        for (record_id,) in session.connection().execute(select(q.c.record_id)):
            marks[int(record_id)].append((target.code, as_of > d.deadline))
    return dict(marks)


def with_marks(
    session: Session, df: pd.DataFrame, record_type: str, as_of: date, lang: str
) -> pd.DataFrame:
    """`df` (with an "id" column) and a column of the targets each record counts for: "T2"
    today, or "T2 (at the deadline)" for a target whose deadline has passed."""
    marks = counted_for(session, record_type, as_of) if len(df) else {}
    suffix = t("registry.at_deadline", lang)
    out = df.copy()
    out[MARK_COLUMN] = [
        [f"{code}{suffix if late else ''}" for code, late in marks.get(int(i), [])]
        for i in df["id"]
    ]
    return out
