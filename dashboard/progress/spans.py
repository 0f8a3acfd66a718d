"""Counting spans: when each record with a counted history (pilots, measurement reviews:
the kinds whose description gives their history a `span_type`) is in a counting stage set,
derived from its history.

A counting rule on a history (docs/PROGRAMMES.md) says: a record counts on day D when its
latest effective history entry on or before D (the latest by date, then by id; an entry that
a correction replaces is not effective) is in the rule's stage set, and it has counted since
the first day whose state (that day's latest effective entry) was in that set. Evaluated
straight from the history that is a window over every entry (see
`dashboard.progress.history_rule`), which at national scale costs seconds per figure. Here
the same rule is turned into periods once per record and per stage set that some target
counts (`SpanSet`, registered when a programme is loaded):

    [valid_from, valid_to)   the days on which the record counts (valid_to empty: still does)
    since                    its first counting date

and a figure becomes an indexed range query on `countingspan`. The spans are refreshed:

- by the one write path of the histories, `dashboard.submissions.apply_rows`, which
  reports and page edits alike go through: in the transaction that writes the entries
  (`add_for_new_records` for the records it creates, `refresh` for the others), so they
  commit or roll back with them. Nothing relies on an ORM hook;
- for other bulk writes (the demo data, the scale generator), by calling `refresh(...)` or
  `rebuild(...)` in the same transaction;
- when a programme brings a new stage set, by `ensure_sets(...)` in the loading transaction;
- by hand: `python -m dashboard spans` compares them with the history rule and `--rebuild`
  recomputes them all.

Each counted set brings its *waiting* set too: the stages before its first stage (a pilot
applied or recommended, a review planned). The forecast reads how many records wait there on
the as-of date (docs/FORECAST.md, "Records waiting"); its spans are kept the same way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from typing import Any

from sqlalchemy import Row, Table, delete, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql import Select

from dashboard.bulk import insert_columns, insert_many
from dashboard.kinds import KINDS
from dashboard.models.common import table_of
from dashboard.models.records import CountingSpan, SpanSet
from dashboard.vocab import PILOT_STAGES, REVIEW_STATUSES

CHUNK = 900  # owner ids per IN (...) list: well under SQLite's parameter limit
SCAN_ABOVE = 5_000  # more records than this: one scan of the history instead of IN lists


@dataclass(frozen=True)
class HistorySpec:
    record_type: str
    table: Table  # the history table (Core)
    owner: str
    state: str
    day: str


# The histories spans are kept for, by record type, from the kinds' descriptions.
SPECS = {
    h.span_type: HistorySpec(h.span_type, table_of(h.model), h.owner, h.state, h.day)
    for h in (kind.history for kind in KINDS.values())
    if h is not None and h.span_type
}
SPAN = table_of(CountingSpan)
SETS = table_of(SpanSet)


def set_key(stages: Iterable[str]) -> str:
    """The key of a stage set: its stages sorted and joined by "+"."""
    return "+".join(sorted(set(stages)))


def stages_of(key: str) -> frozenset[str]:
    return frozenset(key.split("+"))


# The stage sets always kept (a history's `span_sets`: the 2024-2025 action plan's two
# history targets), whether or not a loaded target counts them.
DEFAULT_SETS = {
    h.span_type: tuple(set_key(stages) for stages in h.span_sets)
    for h in (kind.history for kind in KINDS.values())
    if h is not None and h.span_type
}


# The stages of each history in their order (the exits are in none of them).
ORDER = {"pilot": PILOT_STAGES, "measurement_review": REVIEW_STATUSES}


def waiting_set(record_type: str, counted: str) -> str | None:
    """The key of the stages before the first stage of the set `counted` (a record there may
    yet enter it), or None when there are none (or the set holds only exits)."""
    order = ORDER[record_type]
    ranks = [order.index(s) for s in stages_of(counted) if s in order]
    return set_key(order[: min(ranks)]) if ranks and min(ranks) > 0 else None


def active_sets(conn: Connection, record_type: str) -> list[str]:
    """Every stage set some target of this record type counts (registered), plus the default,
    and the waiting set of each."""
    rows = conn.execute(select(SETS.c.stage_set).where(SETS.c.record_type == record_type))
    counted = {*DEFAULT_SETS[record_type], *(r[0] for r in rows)}
    waiting = {w for key in counted if (w := waiting_set(record_type, key)) is not None}
    return sorted(counted | waiting)


def spans_of(
    entries: Iterable[tuple[int, date, str, int | None]], counting: frozenset[str]
) -> list[tuple[date, date, date | None]]:
    """(since, valid_from, valid_to) periods of one record from its history entries, each
    (id, day, state, corrects_id). Pure; the unit tests compare it with the SQL rule."""
    entries = list(entries)
    if not any(s in counting for _i, _d, s, _c in entries):
        return []  # never in a counting state (most new reports: applied, planned)
    corrected = {c for _i, _d, _s, c in entries if c is not None}
    effective = sorted((d, i, s) for i, d, s, _c in entries if i not in corrected)
    starts: list[tuple[date, date | None]] = []
    start: date | None = None
    for day, group in groupby(effective, key=lambda e: e[0]):
        state = list(group)[-1][2]  # the day's last entry by id wins
        if state in counting and start is None:
            start = day
        elif state not in counting and start is not None:
            starts.append((start, day))
            start = None
    if start is not None:
        starts.append((start, None))
    if not starts:
        return []
    since = starts[0][0]  # the first day whose state was in the set
    return [(since, valid_from, valid_to) for valid_from, valid_to in starts]


def _rows(
    spec: HistorySpec, sets: list[str], owner: int, entries: list[tuple[Any, ...]]
) -> Iterator[dict[str, Any]]:
    for key in sets:
        for since, valid_from, valid_to in spans_of(entries, stages_of(key)):
            yield {
                "record_type": spec.record_type,
                "stage_set": key,
                "record_id": owner,
                "since": since,
                "valid_from": valid_from,
                "valid_to": valid_to,
            }


def _history_select(spec: HistorySpec) -> Select:
    t = spec.table
    return select(t.c[spec.owner], t.c.id, t.c[spec.day], t.c[spec.state], t.c.corrects_id)


def _write(
    conn: Connection, spec: HistorySpec, sets: list[str], history_rows: Iterable[Row[Any]]
) -> int:
    """Spans from history rows ordered by owner; inserted in chunks. Returns the count."""
    written = 0
    batch: list[dict] = []
    for owner, group in groupby(history_rows, key=lambda r: r[0]):
        batch.extend(_rows(spec, sets, owner, [tuple(r[1:]) for r in group]))
        if len(batch) >= 10_000:
            insert_many(conn, SPAN, batch)
            written += len(batch)
            batch = []
    if batch:
        insert_many(conn, SPAN, batch)
        written += len(batch)
    return written


def refresh(conn: Connection, record_type: str, owner_ids: Iterable[int]) -> int:
    """Recompute the spans of these records from their histories. A few records: by IN
    lists on the history's owner index; many (a large report): one ordered scan of the
    history, which beats thousands of index probes and does not depend on the planner
    knowing the rows the same transaction has just written."""
    spec = SPECS[record_type]
    sets = active_sets(conn, record_type)
    owner = spec.table.c[spec.owner]
    ids = sorted({int(i) for i in owner_ids if i is not None})
    for n in range(0, len(ids), CHUNK):
        part = ids[n : n + CHUNK]
        conn.execute(
            delete(SPAN).where(SPAN.c.record_type == record_type, SPAN.c.record_id.in_(part))
        )
    if len(ids) > SCAN_ABOVE:
        wanted = set(ids)
        stmt = _history_select(spec).order_by(owner).execution_options(yield_per=20_000)
        rows: Iterable[Row[Any]] = (r for r in conn.execute(stmt) if r[0] in wanted)
        return _write(conn, spec, sets, rows)
    written = 0
    for n in range(0, len(ids), CHUNK):
        rows = conn.execute(
            _history_select(spec).where(owner.in_(ids[n : n + CHUNK])).order_by(owner)
        ).all()
        written += _write(conn, spec, sets, rows)
    return written


def add_for_new_records(conn: Connection, record_type: str, entries: list[tuple[int, dict]]) -> int:
    """Spans of records created in this transaction, from the history entries just written
    for them, each (record id, entry), in the order written (the order of their ids):
    nothing to read back or delete. A record with one entry (most new records) counts from
    that entry's day if its state is in the set; a record with several goes through
    `spans_of`; entries that correct another entry go through `refresh` instead."""
    if not entries:
        return 0
    spec = SPECS[record_type]
    stage_sets = [(key, stages_of(key)) for key in active_sets(conn, record_type)]
    rt, state, day = record_type, spec.state, spec.day
    counts = Counter(owner for owner, _e in entries)
    single: list[tuple[int, dict]] = []
    several: dict[int, list[dict]] = {}
    if len(counts) == len(entries) and not any(e.get("corrects_id") for _o, e in entries):
        single = entries
    else:
        for owner, e in entries:
            if counts[owner] == 1 and not e.get("corrects_id"):
                single.append((owner, e))
            else:
                several.setdefault(owner, []).append(e)
    rows: list[tuple[str, str, int, date, date, date | None]] = [
        (rt, key, owner, e[day], e[day], None)
        for owner, e in single
        for key, stages in stage_sets
        if e[state] in stages
    ]
    recheck: list[int] = []
    for owner, group in several.items():
        if any(e.get("corrects_id") for e in group):
            recheck.append(owner)
            continue
        numbered = [(i, e[day], e[state], None) for i, e in enumerate(group)]
        for key, stages in stage_sets:
            rows.extend(
                (rt, key, owner, since, valid_from, valid_to)
                for since, valid_from, valid_to in spans_of(numbered, stages)
            )
    _insert_tuples(conn, rows)
    return len(rows) + (refresh(conn, record_type, recheck) if recheck else 0)


SPAN_COLUMNS = ("record_type", "stage_set", "record_id", "since", "valid_from", "valid_to")


def _insert_tuples(conn: Connection, rows: list[tuple]) -> None:
    """Span rows given as tuples in SPAN_COLUMNS order."""
    if rows:
        columns = map(list, zip(*rows, strict=True))
        insert_columns(conn, SPAN, dict(zip(SPAN_COLUMNS, columns, strict=True)))


def rebuild(
    conn: Connection, record_types: Iterable[str] = tuple(SPECS), *, only: list[str] | None = None
) -> dict[str, int]:
    """Recompute every span (after a bulk load, or to repair); with `only`, just the spans
    of those stage sets (a programme brought them)."""
    out = {}
    for record_type in record_types:
        spec = SPECS[record_type]
        sets = active_sets(conn, record_type) if only is None else list(only)
        gone = delete(SPAN).where(SPAN.c.record_type == record_type)
        if only is not None:
            gone = gone.where(SPAN.c.stage_set.in_(sets))
        conn.execute(gone)
        stmt = _history_select(spec).order_by(spec.table.c[spec.owner])
        rows = conn.execute(stmt.execution_options(yield_per=20_000))
        out[record_type] = _write(conn, spec, sets, rows)
    return out


def ensure_sets(conn: Connection, wanted: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Register (record_type, stage_set) pairs that targets count and build the spans of the
    sets that had none (the set itself, its waiting set), on this connection. Returns the
    pairs whose spans were built."""
    built: list[tuple[str, str]] = []
    for record_type, key in sorted(set(wanted)):
        registered = conn.execute(
            select(SETS.c.stage_set).where(
                SETS.c.record_type == record_type, SETS.c.stage_set == key
            )
        ).first()
        if registered:
            continue
        before = set(active_sets(conn, record_type))
        conn.execute(SETS.insert().values(record_type=record_type, stage_set=key))
        new = [k for k in active_sets(conn, record_type) if k not in before]
        if new:
            rebuild(conn, [record_type], only=new)
            built.extend((record_type, k) for k in new)
    return built
