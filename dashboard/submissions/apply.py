"""Write a report's normalized rows into the record tables, in the caller's transaction.

Bulk statements only (executemany), never one ORM object per row. The plan decides what
changes; rows already applied change nothing, so applying twice equals applying once.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, cast

from sqlalchemy import Table, bindparam, select, text, update
from sqlalchemy.engine import Connection
from sqlmodel import Session

from dashboard.bulk import insert_columns, insert_many
from dashboard.kinds import KINDS
from dashboard.models.common import utcnow
from dashboard.progress import spans
from dashboard.submissions.errors import MoveConflict
from dashboard.submissions.plan import DATE_FIELDS, Plan, as_dates, chunks, make_plan

PG_APPLY_LOCK = 7_207_147
Progress = Callable[[int, int], None]
_STAGED = [(k, k.history) for k in KINDS.values() if k.history is not None]
_RECORD_KEY = {k.model.__tablename__: k.model_key[0] for k, _h in _STAGED}
_HISTORY_FK = {h.model.__tablename__: h.owner for _k, h in _STAGED}
_SPAN_TYPE = {h.model.__tablename__: h.span_type for _k, h in _STAGED if h.span_type}


def lock_writes(session: Session) -> None:
    """Serialise appliers until the transaction ends, before anything is read, so the plan
    sees the records as they are when it is written (PostgreSQL: an advisory lock; SQLite:
    the database write lock)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_APPLY_LOCK})
    else:
        session.execute(text("UPDATE submission SET id = id WHERE 1 = 0"))


def _with_dates(kind: str, rows: list[dict]) -> list[dict]:
    fields = DATE_FIELDS[kind]
    for row in rows[:1]:
        if any(isinstance(row.get(f), str) for f in fields):
            return as_dates(kind, rows)
    return rows


def _table(plan: Plan, name: str) -> Table:
    """A table the plan writes, from the metadata its kind's tables are on (SQLModel's; a
    kind described elsewhere, as a test's toy, may keep its tables on a metadata of its own)."""
    return KINDS[plan.kind].model.metadata.tables[name]


def _new_ids(
    conn: Connection, table: Table, key_col: str, inserts: list[dict], submission_id: int | None
) -> dict:
    """Ids of the records just inserted, by key."""
    key = table.c[key_col]
    driver: Any = conn.connection.driver_connection  # the DB-API connection
    if submission_id is not None and conn.dialect.name in ("sqlite", "postgresql"):
        # on the driver's own cursor: 100,000 rows come back without SQLAlchemy's row objects
        mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
        query = f"SELECT {key_col}, id FROM {table.name} WHERE submission_id = {mark}"
        return dict(driver.execute(query, (submission_id,)).fetchall())
    found: dict = {}
    for part in chunks([row[key_col] for row in inserts]):
        found.update(conn.execute(select(key, table.c.id).where(key.in_(part))).all())
    return found


def execute_plan(
    session: Session, plan: Plan, *, submission_id: int | None, progress: Progress | None = None
) -> None:
    conn = session.connection()
    now = utcnow()
    table = _table(plan, plan.table)
    total = max(len(plan.inserts) + len(plan.updates) + len(plan.history), 1)
    done = 0

    def advance(n: int) -> None:
        nonlocal done
        done += n
        if progress:
            progress(done, total)

    ids = dict(plan.ids)
    stamp = {"submission_id": submission_id, "version": 1, "created_at": now, "updated_at": now}
    key_col = _RECORD_KEY.get(plan.table)
    for part in chunks(plan.inserts):
        insert_many(conn, table, part, constants=stamp)
        advance(len(part))
    if key_col and plan.history and plan.inserts:
        ids.update(_new_ids(conn, table, key_col, plan.inserts, submission_id))

    if plan.updates:
        by = "code" if plan.table == "policytask" else "id"
        cols = [c for c in plan.updates[0] if c != by]
        extra: dict[str, object] = {"updated_at": now}
        if plan.table != "policytask" and submission_id is not None:
            # a report becomes the record's source; a page's save leaves the source as it was
            extra["submission_id"] = submission_id
        stmt = (
            update(table)
            .where(table.c[by] == bindparam("b__key"))
            .values({c: bindparam(f"b_{c}") for c in [*cols, *extra]})
        )
        for part in chunks(plan.updates):
            params = [
                {"b__key": u[by], **{f"b_{c}": u[c] for c in cols}}
                | {f"b_{c}": v for c, v in extra.items()}
                for u in part
            ]
            conn.execute(stmt, params)
            advance(len(part))

    if plan.history:
        hist = _table(plan, cast(str, plan.history_table))  # a plan with history entries names it
        fk = _HISTORY_FK.get(plan.history_table)
        when = "created_at" if plan.history_table == "taskupdate" else "recorded_at"
        for part in chunks(plan.history):
            entries = [entry for _key, entry in part]
            names = entries[0].keys()
            if any(e.keys() != names for e in entries):  # a correction among them
                names = dict.fromkeys(name for e in entries for name in e)
            columns = {name: [e.get(name) for e in entries] for name in names}
            if fk:
                columns[fk] = [ids[key] for key, _entry in part]
            else:
                columns["task_code"] = [key for key, _entry in part]
            columns["submission_id"] = [submission_id] * len(part)
            columns[when] = [now] * len(part)
            insert_columns(conn, hist, columns)
            advance(len(part))
        if plan.history_table in _SPAN_TYPE:  # same transaction as the entries
            _refresh_spans(conn, plan, ids, key_col)


