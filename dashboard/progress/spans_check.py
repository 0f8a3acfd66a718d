"""Hold the counting spans against the rule evaluated straight from the histories, for
every stage set some target counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql import Select
from sqlmodel import col

from dashboard.models import CountingSpan
from dashboard.progress.history_rule import counting_on
from dashboard.progress.spans import SPECS, active_sets


@dataclass(frozen=True)
class Difference:
    record_type: str
    stage_set: str
    day: date
    only_in_spans: frozenset[tuple[int, date]]
    only_in_history: frozenset[tuple[int, date]]


def spans_on(record_type: str, stage_set: str, day: date) -> Select[int, date]:
    span = CountingSpan
    return select(col(span.record_id), col(span.since)).where(
        col(span.record_type) == record_type,
        col(span.stage_set) == stage_set,
        col(span.valid_from) <= day,
        or_(col(span.valid_to).is_(None), col(span.valid_to) > day),
    )


def differences(conn: Connection, days: list[date]) -> list[Difference]:
    """For each set and day, the (record id, since) pairs the two evaluations disagree on."""
    out = []
    for record_type in SPECS:
        for key in active_sets(conn, record_type):
            for day in days:
                spans = {(int(i), s) for i, s in conn.execute(spans_on(record_type, key, day))}
                sub = counting_on(record_type, day, key).subquery()
                history = {
                    (int(i), s) for i, s in conn.execute(select(sub.c.record_id, sub.c.since))
                }
                if spans != history:
                    out.append(
                        Difference(
                            record_type,
                            key,
                            day,
                            frozenset(spans - history),
                            frozenset(history - spans),
                        )
                    )
    return out
