"""Each migration undone gives back the schema it started from, on SQLite and PostgreSQL:
stepping up one revision at a time and down again, every downgrade leaves the tables, their
columns, keys, indexes and unique constraints as they stood before its upgrade (a column
given back comes last: only the order of the columns may differ). 0004 cannot be undone
(its downgrade refuses), so the walk goes up to 0003 and down to the empty database, or up
to the head and down to 0004."""

import json

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from dashboard.db import make_engine
from dashboard.migrate import alembic_config, current_revision

IRREVERSIBLE = "0004"


def _revisions() -> list[str]:
    """Every revision, the first first."""
    scripts = ScriptDirectory.from_config(alembic_config()).walk_revisions()
    return [script.revision for script in reversed(list(scripts))]


def _step(engine, step: str, revision: str) -> None:
    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        getattr(command, step)(cfg, revision)


def _schema(engine) -> dict[str, dict[str, list[str]]]:
    """Each table's columns, primary key, foreign keys, indexes and unique constraints, each
    as a sorted list (the order SQLite's table copy writes them in is its own)."""
    found = inspect(engine)
    parts = {
        "columns": found.get_multi_columns(),
        "primary key": {key: [pk] for key, pk in found.get_multi_pk_constraint().items()},
        "foreign keys": found.get_multi_foreign_keys(),
        "indexes": found.get_multi_indexes(),
        "unique": found.get_multi_unique_constraints(),
    }
    tables = {table for _, table in parts["columns"]} - {"alembic_version"}
    return {
        table: {
            part: sorted(
                json.dumps(item, sort_keys=True, default=str) for item in of[(None, table)]
            )
            for part, of in parts.items()
        }
        for table in tables
    }


def _walks() -> dict[str, tuple[str | None, list[str]]]:
    """Where each walk starts (None: the empty database) and the revisions it steps through."""
    revisions = _revisions()
    cut = revisions.index(IRREVERSIBLE)
    return {
        "up-to-0003": (None, revisions[:cut]),
        "above-0004": (IRREVERSIBLE, revisions[cut + 1 :]),
    }


WALKS = _walks()


@pytest.mark.parametrize("walk", WALKS)
def test_each_downgrade_gives_back_the_schema_before_its_upgrade(db_url, walk):
    start, revisions = WALKS[walk]
    assert revisions
    engine = make_engine(db_url)
    if start:
        _step(engine, "upgrade", start)
    before = {}
    for revision in revisions:
        before[revision] = _schema(engine)
        _step(engine, "upgrade", revision)
    assert current_revision(engine) == revisions[-1]
    for revision in reversed(revisions):
        _step(engine, "downgrade", "-1")
        assert _schema(engine) == before[revision], f"{revision} undone"
    assert current_revision(engine) == start
    engine.dispose()