def _refresh_spans(conn: Connection, plan: Plan, ids: dict, key_col: str | None) -> None:
    """Counting spans of the records whose history this plan extended: computed from the
    plan for records it created, recomputed from the database for the others."""
    kind = _SPAN_TYPE[plan.history_table]
    created = {row[key_col] for row in plan.inserts} if key_col else set()
    new = [(ids[key], entry) for key, entry in plan.history if key in created]
    existing = {ids[key] for key, _entry in plan.history if key not in created}
    spans.add_for_new_records(conn, kind, new)
    spans.refresh(conn, kind, existing)


def summarize(plan: Plan) -> dict[str, int]:
    return {
        "records_new": len(plan.inserts),
        "records_updated": len(plan.updates),
        "records_unchanged": plan.unchanged,
        "history_new": len(plan.history),
        "stage_moves": len(plan.moves),
    }


class StaleRecord(Exception):
    """A record is no longer at the version its editor read (`record_id`)."""

    def __init__(self, record_id: int | str) -> None:
        super().__init__(record_id)
        self.record_id = record_id


def _check_versions(session: Session, kind: str, expected: dict) -> None:
    """`expected`: record key -> version (None: the record must not exist yet). A key is the
    value of the kind's one key column, or the tuple of its key columns when it has more."""
    spec = KINDS[kind]
    table = spec.model.__table__
    cols = [table.c[c] for c in spec.model_key]
    last = cols[-1]
    ident = table.c.id if "id" in table.c else last  # policy tasks are keyed by their code
    wanted = [k[-1] if len(cols) > 1 else k for k in expected]
    found = session.execute(select(ident, table.c.version, *cols).where(last.in_(wanted))).all()
    for record_id, version, *values in found:
        value = tuple(values) if len(cols) > 1 else values[0]
        if value in expected and expected[value] != version:
            raise StaleRecord(record_id)


def apply_rows(
    session: Session,
    *,
    kind: str,
    rows: list[dict],
    submission_id: int | None,
    actor_name: str,
    progress: Progress | None = None,
    expected_versions: dict | None = None,
) -> dict[str, int]:
    """Apply normalized rows (dates as `date` or ISO text) of one report kind; raises
    MoveConflict, writing nothing, when the records' history does not allow a move.
    `expected_versions` (a page's save: record key -> the version its editor read) raises
    StaleRecord, writing nothing, when a record has moved on; checked under the lock, so
    of two saves over the same version only the first is written."""
    rows = _with_dates(kind, rows)
    lock_writes(session)
    if expected_versions:
        _check_versions(session, kind, expected_versions)
    plan = make_plan(session, kind=kind, rows=rows, recorded_by=actor_name)
    if plan.conflicts:
        raise MoveConflict(plan.conflicts)
    execute_plan(session, plan, submission_id=submission_id, progress=progress)
    return summarize(plan)


def json_rows(rows: list[dict], kind: str | None = None) -> list[dict]:
    """Rows as a submission stores them (dates as ISO text). With `kind`, only that kind's
    date columns are looked at."""
    if kind is None:
        return [
            {k: (v.isoformat() if isinstance(v, date) else v) for k, v in row.items()}
            for row in rows
        ]
    fields = DATE_FIELDS[kind]
    out = []
    for row in rows:
        row = row.copy()
        for name in fields:
            value = row.get(name)
            if value is not None:
                row[name] = value.isoformat()
        out.append(row)
    return out
