"""Blocks of schema that several migrations write alike: the columns every reported record
ends with, the table of a stage or status history, a record's location, plain column
indexes, adding or dropping columns and tables, and both steps of a migration that only adds
columns.

Each migration that calls these replays them on every fresh database, so what a function
here creates must never change: a different shape is a new function, never an edit of one of
these. They mirror `dashboard.models.common` (`ReportedRecord`, `HistoryEntry`,
`Located`).
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
import sqlmodel
from alembic import op

TEXT = sqlmodel.sql.sqltypes.AutoString


def _foreign_keys(references: dict[str, str]) -> list[sa.ForeignKeyConstraint]:
    """One constraint per column, in the order Alembic's autogenerate writes them."""
    return [sa.ForeignKeyConstraint([col], [references[col]]) for col in sorted(references)]


def create_record_table(
    table: str,
    *columns: sa.Column,
    references: dict[str, str] | None = None,
    unique: tuple[str, ...],
    unique_name: str | None = None,
) -> None:
    """A record the reports write: `id`, its own `columns`, then the submission that last
    wrote it, the version and the timestamps; `references` maps a column to the key it
    points at (the submission's is added); `unique` are the columns of its natural key."""
    op.create_table(
        table,
        sa.Column("id", sa.Integer(), nullable=False),
        *columns,
        sa.Column("submission_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        *_foreign_keys({**(references or {}), "submission_id": "submission.id"}),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint(*unique, name=unique_name),
    )


def create_history_table(
    table: str,
    owner: str,
    owner_table: str,
    state: str,
    *,
    index: str,
    text_length: tuple[int | None, int | None] = (None, None),
    date_index: bool = False,
) -> None:
    """The append-only history of a record in `owner_table`: each entry names its record
    (`owner`), the `state` it reached on `<state>_date`, the entry it corrects, a note, the
    submission and who recorded it when. `index` names the index on (owner, date);
    `text_length` is the length of the state and of the note (none: unbounded);
    `date_index` adds the plain index on the date."""
    state_length, note_length = text_length
    day = f"{state}_date"
    op.create_table(
        table,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(owner, sa.Integer(), nullable=False),
        sa.Column(state, TEXT(length=state_length), nullable=False),
        sa.Column(day, sa.Date(), nullable=False),
        sa.Column("corrects_id", sa.Integer(), nullable=True),
        sa.Column("note", TEXT(length=note_length), nullable=True),
        sa.Column("submission_id", sa.Integer(), nullable=True),
        sa.Column("recorded_by", TEXT(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        *_foreign_keys(
            {
                "corrects_id": f"{table}.id",
                owner: f"{owner_table}.id",
                "submission_id": "submission.id",
            }
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.create_index(index, [owner, day], unique=False)
        if date_index:
            batch_op.create_index(batch_op.f(f"ix_{table}_{day}"), [day], unique=False)


def create_indexes(table: str, *columns: str) -> None:
    """The index `ix_<table>_<column>` on each column (what `Field(index=True)` makes)."""
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in columns:
            batch_op.create_index(batch_op.f(f"ix_{table}_{column}"), [column], unique=False)


def drop_table(table: str, *indexes: str) -> None:
    """Drop the named indexes of a table, in that order, then the table."""
    if indexes:
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name in indexes:
                batch_op.drop_index(batch_op.f(name))
    op.drop_table(table)


def add_location(table: str) -> None:
    """Where a record is, as reported: longitude and latitude in decimal degrees and their
    datum."""
    add_columns(
        table,
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("location_datum", TEXT(length=8), nullable=True),
    )


def drop_location(table: str) -> None:
    drop_columns(table, "location_datum", "latitude", "longitude")


def add_columns(table: str, *columns: sa.Column) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in columns:
            batch_op.add_column(column)


def drop_columns(table: str, *names: str) -> None:
    """Drop the named columns, in that order."""
    with op.batch_alter_table(table, schema=None) as batch_op:
        for name in names:
            batch_op.drop_column(name)


def columns_added(table: str, *columns: sa.Column) -> tuple[Callable[[], None], Callable[[], None]]:
    """The two steps of a migration that only adds `columns` to `table`: the upgrade, which
    adds them, and the downgrade, which drops them again (the last first)."""
    names = [column.name for column in reversed(columns)]

    def upgrade() -> None:
        add_columns(table, *columns)

    def downgrade() -> None:
        drop_columns(table, *names)

    return upgrade, downgrade
