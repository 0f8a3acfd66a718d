"""Rows that pre-fill a coordinator's template: their province's records of the kinds whose
description asks for it (`RecordKind.prefill`: the kinds a province moves on through their
stages, and the provincial plans) as they stand now (keys, names, current stage), so that a
report updates rows instead of retyping them. Uploading such a file unchanged changes
nothing: each row's stage and date are already in the record's history (or, for a kind
without one, the record's own), and its other cells are the record's."""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import Session

from dashboard.kinds import KINDS
from dashboard.permissions import Actor, allowed_provinces

MAX_ROWS = 5000  # the template's drop-down lists cover this many rows
# Left blank: a note explains the report row it is written on (a stage move), not the record.
BLANK = frozenset({"note"})


def prefilled_kinds() -> tuple[str, ...]:
    """The report kinds whose templates a coordinator gets pre-filled."""
    return tuple(key for key, kind in KINDS.items() if kind.prefill and kind.province_column)


def prefill_rows(session: Session, *, actor: Actor, kind: str) -> list[dict]:
    """The current records of the actor's province as rows of `kind` (column key -> value),
    by key. Empty for a kind without records to update, and for an actor whose scope is
    every province (a national template would hold the whole country)."""
    scope = allowed_provinces(session, actor, "submit_report")
    if kind not in prefilled_kinds() or scope is None:
        return []
    spec = KINDS[kind]
    table = spec.model.__table__
    columns = [c for c in spec.columns if c.key not in BLANK]
    province = table.c[spec.model_column(spec.province_column or "")]
    stmt = (
        select(*(table.c[spec.model_column(c.key)].label(c.key) for c in columns))
        .where(province.in_(sorted(scope)))
        .order_by(*(table.c[c] for c in spec.model_key))
        .limit(MAX_ROWS)
    )
    return [
        {c.key: None if c.key in BLANK else row[c.key] for c in spec.columns}
        for row in session.execute(stmt).mappings()
    ]
