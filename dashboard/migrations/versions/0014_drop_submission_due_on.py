"""drop submission.due_on: the column was never filled (always NULL) and nothing read it"""

import sqlite3

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"


def _recreate() -> str:
    """How batch mode alters the table: in place ("never": ALTER TABLE ... DROP COLUMN) on
    PostgreSQL and on SQLite 3.35 or later. Batch mode's usual way on SQLite, copying the
    table and dropping the old one, fails once records name a submission (submission_id):
    with foreign keys on, SQLite's DROP TABLE deletes the rows first and refuses. Only an
    SQLite older than 3.35, which has no DROP COLUMN, copies the table ("auto")."""
    old_sqlite = op.get_bind().dialect.name == "sqlite" and sqlite3.sqlite_version_info < (3, 35)
    return "auto" if old_sqlite else "never"


def upgrade() -> None:
    with op.batch_alter_table("submission", schema=None, recreate=_recreate()) as batch_op:
        batch_op.drop_column("due_on")


def downgrade() -> None:
    with op.batch_alter_table("submission", schema=None) as batch_op:  # SQLite adds in place
        batch_op.add_column(sa.Column("due_on", sa.DateTime(timezone=True), nullable=True))
