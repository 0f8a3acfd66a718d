"""Hold the counting spans against the rule evaluated straight from the histories."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.engine import Connection

from dashboard.progress.counting import from_spans
from dashboard.progress.history_rule import RECORD_MODELS, counting_on


@dataclass(frozen=True)
class Difference:
    record_type: str
    day: date
    only_in_spans: frozenset[tuple[int, date]]
    only_in_history: frozenset[tuple[int, date]]


def _pairs(conn: Connection, stmt) -> set[tuple[int, date]]:
    sub = stmt.subquery()
    return {(int(i), s) for i, s in conn.execute(select(sub.c.record_id, sub.c.since))}


def differences(conn: Connection, days: list[date]) -> list[Difference]:
    """For each day, the (record id, since) pairs the two evaluations disagree on."""
    out = []
    for record_type, model in RECORD_MODELS.items():
        for day in days:
            spans = _pairs(conn, from_spans(record_type, model, day))
            history = _pairs(conn, counting_on(record_type, day))
            if spans != history:
                out.append(
                    Difference(
                        record_type,
                        day,
                        frozenset(spans - history),
                        frozenset(history - spans),
                    )
                )
    return out
