"""The migration that drops submission.due_on (never filled), on PostgreSQL and on SQLite
(in place; by a copy of the table on an SQLite without DROP COLUMN): the submissions already
there keep every other value and the records that name them, the table keeps its unique
hash, its province key and its indexes, and the downgrade gives the column back (empty)."""

import json
import sqlite3
from datetime import UTC, datetime

import pytest
from alembic import command
from sqlalchemy import event, inspect, text
from sqlalchemy.exc import IntegrityError

from dashboard.db import make_engine
from dashboard.migrate import alembic_config, current_revision

REVISION, BEFORE = "0014", "0013"  # the migration that drops the column, and the one before
ROW = {
    "sha256": "a" * 64,
    "filename": "pilots.csv",
    "kind": "pilot_status",
    "province_code": "330000",
    "submitted_by": "zhejiang",
    "status": "staged",
    "row_count": 3,
    "errors": "[]",
    "warnings": '[{"code": "uscc_check"}]',
    "payload": '[{"pilot_code": "P-1"}]',
    "decision_comment": "见附件",
    "archive_path": "archive/a.csv",
    "version": 2,
}
JSON_COLUMNS = ("errors", "warnings", "payload")
COLUMNS = ", ".join([*ROW, "submitted_at"])
VALUES = ", ".join([*(f":{k}" for k in ROW), ":submitted_at"])
AT = datetime(2025, 3, 1, 8, 30, tzinfo=UTC)


def _migrate(engine, step: str, revision: str) -> None:
    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        getattr(command, step)(cfg, revision)


def _columns(engine) -> set[str]:
    return {c["name"] for c in inspect(engine).get_columns("submission")}


def _indexes(engine) -> set[str]:
    return {i["name"] for i in inspect(engine).get_indexes("submission")}


def _insert(conn, sha: str, province: str | None) -> None:
    values = ROW | {"sha256": sha, "province_code": province, "submitted_at": AT}
    conn.execute(text(f"INSERT INTO submission ({COLUMNS}) VALUES ({VALUES})"), values)


def test_dropping_due_on_drops_due_on_and_keeps_the_submissions(db_url):
    engine = make_engine(db_url)
    _migrate(engine, "upgrade", BEFORE)
    with engine.begin() as conn:
        # the province the submission names, written as the schema stands at 0011
        conn.execute(
            text(
                "INSERT INTO province (code, name_zh, name_en, short_zh, kind, is_standard, "
                "on_map) VALUES ('330000', '浙江省', 'Zhejiang', '浙', 'province', true, true)"
            )
        )
        _insert(conn, "a" * 64, "330000")
        # a pilot and its stage entry written by that submission (they reference it)
        sub = conn.execute(text("SELECT id FROM submission")).scalar_one()
        conn.execute(
            text(
                "INSERT INTO pilot (code, name, pilot_type, province_code, industry, "
                "standards_adopted, current_stage, current_stage_date, submission_id, version, "
                "created_at, updated_at) VALUES ('P-1', '试点', 'park', '330000', 'steel', 0, "
                "'applied', '2025-02-01', :sub, 1, :at, :at)"
            ),
            {"sub": sub, "at": AT},
        )
        pilot = conn.execute(text("SELECT id FROM pilot")).scalar_one()
        conn.execute(
            text(
                "INSERT INTO pilotstage (pilot_id, stage, stage_date, recorded_by, recorded_at, "
                "submission_id) VALUES (:pilot, 'applied', '2025-02-01', 'zhejiang', :at, :sub)"
            ),
            {"pilot": pilot, "sub": sub, "at": AT},
        )
    indexes = _indexes(engine)
    assert "due_on" in _columns(engine)
    assert {"ix_submission_province_status_at", "ix_submission_submitted_at"} <= indexes

    _migrate(engine, "upgrade", REVISION)
    assert current_revision(engine) == REVISION
    assert "due_on" not in _columns(engine)
    assert _indexes(engine) == indexes
    with engine.connect() as conn:
        row = conn.execute(text(f"SELECT {COLUMNS} FROM submission")).mappings().one()
    stored = dict(row)
    submitted_at = stored.pop("submitted_at")
    if isinstance(submitted_at, str):  # SQLite hands the stored text back as it is
        submitted_at = datetime.fromisoformat(submitted_at)
    assert submitted_at.replace(tzinfo=submitted_at.tzinfo or UTC) == AT
    for key in JSON_COLUMNS:  # JSON on PostgreSQL, its text on SQLite
        if isinstance(stored[key], str):
            stored[key] = json.loads(stored[key])
    assert stored == ROW | {key: json.loads(ROW[key]) for key in JSON_COLUMNS}
    with engine.connect() as conn:  # the records still name their submission
        for table in ("pilot", "pilotstage"):
            assert conn.execute(text(f"SELECT submission_id FROM {table}")).scalar_one() == sub
    # the rebuilt table still refuses a second copy of a file and an unknown province
    for sha, province in (("a" * 64, "330000"), ("b" * 64, "999999")):
        with pytest.raises(IntegrityError), engine.begin() as conn:
            _insert(conn, sha, province)

    _migrate(engine, "downgrade", BEFORE)
    assert "due_on" in _columns(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT due_on, filename FROM submission")).one() == (
            None,
            "pilots.csv",
        )
    _migrate(engine, "upgrade", "head")
    assert "due_on" not in _columns(engine)
    engine.dispose()


def test_dropping_due_on_copies_the_table_on_an_sqlite_without_drop_column(tmp_path, monkeypatch):
    """SQLite before 3.35 has no DROP COLUMN: batch mode copies the table, with its
    indexes and its unique hash (possible while no record names a submission)."""
    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    _migrate(engine, "upgrade", BEFORE)
    with engine.begin() as conn:
        _insert(conn, "a" * 64, None)
    indexes = _indexes(engine)
    monkeypatch.setattr(sqlite3, "sqlite_version_info", (3, 34, 1))
    statements: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    _migrate(engine, "upgrade", REVISION)
    assert any("_alembic_tmp_submission" in s for s in statements)  # copied, not altered
    assert "due_on" not in _columns(engine) and _indexes(engine) == indexes
    with engine.connect() as conn:
        assert conn.execute(text("SELECT filename FROM submission")).scalar_one() == "pilots.csv"
    with pytest.raises(IntegrityError), engine.begin() as conn:
        _insert(conn, "a" * 64, None)
    engine.dispose()
